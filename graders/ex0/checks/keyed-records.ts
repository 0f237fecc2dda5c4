import { defaultPartitionForKey } from '../../../kit/judging/partitions.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';
import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { EX0_RULES } from '../contract.js';
import { murmur2Fix } from '../client-fixes.js';
import type { Ex0Prepared } from '../observations.js';
import { shownList } from '../../../kit/judging/shown-list.js';
import { fail, pass } from '../../../kit/judging/judgement.js';

export interface KeyedObs {
  topic: string;
  exists: boolean;
  partitionCount: number;
  /** Partition of each distinct value carrying the key, in offset order (retried copies left out). */
  keyedPartitions: number[];
  /** Extra copies of a keyed value (producer retries): reported, not counted. */
  duplicateCopies?: number;
  /** Records with some other non-null key. */
  otherKeys: string[];
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeKeyed(o: KeyedObs): Judgement {
  const { key, keyedCount } = EX0_RULES;
  const expectedPartition = o.partitionCount > 0 ? defaultPartitionForKey(key, o.partitionCount) : undefined;
  const distinct = [...new Set(o.keyedPartitions)].sort((a, b) => a - b);
  const data = { ...o, key, expectedCount: keyedCount, expectedPartition, partitionsUsed: distinct };
  if (!o.exists)
    return fail(
      {
        fr: `Le topic « ${o.topic} » n'existe pas : aucun message avec la clé « ${key} ».`,
        en: `Topic "${o.topic}" does not exist: no record with key "${key}".`,
      },
      data,
    );
  if (o.keyedPartitions.length !== keyedCount) {
    const seen = shownList([...new Set(o.otherKeys)], 5);
    const others = o.otherKeys.length ? ` Autres clés vues : ${seen.fr}.` : '';
    const othersEn = o.otherKeys.length ? ` Other keys seen: ${seen.en}.` : '';
    return fail(
      {
        fr: `${o.keyedPartitions.length} message(s) avec la clé « ${key} » ; ${keyedCount} attendus.${others}`,
        en: `${o.keyedPartitions.length} record(s) with key "${key}"; ${keyedCount} expected.${othersEn}`,
      },
      data,
    );
  }
  if (distinct.length !== 1) {
    return fail(
      {
        fr: `Les messages de clé « ${key} » sont sur les partitions ${distinct.join(', ')} : une même clé doit toujours aller sur la même partition.`,
        en: `Records with key "${key}" are on partitions ${distinct.join(', ')}: one key must always go to the same partition.`,
      },
      data,
    );
  }
  if (distinct[0] !== expectedPartition) {
    const fix = murmur2Fix(o.clients);
    return fail(
      {
        fr: `Les ${keyedCount} messages de clé « ${key} » sont sur la partition ${distinct[0]}, mais le partitionneur par défaut du client Java (murmur2) donne la partition ${expectedPartition} sur ${o.partitionCount} : les autres clients ne mettraient pas cette clé au même endroit. ${fix.fr}`,
        en: `The ${keyedCount} records with key "${key}" are on partition ${distinct[0]}, but the Java client's default partitioner (murmur2) gives partition ${expectedPartition} of ${o.partitionCount}: other clients would not put this key in the same place. ${fix.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Les ${keyedCount} messages de clé « ${key} » sont tous sur la partition ${expectedPartition}, celle que donne murmur2 : même clé, même partition, ordre garanti.`,
      en: `All ${keyedCount} records with key "${key}" are on partition ${expectedPartition}, the one murmur2 gives: same key, same partition, order kept.`,
    },
    data,
  );
}

export const keyedRecords: CheckDefinition<Ex0Prepared, KeyedObs> = {
  id: 'keyed-records',
  title: {
    fr: '10 messages avec la clé « my key », sur une seule partition',
    en: '10 records with key "my key", on a single partition',
  },
  points: 3,
  hint: {
    fr: "Étape 4 du TP : envoyez 10 messages avec la clé « my key ». Le partitionneur par défaut hache la clé (murmur2) : une clé donnée va toujours sur la même partition, ce qui garantit l'ordre par clé (risque : partition « chaude » si une clé domine). Un client dont le partitionneur par défaut n'est pas murmur2 doit le choisir : kafkajs createPartitioner: Partitioners.DefaultPartitioner, librdkafka (confluent-kafka) partitioner=murmur2_random.",
    en: 'Step 4 of the lab: send 10 records with the key "my key". The default partitioner hashes the key (murmur2): a given key always goes to the same partition, which keeps per-key order (risk: a "hot" partition when one key dominates). A client whose default partitioner is not murmur2 must be told: kafkajs createPartitioner: Partitioners.DefaultPartitioner, librdkafka (confluent-kafka) partitioner=murmur2_random.',
  },
  async observe(ctx, prepared) {
    const s = await prepared.snapshot();
    const inOrder = [...s.records].sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
    const keyed = inOrder.filter((r) => r.key === EX0_RULES.key);
    const firstCopies = keyed.filter((r, i) => keyed.findIndex((x) => x.value === r.value) === i);
    return {
      topic: s.topic,
      exists: s.exists,
      partitionCount: s.partitions,
      keyedPartitions: firstCopies.map((r) => r.partition),
      duplicateCopies: keyed.length - firstCopies.length,
      otherKeys: inOrder.filter((r) => r.key !== null && r.key !== EX0_RULES.key).map((r) => r.key!),
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeKeyed,
};
