import { describe, expect, it } from 'vitest';
import { usageLine } from '../core/errors.js';
import {
  adversarialRefusal,
  diagnosisMismatch,
  expectedStatus,
  inFaultScope,
  sandboxRefusal,
  unknownExpectedIds,
} from './fixture-expectations.js';

describe('fixture expectations', () => {
  it('refuses a fixture that requires the sandbox on a run without it, and only then', () => {
    expect(sandboxRefusal({ requiresSandbox: true, fail: '*' }, false, 'grade', 'bomb')).toMatchObject({
      code: 'BAD_USAGE',
      message:
        'bomb is an adversarial fixture (expect.json: requiresSandbox): it attacks the machine it runs on, and `kgrade grade` without --sandbox would run it unsandboxed',
      hint: 'add --sandbox',
    });
    expect(sandboxRefusal({ requiresSandbox: true, fail: '*' }, true, 'grade', 'bomb')).toBeUndefined();
    expect(sandboxRefusal({ score: 100 }, false, 'grade', 'ref')).toBeUndefined();
  });
  it('says the same refusal from every command, each with its own fix', () => {
    const lines = (['grade', 'cohort', 'selftest', 'scenario run'] as const).map((c) =>
      usageLine(adversarialRefusal(['bomb'], c)),
    );
    expect(lines).toEqual([
      expect.stringMatching(/`kgrade grade` without --sandbox would run it unsandboxed; add --sandbox$/),
      expect.stringMatching(/`kgrade cohort --no-sandbox` would run it unsandboxed; drop --no-sandbox$/),
      expect.stringMatching(/`kgrade selftest` without --sandbox would run it unsandboxed; add --sandbox$/),
      expect.stringMatching(
        /`kgrade scenario run` \(it never sandboxes\) would run it unsandboxed; grade it with `kgrade grade <exercise> --sandbox` instead$/,
      ),
    ]);
    for (const l of lines)
      expect(l).toMatch(/^bomb is an adversarial fixture \(expect.json: requiresSandbox\): it attacks/);
    expect(adversarialRefusal(['eve', 'bob'], 'cohort').message).toMatch(
      /^eve, bob are adversarial fixtures .*: they attack the machine they run on, and .* would run them unsandboxed$/,
    );
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
