import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { waitFor } from '../../core/wait-for.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack } from '../../stack/shared-stack.js';
import { runScenario, SCENARIOS } from './faults.js';

describe('fault scenarios against real brokers', () => {
  let stack: StartedKafkaStack;
  const topic = `scenario-${Date.now().toString(36)}`;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 3, toxiproxy: true });
    // Earlier suites stopped and restarted brokers: the topic is created once every broker answers again
    // (a retriable admin error right after a restart is retried, an existing topic is fine).
    await waitFor(
      async () => {
        const admin = await stack.admin();
        await admin.createTopics({
          topics: [
            {
              topic,
              numPartitions: 1,
              replicationFactor: 3,
              configEntries: [{ name: 'min.insync.replicas', value: '2' }],
            },
          ],
          waitForLeaders: true,
        });
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: `topic ${topic} created` },
    );
    await stack.waitForIsr(topic, 0, 3, 60_000);
  }, 120_000);
  afterAll(async () => {
    await stack.heal();
    await stack.waitForIsr(topic, 0, 3);
  });

  it('leader-kill moves leadership and the timeline says which broker was killed', async () => {
    const leader = await stack.leaderOf(topic, 0);
    const steps = SCENARIOS['leader-kill']!.steps(createRng(3), { topic, partition: 0 }).filter(
      (s) => s.action.kind === 'kill',
    );
    const timeline = await runScenario(stack, steps);
    expect(timeline[0]).toMatchObject({ action: 'kill', brokers: [leader] });
    await waitFor(async () => (await stack.leaderOf(topic, 0)) !== leader, { timeoutMs: 20_000 });
    await stack.heal();
    await stack.waitForIsr(topic, 0, 3, 60_000);
  });

  it('follower-isolation shrinks the ISR below min.insync.replicas', async () => {
    const timeline = await runScenario(
      stack,
      SCENARIOS['follower-isolation']!.steps(createRng(1), { topic, partition: 0 }),
    );
    expect(timeline[0]!.brokers).toHaveLength(2);
    const isr = await waitFor(
      async () => {
        const s = await stack.partitionState(topic, 0);
        return s.isr.length === 1 ? s.isr : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(isr).toHaveLength(1);
    await stack.heal();
    await stack.waitForIsr(topic, 0, 3, 60_000);
  });

  it('toxic scenarios clear what they add', async () => {
    const timeline = await runScenario(
      stack,
      SCENARIOS['reset-responses']!.steps(createRng(2), { topic, partition: 0 }),
    );
    expect(timeline.map((t) => t.action)).toEqual(['reset_peer downstream {"timeout":0}', 'clear']);
    expect(timeline[0]!.brokers).toHaveLength(3);
    for (const b of stack.brokers) expect(await b.proxy!.toxics()).toEqual([]);
  });
});
