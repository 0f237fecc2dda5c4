/**
 * Jepsen-style history checking, shared by the delivery (ex9) and consumer (ex3) graders. Given what
 * producers were told about each write and what the topic (or a consumer's output) holds afterwards,
 * it reports lost acknowledged writes, duplicates, records present although the producer saw a failure,
 * and per-key reordering, each with the offsets and times involved. Pure: plain data in, report out.
 */

export type WriteOutcome = 'acked' | 'failed' | 'unknown';

export interface Write {
  /** Unique id of the write, carried in the record (the checker never parses values itself). */
  id: string;
  key: string | null;
  outcome: WriteOutcome;
  /** Intended order among writes of the same key (send order). */
  seq: number;
  sentAtMs: number;
  /** When the producer learned the outcome. */
  doneAtMs?: number;
  /** Where the producer was told the record went (acked writes). */
  ackPartition?: number;
  ackOffset?: number;
}

export interface ObservedRecord {
  /** The write id found in the record; undefined when the record carries none (foreign data). */
  id?: string;
  key: string | null;
  partition: number;
  offset: number;
  timestampMs?: number;
}

export interface Position {
  partition: number;
  offset: number;
}

export interface LostWrite {
  id: string;
  key: string | null;
  sentAtMs: number;
  doneAtMs?: number;
  ackedAt?: Position;
  /**
   * Another write stored where this one was acknowledged. Sent after it: the usual sign of a leader that
   * acknowledged alone and was replaced (the new leader reused the offset). Sent before it: the
   * acknowledgement named an earlier record's position.
   */
  heldThere?: { id: string; outcome: WriteOutcome; sentBefore: boolean };
}

export interface DuplicatedWrite {
  id: string;
  key: string | null;
  copies: Position[];
}

export interface UnexpectedWrite {
  id: string;
  key: string | null;
  doneAtMs?: number;
  at: Position;
}

export interface Reordering {
  key: string | null;
  /** Sent first... */
  earlier: { id: string; seq: number; at: Position };
  /** ...but stored before it. */
  later: { id: string; seq: number; at: Position };
}

export interface SplitKey {
  key: string | null;
  partitions: number[];
}

export interface HistoryReport {
  writes: Record<WriteOutcome, number>;
  observedRecords: number;
  /** Acknowledged writes absent from what was observed. */
  lost: LostWrite[];
  /** Writes observed more than once (any outcome). */
  duplicates: DuplicatedWrite[];
  /** Writes the producer was told failed, present anyway. */
  presentThoughFailed: UnexpectedWrite[];
  /** Writes with an unknown outcome: how many made it (information, never a fault). */
  unknownPresent: number;
  unknownMissing: number;
  /** Within one partition, a key's writes stored in another order than sent. */
  reordered: Reordering[];
  /** Keys whose writes are spread over several partitions (no order guarantee between partitions). */
  splitKeys: SplitKey[];
  /** Observed records carrying an id no write has, or none at all. */
  foreign: ObservedRecord[];
  /** Acknowledged writes found elsewhere than where the acknowledgement said. */
  misplaced: { id: string; acked: Position; found: Position }[];
}

const pos = (r: ObservedRecord): Position => ({ partition: r.partition, offset: r.offset });
const before = (a: Position, b: Position) => a.offset < b.offset;

export function checkHistory(writes: Write[], observed: ObservedRecord[]): HistoryReport {
  const byId = new Map<string, Write>();
  for (const w of writes) byId.set(w.id, w);
  const copies = new Map<string, ObservedRecord[]>();
  const foreign: ObservedRecord[] = [];
  const sorted = [...observed].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  for (const r of sorted) {
    if (r.id === undefined || !byId.has(r.id)) {
      foreign.push(r);
      continue;
    }
    const list = copies.get(r.id) ?? [];
    list.push(r);
    copies.set(r.id, list);
  }

  const atPosition = new Map<string, string>();
  for (const [id, list] of copies) for (const r of list) atPosition.set(`${r.partition}:${r.offset}`, id);

  const counts: Record<WriteOutcome, number> = { acked: 0, failed: 0, unknown: 0 };
  const lost: LostWrite[] = [];
  const presentThoughFailed: UnexpectedWrite[] = [];
  const misplaced: HistoryReport['misplaced'] = [];
  let unknownPresent = 0;
  let unknownMissing = 0;
  for (const w of writes) {
    counts[w.outcome]++;
    const found = copies.get(w.id);
    if (w.outcome === 'acked') {
      if (!found) {
        const ackedAt =
          w.ackPartition !== undefined && w.ackOffset !== undefined
            ? { partition: w.ackPartition, offset: w.ackOffset }
            : undefined;
        const other = ackedAt && atPosition.get(`${ackedAt.partition}:${ackedAt.offset}`);
        lost.push({
          id: w.id,
          key: w.key,
          sentAtMs: w.sentAtMs,
          doneAtMs: w.doneAtMs,
          ...(ackedAt ? { ackedAt } : {}),
          ...(other
            ? {
                heldThere: {
                  id: other,
                  outcome: byId.get(other)!.outcome,
                  sentBefore: byId.get(other)!.sentAtMs < w.sentAtMs,
                },
              }
            : {}),
        });
      } else if (
        w.ackPartition !== undefined &&
        w.ackOffset !== undefined &&
        !found.some((r) => r.partition === w.ackPartition && r.offset === w.ackOffset)
      ) {
        misplaced.push({ id: w.id, acked: { partition: w.ackPartition, offset: w.ackOffset }, found: pos(found[0]!) });
      }
    } else if (w.outcome === 'failed') {
      if (found) presentThoughFailed.push({ id: w.id, key: w.key, doneAtMs: w.doneAtMs, at: pos(found[0]!) });
    } else if (found) unknownPresent++;
    else unknownMissing++;
  }

  const duplicates: DuplicatedWrite[] = [];
  for (const [id, list] of copies)
    if (list.length > 1) duplicates.push({ id, key: byId.get(id)!.key, copies: list.map(pos) });

  // Per key: first copy of each write, in send order.
  const perKey = new Map<string | null, { w: Write; at: Position }[]>();
  for (const [id, list] of copies) {
    const w = byId.get(id)!;
    const entry = perKey.get(w.key) ?? [];
    entry.push({ w, at: pos(list[0]!) });
    perKey.set(w.key, entry);
  }
  const reordered: Reordering[] = [];
  const splitKeys: SplitKey[] = [];
  for (const [key, entries] of perKey) {
    if (key === null) continue; // unkeyed writes carry no order promise
    const partitions = [...new Set(entries.map((e) => e.at.partition))].sort((a, b) => a - b);
    if (partitions.length > 1) splitKeys.push({ key, partitions });
    entries.sort((a, b) => a.w.seq - b.w.seq);
    for (const p of partitions) {
      const inP = entries.filter((e) => e.at.partition === p);
      // Report each write stored before one sent earlier (against the latest-stored earlier write).
      let maxSoFar: (typeof inP)[number] | undefined;
      for (const e of inP) {
        if (maxSoFar && before(e.at, maxSoFar.at)) {
          reordered.push({
            key,
            earlier: { id: maxSoFar.w.id, seq: maxSoFar.w.seq, at: maxSoFar.at },
            later: { id: e.w.id, seq: e.w.seq, at: e.at },
          });
        } else maxSoFar = e;
      }
    }
  }

  return {
    writes: counts,
    observedRecords: observed.length,
    lost,
    duplicates,
    presentThoughFailed,
    unknownPresent,
    unknownMissing,
    reordered,
    splitKeys,
    foreign,
    misplaced,
  };
}

/** True when no acknowledged write was lost and none was written twice (what at-least-once + idempotence promise). */
export function isClean(r: HistoryReport): boolean {
  return (
    r.lost.length === 0 && r.duplicates.length === 0 && r.presentThoughFailed.length === 0 && r.reordered.length === 0
  );
}
