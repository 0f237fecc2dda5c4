import { describe, expect, it } from 'vitest';
import { EX4_RULES } from './contract.js';
import { ex4Floor } from './floor.js';

describe('ex4 floor', () => {
  it("is pause-resume's paused window", () => {
    const f = ex4Floor();
    expect(f.parts.map((p) => [p.check, p.kind, p.ms])).toEqual([['pause-resume', 'window', 3000]]);
    expect(f).toMatchObject({ ms: 3000, specMs: 0, windowMs: 3000 });
    expect(f.notCounted.join(' ')).toContain('Connect itself');
  });

  it('follows the constants', () => {
    const f = ex4Floor({ ...EX4_RULES, pausedWindowMs: 5000, propagationTimeoutMs: 7000 });
    expect(f.ms).toBe(5000);
    expect(f.notCounted.join(' ')).toContain('7 s at most');
  });
});
