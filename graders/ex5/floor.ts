import { specFloor, type SpecFloor } from '../../model/floor.js';
import { EX5_RULES } from './contract.js';

/**
 * ex5's floor (model/floor.ts) from its constants: none. Each role sends or prints a fixed count of records and
 * exits by itself, nothing is paced, and the checks read the registry and the topic once the roles are done. Pure.
 */
export function ex5Floor(r = EX5_RULES): SpecFloor {
  return specFloor(
    [],
    [
      'stack start (broker and schema registry)',
      `the role runs, each its own time (${r.roleTimeoutMs / 1000} s at most): produce-v1, produce-v2-required and produce-v2 (${r.produceCount} records each), consume (every record of the topic, the grader's ${r.writerRecords} included, its consumer group joining first)`,
      `the grader's setup: the topic (${r.partitions} partitions), ${r.unrelatedSchemas} unrelated schemas, the subject's compatibility level`,
    ],
  );
}
