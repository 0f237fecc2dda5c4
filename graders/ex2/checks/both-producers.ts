import { defaultPartitionForKey } from '../../../kit/judging/partitions.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { describeAnswers, type Placement } from '../traffic.js';
import { judgeCriticalOnReserved } from './critical-on-reserved.js';
import { judgeOffReserved } from './general-spread.js';

export interface BothProducersObs {
  reserved: number[];
  partitions: number;
  syncEndpoint: string;
  asyncEndpoint: string;
  /** Critical notifications sent through the async endpoint. */
  criticalViaAsync: Placement[];
  /** General notifications sent through the sync endpoint. */
  generalViaSync: Placement[];
}

/** Pure: the partitioner rules hold whichever producer sends. */
export function judgeBothProducers(o: BothProducersObs): Judgement {
  const critical = judgeCriticalOnReserved({ endpoint: o.asyncEndpoint, reserved: o.reserved, placements: o.criticalViaAsync }, { fr: 'le producteur asynchrone', en: 'the asynchronous producer' });
  const counts = Array.from({ length: o.partitions }, (_, p) => o.generalViaSync.filter((x) => x.partition === p).length);
  const general = judgeOffReserved({ endpoint: o.syncEndpoint, reserved: o.reserved, counts, sent: o.generalViaSync.length, arrived: o.generalViaSync.filter((x) => x.partition !== undefined).length, answers: describeAnswers(o.generalViaSync) });
  const data = { critical: critical.evidence.data, general: general.evidence.data };
  if (critical.status !== 'pass' || general.status !== 'pass') {
    const parts = [critical, general].filter((j) => j.status !== 'pass');
    return {
      status: 'fail',
      evidence: {
        summary: {
          fr: `Les deux producteurs doivent utiliser le partitionneur : ${parts.map((j) => j.evidence.summary.fr).join(' ')}`,
          en: `Both producers must use the partitioner: ${parts.map((j) => j.evidence.summary.en).join(' ')}`,
        },
        data,
      },
    };
  }
  return {
    status: 'pass',
    evidence: {
      summary: { fr: 'Critiques via l\'asynchrone sur la partition réservée, générales via le synchrone hors réservée : les deux producteurs utilisent le partitionneur.', en: 'Critical via async on the reserved partition, general via sync off it: both producers use the partitioner.' },
      data,
    },
  };
}

export const bothProducersPartition: CheckDefinition<Ex2Prepared, BothProducersObs> = {
  id: 'both-producers-partition',
  title: { fr: 'Les deux producteurs utilisent le partitionneur', en: 'Both producers use the partitioner' },
  points: 2,
  hint: {
    fr: 'Exercice 2.2 : « modifiez le producteur synchrone et asynchrone pour utiliser votre partitionneur » : partitioner.class sur les deux ProducerFactory (ou createPartitioner sur les deux producteurs kafkajs).',
    en: 'Exercise 2.2: "modify the synchronous and asynchronous producers to use your partitioner": partitioner.class on both ProducerFactory beans (or createPartitioner on both kafkajs producers).',
  },
  observe: (ctx, prepared) =>
    observeEx2(ctx, prepared, 'both-producers-partition', async ({ app }) => {
      // Adversarial keys: a producer without the custom partitioner (Kafka's default, murmur2 over all
      // partitions) would put these critical ones off the reserved partitions and these general ones on them.
      const keyWhere = (onReserved: boolean) => {
        for (;;) {
          const key = `u-${ctx.rng.id(8)}`;
          if (app.reserved.includes(defaultPartitionForKey(key, app.partitions)) === onReserved) return key;
        }
      };
      return {
        reserved: app.reserved,
        partitions: app.partitions,
        syncEndpoint: app.describeEndpoint('sync'),
        asyncEndpoint: app.describeEndpoint('async'),
        criticalViaAsync: await prepared.send('async', Array.from({ length: 15 }, () => app.notification('NEW_MESSAGE', keyWhere(false))), 4),
        generalViaSync: await prepared.send('sync', Array.from({ length: 15 }, () => app.notification('LIKE', keyWhere(true))), 4),
      };
    }),
  judge: judgeBothProducers,
};
