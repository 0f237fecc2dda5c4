import { describe, expect, test } from 'vitest';
import { createRng } from '../../core/rng.js';
import { EX7_RULES } from './contract.js';
import { generateScenario } from './scenario.js';

describe('seeded scenario', () => {
  test('the same seed gives the same events', () => {
    expect(generateScenario(createRng(42), EX7_RULES.scenario)).toEqual(
      generateScenario(createRng(42), EX7_RULES.scenario),
    );
  });
  test('live shape: every row before the first view, view times even and table times odd (no tie), a pause longer than the session gap', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = generateScenario(createRng(seed), EX7_RULES.scenario);
      const first = Math.min(...s.views.map((v) => v.ts));
      expect(s.users.every((u) => u.ts < first && u.ts % 2 !== 0)).toBe(true);
      expect(s.views.every((v) => v.ts % 2 === 0)).toBe(true);
      const sorted = s.views.map((v) => v.ts).sort((a, b) => a - b);
      expect(sorted.some((t, i) => i > 0 && t - sorted[i - 1]! > EX7_RULES.session.gapMs)).toBe(true);
    }
  });
});
