import type { ContractDefaults } from '../../engine/exercise.js';

/** ex9's contract (spec.en.md): one program, three roles (setup, produce, replay). */
export const EX9_CONTRACT: ContractDefaults = {
  topics: { main: 'news' },
  groups: { replay: 'news-readers' },
  endpoints: {},
  envVars: { topics: { main: 'KGRADE_TOPIC' }, groups: { replay: 'KGRADE_GROUP' } },
};

export const EX9_RULES = {
  replicationFactor: 3,
  minInsyncReplicas: 2,
  roleTimeoutMs: 60_000,
  /** Records and pace of each produce run under a fault scenario. */
  produceCount: 300,
  produceRate: 100,
  /** Sends made while two replicas are down: all must be refused. */
  belowMinIsrCount: 3,
  belowMinIsrRate: 10,
  /**
   * `KGRADE_DELIVERY_TIMEOUT_MS` of the refused sends' run: each send ends within this instead of the contract's 30 s.
   * Every write is refused at once there; the budget only needs room for the producer to reach the broker.
   */
  refusedSendTimeoutMs: 5_000,
  /** replay-range: the first half is written, then this gap; the replay time falls in it, `replayMarginMs` before the second half. */
  replayGapMs: 1500,
  replayMarginMs: 50,
  /** Produce runs under a fault end within this (the contract asks each send to end within 30 s). */
  produceTimeoutMs: 75_000,
};
