import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITIES } from './capabilities.js';
import { runCapability } from './stack-check.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack, testProvider } from '../../stack/shared-stack.js';

// Provider-agnostic: every fault of the stack API, observed with real traffic through real brokers.
describe(`stack capabilities (${testProvider()} provider, 3 brokers, Toxiproxy, registry, Connect, PostgreSQL)`, () => {
  let stack: StartedKafkaStack;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 3, toxiproxy: true, services: ['registry', 'connect', 'postgres'] });
  });

  for (const capability of CAPABILITIES) {
    it(capability.name, async () => {
      const step = await runCapability(stack, capability, `t-${Date.now().toString(36)}`);
      expect(step.skipped, 'this stack has every service: nothing may be skipped').toBeFalsy();
      expect(step.ok, step.detail).toBe(true);
    });
  }

  it('sees brokers come back while a topic of replication factor 1 has no leader', async () => {
    const topic = `t-${Date.now().toString(36)}-rf1`;
    const ids = stack.brokers.map((b) => b.id);
    await stack.createTopics([
      { topic, replicaAssignment: ids.map((id, partition) => ({ partition, replicas: [id] })) },
    ]);
    const [, second, third] = stack.brokers;
    try {
      await third!.stop();
      await second!.stop();
      // start() waits for the running brokers to be registered; topic-wide metadata would fail here,
      // since the partition only broker 3 held has no leader.
      await second!.start();
      expect(await stack.leaderOf(topic, 1)).toBe(second!.id);
    } finally {
      await stack.heal();
      const admin = await stack.admin();
      await admin.deleteTopics({ topics: [topic] });
    }
  });

  it('exposes the contract environment for solutions', () => {
    const env = stack.solutionEnv();
    expect(env.KAFKA_BOOTSTRAP_SERVERS).toBe(stack.bootstrapServers);
    expect(env.SPRING_KAFKA_BOOTSTRAP_SERVERS).toBe(stack.bootstrapServers);
    expect(env.SCHEMA_REGISTRY_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7$/);
    expect(env.KAFKA_CONNECT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.POSTGRES_URL).toMatch(/^postgresql:\/\//);
  });

  afterAll(() => stack.assertHealthy());
});
