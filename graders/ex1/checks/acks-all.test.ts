import { describe, expect, it } from 'vitest';
import type { SuccessPath } from '../../notifications/success-path.js';
import { judgeAcksAll, type AcksAllObs } from './acks-all.js';

const sent = { type: 'NEW_MESSAGE' as const, userId: 'u-1', content: 'kgrade run #1' };
const baseline = (response: SuccessPath['response'], landed: boolean): SuccessPath => ({
  endpoint: 'POST /notifications/sync',
  sent,
  response,
  landed,
});
const landedBaseline = baseline({ status: 200, ms: 30, text: '{"partition":0,"offset":4}' }, true);
const base: AcksAllObs = {
  endpoint: 'POST /notifications/sync',
  baseline: landedBaseline,
  stoppedBrokers: [2, 3],
  isrDuringSend: [[1], [1]],
  minInsyncReplicas: 2,
  brokerLogs: true,
  attempts: [],
};

describe('critical-acks-all', () => {
  it('passes a refusal the leader broker logged as NOT_ENOUGH_REPLICAS', () => {
    const j = judgeAcksAll({
      ...base,
      attempts: [{ response: { status: 503, ms: 10_000, text: '{"error":"x"}' }, brokerRefusals: 6 }],
    });
    expect(j.status).toBe('pass');
    expect(j.evidence.summary.en).toMatch(/refused 6 write/);
  });
  it('fails a 503 the brokers never refused: a client that had not reached the leader answers the same with acks=1', () => {
    const j = judgeAcksAll({
      ...base,
      attempts: [
        {
          response: { status: 503, ms: 8119, text: '{"error":"Request Metadata(key: 3, version: 6) timed out"}' },
          brokerRefusals: 0,
        },
      ],
    });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /503 after 8\.1 s, body: "\{\\"error\\":\\"Request Metadata.*no broker refused a write/,
    );
  });
  it("does not take the answer's word for it when the brokers can be asked", () => {
    expect(
      judgeAcksAll({
        ...base,
        attempts: [{ response: { status: 503, ms: 50, text: 'NOT_ENOUGH_REPLICAS' }, brokerRefusals: 0 }],
      }).status,
    ).toBe('fail');
  });
  it('takes an answer naming NOT_ENOUGH_REPLICAS where broker logs cannot be read', () => {
    expect(
      judgeAcksAll({
        ...base,
        brokerLogs: false,
        attempts: [{ response: { status: 500, ms: 50, text: 'NotEnoughReplicasException: fewer in-sync replicas' } }],
      }).status,
    ).toBe('pass');
    expect(
      judgeAcksAll({ ...base, brokerLogs: false, attempts: [{ response: { status: 503, ms: 50, text: 'down' } }] })
        .status,
    ).toBe('fail');
  });
  it('fails an accepted send, naming where it landed', () => {
    const j = judgeAcksAll({
      ...base,
      attempts: [
        { response: { status: 503, ms: 3000 }, brokerRefusals: 0 },
        { response: { status: 200, ms: 20 }, brokerRefusals: 0 },
      ],
      landed: { partition: 0, offset: 3 },
    });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/accepted \(200\) \(partition 0, offset 3\).*does not use acks=all/);
  });
  it('gives nothing to an endpoint that never produced a valid notification, whatever it answers under faults', () => {
    const refusing = baseline({ status: 503, ms: 12, text: 'Service Unavailable' }, false);
    const j = judgeAcksAll({ ...base, baseline: refusing, stoppedBrokers: [], isrDuringSend: [] });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /Precondition not met: .*answered 503 after 12 ms, body: "Service Unavailable" to a valid notification; a refusal under faults would therefore prove nothing/,
    );
    const silent = baseline({ status: 200, ms: 5, text: 'ok' }, false);
    expect(judgeAcksAll({ ...base, baseline: silent }).evidence.summary.en).toMatch(/did not reach the topic/);
  });
});
