import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { COLUMNS, EX7_RULES, OBJECTS } from '../contract.js';
import type { PreflightHint } from '../preflight.js';
import type { Ex7Prepared } from '../prepare.js';
import { failed } from './common.js';
import { pass } from '../../../kit/judging/judgement.js';

export interface EventTimeObs {
  /** DESCRIBE PAGEVIEWS's timestamp column ('' when it uses the record's timestamp); undefined: no PAGEVIEWS. */
  timestampColumn?: string;
  /** The views' time range (VIEWTIME), and the tumbling windows' starts the table holds. */
  firstViewMs: number;
  lastViewMs: number;
  windowStarts: number[];
  hints: PreflightHint[];
}

export function judgeEventTime(o: EventTimeObs): Judgement {
  const data = { ...o, hints: undefined };
  if (o.timestampColumn === undefined)
    return failed(
      { fr: `${OBJECTS.pageviews.name} n'existe pas.`, en: `${OBJECTS.pageviews.name} does not exist.` },
      data,
      o.hints,
      [OBJECTS.pageviews.name],
    );
  const inRange = o.windowStarts.filter((s) => s + EX7_RULES.tumbling.sizeMs > o.firstViewMs && s <= o.lastViewMs);
  const outside = o.windowStarts.length - inRange.length;
  // Convention 10: the windows must exist before their times can show which clock they used.
  if (o.windowStarts.length === 0) {
    return failed(
      {
        fr: `${OBJECTS.tumbling.name} ne contient aucune fenêtre : rien ne montre quel temps les fenêtres utilisent.`,
        en: `${OBJECTS.tumbling.name} holds no window: nothing shows which time the windows use.`,
      },
      data,
      o.hints,
      [OBJECTS.pageviews.name, OBJECTS.tumbling.name],
    );
  }
  const column = o.timestampColumn || "(none: the records' timestamps)";
  if (o.timestampColumn.toUpperCase() !== COLUMNS.viewtime || outside > 0) {
    return failed(
      {
        fr: `Le temps des fenêtres n'est pas celui des vues : colonne de temps de ${OBJECTS.pageviews.name} ${column}, ${outside} fenêtre(s) de ${OBJECTS.tumbling.name} sur ${o.windowStarts.length} hors de la période des vues.`,
        en: `Windows do not use the view time: ${OBJECTS.pageviews.name}'s timestamp column is ${column}, ${outside} of ${o.windowStarts.length} ${OBJECTS.tumbling.name} windows lie outside the views' period.`,
      },
      data,
      o.hints,
      [OBJECTS.pageviews.name],
    );
  }
  return pass(
    {
      fr: `Temps des événements : TIMESTAMP='${COLUMNS.viewtime}', et les ${o.windowStarts.length} fenêtres tombent dans la période des vues.`,
      en: `Event time: TIMESTAMP='${COLUMNS.viewtime}', and all ${o.windowStarts.length} windows fall within the views' period.`,
    },
    data,
  );
}

export const eventTime: CheckDefinition<Ex7Prepared, EventTimeObs> = {
  id: 'event-time',
  title: { fr: "Les fenêtres utilisent l'heure de la vue (TIMESTAMP=)", en: 'Windows use the view time (TIMESTAMP=)' },
  points: 1,
  hint: {
    fr: "Sans TIMESTAMP='VIEWTIME' dans le WITH du stream, ksqlDB fenêtre selon l'horodatage d'écriture des messages, pas selon l'heure de l'événement.",
    en: "Without TIMESTAMP='VIEWTIME' in the stream's WITH clause, ksqlDB windows by the records' write time, not by the event's time.",
  },
  async observe(_ctx, p) {
    const d = await p.ksql.describe(OBJECTS.pageviews.name);
    const q = await p.ksql.pull(`SELECT * FROM ${OBJECTS.tumbling.name};`);
    const startAt = 'refused' in q ? -1 : q.columns.indexOf('WINDOWSTART');
    const times = p.scenario.views.map((v) => v.ts);
    return {
      ...(d ? { timestampColumn: d.timestamp ?? '' } : {}),
      firstViewMs: Math.min(...times),
      lastViewMs: Math.max(...times),
      windowStarts: 'refused' in q || startAt < 0 ? [] : q.rows.map((r) => Number(r[startAt])),
      hints: p.hints,
    };
  },
  judge: judgeEventTime,
};
