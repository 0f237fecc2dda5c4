import { describe, expect, it } from 'vitest';
import { judgeBadRequest } from './checks/bad-request.js';
import { judgeLanding } from './checks/landing.js';
import { judgeAsyncFast, judgeSyncWaits } from './checks/latency.js';
import { judgeAsyncFailure, judgeSyncUnreachable } from './checks/unreachable.js';

const sent = { type: 'NEW_MESSAGE' as const, userId: 'u-1', content: 'c-1' };
const rec = { partition: 0, offset: 7, key: 'u-1', json: { ...sent } };

describe('ex1 judges', () => {
  it('landing: exactly once, right key and fields, where the answer said', () => {
    const base = { endpoint: 'POST /s', sent, waitedMs: 10_000 };
    expect(judgeLanding({ ...base, response: { status: 200, ms: 5, json: { partition: 0, offset: '7' } }, records: [rec] }).status).toBe('pass');
    expect(judgeLanding({ ...base, response: { status: 200, ms: 5, json: { partition: 1, offset: 7 } }, records: [rec] }).evidence.summary.en).toContain('partition 0, offset 7 on the brokers');
    expect(judgeLanding({ ...base, response: { status: 200, ms: 5 }, records: [rec, { ...rec, offset: 8 }] }).evidence.summary.en).toContain('2 times');
    expect(judgeLanding({ ...base, response: { status: 200, ms: 5 }, records: [{ ...rec, key: null }] }).status).toBe('fail');
    expect(judgeLanding({ ...base, response: { status: 500, ms: 5 }, records: [] }).status).toBe('fail');
  });
  it('sync must take at least the injected latency; async must not', () => {
    expect(judgeSyncWaits({ endpoint: 'e', latencyMs: 800, response: { status: 200, ms: 812 } }).status).toBe('pass');
    const early = judgeSyncWaits({ endpoint: 'e', latencyMs: 800, response: { status: 200, ms: 12 } });
    expect(early.status).toBe('fail');
    expect(early.evidence.summary.en).toContain('returned after 12 ms while the broker needed 800 ms to acknowledge: the send was not awaited');
    expect(judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 9 }, arrived: true }).status).toBe('pass');
    expect(judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 830 }, arrived: true }).status).toBe('fail');
    expect(judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 9 }, arrived: false }).status).toBe('fail');
  });
  it('unreachable brokers: sync must report an error in time; async must count the failure', () => {
    expect(judgeSyncUnreachable({ endpoint: 'e', response: { status: 503, ms: 10_100 }, boundMs: 15_000 }).status).toBe('pass');
    expect(judgeSyncUnreachable({ endpoint: 'e', response: { status: 200, ms: 3 }, boundMs: 15_000 }).status).toBe('fail');
    expect(judgeSyncUnreachable({ endpoint: 'e', response: { status: 'timeout', ms: 20_000 }, boundMs: 15_000 }).status).toBe('fail');
    const base = { endpoint: 'e', failuresEndpoint: 'f', response: { status: 202 as const, ms: 4 }, waitedMs: 20_000 };
    expect(judgeAsyncFailure({ ...base, before: 0, after: 1 }).status).toBe('pass');
    expect(judgeAsyncFailure({ ...base, before: 2, after: 2 }).evidence.summary.en).toContain('swallows');
    expect(judgeAsyncFailure({ ...base, before: undefined, after: undefined }).status).toBe('fail');
  });
  it('bad requests need 4xx and a service still serving', () => {
    expect(judgeBadRequest({ attempts: [{ endpoint: 'e', body: '{', status: 400 }], afterwards: 202 }).status).toBe('pass');
    expect(judgeBadRequest({ attempts: [{ endpoint: 'e', body: '{', status: 500 }], afterwards: 202 }).status).toBe('fail');
    expect(judgeBadRequest({ attempts: [{ endpoint: 'e', body: '{', status: 400 }], afterwards: 'refused' }).status).toBe('fail');
  });
});
