import { describe, expect, it } from 'vitest';
import { EX6_RULES } from './contract.js';
import { ex6Floor } from './floor.js';

describe('ex6 floor', () => {
  it("adds the checks' windows once the counts settled, the join came and the probe was counted", () => {
    const f = ex6Floor();
    expect(f.parts.map((p) => [p.check, p.kind, p.ms])).toEqual([
      ['word-counts', 'window', 1000],
      ['join-status', 'window', 2000],
      ['counts-survive-restart', 'window', 1000],
    ]);
    expect(f).toMatchObject({ ms: 4000, specMs: 0, windowMs: 4000 });
    // The commit interval bounds from above: named, not counted.
    expect(f.notCounted.join(' ')).toContain('commit.interval.ms 1000 ms at most');
  });

  it('follows the constants', () => {
    expect(EX6_RULES.replayWatchMs).toBe(EX6_RULES.maxCommitIntervalMs);
    const f = ex6Floor({ ...EX6_RULES, stableMs: 0, joinGraceMs: 500, replayWatchMs: 250 });
    expect(f.ms).toBe(750);
    expect(f.parts[1]!.what).toContain('500 ms');
  });
});
