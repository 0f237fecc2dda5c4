import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX8_RULES } from './contract.js';

/**
 * ex8's floor (model/floor.ts) from its constants: none. The produce runs and the grader's baseline send as fast
 * as they can (their times are what is measured), and the checks judge the topics once they are written. Pure.
 */
export function ex8Floor(r = EX8_RULES): SpecFloor {
  return specFloor(
    [],
    [
      'stack start',
      `the setup role, then ${r.repeats} produce runs of the solution (${r.records} records each, their own time)`,
      `the grader's ${r.repeats} flush-after-every-record baselines (${r.records} acknowledged round trips each) and one batched uncompressed run for the bytes on disk`,
      `${2 * r.repeats + 1} measurement topics created (each until it has a leader) and read back`,
    ],
  );
}
