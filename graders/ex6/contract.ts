import type { ContractDefaults } from '../../engine/exercise.js';

/** ex6's contract (spec.en.md). */
export const EX6_CONTRACT: ContractDefaults = {
  topics: { input: 'streams-input', status: 'streams-status', counts: 'word-counts', joined: 'word-status-joined' },
  groups: {},
  applicationIds: { app: 'word-count' },
  endpoints: {},
  envVars: {
    topics: {
      input: 'KGRADE_TOPIC_INPUT',
      status: 'KGRADE_TOPIC_STATUS',
      counts: 'KGRADE_TOPIC_COUNTS',
      joined: 'KGRADE_TOPIC_JOINED',
    },
    groups: {},
    applicationIds: { app: 'KGRADE_APPLICATION_ID' },
  },
};

/** A fresh, empty folder for each start of the application: its local state must come back from Kafka. */
export const EX6_STATE_DIR_ENV = 'KGRADE_STATE_DIR';

/** The spec's bound on Kafka Streams' `commit.interval.ms`: a KTable's cached counts reach the topic at each commit. */
const MAX_COMMIT_INTERVAL_MS = 1000;

export const EX6_RULES = {
  /** Partitions of every topic the grader creates (input, status, counts, joined). */
  partitions: 3,
  readyTimeoutMs: 90_000,
  /** The seeded batch must be processed (the application's group caught up) within this. */
  settleTimeoutMs: 30_000,
  maxCommitIntervalMs: MAX_COMMIT_INTERVAL_MS,
  /**
   * The spec's "within a few seconds": every count of the seeded batch on the counts topic this long after the
   * batch was written. Five commit intervals of the spec's bound: the words cross the repartition topic, then wait
   * in the KTable cache for the next commit, with room for a JVM on a loaded machine; the 30 s default misses it
   * by far (its first commit comes about 30 s after the application started).
   */
  countsLatencyMs: 5 * MAX_COMMIT_INTERVAL_MS,
  /** Counts are read this long after the batch settled (they must not move without new input). */
  stableMs: 1_000,
  /** Joined records for the status records must appear within this. */
  joinTimeoutMs: 20_000,
  /** After the last expected joined record: how long a record for the key without a count is waited for. */
  joinGraceMs: 2_000,
  /**
   * counts-survive-restart: once the probe's counts came back after the restart, how long the grader keeps watching
   * for a later update of the same keys (a replay would publish it within one commit interval of the spec's bound).
   */
  replayWatchMs: MAX_COMMIT_INTERVAL_MS,
  /** After the restart: the probe message's counts must appear within this (a member killed with the default 45 s session timeout holds the rebalance that long). */
  restartCountTimeoutMs: 60_000,
  /** The word every message the application must drop contains. */
  filterWord: 'filter',
};
