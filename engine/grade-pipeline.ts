import { errorMessage } from '../core/errors.js';
import type { GradeListener } from '../model/progress.js';
import type { GradeResult } from '../model/result.js';
import type { StackPool } from '../stack/stack-pool.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import type { ExerciseDefinition } from './exercise.js';
import { assembleResult, GradeSession } from './grade-session.js';
import { verdictForProblem } from './run-check.js';

/** One exercise to grade on one solution. */
export interface GradeRequest {
  exercise: ExerciseDefinition;
  solutionDir: string;
  seed: number;
  /** The command that replays this run, printed in reports. */
  replayCommand: string;
  /** Build and run the solution in a sandbox (`--sandbox`; the default of cohort). */
  sandbox?: boolean;
  /** The provider asked for (`--stack docker`: the sandbox is a container); unset when chosen later (auto). */
  provider?: ProviderName;
  /** The sandbox chosen before the stack started (resolveSandbox); unset: the one that follows `provider`. */
  sandboxKind?: SandboxKind;
}

/** Checks that break the stack for everybody on it: such an exercise runs alone on a shared pool. */
export function needsExclusiveStack(ex: ExerciseDefinition): boolean {
  return ex.exclusive === true || ex.checks.some((c) => c.needs?.faults || c.needs?.brokerControl);
}

/**
 * The grading pipeline: `grade`, `selftest` and `cohort` all come here. A lease on the pool's stack (exclusive
 * for an exercise that injects faults, when asked), one session (build, prepare, each check in order, teardown),
 * one GradeResult. Never throws: whatever goes wrong is in the result.
 */
export async function gradeExercise(req: GradeRequest, pool: StackPool, opts: { onEvent?: GradeListener; exclusive?: boolean } = {}): Promise<GradeResult> {
  const lease = await pool.lease(req.exercise.stack, opts.exclusive ?? needsExclusiveStack(req.exercise));
  try {
    const session = new GradeSession({ ...req, acquireStack: () => lease.stack(), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
    const result = await session.runAll();
    if (result.outcome === 'not-gradable') pool.markSuspect();
    return result;
  } catch (e) {
    // runAll is not supposed to throw; if it does, that is ours, never the student's.
    return assembleResult({
      exercise: req.exercise,
      solution: { dir: req.solutionDir, runner: 'unknown' },
      seed: req.seed,
      replayCommand: req.replayCommand,
      startedAt: new Date().toISOString(),
      durationMs: 0,
      verdicts: req.exercise.checks.map((c) => verdictForProblem(c, e, 0)),
      logs: [],
      problems: [{ code: 'INTERNAL', message: errorMessage(e), hint: 'this is a bug of kgrade: please report it with the JSON result' }],
    });
  } finally {
    lease.release();
  }
}
