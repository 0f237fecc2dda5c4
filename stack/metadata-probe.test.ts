import { describe, expect, it } from 'vitest';
import { metadataRequest, parseMetadataV4 } from './metadata-probe.js';

/** Builds wire bytes the way a broker writes a Metadata v4 response. */
class Bytes {
  private parts: Buffer[] = [];
  int8(v: number) {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    this.parts.push(b);
    return this;
  }
  int16(v: number) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }
  string(s: string | null) {
    if (s === null) return this.int16(-1);
    this.int16(Buffer.byteLength(s));
    this.parts.push(Buffer.from(s));
    return this;
  }
  ints(values: number[]) {
    this.int32(values.length);
    for (const v of values) this.int32(v);
    return this;
  }
  build() {
    return Buffer.concat(this.parts);
  }
}

describe('metadata probe', () => {
  it('asks for no topic with a zero-length array (kafkajs would send -1, meaning all topics)', () => {
    const req = metadataRequest(7, []);
    expect(req.readInt32BE(0)).toBe(req.length - 4);
    expect(req.readInt16BE(4)).toBe(3); // Metadata
    expect(req.readInt16BE(6)).toBe(4); // version
    expect(req.readInt32BE(8)).toBe(7);
    const clientIdLen = req.readInt16BE(12);
    expect(req.readInt32BE(14 + clientIdLen)).toBe(0);
    expect(req.readInt8(req.length - 1)).toBe(0); // no auto-creation
  });

  it('names the topics it asks for', () => {
    const req = metadataRequest(1, ['orders', 'payments']);
    const clientIdLen = req.readInt16BE(12);
    let o = 14 + clientIdLen;
    expect(req.readInt32BE(o)).toBe(2);
    o += 4;
    expect(req.toString('utf8', o + 2, o + 2 + req.readInt16BE(o))).toBe('orders');
  });

  it('reads a leaderless partition as data, beside healthy ones and an unknown topic', () => {
    const body = new Bytes()
      .int32(42) // correlation id
      .int32(0) // throttle
      .int32(2)
      .int32(1).string('127.0.0.1').int32(9092).string(null)
      .int32(2).string('127.0.0.1').int32(9093).string('rack-b')
      .string('kgrade-cluster')
      .int32(1)
      .int32(2) // topics
      .int16(0).string('notifications').int8(0)
      .int32(2)
      .int16(5).int32(1).int32(-1).ints([3]).ints([])
      .int16(0).int32(0).int32(1).ints([1, 2]).ints([1, 2])
      .int16(3).string('gone').int8(0).int32(0)
      .build();
    const md = parseMetadataV4(body, 42);
    expect(md.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
    expect(md.clusterId).toBe('kgrade-cluster');
    expect(md.controllerId).toBe(1);
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

  it('refuses an answer to another request', () => {
    const body = new Bytes().int32(1).int32(0).int32(0).string(null).int32(-1).int32(0).build();
    expect(() => parseMetadataV4(body, 2)).toThrow(/correlation id 1, expected 2/);
  });
});
