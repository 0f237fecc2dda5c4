import type { ContractDefaults } from '../../engine/exercise.js';

/**
 * ex5's contract (spec.en.md): one program, four roles (produce-v1, consume, produce-v2-required, produce-v2).
 * The subject follows the topic as the Confluent serializer's default naming does: `<topic>-value`.
 */
export const EX5_CONTRACT: ContractDefaults = {
  topics: { main: 'news' },
  groups: { consume: 'news-readers' },
  endpoints: {},
  envVars: { topics: { main: 'KGRADE_TOPIC' }, groups: { consume: 'KGRADE_GROUP' } },
};

export const EX5_ENV = {
  subject: 'KGRADE_SUBJECT',
  registryUrl: 'KGRADE_SCHEMA_REGISTRY_URL',
  count: 'KGRADE_COUNT',
  prefix: 'KGRADE_ID_PREFIX',
} as const;

export const EX5_ROLES = ['produce-v1', 'consume', 'produce-v2-required', 'produce-v2'] as const;
export type Ex5Role = (typeof EX5_ROLES)[number];

export const EX5_RULES = {
  /** Records each produce role sends. */
  produceCount: 6,
  /** Records the grader writes with a writer schema the consumer cannot know. */
  writerRecords: 4,
  /** Unrelated schemas the grader registers first, so that ids never start at 1 for the solution. */
  unrelatedSchemas: 3,
  partitions: 3,
  roleTimeoutMs: 60_000,
  /** The level the contract asks the subject to hold, and that refuses a new field without a default. */
  compatibility: 'BACKWARD',
};

/** The value subject of a topic (TopicNameStrategy). */
export function subjectOf(topic: string): string {
  return `${topic}-value`;
}

/** What record i of a produce role holds (spec: title `<prefix>-<i>`, media `media-<i mod 3>`, v2: test `test-<i>`). */
export function expectedNews(
  prefix: string,
  count: number,
  withTest = false,
): { title: string; media: string; test?: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    title: `${prefix}-${i}`,
    media: `media-${i % 3}`,
    ...(withTest ? { test: `test-${i}` } : {}),
  }));
}
