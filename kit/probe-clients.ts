import { Kafka, logLevel, type Producer, type ProducerConfig } from 'kafkajs';
import { registerKafkajsCodecs } from '../stack/kafkajs-codecs.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';

/** A kafkajs client on the proxied addresses: it travels the same path as a student's client. */
export function proxiedKafka(
  stack: StartedKafkaStack,
  opts: { requestTimeout?: number; retries?: number; clientId?: string } = {},
): Kafka {
  registerKafkajsCodecs();
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

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const t = performance.now();
  try {
    const value = await fn();
    return { ms: Math.round(performance.now() - t), value };
  } catch (e) {
    return { ms: Math.round(performance.now() - t), error: e as Error };
  }
}
