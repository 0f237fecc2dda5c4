/**
 * One student's exercises graded one after the other (`kgrade grade ex0 ex1 ...`, `--all`, `kgrade bench course`):
 * each on the stack it would get alone (a `SessionStacks`: one stack per distinct needs, so ex1's three brokers are
 * not restarted with Connect for ex4, nor Connect restarted for ex5's registry). While an exercise grades, the
 * stack of the first later exercise that is not up yet starts beside it; once no later exercise asks for a stack,
 * it is stopped (unless the caller keeps them for a re-grade: `--watch`).
 */
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { StackPool } from '../stack/stack-pool.js';
import type { SessionStacks } from './session-stacks.js';

type Stacked = Pick<ExerciseDefinition, 'stack'>;

/** Index of the first exercise after `i` whose stack is not up (the one to start ahead), or -1. Pure. */
export function nextToWarm(exercises: Stacked[], i: number, isUp: (e: Stacked) => boolean): number {
  return exercises.findIndex((e, k) => k > i && !isUp(e));
}

export async function gradeInOrder<E extends Stacked, T>(
  stacks: SessionStacks,
  exercises: E[],
  grade: (exercise: E, pool: StackPool, index: number) => Promise<T>,
  opts: { keepStacks?: boolean } = {},
): Promise<T[]> {
  const results: T[] = [];
  // Warm-ups waiting for a stack to settle: awaited before the last stop, so none starts a stack after it.
  const pending: Promise<void>[] = [];
  try {
    for (const [i, exercise] of exercises.entries()) {
      const pool = stacks.poolFor(exercise);
      // The current exercise's own stack first (its start is not slowed by the next one's), then the next one's.
      stacks.warm(exercise);
      const ahead = nextToWarm(exercises, i, (e) => stacks.isUp(e));
      if (ahead >= 0) pending.push(pool.settled().then(() => stacks.warm(exercises[ahead]!)));
      results.push(await grade(exercise, pool, i));
      if (!opts.keepStacks) await stacks.retire(exercises.slice(i + 1));
    }
  } finally {
    await Promise.all(pending);
    if (!opts.keepStacks) await stacks.retire([]);
  }
  return results;
}
