import { waitFor } from '../../core/wait-for.js';
import type { RunContext } from '../../engine/exercise.js';
import { EX6_RULES } from './contract.js';
import { expectedCounts, seedInput, type SeededInput } from './input.js';
import { countOf, isCaughtUp, type Progress } from './progress.js';
import { StreamsApp } from './streams-app.js';

export interface Batch {
  input: SeededInput;
  /** The oracle: each word's count over the messages without "filter". */
  expected: Map<string, number>;
  /** Whether the application's group committed the batch (and its repartition topic) to the end, and when. */
  settled: { caughtUp: boolean; ms: number; progress: Progress };
  /** When the batch was acknowledged by the brokers (epoch ms): the start of the counts' latency. */
  writtenAtMs: number;
}

export interface Ex6Prepared {
  app: StreamsApp;
  /** The seeded batch, written once and awaited until the application caught up (or the time limit). */
  batch: () => Promise<Batch>;
}

export async function prepareEx6(ctx: RunContext): Promise<Ex6Prepared> {
  const app = new StreamsApp(ctx);
  const t = app.topics;
  const rf = Math.min(3, ctx.stack.brokers.length);
  await ctx.stack.createTopics([t.input, t.status, t.counts, t.joined].map((topic) => ({ topic, numPartitions: EX6_RULES.partitions, replicationFactor: rf })));
  try {
    await app.watch();
    await app.start('app');
  } catch (e) {
    // cleanup() only gets what prepare returned: release the watchers and the state folder here.
    await app.stop();
    throw e;
  }
  let batch: Promise<Batch> | undefined;
  return {
    app,
    batch: () =>
      (batch ??= (async () => {
        const input = seedInput(ctx.rng);
        const expected = expectedCounts(input.messages);
        await app.produce(t.input, input.messages);
        const writtenAtMs = Date.now();
        const quiet = app.countsQuietFor(2000);
        // Counts in another format than the contract's are decoded: the format is judged by word-counts alone.
        const matches = () => {
          const published = app.publishedCounts();
          return [...expected].every(([w, n]) => countOf(published.get(w)) === n);
        };
        const settled = await app.waitCaughtUp(EX6_RULES.settleTimeoutMs, (p) => isCaughtUp(p, t.input), () => quiet() && matches());
        // Committed means produced, but the grader's watcher reads the counts a moment later.
        if (settled.caughtUp) {
          await waitFor(matches, { timeoutMs: 3000, intervalMs: 100 }).catch(() => undefined);
        }
        return { input, expected, settled, writtenAtMs };
      })()),
  };
}
