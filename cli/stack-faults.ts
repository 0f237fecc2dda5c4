/**
 * `kgrade stack up --faults <schedule>`: a fault schedule (scenarios/faults) played on the stack a student plays
 * with, checked against that stack before it starts (convention 15), its steps drawn from a printed seed.
 */
import { UsageError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { waitFor } from '../core/wait-for.js';
import {
  describe,
  runScenario,
  type FaultAction,
  type ScenarioStep,
  type Target,
  type TimelineEntry,
} from '../kit/faults/faults.js';
import { PROXY_ACTIONS, resolveFaultSchedule } from '../kit/faults/fault-schedule-file.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';

export interface StackFaultOptions {
  brokers: number;
  toxiproxy: boolean;
  /** The partition whose leader and followers the schedule's roles name. */
  topic?: string;
  partition: number;
  seed: number;
}

export interface StackFaultPlan {
  name: string;
  description: string;
  steps: ScenarioStep[];
}

const targetOf = (a: FaultAction): Target | undefined => (a.kind === 'heal' ? undefined : a.target);

/** The schedule's steps for this stack, or the one usage error that stops it running there. Pure but for reading the file. */
export function planStackFaults(nameOrFile: string, o: StackFaultOptions): StackFaultPlan {
  const schedule = resolveFaultSchedule(nameOrFile);
  const on = { topic: o.topic ?? '', partition: o.partition };
  const steps = schedule.steps(createRng(o.seed), on);
  const says = `fault schedule '${schedule.name}'`;
  const targets = steps.map((s) => targetOf(s.action)).filter((t): t is Target => t !== undefined);
  if (!o.topic && targets.some((t) => t !== 'all' && ('leaderOf' in t || 'followersOf' in t)))
    throw new UsageError(
      `${says} acts on the leader or followers of a partition, and no topic names it`,
      `add --topic <a topic your program uses> (and --partition <n>, 0 by default): the roles are resolved when each step runs`,
    );
  const proxied = [
    ...new Set(steps.map((s) => s.action.kind).filter((k) => (PROXY_ACTIONS as readonly string[]).includes(k))),
  ];
  if (proxied.length && !o.toxiproxy)
    throw new UsageError(
      `${says} acts through Toxiproxy (${proxied.join(', ')}), and --no-toxiproxy leaves it out`,
      'drop --no-toxiproxy',
    );
  if (proxied.some((k) => k.startsWith('replication-')) && o.brokers < 2)
    throw new UsageError(`${says} cuts replication links, which exist between several brokers`, 'add --brokers 3');
  const needed = Math.max(
    0,
    ...targets.map((t) => (t === 'all' ? 0 : 'followersOf' in t ? t.count + 1 : 'broker' in t ? t.broker : 0)),
  );
  if (needed > o.brokers)
    throw new UsageError(`${says} needs ${needed} brokers, the stack has ${o.brokers}`, `add --brokers ${needed}`);
  return { name: schedule.name, description: schedule.description, steps };
}

function targetText(t: Target | undefined): string {
  if (t === undefined) return '';
  if (t === 'all') return 'every broker';
  if ('broker' in t) return `broker ${t.broker}`;
  if ('leaderOf' in t) return `the leader of ${t.leaderOf.topic}-${t.leaderOf.partition}`;
  return `${t.count} follower${t.count > 1 ? 's' : ''} of ${t.followersOf.topic}-${t.followersOf.partition}`;
}

/** What will be done and when, before it starts (console lines). Pure. */
export function renderPlan(plan: StackFaultPlan, seed: number, replay: string): string[] {
  const lines = [
    `Fault schedule '${plan.name}': ${plan.description} (seed ${seed}: ${replay})`,
    ...[...plan.steps]
      .sort((a, b) => a.atMs - b.atMs)
      .map((s) =>
        `  +${String(s.atMs).padStart(6)} ms  ${describe(s.action).padEnd(18)} ${targetText(targetOf(s.action))}`.trimEnd(),
      ),
  ];
  return lines;
}

/** One step as it was done (console line). Pure. */
export function renderStep(e: TimelineEntry): string {
  const on = e.brokers.length ? ` broker${e.brokers.length > 1 ? 's' : ''} ${e.brokers.join(', ')}` : '';
  return `  done +${String(e.atMs).padStart(6)} ms  ${e.action}${on}${e.detail ? `  (${e.detail})` : ''}`;
}

/**
 * Plays the plan on a started stack, writing each step as it is done. With a topic, the schedule starts once that
 * partition has a leader (the student's program created the topic), so the faults hit a program that runs.
 */
export async function playStackFaults(
  stack: StartedKafkaStack,
  plan: StackFaultPlan,
  on: { topic?: string; partition: number },
  signal: AbortSignal,
  write: (line: string) => void,
): Promise<void> {
  if (on.topic) {
    const tp = `${on.topic}-${on.partition}`;
    write(`Waiting for ${tp} to exist (start your program: the schedule starts once the partition has a leader)...`);
    const ready = await waitFor(
      async () => {
        if (signal.aborted) return 'stopped';
        return (await stack.leaderOf(on.topic!, on.partition).catch(() => -1)) >= 0 ? 'led' : undefined;
      },
      { timeoutMs: 7 * 24 * 3_600_000, intervalMs: 500, what: `${tp} to have a leader` },
    );
    if (ready === 'stopped') return;
    write(`${tp} has a leader: the schedule starts now.`);
  }
  await runScenario(stack, plan.steps, signal, (e) => write(renderStep(e)));
  if (!signal.aborted) write('Fault schedule done; the stack stays up.');
}
