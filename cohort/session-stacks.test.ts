import { describe, expect, test } from 'vitest';
import type { StackNeeds } from '../stack/stack-types.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { needsKey, SessionStacks } from './session-stacks.js';

/** A stand-in for a stack handle: what StackPool touches, and the needs it was started for. */
function starter(started: Required<StackNeeds>[]) {
  return async (needs: Required<StackNeeds>) => {
    started.push(needs);
    const s = {
      isStopped: false,
      assertHealthy() {},
      async heal() {},
      async clearTopics() {
        return [];
      },
      async stop() {
        s.isStopped = true;
      },
    };
    return s as unknown as StartedKafkaStack;
  };
}

const ex1 = { stack: { brokers: 3, toxiproxy: true } };
const ex2 = { stack: { brokers: 3, toxiproxy: true } };
const ex3 = { stack: { brokers: 1, toxiproxy: true } };
const ex5 = { stack: { brokers: 1, toxiproxy: true, services: ['registry' as const] } };

describe('SessionStacks', () => {
  test('each exercise is graded on a stack sized to it; exercises asking for the same stack share it', async () => {
    const started: Required<StackNeeds>[] = [];
    const stacks = new SessionStacks(starter(started), false, [ex1, ex2, ex3]);
    await stacks.poolFor(ex3).acquire(ex3.stack);
    await stacks.poolFor(ex1).acquire(ex1.stack);
    await stacks.poolFor(ex2).acquire(ex2.stack);
    await stacks.poolFor(ex3).acquire(ex3.stack);
    expect(started.map((n) => n.brokers)).toEqual([1, 3]);
    expect(stacks.poolFor(ex1)).toBe(stacks.poolFor(ex2));
    expect(stacks.all()).toHaveLength(2);
    expect(stacks.count('starts')).toBe(2);
    await stacks.close();
  });

  test("a caller's stack is one pool for every exercise, started for the union of their needs", async () => {
    const started: Required<StackNeeds>[] = [];
    const stacks = new SessionStacks(starter(started), true, [ex1, ex3, ex5]);
    expect(stacks.poolFor(ex3)).toBe(stacks.poolFor(ex1));
    await stacks.poolFor(ex3).acquire(ex3.stack);
    expect(started).toEqual([{ brokers: 3, toxiproxy: true, services: ['registry'] }]);
  });

  test('needsKey tells stacks apart by brokers, Toxiproxy and services, whatever their order', () => {
    expect(needsKey({ brokers: 3, toxiproxy: true })).toBe('3b+toxiproxy');
    expect(needsKey({})).toBe(needsKey({ brokers: 1, toxiproxy: true }));
    expect(needsKey({ services: ['postgres', 'connect'] })).toBe(needsKey({ services: ['connect', 'postgres'] }));
    expect(needsKey({ brokers: 1, toxiproxy: false })).not.toBe(needsKey({ brokers: 1 }));
  });
});
