import { KafkaStack } from './kafka-stack.js';
import type { StartedKafkaStack } from './started-stack.js';
import type { StackNeeds } from '../model/stack-needs.js';
import type { ProviderName, ServiceName } from './stack-types.js';
import type { ImagesChoice } from './provider-choice.js';

export type { StackNeeds } from '../model/stack-needs.js';

let current: { stack: StartedKafkaStack; brokers: number; toxiproxy: boolean; services: ServiceName[] } | undefined;

/** Provider under test: `KGRADE_TEST_PROVIDER=docker npm test` runs the same suites on containers. */
export function testProvider(): ProviderName | 'auto' {
  return (process.env.KGRADE_TEST_PROVIDER as ProviderName | 'auto' | undefined) ?? 'native';
}

function testImages(): ImagesChoice {
  return (process.env.KGRADE_TEST_IMAGES as ImagesChoice | undefined) ?? 'auto';
}

/**
 * One stack per test worker, reused by every suite whose needs it covers (at least the brokers asked,
 * Toxiproxy and services included); a suite needing more replaces it. Suites heal what they break; each
 * acquisition also heals and deletes the topics earlier suites left (internal ones kept).
 * The worker's exit kills it (exit hook and reaper).
 */
export async function sharedStack(needs: StackNeeds = {}): Promise<StartedKafkaStack> {
  const brokers = needs.brokers ?? 1;
  const toxiproxy = needs.toxiproxy ?? true;
  const services = needs.services ?? [];
  // More brokers than asked is fine (a 1-broker exercise runs on a 3-broker stack); fewer is not.
  if (current && !current.stack.isStopped && current.brokers >= brokers && (current.toxiproxy || !toxiproxy) && services.every((s) => current!.services.includes(s))) {
    current.stack.assertHealthy();
    await current.stack.heal();
    await current.stack.clearTopics();
    return current.stack;
  }
  const keep = current && current.brokers === brokers ? current.services : [];
  await current?.stack.stop();
  const all = [...new Set([...keep, ...services])];
  const stack = await new KafkaStack().withProvider(testProvider()).withImages(testImages()).withBrokers(brokers).withToxiproxy(toxiproxy || !!current?.toxiproxy).with(...all).start();
  current = { stack, brokers, toxiproxy: toxiproxy || !!current?.toxiproxy, services: all };
  return stack;
}

export async function stopSharedStack(): Promise<void> {
  await current?.stack.stop();
  current = undefined;
}
