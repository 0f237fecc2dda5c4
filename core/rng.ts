import crypto from 'node:crypto';

/** Seeded randomness: every run's data comes from a seed printed in the report, so `--seed N` replays it. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Lowercase letters and digits. */
  id(length: number): string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** mulberry32: small, fast, good enough for test data (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length)]!,
    id: (length) => Array.from({ length }, () => ALPHABET[int(0, ALPHABET.length)]).join(''),
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * A grading's run id (what its topic and group names carry): drawn afresh for every grading, never from the seed,
 * so that two gradings with the same seed on one stack (a selftest with KGRADE_SELFTEST_SEED, a replay on a running
 * stack) never meet each other's topics. Same shape as `Rng.id`.
 */
export function uniqueRunId(length = 6): string {
  return Array.from({ length }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
}
