import type { TimedRecord } from './types.js';

/** A table's change: a value for a key, or a tombstone (value undefined) removing it. */
export type TableUpdate<T> = TimedRecord<T | undefined>;

export interface JoinedRecord<V, T> {
  key: string;
  ts: number;
  value: V;
  /** The table's value for the key when the stream record was joined; undefined: no row (LEFT JOIN gives NULLs). */
  table: T | undefined;
}

/**
 * A stream-table join (KStream-KTable, ksqlDB `stream JOIN table ON stream.key = table.key`): each stream
 * record is joined with the table's row for its key at that point of processing; later table updates do not
 * change results already emitted, and table updates emit nothing. Each topic (one partition) is read in offset
 * order; between the two, Kafka Streams takes the one whose next record is older (when both have records
 * buffered, as when both were written before the query ran). A table update and a stream record with the same
 * timestamp are ambiguous and must not be generated (here the table goes first).
 * Inner join: stream records without a row are dropped; left join: they pass with `table` undefined.
 */
export function streamTableJoin<V, T>(
  stream: TimedRecord<V>[],
  table: TableUpdate<T>[],
  kind: 'inner' | 'left',
): JoinedRecord<V, T>[] {
  const rows = new Map<string, T>();
  const out: JoinedRecord<V, T>[] = [];
  let si = 0;
  let ti = 0;
  while (si < stream.length || ti < table.length) {
    const s = stream[si];
    const u = table[ti];
    if (u && (!s || u.ts <= s.ts)) {
      if (u.value === undefined) rows.delete(u.key);
      else rows.set(u.key, u.value);
      ti++;
      continue;
    }
    si++;
    const row = rows.get(s!.key);
    if (row === undefined && kind === 'inner') continue;
    out.push({ key: s!.key, ts: s!.ts, value: s!.value, table: row });
  }
  return out;
}
