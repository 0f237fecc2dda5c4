import type { RunContext } from '../../engine/exercise.js';
import { tail } from '../../core/exec.js';
import { runToCompletion } from '../../kit/solution/run-to-completion.js';
import { EX0_RULES } from './contract.js';
import { parsePrinted, takeSnapshot, type BrokerSnapshot, type Ex0Prepared } from './observations.js';

/** Runs the student's program once, to completion (or the time limit); checks share what it did. */
export async function prepareEx0(ctx: RunContext): Promise<Ex0Prepared> {
  const admin = await ctx.stack.admin();
  const topicsBefore = new Set(await admin.listTopics());
  const { exit, stdoutLines, stderrText } = await runToCompletion(ctx, {
    phase: 'run',
    timeoutMs: EX0_RULES.timeLimitMs,
  });
  const { printed, unreadable } = parsePrinted(stdoutLines);
  let snapshot: Promise<BrokerSnapshot> | undefined;
  return {
    exit,
    printed,
    unreadableLines: unreadable,
    stderrTail: tail(stderrText, 8),
    snapshot: () => (snapshot ??= takeSnapshot(ctx, topicsBefore)),
  };
}
