import { describe, expect, it } from 'vitest';
import { judgeBadRequest } from './checks/bad-request.js';
import { judgeLanding } from './checks/landing.js';
import { judgeAsyncFast, judgeSyncWaits } from './checks/latency.js';
import { judgeAsyncFailure, judgeSyncUnreachable } from './checks/unreachable.js';
import { describeMissBriefly, type SuccessPath } from '../notifications/success-path.js';

const sent = { type: 'NEW_MESSAGE' as const, userId: 'u-1', content: 'c-1' };
const rec = { partition: 0, offset: 7, key: 'u-1', json: { ...sent } };

const served = (endpoint: string): SuccessPath => ({
  endpoint,
  sent,
  response: { status: 200, ms: 4, text: '{"partition":0,"offset":1}' },
  landed: true,
});

describe('ex1 judges', () => {
  it('landing: exactly once, right key and fields, where the answer said', () => {
    const base = { endpoint: 'POST /s', sent, waitedMs: 10_000 };
    expect(
      judgeLanding({ ...base, response: { status: 200, ms: 5, json: { partition: 0, offset: '7' } }, records: [rec] })
        .status,
    ).toBe('pass');
    expect(
      judgeLanding({ ...base, response: { status: 200, ms: 5, json: { partition: 1, offset: 7 } }, records: [rec] })
        .evidence.summary.en,
    ).toContain('partition 0, offset 7 on the brokers');
    expect(
      judgeLanding({ ...base, response: { status: 200, ms: 5 }, records: [rec, { ...rec, offset: 8 }] }).evidence
        .summary.en,
    ).toContain('2 times');
    expect(judgeLanding({ ...base, response: { status: 200, ms: 5 }, records: [{ ...rec, key: null }] }).status).toBe(
      'fail',
    );
    expect(judgeLanding({ ...base, response: { status: 500, ms: 5 }, records: [] }).status).toBe('fail');
  });
  it('sync must take at least the injected latency; async must not', () => {
    expect(
      judgeSyncWaits({ endpoint: 'e', latencyMs: 800, response: { status: 200, ms: 812 }, arrived: true }).status,
    ).toBe('pass');
    expect(
      judgeSyncWaits({ endpoint: 'e', latencyMs: 800, response: { status: 200, ms: 1012 }, arrived: false }).evidence
        .summary.en,
    ).toContain('never reached the topic');
    const early = judgeSyncWaits({ endpoint: 'e', latencyMs: 800, response: { status: 200, ms: 12 } });
    expect(early.status).toBe('fail');
    expect(early.evidence.summary.en).toContain(
      'returned after 12 ms while the broker needed 800 ms to acknowledge: the send was not awaited',
    );
    expect(
      judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 9 }, arrived: true }).status,
    ).toBe('pass');
    expect(
      judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 830 }, arrived: true }).status,
    ).toBe('fail');
    expect(
      judgeAsyncFast({ endpoint: 'e', latencyMs: 800, response: { status: 202, ms: 9 }, arrived: false }).status,
    ).toBe('fail');
  });
  it('unreachable brokers: sync must report an error in time; async must count the failure', () => {
    const before = served('POST /s');
    expect(
      judgeSyncUnreachable({ endpoint: 'e', before, response: { status: 503, ms: 10_100 }, boundMs: 15_000 }).status,
    ).toBe('pass');
    expect(
      judgeSyncUnreachable({ endpoint: 'e', before, response: { status: 200, ms: 3 }, boundMs: 15_000 }).status,
    ).toBe('fail');
    expect(
      judgeSyncUnreachable({ endpoint: 'e', before, response: { status: 'timeout', ms: 20_000 }, boundMs: 15_000 })
        .status,
    ).toBe('fail');
    const base = {
      endpoint: 'e',
      failuresEndpoint: 'f',
      success: served('POST /a'),
      response: { status: 202 as const, ms: 4 },
      waitedMs: 20_000,
    };
    expect(judgeAsyncFailure({ ...base, before: 0, after: 1 }).status).toBe('pass');
    expect(judgeAsyncFailure({ ...base, before: 2, after: 2 }).evidence.summary.en).toContain('swallows');
    expect(judgeAsyncFailure({ ...base, before: undefined, after: undefined }).status).toBe('fail');
  });
  it('no credit for an error answer from an endpoint that never served (convention 10)', () => {
    const refused = {
      ...served('POST /notifications/sync'),
      response: { status: 503, ms: 2, text: '{"error":"down"}' },
    };
    const v = judgeSyncUnreachable({ endpoint: 'POST /notifications/sync', before: refused, boundMs: 15_000 });
    expect(v.status).toBe('fail');
    expect(v.evidence.summary.en).toContain(
      'Precondition not met: just before the fault, POST /notifications/sync answered 503 after 2 ms, body: "{\\"error\\":\\"down\\"}" to a valid notification',
    );
    const notLanded = { ...served('POST /a'), landed: false };
    expect(
      judgeAsyncFailure({ endpoint: 'e', failuresEndpoint: 'f', success: notLanded, waitedMs: 20_000 }).evidence.summary
        .en,
    ).toMatch(/did not reach the topic within 10 s; a failure counter going up would therefore prove nothing/);
  });
  it('the contract refusal of a failed sync send is a 5xx, not any non-2xx', () => {
    const v = judgeSyncUnreachable({
      endpoint: 'e',
      before: served('e'),
      response: { status: 400, ms: 3, text: 'Required request parameter' },
      boundMs: 15_000,
    });
    expect(v.status).toBe('fail');
    expect(v.evidence.summary.en).toContain(
      'answered 400 after 3 ms, body: "Required request parameter". The contract asks for a 5xx',
    );
  });
  it('bad requests need 4xx and a service still serving', () => {
    const before = [served('POST /s'), served('POST /a')];
    const r = (status: number | 'refused') => ({ status, ms: 3 });
    expect(
      judgeBadRequest({ before, attempts: [{ endpoint: 'e', body: '{', response: r(400) }], afterwards: r(202) })
        .status,
    ).toBe('pass');
    expect(
      judgeBadRequest({ before, attempts: [{ endpoint: 'e', body: '{', response: r(500) }], afterwards: r(202) })
        .status,
    ).toBe('fail');
    expect(
      judgeBadRequest({ before, attempts: [{ endpoint: 'e', body: '{', response: r(400) }], afterwards: r('refused') })
        .evidence.summary.en,
    ).toContain('no longer serves');
  });
  it('bad request: an endpoint refusing the contract body from the start is a precondition failure, quoting the body', () => {
    const body =
      '{"status":400,"error":"Bad Request","message":"Required request parameter \'message\' for method parameter type String is not present"}';
    const before = [
      { ...served('POST /notifications/sync'), response: { status: 400, ms: 5, text: body } },
      served('POST /a'),
    ];
    const v = judgeBadRequest({ before, attempts: [] });
    expect(v.status).toBe('fail');
    expect(v.evidence.summary.en).toMatch(
      /Precondition not met: POST \/notifications\/sync answered 400 after 5 ms, body: .*Required request parameter 'message'/,
    );
    expect(v.evidence.summary.en).not.toContain('no longer serves');
  });
});

describe('ex1: a service that serves nothing is diagnosed once', () => {
  it('the landing check quotes the log line behind the 400; the fail-fast reason only names the statuses', () => {
    const logLine =
      "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present";
    const response = {
      status: 400,
      ms: 3,
      text: '{"status":400,"error":"Bad Request","path":"/notifications/sync"}',
      logLine,
    };
    const v = judgeLanding({ endpoint: 'POST /notifications/sync', sent, response, records: [], waitedMs: 10_000 });
    expect(v.evidence.summary.en).toBe(
      `POST /notifications/sync answered 400 after 3 ms, body: ${JSON.stringify(response.text)} (its log during the request: ${JSON.stringify(logLine)}) to a valid notification (NEW_MESSAGE).`,
    );
    const miss = (endpoint: string, status: number | 'timeout' | 'refused'): SuccessPath => ({
      endpoint,
      sent,
      response: { status, ms: 3 },
      landed: false,
    });
    expect(describeMissBriefly(miss('POST /notifications/sync', 400)).en).toBe('POST /notifications/sync answered 400');
    expect(describeMissBriefly(miss('POST /s', 'timeout')).en).toBe('POST /s did not answer');
    expect(describeMissBriefly({ ...served('POST /a'), landed: false }).en).toBe(
      'POST /a answered 200 but the notification did not reach the topic',
    );
  });
});
