import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX0_RULES } from './contract.js';

/**
 * ex0's floor (model/floor.ts) from its constants: none. The program writes its records unpaced and stops once it
 * read them all back; the checks judge what it did from one snapshot, with no observation window. Pure.
 */
export function ex0Floor(r = EX0_RULES): SpecFloor {
  return specFloor(
    [],
    [
      'stack start',
      `the program's one run: its start, ${r.unkeyedCount} + ${r.keyedCount} sends and reading them back (its own time; ${r.timeLimitMs / 1000} s at most by the contract)`,
      'the snapshot of the topic the checks share (topic metadata, every record read back)',
    ],
  );
}
