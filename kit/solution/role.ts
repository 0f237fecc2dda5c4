import type { RunContext } from '../../engine/exercise.js';
import type { ExitInfo } from '../../runner/solution-process.js';
import { runToCompletion, type RunOptions } from './run-to-completion.js';

/** One run of a program that takes its role as first argument (`setup`, `produce`, `replay`...). */
export interface RoleRun<R extends string = string> {
  role: R;
  exit: ExitInfo;
  stdoutLines: string[];
}

/** Runs the solution in one role to completion (killed at the timeout), keeping its output for the report. */
export async function runRole<R extends string>(
  ctx: RunContext,
  role: R,
  opts: Omit<RunOptions, 'args'>,
): Promise<RoleRun<R>> {
  const run = await runToCompletion(ctx, { ...opts, args: [role] });
  return { role, exit: run.exit, stdoutLines: run.stdoutLines };
}
