import type { StackNeeds } from './stack-types.js';
import type { ImagesChoice } from './provider-choice.js';
import { StackPool } from './stack-pool.js';
import type { StartedKafkaStack } from './started-stack.js';
import type { ProviderName } from './stack-types.js';

export type { StackNeeds } from './stack-types.js';

/**
 * For the stack-backed tests only: one pool per test worker, so every suite reuses one stack
 * (`KGRADE_TEST_PROVIDER=docker KGRADE_TEST_IMAGES=offline npm test` runs the same suites on containers).
 * The CLI never reads these variables: it builds its own pool from `--stack`/`--images`.
 */
export function testProvider(): ProviderName | 'auto' {
  return (process.env.KGRADE_TEST_PROVIDER as ProviderName | 'auto' | undefined) ?? 'native';
}

function testImages(): ImagesChoice {
  return (process.env.KGRADE_TEST_IMAGES as ImagesChoice | undefined) ?? 'auto';
}

let pool: StackPool | undefined;

/** The test worker's pool (the worker's exit kills its stack: exit hook and reaper). */
export function testStackPool(): StackPool {
  pool ??= StackPool.of({ provider: testProvider(), images: testImages() });
  return pool;
}

/**
 * A stack for a suite: the worker's stack when it covers `needs`, else a larger one replacing it. Suites heal
 * what they break; each acquisition also heals and deletes the topics earlier suites left (internal ones kept).
 */
export function sharedStack(needs: StackNeeds = {}): Promise<StartedKafkaStack> {
  return testStackPool().acquire(needs);
}

export async function stopSharedStack(): Promise<void> {
  await pool?.close();
  pool = undefined;
}
