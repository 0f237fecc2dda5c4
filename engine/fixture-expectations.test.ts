import { describe, expect, it } from 'vitest';
import { expectedStatus, unknownExpectedIds } from './fixture-expectations.js';

describe('fixture expectations', () => {
  it('reads score 100 as every check passing', () => {
    expect(expectedStatus({ score: 100 }, 'a')).toBe('pass');
  });
  it('reads listed checks as failing or erroring, the rest passing', () => {
    const e = { fail: ['a'], error: ['b'] };
    expect(expectedStatus(e, 'a')).toBe('fail');
    expect(expectedStatus(e, 'b')).toBe('error');
    expect(expectedStatus(e, 'c')).toBe('pass');
    expect(expectedStatus({ error: '*' }, 'z')).toBe('error');
  });
  it('names expected ids the exercise does not have', () => {
    expect(unknownExpectedIds({ fail: ['exits', 'exit'] }, ['exits'])).toEqual(['exit']);
  });
});
