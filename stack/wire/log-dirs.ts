import { WireReader, WireWriter } from './wire-codec.js';
import { withWire } from './wire-connection.js';

/**
 * How many bytes a topic's partitions hold in one broker's log dirs (DescribeLogDirs API, key 35, version 1):
 * the size the broker itself reports, on any provider (no access to its file system needed).
 * Each broker reports only its own replicas: ask every broker and add up.
 */
export const DESCRIBE_LOG_DIRS = { apiKey: 35, version: 1 } as const;

export interface ReplicaSize {
  logDir: string;
  topic: string;
  partition: number;
  bytes: number;
  /** A replica being moved between log dirs. */
  future: boolean;
}

export function describeLogDirsRequestBody(topics: string[], partitions = [0]): Buffer {
  return new WireWriter().array(topics, (w, t) => w.string(t).array(partitions, (w2, p) => w2.int32(p))).build();
}

export function parseDescribeLogDirsResponse(body: Buffer): ReplicaSize[] {
  const r = new WireReader(body);
  r.int32(); // throttle_time_ms
  const out: ReplicaSize[] = [];
  const results =
    r.array(() => {
      const errorCode = r.int16();
      const logDir = r.string() ?? '';
      r.array(() => {
        const topic = r.string() ?? '';
        r.array(() => {
          const partition = r.int32();
          const bytes = Number(r.int64());
          r.int64(); // offset_lag
          const future = r.boolean();
          if (errorCode === 0) out.push({ logDir, topic, partition, bytes, future });
        });
      });
      return errorCode;
    }) ?? [];
  const failed = results.find((e) => e !== 0);
  if (failed !== undefined && !out.length) throw new Error(`DescribeLogDirs failed with Kafka error code ${failed}`);
  return out;
}

/** Sizes of the given partitions of `topics` held by the broker at `address`. */
export function describeLogDirs(address: string, topics: string[], partitions: number[], timeoutMs = 5000): Promise<ReplicaSize[]> {
  return withWire(address, async (c) => parseDescribeLogDirsResponse(await c.request(DESCRIBE_LOG_DIRS.apiKey, DESCRIBE_LOG_DIRS.version, describeLogDirsRequestBody(topics, partitions), timeoutMs)));
}
