import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX7_RULES } from './contract.js';

/**
 * ex7's floor (model/floor.ts) from its constants: none. The windows (tumbling, hopping, session) and the views'
 * lateness are event time, carried by the records' timestamps: the grader writes all the views at once and reads
 * each table until it equals the oracle's, with no fixed window for a correct solution (`settledMs` only ends
 * the wait on results that never agree). Pure.
 */
export function ex7Floor(r = EX7_RULES): SpecFloor {
  return specFloor(
    [],
    [
      'stack start (broker and ksqlDB; the exercise runs alone)',
      `the statements run by ksqlDB (${r.statementTimeoutMs / 1000} s at most each) and its persistent queries starting`,
      `the ${r.scenario.views} views and the users processed by the queries until each table equals the oracle's (read every second, ${r.resultsTimeoutMs / 1000} s at most after the last view)`,
    ],
  );
}
