import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../kit/faults/faults.js';
import { EX9_RULES } from './contract.js';
import { ex9Floor } from './floor.js';

describe('ex9 floor', () => {
  it('adds the paced sends, the leader-kill schedule, the frozen followers fencing and the replay gap', () => {
    const f = ex9Floor();
    expect(f.parts.map((p) => [p.check, p.ms])).toEqual([
      ['no-duplicates-under-retries', 2990],
      ['no-loss-on-leader-kill', 6300],
      ['refuses-below-min-isr', 2700],
      ['replay-range', 1550],
    ]);
    expect(f.ms).toBe(13_540);
    expect(f.specMs).toBe(f.ms);
    expect(f.notCounted.join(' ')).toContain('retry or delivery budget');
  });

  it('follows the constants', () => {
    const f = ex9Floor({ ...EX9_RULES, produceCount: 1001, produceRate: 100, replayGapMs: 0, replayMarginMs: 0 });
    expect(f.parts.find((p) => p.check === 'no-loss-on-leader-kill')!.ms).toBe(10_000);
    expect(f.parts.find((p) => p.check === 'no-loss-on-leader-kill')!.what).toContain('1001 sends at 100/s');
    expect(f.parts.find((p) => p.check === 'replay-range')!.ms).toBe(0);
    expect(
      ex9Floor(EX9_RULES, {
        ...SCENARIOS,
        'isolated-leader-killed': {
          ...SCENARIOS['isolated-leader-killed']!,
          steps: () => [{ atMs: 9000, action: { kind: 'heal' } }],
        },
      }).parts[1]!.ms,
    ).toBe(9000);
  });
});
