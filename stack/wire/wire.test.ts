import { describe, expect, it } from 'vitest';
import { WireReader, WireWriter, requestFrame } from './wire-codec.js';
import { metadataRequestBody, parseMetadataResponse } from './metadata.js';
import { describeLogDirsRequestBody, parseDescribeLogDirsResponse } from './log-dirs.js';
import { fetchRequestBody, parseBatchHeaders, parseFetchResponse } from './record-batches.js';

/** A magic-2 record batch header as a broker stores it (record bodies are opaque filler here). */
function batch(baseOffset: number, records: number, attributes: number, payloadBytes = 10): Buffer {
  const afterLength = new WireWriter()
    .int32(0) // partition leader epoch
    .int8(2) // magic
    .int32(0) // crc (not checked by the reader)
    .int16(attributes)
    .int32(records - 1) // last offset delta
    .int64(0n) // base timestamp
    .int64(0n) // max timestamp
    .int64(-1n) // producer id
    .int16(-1) // producer epoch
    .int32(-1) // base sequence
    .int32(records)
    .build();
  const body = Buffer.concat([afterLength, Buffer.alloc(payloadBytes, 7)]);
  return Buffer.concat([new WireWriter().int64(BigInt(baseOffset)).int32(body.length).build(), body]);
}

describe('wire codec', () => {
  it('round-trips the primitive types', () => {
    const b = new WireWriter().int8(-1).int16(300).int32(-5).int64(1n << 40n).string('é').string(null).array([1, 2], (w, v) => w.int32(v)).array(null, () => undefined).bytes(Buffer.from('ab')).build();
    const r = new WireReader(b);
    expect([r.int8(), r.int16(), r.int32(), r.int64(), r.string(), r.string(), r.array(() => r.int32()), r.array(() => 0), r.bytes()?.toString()]).toEqual([-1, 300, -5, 1n << 40n, 'é', null, [1, 2], null, 'ab']);
  });

  it('frames a request with its size and a v1 header', () => {
    const f = requestFrame(3, 4, 99, 'me', Buffer.from([1, 2]));
    expect(f.readInt32BE(0)).toBe(f.length - 4);
    expect([f.readInt16BE(4), f.readInt16BE(6), f.readInt32BE(8), f.readInt16BE(12), f.toString('utf8', 14, 16)]).toEqual([3, 4, 99, 2, 'me']);
  });
});

describe('metadata', () => {
  it('asks for no topic with a zero-length array (kafkajs would send -1, meaning all topics) and never auto-creates', () => {
    expect([...metadataRequestBody([])]).toEqual([0, 0, 0, 0, 0]);
  });

  it('reads a leaderless partition as data, beside healthy ones and an unknown topic', () => {
    const body = new WireWriter()
      .int32(0)
      .array([[1, 9092, null], [2, 9093, 'rack-b']] as const, (w, [id, port, rack]) => w.int32(id).string('127.0.0.1').int32(port).string(rack))
      .string('kgrade-cluster')
      .int32(1)
      .int32(2)
      .int16(0).string('notifications').int8(0)
      .int32(2)
      .int16(5).int32(1).int32(-1).array([3], (w, v) => w.int32(v)).array([], () => undefined)
      .int16(0).int32(0).int32(1).array([1, 2], (w, v) => w.int32(v)).array([1, 2], (w, v) => w.int32(v))
      .int16(3).string('gone').int8(0).int32(0)
      .build();
    const md = parseMetadataResponse(body);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    expect([md.clusterId, md.controllerId]).toEqual(['kgrade-cluster', 1]);
    expect(md.topics[0]).toEqual({
      name: 'notifications',
      errorCode: 0,
      partitions: [
        { errorCode: 0, partition: 0, leader: 1, replicas: [1, 2], isr: [1, 2] },
        { errorCode: 5, partition: 1, leader: -1, replicas: [3], isr: [] },
      ],
    });
    expect(md.topics[1]).toEqual({ name: 'gone', errorCode: 3, partitions: [] });
  });
});

describe('describe log dirs', () => {
  it('asks for the named partitions of the named topics', () => {
    const r = new WireReader(describeLogDirsRequestBody(['news'], [0, 1]));
    expect(r.array(() => [r.string(), r.array(() => r.int32())])).toEqual([['news', [0, 1]]]);
  });

  it('adds nothing from a failed log dir and reports the sizes of the others', () => {
    const body = new WireWriter()
      .int32(0)
      .int32(2)
      .int16(0).string('/data/a').array([['news', [[0, 1234n, false]]]] as const, (w, [t, ps]) => w.string(t).array([...ps], (w2, [p, size, future]) => w2.int32(p).int64(size).int64(0n).int8(future ? 1 : 0)))
      .int16(57).string('/data/broken').int32(0)
      .build();
    expect(parseDescribeLogDirsResponse(body)).toEqual([{ logDir: '/data/a', topic: 'news', partition: 0, bytes: 1234, future: false }]);
  });
});

describe('record batches', () => {
  it('asks a partition from an offset as a plain consumer reading uncommitted data', () => {
    const r = new WireReader(fetchRequestBody('news', 0, 42n, 1000));
    expect([r.int32(), r.int32(), r.int32(), r.int32(), r.int8()]).toEqual([-1, 100, 1, 1000, 0]);
    expect(r.array(() => [r.string(), r.array(() => [r.int32(), r.int64(), r.int32()])])).toEqual([['news', [[0, 42n, 1000]]]]);
  });

  it('reads codec, record count and next offset of each complete batch, and drops a trailing partial one', () => {
    const set = Buffer.concat([batch(0, 500, 2), batch(500, 3, 0), batch(503, 1, 0x20), batch(504, 10, 4).subarray(0, 30)]);
    const headers = parseBatchHeaders(set);
    expect(headers.map((h) => [h.codec, h.records, h.control, h.nextOffset])).toEqual([
      ['snappy', 500, false, 500n],
      ['none', 3, false, 503n],
      ['none', 1, true, 504n],
    ]);
    expect(headers[0]!.sizeBytes).toBe(batch(0, 500, 2).length);
  });

  it('names an unknown codec instead of guessing', () => {
    expect(parseBatchHeaders(batch(0, 1, 7))[0]!.codec).toBe('unknown-7');
  });

  it('finds its partition in a fetch answer', () => {
    const records = batch(0, 2, 3);
    const body = new WireWriter()
      .int32(0)
      .int32(1).string('news')
      .int32(1).int32(0).int16(0).int64(2n).int64(2n).int32(-1).bytes(records)
      .build();
    const p = parseFetchResponse(body, 'news', 0);
    expect([p.errorCode, p.highWatermark, parseBatchHeaders(p.records)[0]!.codec]).toEqual([0, 2n, 'lz4']);
    expect(() => parseFetchResponse(body, 'news', 1)).toThrow(/no news-1/);
  });
});
