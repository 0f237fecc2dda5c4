import { describe, expect, it } from 'vitest';
import { EX7_RULES } from './contract.js';
import { ex7Floor } from './floor.js';

describe('ex7 floor', () => {
  it('imposes no wait: the windows are event time, the tables are read until they agree', () => {
    const f = ex7Floor();
    expect(f).toMatchObject({ ms: 0, specMs: 0, windowMs: 0, parts: [] });
    expect(f.notCounted.join(' ')).toContain('the 60 views');
  });

  it('follows the constants', () => {
    const f = ex7Floor({ ...EX7_RULES, scenario: { ...EX7_RULES.scenario, views: 12 }, resultsTimeoutMs: 30_000 });
    expect(f.notCounted.join(' ')).toContain('the 12 views');
    expect(f.notCounted.join(' ')).toContain('30 s at most after the last view');
  });
});
