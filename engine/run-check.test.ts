import { describe, expect, it } from 'vitest';
import { GraderError, SolutionError } from '../core/errors.js';
import type { CheckDefinition, RunContext } from './exercise.js';
import { outcomeForProblem, runCheck, verdictForProblem, verdictFromJudgement } from './run-check.js';

const check: CheckDefinition = {
  id: 'c1',
  title: { fr: 'Titre', en: 'Title' },
  points: 3,
  hint: { fr: 'Revoir les clés', en: 'Revisit keys' },
  observe: async () => undefined,
  judge: () => ({ status: 'pass', evidence: { summary: { fr: 'ok', en: 'ok' } } }),
};

describe('verdicts', () => {
  it('gives points on pass only, and the hint on anything but pass', () => {
    const pass = verdictFromJudgement(check, { status: 'pass', evidence: { summary: { fr: 'a', en: 'a' } } }, 5);
    expect(pass).toMatchObject({ score: 3, status: 'pass' });
    expect(pass.hint).toBeUndefined();
    const fail = verdictFromJudgement(check, { status: 'fail', evidence: { summary: { fr: 'b', en: 'b' } } }, 5);
    expect(fail).toMatchObject({ score: 0, status: 'fail', hint: check.hint });
  });
  it("makes a student's build failure an error verdict with the compiler output", () => {
    const v = verdictForProblem(
      check,
      new SolutionError('build', 'does not build', { fr: 'f', en: 'e' }, 'Main.java:[64,34] cannot find symbol'),
      1,
    );
    expect(v.status).toBe('error');
    expect(v.evidence.data).toMatchObject({ problem: 'build', output: expect.stringContaining('cannot find symbol') });
    expect(v.hint).toEqual({ fr: 'f', en: 'e' });
  });
  it('says a solution error in the report language only, with the root cause of a crash', () => {
    const output =
      'Tomcat started on port 8080\nCaused by: java.lang.IllegalStateException: outer\nCaused by: org.apache.kafka.common.config.ConfigException: Invalid value x\n\tat a.b(C.java:1)';
    const v = verdictForProblem(
      check,
      new SolutionError(
        'crash',
        { fr: "l'application s'est arrêtée", en: 'the application exited' },
        { fr: 'f', en: 'e' },
        output,
      ),
      1,
    );
    expect(v.evidence.summary.fr).toBe("La solution n'a pas pu être évaluée : l'application s'est arrêtée");
    expect(v.evidence.summary.en).toBe('The solution could not be graded: the application exited');
    expect(v.crash?.rootCause).toBe('Caused by: org.apache.kafka.common.config.ConfigException: Invalid value x');
    expect(v.crash?.lastLines).toContain('at a.b(C.java:1)');
  });
  it('makes infrastructure trouble not-gradable, never failed', () => {
    const v = verdictForProblem(
      check,
      new GraderError('SERVICE_DIED', 'broker-1 died', { hint: 'h', logTail: 'OOM' }),
      1,
    );
    expect(v.status).toBe('not-gradable');
    expect(v.score).toBe(0);
    expect(v.evidence.data).toMatchObject({ code: 'SERVICE_DIED', logTail: 'OOM' });
    expect(verdictForProblem(check, new TypeError('x is undefined'), 1).reason).toMatch(/^INTERNAL/);
  });
  it("gives a not-gradable verdict's code, hint and retriable as typed fields; a solution's own problem has none", () => {
    expect(
      outcomeForProblem(check, new GraderError('SERVICE_DIED', 'broker-1 died', { hint: 'h' }), 1).problem,
    ).toEqual({ code: 'SERVICE_DIED', hint: 'h', retriable: true }); // its code's, not a default false
    expect(
      outcomeForProblem(check, new GraderError('REGISTRY_UNREACHABLE', 'down', { hint: 'h' }), 1).problem?.retriable,
    ).toBe(true);
    expect(outcomeForProblem(check, new TypeError('x'), 1).problem?.code).toBe('INTERNAL');
    expect(
      outcomeForProblem(check, new SolutionError('build', 'does not build', { fr: 'f', en: 'e' }), 1).problem,
    ).toBeUndefined();
  });
});

const checkWith = (over: Partial<CheckDefinition> = {}): CheckDefinition => ({
  id: 'c',
  title: { fr: 'c', en: 'c' },
  points: 2,
  hint: { fr: 'h', en: 'h' },
  observe: async () => 'observed',
  judge: () => ({ status: 'pass', evidence: { summary: { fr: 'ok', en: 'ok' } } }),
  ...over,
});

function context(dead?: RunContext['dead'], control = { faults: true, brokers: true }): RunContext {
  return {
    dead,
    stack: { control, assertHealthy: () => undefined },
  } as unknown as RunContext;
}

describe('runCheck on a solution marked dead', () => {
  it('fails the check at once with the recorded diagnosis, without observing', async () => {
    let observed = false;
    const v = await runCheck(
      checkWith({ observe: async () => (observed = true) }),
      context({ fr: 'aucune requête servie', en: 'no request was answered' }),
      undefined,
    );
    expect(observed).toBe(false);
    expect(v.status).toBe('fail');
    expect(v.score).toBe(0);
    expect(v.evidence.summary.en).toBe('Not observed: no request was answered');
    expect(v.hint).toEqual({ fr: 'h', en: 'h' });
  });
  it('still judges a check that does not depend on the solution running', async () => {
    const v = await runCheck(checkWith({ judgedWhenDead: true }), context({ fr: 'x', en: 'x' }), undefined);
    expect(v.status).toBe('pass');
  });
  it('judges normally while the solution is alive', async () => {
    expect((await runCheck(checkWith(), context(), undefined)).status).toBe('pass');
  });
});

describe('runCheck on a stack that cannot offer what the check needs', () => {
  it('skips it without observing: no points, no hint, the reason kept', async () => {
    let observed = false;
    const observe = async () => (observed = true);
    const noFaults = await runCheck(
      checkWith({ needs: { faults: true }, observe }),
      context(undefined, { faults: false, brokers: true }),
      undefined,
    );
    expect(noFaults).toMatchObject({
      status: 'skipped',
      score: 0,
      reason: 'fault injection (Toxiproxy) is not available on this stack',
      evidence: {
        summary: {
          fr: "Ignoré : l'injection de pannes (Toxiproxy) n'est pas disponible sur cette pile.",
          en: 'Skipped: fault injection (Toxiproxy) is not available on this stack.',
        },
      },
    });
    expect(noFaults.hint).toBeUndefined();
    const noBrokers = await runCheck(
      checkWith({ needs: { brokerControl: true }, observe }),
      context(undefined, { faults: true, brokers: false }),
      undefined,
    );
    expect(noBrokers.status).toBe('skipped');
    expect(noBrokers.evidence.summary.en).toBe(
      'Skipped: this stack gives no control over its brokers (external stack).',
    );
    expect(observed).toBe(false);
  });
});
