import { describe, expect, test } from 'vitest';
import type { StackNeeds } from '../stack/stack-types.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { gradeInOrder, nextToGrade, nextToWarm } from './course-order.js';
import { needsKey, SessionStacks } from './session-stacks.js';

/** A stand-in stack handle recording what the pools do with it: starts, heals, stops. */
function recorder() {
  const log: string[] = [];
  const start = async (needs: Required<StackNeeds>) => {
    const key = needsKey(needs);
    log.push(`start ${key}`);
    await new Promise((r) => setTimeout(r, 5));
    const s = {
      isStopped: false,
      healPending: false,
      assertHealthy() {},
      async heal() {
        log.push(`heal ${key}`);
      },
      async clearTopics() {
        return [];
      },
      async stop() {
        s.isStopped = true;
        log.push(`stop ${key}`);
      },
    };
    return s as unknown as StartedKafkaStack;
  };
  return { log, start };
}

const ex0 = { id: 'ex0', stack: { brokers: 1, toxiproxy: true } };
const ex1 = { id: 'ex1', stack: { brokers: 3, toxiproxy: true } };
const ex2 = { id: 'ex2', stack: { brokers: 3, toxiproxy: true } };
const ex3 = { id: 'ex3', stack: { brokers: 1, toxiproxy: true } };
const ex4 = { id: 'ex4', stack: { brokers: 1, toxiproxy: false, services: ['connect' as const, 'postgres' as const] } };
const ex5 = { id: 'ex5', stack: { brokers: 1, services: ['registry' as const] } };

describe('gradeInOrder', () => {
  test('nextToWarm: the first later exercise whose stack is not up', () => {
    const isUp = (e: { stack: StackNeeds }) => needsKey(e.stack) === needsKey(ex0.stack);
    expect(nextToWarm([ex0, ex3, ex1, ex4], 0, isUp)).toBe(2);
    expect(nextToWarm([ex0, ex3], 0, isUp)).toBe(-1);
    expect(nextToWarm([ex0, ex1], 1, isUp)).toBe(-1);
  });

  test('each exercise on its own stack, the next one started ahead, each stopped after its last exercise', async () => {
    const { log, start } = recorder();
    const stacks = new SessionStacks(start, false, [ex0, ex1, ex3, ex4, ex5]);
    const order: string[] = [];
    await gradeInOrder(stacks, [ex0, ex1, ex3, ex4, ex5], async (e, pool) => {
      const lease = await pool.lease(e.stack);
      await lease.stack();
      order.push(`grade ${e.id}`);
      log.push(`grade ${e.id}`);
      // Long enough for the stack started ahead to be up before this grading ends.
      await new Promise((r) => setTimeout(r, 20));
      lease.release();
      return e.id;
    });
    expect(order).toEqual(['grade ex0', 'grade ex1', 'grade ex3', 'grade ex4', 'grade ex5']);
    const starts = log.filter((l) => l.startsWith('start'));
    // Five exercises, four distinct stacks, each started once (ex3 reuses ex0's, nothing is restarted to grow).
    expect(starts).toEqual([
      'start 1b+toxiproxy',
      'start 3b+toxiproxy',
      'start 1b+connect+postgres',
      'start 1b+toxiproxy+registry',
    ]);
    // ex1's stack starts once ex0's is up, before ex1 is graded; ex4's once ex1's is up.
    expect(log.indexOf('start 3b+toxiproxy')).toBe(1);
    expect(log.indexOf('start 1b+connect+postgres')).toBeLessThan(log.indexOf('grade ex3'));
    // A stack started ahead is handed over fresh: no heal before its first grading; ex0's is healed for ex3.
    expect(log).not.toContain('heal 3b+toxiproxy');
    expect(log.indexOf('heal 1b+toxiproxy')).toBeLessThan(log.indexOf('grade ex3'));
    // ex1's three brokers stop once ex1 is graded, before ex3; everything is stopped at the end.
    expect(log.indexOf('stop 3b+toxiproxy')).toBeLessThan(log.indexOf('grade ex3'));
    expect(log.filter((l) => l.startsWith('stop'))).toHaveLength(4);
  });

  test('nextToGrade: the first left, unless its stack heals and a later one is up and not healing', () => {
    const up =
      (...es: { stack: StackNeeds }[]) =>
      (e: { stack: StackNeeds }) =>
        es.some((x) => needsKey(x.stack) === needsKey(e.stack));
    const none = () => false;
    expect(nextToGrade([ex2, ex3, ex4], none, up(ex2, ex3))).toBe(0);
    expect(nextToGrade([ex2, ex3, ex4], up(ex1), up(ex2, ex3))).toBe(1);
    // Nothing else up: wait for the heal rather than start another stack beside it.
    expect(nextToGrade([ex2, ex4], up(ex1), up(ex2))).toBe(0);
    // The other stack up heals too: no gain, keep the order.
    expect(nextToGrade([ex2, ex3], up(ex1, ex0), up(ex2, ex3))).toBe(0);
    expect(nextToGrade([], none, none)).toBe(0);
  });

  test('an exercise on another stack grades while the next stack still heals; results keep the given order', async () => {
    const { start } = recorder();
    const stacks = new SessionStacks(start, false, [ex0, ex1, ex2, ex3]);
    const order: string[] = [];
    const results = await gradeInOrder(stacks, [ex0, ex1, ex2, ex3], async (e, pool) => {
      const stack = (await pool.acquire(e.stack)) as unknown as { healPending: boolean };
      order.push(e.id);
      // ex1's last check left its brokers restarting: the stack heals in the background until ex2 leases it.
      if (e.id === 'ex1') stack.healPending = true;
      if (e.id === 'ex2') expect(stack.healPending).toBe(true);
      return e.id;
    });
    expect(order).toEqual(['ex0', 'ex1', 'ex3', 'ex2']);
    expect(results).toEqual(['ex0', 'ex1', 'ex2', 'ex3']);
  });

  test('--watch keeps the stacks for the next re-grade', async () => {
    const { log, start } = recorder();
    const stacks = new SessionStacks(start, false, [ex0, ex1]);
    const grade = async (e: typeof ex0, pool: ReturnType<SessionStacks['poolFor']>) => {
      await pool.acquire(e.stack);
      return e.id;
    };
    await gradeInOrder(stacks, [ex0, ex1], grade, { keepStacks: true });
    await gradeInOrder(stacks, [ex0, ex1], grade, { keepStacks: true });
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('stop'))).toHaveLength(0);
    await stacks.close();
    expect(log.filter((l) => l.startsWith('stop'))).toHaveLength(2);
  });

  test('a grading that never asks for its stack leaves no stack running', async () => {
    const { log, start } = recorder();
    const stacks = new SessionStacks(start, false, [ex0, ex1]);
    await gradeInOrder(stacks, [ex0, ex1], async (e) => e.id);
    expect(log.filter((l) => l.startsWith('start')).length).toBe(log.filter((l) => l.startsWith('stop')).length);
  });

  test('nextToGrade with gradings in flight: only an exercise on a free stack, else -1', () => {
    const on =
      (...es: { stack: StackNeeds }[]) =>
      (e: { stack: StackNeeds }) =>
        es.some((x) => needsKey(x.stack) === needsKey(e.stack));
    const none = () => false;
    // ex1 grades: ex2 (its stack) waits, ex3 goes.
    expect(nextToGrade([ex2, ex3, ex4], none, none, on(ex1))).toBe(1);
    // ex1 and ex3 grade: ex4 is the only one on a free stack.
    expect(nextToGrade([ex2, ex0, ex4], none, none, on(ex1, ex3))).toBe(2);
    expect(nextToGrade([ex2, ex0], none, none, on(ex1, ex3))).toBe(-1);
  });

  test('two at once: never two on one stack, at most two in flight, every result in the given order', async () => {
    const { log, start } = recorder();
    const all = [ex0, ex1, ex2, ex3, ex4, ex5];
    const stacks = new SessionStacks(start, false, all);
    const inFlight = new Set<string>();
    let most = 0;
    const overlaps: string[] = [];
    const results = await gradeInOrder(
      stacks,
      all,
      async (e, pool) => {
        const lease = await pool.lease(e.stack);
        await lease.stack();
        for (const other of inFlight) {
          expect(needsKey(all.find((x) => x.id === other)!.stack)).not.toBe(needsKey(e.stack));
          overlaps.push(`${other}+${e.id}`);
        }
        inFlight.add(e.id);
        most = Math.max(most, inFlight.size);
        await new Promise((r) => setTimeout(r, e.id === 'ex1' ? 60 : 20));
        inFlight.delete(e.id);
        lease.release();
        return e.id;
      },
      { atOnce: 2 },
    );
    expect(results).toEqual(['ex0', 'ex1', 'ex2', 'ex3', 'ex4', 'ex5']);
    expect(most).toBe(2);
    // ex1 and ex2 share three brokers: never at once; ex3 (ex0's stack) grades beside ex1.
    expect(overlaps).not.toContain('ex1+ex2');
    expect(overlaps).toContain('ex1+ex3');
    // Each distinct stack started once and stopped once.
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(4);
    expect(log.filter((l) => l.startsWith('stop'))).toHaveLength(4);
  });

  test('two at once: a grading that throws stops the run after the one in flight, and every stack stops', async () => {
    const { log, start } = recorder();
    const stacks = new SessionStacks(start, false, [ex0, ex1, ex4]);
    const done: string[] = [];
    await expect(
      gradeInOrder(
        stacks,
        [ex0, ex1, ex4],
        async (e, pool) => {
          await pool.acquire(e.stack);
          if (e.id === 'ex0') throw new Error('boom');
          await new Promise((r) => setTimeout(r, 30));
          done.push(e.id);
          return e.id;
        },
        { atOnce: 2 },
      ),
    ).rejects.toThrow('boom');
    // ex1 was in flight beside ex0: it ends; ex4 never starts.
    expect(done).toEqual(['ex1']);
    expect(log.filter((l) => l.startsWith('start')).length).toBe(log.filter((l) => l.startsWith('stop')).length);
  });
});
