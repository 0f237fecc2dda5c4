import type { describeLogDirsV4 } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic.js';
import { answerWithErrors, withBroker } from './broker-connection.js';

/**
 * How many bytes a topic's partitions hold in one broker's log dirs (DescribeLogDirs v4, @platformatic/kafka's
 * request and parser): the size the broker itself reports, on any provider (no access to its file system
 * needed). Each broker reports only its own replicas: ask every broker and add up. Not `Admin.describeLogDirs`:
 * it asks every broker the metadata lists (a stopped or paused broker is still listed for a while) and fails
 * whole when one broker or one log dir does.
 */
export interface ReplicaSize {
  logDir: string;
  topic: string;
  partition: number;
  bytes: number;
  /** A replica being moved between log dirs. */
  future: boolean;
}

/** The replicas of the log dirs that answered; an error only when none did. Pure. */
export function replicaSizesOf(r: describeLogDirsV4.DescribeLogDirsResponse): ReplicaSize[] {
  if (r.errorCode !== 0) throw new Error(`DescribeLogDirs failed with Kafka error code ${r.errorCode}`);
  const out = r.results
    .filter((d) => d.errorCode === 0)
    .flatMap((d) =>
      d.topics.flatMap((t) =>
        t.partitions.map((p) => ({
          logDir: d.logDir,
          topic: t.name,
          partition: p.partitionIndex,
          bytes: Number(p.partitionSize),
          future: p.isFutureKey,
        })),
      ),
    );
  const failed = r.results.find((d) => d.errorCode !== 0);
  if (failed && !out.length) throw new Error(`DescribeLogDirs failed with Kafka error code ${failed.errorCode}`);
  return out;
}

/** Sizes of the given partitions of `topics` held by the broker at `address`. */
export async function describeLogDirs(
  address: string,
  topics: string[],
  partitions: number[],
  timeoutMs = 5000,
): Promise<ReplicaSize[]> {
  const { describeLogDirsV4 } = await platformaticKafka();
  const request = topics.map((name) => ({ name, partitions }));
  // The caller asks the brokers it knows are up: one still opening its listeners is waited for (5 s at most).
  return withBroker(
    address,
    async (c) => replicaSizesOf(await answerWithErrors(describeLogDirsV4.api.async(c, request))),
    timeoutMs,
    5000,
  );
}
