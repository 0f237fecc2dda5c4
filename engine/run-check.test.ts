import { describe, expect, it } from 'vitest';
import type { CheckDefinition, RunContext } from './exercise.js';
import { runCheck } from './run-check.js';

const check = (over: Partial<CheckDefinition> = {}): CheckDefinition => ({
  id: 'c',
  title: { fr: 'c', en: 'c' },
  points: 2,
  hint: { fr: 'h', en: 'h' },
  observe: async () => 'observed',
  judge: () => ({ status: 'pass', evidence: { summary: { fr: 'ok', en: 'ok' } } }),
  ...over,
});

function context(dead?: RunContext['dead']): RunContext {
  return { dead, stack: { control: { faults: true, brokers: true }, assertHealthy: () => undefined } } as unknown as RunContext;
}

describe('runCheck on a solution marked dead', () => {
  it('fails the check at once with the recorded diagnosis, without observing', async () => {
    let observed = false;
    const v = await runCheck(check({ observe: async () => (observed = true) }), context({ fr: 'aucune requête servie', en: 'no request was answered' }), undefined);
    expect(observed).toBe(false);
    expect(v.status).toBe('fail');
    expect(v.score).toBe(0);
    expect(v.evidence.summary.en).toBe('Not observed: no request was answered');
    expect(v.hint).toEqual({ fr: 'h', en: 'h' });
  });
  it('still judges a check that does not depend on the solution running', async () => {
    const v = await runCheck(check({ judgedWhenDead: true }), context({ fr: 'x', en: 'x' }), undefined);
    expect(v.status).toBe('pass');
  });
  it('judges normally while the solution is alive', async () => {
    expect((await runCheck(check(), context(), undefined)).status).toBe('pass');
  });
});
