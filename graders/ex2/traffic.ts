import type { NotificationsApp } from '../notifications/app.js';
import { is2xx, type HttpOutcome } from '../notifications/app.js';
import type { Notification, NotificationType } from '../notifications/contract.js';

export interface Placement {
  type: NotificationType;
  key: string;
  content: string;
  /** Where the record landed; undefined when it never reached the topic. */
  partition?: number;
  offset?: number;
  status: HttpOutcome['status'];
}

/** Sends notifications through one endpoint (bounded concurrency) and finds where each landed. */
export async function sendAndPlace(app: NotificationsApp, endpoint: 'sync' | 'async', notifications: Notification[], concurrency = 8): Promise<Placement[]> {
  const statuses = new Map<string, HttpOutcome['status']>();
  let next = 0;
  const worker = async () => {
    while (next < notifications.length) {
      const n = notifications[next++]!;
      statuses.set(n.content, (await app.request(endpoint, n, 20_000)).status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const accepted = notifications.filter((n) => is2xx(statuses.get(n.content)!)).map((n) => n.content);
  const records = await app.watcher.waitForContents(accepted, 30_000, 300);
  const byContent = new Map(records.map((r) => [r.json!.content as string, r]));
  return notifications.map((n) => {
    const r = byContent.get(n.content);
    return { type: n.type, key: n.userId, content: n.content, partition: r?.partition, offset: r?.offset, status: statuses.get(n.content)! };
  });
}

export function countByPartition(placements: Placement[], partitions: number): number[] {
  const counts = Array.from({ length: partitions }, () => 0);
  for (const p of placements) if (p.partition !== undefined) counts[p.partition]!++;
  return counts;
}
