import { spawn } from 'node:child_process';
import path from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraderError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';
import { UndecodableBatchError } from '../../stack/kafkajs-codecs.js';
import { sharedStack } from '../../stack/shared-stack.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { readAll } from './topic-reader.js';
import { TopicWatcher } from './topic-watcher.js';

const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
const RECORDS = 60;

/**
 * Every codec a client may write is read by both readers from their first fetch, whichever ran first in the
 * process; a batch the grader cannot decode is a GraderError naming codec, topic and partition.
 * The batches are compressed by the broker itself (the topic's `compression.type`): Kafka's own Java codecs
 * write them, not kafkajs's.
 */
describe('readers and compression codecs', () => {
  let stack: StartedKafkaStack;
  const run = Date.now().toString(36);
  const topicOf = (codec: string) => `codec-${codec}-${run}`;

  beforeAll(async () => {
    stack = await sharedStack({ brokers: 1 });
    await stack.createTopics(
      CODECS.map((codec) => ({
        topic: topicOf(codec),
        numPartitions: 2,
        replicationFactor: 1,
        configEntries: [{ name: 'compression.type', value: codec === 'none' ? 'uncompressed' : codec }],
      })),
    );
    const producer = stack.observerProducer(`codec-test-${run}`);
    await producer.connect();
    try {
      for (const codec of CODECS) {
        for (let b = 0; b < 3; b++) {
          await producer.send({
            topic: topicOf(codec),
            acks: -1,
            messages: Array.from({ length: RECORDS / 3 }, (_, i) => ({
              partition: 1,
              key: `k${i}`,
              value: JSON.stringify({ content: `${codec} ${b}-${i} `.repeat(10) }),
            })),
          });
        }
      }
    } finally {
      await producer.disconnect();
    }
    for (const codec of CODECS)
      expect((await stack.recordBatches(topicOf(codec), 1)).map((b) => b.codec)).toEqual([codec, codec, codec]);
  });

  it('a TopicWatcher that is the first reader of a fresh process reads every codec', async () => {
    const script = path.join(import.meta.dirname, 'testing', 'first-reader.mts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, String(RECORDS), ...CODECS.map(topicOf)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, KGRADE_BOOTSTRAP_SERVERS: stack.directBootstrapServers },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const seen = await waitFor(
      () => (out.includes('\n') ? (JSON.parse(out.split('\n')[0]!) as Record<string, number | string>) : undefined),
      { timeoutMs: 60_000, what: 'the child reader' },
    ).finally(() => child.kill());
    expect(seen).toEqual(Object.fromEntries(CODECS.map((c) => [topicOf(c), RECORDS])));
  });

  it('TopicWatcher and readToEnd in this process read every record of every codec', async () => {
    for (const codec of CODECS) {
      const watcher = new TopicWatcher(stack, topicOf(codec));
      await watcher.start();
      try {
        await waitFor(() => watcher.records().length >= RECORDS, { timeoutMs: 15_000, what: `${codec} records` }).catch(
          () => undefined,
        );
        expect(
          watcher.records().filter((r) => r.json?.content),
          codec,
        ).toHaveLength(RECORDS);
      } finally {
        await watcher.stop();
      }
      const held = await readAll(stack, topicOf(codec), { timeoutMs: 15_000 });
      expect(new Set(held.map((r) => r.value)).size, codec).toBe(RECORDS);
    }
  });

  it('a batch no codec of the grader can decode is a GraderError naming codec, topic and partition, for both readers', async () => {
    const codecs = kafkajs.CompressionCodecs as unknown as Record<number, () => unknown>;
    const snappy = codecs[kafkajs.CompressionTypes.Snappy]!;
    codecs[kafkajs.CompressionTypes.Snappy] = () => {
      throw new UndecodableBatchError('snappy', 'its package did not load (simulated)');
    };
    const topic = topicOf('snappy');
    try {
      const read = await readAll(stack, topic, { timeoutMs: 15_000 }).catch((e: unknown) => e);
      expect(read).toBeInstanceOf(GraderError);
      expect((read as GraderError).message).toMatch(
        new RegExp(
          `reader cannot decode ${topic}: partition 1 \\(first at offset 0\\) holds record batches compressed with snappy`,
        ),
      );

      const watcher = new TopicWatcher(stack, topic);
      await watcher.start();
      try {
        const failure = await waitFor(
          () => {
            try {
              watcher.records();
              return undefined;
            } catch (e) {
              return e as GraderError;
            }
          },
          { timeoutMs: 15_000, what: 'the watcher to fail' },
        );
        expect(failure).toBeInstanceOf(GraderError);
        expect(failure.message).toMatch(/watcher cannot decode .*snappy/);
        await waitFor(
          () => {
            try {
              watcher.records();
            } catch (e) {
              return /partition 1/.test((e as Error).message);
            }
          },
          { timeoutMs: 15_000, what: 'the partition to be named' },
        );
        await expect(watcher.waitForContents(['never written'], 10_000)).rejects.toBeInstanceOf(GraderError);
      } finally {
        await watcher.stop();
      }
    } finally {
      codecs[kafkajs.CompressionTypes.Snappy] = snappy;
    }
  });

  afterAll(async () => {
    await (await stack.admin()).deleteTopics({ topics: CODECS.map(topicOf) }).catch(() => undefined);
    await stack.assertHealthy();
  });
});
