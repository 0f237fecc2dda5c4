import type { RunContext } from '../../engine/exercise.js';
import { SolutionProcess, type ExitInfo } from '../../runner/solution-process.js';
import { launchSpec } from '../../runner/solution.js';

export type Role = 'setup' | 'produce';

export interface RoleRun {
  role: Role;
  exit: ExitInfo;
  stdoutLines: string[];
}

/** Runs the solution in one role to completion (killed at the timeout), keeping its output for the report. */
export async function runRole(ctx: RunContext, role: Role, env: Record<string, string>, timeoutMs: number, phase: string): Promise<RoleRun> {
  const proc = new SolutionProcess(phase, launchSpec(ctx.solution, ctx.exerciseId, { ...ctx.solutionEnv, ...env }, [role]));
  const exit = await proc.waitForExit(timeoutMs);
  ctx.addLog(proc.log());
  return { role, exit, stdoutLines: proc.stdoutLines() };
}
