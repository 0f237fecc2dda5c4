import { waitFor } from '../../../core/wait-for.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { readAll } from '../../../kit/readers/topic-reader.js';
import { EX7_RULES, OBJECTS } from '../contract.js';
import type { PreflightHint } from '../preflight.js';
import type { Ex7Prepared, RefusedStatement } from '../prepare.js';
import { enrichedId, parseEnriched, type EnrichedView } from '../results.js';
import { describeRefusal, failed, refusalFor } from './common.js';
import { shownList } from '../../../kit/judging/shown-list.js';
import { pass } from '../../../kit/judging/judgement.js';

export interface JoinObs {
  expected: EnrichedView[];
  /** The enriched stream's topic records, parsed; `unreadable` counts values that are not the contract's JSON. */
  got: EnrichedView[];
  unreadable: number;
  refusedStatement?: RefusedStatement;
  hints: PreflightHint[];
}

export function judgeJoin(o: JoinObs): Judgement {
  const data = { expected: o.expected.length, got: o.got.length, unreadable: o.unreadable };
  const objects = [OBJECTS.enriched.name, OBJECTS.users.name];
  if (o.refusedStatement) return failed(describeRefusal(o.refusedStatement), data, o.hints, objects);
  if (o.got.length === 0)
    return failed(
      {
        fr: `Le topic de ${OBJECTS.enriched.name} ne contient aucune vue enrichie (${o.unreadable} valeur(s) illisible(s)).`,
        en: `${OBJECTS.enriched.name}'s topic holds no enriched view (${o.unreadable} unreadable value(s)).`,
      },
      data,
      o.hints,
      objects,
    );
  const got = new Map<string, (string | null)[]>();
  for (const g of o.got) got.set(enrichedId(g), [...(got.get(enrichedId(g)) ?? []), g.region]);
  const problems: string[] = [];
  for (const e of o.expected) {
    const regions = got.get(enrichedId(e));
    if (!regions?.length)
      problems.push(`view ${e.user} at ${new Date(e.viewtime).toISOString().slice(11, 19)} on ${e.page} is missing`);
    else {
      const r = regions.shift()!;
      if (r !== e.region)
        problems.push(
          `view ${e.user} at ${new Date(e.viewtime).toISOString().slice(11, 19)}: REGION ${r ?? 'null'}, expected ${e.region ?? 'null'}`,
        );
    }
  }
  const extra = [...got.values()].reduce((n, l) => n + l.length, 0);
  if (extra > 0) problems.push(`${extra} record(s) that are no view of the input`);
  if (problems.length) {
    const shown = shownList(problems, 5, { fr: ' ; ', en: '; ' });
    return failed(
      {
        fr: `La jointure diffère du résultat attendu : ${shown.fr}.`,
        en: `The join differs from the expected result: ${shown.en}.`,
      },
      { ...data, problems: problems.length },
      o.hints,
      objects,
    );
  }
  const misses = o.expected.filter((e) => e.region === null).length;
  return pass(
    {
      fr: `Les ${o.expected.length} vues sont enrichies de la région de leur utilisateur (${misses} sans utilisateur connu, REGION null).`,
      en: `All ${o.expected.length} views carry their user's region (${misses} without a known user, REGION null).`,
    },
    data,
  );
}

export const joinEnriches: CheckDefinition<Ex7Prepared, JoinObs> = {
  id: 'join-enriches',
  title: {
    fr: 'Jointure stream-table : chaque vue enrichie de la région',
    en: 'Stream-table join: each view enriched with the region',
  },
  points: 2,
  hint: {
    fr: 'PAGEVIEWS LEFT JOIN USERS ON PAGEVIEWS.USER_ID = USERS.USER_ID : un stream joint à une table prend la ligne de la table pour la clé de chaque événement.',
    en: "PAGEVIEWS LEFT JOIN USERS ON PAGEVIEWS.USER_ID = USERS.USER_ID: a stream joined with a table takes the table's row for each event's key.",
  },
  async observe(ctx, p) {
    const expected: EnrichedView[] = p.expected.join.map((j) => ({
      user: j.key,
      page: j.value.page,
      viewtime: j.ts,
      timeSpent: j.value.duration,
      region: j.table ?? null,
    }));
    const refusedStatement = refusalFor(p.refused, OBJECTS.enriched.name);
    const topic = ctx.names.topics[OBJECTS.enriched.topic]!;
    let got: EnrichedView[] = [];
    let unreadable = 0;
    const read = async () => {
      const records = await readAll(ctx.stack, topic).catch(() => []);
      const parsed = records.map((r) => parseEnriched(r.key, r.value));
      got = parsed.filter((x): x is EnrichedView => x !== undefined);
      unreadable = parsed.length - got.length;
      return got.length + unreadable >= expected.length;
    };
    if (!refusedStatement) {
      await waitFor(read, {
        timeoutMs: Math.max(5_000, p.producedAt + EX7_RULES.resultsTimeoutMs - Date.now()),
        intervalMs: 1000,
        what: `${topic} to hold every view`,
      }).catch(() => undefined);
    }
    return { expected, got, unreadable, hints: p.hints, ...(refusedStatement ? { refusedStatement } : {}) };
  },
  judge: judgeJoin,
};
