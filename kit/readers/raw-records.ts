import { GraderError } from '../../core/errors.js';
import { registerKafkajsCodecs } from '../../loadgen/drivers/kafkajs-codecs.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';

/** One record as the brokers hold it, its value as bytes (a binary encoding such as Avro survives). */
export interface RawRecord {
  partition: number;
  offset: number;
  value: Buffer | null;
}

/** Each partition's end offset now (the offset the next record will get). */
export async function endOffsets(stack: StartedKafkaStack, topic: string): Promise<Record<number, number>> {
  const offsets = await (await stack.admin()).fetchTopicOffsets(topic);
  return Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** Records written between two end-offset snapshots (a partition missing from `from` starts at 0). */
export function between(records: RawRecord[], from: Record<number, number>, to: Record<number, number>): RawRecord[] {
  return records.filter((r) => r.offset >= (from[r.partition] ?? 0) && r.offset < (to[r.partition] ?? 0));
}

/**
 * Every record of a topic with its value's bytes, read on the direct listener from the earliest offset up to
 * the end offsets seen when the read starts; each partition:offset once, sorted by partition then offset.
 */
export async function readRawRecords(stack: StartedKafkaStack, topic: string, timeoutMs = 30_000): Promise<RawRecord[]> {
  const admin = await stack.admin();
  const offsets = await admin.fetchTopicOffsets(topic);
  const want = new Map(offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, BigInt(o.high)]));
  const out = new Map<string, RawRecord>();
  if (want.size === 0) return [];
  registerKafkajsCodecs();
  const consumer = stack.observerConsumer('kgrade-raw-reader', { maxWaitTimeInMs: 200, groupId: `kgrade-raw-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new GraderError('INTERNAL', `reading ${topic} took more than ${timeoutMs / 1000} s`, { hint: 'the machine is overloaded; retry', retriable: true })), timeoutMs);
      const done = (partition: number, lastOffset: string) => {
        if (BigInt(lastOffset) + 1n >= (want.get(partition) ?? 0n)) want.delete(partition);
        if (want.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      // Progress from the batch events, not the messages: a transaction's commit marker (a control record,
      // never handed out) can hold a partition's last offset; kafkajs counts it only in a batch's last offset,
      // and a batch of markers alone reaches no handler but still ends with this event.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => done(payload.partition, payload.lastOffset));
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            out.set(`${partition}:${message.offset}`, { partition, offset: Number(message.offset), value: message.value ? Buffer.from(message.value) : null });
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return [...out.values()].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
