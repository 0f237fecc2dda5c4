import { describe, expect, it } from 'vitest';
import { perfTestRecords, primingShape } from './load-bench.js';
import type { LoadRunResult } from '../loadgen/result.js';
import { loadShape } from '../loadgen/workload.js';

describe('primingShape', () => {
  it('primes a full-speed shape for 2 s with no record cap, so the first measured run starts warm', () => {
    const p = primingShape(loadShape('bytes-100b'));
    expect(p).toMatchObject({ warmupSec: 0, durationSec: 2, endToEnd: false });
    expect(p.maxRecords).toBeUndefined();
  });
  it('keeps a paced shape short and without its consumer', () => {
    const p = primingShape(loadShape('news-paced'));
    expect(p).toMatchObject({ durationSec: 2, maxRecords: 5000, endToEnd: false, rateMsgPerSec: 2000 });
  });
});

describe('perfTestRecords', () => {
  const ran = (records: number, warmupRecords = 0, failedRecords = 0) =>
    ({ measured: { records, warmupRecords, failedRecords } }) as LoadRunResult;
  it('gives perf-test the records our run sent when the duration ended it before the cap', () => {
    expect(perfTestRecords(loadShape('bytes-100b'), ran(31_000, 0, 2))).toBe(31_002);
  });
  it('never more than the shape caps', () => {
    expect(perfTestRecords(loadShape('bytes-100b'), ran(200_000, 5_000))).toBe(200_000);
  });
  it('counts the warm-up of a shape without a cap', () => {
    expect(perfTestRecords(loadShape('news-paced'), ran(20_000, 4_000))).toBe(24_000);
  });
});
