import { performance } from 'node:perf_hooks';
import kafkajs, { logLevel } from 'kafkajs';
import { createRng } from '../../core/rng.js';
import { readAll } from '../../kit/readers/topic-reader.js';
import { newsRecord } from '../../loadgen/payload.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { ProduceMeasure } from './observations.js';

const { Kafka } = kafkajs;

export interface NewsLine {
  key: string;
  value: string;
}

/** The course news records every produce run sends (the student's and the baselines): same bytes for all. */
export function newsLines(seed: number, count: number): NewsLine[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const rec = newsRecord(rng, i);
    return { key: rec.media, value: JSON.stringify(rec) };
  });
}

export function writeRecordsFile(lines: NewsLine[], handOver: (name: string, content: string) => string): string {
  return handOver('news.jsonl', lines.map((l) => l.value).join('\n') + '\n');
}

/**
 * Measurement topics: one partition each, broker-side timestamps, so the broker's clock times every producer
 * alike. Created in one request, each waited for until it has a leader.
 */
export async function createMeasureTopics(stack: StartedKafkaStack, topics: string[]): Promise<void> {
  const admin = await stack.admin();
  // Run ids are drawn per grading, so the names are new; should one exist anyway (a stack shared by hand), start empty.
  const existing = new Set(await admin.listTopics());
  const left = topics.filter((t) => existing.has(t));
  if (left.length) {
    await admin.deleteTopics({ topics: left });
    await stack.waitForTopicsGone(left, 30_000);
  }
  await stack.createTopics(
    topics.map((topic) => ({
      topic,
      numPartitions: 1,
      replicationFactor: 1,
      configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
    })),
    30_000,
  );
}

/** Records on a measurement topic and the spread of their append times. */
export async function measureTopic(
  stack: StartedKafkaStack,
  topic: string,
): Promise<{ records: number; spanMs: number }> {
  const held = await readAll(stack, topic, {
    clientId: 'kgrade-ex8-reader',
    timeoutMs: 60_000,
    maxBytes: 8 * 1024 * 1024,
  });
  if (held.length === 0) return { records: 0, spanMs: 0 };
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const r of held) {
    first = Math.min(first, r.timestampMs);
    last = Math.max(last, r.timestampMs);
  }
  return { records: held.length, spanMs: last - first };
}

/** The TP's starting point, done by the grader: one record, then flush (await the ack), then the next. */
export async function runNaiveBaseline(stack: StartedKafkaStack, topic: string, lines: NewsLine[]): Promise<number> {
  const kafka = new Kafka({
    clientId: 'kgrade-ex8-naive',
    brokers: stack.bootstrapServers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const t0 = performance.now();
  try {
    for (const l of lines) await producer.send({ topic, acks: -1, messages: [{ key: l.key, value: l.value }] });
  } finally {
    await producer.disconnect();
  }
  return performance.now() - t0;
}

/** The same records batched (500 per request) and uncompressed: what they weigh on disk without a codec. */
export async function runPlainBatched(stack: StartedKafkaStack, topic: string, lines: NewsLine[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kgrade-ex8-plain',
    brokers: stack.bootstrapServers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < lines.length; i += 500)
      await producer.send({ topic, acks: -1, messages: lines.slice(i, i + 500) });
  } finally {
    await producer.disconnect();
  }
}

export async function deleteTopics(stack: StartedKafkaStack, topics: string[]): Promise<void> {
  if (stack.isStopped) return;
  const admin = await stack.admin();
  await admin.deleteTopics({ topics }).catch(() => undefined);
}

export function toMeasure(
  topic: string,
  m: { records: number; spanMs: number },
  wallMs: number,
  exitCode: number | null,
  timedOut: boolean,
): ProduceMeasure {
  return { topic, records: m.records, spanMs: m.spanMs, wallMs: Math.round(wallMs), exitCode, timedOut };
}
