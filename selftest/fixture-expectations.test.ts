import { describe, expect, it } from 'vitest';
import {
  diagnosisMismatch,
  expectedStatus,
  inFaultScope,
  sandboxRefusal,
  unknownExpectedIds,
} from './fixture-expectations.js';

describe('fixture expectations', () => {
  it('refuses a fixture that requires the sandbox on a run without it, and only then', () => {
    expect(sandboxRefusal({ requiresSandbox: true, fail: '*' }, false)).toMatch(/only with --sandbox/);
    expect(sandboxRefusal({ requiresSandbox: true, fail: '*' }, true)).toBeUndefined();
    expect(sandboxRefusal({ score: 100 }, false)).toBeUndefined();
  });
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
  it('puts references and fixtures expected to end otherwise on a fault check in the parity scope', () => {
    const faults = ['acks', 'latency'];
    expect(inFaultScope('/f/reference-ts', { score: 100 }, faults)).toBe(true);
    expect(inFaultScope('/f/mutant-acks-1', { fail: ['acks'] }, faults)).toBe(true);
    expect(inFaultScope('/f/null-do-nothing', { fail: '*' }, faults)).toBe(true);
    expect(inFaultScope('/f/mutant-bad-json', { fail: ['bad-request'] }, faults)).toBe(false);
  });
});
