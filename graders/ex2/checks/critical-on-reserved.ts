import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { describeAnswers, type Placement } from '../traffic.js';

export interface CriticalObs {
  endpoint: string;
  reserved: number[];
  placements: Placement[];
}

/** Pure: every critical notification on a reserved partition (used for both producers). */
export function judgeCriticalOnReserved(o: CriticalObs, via: { fr: string; en: string } = { fr: 'le producteur synchrone', en: 'the synchronous producer' }): Judgement {
  const missing = o.placements.filter((p) => p.partition === undefined);
  const off = o.placements.filter((p) => p.partition !== undefined && !o.reserved.includes(p.partition));
  const data = { endpoint: o.endpoint, reserved: o.reserved, sent: o.placements.length, missing: missing.length, offReserved: off.slice(0, 10).map((p) => ({ key: p.key, partition: p.partition, offset: p.offset })) };
  if (missing.length === o.placements.length) {
    const answers = describeAnswers(o.placements);
    return { status: 'fail', evidence: { summary: { fr: `Aucune des ${o.placements.length} notifications critiques envoyées par ${via.fr} (${o.endpoint}) n'est arrivée sur le topic (${answers.fr}).`, en: `None of the ${o.placements.length} critical notifications sent through ${via.en} (${o.endpoint}) reached the topic (${answers.en}).` }, data } };
  }
  if (off.length) {
    const ex = off[0]!;
    return {
      status: 'fail',
      evidence: {
        summary: {
          fr: `${off.length} notification(s) critique(s) sur ${o.placements.length} (via ${via.fr}) hors des partitions réservées ${o.reserved.join(', ')} : par ex. clé ${ex.key} en partition ${ex.partition}.`,
          en: `${off.length} of ${o.placements.length} critical notification(s) (through ${via.en}) outside the reserved partitions ${o.reserved.join(', ')}: e.g. key ${ex.key} on partition ${ex.partition}.`,
        },
        data,
      },
    };
  }
  return { status: 'pass', evidence: { summary: { fr: `Les ${o.placements.length - missing.length} notifications critiques (via ${via.fr}) sont toutes sur la/les partition(s) réservée(s) ${o.reserved.join(', ')}.`, en: `All ${o.placements.length - missing.length} critical notifications (through ${via.en}) are on the reserved partition(s) ${o.reserved.join(', ')}.` }, data } };
}

export const criticalOnReserved: CheckDefinition<Ex2Prepared, CriticalObs> = {
  id: 'critical-on-reserved',
  title: { fr: 'Les notifications critiques vont sur la partition réservée', en: 'Critical notifications go to the reserved partition' },
  points: 3,
  hint: {
    fr: "Exercice 2 : le partitionneur lit le type de la notification ; « nouveaux messages » vers la partition réservée (KGRADE_RESERVED_PARTITIONS), peu chargée, pour une livraison rapide.",
    en: 'Exercise 2: the partitioner reads the notification\'s type; "new messages" go to the reserved partition (KGRADE_RESERVED_PARTITIONS), kept light for fast delivery.',
  },
  observe: (ctx, prepared) =>
    observeEx2(ctx, prepared, 'critical-on-reserved', async ({ app }) => ({
      endpoint: app.describeEndpoint('sync'),
      reserved: app.reserved,
      placements: await prepared.send('sync', Array.from({ length: 30 }, () => app.notification('NEW_MESSAGE')), 4),
    })),
  judge: (o) => judgeCriticalOnReserved(o),
};
