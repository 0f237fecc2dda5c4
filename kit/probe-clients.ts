import { Kafka, logLevel, type Producer, type ProducerConfig } from 'kafkajs';
import type { StartedKafkaStack } from '../stack/started-stack.js';

/** A kafkajs client on the proxied addresses: it travels the same path as a student's client. */
export function proxiedKafka(stack: StartedKafkaStack, opts: { requestTimeout?: number; retries?: number; clientId?: string } = {}): Kafka {
  return new Kafka({
    clientId: opts.clientId ?? 'kgrade-probe',
    brokers: stack.bootstrapServers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: opts.requestTimeout ?? 5000,
    retry: { retries: opts.retries ?? 0, initialRetryTime: 100, maxRetryTime: 500 },
  });
}

export async function connectedProducer(kafka: Kafka, config: ProducerConfig = {}): Promise<Producer> {
  const p = kafka.producer({ allowAutoTopicCreation: false, ...config });
  await p.connect();
  return p;
}

/** Every record of a topic, read on the direct listener from the earliest offset. */
export async function readAll(stack: StartedKafkaStack, topic: string): Promise<{ partition: number; offset: string; key: string | null; value: string | null }[]> {
  const admin = await stack.admin();
  const offsets = await admin.fetchTopicOffsets(topic);
  const want = new Map(offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, BigInt(o.high)]));
  const out: { partition: number; offset: string; key: string | null; value: string | null }[] = [];
  // A rebalance (slow machine, session timeout) makes an uncommitted reader start over: keep each offset once.
  const seen = new Set<string>();
  if (want.size === 0) return out;
  const consumer = stack.observerConsumer('kgrade-reader', { maxWaitTimeInMs: 200, groupId: `kgrade-reader-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} took more than 30 s`)), 30_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const id = `${partition}:${message.offset}`;
            if (seen.has(id)) return;
            seen.add(id);
            out.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
            if (BigInt(message.offset) + 1n >= (want.get(partition) ?? 0n)) want.delete(partition);
            if (want.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const t = performance.now();
  try {
    const value = await fn();
    return { ms: Math.round(performance.now() - t), value };
  } catch (e) {
    return { ms: Math.round(performance.now() - t), error: e as Error };
  }
}
