/** Seeded randomness: every run's data comes from a seed printed in the report, so `--seed N` replays it. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Lowercase letters and digits. */
  id(length: number): string;
}

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
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length)]!,
    id: (length) => Array.from({ length }, () => alphabet[int(0, alphabet.length)]).join(''),
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
