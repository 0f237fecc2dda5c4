import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { sharedStack, testProvider } from '../../stack/shared-stack.js';
import { registryRoundTrip } from './registry-round-trip.js';
import { runCapability } from './stack-check.js';

describe(`schema registry round trip (${testProvider()} provider)`, () => {
  let stack: StartedKafkaStack;
  beforeAll(async () => {
    stack = await sharedStack({ brokers: 1, services: ['registry'] });
  });

  it(registryRoundTrip.name, async () => {
    const step = await runCapability(stack, registryRoundTrip, `t-${Date.now().toString(36)}`);
    expect(step.skipped).toBeFalsy();
    expect(step.ok, step.detail).toBe(true);
    expect(step.detail).toMatch(/required field refused \(409, versions \[1\]\).*accepted as v2/);
  });

  afterAll(() => stack.assertHealthy());
});
