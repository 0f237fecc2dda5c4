/** What the grader reads from the brokers about the application's work, and the pure readings of it. */

export interface TopicProgress {
  topic: string;
  /** Per partition: the end offset and the group's committed offset (-1: none). */
  partitions: { partition: number; end: number; committed: number }[];
}

export interface Progress {
  topics: TopicProgress[];
}

/** Partitions of a topic the group has not committed to their end (an empty partition needs no commit). Pure. */
export function behind(t: TopicProgress): number {
  return t.partitions.reduce((s, p) => s + (p.end === 0 ? 0 : Math.max(0, p.end - Math.max(0, p.committed))), 0);
}

/** The group committed the whole input and every other topic it commits on (Streams' repartition topic). Pure. */
export function isCaughtUp(p: Progress, input: string): boolean {
  const inp = p.topics.find((t) => t.topic === input);
  if (!inp || inp.partitions.every((x) => x.committed < 0)) return false;
  return p.topics.every((t) => behind(t) === 0);
}

/** Offsets the group committed on a topic, summed (0 when it committed none). Pure. */
export function committedOn(p: Progress, topic: string): number {
  return (p.topics.find((t) => t.topic === topic)?.partitions ?? []).reduce((s, x) => s + Math.max(0, x.committed), 0);
}

/** The last value of each key on a topic (a key lives in one partition: the highest offset wins). Pure. */
export function lastValues(records: readonly { key: string | null; value: string | null; partition: number; offset: number }[]): Map<string, string | null> {
  const last = new Map<string, { value: string | null; partition: number; offset: number }>();
  for (const r of records) {
    if (r.key === null) continue;
    const prev = last.get(r.key);
    if (!prev || prev.partition !== r.partition || r.offset > prev.offset) last.set(r.key, r);
  }
  return new Map([...last].map(([k, r]) => [k, r.value]));
}

/** A published count: a decimal string ("6"). Anything else (Serdes.Long's 8 bytes, JSON) is not one. Pure. */
export function parseCount(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  const t = raw.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}
