import { waitFor } from '../../core/wait-for.js';
import type { RunContext } from '../../engine/exercise.js';
import { EX6_RULES } from './contract.js';
import { expectedCounts, seedInput, type SeededInput } from './input.js';
import { committedOn, countOf, isCaughtUp, type Progress } from './progress.js';
import { StreamsApp } from './streams-app.js';

export interface Batch {
  input: SeededInput;
  /** The oracle: each word's count over the messages without "filter". */
  expected: Map<string, number>;
  /** Whether the application's group committed the batch (and its repartition topic) to the end, and when. */
  settled: { caughtUp: boolean; ms: number; progress: Progress };
  /** When the batch was acknowledged by the brokers (epoch ms): the start of the counts' latency. */
  writtenAtMs: number;
  /**
   * Set when the counts were still held (the group had not committed the batch, some count was missing) once the
   * spec's latency had passed: the grader then stopped the application cleanly, which publishes what a Kafka
   * Streams application holds (close() flushes its caches and commits), and started it again, instead of waiting
   * for its next commit. Milliseconds after the batch was written.
   */
  stoppedForCountsAfterMs?: number;
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
  await ctx.stack.createTopics(
    [t.input, t.status, t.counts, t.joined].map((topic) => ({
      topic,
      numPartitions: EX6_RULES.partitions,
      replicationFactor: rf,
    })),
  );
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
        const caughtUp = (p: Progress) => isCaughtUp(p, t.input);
        const settledWell = () => quiet() && matches();
        const since = performance.now();
        // The spec promises the counts within a few seconds: past that, the latency is judged (word-counts), and
        // waiting for an application's next commit (30 s by Kafka Streams' default) would only delay the checks.
        let settled = await app.waitCaughtUp(EX6_RULES.countsLatencyMs, caughtUp, settledWell);
        let stoppedForCountsAfterMs: number | undefined;
        if (!settled.caughtUp && !settledWell()) {
          let partly = false;
          if (!matches()) {
            stoppedForCountsAfterMs = Date.now() - writtenAtMs;
            await app.stopAll('stop');
            const afterStop = await app.progress();
            await app.start('app (after a clean stop: counts held past the latency)');
            // Committed to the end at the stop: every count is published. Committed in part (words still on the
            // repartition topic): the new instance counts them, and publishes them at its own next commit.
            partly = !caughtUp(afterStop) && (committedOn(afterStop, t.input) > 0 || app.counts.records().length > 0);
          }
          // At least one reading of the progress after the restart (a slow start may have used up the time).
          const waitMs = partly
            ? EX6_RULES.settleTimeoutMs
            : Math.max(1000, EX6_RULES.settleTimeoutMs - (performance.now() - since));
          settled = await app.waitCaughtUp(waitMs, caughtUp, settledWell);
        }
        settled = { ...settled, ms: Math.round(performance.now() - since) };
        // Committed means produced, but the grader's watcher reads the counts a moment later.
        if (settled.caughtUp) {
          await waitFor(matches, { timeoutMs: 3000, intervalMs: 100 }).catch(() => undefined);
        }
        return {
          input,
          expected,
          settled,
          writtenAtMs,
          ...(stoppedForCountsAfterMs !== undefined ? { stoppedForCountsAfterMs } : {}),
        };
      })()),
  };
}
