/** One record of a source topic as the engine sees it: key, value and the record's (event) timestamp. */
export interface TimedRecord<V> {
  key: string;
  value: V;
  /** Event time in ms since the epoch (the record's timestamp, or the column named by TIMESTAMP=). */
  ts: number;
}

/** How values fold into a window's aggregate (COUNT(*), SUM(x)...): Kafka Streams' initializer and aggregator. */
export interface Aggregation<V, A> {
  init(): A;
  add(agg: A, value: V): A;
}

/** A session aggregation also merges two sessions' aggregates when an event bridges them. */
export interface SessionAggregation<V, A> extends Aggregation<V, A> {
  merge(a: A, b: A): A;
}

/** A record the engine drops because its window had closed (window end + grace <= stream time). */
export interface LateDrop<V> {
  record: TimedRecord<V>;
  /** The window it was refused for (one per window for hopping: it may be refused in some and counted in others). */
  windowStart: number;
  windowEnd: number;
  /** Stream time when it arrived. */
  streamTime: number;
}

/** A window's final value, keyed by (key, start, end), as a table read to its end holds it. */
export interface WindowResult<A> {
  key: string;
  start: number;
  end: number;
  value: A;
}

/** One result the engine emits (without caching): an update of a window, or a tombstone for a merged session. */
export interface Emission<A> {
  key: string;
  start: number;
  end: number;
  /** undefined: tombstone (a session absorbed by a merge). */
  value: A | undefined;
}

export interface WindowedOutcome<V, A> {
  /** Final value of every window, sorted by key then start. */
  windows: WindowResult<A>[];
  /** Every update, in the order the engine emits them (no caching, no suppression). */
  emissions: Emission<A>[];
  dropped: LateDrop<V>[];
}

/** The identity of a window result: what "the last value per window key" is keyed by. */
export function windowId(r: { key: string; start: number; end: number }): string {
  return `${r.key}@${r.start}@${r.end}`;
}

export function byKeyThenStart<T extends { key: string; start: number; end: number }>(a: T, b: T): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.start - b.start || a.end - b.end;
}
