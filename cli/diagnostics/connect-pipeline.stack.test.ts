import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_PIPELINE } from './connect-pipeline.js';
import { runCapability } from './stack-check.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack, testProvider } from '../../stack/shared-stack.js';

// Real pipelines through Connect, and the environment that names the stack's services as Connect sees them.
describe(`Connect pipelines (${testProvider()} provider, Connect, PostgreSQL)`, () => {
  let stack: StartedKafkaStack;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 1, toxiproxy: false, services: ['connect', 'postgres'] });
  });

  it('tells solutions PostgreSQL and the FileStream folder as Connect sees them', () => {
    const env = stack.solutionEnv();
    const pg = stack.services.postgres!;
    expect(env.CONNECT_POSTGRES_HOST).toBe(stack.provider === 'docker' ? 'postgres' : '127.0.0.1');
    expect(env.CONNECT_POSTGRES_PORT).toBe(stack.provider === 'docker' ? '5432' : String(pg.port));
    expect(env.CONNECT_POSTGRES_DATABASE).toBe(pg.database);
    expect(env.CONNECT_FILES_DIR).toBe(stack.services.connectFiles!.connectDir);
    expect(fs.statSync(stack.services.connectFiles!.hostDir).isDirectory()).toBe(true);
  });

  for (const capability of CONNECT_PIPELINE) {
    it(capability.name, async () => {
      const step = await runCapability(stack, capability, `t-${Date.now().toString(36)}`);
      expect(step.skipped, 'this stack has Connect and PostgreSQL: nothing may be skipped').toBeFalsy();
      expect(step.ok, step.detail).toBe(true);
    });
  }

  afterAll(() => stack.assertHealthy());
});
