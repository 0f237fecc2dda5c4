import { describe, expect, it } from 'vitest';
import { EX0_RULES } from './contract.js';
import { ex0Floor } from './floor.js';

describe('ex0 floor', () => {
  it('imposes no wait: the program runs unpaced and the checks share one snapshot', () => {
    const f = ex0Floor();
    expect(f).toMatchObject({ ms: 0, specMs: 0, windowMs: 0, parts: [] });
    expect(f.notCounted.join(' ')).toContain('10 + 10 sends');
    expect(f.notCounted.join(' ')).toContain('45 s at most');
  });

  it('follows the constants', () => {
    const f = ex0Floor({ ...EX0_RULES, unkeyedCount: 3, timeLimitMs: 20_000 });
    expect(f.notCounted.join(' ')).toContain('3 + 10 sends');
    expect(f.notCounted.join(' ')).toContain('20 s at most');
  });
});
