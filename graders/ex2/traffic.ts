import type { Localized } from '../../model/verdict.js';
import type { NotificationsApp } from '../notifications/app.js';
import { is2xx, type HttpOutcome } from '../../kit/solution/http-service.js';
import type { Notification, NotificationType } from '../notifications/contract.js';
import { quotedText } from '../../kit/judging/shown-list.js';
import { EX2_RULES } from './rules.js';

export interface Placement {
  type: NotificationType;
  key: string;
  content: string;
  /** Where the record landed; undefined when it never reached the topic. */
  partition?: number;
  offset?: number;
  status: HttpOutcome['status'];
  /** The start of the response body, kept for answers that were not 2xx (they explain why nothing landed). */
  body?: string;
}

/**
 * Sends notifications through one endpoint and finds where each landed. `concurrency`: how many requests at a
 * time; `'per-key'`: one key's notifications one after the other (each answered before the next is sent, so the
 * send order of a key is known), the keys side by side.
 */
export async function sendAndPlace(
  app: NotificationsApp,
  endpoint: 'sync' | 'async',
  notifications: Notification[],
  concurrency: number | 'per-key' = 8,
): Promise<Placement[]> {
  const outcomes = new Map<string, HttpOutcome>();
  const inTurn = async (queue: Notification[]) => {
    for (let n = queue.shift(); n; n = queue.shift()) outcomes.set(n.content, await app.request(endpoint, n, 20_000));
  };
  if (concurrency === 'per-key') {
    const byKey = new Map<string, Notification[]>();
    for (const n of notifications) byKey.set(n.userId, [...(byKey.get(n.userId) ?? []), n]);
    await Promise.all([...byKey.values()].map(inTurn));
  } else {
    const queue = [...notifications];
    await Promise.all(Array.from({ length: concurrency }, () => inTurn(queue)));
  }
  const accepted = notifications.filter((n) => is2xx(outcomes.get(n.content)!.status)).map((n) => n.content);
  const records = accepted.length ? await app.watcher.waitForContents(accepted, 30_000, EX2_RULES.placeGraceMs) : [];
  const byContent = new Map(records.map((r) => [r.json!.content as string, r]));
  return notifications.map((n) => {
    const r = byContent.get(n.content);
    const o = outcomes.get(n.content)!;
    const body = !is2xx(o.status) && o.text ? { body: o.text.slice(0, 300) } : {};
    return {
      type: n.type,
      key: n.userId,
      content: n.content,
      partition: r?.partition,
      offset: r?.offset,
      status: o.status,
      ...body,
    };
  });
}

export function countByPartition(placements: Placement[], partitions: number): number[] {
  const counts = Array.from({ length: partitions }, () => 0);
  for (const p of placements) if (p.partition !== undefined) counts[p.partition]!++;
  return counts;
}

/** What the endpoint answered, e.g. `30 × 503, body "{"error":"down"}"`: said when nothing landed. Pure. */
export function describeAnswers(placements: Pick<Placement, 'status' | 'body'>[]): Localized {
  const counts = new Map<string, number>();
  for (const p of placements) counts.set(String(p.status), (counts.get(String(p.status)) ?? 0) + 1);
  const list = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${n} × ${s}`)
    .join(', ');
  const body = placements.find((p) => p.body)?.body;
  const quoted = body ? quotedText(body.replace(/\s+/g, ' '), 120) : undefined;
  return {
    fr: `réponses : ${list}${quoted ? `, corps ${quoted.fr}` : ''}`,
    en: `answers: ${list}${quoted ? `, body ${quoted.en}` : ''}`,
  };
}
