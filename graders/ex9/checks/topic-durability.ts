import type { CheckDefinition, Judgement } from '../../../engine/exercise.js';
import { fail, pass } from '../../../kit/judging/judgement.js';
import { describeTopic } from '../../../kit/readers/topic-config.js';
import { EX9_RULES } from '../contract.js';
import type { Ex9Prepared } from '../prepare.js';
import { settingFix } from '../../../kit/solution/client-settings.js';
import { solutionKafkaClients, type DetectedClient } from '../../../kit/solution/kafka-client.js';

export interface DurabilityObs {
  topic: string;
  exists: boolean;
  setupExitCode: number | null;
  partitions: number;
  /** Smallest replica count over the partitions. */
  replicationFactor: number;
  minInsyncReplicas?: number;
  /** The Kafka clients the solution's dependency files declare (the fix is given in their terms). */
  clients?: DetectedClient[];
}

export function judgeDurability(o: DurabilityObs): Judgement {
  const data = {
    ...o,
    expected: { replicationFactor: EX9_RULES.replicationFactor, minInsyncReplicas: EX9_RULES.minInsyncReplicas },
  };
  if (!o.exists) {
    return fail(
      {
        fr: `Le rôle setup n'a pas créé le topic « ${o.topic} » (code de sortie ${o.setupExitCode}).`,
        en: `The setup role did not create topic "${o.topic}" (exit code ${o.setupExitCode}).`,
      },
      data,
    );
  }
  const rfOk = o.replicationFactor >= EX9_RULES.replicationFactor;
  const isrOk =
    o.minInsyncReplicas !== undefined && o.minInsyncReplicas >= 2 && o.minInsyncReplicas < o.replicationFactor;
  if (!rfOk || !isrOk) {
    const fix = settingFix('replicated-topic', o.clients);
    return fail(
      {
        fr: `Topic « ${o.topic} » : facteur de réplication ${o.replicationFactor}, min.insync.replicas=${o.minInsyncReplicas}. Attendu : ${EX9_RULES.replicationFactor} et ${EX9_RULES.minInsyncReplicas}, pour qu'une écriture confirmée existe sur au moins 2 brokers et que la perte d'un broker ne bloque pas les écritures.${fix.fr}`,
        en: `Topic "${o.topic}": replication factor ${o.replicationFactor}, min.insync.replicas=${o.minInsyncReplicas}. Expected ${EX9_RULES.replicationFactor} and ${EX9_RULES.minInsyncReplicas}, so that an acknowledged write is on at least 2 brokers and losing one broker does not block writes.${fix.en}`,
      },
      data,
    );
  }
  return pass(
    {
      fr: `Topic « ${o.topic} » : ${o.partitions} partitions, réplication ${o.replicationFactor}, min.insync.replicas=${o.minInsyncReplicas}.`,
      en: `Topic "${o.topic}": ${o.partitions} partitions, replication ${o.replicationFactor}, min.insync.replicas=${o.minInsyncReplicas}.`,
    },
    data,
  );
}

export const topicDurability: CheckDefinition<Ex9Prepared, DurabilityObs> = {
  id: 'topic-durability',
  title: {
    fr: 'Topic répliqué 3 fois avec min.insync.replicas=2',
    en: 'Topic replicated 3 times with min.insync.replicas=2',
  },
  points: 2,
  hint: {
    fr: "Question 3 : min.insync.replicas est le nombre minimal de réplicas synchronisés pour qu'une écriture en acks=all soit acceptée ; avec 3 réplicas, 2 tolère la perte d'un broker sans perdre de message confirmé.",
    en: 'Question 3: min.insync.replicas is the minimum number of in-sync replicas for an acks=all write to be accepted; with 3 replicas, 2 tolerates losing one broker without losing an acknowledged record.',
  },
  async observe(ctx, prepared) {
    const topic = ctx.names.topics.main!;
    const described = await describeTopic(ctx.stack, topic, ['min.insync.replicas']);
    const exists = described !== undefined;
    if (!described) {
      // Every produce check sends to this topic: without it they would only observe the missing topic.
      ctx.markDead({
        fr: `le rôle setup n'a pas créé le topic « ${topic} » (code de sortie ${prepared.setup.exit.code})`,
        en: `the setup role did not create topic "${topic}" (exit code ${prepared.setup.exit.code})`,
      });
      return { topic, exists, setupExitCode: prepared.setup.exit.code, partitions: 0, replicationFactor: 0 };
    }
    const partitions = described.partitions;
    const value = described.configs['min.insync.replicas']?.value;
    return {
      topic,
      exists,
      setupExitCode: prepared.setup.exit.code,
      partitions: partitions.length,
      replicationFactor: Math.min(...partitions.map((p) => p.replicas.length)),
      minInsyncReplicas: value === undefined ? undefined : Number(value),
      clients: solutionKafkaClients(ctx.solution.dir),
    };
  },
  judge: judgeDurability,
};
