import type { RunContext } from '../../engine/exercise.js';
import { EX3_RULES } from './contract.js';
import { startConsumerApp, type ConsumerApp, type InputRecord } from './consumer-app.js';

/** How long the warm-up batch is given to be processed. */
export const WARMUP_WAIT_MS = 30_000;

export interface Warmup {
  inputs: InputRecord[];
  allProcessed: boolean;
}

export interface Ex3Prepared {
  app: ConsumerApp;
  /** A first mixed batch (critical and general), processed before the group checks look. */
  warmup: () => Promise<Warmup>;
}

export async function prepareEx3(ctx: RunContext): Promise<Ex3Prepared> {
  const app = await startConsumerApp(ctx);
  let warm: Promise<Warmup> | undefined;
  return {
    app,
    warmup: () =>
      (warm ??= (async () => {
        const inputs = await app.produce([
          ...Array(EX3_RULES.warmupCritical).fill('NEW_MESSAGE'),
          ...Array.from({ length: EX3_RULES.warmupGeneral }, () => ctx.rng.pick(['LIKE', 'COMMENT'] as const)),
        ]);
        const allProcessed = await app.waitProcessed(
          inputs.map((i) => i.id),
          WARMUP_WAIT_MS,
        );
        return { inputs, allProcessed };
      })()),
  };
}
