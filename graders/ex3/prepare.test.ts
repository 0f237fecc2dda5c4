import { describe, expect, it } from 'vitest';
import { quietAfterProgress } from './prepare.js';

describe('ex3 warm-up', () => {
  it('stops early only after some progress followed by a quiet period', () => {
    let t = 0;
    let n = 0;
    const stop = quietAfterProgress(
      () => n,
      () => t,
      10_000,
    );
    // Nothing processed, however long: the full 30 s wait (a solution slow to start, or not consuming at all).
    expect(stop()).toBe(false);
    t = 20_000;
    expect(stop()).toBe(false);
    // Progress restarts the quiet period.
    n = 20;
    t = 21_000;
    expect(stop()).toBe(false);
    t = 30_999;
    expect(stop()).toBe(false);
    n = 21;
    t = 31_000;
    expect(stop()).toBe(false);
    t = 40_999;
    expect(stop()).toBe(false);
    t = 41_000;
    expect(stop()).toBe(true);
  });
});
