import type { RunContext } from '../../engine/exercise.js';
import { checkHistory, type HistoryReport } from '../../kit/judging/history.js';
import { runScenario, type ScenarioStep, type TimelineEntry } from '../../kit/faults/faults.js';
import { readAll } from '../../kit/readers/topic-reader.js';
import type { ExitInfo } from '../../runner/solution-process.js';
import { EX9_RULES } from './contract.js';
import { runRole } from '../../kit/solution/role.js';
import { writesFromOutcomes } from './outcomes.js';

export interface ProduceUnderFault {
  scenario: string;
  count: number;
  exit: ExitInfo;
  timeline: TimelineEntry[];
  report: HistoryReport;
  unreadableLines: number;
}

/**
 * Runs the produce role while a fault schedule plays (started at the first outcome line, i.e. once the
 * producer is sending), heals the cluster, then checks the history against what the brokers hold.
 */
export async function produceUnderFault(
  ctx: RunContext,
  name: string,
  steps: ScenarioStep[],
  count = EX9_RULES.produceCount,
): Promise<ProduceUnderFault> {
  const topic = ctx.names.topics.main!;
  const prefix = `${ctx.runId}-${name}`;
  let scenario: Promise<TimelineEntry[]> | undefined;
  const run = await runRole(ctx, 'produce', {
    env: { KGRADE_COUNT: String(count), KGRADE_RATE: String(EX9_RULES.produceRate), KGRADE_ID_PREFIX: prefix },
    timeoutMs: EX9_RULES.produceTimeoutMs,
    phase: `produce (${name})`,
    onStarted: (p) =>
      p.onLine((line) => {
        if (!scenario && line.includes(prefix)) scenario = runScenario(ctx.stack, steps);
      }),
  });
  const timeline = (await scenario) ?? [];
  await ctx.stack.heal();
  const admin = await ctx.stack.admin();
  const md = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
  for (const p of md?.topics[0]?.partitions ?? []) await ctx.stack.waitForIsr(topic, p.partitionId, undefined, 60_000);
  const { writes, unreadable } = writesFromOutcomes(run.stdoutLines, prefix, count);
  const held = md ? await readAll(ctx.stack, topic) : [];
  const observed = held
    .filter((r) => r.value?.startsWith(`${prefix}-`))
    .map((r) => ({ id: r.value!, key: r.key, partition: r.partition, offset: Number(r.offset) }));
  return {
    scenario: name,
    count,
    exit: run.exit,
    timeline,
    report: checkHistory(writes, observed),
    unreadableLines: unreadable,
  };
}
