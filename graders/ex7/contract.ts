import type { ContractDefaults } from '../../engine/exercise.js';
import type { SessionSpec } from './oracle/sessions.js';
import { hopping, tumbling, type TimeWindowSpec } from './oracle/windows.js';
import type { ScenarioShape } from './scenario.js';

/**
 * ex7's contract (spec.en.md): the grader creates the source topics and produces the events; the solution's
 * statements declare the streams and tables below on the topics the grader names through ksqlDB variables
 * (`KAFKA_TOPIC='${pageviews_topic}'`). Topic names carry the run id like every contract name.
 */
export const EX7_CONTRACT: ContractDefaults = {
  topics: {
    pageviews: 'pageviews',
    users: 'users',
    views_tumbling: 'views_tumbling',
    views_hopping: 'views_hopping',
    user_sessions: 'user_sessions',
    pageviews_enriched: 'pageviews_enriched',
  },
  groups: {},
  endpoints: {},
  envVars: {
    topics: {
      pageviews: 'KGRADE_PAGEVIEWS_TOPIC',
      users: 'KGRADE_USERS_TOPIC',
      views_tumbling: 'KGRADE_VIEWS_TUMBLING_TOPIC',
      views_hopping: 'KGRADE_VIEWS_HOPPING_TOPIC',
      user_sessions: 'KGRADE_USER_SESSIONS_TOPIC',
      pageviews_enriched: 'KGRADE_PAGEVIEWS_ENRICHED_TOPIC',
    },
    groups: {},
  },
};

export type TopicKey = keyof typeof EX7_CONTRACT.topics;

/** The ksqlDB variable carrying a topic's name to the statements: `${pageviews_topic}`. */
export const topicVariable = (key: string) => `${key}_topic`;

export type ObjectKind = 'STREAM' | 'TABLE';

/** What the statements must declare: name, kind, topic, key column and window, as DESCRIBE shows them. */
export interface ExpectedObject {
  name: string;
  kind: ObjectKind;
  topic: TopicKey;
  key: string;
  window?: 'TUMBLING' | 'HOPPING' | 'SESSION';
}

export const OBJECTS = {
  pageviews: { name: 'PAGEVIEWS', kind: 'STREAM', topic: 'pageviews', key: 'USER_ID' },
  users: { name: 'USERS', kind: 'TABLE', topic: 'users', key: 'USER_ID' },
  tumbling: { name: 'VIEWS_TUMBLING', kind: 'TABLE', topic: 'views_tumbling', key: 'PAGE', window: 'TUMBLING' },
  hopping: { name: 'VIEWS_HOPPING', kind: 'TABLE', topic: 'views_hopping', key: 'PAGE', window: 'HOPPING' },
  sessions: { name: 'USER_SESSIONS', kind: 'TABLE', topic: 'user_sessions', key: 'USER_ID', window: 'SESSION' },
  enriched: { name: 'PAGEVIEWS_ENRICHED', kind: 'STREAM', topic: 'pageviews_enriched', key: 'USER_ID' },
} as const satisfies Record<string, ExpectedObject>;

/** Columns of the events and results (JSON values). */
export const COLUMNS = {
  user: 'USER_ID',
  page: 'PAGE',
  duration: 'TIME_SPENT',
  viewtime: 'VIEWTIME',
  region: 'REGION',
  views: 'VIEWS',
  total: 'TOTAL_TIME',
} as const;

/** ksqlDB's grace when a window states none (24 h): the live scenario never comes near it. */
const DEFAULT_GRACE_MS = 24 * 3600_000;
const S = 1000;

export const EX7_RULES = {
  /** The course's examples: TUMBLING (SIZE 1 MINUTE), HOPPING (SIZE 2 MINUTES, ADVANCE BY 1 MINUTE). */
  tumbling: tumbling(60 * S, DEFAULT_GRACE_MS) as TimeWindowSpec,
  hopping: hopping(120 * S, 60 * S, DEFAULT_GRACE_MS) as TimeWindowSpec,
  session: { gapMs: 60 * S, graceMs: DEFAULT_GRACE_MS } as SessionSpec,
  /**
   * Views out of order by at most 20 s, pauses long enough to end sessions. No region changes between views:
   * the grader writes the users before the views, so the join sees every row first (changes written ahead of
   * the views they precede in time would be applied before those views are joined).
   */
  scenario: {
    views: 60,
    outOfOrder: 0.15,
    maxLatenessMs: 20 * S,
    pause: 0.1,
    pauseMs: [70 * S, 150 * S],
    stepMs: [2 * S, 15 * S],
    tableUpdateEvery: 0,
  } as ScenarioShape,
  /** How long results may take to settle after the last view was produced. */
  resultsTimeoutMs: 90_000,
  /** Results unchanged for this long count as settled (when they never equal the oracle's). */
  settledMs: 8_000,
  statementTimeoutMs: 60_000,
};
