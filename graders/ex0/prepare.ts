import type { RunContext } from '../../engine/exercise.js';
import { tail } from '../../core/exec.js';
import { SolutionProcess } from '../../runner/solution-process.js';
import { launchSpec } from '../../runner/solution.js';
import { EX0_RULES } from './contract.js';
import { parsePrinted, takeSnapshot, type BrokerSnapshot, type Ex0Prepared } from './observations.js';

/** Runs the student's program once, to completion (or the time limit); checks share what it did. */
export async function prepareEx0(ctx: RunContext): Promise<Ex0Prepared> {
  const admin = await ctx.stack.admin();
  const topicsBefore = new Set(await admin.listTopics());
  const proc = new SolutionProcess('run', launchSpec(ctx.solution, ctx.exerciseId, ctx.solutionEnv));
  const exit = await proc.waitForExit(EX0_RULES.timeLimitMs);
  ctx.addLog(proc.log());
  const { printed, unreadable } = parsePrinted(proc.stdoutLines());
  let snapshot: Promise<BrokerSnapshot> | undefined;
  return {
    exit,
    printed,
    unreadableLines: unreadable,
    stderrTail: tail(proc.stderrText(), 8),
    snapshot: () => (snapshot ??= takeSnapshot(ctx, topicsBefore)),
  };
}
