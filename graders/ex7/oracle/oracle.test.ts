import { describe, expect, test } from 'vitest';
import { countSum } from './aggregations.js';
import { agrees, describeDiff, diffWindows, lastPerWindow } from './compare.js';
import { streamTableJoin } from './join.js';
import { sessionAggregate } from './sessions.js';
import type { TimedRecord } from './types.js';
import { hopping, tumbling, windowedAggregate, windowsFor } from './windows.js';

const S = 1000;
const MIN = 60 * S;
const rec = (key: string, ts: number, value = 1): TimedRecord<number> => ({ key, ts, value });
const count = countSum<number>((v) => v);
const finals = (o: { windows: { key: string; start: number; end: number; value: { count: number; sum: number } }[] }) =>
  o.windows.map((w) => `${w.key} [${w.start},${w.end}) n=${w.value.count} sum=${w.value.sum}`);

describe('window boundaries', () => {
  test('tumbling windows are aligned to the epoch, not to the first record', () => {
    // 1_700_000_000_000 is 20 s past a minute boundary.
    expect(windowsFor(1_700_000_000_000, tumbling(MIN, 0))).toEqual([
      { start: 1_699_999_980_000, end: 1_700_000_040_000 },
    ]);
  });
  test('a record on a boundary opens the next window: [start, end)', () => {
    expect(windowsFor(2 * MIN, tumbling(MIN, 0))).toEqual([{ start: 2 * MIN, end: 3 * MIN }]);
    expect(windowsFor(2 * MIN - 1, tumbling(MIN, 0))).toEqual([{ start: MIN, end: 2 * MIN }]);
  });
  test('hopping: each record in SIZE/ADVANCE windows, starts multiples of ADVANCE', () => {
    expect(windowsFor(10 * MIN + 5 * S, hopping(2 * MIN, MIN, 0))).toEqual([
      { start: 9 * MIN, end: 11 * MIN },
      { start: 10 * MIN, end: 12 * MIN },
    ]);
    expect(windowsFor(10 * MIN + 5 * S, hopping(60 * S, 20 * S, 0))).toHaveLength(3);
    expect(windowsFor(10 * MIN, hopping(60 * S, 20 * S, 0)).map((w) => w.start)).toEqual([
      9 * MIN + 20 * S,
      9 * MIN + 40 * S,
      10 * MIN,
    ]);
  });
  test('hopping near the epoch: no window starts before 0', () => {
    expect(windowsFor(30 * S, hopping(2 * MIN, MIN, 0))).toEqual([{ start: 0, end: 2 * MIN }]);
  });
  test('ADVANCE BY larger than SIZE is refused', () => {
    expect(() => hopping(MIN, 2 * MIN, 0)).toThrow(RangeError);
  });
});

describe('tumbling and hopping aggregates', () => {
  test('per-window count and sum, per key', () => {
    const o = windowedAggregate(
      [rec('a', 10 * S, 2), rec('a', 50 * S, 3), rec('b', 55 * S, 4), rec('a', 61 * S, 5)],
      tumbling(MIN, MIN),
      count,
    );
    expect(finals(o)).toEqual(['a [0,60000) n=2 sum=5', 'a [60000,120000) n=1 sum=5', 'b [0,60000) n=1 sum=4']);
    expect(o.dropped).toEqual([]);
  });
  test('every accepted record emits an update of its window (no caching)', () => {
    const o = windowedAggregate([rec('a', 10 * S), rec('a', 20 * S)], tumbling(MIN, 0), count);
    expect(o.emissions.map((e) => e.value?.count)).toEqual([1, 2]);
  });
  test('hopping counts each record SIZE/ADVANCE times', () => {
    const o = windowedAggregate([rec('a', 90 * S), rec('a', 150 * S)], hopping(2 * MIN, MIN, MIN), count);
    expect(finals(o)).toEqual(['a [0,120000) n=1 sum=1', 'a [60000,180000) n=2 sum=2', 'a [120000,240000) n=1 sum=1']);
    expect(o.windows.reduce((s, w) => s + w.value.count, 0)).toBe(2 * 2);
  });
  test('an out-of-order record within grace is counted in its old window', () => {
    const o = windowedAggregate([rec('a', 70 * S), rec('a', 50 * S)], tumbling(MIN, 15 * S), count);
    // stream time 70 s, window [0,60) closes at 60 + 15 = 75 > 70: still open.
    expect(finals(o)).toEqual(['a [0,60000) n=1 sum=1', 'a [60000,120000) n=1 sum=1']);
  });
  test('a late record (window end + grace <= stream time) is dropped and emits nothing', () => {
    const o = windowedAggregate([rec('a', 10 * S), rec('a', 75 * S), rec('a', 20 * S)], tumbling(MIN, 15 * S), count);
    expect(finals(o)).toEqual(['a [0,60000) n=1 sum=1', 'a [60000,120000) n=1 sum=1']);
    expect(o.emissions).toHaveLength(2);
    expect(o.dropped).toEqual([{ record: rec('a', 20 * S), windowStart: 0, windowEnd: MIN, streamTime: 75 * S }]);
  });
  test('stream time is shared by all keys of the partition', () => {
    const o = windowedAggregate([rec('a', 200 * S), rec('b', 10 * S)], tumbling(MIN, 0), count);
    expect(o.windows.map((w) => w.key)).toEqual(['a']);
    expect(o.dropped.map((d) => d.record.key)).toEqual(['b']);
  });
  test('hopping: a late record may be dropped from its older window and counted in the newer one', () => {
    const o = windowedAggregate([rec('a', 130 * S), rec('a', 65 * S)], hopping(2 * MIN, MIN, 0), count);
    // windows of 65 s: [0,120) closed (120 <= 130), [60,180) open.
    expect(o.dropped.map((d) => d.windowStart)).toEqual([0]);
    expect(finals(o)).toEqual(['a [60000,180000) n=2 sum=2', 'a [120000,240000) n=1 sum=1']);
  });
  test('grace bound: end + grace == stream time is closed, one ms earlier is open', () => {
    const closed = windowedAggregate([rec('a', 75 * S), rec('a', 59 * S)], tumbling(MIN, 15 * S), count);
    expect(closed.dropped).toHaveLength(1);
    const open = windowedAggregate([rec('a', 75 * S - 1), rec('a', 59 * S)], tumbling(MIN, 15 * S), count);
    expect(open.dropped).toHaveLength(0);
  });
  test('negative timestamps are skipped', () => {
    expect(windowedAggregate([rec('a', -5)], tumbling(MIN, 0), count).windows).toEqual([]);
  });
});

describe('session windows', () => {
  const gap = 30 * S;
  test('records closer than the gap share a session [first, last]', () => {
    const o = sessionAggregate(
      [rec('u', 0, 1), rec('u', 20 * S, 2), rec('u', 45 * S, 3)],
      { gapMs: gap, graceMs: 0 },
      count,
    );
    expect(finals(o)).toEqual(['u [0,45000) n=3 sum=6']);
  });
  test('a gap longer than the inactivity gap starts a new session; a lone record is a session of zero length', () => {
    const o = sessionAggregate([rec('u', 0), rec('u', 31 * S)], { gapMs: gap, graceMs: MIN }, count);
    expect(finals(o)).toEqual(['u [0,0) n=1 sum=1', 'u [31000,31000) n=1 sum=1']);
  });
  test('exactly the gap apart still merges (bounds included)', () => {
    const o = sessionAggregate([rec('u', 0), rec('u', gap)], { gapMs: gap, graceMs: 0 }, count);
    expect(finals(o)).toEqual(['u [0,30000) n=2 sum=2']);
  });
  test('an out-of-order record bridging two sessions merges them; the absorbed ones are tombstoned', () => {
    const o = sessionAggregate(
      [rec('u', 0, 1), rec('u', 50 * S, 2), rec('u', 25 * S, 4)],
      { gapMs: gap, graceMs: MIN },
      count,
    );
    expect(finals(o)).toEqual(['u [0,50000) n=3 sum=7']);
    expect(o.emissions.map((e) => `${e.start}-${e.end}:${e.value?.count ?? 'tombstone'}`)).toEqual([
      '0-0:1',
      '50000-50000:1',
      '0-0:tombstone',
      '50000-50000:tombstone',
      '0-50000:3',
    ]);
  });
  test('a record whose session ends before stream time - grace - gap is dropped', () => {
    const o = sessionAggregate(
      [rec('u', 0), rec('u', 100 * S), rec('u', 5 * S)],
      { gapMs: gap, graceMs: 10 * S },
      count,
    );
    // [0, 0] is expired (0 <= 100 - 30 - 10), so 5 s is alone: [5 s, 5 s] ends before 100 - 10 - 30 = 60 s.
    expect(finals(o)).toEqual(['u [0,0) n=1 sum=1', 'u [100000,100000) n=1 sum=1']);
    expect(o.dropped.map((d) => [d.windowStart, d.windowEnd])).toEqual([[5 * S, 5 * S]]);
  });
  test('a session closes gap + grace after its end: end == stream time - grace - gap is still open', () => {
    const atBound = sessionAggregate(
      [rec('u', 0), rec('u', 100 * S), rec('u', 60 * S)],
      { gapMs: gap, graceMs: 10 * S },
      count,
    );
    expect(atBound.dropped).toEqual([]);
    expect(finals(atBound)).toEqual(['u [0,0) n=1 sum=1', 'u [60000,60000) n=1 sum=1', 'u [100000,100000) n=1 sum=1']);
    const before = sessionAggregate(
      [rec('u', 0), rec('u', 100 * S), rec('u', 60 * S - 1)],
      { gapMs: gap, graceMs: 10 * S },
      count,
    );
    expect(before.dropped).toHaveLength(1);
  });
  test('a late record merges with a session the store still holds', () => {
    const o = sessionAggregate(
      [rec('u', 70 * S), rec('u', 100 * S), rec('u', 65 * S)],
      { gapMs: gap, graceMs: 10 * S },
      count,
    );
    // [70 s, 100 s] is held (100 > 100 - 40); 65 s joins it.
    expect(finals(o)).toEqual(['u [65000,100000) n=3 sum=3']);
  });
  test('a late record does not merge with a session the store expired; it opens its own if still open', () => {
    // gap 30 s, grace 10 s. Session [182 s]; stream time reaches 231 s; a view of the same user at 207 s.
    // 182 >= 207 - 30 would merge, but 182 <= 231 - 30 - 10 = 191: expired. The view opens [207 s, 207 s].
    const o = sessionAggregate(
      [rec('u', 182 * S), rec('v', 231 * S), rec('u', 207 * S)],
      { gapMs: gap, graceMs: 10 * S },
      count,
    );
    expect(finals(o)).toEqual([
      'u [182000,182000) n=1 sum=1',
      'u [207000,207000) n=1 sum=1',
      'v [231000,231000) n=1 sum=1',
    ]);
    expect(o.dropped).toEqual([]);
  });
  test('sessions are per key', () => {
    const o = sessionAggregate([rec('u', 0), rec('v', 10 * S), rec('u', 20 * S)], { gapMs: gap, graceMs: 0 }, count);
    expect(finals(o)).toEqual(['u [0,20000) n=2 sum=2', 'v [10000,10000) n=1 sum=1']);
  });
});

describe('stream-table join', () => {
  const t = (key: string, ts: number, value: string | undefined) => ({ key, ts, value });
  test('each record takes the row its key had when it was processed; later updates change nothing emitted', () => {
    const out = streamTableJoin(
      [rec('u', 10), rec('u', 30), rec('v', 40)],
      [t('u', 5, 'EU'), t('u', 20, 'US')],
      'left',
    );
    expect(out.map((j) => `${j.key}@${j.ts}:${j.table ?? 'null'}`)).toEqual(['u@10:EU', 'u@30:US', 'v@40:null']);
  });
  test('inner join drops records without a row; a tombstone removes the row', () => {
    const out = streamTableJoin([rec('u', 10), rec('u', 30)], [t('u', 5, 'EU'), t('u', 20, undefined)], 'inner');
    expect(out.map((j) => j.ts)).toEqual([10]);
  });
  test('each topic in offset order: an out-of-order stream record waits behind the one before it', () => {
    // stream offsets: ts 50 then ts 10; table update at ts 20. Heads: 50 vs 20 -> table first, then 50, then 10.
    const out = streamTableJoin([rec('u', 50), rec('u', 10)], [t('u', 20, 'EU')], 'left');
    expect(out.map((j) => `${j.ts}:${j.table ?? 'null'}`)).toEqual(['50:EU', '10:EU']);
  });
});

describe('session emissions', () => {
  test('merged sessions are tombstoned in the store order: by end, then start, not by creation', () => {
    const o = sessionAggregate(
      [rec('u', 60 * S), rec('u', 20 * S), rec('u', 40 * S)],
      { gapMs: 30 * S, graceMs: MIN },
      count,
    );
    expect(o.emissions.map((e) => `${e.start / S}-${e.end / S}:${e.value?.count ?? 'tombstone'}`)).toEqual([
      '60-60:1',
      '20-20:1',
      '20-20:tombstone',
      '60-60:tombstone',
      '20-60:3',
    ]);
  });
  test('a record inside an existing session tombstones it and re-emits the same window', () => {
    const o = sessionAggregate(
      [rec('u', 0), rec('u', 20 * S), rec('u', 10 * S)],
      { gapMs: 30 * S, graceMs: MIN },
      count,
    );
    expect(o.emissions.map((e) => `${e.start}-${e.end}:${e.value?.count ?? 'tombstone'}`)).toEqual([
      '0-0:1',
      '0-0:tombstone',
      '0-20000:2',
      '0-20000:tombstone',
      '0-20000:3',
    ]);
  });
});

describe('comparing with an engine', () => {
  const w = (key: string, start: number, n: number) => ({ key, start, end: start + MIN, value: { count: n, sum: n } });
  const same = (a: { count: number; sum: number }, b: { count: number; sum: number }) =>
    a.count === b.count && a.sum === b.sum;
  test('the last value per window counts; tombstones remove a window', () => {
    const table = lastPerWindow([
      { key: 'a', start: 0, end: MIN, value: { count: 1, sum: 1 } },
      { key: 'a', start: 0, end: MIN, value: { count: 2, sum: 2 } },
      { key: 'b', start: 0, end: MIN, value: { count: 1, sum: 1 } },
      { key: 'b', start: 0, end: MIN, value: undefined },
    ]);
    expect(table).toEqual([w('a', 0, 2)]);
  });
  test('missing, unexpected and wrong windows are told apart', () => {
    const d = diffWindows([w('a', 0, 2), w('b', 0, 1)], [w('a', 0, 3), w('c', 0, 1)], same);
    expect(agrees(d)).toBe(false);
    expect(describeDiff(d, (v) => `n=${v.count}`)).toEqual([
      'missing b [00:00:00, 00:01:00) (expected n=1)',
      'unexpected c [00:00:00, 00:01:00) = n=1',
      'a [00:00:00, 00:01:00): expected n=2, got n=3',
    ]);
    expect(agrees(diffWindows([w('a', 0, 2)], [w('a', 0, 2)], same))).toBe(true);
  });
});
