import { WireReader, WireWriter } from './wire-codec.js';
import { WireConnection } from './wire-connection.js';

/**
 * The record batches a partition holds, as the leader serves them (Fetch API, key 1, version 4): the broker
 * returns batches as stored, so their attributes say which codec they were written with and how many records
 * each carries. Evidence for compression and batching questions, on any provider.
 * Batch layout: the Kafka documentation, "Record Batch" (magic 2).
 */
export const FETCH = { apiKey: 1, version: 4 } as const;

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

export function fetchRequestBody(topic: string, partition: number, offset: bigint, maxBytes: number, maxWaitMs = 100): Buffer {
  return new WireWriter()
    .int32(-1) // replica_id: a consumer
    .int32(maxWaitMs)
    .int32(1) // min_bytes
    .int32(maxBytes)
    .int8(0) // read_uncommitted: every batch on disk
    .array([topic], (w, t) =>
      w.string(t).array([partition], (w2, p) => w2.int32(p).int64(offset).int32(maxBytes)),
    )
    .build();
}

export interface FetchedPartition {
  errorCode: number;
  highWatermark: bigint;
  records: Buffer;
}

export function parseFetchResponse(body: Buffer, topic: string, partition: number): FetchedPartition {
  const r = new WireReader(body);
  r.int32(); // throttle_time_ms
  let found: FetchedPartition | undefined;
  r.array(() => {
    const name = r.string();
    r.array(() => {
      const index = r.int32();
      const errorCode = r.int16();
      const highWatermark = r.int64();
      r.int64(); // last_stable_offset
      r.array(() => [r.int64(), r.int64()]); // aborted transactions
      const records = r.bytes() ?? Buffer.alloc(0);
      if (name === topic && index === partition) found = { errorCode, highWatermark, records };
    });
  });
  if (!found) throw new Error(`the fetch answer has no ${topic}-${partition}`);
  return found;
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
    if (magic !== 2) throw new Error(`record batch at offset ${baseOffset} has magic ${magic}; only magic 2 (Kafka >= 0.11) is read`);
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

/** Every batch of `topic`-`partition` from offset 0 to the high watermark, read from its leader at `address`. */
export async function readBatchHeaders(address: string, topic: string, partition: number, opts: { maxBytes?: number; timeoutMs?: number } = {}): Promise<BatchHeader[]> {
  const maxBytes = opts.maxBytes ?? 4 * 1024 * 1024;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const c = await WireConnection.open(address);
  const out: BatchHeader[] = [];
  try {
    let offset = 0n;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`reading the batches of ${topic}-${partition} took too long (at offset ${offset})`);
      const body = await c.request(FETCH.apiKey, FETCH.version, fetchRequestBody(topic, partition, offset, maxBytes), 10_000);
      const p = parseFetchResponse(body, topic, partition);
      if (p.errorCode !== 0) throw new Error(`fetching ${topic}-${partition} failed with Kafka error code ${p.errorCode}`);
      if (offset >= p.highWatermark) return out;
      const batches = parseBatchHeaders(p.records);
      if (!batches.length) {
        if (p.records.length >= maxBytes) throw new Error(`a batch of ${topic}-${partition} is larger than ${maxBytes} bytes`);
        continue;
      }
      out.push(...batches);
      offset = batches[batches.length - 1]!.nextOffset;
      if (offset >= p.highWatermark) return out;
    }
  } finally {
    c.close();
  }
}
