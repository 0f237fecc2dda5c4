import { errorMessage, isGraderError } from '../../core/errors.js';
import type { KafkaStack } from '../../stack/kafka-stack.js';
import type { StartedKafkaStack } from '../../stack/started-stack.js';
import { CAPABILITIES, type Capability } from './capabilities.js';
import { CONNECT_PIPELINE } from './connect-pipeline.js';
import { registryRoundTrip } from './registry-round-trip.js';

export interface StackCheckStep {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
  skipped?: boolean;
}

export interface StackCheckReport {
  ok: boolean;
  provider: string;
  brokers: number;
  startMs: number;
  steps: StackCheckStep[];
}

/** Runs one capability and heals the stack afterwards, whatever happened. */
export async function runCapability(stack: StartedKafkaStack, c: Capability, prefix: string): Promise<StackCheckStep> {
  const t = performance.now();
  let step: StackCheckStep;
  try {
    const r = await c.run(stack, prefix);
    step = {
      name: c.name,
      ok: r.ok,
      ms: Math.round(performance.now() - t),
      detail: r.detail,
      ...(r.skipped ? { skipped: true } : {}),
    };
  } catch (e) {
    step = { name: c.name, ok: false, ms: Math.round(performance.now() - t), detail: `error: ${errorMessage(e)}` };
  }
  await stack.heal();
  return step;
}

/** Starts the stack, proves each capability with real traffic, stops it. */
export async function runStackCheck(
  builder: KafkaStack,
  onStep?: (s: StackCheckStep) => void,
): Promise<StackCheckReport> {
  const spec = builder.getSpec();
  const steps: StackCheckStep[] = [];
  let stack: StartedKafkaStack;
  const t = performance.now();
  try {
    stack = await builder.start();
  } catch (e) {
    const detail = isGraderError(e) ? e.describe() : errorMessage(e);
    return {
      ok: false,
      provider: 'unknown',
      brokers: spec.brokers,
      startMs: Math.round(performance.now() - t),
      steps: [{ name: 'start', ok: false, ms: Math.round(performance.now() - t), detail }],
    };
  }
  try {
    const prefix = `check-${Date.now().toString(36)}`;
    for (const c of [...CAPABILITIES, registryRoundTrip, ...CONNECT_PIPELINE]) {
      const step = await runCapability(stack, c, prefix);
      steps.push(step);
      onStep?.(step);
    }
  } finally {
    await stack.stop();
  }
  return {
    ok: steps.every((s) => s.ok),
    provider: stack.provider,
    brokers: stack.brokers.length,
    startMs: stack.startMs,
    steps,
  };
}
