import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStack } from '../stack/shared-stack.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { clusterMetadata, topicsStillListed } from '../stack/wire/metadata.js';
import { freshNames } from './fresh-names.js';

/**
 * A name fixed in kgrade.json (or a replayed seed on a reused stack) is deleted then created again at once: the
 * deletion must have reached every broker first, or a lagging one answers "This server does not host this
 * topic-partition" for the new topic (ex9 mutant-acks-1 was once not gradable on all five checks that way).
 */
describe('freshNames against real brokers', () => {
  let stack: StartedKafkaStack;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    stack = await sharedStack({ brokers: 3 });
  });
  afterAll(async () => {
    await stack.heal();
  });

  async function produceToEvery(topic: string, partitions: number, tag: string): Promise<void> {
    const producer = stack.observerProducer(`fresh-names-${run}`);
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: partitions }, (_, partition) => ({ partition, value: `${tag}-${partition}` })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  it('returns once no broker lists the topics it deleted, and the same names take writes again at once', async () => {
    const topic = `fresh-${run}`;
    const spec = [{ topic, numPartitions: 3, replicationFactor: 3 }];
    for (let round = 0; round < 3; round++) {
      await stack.createTopics(spec);
      await produceToEvery(topic, 3, `round${round}`);
      await freshNames(stack, {
        topics: { main: topic },
        groups: {},
        applicationIds: {},
        subjects: {},
        connectors: {},
      });
      const views = await Promise.all(stack.brokers.map((b) => clusterMetadata(b.endpoint.direct, [topic])));
      expect(views.map((md) => topicsStillListed(md, [topic]))).toEqual(stack.brokers.map(() => []));
    }
    await stack.createTopics(spec);
    await produceToEvery(topic, 3, 'last');
    for (let p = 0; p < 3; p++)
      expect(
        (await stack.recordBatches(topic, p)).reduce((n, b) => n + b.records, 0),
        `partition ${p}`,
      ).toBe(1);
  });
});
