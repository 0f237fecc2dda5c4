import type { ContractDefaults } from '../../engine/exercise.js';

/** ex8's contract (spec.en.md): one program, two roles (setup, produce), names through env vars. */
export const EX8_CONTRACT: ContractDefaults = {
  topics: { main: 'news' },
  groups: {},
  endpoints: {},
  envVars: { topics: { main: 'KGRADE_TOPIC' }, groups: {} },
};

export const EX8_RULES = {
  /** Course news records each produce run sends (KGRADE_RECORDS_FILE, one JSON record per line). */
  records: 2000,
  /** Student and baseline runs, taken alternately; medians are judged. */
  repeats: 3,
  /**
   * Speed-up over the grader's flush-after-every-record baseline that counts as "batching". Anchors measure
   * 5x to 17x for batched producers; 3x leaves a wide margin for a loaded machine.
   */
  minSpeedup: 3,
  /** Uncompressed bytes on disk (same records, batched) / the student's bytes. snappy on news JSON: ~2-4x. */
  minDiskRatio: 1.5,
  /** Kafka's default retention.ms (7 days): the answer to "the disks are filling up" must lower it. */
  defaultRetentionMs: 604_800_000,
  roleTimeoutMs: 120_000,
};
