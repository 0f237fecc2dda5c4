import type { RunContext } from '../../engine/exercise.js';
import { tail } from '../../core/exec.js';
import { limitError } from '../../runner/sandbox/limit-errors.js';
import { SolutionProcess, type ExitInfo } from '../../runner/solution-process.js';
import { launchSpec, launchVia } from '../../runner/solution.js';

export interface RunOptions {
  /** Names the run in the report's logs ("run", "setup", "produce 2"). */
  phase: string;
  /** The solution is killed when it runs longer; `exit.timedOut` says so. */
  timeoutMs: number;
  /** Added to the run's environment (contract names, stack endpoints). */
  env?: Record<string, string>;
  args?: string[];
  /** Called once the process is started, e.g. to watch its output lines as they come. */
  onStarted?: (proc: SolutionProcess) => void;
}

export interface CompletedRun {
  exit: ExitInfo;
  stdoutLines: string[];
  stderrText: string;
}

/** Runs the solution once to completion (or the time limit), keeping its output for the report. */
export async function runToCompletion(ctx: RunContext, opts: RunOptions): Promise<CompletedRun> {
  const proc = new SolutionProcess(
    opts.phase,
    launchSpec(ctx.solution, ctx.exerciseId, { ...ctx.solutionEnv, ...opts.env }, opts.args ?? []),
    undefined,
    launchVia(ctx.solution),
  );
  opts.onStarted?.(proc);
  const exit = await proc.waitForExit(opts.timeoutMs);
  ctx.addLog(proc.log());
  // Killed by the sandbox's memory limit, or failing after refused forks: the limit is the diagnosis.
  if ((exit.limit === 'memory' || exit.limit === 'pids') && exit.code !== 0) {
    throw limitError(
      exit.limit,
      { fr: `le programme (${opts.phase}) s'est arrêté`, en: `the program (${opts.phase}) stopped` },
      tail(proc.stderrText() + '\n' + proc.stdoutText(), 25),
    );
  }
  return { exit, stdoutLines: proc.stdoutLines(), stderrText: proc.stderrText() };
}
