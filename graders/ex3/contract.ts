import type { ContractDefaults } from '../../engine/exercise.js';

/** ex3's contract (spec.en.md). */
export const EX3_CONTRACT: ContractDefaults = {
  topics: { notifications: 'notifications', processed: 'notifications-processed' },
  groups: { critical: 'notifications-critical', general: 'notifications-general' },
  endpoints: {},
  envVars: {
    topics: { notifications: 'KGRADE_TOPIC_NOTIFICATIONS', processed: 'KGRADE_TOPIC_PROCESSED' },
    groups: { critical: 'KGRADE_GROUP_CRITICAL', general: 'KGRADE_GROUP_GENERAL' },
  },
  sinks: ['topic', 'file'],
};

/** With `"sink": "file"`: the file the application appends one JSON line to per processed notification. */
export const EX3_PROCESSED_FILE_ENV = 'KGRADE_PROCESSED_FILE';

export const EX3_RULES = {
  partitions: 6,
  reserved: [0],
  processingMs: 20,
  readyTimeoutMs: 90_000,
  /** p95 of critical processing delay while general notifications flood the topic. */
  criticalP95BoundMs: 3000,
  /** General notifications of the flood (each takes processingMs to process: a backlog of seconds). */
  floodSize: 300,
  /** After a clean restart, re-processing more than this many old notifications means re-reading. */
  rereadTolerance: 10,
  lagBoundMs: 30_000,
  /** General notifications produced just before the lag is watched (20 ms of work each: ~1.2 s of backlog). */
  lagBurst: 60,
  rebalanceBoundMs: 60_000,
};
