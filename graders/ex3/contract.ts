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
  /** The first batch (prepare's warm-up), processed before the group checks look. */
  warmupCritical: 5,
  warmupGeneral: 20,
  /** critical-latency: critical notifications written one by one this far apart, during the flood. */
  criticalCount: 20,
  criticalIntervalMs: 100,
  /** commit-after-processing: notifications whose processing is sampled, and how long it keeps sampling once all are processed. */
  commitBatch: 150,
  commitSettleMs: 1000,
  /** resume-after-restart: notifications written while stopped, and how long it watches for old ones once they are processed. */
  restartBatch: 20,
  rereadWindowMs: 2000,
  /** at-least-once-after-crash: the batch, the slow processing, the kill point (processed records: threshold + a seeded 0..spread-1), the watch for a commit ahead of processing, the settle time after. */
  crashBatch: 40,
  crashProcessingMs: 200,
  crashThreshold: 5,
  crashThresholdSpread: 10,
  commitAheadWatchMs: 3000,
  crashSettleMs: 1000,
};
