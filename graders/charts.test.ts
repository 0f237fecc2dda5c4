import { describe, expect, it } from 'vitest';
import { judgeUnkeyed } from './ex0/checks/unkeyed-records.js';
import { judgeAsyncFast, judgeSyncWaits } from './ex1/checks/latency.js';
import { judgeBalanced, judgeOffReserved } from './ex2/checks/general-spread.js';
import { judgeLag } from './ex3/checks/commits.js';

/** The checks that draw a chart ask for it in their evidence (ex9's: graders/ex9/charts.test.ts). */
describe('charts asked for by the checks', () => {
  it('ex0: records without a key per partition, whatever the verdict', () => {
    const o = { topic: 't', exists: true, unkeyedCount: 10, duplicateCopies: 0, unkeyedByPartition: { 0: 4, 2: 6 } };
    for (const j of [judgeUnkeyed(o), judgeUnkeyed({ ...o, unkeyedCount: 3 })]) {
      expect(j.evidence.charts).toEqual([
        { kind: 'partition-counts', shows: ['unkeyedByPartition'], counts: { 0: 4, 2: 6 } },
      ]);
    }
  });

  it('ex1: the response time against the injected latency (and the async bound)', () => {
    const o = { endpoint: 'POST /n', latencyMs: 800, response: { status: 200, ms: 912 }, arrived: true };
    expect(judgeSyncWaits(o).evidence.charts).toEqual([
      { kind: 'latency', shows: ['latencyMs', 'response'], responseMs: 912, injectedMs: 800 },
    ]);
    expect(judgeAsyncFast(o).evidence.charts).toEqual([
      { kind: 'latency', shows: ['latencyMs', 'response', 'boundMs'], responseMs: 912, injectedMs: 800, boundMs: 400 },
    ]);
  });

  it('ex2: records per partition with the reserved ones marked', () => {
    const o = { endpoint: 'POST /n', reserved: [0], counts: [0, 30, 30], sent: 60, arrived: 60 };
    const want = [{ kind: 'partition-counts', shows: ['counts'], counts: { 0: 0, 1: 30, 2: 30 }, reserved: [0] }];
    expect(judgeBalanced(o).evidence.charts).toEqual(want);
    expect(judgeOffReserved(o).evidence.charts).toEqual(want);
  });

  it('ex3: the lag from production stopped to zero, or to what was left at the bound', () => {
    const burst = { burst: 60, burstProcessed: 60 };
    expect(
      judgeLag({ ...burst, lagAtStart: 40, lagAtEnd: 0, zeroAfterMs: 1200, boundMs: 30_000 }).evidence.charts,
    ).toEqual([
      {
        kind: 'lag',
        shows: ['lagAtStart', 'lagAtEnd', 'zeroAfterMs'],
        lagAtStart: 40,
        lagAtEnd: 0,
        endMs: 1200,
        boundMs: 30_000,
      },
    ]);
    expect(judgeLag({ ...burst, lagAtStart: 40, lagAtEnd: 12, boundMs: 30_000 }).evidence.charts).toMatchObject([
      { kind: 'lag', lagAtEnd: 12, endMs: 30_000 },
    ]);
  });
});
