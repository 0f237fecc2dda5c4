import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX4_RULES } from './contract.js';

/**
 * ex4's floor (model/floor.ts) from its constants: pause-resume watches the topic for the whole paused window
 * (lines appended to a paused source must stay off it). Every other wait ends as soon as Connect, the service or
 * the database did what is asked; its timeouts are bounds, not waits. Pure.
 */
export function ex4Floor(r = EX4_RULES): SpecFloor {
  return specFloor(
    [
      {
        check: 'pause-resume',
        kind: 'window',
        ms: r.pausedWindowMs,
        what: `lines appended to the paused source watched staying off the topic (${r.pausedWindowMs} ms)`,
      },
    ],
    [
      'stack start (broker, Connect, PostgreSQL)',
      "the management service's start until it answers",
      'Connect itself: connectors and tasks reaching RUNNING, rebalances of its workers, the FileStream source polling its file, the offsets forgotten between runs',
      `the lines propagating (file to topic to file, ${r.propagationTimeoutMs / 1000} s at most each) and Debezium's snapshot and changes (${r.cdcTimeoutMs / 1000} s at most)`,
    ],
  );
}
