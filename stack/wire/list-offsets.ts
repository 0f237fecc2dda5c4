import type { listOffsetsV8 } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic.js';
import { answerWithErrors, withBroker } from './broker-connection.js';

/** A partition's first offset still held and its end offset (the offset the next committed record will get). */
export interface PartitionOffsets {
  partition: number;
  /** Decimal strings, as kafkajs's admin gave them, so callers keep their arithmetic. */
  low: string;
  high: string;
}

/** ListOffsets' special timestamps. */
const EARLIEST = -2n;
const LATEST = -1n;
/**
 * READ_COMMITTED: the end is the last stable offset, as kafkajs's admin (the grader's previous reader of ends)
 * asked for it; it equals the high watermark on a topic without open transactions.
 */
const READ_COMMITTED = 1;

/** One partition's answer: its offsets, or the Kafka error code its leader gave (e.g. 6, NOT_LEADER_OR_FOLLOWER). */
export type LeaderAnswer =
  | { partition: number; errorCode: 0; low: string; high: string }
  | { partition: number; errorCode: number };

/** The two ListOffsets answers (earliest, then latest) of one leader, partition by partition. Pure. */
export function offsetsOf(
  topic: string,
  earliest: listOffsetsV8.ListOffsetsResponse,
  latest: listOffsetsV8.ListOffsetsResponse,
): LeaderAnswer[] {
  const parts = (r: listOffsetsV8.ListOffsetsResponse) =>
    r.topics.filter((t) => t.name === topic).flatMap((t) => t.partitions);
  const lows = new Map(parts(earliest).map((p) => [p.partitionIndex, p]));
  return parts(latest)
    .map((h): LeaderAnswer => {
      const l = lows.get(h.partitionIndex);
      const errorCode = h.errorCode || (l ? l.errorCode : -1);
      if (!l || errorCode !== 0) return { partition: h.partitionIndex, errorCode };
      return { partition: h.partitionIndex, errorCode: 0, low: l.offset.toString(), high: h.offset.toString() };
    })
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Asks the broker at `address` (the partitions' leader) for the earliest and end offsets of `partitions` of
 * `topic` (ListOffsets v8, @platformatic/kafka's request and parser, on a connection of its own). Error codes
 * are answers: the caller decides what a partition led elsewhere means.
 */
export async function listOffsets(
  address: string,
  topic: string,
  partitions: number[],
  timeoutMs = 5000,
): Promise<LeaderAnswer[]> {
  const { listOffsetsV8 } = await platformaticKafka();
  const ask = (c: Parameters<typeof listOffsetsV8.api.async>[0], timestamp: bigint) =>
    answerWithErrors(
      listOffsetsV8.api.async(c, -1, READ_COMMITTED, [
        {
          name: topic,
          partitions: partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp })),
        },
      ]),
    );
  return withBroker(
    address,
    async (c) => offsetsOf(topic, await ask(c, EARLIEST), await ask(c, LATEST)),
    timeoutMs,
    5000,
  );
}
