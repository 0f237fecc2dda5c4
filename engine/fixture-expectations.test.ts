import { describe, expect, it } from 'vitest';
import { diagnosisMismatch, expectedStatus, unknownExpectedIds } from './fixture-expectations.js';

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
    expect(unknownExpectedIds({ diagnosis: { exit: 'x' } }, ['exits'])).toEqual(['exit']);
  });
  it('matches an expected diagnosis against the English summary, ignoring case', () => {
    const e = { fail: ['a'], diagnosis: { a: 'answered 400.*required' } };
    expect(diagnosisMismatch(e, 'a', 'The endpoint answered 400: Required request parameter')).toBeUndefined();
    expect(diagnosisMismatch(e, 'a', 'answered 503')).toMatch(/expected the diagnosis/);
    expect(diagnosisMismatch(e, 'b', 'anything')).toBeUndefined();
  });
});
