import { describe, expect, it } from 'vitest';
import { createRng, uniqueRunId } from './rng.js';

describe('createRng', () => {
  it('replays the same sequence from the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
  it('differs between seeds and stays in range', () => {
    const a = createRng(1);
    const b = createRng(2);
    expect(a.id(8)).not.toEqual(b.id(8));
    for (let i = 0; i < 1000; i++) {
      const n = a.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThan(7);
    }
  });
});

describe('uniqueRunId', () => {
  it('is six lowercase letters or digits, different at each call', () => {
    const ids = Array.from({ length: 200 }, () => uniqueRunId());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{6}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
