import type { ContractDefaults } from '../../engine/exercise.js';

/** ex0's contract with a solution: names from the course (topic "mytopic"), passed through env vars. */
export const EX0_CONTRACT: ContractDefaults = {
  topics: { main: 'mytopic' },
  groups: { reader: 'mytopic-reader' },
  endpoints: {},
  envVars: { topics: { main: 'KGRADE_TOPIC' }, groups: { reader: 'KGRADE_GROUP' } },
};

export const EX0_RULES = {
  partitions: 5,
  unkeyedCount: 10,
  keyedCount: 10,
  key: 'my key',
  /** From start to exit; a solution that stops on a 15 s idle timeout still fits with margin. */
  timeLimitMs: 45_000,
};
