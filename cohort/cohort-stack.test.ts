import { describe, expect, test } from 'vitest';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { CohortStack, needsExclusiveStack, unionNeeds } from './cohort-stack.js';
import { exerciseById } from '../graders/registry.js';

/** A stand-in for the stack handle: only what CohortStack touches (no Kafka here: leases and healing logic). */
function fakeStack(log: string[], name: string, healthy = () => true) {
  const s = {
    isStopped: false,
    assertHealthy() {
      if (!healthy()) throw new Error('dead');
    },
    async heal() {
      log.push(`heal ${name}`);
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

describe('CohortStack', () => {
  test('one stack started once for concurrent sessions; healed and cleared of old topics only when a session is alone on it', async () => {
    const log: string[] = [];
    let n = 0;
    const cs = new CohortStack({}, async () => fakeStack(log, `s${++n}`), true);
    const [a, b] = await Promise.all([cs.lease(false), cs.lease(false)]);
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

  test('an exclusive lease waits for the shared ones, and later shared ones wait for it (FIFO)', async () => {
    const cs = new CohortStack({}, async () => fakeStack([], 's'), true);
    const order: string[] = [];
    const s1 = await cs.lease(false);
    const ex = cs.lease(true).then((l) => (order.push('exclusive'), l));
    const s2 = cs.lease(false).then((l) => (order.push('shared2'), l));
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
    const cs = new CohortStack({}, async () => fakeStack(log, `s${++n}`, n === 1 ? () => alive : () => true), false);
    const l = await cs.lease(false);
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

  test('needs: the union of the exercises; fault-injecting exercises run alone', () => {
    expect(unionNeeds([exerciseById('ex0'), exerciseById('ex9')]).brokers).toBe(Math.max(exerciseById('ex9').stack.brokers ?? 1, 1));
    expect(needsExclusiveStack(exerciseById('ex0'))).toBe(false);
    expect(needsExclusiveStack(exerciseById('ex1'))).toBe(true);
  });
});
