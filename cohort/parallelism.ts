/**
 * How many gradings a cohort runs at once, and which queued job a session takes next. Pure (the machine's cores
 * and free memory are parameters, defaulting to this machine's).
 */
import os from 'node:os';
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { Job } from './store.js';

const GiB = 1024 ** 3;

/** Sessions at once on one shared stack: one core is left to the brokers, and about 1.5 GiB of free memory per session. */
export function defaultParallelism(cores = os.availableParallelism(), freeMemBytes = os.freemem()): number {
  return Math.max(1, Math.min(cores - 1, Math.floor(freeMemBytes / (1.5 * GiB)), 8));
}

/**
 * Memory one session on its own native stacks takes at its largest (3 brokers of -Xmx256m at ~350 MB RSS each,
 * Toxiproxy, the reaper, a JVM solution at ~400 MB; ~1.3 GiB measured by the cohort bench), plus a 1-broker stack
 * (~0.4 GiB) when its exercises ask for both: rounded up.
 */
export const SESSION_STACK_BYTES = 2 * GiB;

/** The share of the cores `--parallel auto` plans to keep busy: the rest absorbs bursts (starts, rebalances). */
const BUSY_TARGET = 0.75;

/**
 * `--parallel auto` with a stack per session, for an exercise: one session per core (a grading spends most of
 * its time waiting on brokers and on the solution, not computing), or more when the exercise declares that its
 * gradings keep less than a core busy (`cpuCores`, measured): as many as keep 3/4 of the cores busy, never
 * fewer than one per core. Then as many as free memory holds stacks, at most 8.
 */
export function autoParallelism(
  cores = os.availableParallelism(),
  freeMemBytes = os.freemem(),
  cpuCores?: number,
): number {
  const byCpu = cpuCores && cpuCores > 0 ? Math.max(cores, Math.floor((cores * BUSY_TARGET) / cpuCores)) : cores;
  return Math.max(1, Math.min(byCpu, Math.floor(freeMemBytes / SESSION_STACK_BYTES), 8));
}

/**
 * How many sessions may grade each exercise at once: `auto` resolves per exercise (autoParallelism), a number
 * applies to all. Pure.
 */
export function sessionLimits(
  parallel: number | 'auto',
  exercises: Pick<ExerciseDefinition, 'id' | 'cpuCores'>[],
  cores = os.availableParallelism(),
  freeMemBytes = os.freemem(),
): Map<string, number> {
  return new Map(
    exercises.map((e) => [
      e.id,
      parallel === 'auto' ? autoParallelism(cores, freeMemBytes, e.cpuCores) : Math.max(1, Math.floor(parallel)),
    ]),
  );
}

/**
 * The next job session `worker` (0-based) may take: the first queued one whose exercise allows that many
 * sessions. Session 0 takes anything, so every job is graded. Removes it from the queue. Pure but for that.
 */
export function takeJob(queue: Job[], worker: number, limits: Map<string, number>): Job | undefined {
  const i = queue.findIndex((j) => (limits.get(j.exerciseId) ?? 1) > worker);
  return i < 0 ? undefined : queue.splice(i, 1)[0];
}

/**
 * Exercises of one solution graded at once by `kgrade grade ex0 ex1 ...` / `--all` with `--parallel auto`: two,
 * each on its own stack, when the machine has two cores or more and free memory for three stacks (the two in use
 * and the next one starting); else one. Two is what a cohort's `--parallel auto` already runs on two cores (a
 * grading waits on brokers and on the solution more than it computes). Pure.
 */
export function courseParallelism(cores = os.availableParallelism(), freeMemBytes = os.freemem()): number {
  return cores >= 2 && freeMemBytes >= 3 * SESSION_STACK_BYTES ? 2 : 1;
}
