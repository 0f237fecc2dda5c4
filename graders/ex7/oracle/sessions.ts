import {
  byKeyThenStart,
  type Emission,
  type LateDrop,
  type SessionAggregation,
  type TimedRecord,
  type WindowedOutcome,
  type WindowResult,
} from './types.js';

/** WINDOW SESSION (gap): a key's session closes after `gapMs` without a record; GRACE PERIOD as for time windows. */
export interface SessionSpec {
  gapMs: number;
  graceMs: number;
}

/**
 * Session windows as Kafka Streams runs them (KStreamSessionWindowAggregate), one partition in arrival order.
 * A record at t joins every session of its key with end >= t - gap and start <= t + gap (bounds included);
 * they merge into one session [min start, max end] whose aggregate is the merge of theirs plus the record.
 * The merged session is refused (record dropped, nothing emitted) when its end < stream time - grace - gap
 * (the gap counts too: unlike a time window, a session is not closed until the gap has passed).
 * A late record does not see a session its store already expired (end <= stream time before it - gap - grace,
 * the store's retention): it starts a session of its own instead, kept if that one is still open.
 * Otherwise the sessions it joined are emitted as tombstones (even one the merge leaves unchanged) and the
 * merged one with its new value; a record alone at the exact time of a lone session just updates it.
 * A session is a window with start = its first record's time and end = its last's (a lone record: start = end).
 */
export function sessionAggregate<V, A>(
  records: TimedRecord<V>[],
  spec: SessionSpec,
  agg: SessionAggregation<V, A>,
): WindowedOutcome<V, A> {
  const sessions = new Map<string, WindowResult<A>[]>();
  const emissions: Emission<A>[] = [];
  const dropped: LateDrop<V>[] = [];
  let streamTime = -1;
  for (const record of records) {
    if (record.ts < 0) continue;
    // The session store forgets sessions ending gap + grace before the time of the last session it stored (the
    // stream time before this record): such a session no longer merges with a late record.
    const visibleFrom = Math.max(record.ts - spec.gapMs, streamTime - spec.gapMs - spec.graceMs + 1);
    streamTime = Math.max(streamTime, record.ts);
    // A session may still grow for `gap` after its last record: it closes gap + grace after its end.
    const closeTime = streamTime - spec.graceMs - spec.gapMs;
    const own = sessions.get(record.key) ?? [];
    // In the store's order (key, then end, then start): the order their tombstones are emitted in.
    const overlapping = own
      .filter((s) => s.end >= visibleFrom && s.start <= record.ts + spec.gapMs)
      .sort((a, b) => a.end - b.end || a.start - b.start);
    let start = record.ts;
    let end = record.ts;
    let value = agg.init();
    for (const s of overlapping) {
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
      value = agg.merge(value, s.value);
    }
    if (end < closeTime) {
      dropped.push({ record, windowStart: start, windowEnd: end, streamTime });
      continue;
    }
    value = agg.add(value, record.value);
    const merged: WindowResult<A> = { key: record.key, start, end, value };
    // Kafka Streams removes (and tombstones) every absorbed session unless the record made no new window.
    if (start !== record.ts || end !== record.ts)
      for (const s of overlapping) emissions.push({ key: s.key, start: s.start, end: s.end, value: undefined });
    emissions.push({ ...merged });
    sessions.set(record.key, [...own.filter((s) => !overlapping.includes(s)), merged]);
  }
  return { windows: [...sessions.values()].flat().sort(byKeyThenStart), emissions, dropped };
}
