import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX3_RULES } from './contract.js';

/**
 * ex3's floor (model/floor.ts) from its constants. The contract has one general consumer per instance sleep
 * `processingMs` per general notification: a batch of n takes n x processingMs at the least. Critical notifications
 * take no work. Pure.
 */
export function ex3Floor(r = EX3_RULES): SpecFloor {
  const work = (n: number, ms = r.processingMs) => n * ms;
  const criticalSpan = r.criticalCount * r.criticalIntervalMs;
  const slowBeforeKill = r.crashThreshold + Math.floor(r.commitAheadWatchMs / r.crashProcessingMs);
  return specFloor(
    [
      {
        check: 'groups-by-type',
        kind: 'spec',
        ms: work(r.warmupGeneral),
        what: `warm-up: ${r.warmupGeneral} general notifications x ${r.processingMs} ms of work`,
      },
      {
        check: 'critical-latency',
        kind: 'spec',
        ms: Math.max(work(r.floodSize), criticalSpan),
        what: `the flood: ${r.floodSize} x ${r.processingMs} ms of work (the ${r.criticalCount} critical ones, ${r.criticalIntervalMs} ms apart, are written meanwhile: ${criticalSpan} ms)`,
      },
      {
        check: 'commit-after-processing',
        kind: 'spec',
        ms: work(r.commitBatch),
        what: `${r.commitBatch} x ${r.processingMs} ms of work`,
      },
      {
        check: 'commit-after-processing',
        kind: 'window',
        ms: r.commitSettleMs,
        what: 'sampling once all are processed',
      },
      {
        check: 'resume-after-restart',
        kind: 'spec',
        ms: work(r.restartBatch),
        what: `${r.restartBatch} x ${r.processingMs} ms of work after the restart`,
      },
      {
        check: 'resume-after-restart',
        kind: 'window',
        ms: r.rereadWindowMs,
        what: 'watching for old notifications processed again',
      },
      {
        check: 'at-least-once-after-crash',
        kind: 'spec',
        ms: work(r.crashThreshold, r.crashProcessingMs),
        what: `slow processing up to the earliest kill point: ${r.crashThreshold} x ${r.crashProcessingMs} ms`,
      },
      {
        check: 'at-least-once-after-crash',
        kind: 'window',
        ms: r.commitAheadWatchMs,
        what: 'watching for a commit ahead of processing before the kill (a correct solution is watched all of it)',
      },
      {
        check: 'at-least-once-after-crash',
        kind: 'spec',
        ms: work(Math.max(0, r.crashBatch - slowBeforeKill)),
        what: `the rest of the ${r.crashBatch} after the restart: ${Math.max(0, r.crashBatch - slowBeforeKill)} x ${r.processingMs} ms`,
      },
      {
        check: 'at-least-once-after-crash',
        kind: 'window',
        ms: r.crashSettleMs,
        what: 'settling once the batch is processed',
      },
      {
        check: 'lag-returns-to-zero',
        kind: 'spec',
        ms: work(r.lagBurst),
        what: `the last burst: ${r.lagBurst} x ${r.processingMs} ms of work`,
      },
    ],
    [
      'stack start',
      'instance starts: the first, a second one (general-rebalance) and three restarts, each until its ready line',
      "stops (SIGTERM until the instance exits) and the groups' rebalances (the client's protocol, not a constant of the exercise)",
      'the processing records reaching the grader (polled every 100 ms)',
    ],
  );
}
