import { describe, expect, it } from 'vitest';
import { EX3_RULES } from './contract.js';
import { ex3Floor } from './floor.js';

describe('ex3 floor', () => {
  it('adds the work the contract asks per general notification and the fixed windows', () => {
    const f = ex3Floor();
    const byCheck = (id: string) => f.parts.filter((p) => p.check === id).reduce((a, p) => a + p.ms, 0);
    expect(byCheck('groups-by-type')).toBe(400);
    expect(byCheck('critical-latency')).toBe(6000);
    expect(byCheck('commit-after-processing')).toBe(4000);
    expect(byCheck('resume-after-restart')).toBe(2400);
    // 5 x 200 ms, the 3 s watch (15 more at 200 ms), the other 20 at 20 ms, 1 s settle
    expect(byCheck('at-least-once-after-crash')).toBe(1000 + 3000 + 400 + 1000);
    expect(byCheck('lag-returns-to-zero')).toBe(1200);
    expect(f).toMatchObject({ ms: 19_400, specMs: 12_400, windowMs: 7000 });
  });

  it('follows the constants', () => {
    const f = ex3Floor({ ...EX3_RULES, processingMs: 1, criticalIntervalMs: 500 });
    expect(f.parts.find((p) => p.check === 'critical-latency')).toMatchObject({ ms: 10_000 });
    expect(f.parts.find((p) => p.check === 'critical-latency')!.what).toContain('300 x 1 ms');
  });
});
