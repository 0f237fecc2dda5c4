import { waitFor } from '../../core/wait-for.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack } from '../../stack/shared-stack.js';
import { between, endOffsets, readRawRecords } from './raw-records.js';

describe('raw records reader', () => {
  let stack: StartedKafkaStack;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 1 });
  });

  it('keeps binary values and ends on a topic whose last offset is a transaction marker', async () => {
    const topic = `t-${Date.now().toString(36)}-raw`;
    await stack.createTopics([{ topic, numPartitions: 1, replicationFactor: 1 }]);
    const before = await endOffsets(stack, topic);
    const producer = stack.observerProducer('kgrade-raw-test', {
      transactionalId: `${topic}-tx`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: Buffer.from([0, 0, 0, 0, 7, 0xff]) }, { value: Buffer.from([1, 2]) }] });
    await tx.commit();
    await producer.disconnect();
    // The coordinator writes the commit marker after commit() returns: two records and the marker.
    const after = await waitFor(
      async () => {
        const e = await endOffsets(stack, topic);
        return e[0] === 3 ? e : undefined;
      },
      { timeoutMs: 10_000, what: 'the commit marker' },
    );
    const records = await readRawRecords(stack, topic, 10_000);
    expect(records.map((r) => r.value?.toString('hex'))).toEqual(['00000000' + '07ff', '0102']);
    expect(between(records, before, after)).toHaveLength(2);
    await (await stack.admin()).deleteTopics({ topics: [topic] });
  });

  afterAll(() => stack.assertHealthy());
});
