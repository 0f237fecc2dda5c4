import { describe, expect, it } from 'vitest';
import { LatencyAccounting, summarize } from './latency.js';

const make = (histograms = true) =>
  new LatencyAccounting({ runStartMs: 0, measureFromMs: 1000, measureFromEpochMs: 1_700_000_001_000, histograms });

describe('LatencyAccounting', () => {
  it('measures publish latency from the intended send time, not from the actual one', () => {
    const a = make();
    // due at 1000 ms, sent late at 1400 ms (the client was stalled), acked at 1410 ms
    a.onSent(1000, 1400);
    a.onAck(1000, 1410, 100, true);
    expect(a.summary('publishLatency')!.maxUs).toBeGreaterThanOrEqual(409_000);
    expect(a.summary('publishLatency')!.maxUs).toBeLessThanOrEqual(411_000);
    expect(a.summary('publishDelay')!.maxUs).toBeGreaterThanOrEqual(399_000);
  });

  it('does not correct coordinated omission a second time: one ack, one value', () => {
    const a = make();
    a.onSent(1000, 1000);
    a.onAck(1000, 3000, 100, true); // a 2 s stall on a record paced every 1 ms
    expect(a.summary('publishLatency')!.count).toBe(1);
  });

  it('leaves warm-up records out of the histograms but counts them in the per-second series', () => {
    const a = make();
    a.onSent(500, 500);
    a.onAck(500, 505, 100, true);
    a.onSent(1500, 1500);
    a.onAck(1500, 1502, 100, true);
    expect(a.summary('publishLatency')!.count).toBe(1);
    expect(a.warmupRecords).toBe(1);
    expect(a.measuredRecords).toBe(1);
    const s = a.series();
    expect(s.map((x) => [x.second, x.ackedRecords, x.warmup])).toEqual([
      [0, 1, true],
      [1, 1, false],
    ]);
    expect(s[0]!.p99PublishLatencyUs).toBeNull();
    expect(s[1]!.p99PublishLatencyUs).toBeGreaterThanOrEqual(1990);
  });

  it('counts failed records apart from acknowledged ones', () => {
    const a = make();
    a.onSent(1000, 1000);
    a.onAck(1000, 1005, 100, false);
    expect(a.failedRecords).toBe(1);
    expect(a.measuredRecords).toBe(0);
    expect(a.summary('publishLatency')).toBeNull();
  });

  it('takes end-to-end latency from the record timestamp, skipping warm-up records', () => {
    const a = make();
    a.onConsumed(1_700_000_000_500, 1_700_000_000_600);
    a.onConsumed(1_700_000_002_000, 1_700_000_002_025);
    const e = a.summary('endToEnd')!;
    expect(e.count).toBe(1);
    expect(e.p50Us).toBeGreaterThanOrEqual(24_900);
    expect(e.p50Us).toBeLessThanOrEqual(25_100);
  });

  it('computes throughput over the span from the first measured intended send to the last ack', () => {
    const a = make();
    for (let i = 0; i < 100; i++) {
      a.onSent(1000 + i * 10, 1000 + i * 10);
      a.onAck(1000 + i * 10, 1000 + i * 10 + 10, 1000, true);
    }
    const t = a.throughput();
    expect(t.spanMs).toBe(1000);
    expect(t.msgPerSec).toBe(100);
    expect(t.bytesPerSec).toBe(100_000);
  });

  it('with histograms off still counts records and throughput, and has no latency', () => {
    const a = make(false);
    a.onSent(1000, 1000);
    a.onAck(1000, 1100, 10, true);
    expect(a.measuredRecords).toBe(1);
    expect(a.summary('publishLatency')).toBeNull();
    expect(a.throughput().msgPerSec).toBeCloseTo(10);
  });

  it('summarises an empty histogram as null', () => {
    expect(summarize(undefined)).toBeNull();
  });

  it('gives a monotonic percentile curve ending at the maximum', () => {
    const a = make();
    for (let i = 1; i <= 1000; i++) {
      a.onSent(1000, 1000);
      a.onAck(1000, 1000 + i, 1, true);
    }
    const c = a.summary('publishLatency')!.curve;
    for (let i = 1; i < c.length; i++) expect(c[i]!.valueUs).toBeGreaterThanOrEqual(c[i - 1]!.valueUs);
    expect(c.at(-1)!.percentile).toBe(100);
    expect(c.at(-1)!.valueUs).toBeGreaterThanOrEqual(a.summary('publishLatency')!.maxUs);
  });

  it('keeps no delay histogram for a closed-loop run (its delay is 0 by construction)', () => {
    const a = new LatencyAccounting({
      runStartMs: 0,
      measureFromMs: 0,
      measureFromEpochMs: 0,
      histograms: true,
      recordDelay: false,
    });
    a.onSent(1, 1);
    a.onAck(1, 2, 10, true);
    expect(a.summary('publishDelay')).toBeNull();
    expect(a.summary('publishLatency')!.count).toBe(1);
  });
});
