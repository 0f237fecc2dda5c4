import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomSeed } from '../core/rng.js';
import type { GradeResult } from '../model/result.js';
import { sharedStack } from '../stack/shared-stack.js';
import type { ExerciseDefinition } from './exercise.js';
import { diagnosisMismatch, expectedStatus, inFaultScope, isNullFixture, listFixtures, loadExpectation, unknownExpectedIds } from './fixture-expectations.js';
import { PACKAGE_ROOT } from './grade-config.js';
import { GradeSession } from './grade-session.js';

/**
 * Proves a grader with its fixtures: each fixture is graded on the shared stack, then one test per
 * check compares the verdict with expect.json and carries the evidence in its meta.
 * `KGRADE_SELFTEST_SEED` fixes the seed (replay); otherwise each run draws fresh data.
 */
export function defineSelftestSuite(exercise: ExerciseDefinition): void {
  const all = listFixtures(path.join(PACKAGE_ROOT, 'fixtures'), exercise.id);
  const faultChecks = exercise.checks.filter((c) => c.needs?.faults || c.needs?.brokerControl).map((c) => c.id);
  // KGRADE_SELFTEST_SCOPE=faults: only the fixtures whose verdicts depend on faults (provider parity in CI).
  const fixtures = process.env.KGRADE_SELFTEST_SCOPE === 'faults' ? all.filter((d) => inFaultScope(d, loadExpectation(d), faultChecks)) : all;
  describe(`selftest ${exercise.id}`, () => {
    test('has a reference, a mutant and a null fixture', () => {
      expect(all.some((f) => path.basename(f).startsWith('reference'))).toBe(true);
      expect(all.some((f) => path.basename(f).startsWith('mutant'))).toBe(true);
      expect(all.some(isNullFixture), `fixtures/${exercise.id} needs a null-* fixture (a solution that does nothing must score 0)`).toBe(true);
    });
    for (const dir of fixtures) {
      const fixture = path.basename(dir);
      describe(fixture, () => {
        const expectation = loadExpectation(dir);
        const seed = process.env.KGRADE_SELFTEST_SEED ? Number(process.env.KGRADE_SELFTEST_SEED) : randomSeed();
        let result: GradeResult;
        beforeAll(async () => {
          const session = new GradeSession({ exercise, solutionDir: dir, seed, acquireStack: () => sharedStack(exercise.stack), replayCommand: `KGRADE_SELFTEST_SEED=${seed} kgrade selftest ${exercise.id}` });
          result = await session.runAll();
        }, 15 * 60_000);
        test('expect.json names only real checks', () => {
          expect(unknownExpectedIds(expectation, exercise.checks.map((c) => c.id))).toEqual([]);
        });
        for (const check of exercise.checks) {
          test(check.id, ({ task }) => {
            const v = result.verdicts.find((x) => x.id === check.id)!;
            const expected = expectedStatus(expectation, check.id);
            const mismatch = diagnosisMismatch(expectation, check.id, v.evidence.summary.en);
            task.meta.kgradeSelftest = { exercise: exercise.id, fixture, check: check.id, expected, actual: v.status, summary: v.evidence.summary.en, ...(mismatch ? { diagnosisMismatch: mismatch } : {}) };
            // A mismatch carries the solution's last output lines, so a verdict that changed in CI can be explained.
            const why = v.status === expected ? '' : `\n${outputTail(result)}`;
            expect(v.status, `${fixture} / ${check.id} (seed ${seed}): ${v.evidence.summary.en}${v.reason ? ` [${v.reason}]` : ''}${why}`).toBe(expected);
            expect(mismatch, `${fixture} / ${check.id} (seed ${seed})`).toBeUndefined();
          });
        }
        if (isNullFixture(dir) || expectation.score === 0) {
          test('scores 0', () => {
            expect(result.score, `${fixture} (seed ${seed}): ${result.verdicts.filter((v) => v.score > 0).map((v) => v.id).join(', ')} gave points`).toBe(0);
          });
        }
        afterAll(() => undefined);
      });
    }
  });
}

/** The last lines each phase of the solution printed on stderr (bounded), for a selftest failure message. */
function outputTail(result: GradeResult, linesPerPhase = 6): string {
  return result.logs
    .filter((l) => l.stderr.trim())
    .map((l) => `  [${l.phase}${l.exitCode !== undefined ? `, exit ${l.exitCode}` : ''}] ${l.stderr.trim().split('\n').slice(-linesPerPhase).join('\n    ')}`)
    .join('\n')
    .slice(-3000);
}
