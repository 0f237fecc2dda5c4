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
export function lastValues(
  records: readonly { key: string | null; value: string | null; partition: number; offset: number }[],
): Map<string, string | null> {
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

/** How a published count was written: the contract's decimal string, or Serdes.Long's 8-byte big-endian long. */
export type CountFormat = 'decimal' | 'long';

/**
 * A value as the grader keeps it for decoding: its bytes as a binary string (one character per byte, latin1),
 * so that every byte survives (Serdes.Long's 8 bytes included) and the evidence stays plain JSON text. A
 * record read without its bytes keeps its UTF-8 text. Pure.
 */
export function rawValue(r: { value: string | null; valueBytes?: Buffer | null }): string | null {
  return r.valueBytes === undefined ? r.value : r.valueBytes === null ? null : r.valueBytes.toString('latin1');
}

/** The bytes of a value: a binary string (every character below 0x100) as its bytes, other text as UTF-8. */
function bytesOf(raw: string): Buffer | undefined {
  if (/^[\x00-\xff]*$/.test(raw)) return Buffer.from(raw, 'latin1');
  // Text decoded from bytes that were not UTF-8 lost them (U+FFFD): no long to read there.
  return raw.includes('\uFFFD') ? undefined : Buffer.from(raw, 'utf8');
}

/**
 * A published count, whatever its format: a decimal string ("6"), or 8 bytes read as a big-endian long
 * (Serdes.Long), given as a binary string (rawValue). Pure.
 */
export function decodeCount(raw: string | null | undefined): { count: number; format: CountFormat } | undefined {
  const decimal = parseCount(raw);
  if (decimal !== undefined) return { count: decimal, format: 'decimal' };
  if (raw === null || raw === undefined) return undefined;
  const bytes = bytesOf(raw);
  if (bytes?.length !== 8) return undefined;
  const n = bytes.readBigInt64BE(0);
  return n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER) ? { count: Number(n), format: 'long' } : undefined;
}

/** The decoded count (any format), or undefined. Pure. */
export function countOf(raw: string | null | undefined): number | undefined {
  return decodeCount(raw)?.count;
}

/**
 * A raw value as it may be printed on one console line: quoted, printable ASCII kept, every other character
 * escaped (`\x00`, `\n` as `\x0a`, `\u00e9`), so a count of 10 written as 8 bytes reads `"\x00...\x0a"`. Pure.
 */
export function showRaw(raw: string | null | undefined): string {
  if (raw === null) return 'null';
  if (raw === undefined) return 'none';
  let out = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f && ch !== '"' && ch !== '\\') out += ch;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x100) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `"${out}"`;
}
