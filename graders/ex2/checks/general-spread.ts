import { chiSquareUniform } from '../../../kit/judging/partitions.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import type { Localized } from '../../../model/verdict.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { countByPartition, describeAnswers } from '../traffic.js';
import { partitionCountsChart } from '../../../kit/judging/charts.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

/** A correct partitioner fails the test less than once in a million runs; lopsided spreads fail by far. */
export const SIGNIFICANCE = 1e-6;

export interface SpreadObs {
  endpoint: string;
  reserved: number[];
  /** Records per partition, every partition of the topic. */
  counts: number[];
  sent: number;
  arrived: number;
  /** What the endpoint answered (said when notifications did not arrive). */
  answers?: Localized;
}

const answered = (o: SpreadObs) =>
  o.answers ? { fr: ` (${o.answers.fr})`, en: ` (${o.answers.en})` } : { fr: '', en: '' };

/** Records per partition, the reserved ones marked. */
const spreadChart = (o: SpreadObs) => partitionCountsChart('counts', o.counts, o.reserved);

export function judgeBalanced(o: SpreadObs): Judgement {
  const others = o.counts.map((n, p) => ({ p, n })).filter((x) => !o.reserved.includes(x.p));
  const test = chiSquareUniform(
    others.map((x) => x.n),
    SIGNIFICANCE,
  );
  const table = others.map((x) => `p${x.p}=${x.n}`).join(', ');
  const data = {
    ...o,
    chiSquare: Number(test.statistic.toFixed(2)),
    df: test.df,
    pValue: test.pValue,
    significance: SIGNIFICANCE,
    expectedEach: Number(test.expectedEach.toFixed(1)),
  };
  const charts = [spreadChart(o)];
  if (o.arrived < o.sent * 0.95) {
    return fail(
      {
        fr: `Seules ${o.arrived} des ${o.sent} notifications générales envoyées par ${o.endpoint} sont arrivées sur le topic${answered(o).fr}.`,
        en: `Only ${o.arrived} of the ${o.sent} general notifications sent through ${o.endpoint} reached the topic${answered(o).en}.`,
      },
      data,
      { charts },
    );
  }
  if (!test.uniform) {
    return fail(
      {
        fr: `Notifications générales hors partitions réservées : ${table || 'aucune'} ; test du khi² contre une répartition uniforme : χ²=${test.statistic.toFixed(1)} (ddl ${test.df}), p=${test.pValue.toExponential(1)} < ${SIGNIFICANCE} : la charge n'est pas équilibrée.`,
        en: `General notifications outside the reserved partitions: ${table || 'none'}; chi-square test against a uniform spread: χ²=${test.statistic.toFixed(1)} (df ${test.df}), p=${test.pValue.toExponential(1)} < ${SIGNIFICANCE}: the load is not balanced.`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `Répartition ${table} : compatible avec une répartition uniforme (χ²=${test.statistic.toFixed(1)}, p=${test.pValue.toFixed(3)}).`,
      en: `Spread ${table}: compatible with a uniform spread (χ²=${test.statistic.toFixed(1)}, p=${test.pValue.toFixed(3)}).`,
    },
    data,
    { charts },
  );
}

export function judgeOffReserved(o: SpreadObs): Judgement {
  const onReserved = o.reserved.reduce((s, p) => s + (o.counts[p] ?? 0), 0);
  const data = { ...o, onReserved };
  const charts = [spreadChart(o)];
  if (o.arrived === 0) {
    return fail(
      {
        fr: `Aucune des ${o.sent} notifications générales envoyées par ${o.endpoint} n'est arrivée sur le topic${answered(o).fr}.`,
        en: `None of the ${o.sent} general notifications sent through ${o.endpoint} reached the topic${answered(o).en}.`,
      },
      data,
      { charts },
    );
  }
  if (onReserved > 0) {
    return fail(
      {
        fr: `${onReserved} notification(s) générale(s) sur ${o.arrived} sont sur la/les partition(s) réservée(s) ${o.reserved.join(', ')} : elles doivent rester libres pour les notifications critiques.`,
        en: `${onReserved} of ${o.arrived} general notification(s) are on the reserved partition(s) ${o.reserved.join(', ')}: those must stay free for critical notifications.`,
      },
      data,
      { charts },
    );
  }
  return pass(
    {
      fr: `Aucune des ${o.arrived} notifications générales sur la/les partition(s) réservée(s).`,
      en: `None of the ${o.arrived} general notifications on the reserved partition(s).`,
    },
    data,
    { charts },
  );
}

async function observeSpread(prepared: Ex2Prepared): Promise<SpreadObs> {
  const { app } = prepared;
  const placements = await prepared.generalBatch();
  return {
    endpoint: app.describeEndpoint('async'),
    reserved: app.reserved,
    counts: countByPartition(placements, app.partitions),
    sent: placements.length,
    arrived: placements.filter((p) => p.partition !== undefined).length,
    answers: describeAnswers(placements),
  };
}

export const generalBalanced: CheckDefinition<Ex2Prepared, SpreadObs> = {
  id: 'general-balanced',
  title: { fr: 'Les notifications générales sont équilibrées', en: 'General notifications are balanced' },
  points: 3,
  hint: {
    fr: 'Exercice 2 : « les likes peuvent être répartis de manière équilibrée entre les autres partitions » : hachez la clé (murmur2) modulo le nombre de partitions non réservées.',
    en: 'Exercise 2: "likes can be spread evenly over the other partitions": hash the key (murmur2) modulo the number of non-reserved partitions.',
  },
  observe: (ctx, prepared) => observeEx2(ctx, prepared, 'general-balanced', () => observeSpread(prepared)),
  judge: judgeBalanced,
};

export const generalOffReserved: CheckDefinition<Ex2Prepared, SpreadObs> = {
  id: 'general-off-reserved',
  title: {
    fr: 'Aucune notification générale sur la partition réservée',
    en: 'No general notification on the reserved partition',
  },
  points: 2,
  hint: {
    fr: 'Exercice 2 : la partition réservée aux notifications critiques ne doit pas recevoir de likes ni de commentaires, sinon elle peut être surchargée.',
    en: 'Exercise 2: the partition reserved for critical notifications must not receive likes or comments, or it can be overloaded.',
  },
  observe: (ctx, prepared) => observeEx2(ctx, prepared, 'general-off-reserved', () => observeSpread(prepared)),
  judge: judgeOffReserved,
};
