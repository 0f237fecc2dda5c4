import type { RunContext } from '../../engine/exercise.js';
import { readAll, type HeldRecord } from '../../kit/readers/topic-reader.js';
import { topicExists } from '../../kit/readers/topic-config.js';
import type { ExitInfo } from '../../runner/solution-process.js';

/** A record on the graded topic, as the judges compare it. */
export type TopicRecord = Pick<HeldRecord, 'partition' | 'offset' | 'key' | 'value'>;

/** A record as the solution printed it (same fields as on the topic). */
export type PrintedRecord = TopicRecord;

/** What the brokers hold after the solution ran: the graded topic and the topics the run created. */
export interface BrokerSnapshot {
  topic: string;
  exists: boolean;
  partitions: number;
  records: TopicRecord[];
  /** Topics that appeared while the solution ran, besides the expected one (a hardcoded name?). */
  otherNewTopics: string[];
}

export interface Ex0Prepared {
  exit: ExitInfo;
  printed: PrintedRecord[];
  /** Lines on stdout that look like JSON but are not a record. */
  unreadableLines: number;
  stderrTail: string;
  snapshot: () => Promise<BrokerSnapshot>;
}

/** The JSON lines of the contract; other lines are ignored. */
export function parsePrinted(lines: string[]): { printed: PrintedRecord[]; unreadable: number } {
  const printed: PrintedRecord[] = [];
  let unreadable = 0;
  for (const line of lines) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      const o = JSON.parse(t) as { partition?: unknown; offset?: unknown; key?: unknown; value?: unknown };
      if (typeof o.partition === 'number' && (typeof o.offset === 'string' || typeof o.offset === 'number')) {
        printed.push({
          partition: o.partition,
          offset: String(o.offset),
          key: typeof o.key === 'string' ? o.key : null,
          value: typeof o.value === 'string' ? o.value : null,
        });
      } else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { printed, unreadable };
}

export async function takeSnapshot(ctx: RunContext, topicsBefore: Set<string>): Promise<BrokerSnapshot> {
  const topic = ctx.names.topics.main!;
  const admin = await ctx.stack.admin();
  const all = await admin.listTopics();
  // The broker asked may not list a topic the solution created a moment ago: every broker is asked before 'missing'.
  const exists = all.includes(topic) || (await topicExists(ctx.stack, topic));
  const otherNewTopics = all.filter(
    (t) => t !== topic && !topicsBefore.has(t) && !t.startsWith('__') && !t.startsWith('_kgrade'),
  );
  if (!exists) return { topic, exists, partitions: 0, records: [], otherNewTopics };
  const md = await admin.fetchTopicMetadata({ topics: [topic] });
  return {
    topic,
    exists,
    partitions: md.topics[0]!.partitions.length,
    records: await readAll(ctx.stack, topic),
    otherNewTopics,
  };
}
