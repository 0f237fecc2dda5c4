import { describe, expect, it } from 'vitest';
import { judgeAllSent } from './checks/all-records-sent.js';
import { judgeSpeedup } from './checks/batching-speedup.js';
import { judgeCodec } from './checks/compression-codec.js';
import { judgeDiskSaving } from './checks/disk-saving.js';
import { judgeRetention } from './checks/retention.js';
import { batchesByCodec, median, parseStatedRetention } from './observations.js';

const run = (records: number, exitCode: number | null = 0, timedOut = false) => ({
  topic: 't',
  records,
  exitCode,
  timedOut,
  wallMs: 1000,
});

describe('ex8 judges', () => {
  it('all-records-sent: every run complete and exited 0', () => {
    expect(judgeAllSent({ expected: 10, runs: [run(10), run(10)] }).status).toBe('pass');
    expect(judgeAllSent({ expected: 10, runs: [run(10), run(7)] }).evidence.summary.en).toContain('7 of 10');
    expect(judgeAllSent({ expected: 10, runs: [run(10, 1)] }).status).toBe('fail');
    expect(judgeAllSent({ expected: 10, runs: [run(10, null, true)] }).evidence.summary.en).toContain('did not finish');
  });

  it('batching-speedup: median against median, with the bar', () => {
    const base = { expected: 2000, baselineSpansMs: [5000, 6000, 5500], studentComplete: true, minSpeedup: 3 };
    const fast = judgeSpeedup({ ...base, studentSpansMs: [400, 500, 9000] });
    expect(fast.status).toBe('pass');
    expect(fast.evidence.data!.speedup).toBe(11);
    expect(judgeSpeedup({ ...base, studentSpansMs: [4000, 5000, 4500] }).status).toBe('fail');
    expect(judgeSpeedup({ ...base, studentSpansMs: [400], studentComplete: false }).evidence.summary.en).toContain(
      'not measurable',
    );
    expect(
      judgeSpeedup({ ...base, studentSpansMs: [0, 0, 0], studentComplete: false, studentRecords: [0, 0, 0] }).evidence
        .summary.en,
    ).toContain('records written: 0, 0, 0 of');
  });

  it('batching-speedup: a span under the broker clock tick counts as 1 ms', () => {
    expect(
      judgeSpeedup({ expected: 10, baselineSpansMs: [50], studentSpansMs: [0], studentComplete: true, minSpeedup: 3 })
        .evidence.data!.speedup,
    ).toBe(50);
  });

  it('compression-codec: every batch compressed', () => {
    expect(judgeCodec({ batchesByCodec: { snappy: 4 }, recordsPerBatch: 500 }).status).toBe('pass');
    expect(judgeCodec({ batchesByCodec: { snappy: 3, none: 1 }, recordsPerBatch: 375 }).evidence.summary.en).toContain(
      '1 of 4',
    );
    expect(judgeCodec({ batchesByCodec: {}, recordsPerBatch: 0 }).status).toBe('fail');
    const librdkafka = [{ family: 'librdkafka' as const, library: 'confluent-kafka', file: 'requirements.txt' }];
    expect(
      judgeCodec({ batchesByCodec: { none: 4 }, recordsPerBatch: 500, clients: librdkafka }).evidence.summary.en,
    ).toMatch(
      /uncompressed .*The solution declares confluent-kafka \(librdkafka, requirements.txt\): 'compression.type': 'snappy'/,
    );
    expect(
      judgeCodec({ batchesByCodec: { snappy: 4 }, recordsPerBatch: 500, clients: librdkafka }).evidence.summary.en,
    ).not.toContain('declares');
  });

  it('compression-saves-disk: ratio against the uncompressed batched run', () => {
    expect(
      judgeDiskSaving({
        studentBytes: 400_000,
        plainBytes: 1_400_000,
        records: 2000,
        studentRecords: 2000,
        minRatio: 1.5,
      }).status,
    ).toBe('pass');
    expect(
      judgeDiskSaving({
        studentBytes: 1_100_000,
        plainBytes: 1_400_000,
        records: 2000,
        studentRecords: 2000,
        minRatio: 1.5,
      }).status,
    ).toBe('fail');
  });

  it('compression-saves-disk: nothing (or part) written is not "smaller"', () => {
    const none = judgeDiskSaving({
      studentBytes: 0,
      plainBytes: 1_400_000,
      records: 2000,
      studentRecords: 0,
      minRatio: 1.5,
    });
    expect(none.status).toBe('fail');
    expect(none.evidence.summary.en).toContain('left 0 of 2000 records');
    expect(
      judgeDiskSaving({
        studentBytes: 100_000,
        plainBytes: 1_400_000,
        records: 2000,
        studentRecords: 300,
        minRatio: 1.5,
      }).status,
    ).toBe('fail');
  });

  it('retention-configured: lowered or capped, and as stated', () => {
    const base = { topic: 't', exists: true, setupExitCode: 0, defaultRetentionMs: 604_800_000 };
    expect(
      judgeRetention({ ...base, stated: { 'retention.ms': '86400000' }, overrides: { 'retention.ms': '86400000' } })
        .status,
    ).toBe('pass');
    expect(
      judgeRetention({
        ...base,
        stated: { 'retention.bytes': '1073741824' },
        overrides: { 'retention.bytes': '1073741824' },
      }).status,
    ).toBe('pass');
    expect(
      judgeRetention({ ...base, stated: { 'retention.ms': '86400000' }, overrides: {} }).evidence.summary.en,
    ).toContain('default retention');
    expect(
      judgeRetention({ ...base, stated: { 'retention.ms': '999999999' }, overrides: { 'retention.ms': '999999999' } })
        .status,
    ).toBe('fail');
    expect(
      judgeRetention({ ...base, stated: { 'retention.ms': '3600000' }, overrides: { 'retention.ms': '86400000' } })
        .evidence.summary.en,
    ).toContain('does not match');
    expect(
      judgeRetention({ ...base, stated: null, overrides: { 'retention.ms': '86400000' } }).evidence.summary.en,
    ).toContain('did not state');
    expect(judgeRetention({ ...base, exists: false, stated: null, overrides: {} }).status).toBe('fail');
  });

  it('parses the stated answer and counts stored batches by codec', () => {
    expect(parseStatedRetention(['hello', '{"retention.ms": 86400000, "other": 1}'])).toEqual({
      'retention.ms': '86400000',
    });
    expect(parseStatedRetention(['{"x": 1}', 'not json {'])).toBeNull();
    const header = (codec: 'snappy' | 'none', records: number, control = false) => ({
      baseOffset: 0n,
      sizeBytes: 100,
      magic: 2,
      codec,
      transactional: control,
      control,
      records,
      nextOffset: 0n,
    });
    expect(batchesByCodec([header('snappy', 500), header('none', 1), header('none', 1, true)])).toEqual({
      byCodec: { snappy: 1, none: 1 },
      recordsPerBatch: 250.5,
    });
    expect(batchesByCodec([])).toEqual({ byCodec: {}, recordsPerBatch: 0 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
