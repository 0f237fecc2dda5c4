import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import {
  commitIntervalLine,
  countMismatches,
  countsLatencyMs,
  judgeFilter,
  judgeWordCounts,
  type FilterObs,
  type WordCountsObs,
} from './checks/counts.js';
import { joinedValue, judgeJoin, type JoinObs } from './checks/join.js';
import { judgeChangelog, judgeRestart, type ChangelogObs } from './checks/state.js';
import { expectedCounts, isFiltered, seedInput, unfilteredCounts, wordsOf } from './input.js';
import { decodeCount, isCaughtUp, lastValues, parseCount, rawValue, showRaw, type Progress } from './progress.js';

/** A count as Serdes.Long writes it (8 bytes, big-endian). */
const LONG_BYTES = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
/** That count as the counts watcher's record hands it to the judges (its bytes, see rawValue). */
const LONG = (n: number) => rawValue({ value: LONG_BYTES(n).toString('utf8'), valueBytes: LONG_BYTES(n) })!;

describe('count formats', () => {
  it('decodes a decimal string or an 8-byte big-endian long, nothing else', () => {
    expect(decodeCount('6')).toEqual({ count: 6, format: 'decimal' });
    expect(decodeCount(LONG(10))).toEqual({ count: 10, format: 'long' });
    expect(decodeCount(LONG(127))).toEqual({ count: 127, format: 'long' });
    expect(decodeCount(LONG(128))).toEqual({ count: 128, format: 'long' });
    expect(decodeCount(LONG(200))).toEqual({ count: 200, format: 'long' });
    expect(decodeCount(LONG(2 ** 31))).toEqual({ count: 2147483648, format: 'long' });
    expect(decodeCount(LONG(2 ** 32 + 255))).toEqual({ count: 4294967551, format: 'long' });
    // Text decoded as UTF-8 lost the byte 0xc8: no long is read from what is left.
    expect(decodeCount(LONG_BYTES(200).toString('utf8'))).toBeUndefined();
    // A negative long is no count.
    expect(decodeCount(LONG(-1))).toBeUndefined();
    expect(decodeCount('{"count":6}')).toBeUndefined();
    expect(decodeCount(null)).toBeUndefined();
    expect(parseCount(LONG(6))).toBeUndefined();
  });
  it('keeps the bytes of a value read with them, the text of one read without', () => {
    expect(rawValue({ value: 'x', valueBytes: Buffer.from([0x00, 0xc8, 0xff]) })).toBe('\x00\xc8\xff');
    expect(rawValue({ value: null, valueBytes: null })).toBeNull();
    expect(rawValue({ value: '6' })).toBe('6');
    expect(rawValue({ value: '6', valueBytes: Buffer.from('6') })).toBe('6');
  });
  it('shows raw bytes escaped on one line', () => {
    expect(showRaw(LONG(200))).toBe('"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xc8"');
    expect(showRaw(LONG(10))).toBe('"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0a"');
    expect(showRaw('a"b\\é')).toBe('"a\\"b\\\\\\xe9"');
    expect(showRaw(null)).toBe('null');
  });
});

describe('seeded input and oracle', () => {
  const input = seedInput(createRng(42));
  const expected = expectedCounts(input.messages);

  it('is replayed from the seed', () => {
    expect(seedInput(createRng(42))).toEqual(input);
  });

  it('gives each word group its role', () => {
    const kept = input.messages.filter((m) => !isFiltered(m.value)).flatMap((m) => wordsOf(m.value));
    const dropped = input.messages.filter((m) => isFiltered(m.value)).flatMap((m) => wordsOf(m.value));
    for (const w of input.cleanOnly) expect(kept.includes(w) && !dropped.includes(w)).toBe(true);
    for (const w of input.filterOnly) expect(!kept.includes(w) && dropped.includes(w)).toBe(true);
    for (const w of input.mixed) expect(kept.includes(w) && dropped.includes(w)).toBe(true);
    // "filter" is a whole word of every dropped message and part of no other word
    for (const m of input.messages.filter((x) => isFiltered(x.value))) expect(wordsOf(m.value)).toContain('filter');
    expect([...input.cleanOnly, ...input.filterOnly, ...input.mixed].some((w) => w.includes('filter'))).toBe(false);
    expect(new Set(input.messages.map((m) => m.key)).size).toBe(input.messages.length);
  });

  it('counts words of kept messages only, repeats included', () => {
    expect(expectedCounts([{ value: 'a b a' }, { value: 'a filter c' }, { value: '  b  ' }])).toEqual(
      new Map([
        ['a', 2],
        ['b', 2],
      ]),
    );
    expect(unfilteredCounts([{ value: 'a b a' }, { value: 'a filter c' }])).toEqual(
      new Map([
        ['a', 3],
        ['b', 1],
        ['filter', 1],
        ['c', 1],
      ]),
    );
    expect(expected.get('filter')).toBeUndefined();
  });
});

describe('progress readings', () => {
  const p = (committed: number[], repartition?: number[]): Progress => ({
    topics: [
      { topic: 'in', partitions: committed.map((c, i) => ({ partition: i, end: 10, committed: c })) },
      ...(repartition
        ? [{ topic: 'rep', partitions: repartition.map((c, i) => ({ partition: i, end: 5, committed: c })) }]
        : []),
    ],
  });
  it('is caught up only when the input and every committed topic are at their end', () => {
    expect(isCaughtUp(p([10, 10]), 'in')).toBe(true);
    expect(isCaughtUp(p([10, 9]), 'in')).toBe(false);
    expect(isCaughtUp(p([-1, -1]), 'in')).toBe(false);
    expect(isCaughtUp(p([10, 10], [5, 3]), 'in')).toBe(false);
    expect(isCaughtUp(p([10, 10], [5, 5]), 'in')).toBe(true);
  });
  it('keeps the last value per key and reads decimal counts only', () => {
    const last = lastValues([
      { key: 'a', value: '1', partition: 0, offset: 0 },
      { key: 'a', value: '2', partition: 0, offset: 3 },
      { key: null, value: 'x', partition: 1, offset: 0 },
    ]);
    expect(last).toEqual(new Map([['a', '2']]));
    expect(parseCount('6')).toBe(6);
    expect(parseCount('\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0006')).toBeUndefined();
    expect(parseCount(null)).toBeUndefined();
  });
});

describe('word-counts', () => {
  const base: WordCountsObs = {
    counts: 'c',
    messages: 52,
    kept: 40,
    expected: { alpha: 3, beta: 1 },
    published: { alpha: '3', beta: '1' },
    countRecords: 5,
    caughtUp: true,
    settleMs: 900,
    latencyMs: 1800,
    latencyLimitMs: 5000,
  };
  it('says the grader stopped the application cleanly when its counts were held past the latency', () => {
    const j = judgeWordCounts({
      ...base,
      latencyMs: 7400,
      stoppedForCountsAfterMs: 5100,
      commitIntervalLog: 'commit.interval.ms = 30000',
    });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /the counts reached "c" 7\.4 s after the messages were written, where the contract asks 5\.0 s at most: .*commit\.interval\.ms = 30000.*; 5\.1 s after writing some counts were still missing: the grader stopped the application cleanly/,
    );
  });
  it('passes on exact counts', () => expect(judgeWordCounts(base).status).toBe('pass'));
  it('names missing, wrong and non-decimal counts', () => {
    expect(countMismatches({ a: 1, b: 2, c: 3 }, { b: '3', c: '\u0000' })).toEqual([
      { word: 'a', expected: 1 },
      { word: 'b', expected: 2, published: '3' },
      { word: 'c', expected: 3, published: '\u0000' },
    ]);
    const j = judgeWordCounts({ ...base, published: { alpha: '4' } });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/2 of 2 words .*"alpha": 4 \(expected 3\); "beta": no count/);
  });
  it('judges the format once: right counts written as Serdes.Long fail with the 8 bytes shown escaped', () => {
    const j = judgeWordCounts({ ...base, published: { alpha: LONG(3), beta: LONG(1) } });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /have the right count, but the values are 8-byte big-endian longs \(Serdes\.Long\), not decimal strings: 2 of 2 words, e\.g\. "alpha": "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x03" \(= 3, expected "3"\)/,
    );
    expect(j.evidence.summary.en).not.toMatch(/[\x00-\x1f]/);
  });
  it('judges the latency the spec promises, and quotes the commit interval the application logged', () => {
    const j = judgeWordCounts({ ...base, latencyMs: 26_400, commitIntervalLog: 'commit.interval.ms = 30000' });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /the counts reached "c" 26\.4 s after the messages were written, where the contract asks 5\.0 s at most: .*commit\.interval\.ms \(1000 ms at most.*the default, 30 s.*its log says "commit\.interval\.ms = 30000"/,
    );
    expect(judgeWordCounts({ ...base, latencyMs: 4900 }).status).toBe('pass');
    expect(commitIntervalLine('a\n  commit.interval.ms = 30000\nb')).toBe('commit.interval.ms = 30000');
    expect(commitIntervalLine('nothing here')).toBeUndefined();
  });
  it("measures the latency to the slowest word's right count, any format", () => {
    const rec = (key: string, value: string, seenAtMs: number) => ({ key, value, seenAtMs });
    expect(
      countsLatencyMs(
        [rec('alpha', '1', 1100), rec('alpha', '3', 1900), rec('beta', LONG(1), 1500)],
        { alpha: 3, beta: 1 },
        1000,
      ),
    ).toBe(900);
    expect(countsLatencyMs([rec('alpha', '3', 1900)], { alpha: 3, beta: 1 }, 1000)).toBeUndefined();
  });
  it('says when nothing was counted at all', () => {
    expect(
      judgeWordCounts({ ...base, published: {}, countRecords: 0, caughtUp: false, settleMs: 40_000 }).evidence.summary
        .en,
    ).toMatch(/no record on the counts topic "c" after the 52 messages written \(within 40 s\)/i);
  });
});

describe('filter-messages', () => {
  const base: FilterObs = {
    filterOnly: { zeta: 2 },
    mixed: { mu: { expected: 3, unfiltered: 5 } },
    published: { mu: '3' },
    cleanCounted: 12,
    cleanWords: 12,
  };
  it('passes when dropped messages contribute nothing', () => expect(judgeFilter(base).status).toBe('pass'));
  it('fails when a word of dropped messages only is counted (filter after splitting)', () => {
    expect(judgeFilter({ ...base, published: { mu: '3', zeta: '2' } }).evidence.summary.en).toMatch(
      /"zeta", met only in messages containing "filter", has count 2/,
    );
  });
  it('fails when a mixed word counts the dropped messages (filter result discarded)', () => {
    expect(judgeFilter({ ...base, published: { mu: '5' } }).evidence.summary.en).toMatch(
      /"mu": 5 \(expected 3; 5 counting/,
    );
  });
  it("judges the filter on counts written as Serdes.Long too (the format is word-counts' charge)", () => {
    expect(judgeFilter({ ...base, published: { mu: LONG(3) } }).status).toBe('pass');
    expect(judgeFilter({ ...base, published: { mu: LONG(5) } }).evidence.summary.en).toMatch(/"mu": 5 \(expected 3/);
    expect(judgeFilter({ ...base, published: { mu: '3', zeta: LONG(10) } }).evidence.summary.en).toMatch(
      /"zeta", met only in messages containing "filter", has count 10/,
    );
  });
  it('needs counts of kept messages first (convention 10)', () => {
    const j = judgeFilter({ ...base, published: {}, cleanCounted: 0 });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /none of the 12 words met only in messages without "filter" has a published count/i,
    );
  });
});

describe('join-status', () => {
  const base: JoinObs = {
    joinedTopic: 'j',
    sent: [{ key: 'alpha', status: 'active', count: 6 }],
    absent: { key: 'value10-x', status: 'active' },
    joined: [{ key: 'alpha', value: '(6, active)' }],
    otherRecords: 0,
  };
  it('formats like the course', () => expect(joinedValue(6, 'active')).toBe('(6, active)'));
  it('passes on an inner join with the current count', () => expect(judgeJoin(base).status).toBe('pass'));
  it('fails a left join that emits the key without a count', () => {
    expect(
      judgeJoin({ ...base, joined: [...base.joined, { key: 'value10-x', value: '(null, active)' }] }).evidence.summary
        .en,
    ).toMatch(/key "value10-x", which has no count: "\(null, active\)" where an inner join emits nothing/);
  });
  it('fails when nothing is joined for a counted key', () => {
    expect(judgeJoin({ ...base, joined: [] }).evidence.summary.en).toMatch(
      /key "alpha" \(count 6, status "active"\): no joined record \(expected "\(6, active\)"\)/,
    );
  });
  it('needs a published count to join with, and says which failure stops it', () => {
    expect(judgeJoin({ ...base, sent: [], joined: [] }).evidence.summary.en).toMatch(
      /no word has a published count \(see "word-counts"\)/i,
    );
    expect(judgeJoin({ ...base, sent: [], joined: [], publishedWords: 16 }).evidence.summary.en).toMatch(
      /^cannot judge: none of the values published for 16 word\(s\) reads as a count .*see "word-counts"/i,
    );
  });
  it('escapes a joined value it quotes', () => {
    expect(judgeJoin({ ...base, joined: [{ key: 'alpha', value: '(6,\nactive)' }] }).evidence.summary.en).toContain(
      '"(6,\\x0aactive)" instead of "(6, active)"',
    );
  });
});

describe('changelog-compacted', () => {
  const base: ChangelogObs = {
    applicationId: 'app',
    input: 'in',
    committedInput: 52,
    changelogs: [{ topic: 'app-word-counts-changelog', cleanupPolicy: 'compact', records: 16 }],
    otherChangelogs: [],
  };
  it('passes on a compacted changelog under the application.id', () =>
    expect(judgeChangelog(base).status).toBe('pass'));
  it('fails without a changelog (logging disabled)', () => {
    expect(judgeChangelog({ ...base, changelogs: [] }).evidence.summary.en).toMatch(/no topic app-<store>-changelog:/i);
  });
  it('fails when the group of the application.id committed nothing (another application.id)', () => {
    expect(
      judgeChangelog({ ...base, committedInput: 0, otherChangelogs: ['x-changelog'] }).evidence.summary.en,
    ).toMatch(/group "app" .* committed no offset on "in".*changelog topics seen: x-changelog/i);
  });
  it('fails on a changelog that is not compacted', () => {
    expect(
      judgeChangelog({ ...base, changelogs: [{ topic: 'app-c-changelog', cleanupPolicy: 'delete', records: 3 }] })
        .status,
    ).toBe('fail');
  });
});

describe('counts-survive-restart', () => {
  const base = { word: 'alpha', before: 6, newWord: 'omega', restartMs: 7000 };
  it('passes when the count continues (6 -> 7)', () =>
    expect(judgeRestart({ ...base, afterWord: '7', afterNew: '1' }).status).toBe('pass'));
  it('fails when counts start again from 1', () => {
    expect(judgeRestart({ ...base, afterWord: '1', afterNew: '1' }).evidence.summary.en).toMatch(
      /counts start again from 1: "alpha" was 6 before the kill -9, 1 after/i,
    );
  });
  it('fails when nothing is counted after the restart', () => {
    expect(judgeRestart({ ...base }).evidence.summary.en).toMatch(/produced no count within 60 s/);
  });
  it('needs an exact count before the kill, and says which failure stops it', () => {
    expect(judgeRestart({}).evidence.summary.en).toMatch(
      /^cannot judge: no word of the kept messages had its exact count before the stop \(see "word-counts"\)/i,
    );
  });
  it('judges the restore on counts written as Serdes.Long too', () => {
    expect(judgeRestart({ ...base, afterWord: LONG(7), afterNew: LONG(1) }).status).toBe('pass');
    expect(judgeRestart({ ...base, afterWord: LONG(1), afterNew: LONG(1) }).evidence.summary.en).toMatch(
      /counts start again from 1/i,
    );
  });
});
