import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import { sharedStack } from '../stack/shared-stack.js';
import type { ExerciseDefinition } from './exercise.js';
import './grade-config.js';
import { GradeSession } from './grade-session.js';

const SETUP_TIMEOUT_MS = 15 * 60_000;
const CHECK_TIMEOUT_MS = 5 * 60_000;

/**
 * Declares an exercise's checks as Vitest tests: setup (stack, build, run) once, then one test per
 * check whose verdict travels to the CLI's reporter in the test's meta. A test fails when its check
 * does not pass, so Vitest's own tooling agrees with the verdicts.
 */
export function defineGraderSuite(exercise: ExerciseDefinition): void {
  const cfg = inject('kgrade');
  describe(exercise.id, () => {
    const startedAt = new Date().toISOString();
    const replayCommand = cfg.replayCommand.replace('{ex}', exercise.id);
    const session = new GradeSession({
      exercise,
      solutionDir: cfg.solutionDir,
      seed: cfg.seed,
      acquireStack: () => sharedStack(exercise.stack),
      replayCommand,
    });
    beforeAll(() => session.setup(), SETUP_TIMEOUT_MS);
    for (const check of exercise.checks) {
      test(
        check.id,
        async ({ task }) => {
          const verdict = await session.check(check);
          task.meta.kgradeCheck = {
            exercise: exercise.id,
            verdict,
            logs: session.takeLogs(),
            problems: session.takeProblems(),
            stack: session.stackInfo(),
            solution: session.solutionInfo(),
            seed: cfg.seed,
            replayCommand,
            startedAt,
          };
          if (verdict.status !== 'pass' && verdict.status !== 'skipped') throw new Error(`${verdict.status}: ${verdict.evidence.summary.en}`);
        },
        CHECK_TIMEOUT_MS,
      );
    }
    afterAll(() => session.teardown());
  });
}
