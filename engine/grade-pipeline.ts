import { errorMessage } from '../core/errors.js';
import type { GradeListener } from '../model/progress.js';
import type { GradeResult } from '../model/result.js';
import type { StackPool } from '../stack/stack-pool.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import type { ExerciseDefinition } from './exercise.js';
import { assembleResult, GradeSession, solutionInfo } from './grade-session.js';
import { verdictForProblem } from './run-check.js';
import { replayLineFor, type SolutionSource } from './solution-source.js';

/** One exercise to grade on one solution. */
export interface GradeRequest {
  exercise: ExerciseDefinition;
  /** What is graded, resolved by the caller: the engine builds the replay line, `solution` and `provenance` from it. */
  source: SolutionSource;
  seed: number;
  /** Build and run the solution in a sandbox (`--sandbox`; the default of cohort). */
  sandbox?: boolean;
  /** The provider asked for (`--stack docker`: the sandbox is a container); unset when chosen later (auto). */
  provider?: ProviderName;
  /** The sandbox chosen before the stack started (resolveSandbox); unset: the one that follows `provider`. */
  sandboxKind?: SandboxKind;
  /** The provider the replay line names, when it is not the one the run reports (a running `kgrade stack up`). */
  replayStack?: string;
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
export async function gradeExercise(
  req: GradeRequest,
  pool: StackPool,
  opts: { onEvent?: GradeListener; exclusive?: boolean } = {},
): Promise<GradeResult> {
  const lease = await pool.lease(req.exercise.stack, opts.exclusive ?? needsExclusiveStack(req.exercise));
  const replayCommand = replayLineFor(req.exercise.id, req.source, req.seed, {
    ...(req.sandbox !== undefined ? { sandbox: req.sandbox } : {}),
    ...(req.replayStack ? { stack: req.replayStack } : {}),
  });
  try {
    const { replayStack: _replayStack, ...sessionReq } = req;
    const session = new GradeSession({
      ...sessionReq,
      replayCommand,
      acquireStack: () => lease.stack(),
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    });
    const result = await session.runAll();
    if (result.outcome === 'not-gradable') pool.markSuspect();
    return result;
  } catch (e) {
    // runAll is not supposed to throw; if it does, that is ours, never the student's.
    return assembleResult({
      exercise: req.exercise,
      solution: solutionInfo(req.source, 'unknown'),
      seed: req.seed,
      replayCommand,
      ...(req.source.provenance ? { provenance: req.source.provenance } : {}),
      startedAt: new Date().toISOString(),
      durationMs: 0,
      verdicts: req.exercise.checks.map((c) => verdictForProblem(c, e, 0)),
      logs: [],
      problems: [
        {
          code: 'INTERNAL',
          message: errorMessage(e),
          hint: 'this is a bug of kgrade: please report it with the JSON result',
        },
      ],
    });
  } finally {
    lease.release();
  }
}
