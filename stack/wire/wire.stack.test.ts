import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../core/wait-for.js';
import { sharedStack } from '../shared-stack.js';
import type { StartedKafkaStack } from '../started-stack.js';

/** The stack handle's wire observers (metadata, log dir sizes, stored batches) against real brokers. */
describe('wire observers against real brokers', () => {
  let stack: StartedKafkaStack;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    stack = await sharedStack({ brokers: 3 });
  });
  afterAll(async () => {
    await stack.heal();
  });

  /** Sends `batches` batches of 20 compressible records (uncompressed on the wire); the broker stores them as its topic says. */
  async function produce(topic: string, batches: number): Promise<void> {
    const producer = stack.observerProducer(`wire-test-${run}`);
    await producer.connect();
    try {
      for (let b = 0; b < batches; b++) {
        await producer.send({
          topic,
          acks: -1,
          messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `order ${b}-${i} `.repeat(40) })),
        });
      }
    } finally {
      await producer.disconnect();
    }
  }

  it('reads the codec each stored batch was written with, for every codec, and sizes every replica from the log dirs', async () => {
    const codecs = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
    const topicOf = (codec: string) => `wire-codec-${codec}-${run}`;
    await stack.createTopics(
      codecs.map((codec) => ({
        topic: topicOf(codec),
        numPartitions: 1,
        replicationFactor: 3,
        configEntries: [{ name: 'compression.type', value: codec === 'none' ? 'uncompressed' : codec }],
      })),
    );
    const bytes: Record<string, number> = {};
    for (const codec of codecs) {
      const topic = topicOf(codec);
      await stack.waitForIsr(topic, 0, 3);
      await produce(topic, 4);
      const batches = await stack.recordBatches(topic, 0);
      expect(batches.map((b) => [b.codec, b.records, b.magic, b.control])).toEqual(
        Array(4).fill([codec, 20, 2, false]),
      );
      expect(batches.map((b) => b.nextOffset)).toEqual([20n, 40n, 60n, 80n]);
      // acks=all with the 3 replicas in sync: each holds every batch, and a log holds nothing but its batches.
      const stored = batches.reduce((n, b) => n + b.sizeBytes, 0);
      bytes[codec] = await waitFor(
        async () => ((await stack.topicBytes(topic)) === 3 * stored ? 3 * stored : undefined),
        { timeoutMs: 15_000, intervalMs: 250, what: `3 replicas of ${stored} bytes of ${topic}` },
      );
    }
    for (const codec of codecs.slice(1)) expect(bytes[codec], codec).toBeLessThan(bytes.none! / 2);
  });

  it('reads offsets and committed offsets of fresh topics side by side, every partition every time', async () => {
    const admin = await stack.admin();
    // kafkajs's admin alone failed this in about half the rounds: its shared metadata cache lost a topic.
    for (let round = 0; round < 6; round++) {
      const topics = Array.from({ length: 7 }, (_, i) => `wire-side-${run}-${round}-${i}`);
      await stack.createTopics(topics.map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })));
      const [ends, committed] = await Promise.all([
        Promise.all(topics.map((t) => stack.topicOffsets(t))),
        Promise.all(topics.map((t) => admin.fetchOffsets({ groupId: `wire-side-${t}`, topics: [t] }))),
      ]);
      expect(ends).toEqual(topics.map(() => [0, 1].map((partition) => ({ partition, low: '0', high: '0' }))));
      expect(committed.map((c) => c.map((t) => [t.topic, t.partitions.length]))).toEqual(topics.map((t) => [[t, 2]]));
      await admin.deleteTopics({ topics });
    }
    const held = `wire-ends-${run}`;
    await stack.createTopics([{ topic: held, numPartitions: 1, replicationFactor: 1 }]);
    await produce(held, 2);
    expect(await stack.topicOffsets(held)).toEqual([{ partition: 0, low: '0', high: '40' }]);
    await expect(stack.topicOffsets(`wire-nowhere-${run}`)).rejects.toThrow(/does not exist/);
  });

  it('reports a leaderless partition as data (leader -1), asks only about the topics named, and keeps observing with its broker stopped', async () => {
    const victim = stack.brokers[stack.brokers.length - 1]!.id;
    const lonely = `wire-lonely-${run}`;
    const healthy = `wire-healthy-${run}`;
    const admin = await stack.admin();
    await admin.createTopics({
      topics: [{ topic: lonely, replicaAssignment: [{ partition: 0, replicas: [victim] }] }],
      waitForLeaders: true,
    });
    await stack.createTopics([{ topic: healthy, numPartitions: 1, replicationFactor: 3 }]);
    await stack.waitForIsr(healthy, 0, 3);
    await produce(healthy, 2);
    await produce(lonely, 1);
    const bytesBefore = await stack.topicBytes(healthy);

    await stack.broker(victim).stop();
    try {
      const state = await waitFor(
        async () => {
          const s = await stack.partitionState(lonely, 0);
          return s.leader === -1 ? s : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: `${lonely}-0 to lose its leader` },
      );
      expect(state.replicas).toEqual([victim]);
      expect(await stack.leaderOf(lonely, 0)).toBe(-1);

      const md = await stack.metadata([lonely]);
      expect(md.topics.map((t) => [t.name, t.errorCode])).toEqual([[lonely, 0]]);
      expect(md.topics[0]!.partitions[0]).toMatchObject({ partition: 0, leader: -1, errorCode: 5 });
      expect(md.brokers.map((b) => b.nodeId)).not.toContain(victim);

      // Asking about one topic (or about brokers only) names no other: the leaderless one stays out of sight.
      expect((await stack.metadata([healthy])).topics.map((t) => t.name)).toEqual([healthy]);
      expect((await stack.metadata()).topics).toEqual([]);
      await stack.waitForBrokers(30_000);
      expect((await stack.partitionState(healthy, 0)).leader).toBeGreaterThanOrEqual(0);
      const batches = await stack.recordBatches(healthy, 0);
      expect(batches.reduce((n, b) => n + b.records, 0)).toBe(40);
      // The stopped broker is not asked: its replica of the healthy topic is not counted.
      expect(await stack.topicBytes(healthy)).toBe((bytesBefore / 3) * 2);
      await expect(stack.recordBatches(lonely, 0)).rejects.toThrow(/no leader/);
    } finally {
      await stack.broker(victim).start();
    }
    await stack.waitForBrokers();
    const back = await waitFor(async () => ((await stack.leaderOf(lonely, 0)) === victim ? victim : undefined), {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: `${lonely}-0 to be led by ${victim} again`,
    });
    expect(back).toBe(victim);
    expect((await stack.recordBatches(lonely, 0)).map((b) => b.records)).toEqual([20]);
  });
});
