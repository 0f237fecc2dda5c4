import { describe, expect, it } from 'vitest';
import type { Verdict } from '../model/verdict.js';
import { selftestRow } from './selftest.js';

const base = { title: { fr: 't', en: 't' }, points: 2, score: 0, durationMs: 40 };
const of = { exercise: 'ex9', fixture: 'mutant-acks-1', seed: 4242, expectation: { fail: ['refuses-below-min-isr'] } };

describe('selftest rows', () => {
  it('carry the seed, and for a not-gradable verdict its code and reason, beside the fields they had', () => {
    const v: Verdict = {
      ...base,
      id: 'refuses-below-min-isr',
      status: 'not-gradable',
      reason: 'INTERNAL: This server does not host this topic-partition',
      evidence: {
        summary: { fr: '…', en: 'Not gradable (an infrastructure problem, not your solution’s): This server…' },
        data: { code: 'INTERNAL', hint: 'this is a bug of kgrade' },
      },
    };
    expect(selftestRow(of, v)).toEqual({
      exercise: 'ex9',
      fixture: 'mutant-acks-1',
      check: 'refuses-below-min-isr',
      expected: 'fail',
      actual: 'not-gradable',
      summary: v.evidence.summary.en,
      durationMs: 40,
      seed: 4242,
      reason: 'INTERNAL: This server does not host this topic-partition',
      code: 'INTERNAL',
    });
  });
  it('name the failure kind of an error, and nothing more for a verdict the judge gave', () => {
    const error: Verdict = {
      ...base,
      id: 'topic-durability',
      status: 'error',
      evidence: { summary: { fr: '…', en: 'The solution could not be graded: …' }, data: { problem: 'start' } },
    };
    expect(selftestRow(of, error)).toMatchObject({ actual: 'error', code: 'start' });
    const fail: Verdict = {
      ...base,
      id: 'refuses-below-min-isr',
      status: 'fail',
      evidence: { summary: { fr: '…', en: 'x' } },
    };
    const row = selftestRow(of, fail);
    expect(row).toMatchObject({ expected: 'fail', actual: 'fail', seed: 4242 });
    expect(row).not.toHaveProperty('reason');
    expect(row).not.toHaveProperty('code');
  });
});
