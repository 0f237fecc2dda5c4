import type { RunContext } from '../../engine/exercise.js';
import { EX3_RULES } from './contract.js';
import { startConsumerApp, type ConsumerApp, type InputRecord } from './consumer-app.js';

/** How long the warm-up batch is given to be processed. */
export const WARMUP_WAIT_MS = 30_000;

/**
 * The warm-up stops waiting sooner once part of the batch was processed and nothing more of it for this long: the
 * consumers are running, and what they left is not theirs to read (e.g. critical notifications on a partition no
 * consumer was assigned). Every check after the warm-up waits for its own records with its own bound.
 */
export const WARMUP_QUIET_MS = 10_000;

/**
 * The warm-up's early end: some of the batch processed (`processed` > 0, not all) and that count unchanged for
 * `quietMs`. Returns the predicate `waitProcessed` polls; pure but for the clock it is given.
 */
export function quietAfterProgress(
  processedCount: () => number,
  now: () => number,
  quietMs = WARMUP_QUIET_MS,
): () => boolean {
  let count = -1;
  let since = now();
  return () => {
    const n = processedCount();
    if (n !== count) {
      count = n;
      since = now();
      return false;
    }
    return n > 0 && now() - since >= quietMs;
  };
}

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
        const ids = inputs.map((i) => i.id);
        const allProcessed = await app.waitProcessed(
          ids,
          WARMUP_WAIT_MS,
          quietAfterProgress(
            () => {
              const seen = app.processedIds();
              return ids.filter((id) => seen.has(id)).length;
            },
            () => performance.now(),
          ),
        );
        return { inputs, allProcessed };
      })()),
  };
}
