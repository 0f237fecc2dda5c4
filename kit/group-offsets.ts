import { delay } from '../core/wait-for.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { platformaticKafka } from '../stack/wire/platformatic.js';

/**
 * Commits offsets for a group that has no member, as an operator does (`kafka-consumer-groups --reset-offsets`,
 * the Admin API's alterConsumerGroupOffsets: one OffsetCommit with generation -1 to the group's coordinator).
 * kafkajs's `admin.setOffsets` gets there by joining the group with a consumer and waiting for its first fetch,
 * about 5 s (its default fetch wait); this is one request. Right after brokers restarted, the coordinator may be
 * loading or moving: the whole request (coordinator lookup included) is tried again until `timeoutMs`, then the
 * last refusal is thrown (a group with active members answers UNKNOWN_MEMBER_ID every time).
 */
export async function commitGroupOffsets(
  stack: StartedKafkaStack,
  group: string,
  topic: string,
  offsets: Map<number, number | string>,
  timeoutMs = 30_000,
): Promise<void> {
  const { Admin } = await platformaticKafka();
  const topics = [
    {
      name: topic,
      partitionOffsets: [...offsets].map(([partition, offset]) => ({ partition, offset: BigInt(offset) })),
    },
  ];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const admin = new Admin({
      clientId: 'kgrade-offsets',
      bootstrapBrokers: stack.directBootstrapServers.split(','),
      timeout: 5000,
      retries: 2,
    });
    try {
      await admin.alterConsumerGroupOffsets({ groupId: group, topics });
      return;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    } finally {
      await admin.close().catch(() => undefined);
    }
    await delay(250);
  }
}
