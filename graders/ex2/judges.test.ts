import { describe, expect, it } from 'vitest';
import { judgeBothProducers } from './checks/both-producers.js';
import { judgeCriticalOnReserved, reservedSpreadProblem } from './checks/critical-on-reserved.js';
import { defaultPartitionForKey } from '../../kit/judging/partitions.js';
import { judgeBalanced, judgeOffReserved } from './checks/general-spread.js';
import { judgeKeyOrder } from './checks/key-order.js';
import { nothingLanded } from './prepare.js';
import { describeAnswers } from './traffic.js';

const place = (partition: number | undefined, i = 0) => ({
  type: 'NEW_MESSAGE' as const,
  key: `k${i}`,
  content: `c${i}`,
  partition,
  offset: i,
  status: 200,
});

describe('ex2 judges', () => {
  it('critical notifications must all be on reserved partitions', () => {
    expect(judgeCriticalOnReserved({ endpoint: 'e', reserved: [0], placements: [place(0), place(0, 1)] }).status).toBe(
      'pass',
    );
    const j = judgeCriticalOnReserved({ endpoint: 'e', reserved: [0], placements: [place(0), place(3, 1)] });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('key k1 on partition 3');
  });
  it('general spread: chi-square over the non-reserved partitions, reserved ones judged apart', () => {
    const base = { endpoint: 'e', reserved: [0], sent: 300, arrived: 300 };
    expect(judgeBalanced({ ...base, counts: [0, 62, 58, 61, 57, 62] }).status).toBe('pass');
    expect(judgeBalanced({ ...base, counts: [0, 300, 0, 0, 0, 0] }).status).toBe('fail');
    expect(judgeBalanced({ ...base, counts: [50, 50, 50, 50, 50, 50] }).status).toBe('pass');
    expect(judgeOffReserved({ ...base, counts: [50, 50, 50, 50, 50, 50] }).status).toBe('fail');
    expect(judgeOffReserved({ ...base, counts: [0, 60, 60, 60, 60, 60] }).status).toBe('pass');
  });
  it('key order: one partition per key, offsets in send order', () => {
    expect(
      judgeKeyOrder({
        endpoint: 'e',
        byKey: {
          a: [
            { partition: 1, offset: 3 },
            { partition: 1, offset: 9 },
          ],
        },
      }).status,
    ).toBe('pass');
    expect(
      judgeKeyOrder({
        endpoint: 'e',
        byKey: {
          a: [
            { partition: 1, offset: 3 },
            { partition: 2, offset: 9 },
          ],
        },
      }).evidence.summary.en,
    ).toContain('spread over partitions 1, 2');
    expect(
      judgeKeyOrder({
        endpoint: 'e',
        byKey: {
          a: [
            { partition: 1, offset: 9 },
            { partition: 1, offset: 3 },
          ],
        },
      }).status,
    ).toBe('fail');
  });
  describe('both producers use the partitioner (judged on the same critical keys through each)', () => {
    // Keys Kafka's default partitioner puts off reserved partition 0, as the check picks them.
    const keys: string[] = [];
    for (let i = 0; keys.length < 6; i++) if (defaultPartitionForKey(`u-${i}`, 6) !== 0) keys.push(`u-${i}`);
    const crit = (partition: (k: string) => number | undefined) =>
      keys.map((k, i) => ({ ...place(partition(k), i), key: k }));
    const onReserved = crit(() => 0);
    const asDefault = crit((k) => defaultPartitionForKey(k, 6));
    const generalOnReserved = [{ ...place(0), type: 'LIKE' as const }];
    const ok = {
      reserved: [0],
      partitions: 6,
      syncEndpoint: 's',
      asyncEndpoint: 'a',
      criticalViaSync: onReserved,
      criticalViaAsync: onReserved,
      generalViaSync: [{ ...place(2), type: 'LIKE' as const }],
    };
    it('passes when both producers put the critical keys on the reserved partition', () =>
      expect(judgeBothProducers(ok).status).toBe('pass'));
    it('does not charge again general notifications the partitioner itself puts on the reserved partition', () => {
      const j = judgeBothProducers({ ...ok, generalViaSync: generalOnReserved });
      expect(j.status).toBe('pass');
      expect(j.evidence.data).toMatchObject({ generalViaSync: { onReserved: 1 } });
    });
    it('names the producer that places as the default partitioner', () => {
      const j = judgeBothProducers({ ...ok, criticalViaAsync: asDefault });
      expect(j.status).toBe('fail');
      expect(j.evidence.summary.en).toMatch(
        /through the synchronous producer, but 6 of 6 are off them through the asynchronous producer \(a\), where Kafka's default partitioner puts them/,
      );
      expect(judgeBothProducers({ ...ok, criticalViaSync: asDefault }).evidence.summary.en).toContain(
        'through the synchronous producer (s)',
      );
    });
    it('says which earlier failure stops it when the partitioner ignores the type on both', () => {
      const j = judgeBothProducers({
        ...ok,
        criticalViaSync: asDefault,
        criticalViaAsync: asDefault,
        generalViaSync: generalOnReserved,
      });
      expect(j.status).toBe('fail');
      expect(j.evidence.summary.en).toMatch(/^Cannot judge: .*the failure of "critical-on-reserved"/);
    });
    it('says what a producer answered when none of its notifications arrived', () => {
      const lost = keys.map((k, i) => ({ ...place(undefined, i), key: k, status: 500 }));
      expect(judgeBothProducers({ ...ok, criticalViaAsync: lost }).evidence.summary.en).toContain(
        'None of the 6 critical notifications sent through the asynchronous producer (a) reached the topic (answers: 6 × 500)',
      );
    });
  });
  it('with several reserved partitions, critical notifications spread over them by key hash', () => {
    const spread = Array.from({ length: 30 }, (_, i) => place(i % 2, i));
    const first = Array.from({ length: 30 }, (_, i) => place(0, i));
    const judge = (placements: typeof spread, reserved = [0, 1]) =>
      judgeCriticalOnReserved({ endpoint: 'e', reserved, placements }, undefined, { spread: true });
    expect(judge(spread).status).toBe('pass');
    expect(judge(Array.from({ length: 30 }, (_, i) => place(i < 11 ? 0 : 1, i))).status).toBe('pass');
    const j = judge(first);
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /30 critical notifications with distinct keys, reserved partitions 0, 1: all 30 are on partition 0 \(χ²=30\.0, df 1, .*pick among them by a hash of the key/,
    );
    expect(judge(first, [0]).status).toBe('pass');
    expect(
      reservedSpreadProblem(
        [0, 1, 2],
        Array.from({ length: 30 }, (_, i) => place(i < 25 ? 0 : 1, i)),
      )?.en,
    ).toMatch(/spread p0=25, p1=5, p2=0/);
    // Judged on the sync check only: the both-producers check reuses the rule without the spread.
    expect(judgeCriticalOnReserved({ endpoint: 'e', reserved: [0, 1], placements: first }).status).toBe('pass');
  });
  it('a service answering 503 gets nothing, and the diagnosis quotes what it answered', () => {
    const refused = Array.from({ length: 30 }, (_, i) => ({
      ...place(undefined, i),
      status: 503,
      body: '{"error":"unavailable"}',
    }));
    const j = judgeCriticalOnReserved({ endpoint: 'POST /notifications/sync', reserved: [0], placements: refused });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain(
      'None of the 30 critical notifications sent through the synchronous producer (POST /notifications/sync) reached the topic (answers: 30 × 503, body "{"error":"unavailable"}")',
    );
    expect(describeAnswers([{ status: 202 }, { status: 202 }, { status: 'timeout' }]).en).toBe(
      'answers: 2 × 202, 1 × timeout',
    );
    const nothing = judgeKeyOrder({
      endpoint: 'a',
      byKey: { a: [{ partition: undefined, offset: undefined }] },
      answers: { fr: 'réponses : 1 × 202', en: 'answers: 1 × 202' },
    });
    expect(nothing.evidence.summary.en).toContain(
      'None of the 1 notifications sent through a reached the topic (answers: 1 × 202)',
    );
  });
  it('fail fast: dead once both endpoints were tried and nothing landed', () => {
    const lost = (status: number) => ({ ...place(undefined), status });
    const describe = (e: string) => `POST /${e}`;
    expect(nothingLanded({ sync: [lost(503)], async: [] }, describe)).toBeUndefined();
    expect(nothingLanded({ sync: [lost(503)], async: [lost(202), place(2)] }, describe)).toBeUndefined();
    expect(nothingLanded({ sync: [lost(503)], async: [lost(202)] }, describe)?.en).toBe(
      'no notification sent through either endpoint reached the topic (POST /sync: 1 sent, answers: 1 × 503; POST /async: 1 sent, answers: 1 × 202)',
    );
  });
});
