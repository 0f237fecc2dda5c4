/**
 * One student's exercises graded one after the other (`kgrade grade ex0 ex1 ...`, `--all`, `kgrade bench course`):
 * each on the stack it would get alone (a `SessionStacks`: one stack per distinct needs, so ex1's three brokers are
 * not restarted with Connect for ex4, nor Connect restarted for ex5's registry). While an exercise grades, the
 * stack of the first later exercise that is not up yet starts beside it; once no later exercise asks for a stack,
 * it is stopped (unless the caller keeps them for a re-grade: `--watch`). When the next exercise's stack is still
 * healing after the grading before (ex1's last check leaves two brokers restarting), an exercise on another stack
 * already up grades first, so the restart overlaps it instead of being waited for; results keep the given order.
 */
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { StackPool } from '../stack/stack-pool.js';
import type { SessionStacks } from './session-stacks.js';

type Stacked = Pick<ExerciseDefinition, 'stack'>;

/** Index of the first exercise after `i` whose stack is not up (the one to start ahead), or -1. Pure. */
export function nextToWarm(exercises: Stacked[], i: number, isUp: (e: Stacked) => boolean): number {
  return exercises.findIndex((e, k) => k > i && !isUp(e));
}

/**
 * Which of the exercises left (in the given order) grades next, or -1 when none can start now: only those whose
 * stack no grading uses (`inUse`) may; of those, the first, unless its stack is still healing and a later one's
 * stack is up (or starting) and not healing: that one goes first. With nothing in use, never -1. Pure.
 */
export function nextToGrade(
  left: Stacked[],
  healing: (e: Stacked) => boolean,
  isUp: (e: Stacked) => boolean,
  inUse: (e: Stacked) => boolean = () => false,
): number {
  const free = left.map((_, k) => k).filter((k) => !inUse(left[k]!));
  if (!left.length) return 0;
  if (!free.length) return -1;
  const first = free[0]!;
  if (!healing(left[first]!)) return first;
  const other = free.find((k) => k > first && isUp(left[k]!) && !healing(left[k]!));
  return other ?? first;
}

/**
 * Grades `exercises`, `atOnce` at most at the same time (default one), never two on one stack. Results keep the
 * given order. A grading that throws stops the run once the others in flight are over.
 */
export async function gradeInOrder<E extends Stacked, T>(
  stacks: SessionStacks,
  exercises: E[],
  grade: (exercise: E, pool: StackPool, index: number) => Promise<T>,
  opts: { keepStacks?: boolean; atOnce?: number } = {},
): Promise<T[]> {
  const atOnce = Math.max(1, Math.floor(opts.atOnce ?? 1));
  const results = new Array<T>(exercises.length);
  // Indexes into `exercises` of those not graded yet, in the given order.
  const left = exercises.map((_, k) => k);
  // Gradings in flight, by index.
  const running = new Map<number, Promise<void>>();
  // Warm-ups waiting for a stack to settle: awaited before the last stop, so none starts a stack after it.
  const pending: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  const stillNeeded = () => [...running.keys(), ...left].map((k) => exercises[k]!);
  try {
    while ((left.length || running.size) && !failure) {
      const busy = [...running.keys()].map((k) => exercises[k]!);
      const pick =
        left.length && running.size < atOnce
          ? nextToGrade(
              left.map((k) => exercises[k]!),
              (e) => stacks.healPending(e),
              (e) => stacks.isUp(e),
              (e) => busy.some((b) => stacks.sameStack(b, e)),
            )
          : -1;
      if (pick < 0) {
        await Promise.race(running.values());
        continue;
      }
      const i = left.splice(pick, 1)[0]!;
      const exercise = exercises[i]!;
      const rest = left.map((k) => exercises[k]!);
      const pool = stacks.poolFor(exercise);
      // The current exercise's own stack first (its start is not slowed by the next one's), then the next one's.
      stacks.warm(exercise);
      const ahead = nextToWarm([exercise, ...rest], 0, (e) => stacks.isUp(e));
      if (ahead >= 0) pending.push(pool.settled().then(() => stacks.warm(rest[ahead - 1]!)));
      // Started on the next tick, once it is listed as running.
      const run = Promise.resolve().then(async () => {
        try {
          results[i] = await grade(exercise, pool, i);
        } catch (e) {
          failure ??= { error: e };
        } finally {
          running.delete(i);
        }
        if (!opts.keepStacks && !failure) await stacks.retire(stillNeeded());
      });
      running.set(i, run);
      if (atOnce === 1) await run;
    }
    // The loop ends with nothing in flight, or on a failure: the gradings still in flight end in `finally`.
    if (failure) throw failure.error;
  } finally {
    await Promise.all(running.values());
    await Promise.all(pending);
    if (!opts.keepStacks) await stacks.retire([]);
  }
  return results;
}
