/**
 * The stacks a cohort session grades on: one `StackPool` per distinct stack an exercise asks for, each sized to
 * that exercise (ex3's single broker is not graded on ex1's three). A grading in a cohort so runs on the stack
 * `kgrade grade` would give it alone: same brokers, same replication, same rebalances, and no idle brokers taking
 * CPU from it. Exercises asking for the same stack share its pool.
 *
 * A stack the caller injects (`acquireStack`, a test's) is one stack for everything: a single pool, with the
 * union of the needs as baseline, since two pools on one stack would each clear the other's topics.
 */
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { StackNeeds } from '../stack/stack-types.js';
import { fullNeeds, StackPool, unionNeeds, type StackStarter } from '../stack/stack-pool.js';

/** One key per distinct stack: brokers, Toxiproxy, the services in a stable order. Pure. */
export function needsKey(needs: StackNeeds): string {
  const n = fullNeeds(needs);
  return `${n.brokers}b${n.toxiproxy ? '+toxiproxy' : ''}${[...n.services]
    .sort()
    .map((s) => `+${s}`)
    .join('')}`;
}

export class SessionStacks {
  private readonly pools = new Map<string, StackPool>();

  /**
   * @param start how a pool starts a stack
   * @param injected true when `start` hands out the caller's stack (one pool for every exercise, left running)
   * @param exercises the run's exercises (for the injected case's union)
   * @param ownsInjected the single stack of the injected case is this object's to stop (`--stack external`: the
   *   handle on someone else's brokers, whose stop only closes the connections)
   */
  constructor(
    private readonly start: StackStarter,
    private readonly injected: boolean,
    private readonly exercises: Pick<ExerciseDefinition, 'stack'>[],
    private readonly ownsInjected = false,
  ) {}

  /** The pool the exercise's gradings lease: created on first use, started on its first lease. */
  poolFor(exercise: Pick<ExerciseDefinition, 'stack'>): StackPool {
    const key = this.keyOf(exercise);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new StackPool(
        this.start,
        !this.injected || this.ownsInjected,
        this.injected ? unionNeeds(this.exercises.map((e) => e.stack)) : fullNeeds(exercise.stack),
      );
      this.pools.set(key, pool);
    }
    return pool;
  }

  /**
   * Starts the exercise's stack in the background when it is not up yet, so its first grading finds it ready. A
   * failed start is forgotten here: the grading's own request starts it again and reports the error.
   */
  warm(exercise: Pick<ExerciseDefinition, 'stack'>): void {
    const pool = this.poolFor(exercise);
    void pool.warm(exercise.stack).catch(() => undefined);
  }

  /** Whether the exercise's stack is up or starting. */
  isUp(exercise: Pick<ExerciseDefinition, 'stack'>): boolean {
    return this.pools.get(this.keyOf(exercise))?.isUp === true;
  }

  /** Whether the exercise's stack is still healing after a grading left its heal in the background. */
  healPending(exercise: Pick<ExerciseDefinition, 'stack'>): boolean {
    return this.pools.get(this.keyOf(exercise))?.healPending === true;
  }

  /** Stops the stacks none of `still` asks for (a course's exercises left to grade). */
  async retire(still: Pick<ExerciseDefinition, 'stack'>[]): Promise<void> {
    const keep = new Set(still.map((e) => this.keyOf(e)));
    const done = [...this.pools].filter(([key]) => !keep.has(key));
    for (const [key] of done) this.pools.delete(key);
    await Promise.all(done.map(([, pool]) => pool.close()));
  }

  /** Whether two exercises grade on the same stack (then never at once: each grading clears the other's topics). */
  sameStack(a: Pick<ExerciseDefinition, 'stack'>, b: Pick<ExerciseDefinition, 'stack'>): boolean {
    return this.keyOf(a) === this.keyOf(b);
  }

  private keyOf(exercise: Pick<ExerciseDefinition, 'stack'>): string {
    return this.injected ? 'injected' : needsKey(exercise.stack);
  }

  /** The pools created so far (one per stack asked for). */
  all(): StackPool[] {
    return [...this.pools.values()];
  }

  count(k: 'starts' | 'replacements' | 'heals'): number {
    return this.all().reduce((n, p) => n + p[k], 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((p) => p.close()));
  }
}
