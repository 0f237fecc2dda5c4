import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { SCENARIOS } from './faults.js';

describe('fault scenarios', () => {
  it('are replayable: the same seed gives the same schedule', () => {
    for (const s of Object.values(SCENARIOS)) {
      const on = { topic: 't', partition: 0 };
      expect(s.steps(createRng(7), on)).toEqual(s.steps(createRng(7), on));
    }
  });
  it('always end healed or healable, and target resolvable brokers', () => {
    for (const s of Object.values(SCENARIOS)) {
      const steps = s.steps(createRng(1), { topic: 't', partition: 0 });
      expect(steps.length).toBeGreaterThan(0);
      for (const st of steps) expect(st.atMs).toBeGreaterThanOrEqual(0);
    }
  });
});
