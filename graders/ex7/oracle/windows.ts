import {
  byKeyThenStart,
  windowId,
  type Aggregation,
  type Emission,
  type LateDrop,
  type TimedRecord,
  type WindowedOutcome,
  type WindowResult,
} from './types.js';

/**
 * Time windows as ksqlDB runs them (Kafka Streams `TimeWindows`): TUMBLING (SIZE s) is HOPPING with
 * ADVANCE BY s. Windows are aligned to the epoch: starts are multiples of the advance, never negative.
 */
export interface TimeWindowSpec {
  sizeMs: number;
  /** = sizeMs for tumbling windows. */
  advanceMs: number;
  /** GRACE PERIOD: how long after its end a window still accepts out-of-order records. */
  graceMs: number;
}

export function tumbling(sizeMs: number, graceMs: number): TimeWindowSpec {
  return { sizeMs, advanceMs: sizeMs, graceMs };
}

export function hopping(sizeMs: number, advanceMs: number, graceMs: number): TimeWindowSpec {
  if (advanceMs <= 0 || advanceMs > sizeMs)
    throw new RangeError(`ADVANCE BY must be in (0, SIZE]: got ${advanceMs} for SIZE ${sizeMs}`);
  return { sizeMs, advanceMs, graceMs };
}

/** The windows [start, end) holding a timestamp: ceil(SIZE/ADVANCE) of them away from the epoch's start. */
export function windowsFor(ts: number, spec: TimeWindowSpec): { start: number; end: number }[] {
  const first = Math.max(0, ts - spec.sizeMs + spec.advanceMs);
  const out: { start: number; end: number }[] = [];
  for (let start = first - (first % spec.advanceMs); start <= ts; start += spec.advanceMs)
    out.push({ start, end: start + spec.sizeMs });
  return out;
}

/**
 * A windowed aggregation over one partition's records in arrival order (Kafka Streams'
 * KStreamWindowAggregate): stream time is the largest timestamp seen so far, the current record's included;
 * a window accepts the record while end + grace > stream time, else the record is dropped for that window
 * and nothing is emitted for it. Records with a negative timestamp are dropped.
 */
export function windowedAggregate<V, A>(
  records: TimedRecord<V>[],
  spec: TimeWindowSpec,
  agg: Aggregation<V, A>,
): WindowedOutcome<V, A> {
  const state = new Map<string, WindowResult<A>>();
  const emissions: Emission<A>[] = [];
  const dropped: LateDrop<V>[] = [];
  let streamTime = -1;
  for (const record of records) {
    if (record.ts < 0) continue;
    streamTime = Math.max(streamTime, record.ts);
    const closeTime = streamTime - spec.graceMs;
    for (const w of windowsFor(record.ts, spec)) {
      if (w.end <= closeTime) {
        dropped.push({ record, windowStart: w.start, windowEnd: w.end, streamTime });
        continue;
      }
      const id = windowId({ key: record.key, ...w });
      const current = state.get(id) ?? { key: record.key, ...w, value: agg.init() };
      const next = { ...current, value: agg.add(current.value, record.value) };
      state.set(id, next);
      emissions.push({ ...next });
    }
  }
  return { windows: [...state.values()].sort(byKeyThenStart), emissions, dropped };
}
