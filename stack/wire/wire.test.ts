import {
  createRecordsBatch,
  describeLogDirsV4,
  metadataV12,
  Reader,
  Writer,
  type CompressionAlgorithmValue,
} from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { answerWithErrors } from './broker-connection.js';
import { offsetsOf } from './list-offsets.js';
import { replicaSizesOf } from './log-dirs.js';
import { clusterMetadataOf, topicsStillListed } from './metadata.js';
import { parseBatchHeaders, parseFetchKeepingBatches } from './record-batches.js';

const TOPIC_ID = '0b7c5d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e';

/** A real magic-2 batch of `records` records, as @platformatic/kafka's producer encodes it. */
function batch(
  baseOffset: number,
  records: number,
  compression: CompressionAlgorithmValue = 'none',
  attributes?: number,
): Buffer {
  const messages = Array.from({ length: records }, (_, i) => ({
    topic: 'news',
    value: Buffer.from(`value-${i}`.repeat(5)),
  }));
  const b = Buffer.from(createRecordsBatch(messages, { compression }).buffer);
  b.writeBigInt64BE(BigInt(baseOffset), 0);
  if (attributes !== undefined) b.writeInt16BE(attributes, 21);
  return b;
}

/** Runs one of @platformatic/kafka's response parsers on bytes, as its connection does. */
function parsed<T>(parse: (c: number, k: number, v: number, r: Reader) => T, body: Writer): Promise<T> {
  return answerWithErrors(Promise.resolve().then(() => parse(1, 0, 0, Reader.from(body))));
}

describe('metadata', () => {
  it('reads a leaderless partition as data, beside healthy ones and an unknown topic (the parser throws; its answer is kept)', async () => {
    const partition = (
      w: Writer,
      [errorCode, index, leader, replicas, isr]: [number, number, number, number[], number[]],
    ) =>
      w
        .appendInt16(errorCode)
        .appendInt32(index)
        .appendInt32(leader)
        .appendInt32(0)
        .appendArray(replicas, (w2, v) => w2.appendInt32(v), true, false)
        .appendArray(isr, (w2, v) => w2.appendInt32(v), true, false)
        .appendArray([], () => undefined, true, false);
    const body = Writer.create()
      .appendInt32(0)
      .appendArray(
        [
          [1, 9092, null],
          [2, 9093, 'rack-b'],
        ] as const,
        (w, [id, port, rack]) => w.appendInt32(id).appendString('127.0.0.1').appendInt32(port).appendString(rack),
      )
      .appendString('kgrade-cluster')
      .appendInt32(1)
      .appendArray(
        [
          [
            0,
            'notifications',
            [
              [5, 1, -1, [3], []],
              [0, 0, 1, [1, 2], [1, 2]],
            ],
          ],
          [3, 'gone', []],
        ] as const,
        (w, [errorCode, name, partitions]) =>
          w
            .appendInt16(errorCode)
            .appendString(name)
            .appendUUID(TOPIC_ID)
            .appendBoolean(false)
            .appendArray(partitions as unknown as [number, number, number, number[], number[]][], partition)
            .appendInt32(0),
      )
      .appendTaggedFields();
    const md = clusterMetadataOf(await parsed(metadataV12.parseResponse, body));
    expect(md.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    expect([md.clusterId, md.controllerId]).toEqual(['kgrade-cluster', 1]);
    expect(md.topics[0]).toEqual({
      name: 'notifications',
      topicId: TOPIC_ID,
      errorCode: 0,
      partitions: [
        { errorCode: 0, partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2] },
        { errorCode: 5, partition: 1, leader: -1, replicas: [3], isr: [] },
      ],
    });
    expect(md.topics[1]).toMatchObject({ name: 'gone', errorCode: 3, partitions: [] });
  });

  it('counts a topic as still listed until the broker answers it unknown (a leaderless one is still there)', () => {
    const md = {
      brokers: [],
      controllerId: 1,
      clusterId: null,
      topics: [
        { name: 'orders', topicId: TOPIC_ID, errorCode: 0, partitions: [] },
        { name: 'leaderless', topicId: TOPIC_ID, errorCode: 5, partitions: [] },
        { name: 'gone', topicId: TOPIC_ID, errorCode: 3, partitions: [] },
        { name: 'not-asked', topicId: TOPIC_ID, errorCode: 0, partitions: [] },
      ],
    };
    expect(topicsStillListed(md, ['orders', 'leaderless', 'gone', 'never-seen'])).toEqual(['orders', 'leaderless']);
    expect(topicsStillListed({ ...md, topics: [md.topics[2]!] }, ['gone'])).toEqual([]);
  });

  it('asks for no topic with an empty list (never "all topics") and never auto-creates', () => {
    const r = Reader.from(metadataV12.createRequest([], false, false));
    expect([r.readUnsignedVarInt(), r.readBoolean(), r.readBoolean()]).toEqual([1, false, false]);
  });
});

describe('describe log dirs', () => {
  const answer = (dirs: [number, string, [string, [number, bigint, boolean][]][]][]) =>
    Writer.create()
      .appendInt32(0)
      .appendInt16(0)
      .appendArray(dirs, (w, [errorCode, logDir, topics]) =>
        w
          .appendInt16(errorCode)
          .appendString(logDir)
          .appendArray(topics, (w2, [t, ps]) =>
            w2
              .appendString(t)
              .appendArray(ps, (w3, [p, size, future]) =>
                w3.appendInt32(p).appendInt64(size).appendInt64(0n).appendBoolean(future),
              ),
          )
          .appendInt64(0n)
          .appendInt64(0n),
      )
      .appendTaggedFields();

  it('adds nothing from a failed log dir and reports the sizes of the others', async () => {
    const body = answer([
      [0, '/data/a', [['news', [[0, 1234n, false]]]]],
      [57, '/data/broken', []],
    ]);
    expect(replicaSizesOf(await parsed(describeLogDirsV4.parseResponse, body))).toEqual([
      { logDir: '/data/a', topic: 'news', partition: 0, bytes: 1234, future: false },
    ]);
  });

  it('fails only when no log dir answered', async () => {
    const body = answer([[57, '/data/broken', []]]);
    await expect(parsed(describeLogDirsV4.parseResponse, body).then(replicaSizesOf)).rejects.toThrow(/error code 57/);
  });
});

describe('record batches', () => {
  it('reads codec, record count and next offset of each complete batch, and drops a trailing partial one', () => {
    const set = Buffer.concat([
      batch(0, 500, 'snappy'),
      batch(500, 3),
      batch(503, 1, 'none', 0x20),
      batch(504, 10, 'lz4').subarray(0, 30),
    ]);
    const headers = parseBatchHeaders(set);
    expect(headers.map((h) => [h.codec, h.records, h.control, h.nextOffset])).toEqual([
      ['snappy', 500, false, 500n],
      ['none', 3, false, 503n],
      ['none', 1, true, 504n],
    ]);
    expect(headers[0]!.sizeBytes).toBe(batch(0, 500, 'snappy').length);
  });

  it('names each codec a batch was compressed with, without decompressing it', () => {
    for (const codec of ['gzip', 'snappy', 'lz4'] as const)
      expect(parseBatchHeaders(batch(0, 20, codec))[0]!.codec).toBe(codec);
    expect(parseBatchHeaders(batch(0, 2, 'none', 4))[0]!.codec).toBe('zstd');
  });

  it('names an unknown codec instead of guessing', () => {
    expect(parseBatchHeaders(batch(0, 1, 'none', 7))[0]!.codec).toBe('unknown-7');
  });

  it('keeps the record set of each partition of a Fetch v16 answer as bytes', () => {
    const records = batch(0, 2, 'lz4');
    const body = Writer.create()
      .appendInt32(0)
      .appendInt16(0)
      .appendInt32(0)
      .appendArray([TOPIC_ID], (w, id) =>
        w.appendUUID(id).appendArray(
          [
            [0, records],
            [1, null],
          ] as const,
          (w2, [p, set]) =>
            w2
              .appendInt32(p)
              .appendInt16(0)
              .appendInt64(2n)
              .appendInt64(2n)
              .appendInt64(0n)
              .appendArray([[7n, 1n]], (w3, [id2, first]) => w3.appendInt64(id2).appendInt64(first))
              .appendInt32(-1)
              .appendBytes(set),
        ),
      )
      .appendTaggedFields();
    const parts = parseFetchKeepingBatches(1, 1, 16, Reader.from(body));
    expect(parts.map((p) => [p.topicId, p.partition, p.highWatermark, p.records.length])).toEqual([
      [TOPIC_ID, 0, 2n, records.length],
      [TOPIC_ID, 1, 2n, 0],
    ]);
    expect(parseBatchHeaders(parts[0]!.records)[0]!.codec).toBe('lz4');
  });
});

describe('list offsets', () => {
  const answer = (parts: [number, number, bigint][]) => ({
    throttleTimeMs: 0,
    topics: [
      {
        name: 'news',
        partitions: parts.map(([partitionIndex, errorCode, offset]) => ({
          partitionIndex,
          errorCode,
          offset,
          timestamp: -1n,
          leaderEpoch: 0,
        })),
      },
      { name: 'other', partitions: [{ partitionIndex: 0, errorCode: 0, offset: 9n, timestamp: -1n, leaderEpoch: 0 }] },
    ],
  });

  it('pairs each partition first offset with its end, as decimal strings, and keeps a leader error as data', () => {
    const earliest = answer([
      [1, 0, 5n],
      [0, 0, 0n],
      [2, 6, -1n],
    ]);
    const latest = answer([
      [0, 0, 12n],
      [1, 0, 40n],
      [2, 6, -1n],
    ]);
    expect(offsetsOf('news', earliest, latest)).toEqual([
      { partition: 0, errorCode: 0, low: '0', high: '12' },
      { partition: 1, errorCode: 0, low: '5', high: '40' },
      { partition: 2, errorCode: 6 },
    ]);
  });

  it('never pairs an end with a first offset the broker did not give', () => {
    expect(offsetsOf('news', answer([]), answer([[0, 0, 3n]]))).toEqual([{ partition: 0, errorCode: -1 }]);
  });
});
