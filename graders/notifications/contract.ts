import type { ContractDefaults } from '../../engine/exercise.js';

/** The notifications service's contract (fixtures/notifications/CONTRACT.md), shared by ex1 and ex2. */
export const NOTIFICATIONS_CONTRACT: ContractDefaults = {
  topics: { notifications: 'notifications' },
  groups: {},
  endpoints: {
    sync: 'POST /notifications/sync',
    async: 'POST /notifications/async',
    failures: 'GET /notifications/async/failures',
  },
  envVars: { topics: { notifications: 'KGRADE_TOPIC_NOTIFICATIONS' }, groups: {} },
};

export const NOTIFICATIONS_RULES = {
  partitions: 6,
  replicationFactor: 3,
  minInsyncReplicas: 2,
  defaultReserved: '0',
  readyTimeoutMs: 120_000,
  /** The contract's bound for an answer from the sync endpoint, failures included. */
  syncAnswerBoundMs: 15_000,
};

export const CRITICAL_TYPES = ['NEW_MESSAGE'] as const;
export const GENERAL_TYPES = ['LIKE', 'COMMENT'] as const;
export type NotificationType = (typeof CRITICAL_TYPES)[number] | (typeof GENERAL_TYPES)[number];

export interface Notification {
  type: NotificationType;
  userId: string;
  content: string;
}
