import { describe, expect, it } from 'vitest';
import { EX5_RULES } from './contract.js';
import { ex5Floor } from './floor.js';

describe('ex5 floor', () => {
  it('imposes no wait: the roles send and print fixed counts, unpaced', () => {
    const f = ex5Floor();
    expect(f).toMatchObject({ ms: 0, specMs: 0, windowMs: 0, parts: [] });
    expect(f.notCounted.join(' ')).toContain('(6 records each)');
  });

  it('follows the constants', () => {
    const f = ex5Floor({ ...EX5_RULES, produceCount: 9, writerRecords: 2 });
    expect(f.notCounted.join(' ')).toContain('(9 records each)');
    expect(f.notCounted.join(' ')).toContain("the grader's 2 included");
  });
});
