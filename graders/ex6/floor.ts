import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX6_RULES } from './contract.js';

/**
 * ex6's floor (model/floor.ts) from its constants: the checks' fixed windows once the counts settled, once the
 * joined records came, and once the probe was counted after the restart. The spec's commit interval is a bound
 * from above (1000 ms or less): a solution may commit sooner, so it imposes no wait. Pure.
 */
export function ex6Floor(r = EX6_RULES): SpecFloor {
  return specFloor(
    [
      {
        check: 'word-counts',
        kind: 'window',
        ms: r.stableMs,
        what: `counts read ${r.stableMs} ms after the batch settled (they must not move without new input)`,
      },
      {
        check: 'join-status',
        kind: 'window',
        ms: r.joinGraceMs,
        what: `watching for a joined record of the key without a count (${r.joinGraceMs} ms)`,
      },
      {
        check: 'counts-survive-restart',
        kind: 'window',
        ms: r.replayWatchMs,
        what: `watching for a later update of the probe's keys, a replay (${r.replayWatchMs} ms)`,
      },
    ],
    [
      'stack start',
      "the application's build and starts (the first, and the restart after kill -9), each until its ready line",
      `Kafka Streams itself: the group's rebalances, the words crossing the repartition topic, the counts published at each commit (commit.interval.ms ${r.maxCommitIntervalMs} ms at most by the spec, the solution's choice below it), the state restored from the changelog`,
    ],
  );
}
