import { describe, expect, test } from 'vitest';
import type { StartedKafkaStack } from './started-stack.js';
import { covers, StackPool, unionNeeds } from './stack-pool.js';

/** A stand-in for the stack handle: only what StackPool touches (no Kafka here: leases and healing logic). */
function fakeStack(log: string[], name: string, healthy = () => true) {
  const s = {
    isStopped: false,
    assertHealthy() {
      if (!healthy()) throw new Error('dead');
    },
    /** A heal a grading left in the background (StartedKafkaStack.healInBackground). */
    healPending: false,
    async heal() {
      s.healPending = false;
      log.push(`heal ${name}`);
    },
    async healed() {
      if (s.healPending) log.push(`healed ${name}`);
      s.healPending = false;
    },
    async clearTopics() {
      log.push(`clear ${name}`);
      return [];
    },
    async stop() {
      s.isStopped = true;
      log.push(`stop ${name}`);
    },
  };
  return s as unknown as StartedKafkaStack;
}

describe('StackPool', () => {
  test('one stack started once for concurrent sessions; healed and cleared of old topics only when a session is alone on it', async () => {
    const log: string[] = [];
    let n = 0;
    const cs = new StackPool(async () => fakeStack(log, `s${++n}`), true);
    const [a, b] = await Promise.all([cs.lease({}, false), cs.lease({}, false)]);
    const [sa, sb] = await Promise.all([a.stack(), b.stack()]);
    expect(sa).toBe(sb);
    expect(cs.starts).toBe(1);
    await a.stack();
    expect(log).toEqual([]);
    a.release();
    await b.stack();
    expect(log).toEqual(['heal s1', 'clear s1']);
    b.release();
    await cs.close();
    expect(log).toEqual(['heal s1', 'clear s1', 'stop s1']);
  });

  test('a heal a grading left in the background is waited for by every lease after it, and by close() of a stack the pool does not own', async () => {
    const log: string[] = [];
    const stack = fakeStack(log, 's1') as unknown as { healPending: boolean };
    const pool = new StackPool(async () => stack as unknown as StartedKafkaStack, false);
    const ex = await pool.lease({}, true);
    await ex.stack();
    stack.healPending = true; // its last check stopped brokers and left their restart to the stack
    ex.release();
    const [a, b] = await Promise.all([pool.lease({}, false), pool.lease({}, false)]);
    await Promise.all([a.stack(), b.stack()]);
    // Two leases at once: healed (the one finding the heal pending), topics kept (the other may already use them).
    expect(log).toEqual(['heal s1']);
    a.release();
    b.release();
    stack.healPending = true;
    await pool.close();
    expect(log).toEqual(['heal s1', 'healed s1']);
  });

  test('an exclusive lease waits for the shared ones, and later shared ones wait for it (FIFO)', async () => {
    const cs = new StackPool(async () => fakeStack([], 's'), true);
    const order: string[] = [];
    const s1 = await cs.lease({}, false);
    const ex = cs.lease({}, true).then((l) => (order.push('exclusive'), l));
    const s2 = cs.lease({}, false).then((l) => (order.push('shared2'), l));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    s1.release();
    const exl = await ex;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['exclusive']);
    exl.release();
    (await s2).release();
    expect(order).toEqual(['exclusive', 'shared2']);
  });

  test('an unhealthy stack is stopped and replaced; an injected (not owned) one is left running at close', async () => {
    const log: string[] = [];
    let alive = true;
    let n = 0;
    const cs = new StackPool(async () => fakeStack(log, `s${++n}`, n === 1 ? () => alive : () => true), false);
    const l = await cs.lease({}, false);
    await l.stack();
    alive = false;
    cs.markSuspect();
    await l.stack();
    expect(cs.replacements).toBe(1);
    expect(log).toEqual(['stop s1']);
    l.release();
    await cs.close();
    expect(log).toEqual(['stop s1']);
  });

  test('a request needing more replaces the stack by one sized to it, not to the stack before; one needing less reuses it', async () => {
    const log: string[] = [];
    const started: unknown[] = [];
    const pool = new StackPool(async (needs) => (started.push(needs), fakeStack(log, `s${started.length}`)), true);
    await pool.acquire({ brokers: 1, services: ['connect', 'postgres'] });
    await pool.acquire({ brokers: 3, services: ['registry'] });
    await pool.acquire({ brokers: 1 });
    expect(started).toEqual([
      { brokers: 1, toxiproxy: true, services: ['connect', 'postgres'] },
      { brokers: 3, toxiproxy: true, services: ['registry'] },
    ]);
    expect(log).toEqual(['stop s1', 'heal s2', 'clear s2']);
    expect(pool.replacements).toBe(0);
    await pool.close();
  });

  test('a baseline (a cohort: the union of its exercises) is started at once', async () => {
    const started: unknown[] = [];
    const pool = new StackPool(
      async (needs) => (started.push(needs), fakeStack([], 's')),
      true,
      unionNeeds([{ brokers: 1 }, { brokers: 3, services: ['connect'] }]),
    );
    await pool.acquire({});
    expect(started).toEqual([{ brokers: 3, toxiproxy: true, services: ['connect'] }]);
  });

  test('covers: more brokers than asked is fine, fewer is not; Toxiproxy and services must be there', () => {
    expect(covers({ brokers: 3, toxiproxy: true, services: [] }, { brokers: 1 })).toBe(true);
    expect(covers({ brokers: 1, toxiproxy: true, services: [] }, { brokers: 3 })).toBe(false);
    expect(covers({ brokers: 3, toxiproxy: false, services: [] }, {})).toBe(false);
    expect(covers({ brokers: 3, toxiproxy: true, services: ['registry'] }, { services: ['registry', 'connect'] })).toBe(
      false,
    );
  });

  test('close() stops a stack whose start was still running when its lease was released (a build that failed at once)', async () => {
    const log: string[] = [];
    let started!: () => void;
    const cs = new StackPool(
      () => new Promise<StartedKafkaStack>((resolve) => (started = () => resolve(fakeStack(log, 's1')))),
      true,
    );
    const lease = await cs.lease({}, false);
    const pending = lease.stack();
    lease.release();
    const closing = cs.close();
    started();
    await closing;
    await pending;
    expect(log).toEqual(['stop s1']);
  });
});
