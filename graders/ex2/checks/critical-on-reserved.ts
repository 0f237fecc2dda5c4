import { chiSquareUniform } from '../../../kit/judging/partitions.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { describeAnswers, type Placement } from '../traffic.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface CriticalObs {
  endpoint: string;
  reserved: number[];
  placements: Placement[];
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

/** A correct hash spreads 30 random keys over the reserved partitions; one partition for all fails by far. */
export const RESERVED_SPREAD_SIGNIFICANCE = 1e-6;

/**
 * Pure: with several reserved partitions the spec asks critical notifications to pick among them by a hash of
 * the key: distinct random keys then spread uniformly over them (chi-square at 1e-6). Undefined when there is
 * one reserved partition (nothing to spread) or the spread is fine; else what was observed.
 */
export function reservedSpreadProblem(
  reserved: number[],
  placements: Pick<Placement, 'partition'>[],
): { fr: string; en: string; data: Record<string, unknown> } | undefined {
  if (reserved.length < 2) return undefined;
  const counts = reserved.map((r) => placements.filter((p) => p.partition === r).length);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return undefined;
  const test = chiSquareUniform(counts, RESERVED_SPREAD_SIGNIFICANCE);
  if (test.uniform) return undefined;
  const table = reserved.map((r, i) => `p${r}=${counts[i]}`).join(', ');
  const used = reserved.filter((_, i) => counts[i]! > 0);
  const what =
    used.length === 1
      ? { fr: `les ${n} sont toutes sur la partition ${used[0]}`, en: `all ${n} are on partition ${used[0]}` }
      : { fr: `répartition ${table}`, en: `spread ${table}` };
  return {
    fr: `${n} notifications critiques aux clés distinctes, partitions réservées ${reserved.join(', ')} : ${what.fr} (χ²=${test.statistic.toFixed(1)}, ddl ${test.df}, p=${test.pValue.toExponential(1)} < ${RESERVED_SPREAD_SIGNIFICANCE}) ; avec plusieurs partitions réservées, le contrat demande de choisir parmi elles par un hachage de la clé.`,
    en: `${n} critical notifications with distinct keys, reserved partitions ${reserved.join(', ')}: ${what.en} (χ²=${test.statistic.toFixed(1)}, df ${test.df}, p=${test.pValue.toExponential(1)} < ${RESERVED_SPREAD_SIGNIFICANCE}); with several reserved partitions the contract asks to pick among them by a hash of the key.`,
    data: {
      reservedCounts: table,
      chiSquare: Number(test.statistic.toFixed(2)),
      df: test.df,
      pValue: test.pValue,
      significance: RESERVED_SPREAD_SIGNIFICANCE,
    },
  };
}

/**
 * Pure: every critical notification on a reserved partition (used for both producers); with `spread`, also
 * spread over several reserved partitions by key (judged on the sync producer's random keys only).
 */
export function judgeCriticalOnReserved(
  o: CriticalObs,
  via: { fr: string; en: string } = { fr: 'le producteur synchrone', en: 'the synchronous producer' },
  opts: { spread?: boolean } = {},
): Judgement {
  const missing = o.placements.filter((p) => p.partition === undefined);
  const off = o.placements.filter((p) => p.partition !== undefined && !o.reserved.includes(p.partition));
  const data = {
    endpoint: o.endpoint,
    reserved: o.reserved,
    sent: o.placements.length,
    missing: missing.length,
    offReserved: off.slice(0, 10).map((p) => ({ key: p.key, partition: p.partition, offset: p.offset })),
  };
  if (missing.length === o.placements.length) {
    const answers = describeAnswers(o.placements);
    return fail(
      {
        fr: `Aucune des ${o.placements.length} notifications critiques envoyées par ${via.fr} (${o.endpoint}) n'est arrivée sur le topic (${answers.fr}).`,
        en: `None of the ${o.placements.length} critical notifications sent through ${via.en} (${o.endpoint}) reached the topic (${answers.en}).`,
      },
      data,
    );
  }
  if (off.length) {
    const ex = off[0]!;
    const fix = settingFix('custom-partitioner', o.clients);
    return fail(
      {
        fr: `${off.length} notification(s) critique(s) sur ${o.placements.length} (via ${via.fr}) hors des partitions réservées ${o.reserved.join(', ')} : par ex. clé ${ex.key} en partition ${ex.partition}.${fix.fr}`,
        en: `${off.length} of ${o.placements.length} critical notification(s) (through ${via.en}) outside the reserved partitions ${o.reserved.join(', ')}: e.g. key ${ex.key} on partition ${ex.partition}.${fix.en}`,
      },
      data,
    );
  }
  const spread = opts.spread ? reservedSpreadProblem(o.reserved, o.placements) : undefined;
  if (spread) return fail({ fr: spread.fr, en: spread.en }, { ...data, ...spread.data });
  return pass(
    {
      fr: `Les ${o.placements.length - missing.length} notifications critiques (via ${via.fr}) sont toutes sur la/les partition(s) réservée(s) ${o.reserved.join(', ')}.`,
      en: `All ${o.placements.length - missing.length} critical notifications (through ${via.en}) are on the reserved partition(s) ${o.reserved.join(', ')}.`,
    },
    data,
  );
}

export const criticalOnReserved: CheckDefinition<Ex2Prepared, CriticalObs> = {
  id: 'critical-on-reserved',
  title: {
    fr: 'Les notifications critiques vont sur la partition réservée',
    en: 'Critical notifications go to the reserved partition',
  },
  points: 3,
  hint: {
    fr: 'Exercice 2 : le partitionneur lit le type de la notification ; « nouveaux messages » vers la partition réservée (KGRADE_RESERVED_PARTITIONS), peu chargée, pour une livraison rapide ; avec plusieurs partitions réservées, choisissez parmi elles par un hachage de la clé (reserved[hash(key) mod reserved.length]).',
    en: 'Exercise 2: the partitioner reads the notification\'s type; "new messages" go to the reserved partition (KGRADE_RESERVED_PARTITIONS), kept light for fast delivery; with several reserved partitions, pick among them by a hash of the key (reserved[hash(key) mod reserved.length]).',
  },
  observe: (ctx, prepared) =>
    observeEx2(ctx, prepared, 'critical-on-reserved', async ({ app }) => ({
      endpoint: app.describeEndpoint('sync'),
      reserved: app.reserved,
      placements: await prepared.send(
        'sync',
        Array.from({ length: 30 }, () => app.notification('NEW_MESSAGE')),
        8,
      ),
      clients: solutionKafkaClients(ctx.solution.dir),
    })),
  judge: (o) => judgeCriticalOnReserved(o, undefined, { spread: true }),
};
