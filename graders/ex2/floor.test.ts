import { describe, expect, it } from 'vitest';
import { EX2_SENDS_PER_CHECK, ex2Floor } from './floor.js';

describe('ex2 floor', () => {
  it('adds the watch for duplicates after each send, the three sends side by side of both-producers-partition counting once', () => {
    const f = ex2Floor();
    expect(f.parts.map((p) => [p.check, p.ms])).toEqual([
      ['critical-on-reserved', 300],
      ['general-balanced', 300],
      ['key-order', 300],
      ['both-producers-partition', 300],
    ]);
    expect(f).toMatchObject({ ms: 1200, specMs: 0, windowMs: 1200 });
    expect(f.parts[3]!.what).toBe('1 watch x 300 ms for duplicates once all landed');
  });

  it('follows the constants', () => {
    expect(ex2Floor({ placeGraceMs: 1000 }).ms).toBe(4000);
    expect(ex2Floor({ placeGraceMs: 300 }, { ...EX2_SENDS_PER_CHECK, 'key-order': 2 }).ms).toBe(1500);
  });
});
