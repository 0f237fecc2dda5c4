import { describe, expect, it } from 'vitest';
import { judgeBothProducers } from './checks/both-producers.js';
import { judgeCriticalOnReserved } from './checks/critical-on-reserved.js';
import { judgeBalanced, judgeOffReserved } from './checks/general-spread.js';
import { judgeKeyOrder } from './checks/key-order.js';
import { nothingLanded } from './prepare.js';
import { describeAnswers } from './traffic.js';

const place = (partition: number | undefined, i = 0) => ({ type: 'NEW_MESSAGE' as const, key: `k${i}`, content: `c${i}`, partition, offset: i, status: 200 });

describe('ex2 judges', () => {
  it('critical notifications must all be on reserved partitions', () => {
    expect(judgeCriticalOnReserved({ endpoint: 'e', reserved: [0], placements: [place(0), place(0, 1)] }).status).toBe('pass');
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
    expect(judgeKeyOrder({ endpoint: 'e', byKey: { a: [{ partition: 1, offset: 3 }, { partition: 1, offset: 9 }] } }).status).toBe('pass');
    expect(judgeKeyOrder({ endpoint: 'e', byKey: { a: [{ partition: 1, offset: 3 }, { partition: 2, offset: 9 }] } }).evidence.summary.en).toContain('spread over partitions 1, 2');
    expect(judgeKeyOrder({ endpoint: 'e', byKey: { a: [{ partition: 1, offset: 9 }, { partition: 1, offset: 3 }] } }).status).toBe('fail');
  });
  it('both producers must follow the partitioner', () => {
    const ok = { reserved: [0], partitions: 6, syncEndpoint: 's', asyncEndpoint: 'a', criticalViaAsync: [place(0)], generalViaSync: [{ ...place(2), type: 'LIKE' as const }] };
    expect(judgeBothProducers(ok).status).toBe('pass');
    expect(judgeBothProducers({ ...ok, criticalViaAsync: [place(4)] }).status).toBe('fail');
    expect(judgeBothProducers({ ...ok, generalViaSync: [{ ...place(0), type: 'LIKE' as const }] }).status).toBe('fail');
  });
  it('a service answering 503 gets nothing, and the diagnosis quotes what it answered', () => {
    const refused = Array.from({ length: 30 }, (_, i) => ({ ...place(undefined, i), status: 503, body: '{"error":"unavailable"}' }));
    const j = judgeCriticalOnReserved({ endpoint: 'POST /notifications/sync', reserved: [0], placements: refused });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('None of the 30 critical notifications sent through the synchronous producer (POST /notifications/sync) reached the topic (answers: 30 × 503, body "{"error":"unavailable"}")');
    expect(describeAnswers([{ status: 202 }, { status: 202 }, { status: 'timeout' }]).en).toBe('answers: 2 × 202, 1 × timeout');
    const nothing = judgeKeyOrder({ endpoint: 'a', byKey: { a: [{ partition: undefined, offset: undefined }] }, answers: { fr: 'réponses : 1 × 202', en: 'answers: 1 × 202' } });
    expect(nothing.evidence.summary.en).toContain('None of the 1 notifications sent through a reached the topic (answers: 1 × 202)');
  });
  it('fail fast: dead once both endpoints were tried and nothing landed', () => {
    const lost = (status: number) => ({ ...place(undefined), status });
    const describe = (e: string) => `POST /${e}`;
    expect(nothingLanded({ sync: [lost(503)], async: [] }, describe)).toBeUndefined();
    expect(nothingLanded({ sync: [lost(503)], async: [lost(202), place(2)] }, describe)).toBeUndefined();
    expect(nothingLanded({ sync: [lost(503)], async: [lost(202)] }, describe)?.en).toBe('no notification sent through either endpoint reached the topic (POST /sync: 1 sent, answers: 1 × 503; POST /async: 1 sent, answers: 1 × 202)');
  });
});
