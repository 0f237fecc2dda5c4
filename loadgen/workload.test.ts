import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  listNames,
  loadProfile,
  loadShape,
  PROFILES_DIR,
  validateProfile,
  validateShape,
  withOverrides,
  WORKLOADS_DIR,
} from './workload.js';

describe('workload shapes', () => {
  it('every shipped workload and profile is valid', () => {
    expect(listNames(WORKLOADS_DIR).length).toBeGreaterThan(0);
    for (const n of listNames(WORKLOADS_DIR)) expect(loadShape(n).name).toBe(n);
    for (const n of listNames(PROFILES_DIR)) expect(loadProfile(n).name).toBe(n);
  });

  it('reads a YAML shape with defaults', () => {
    const s = validateShape(
      parse('name: t\npayload: { kind: random-bytes, sizeBytes: 100 }\nrateMsgPerSec: 500\ndurationSec: 5\n'),
    );
    expect(s).toMatchObject({
      name: 't',
      topics: 1,
      partitionsPerTopic: 1,
      keyDistribution: 'none',
      rateMsgPerSec: 500,
      warmupSec: 0,
      endToEnd: true,
    });
  });

  it('accepts rate max', () => {
    expect(
      validateShape({ name: 't', payload: { kind: 'news-json' }, rateMsgPerSec: 'max', durationSec: 1 }).rateMsgPerSec,
    ).toBe('max');
  });

  it('lists every problem at once, with the key names', () => {
    try {
      validateShape(
        { name: 't', payload: { kind: 'bytes' }, rateMsgPerSec: -3, durationSec: 0, colour: 'red' },
        'x.yaml',
      );
      expect.unreachable();
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('x.yaml');
      expect(m).toContain("unknown key 'colour'");
      expect(m).toContain("'payload.kind'");
      expect(m).toContain("'rateMsgPerSec'");
      expect(m).toContain("'durationSec'");
    }
  });

  it('applies command-line overrides and validates the result', () => {
    const s = validateShape({ name: 't', payload: { kind: 'news-json' }, rateMsgPerSec: 100, durationSec: 5 });
    const o = withOverrides(s, { records: 10, sizeBytes: 1024, rate: 'max', warmupSec: 0 });
    expect(o).toMatchObject({
      maxRecords: 10,
      payload: { kind: 'random-bytes', sizeBytes: 1024 },
      rateMsgPerSec: 'max',
      warmupSec: 0,
    });
    expect(() => withOverrides(s, { durationSec: 0 })).toThrow(/durationSec/);
  });
});

describe('client profiles', () => {
  it('defaults to the Java producer of Kafka 3.9', () => {
    expect(validateProfile({ name: 'p' })).toMatchObject({
      acks: -1,
      idempotence: false,
      batchSizeBytes: 16384,
      lingerMs: 0,
      compression: 'none',
      maxInFlightRequests: 5,
      bufferMemoryBytes: 33554432,
    });
  });

  it('reads acks as 0, 1 or all', () => {
    expect(validateProfile({ name: 'p', acks: 1 }).acks).toBe(1);
    expect(validateProfile({ name: 'p', acks: 'all' }).acks).toBe(-1);
    expect(() => validateProfile({ name: 'p', acks: 2 })).toThrow(/acks/);
  });

  it('refuses an unknown codec and idempotence without acks=all', () => {
    expect(() => validateProfile({ name: 'p', compression: 'brotli' })).toThrow(/compression/);
    expect(() => validateProfile({ name: 'p', acks: 1, idempotence: true })).toThrow(/idempotence/);
  });
});
