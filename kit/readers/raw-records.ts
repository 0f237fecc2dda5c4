import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { readToEnd } from './topic-reader.js';

/** One record as the brokers hold it, its value as bytes (a binary encoding such as Avro survives). */
export interface RawRecord {
  partition: number;
  offset: number;
  value: Buffer | null;
}

/** Each partition's end offset now (the offset the next record will get). */
export async function endOffsets(stack: StartedKafkaStack, topic: string): Promise<Record<number, number>> {
  const offsets = await stack.topicOffsets(topic);
  return Object.fromEntries(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** Records written between two end-offset snapshots (a partition missing from `from` starts at 0). */
export function between(records: RawRecord[], from: Record<number, number>, to: Record<number, number>): RawRecord[] {
  return records.filter((r) => r.offset >= (from[r.partition] ?? 0) && r.offset < (to[r.partition] ?? 0));
}

/**
 * Every record of a topic with its value's bytes, up to its end offsets when the read starts (see readToEnd);
 * sorted by partition then offset.
 */
export async function readRawRecords(
  stack: StartedKafkaStack,
  topic: string,
  timeoutMs = 30_000,
): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  await readToEnd(stack, topic, { clientId: 'kgrade-raw-reader', timeoutMs }, (partition, message) => {
    out.push({ partition, offset: Number(message.offset), value: message.value ? Buffer.from(message.value) : null });
  });
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
