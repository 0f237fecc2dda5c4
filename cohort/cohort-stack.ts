/**
 * One stack for the whole cohort, shared by concurrent grading sessions.
 *
 * - Leases: a session holds a shared lease while it runs; an exercise that injects faults or controls
 *   brokers (or a solution that hardcodes its topic/group names) takes an exclusive one, so nobody
 *   else's run sees its faults or its names. Leases are granted in FIFO order (no starvation).
 * - Healing: the stack is healed (stack.heal()) when a session gets it while no other session is on it.
 * - Health: an unhealthy stack (a service died) or one whose heal failed is stopped and replaced on the
 *   next request; a failed start is retried by the next request.
 */
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import type { StackNeeds } from '../stack/shared-stack.js';

export type StackStarter = (needs: StackNeeds) => Promise<StartedKafkaStack>;

/** The smallest stack that satisfies every exercise of the run. */
export function unionNeeds(exercises: ExerciseDefinition[]): StackNeeds {
  return {
    brokers: Math.max(1, ...exercises.map((e) => e.stack.brokers ?? 1)),
    toxiproxy: exercises.some((e) => e.stack.toxiproxy ?? true),
    services: [...new Set(exercises.flatMap((e) => e.stack.services ?? []))],
  };
}

/** Checks that break the stack for everybody on it: such an exercise runs alone. */
export function needsExclusiveStack(ex: ExerciseDefinition): boolean {
  return ex.checks.some((c) => c.needs?.faults || c.needs?.brokerControl);
}

export interface StackLease {
  /** For GradeSession's acquireStack: the stack, started, replaced or healed as needed. */
  stack(): Promise<StartedKafkaStack>;
  release(): void;
}

export class CohortStack {
  private current?: StartedKafkaStack;
  private broken = false;
  private starting?: Promise<StartedKafkaStack>;
  private active = 0;
  private exclusiveHeld = false;
  private readonly queue: { exclusive: boolean; grant: () => void }[] = [];
  /** Stacks this object started itself (stopped by close()). */
  private readonly owned = new Set<StartedKafkaStack>();
  starts = 0;
  replacements = 0;
  heals = 0;

  constructor(
    private readonly needs: StackNeeds,
    private readonly start: StackStarter,
    private readonly ownsStacks: boolean,
  ) {}

  async lease(exclusive: boolean): Promise<StackLease> {
    await new Promise<void>((grant) => {
      this.queue.push({ exclusive, grant });
      this.pump();
    });
    let released = false;
    return {
      stack: () => this.get(),
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        if (this.active === 0) this.exclusiveHeld = false;
        this.pump();
      },
    };
  }

  get activeLeases(): number {
    return this.active;
  }

  private pump(): void {
    while (this.queue.length && !this.exclusiveHeld) {
      const head = this.queue[0]!;
      if (head.exclusive && this.active > 0) return;
      this.queue.shift();
      this.active++;
      this.exclusiveHeld = head.exclusive;
      head.grant();
    }
  }

  /** Marks the stack suspect after a not-gradable run: the next request checks it harder. */
  markSuspect(): void {
    if (this.current && !this.isHealthy(this.current)) this.broken = true;
  }

  private isHealthy(s: StartedKafkaStack): boolean {
    if (s.isStopped) return false;
    try {
      s.assertHealthy();
      return true;
    } catch {
      return false;
    }
  }

  private async get(): Promise<StartedKafkaStack> {
    if (this.current && (this.broken || !this.isHealthy(this.current))) {
      const old = this.current;
      this.current = undefined;
      this.broken = false;
      this.replacements++;
      await old.stop().catch(() => undefined);
    }
    if (!this.current) {
      this.starting ??= this.start(this.needs)
        .then((s) => {
          this.starts++;
          this.current = s;
          if (this.ownsStacks) this.owned.add(s);
          return s;
        })
        .finally(() => (this.starting = undefined));
      return this.starting;
    }
    if (this.active <= 1) {
      try {
        await this.current.heal();
        // Alone on the stack: what earlier students' runs left is nobody's any more.
        await this.current.clearTopics();
        this.heals++;
      } catch (e) {
        this.broken = true;
        throw e;
      }
    }
    return this.current;
  }

  async close(): Promise<void> {
    for (const s of this.owned) await s.stop().catch(() => undefined);
    this.owned.clear();
    this.current = undefined;
  }
}
