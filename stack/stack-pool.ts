/**
 * The stack pool: the one way `grade`, `selftest`, `cohort` and the stack-backed tests get a stack.
 *
 * - One stack at a time, started on the first request and reused by every later one whose needs it covers
 *   (at least the brokers asked, Toxiproxy and the services included). A request needing more replaces it by
 *   one sized to that request and the baseline (only while nobody else holds it).
 * - Leases: a grading holds a shared lease while it runs; one that injects faults or controls brokers (or hardcodes
 *   its names) takes an exclusive one, so nobody else's run sees its faults or its names. FIFO, no starvation.
 * - Healing: the stack is healed (heal(), then topics earlier runs left are deleted) when a lease gets it while no
 *   other lease is on it, and healed (topics kept) by every lease that finds a heal a grading left in the background.
 * - Health: an unhealthy stack (a service died) or one whose heal failed is stopped and replaced on the next
 *   request; a failed start is retried by the next request.
 */
import { KafkaStack } from './kafka-stack.js';
import type { ImagesChoice } from './provider-choice.js';
import type { StartedKafkaStack } from './started-stack.js';
import type { ProviderName, ServiceName, StackNeeds } from './stack-types.js';

/** Which provider and image set a pool starts its stacks with (`--stack`, `--images`). */
export interface StackChoice {
  provider: ProviderName | 'auto';
  images: ImagesChoice;
}

export type StackStarter = (needs: Required<StackNeeds>) => Promise<StartedKafkaStack>;

export interface StackLease {
  /** The stack, started, replaced or healed as needed. */
  stack(): Promise<StartedKafkaStack>;
  release(): void;
}

/** Starts stacks with a provider and image set. */
export function startWith(choice: StackChoice): StackStarter {
  return (needs) =>
    new KafkaStack()
      .withProvider(choice.provider)
      .withImages(choice.images)
      .withBrokers(needs.brokers)
      .withToxiproxy(needs.toxiproxy)
      .with(...needs.services)
      .start();
}

export function fullNeeds(needs: StackNeeds): Required<StackNeeds> {
  return { brokers: needs.brokers ?? 1, toxiproxy: needs.toxiproxy ?? true, services: [...(needs.services ?? [])] };
}

/** Whether a stack started for `have` serves `want` (more brokers than asked is fine, fewer is not). */
export function covers(have: Required<StackNeeds>, want: StackNeeds): boolean {
  const w = fullNeeds(want);
  return (
    have.brokers >= w.brokers && (have.toxiproxy || !w.toxiproxy) && w.services.every((s) => have.services.includes(s))
  );
}

/** The smallest needs that cover all of them. */
export function unionNeeds(all: StackNeeds[]): Required<StackNeeds> {
  const full = all.map(fullNeeds);
  return {
    brokers: Math.max(1, ...full.map((n) => n.brokers)),
    toxiproxy: full.some((n) => n.toxiproxy),
    services: [...new Set(full.flatMap((n) => n.services))] as ServiceName[],
  };
}

export class StackPool {
  private current?: { stack: StartedKafkaStack; needs: Required<StackNeeds> };
  private broken = false;
  private starting?: Promise<StartedKafkaStack>;
  private active = 0;
  /** The current stack was started and nobody graded on it yet (a warm-up started it): nothing to heal or clear. */
  private fresh = false;
  /** close() was called: no stack starts any more (a warm-up whose lease came after it starts nothing). */
  private closed = false;
  private exclusiveHeld = false;
  private readonly queue: { exclusive: boolean; grant: () => void }[] = [];
  /** Stacks this pool started itself (stopped by close()). */
  private readonly owned = new Set<StartedKafkaStack>();
  starts = 0;
  replacements = 0;
  heals = 0;

  /**
   * @param start how to start a stack for given needs
   * @param ownsStacks false when `start` hands out a stack someone else owns (a test's): close() leaves it running
   * @param baseline needs every stack of this pool covers (a cohort's exercise's, or the union of its exercises' on a caller's stack)
   */
  constructor(
    private readonly start: StackStarter,
    private readonly ownsStacks = true,
    private readonly baseline: StackNeeds = {},
  ) {}

  static of(choice: StackChoice, baseline: StackNeeds = {}): StackPool {
    return new StackPool(startWith(choice), true, baseline);
  }

  async lease(needs: StackNeeds = {}, exclusive = false): Promise<StackLease> {
    await new Promise<void>((grant) => {
      this.queue.push({ exclusive, grant });
      this.pump();
    });
    let released = false;
    return {
      stack: () => this.get(needs),
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        if (this.active === 0) this.exclusiveHeld = false;
        this.pump();
      },
    };
  }

  /** A stack for `needs`, leased and released at once: for callers that run one thing at a time (tests). */
  async acquire(needs: StackNeeds = {}): Promise<StartedKafkaStack> {
    const lease = await this.lease(needs);
    try {
      return await lease.stack();
    } finally {
      lease.release();
    }
  }

  get activeLeases(): number {
    return this.active;
  }

  /**
   * Starts a stack for `needs` when none is up or starting, and returns once it is up: the next request finds it
   * ready, with nothing to heal or clear. What a course starts ahead of its next exercise.
   */
  async warm(needs: StackNeeds = {}): Promise<void> {
    if (this.isUp || this.closed) return;
    const lease = await this.lease(needs);
    try {
      await this.get(needs, true);
    } finally {
      lease.release();
    }
  }

  /** Resolves once no start is in flight (whatever its outcome). */
  async settled(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
  }

  /** Whether the current stack is still healing in the background after a grading (its next lease waits for it). */
  get healPending(): boolean {
    return this.current?.stack.healPending === true;
  }

  /** Whether a stack is up or starting (a warm-up would start nothing). */
  get isUp(): boolean {
    return this.current !== undefined || this.starting !== undefined;
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
    if (this.current && !isHealthy(this.current.stack)) this.broken = true;
  }

  /** Stops the current stack: it broke (counted as a replacement), or it is too small for a request. */
  private async replace(why: 'broken' | 'grown'): Promise<void> {
    const old = this.current!;
    this.current = undefined;
    this.broken = false;
    if (why === 'broken') this.replacements++;
    this.owned.delete(old.stack);
    await old.stack.stop().catch(() => undefined);
  }

  /** @param warmUp a warm-up's request: the stack it starts stays fresh for the next one */
  private async get(needs: StackNeeds, warmUp = false): Promise<StartedKafkaStack> {
    // Inline, not settled(): with no start in flight, the request must reach its own start without yielding
    // (a close() right after would otherwise find nothing starting and refuse it).
    if (this.starting) await this.starting.catch(() => undefined);
    const cur = this.current;
    // A broken stack is replaced by one for the same needs; one too small by one sized to this request alone (and
    // the baseline): the exercise graded before is done, and idle services it needed (ex4's Connect and
    // PostgreSQL) would only make this start and every later grading slower (issue 34: ex5 after ex4 waited 53 s).
    let keep: Required<StackNeeds>[] = [];
    if (cur && (this.broken || !isHealthy(cur.stack))) {
      keep = [cur.needs];
      await this.replace('broken');
    } else if (cur && !covers(cur.needs, needs)) {
      if (this.active > 1)
        throw new Error(
          `the pool's stack does not cover these needs and is in use: start the pool with baseline needs covering every exercise`,
        );
      await this.replace('grown');
    }
    if (!this.current) {
      if (this.closed) throw new Error('the stack pool was closed');
      const want = unionNeeds([this.baseline, needs, ...keep]);
      this.starting ??= this.start(want)
        .then((stack) => {
          this.starts++;
          this.current = { stack, needs: want };
          this.fresh = true;
          if (this.ownsStacks) this.owned.add(stack);
          return stack;
        })
        .finally(() => (this.starting = undefined));
      const stack = await this.starting;
      if (!warmUp) this.fresh = false;
      return stack;
    }
    if (this.fresh) this.fresh = false;
    else if (this.active <= 1 || this.current.stack.healPending) {
      // Several leases at once heal only after a grading that left its heal in the background (its last check
      // broke the stack): only such a grading's exclusive lease can precede them, and none of them may start on it.
      const alone = this.active <= 1;
      try {
        await this.current.stack.heal();
        // Alone on the stack: what earlier runs left is nobody's any more.
        if (alone) await this.current.stack.clearTopics();
        this.heals++;
      } catch (e) {
        this.broken = true;
        throw e;
      }
    }
    return this.current.stack;
  }

  /** Stops the stacks this pool started, including one still starting (a build that failed fast left it so). */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
    // A stack someone else owns is handed back healed (a grading may have left its heal in the background).
    if (this.current && !this.owned.has(this.current.stack)) await this.current.stack.healed().catch(() => undefined);
    for (const s of this.owned) await s.stop().catch(() => undefined);
    this.owned.clear();
    this.current = undefined;
  }
}

function isHealthy(s: StartedKafkaStack): boolean {
  if (s.isStopped) return false;
  try {
    s.assertHealthy();
    return true;
  } catch {
    return false;
  }
}
