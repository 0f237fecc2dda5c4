import type { Rng } from '../../core/rng.js';
import { delay } from '../../core/wait-for.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import type { ToxicSpec } from '../../stack/stack-types.js';
import { loadShippedSchedules } from './fault-schedule-file.js';
import type { FaultAction, FaultScenario, ScenarioStep, Target, TimelineEntry } from './fault-types.js';

export type { FaultAction, FaultScenario, ScenarioStep, Target, TimelineEntry } from './fault-types.js';

export async function resolveTarget(stack: StartedKafkaStack, target: Target): Promise<number[]> {
  if (target === 'all') return stack.brokers.map((b) => b.id);
  if ('broker' in target) return [target.broker];
  if ('leaderOf' in target) {
    const l = await stack.leaderOf(target.leaderOf.topic, target.leaderOf.partition);
    return l >= 0 ? [l] : [];
  }
  const s = await stack.partitionState(target.followersOf.topic, target.followersOf.partition);
  return s.replicas.filter((r) => r !== s.leader).slice(0, target.count);
}

/** An action as the timeline names it (`kill`, `latency downstream {"latency":800}`). */
export function describe(a: FaultAction): string {
  if (a.kind === 'toxic')
    return `${a.toxic.type} ${a.toxic.stream ?? 'downstream'} ${JSON.stringify(a.toxic.attributes)}`;
  return a.kind;
}

type BrokerAction = Exclude<FaultAction, { kind: 'heal' }>;

async function actOn(stack: StartedKafkaStack, id: number, a: BrokerAction): Promise<void> {
  const b = stack.broker(id);
  if (a.kind === 'toxic') await b.proxy!.addToxic(a.toxic);
  else if (a.kind === 'clear') await b.proxy!.clear();
  else if (a.kind === 'link-down') await b.proxy!.down();
  else if (a.kind === 'link-up') await b.proxy!.up();
  else if (a.kind === 'replication-down' || a.kind === 'replication-up') {
    if (!b.replicationProxy)
      throw new Error(`broker ${id} has no replication proxy (needs several brokers and Toxiproxy)`);
    await (a.kind === 'replication-down' ? b.replicationProxy.down() : b.replicationProxy.up());
  } else await b[a.kind]();
}

/**
 * Applies one fault now, on the brokers its target names at this moment, and returns them. Undo it with the
 * opposite action, `{ kind: 'clear' }` (a broker's toxics off and its link up) or `{ kind: 'heal' }` (everything).
 */
export async function applyFault(stack: StartedKafkaStack, a: FaultAction): Promise<number[]> {
  if (a.kind === 'heal') {
    await stack.heal();
    return [];
  }
  const brokers = await resolveTarget(stack, a.target);
  for (const id of brokers) await actOn(stack, id, a);
  return brokers;
}

/** Adds a toxic on the target's proxies now and returns what removes that toxic alone (others stay). */
export async function addToxic(
  stack: StartedKafkaStack,
  target: Target,
  toxic: ToxicSpec,
): Promise<() => Promise<void>> {
  const removers: (() => Promise<void>)[] = [];
  for (const id of await resolveTarget(stack, target)) removers.push(await stack.broker(id).proxy!.addToxic(toxic));
  return async () => {
    for (const remove of removers) await remove();
  };
}

/** Heals the stack (toxics off, links up, brokers back) and waits until each partition listed has its full ISR. */
export async function healAndWaitForIsr(
  stack: StartedKafkaStack,
  topic: string,
  partitions: number[],
  timeoutMs = 60_000,
): Promise<void> {
  await stack.heal();
  await waitForIsr(stack, topic, partitions, timeoutMs);
}

async function waitForIsr(stack: StartedKafkaStack, topic: string, partitions: number[], timeoutMs = 60_000) {
  for (const p of partitions) await stack.waitForIsr(topic, p, undefined, timeoutMs);
}

/**
 * Runs `fn` (which injects faults) and always heals afterwards, waiting for the full ISR of `topic`'s partitions;
 * `inBackground` (the grading's last check: RunContext.lastCheck) starts the heal and the wait for the ISR and
 * returns at once, the stack's next user waiting for both (no check of this grading reads the topic any more).
 */
export async function withHealing<T>(
  stack: StartedKafkaStack,
  on: { topic: string; partitions: number[] },
  fn: () => Promise<T>,
  inBackground = false,
): Promise<T> {
  try {
    return await fn();
  } finally {
    if (inBackground) stack.healInBackground(() => waitForIsr(stack, on.topic, on.partitions));
    else await healAndWaitForIsr(stack, on.topic, on.partitions);
  }
}

/**
 * Runs the steps at their times (relative to the call), returning the timeline of what was done; `onStep` is told
 * each entry as it is done.
 */
export async function runScenario(
  stack: StartedKafkaStack,
  steps: ScenarioStep[],
  signal?: AbortSignal,
  onStep?: (entry: TimelineEntry) => void,
): Promise<TimelineEntry[]> {
  const t0 = performance.now();
  const timeline: TimelineEntry[] = [];
  for (const step of [...steps].sort((a, b) => a.atMs - b.atMs)) {
    const wait = step.atMs - (performance.now() - t0);
    if (wait > 0) await delay(wait);
    if (signal?.aborted) break;
    const a = step.action;
    let brokers: number[] = [];
    let detail: string | undefined;
    try {
      if (a.kind === 'heal') await stack.heal();
      else {
        brokers = await resolveTarget(stack, a.target);
        for (const id of brokers) await actOn(stack, id, a);
      }
    } catch (e) {
      detail = `failed: ${(e as Error).message}`;
    }
    const entry = {
      atMs: Math.round(performance.now() - t0),
      action: describe(a),
      brokers,
      ...(detail ? { detail } : {}),
    };
    timeline.push(entry);
    onStep?.(entry);
  }
  return timeline;
}

/**
 * Scenarios of the course's delivery questions (file 004, producer Q3), read from scenarios/faults/*.yaml: a
 * trainer reads and changes them there (`kgrade scenario list`, `kgrade scenario check <file>`).
 */
export const SCENARIOS: Record<string, FaultScenario> = loadShippedSchedules();

/** Randomness at its lowest: every draw gives the smallest value it can. */
const LOWEST: Rng = { next: () => 0, int: (min) => min, pick: (items) => items[0]!, id: (n) => '0'.repeat(n) };

/** How long a scenario lasts at the least, from its start to its last step (every seeded delay at its lowest). Pure. */
export function scenarioSpanMs(scenario: FaultScenario): number {
  return Math.max(0, ...scenario.steps(LOWEST, { topic: 't', partition: 0 }).map((s) => s.atMs));
}
