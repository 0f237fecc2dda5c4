import { describe, expect, it } from 'vitest';
import { describeHttp, is2xx, is5xx, parseEndpoint } from './http-service.js';
import { readyRuleFor } from './long-running-app.js';

describe('solution shapes (pure parts)', () => {
  it('names what an HTTP answer was, quoting the start of its body', () => {
    expect(describeHttp({ status: 400, ms: 12, text: '{"error":"type"}' }).en).toBe(
      '400 after 12 ms, body: "{\\"error\\":\\"type\\"}"',
    );
    expect(describeHttp({ status: 'timeout', ms: 20_000 }).en).toBe('no answer within 20.0 s');
    expect(describeHttp({ status: 'refused', ms: 3, text: 'fetch failed: ECONNREFUSED' }).en).toBe(
      'connection refused (fetch failed: ECONNREFUSED)',
    );
    expect([is2xx(204), is2xx('timeout'), is5xx(503), is5xx(404)]).toEqual([true, false, true, false]);
    expect(parseEndpoint('POST /notifications/sync')).toEqual({ method: 'POST', path: '/notifications/sync' });
  });
  it("waits for the contract's ready line unless kgrade.json declares one", () => {
    expect(readyRuleFor({}, 'KGRADE READY', 60_000)).toMatchObject({ line: 'KGRADE READY', timeoutMs: 60_000 });
    const declared = readyRuleFor({ ready: { log: 'Started .* in', timeoutSeconds: 90 } }, 'KGRADE READY', 60_000);
    expect(declared.pattern.test('Started App in 3 s')).toBe(true);
    expect(declared.timeoutMs).toBe(90_000);
  });
});
