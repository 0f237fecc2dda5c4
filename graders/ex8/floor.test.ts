import { describe, expect, it } from 'vitest';
import { EX8_RULES } from './contract.js';
import { ex8Floor } from './floor.js';

describe('ex8 floor', () => {
  it('imposes no wait: the runs send as fast as they can, their times are what is measured', () => {
    const f = ex8Floor();
    expect(f).toMatchObject({ ms: 0, specMs: 0, windowMs: 0, parts: [] });
    expect(f.notCounted.join(' ')).toContain('3 produce runs of the solution (2000 records each');
    expect(f.notCounted.join(' ')).toContain('7 measurement topics');
  });

  it('follows the constants', () => {
    const f = ex8Floor({ ...EX8_RULES, repeats: 5, records: 100 });
    expect(f.notCounted.join(' ')).toContain('5 produce runs of the solution (100 records each');
    expect(f.notCounted.join(' ')).toContain('11 measurement topics');
  });
});
