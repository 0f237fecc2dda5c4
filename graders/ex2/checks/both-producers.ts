import { defaultPartitionForKey } from '../../../kit/judging/partitions.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { observeEx2, type Ex2Prepared } from '../prepare.js';
import { describeAnswers, type Placement } from '../traffic.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface BothProducersObs {
  reserved: number[];
  partitions: number;
  syncEndpoint: string;
  asyncEndpoint: string;
  /**
   * Critical notifications whose keys Kafka's default partitioner puts off the reserved partitions, the same
   * keys sent through each endpoint (same order).
   */
  criticalViaAsync: Placement[];
  criticalViaSync: Placement[];
  /** General notifications whose keys Kafka's default partitioner puts on a reserved partition, through the sync endpoint (evidence only). */
  generalViaSync: Placement[];
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

const arrived = (ps: Placement[]) => ps.filter((p) => p.partition !== undefined).length;

/**
 * Pure: both producers use the custom partitioner. The same critical keys, chosen so that Kafka's default
 * partitioner (murmur2 over every partition) puts them off the reserved partitions, are sent through each
 * producer: a producer that lands them on the reserved partitions runs a partitioner that reads the type. How
 * the partitioner places general notifications is judged by `general-balanced` and `general-off-reserved`
 * (one mistake, one charge); here the general notifications sent through the sync producer are evidence only.
 */
export function judgeBothProducers(o: BothProducersObs): Judgement {
  const rsv = o.reserved.join(', ');
  const off = (ps: Placement[]) => ps.filter((p) => p.partition !== undefined && !o.reserved.includes(p.partition));
  const asDefault = (ps: Placement[]) =>
    ps.filter((p) => p.partition !== undefined && p.partition === defaultPartitionForKey(p.key, o.partitions));
  const producers = [
    {
      id: 'sync',
      name: { fr: 'le producteur synchrone', en: 'the synchronous producer' },
      endpoint: o.syncEndpoint,
      critical: o.criticalViaSync,
    },
    {
      id: 'async',
      name: { fr: 'le producteur asynchrone', en: 'the asynchronous producer' },
      endpoint: o.asyncEndpoint,
      critical: o.criticalViaAsync,
    },
  ] as const;
  const data = {
    reserved: o.reserved,
    partitions: o.partitions,
    critical: Object.fromEntries(
      producers.map((p) => [
        p.id,
        {
          sent: p.critical.length,
          arrived: arrived(p.critical),
          offReserved: off(p.critical).length,
          asDefaultPartitioner: asDefault(p.critical).length,
          examples: off(p.critical)
            .slice(0, 5)
            .map((x) => ({ key: x.key, partition: x.partition })),
        },
      ]),
    ),
    generalViaSync: {
      sent: o.generalViaSync.length,
      arrived: arrived(o.generalViaSync),
      onReserved: o.generalViaSync.filter((p) => p.partition !== undefined && o.reserved.includes(p.partition)).length,
    },
  };

  for (const p of producers) {
    if (p.critical.length > 0 && arrived(p.critical) === 0) {
      const a = describeAnswers(p.critical);
      return fail(
        {
          fr: `Aucune des ${p.critical.length} notifications critiques envoyées par ${p.name.fr} (${p.endpoint}) n'est arrivée sur le topic (${a.fr}) : rien ne montre quel partitionneur il utilise.`,
          en: `None of the ${p.critical.length} critical notifications sent through ${p.name.en} (${p.endpoint}) reached the topic (${a.en}): nothing shows which partitioner it uses.`,
        },
        data,
      );
    }
  }
  const [sync, async] = producers;
  const custom = (p: (typeof producers)[number]) => off(p.critical).length === 0;
  if (!custom(sync) && !custom(async)) {
    const n = arrived(sync.critical) + arrived(async.critical);
    const m = off(sync.critical).length + off(async.critical).length;
    return fail(
      {
        fr: `Impossible de juger : par les deux producteurs, ${m} des ${n} notifications critiques (de clés que le partitionneur par défaut de Kafka place hors des partitions réservées ${rsv}) sont hors de ces partitions : le partitionneur ne lit pas le type (échec de « critical-on-reserved »), ce qui empêche de voir s'il est configuré sur chacun des producteurs.`,
        en: `Cannot judge: through both producers, ${m} of the ${n} critical notifications (with keys Kafka's default partitioner puts off the reserved partitions ${rsv}) are off those partitions: the partitioner does not read the type (the failure of "critical-on-reserved"), which stops seeing whether it is set on each producer.`,
      },
      data,
    );
  }
  if (!custom(sync) || !custom(async)) {
    const bad = custom(sync) ? async : sync;
    const good = custom(sync) ? sync : async;
    const ex = off(bad.critical)[0]!;
    const dflt = asDefault(bad.critical).length;
    const likeDefault =
      dflt === off(bad.critical).length
        ? {
            fr: `, là où les met le partitionneur par défaut de Kafka (murmur2 sur toutes les partitions)`,
            en: `, where Kafka's default partitioner puts them (murmur2 over every partition)`,
          }
        : { fr: '', en: '' };
    const fix = settingFix('custom-partitioner', o.clients);
    return fail(
      {
        fr: `Les mêmes clés critiques vont sur les partitions réservées ${rsv} par ${good.name.fr}, mais ${off(bad.critical).length} sur ${arrived(bad.critical)} en sont hors par ${bad.name.fr} (${bad.endpoint})${likeDefault.fr} : par ex. clé ${ex.key} en partition ${ex.partition}. Ce producteur n'utilise pas votre partitionneur.${fix.fr}`,
        en: `The same critical keys go to the reserved partitions ${rsv} through ${good.name.en}, but ${off(bad.critical).length} of ${arrived(bad.critical)} are off them through ${bad.name.en} (${bad.endpoint})${likeDefault.en}: e.g. key ${ex.key} on partition ${ex.partition}. That producer does not use your partitioner.${fix.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Par les deux producteurs, les mêmes ${arrived(sync.critical)} clés critiques (que le partitionneur par défaut de Kafka placerait hors des partitions réservées) arrivent sur les partitions réservées ${rsv} : les deux producteurs utilisent le partitionneur personnalisé.`,
      en: `Through both producers, the same ${arrived(sync.critical)} critical keys (which Kafka's default partitioner would put off the reserved partitions) land on the reserved partitions ${rsv}: both producers use the custom partitioner.`,
    },
    data,
  );
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
      const criticalKeys = Array.from({ length: 15 }, () => keyWhere(false));
      const criticalAsync = criticalKeys.map((k) => app.notification('NEW_MESSAGE', k));
      const generalSync = Array.from({ length: 15 }, () => app.notification('LIKE', keyWhere(true)));
      const criticalSync = criticalKeys.map((k) => app.notification('NEW_MESSAGE', k));
      // The three sends side by side: where a record lands depends on its key and type only.
      const [criticalViaAsync, generalViaSync, criticalViaSync] = await Promise.all([
        prepared.send('async', criticalAsync, 4),
        prepared.send('sync', generalSync, 4),
        prepared.send('sync', criticalSync, 4),
      ]);
      return {
        reserved: app.reserved,
        partitions: app.partitions,
        syncEndpoint: app.describeEndpoint('sync'),
        asyncEndpoint: app.describeEndpoint('async'),
        criticalViaAsync,
        generalViaSync,
        criticalViaSync,
        clients: solutionKafkaClients(ctx.solution.dir),
      };
    }),
  judge: judgeBothProducers,
};
