import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultPartitionForKey, murmur2 } from './murmur2.js';

describe('murmur2 (Kafka default partitioner)', () => {
  it("matches the Java client's published test vectors", () => {
    // Vectors from Apache Kafka's UtilsTest.testMurmur2.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([97, 98, 99]))).toBe(479470107);
  });

  it("agrees with kafkajs's Java-compatible partitioner on many keys", () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (k: Buffer) => number;
    for (let i = 0; i < 500; i++) {
      const key = `key-${i}-${'x'.repeat(i % 7)}`;
      expect(murmur2(Buffer.from(key))).toBe(kafkajsMurmur(Buffer.from(key)));
    }
    expect(defaultPartitionForKey('my key', 5)).toBe(3);
  });

  it('agrees on binary keys of every tail length, high bytes included (sign extension is where ports go wrong)', () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (k: Buffer) => number;
    for (let len = 0; len < 12; len++) {
      for (const fill of [0x00, 0x7f, 0x80, 0xff]) {
        const key = Buffer.from(Array.from({ length: len }, (_, i) => (fill + i * 37) & 0xff));
        expect(murmur2(key)).toBe(kafkajsMurmur(key));
      }
    }
  });
});
