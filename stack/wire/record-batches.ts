import type { Connection, fetchV16, Reader } from '@platformatic/kafka';
import { platformaticKafka } from './platformatic.js';
import { answerWithErrors, withBroker } from './broker-connection.js';
import { clusterMetadataOf } from './metadata.js';

/**
 * The record batches a partition holds, as the leader serves them (Fetch v16: @platformatic/kafka's request,
 * our reading of its answer): the broker returns batches as stored, so their attributes say which codec they
 * were written with and how many records each carries. Evidence for compression and batching questions, on any
 * provider. Batch layout: the Kafka documentation, "Record Batch" (magic 2).
 *
 * Why not @platformatic/kafka's Fetch parser: it decompresses every batch to hand out records, and zstd
 * needs `zlib.zstdDecompressSync` (Node >= 22.15): on Node 20 a zstd batch makes it throw. Only headers are
 * read here, so no batch is ever decompressed, on any Node.
 */
export const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CodecName = (typeof CODECS)[number] | `unknown-${number}`;

export interface BatchHeader {
  baseOffset: bigint;
  /** Bytes of the whole batch on the wire and on disk (header included). */
  sizeBytes: number;
  magic: number;
  codec: CodecName;
  transactional: boolean;
  control: boolean;
  records: number;
  /** Offset after the batch's last record. */
  nextOffset: bigint;
}

/** Headers of the complete batches in a fetched record set (a trailing partial batch is left out, as Kafka allows). */
export function parseBatchHeaders(records: Buffer): BatchHeader[] {
  const out: BatchHeader[] = [];
  let o = 0;
  while (o + 12 <= records.length) {
    const baseOffset = records.readBigInt64BE(o);
    const batchLength = records.readInt32BE(o + 8);
    const sizeBytes = 12 + batchLength;
    if (o + sizeBytes > records.length) break;
    const magic = records.readInt8(o + 16);
    if (magic !== 2)
      throw new Error(`record batch at offset ${baseOffset} has magic ${magic}; only magic 2 (Kafka >= 0.11) is read`);
    const attributes = records.readInt16BE(o + 21);
    const lastOffsetDelta = records.readInt32BE(o + 23);
    const count = records.readInt32BE(o + 57);
    const codecId = attributes & 0x07;
    out.push({
      baseOffset,
      sizeBytes,
      magic,
      codec: CODECS[codecId] ?? `unknown-${codecId}`,
      transactional: (attributes & 0x10) !== 0,
      control: (attributes & 0x20) !== 0,
      records: count,
      nextOffset: baseOffset + BigInt(lastOffsetDelta) + 1n,
    });
    o += sizeBytes;
  }
  return out;
}

export interface FetchedPartition {
  topicId: string;
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  /** The record set as the broker sent it (complete batches, maybe a trailing partial one). */
  records: Buffer;
}

/** A Fetch v16 answer, record sets kept as bytes (layout: the Kafka protocol guide, "Fetch Response (Version: 16)"). */
export function parseFetchKeepingBatches(
  _correlationId: number,
  _apiKey: number,
  _apiVersion: number,
  reader: Reader,
): FetchedPartition[] {
  reader.readInt32(); // throttle_time_ms
  const errorCode = reader.readInt16();
  if (errorCode !== 0) throw new Error(`the fetch failed with Kafka error code ${errorCode}`);
  reader.readInt32(); // session_id
  return reader
    .readArray((r) => {
      const topicId = r.readUUID();
      return r.readArray((p): FetchedPartition => {
        const partition = p.readInt32();
        const errorCode = p.readInt16();
        const highWatermark = p.readInt64();
        p.readInt64(); // last_stable_offset
        p.readInt64(); // log_start_offset
        p.readNullableArray((a) => [a.readInt64(), a.readInt64()]); // aborted transactions
        p.readInt32(); // preferred_read_replica
        const records = p.readNullableBytes(true) ?? Buffer.alloc(0);
        return { topicId, partition, errorCode, highWatermark, records };
      });
    })
    .flat();
}

let fetchKeepingBatches:
  | Promise<{
      async: (c: Connection, ...args: Parameters<typeof fetchV16.createRequest>) => Promise<FetchedPartition[]>;
    }>
  | undefined;
function fetchKeepingBatchesApi() {
  fetchKeepingBatches ??= platformaticKafka().then(({ createAPI, fetchV16 }) =>
    createAPI<fetchV16.FetchRequest, FetchedPartition[]>(
      fetchV16.api.key,
      fetchV16.api.version,
      fetchV16.createRequest,
      parseFetchKeepingBatches,
    ),
  );
  return fetchKeepingBatches;
}

/** One sessionless fetch of `topicId`-`partition` from `offset`, as a plain consumer reading uncommitted data. */
async function fetchFrom(
  c: Connection,
  topicId: string,
  partition: number,
  offset: bigint,
  maxBytes: number,
): Promise<FetchedPartition> {
  const partitions = [
    { partition, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, partitionMaxBytes: maxBytes },
  ];
  const answer = await (await fetchKeepingBatchesApi()).async(
    c,
    100,
    1,
    maxBytes,
    0,
    0,
    -1,
    [{ topicId, partitions }],
    [],
    '',
  );
  const p = answer.find((x) => x.topicId === topicId && x.partition === partition);
  if (!p) throw new Error(`the fetch answer has no partition ${partition} of topic id ${topicId}`);
  return p;
}

/** Every batch of `topic`-`partition` from offset 0 to the high watermark, read from its leader at `address`. */
export function readBatchHeaders(
  address: string,
  topic: string,
  partition: number,
  opts: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<BatchHeader[]> {
  const maxBytes = opts.maxBytes ?? 4 * 1024 * 1024;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  return withBroker(
    address,
    async (c) => {
      // Fetch names topics by id since v13: the same broker says which.
      const { metadataV12 } = await platformaticKafka();
      const md = clusterMetadataOf(await answerWithErrors(metadataV12.api.async(c, [topic], false, false)));
      const t = md.topics.find((x) => x.name === topic);
      if (t?.errorCode !== 0)
        throw new Error(`topic ${topic} not known to the broker at ${address} (error code ${t?.errorCode ?? 'none'})`);
      const out: BatchHeader[] = [];
      let offset = 0n;
      for (;;) {
        if (Date.now() > deadline)
          throw new Error(`reading the batches of ${topic}-${partition} took too long (at offset ${offset})`);
        const p = await fetchFrom(c, t.topicId, partition, offset, maxBytes);
        if (p.errorCode !== 0)
          throw new Error(`fetching ${topic}-${partition} failed with Kafka error code ${p.errorCode}`);
        if (offset >= p.highWatermark) return out;
        const batches = parseBatchHeaders(p.records);
        if (!batches.length) {
          if (p.records.length >= maxBytes)
            throw new Error(`a batch of ${topic}-${partition} is larger than ${maxBytes} bytes`);
          continue;
        }
        out.push(...batches);
        offset = batches[batches.length - 1]!.nextOffset;
        if (offset >= p.highWatermark) return out;
      }
    },
    10_000,
    5000,
  );
}
