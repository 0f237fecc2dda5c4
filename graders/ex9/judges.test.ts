import { describe, expect, it } from 'vitest';
import { checkHistory, type ObservedRecord, type Write } from '../../kit/judging/history.js';
import type { ExitInfo } from '../../runner/solution-process.js';
import { judgeReplay, type ReplayObs } from './checks/replay-range.js';
import { judgeDurability } from './checks/topic-durability.js';
import { judgeNoDuplicates, judgeNoLoss } from './checks/under-faults.js';
import type { ProduceUnderFault } from './produce-run.js';

const exit: ExitInfo = { code: 0, signal: null, timedOut: false, flooded: false, durationMs: 4000 };

/** Writes w0..w(n-1), all acknowledged at partition 0, offset i (unless said otherwise). */
function writes(n: number, outcome: Write['outcome'] = 'acked'): Write[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `w${i}`,
    key: `k${i % 3}`,
    outcome,
    seq: i,
    sentAtMs: i * 10,
    doneAtMs: i * 10 + 5,
    ...(outcome === 'acked' ? { ackPartition: 0, ackOffset: i } : {}),
  }));
}
const stored = (ids: number[]): ObservedRecord[] =>
  ids.map((id, offset) => ({ id: `w${id}`, key: `k${id % 3}`, partition: 0, offset }));

function underFault(ws: Write[], observed: ObservedRecord[]): ProduceUnderFault {
  return {
    scenario: 'reset-responses',
    count: ws.length,
    exit,
    timeline: [{ atMs: 100, action: 'timeout toxic', brokers: [1] }],
    report: checkHistory(ws, observed),
    unreadableLines: 0,
  };
}

describe('ex9 judges', () => {
  it('no-duplicates-under-retries: a clean history passes', () => {
    expect(judgeNoDuplicates(underFault(writes(5), stored([0, 1, 2, 3, 4]))).status).toBe('pass');
  });

  it('no-duplicates-under-retries: a retried write stored twice fails and names its offsets', () => {
    const j = judgeNoDuplicates(underFault(writes(4), stored([0, 1, 1, 2, 3])));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('w1 at offsets 0:1, 0:2');
    expect(j.evidence.data).toMatchObject({ duplicateCount: 1 });
  });

  it('no-duplicates-under-retries: without duplicates, a lost acknowledged write still fails', () => {
    const j = judgeNoDuplicates(underFault(writes(3), stored([0, 2])));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain(
      'w1 (acknowledged at 0:1; at that position the brokers hold w2 (a send acknowledged))',
    );
  });

  it('a producer that acknowledged nothing fails with a pointer to its output, not a pass by emptiness', () => {
    const j = judgeNoLoss(underFault(writes(3, 'unknown'), []));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('acknowledged no send');
  });

  it('a producer that reports every record failed gets no credit for "no loss" nor "no duplicate" (convention 10)', () => {
    for (const judge of [judgeNoLoss, judgeNoDuplicates]) {
      const j = judge(underFault(writes(300, 'failed'), []));
      expect(j.status).toBe('fail');
      expect(j.evidence.summary.en).toMatch(
        /acknowledged no send \(0 acknowledged, 300 failed, 0 without an outcome.*mean nothing without acknowledged records/,
      );
    }
  });

  it('no-loss-on-leader-kill: lost acknowledged writes fail with the acks=all explanation', () => {
    const j = judgeNoLoss(underFault(writes(4), stored([0, 1])));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/2 record\(s\) acknowledged.*only acks=all/);
    expect(judgeNoLoss(underFault(writes(4), stored([0, 1, 2, 3]))).status).toBe('pass');
  });

  it("no-loss-on-leader-kill: an acknowledgement naming an earlier record's position says so instead of blaming acks", () => {
    // The flaky run's shape: w2 reported failed yet stored at 0:2; w3 acknowledged at 0:2, stored nowhere.
    const ws = [
      ...writes(2),
      { id: 'w2', key: 'k2', outcome: 'failed' as const, seq: 2, sentAtMs: 20 },
      { ...writes(4)[3]!, ackOffset: 2 },
    ];
    const j = judgeNoLoss(underFault(ws, stored([0, 1, 2])));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /w3 \(acknowledged at 0:2; at that position the brokers hold w2 \(a send reported as failed\)\)\..*position of a record sent before it/,
    );
    expect(j.evidence.summary.en).not.toContain('acks=all');
    // A later record at the acknowledged offset (a new leader reused it) keeps the acks=all explanation.
    const acks1 = judgeNoLoss(underFault(writes(4), stored([0, 1, 3])));
    expect(acks1.evidence.summary.en).toMatch(
      /w2 \(acknowledged at 0:2; at that position the brokers hold w3 \(a send acknowledged\)\)\..*only acks=all/,
    );
  });

  it('no-loss-on-leader-kill: a partition with a single replica fails on that precondition, whatever was stored', () => {
    const clean = { ...underFault(writes(4), stored([0, 1, 2, 3])), noFollowers: { partition: 0, replicas: [2] } };
    const j = judgeNoLoss(clean);
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(
      /Partition 0 of the topic has a single replica \(broker 2\).*cannot be played.*4 acknowledged/,
    );
    expect(j.evidence.data).toMatchObject({ replicas: [2] });
    // A producer that acknowledged nothing is still told that first (convention 10).
    expect(
      judgeNoLoss({ ...underFault(writes(3, 'failed'), []), noFollowers: { partition: 0, replicas: [2] } }).evidence
        .summary.en,
    ).toContain('acknowledged no send');
  });

  it('no-loss-on-leader-kill: a failed write present anyway is not a loss', () => {
    const ws = [...writes(2), { id: 'w2', key: 'k2', outcome: 'failed' as const, seq: 2, sentAtMs: 20 }];
    expect(judgeNoLoss(underFault(ws, stored([0, 1, 2]))).status).toBe('pass');
  });

  it('topic-durability: RF 3 with min.insync.replicas 2 passes; RF 1, min ISR 1 or a missing topic fail', () => {
    const base = { topic: 't', exists: true, setupExitCode: 0, partitions: 3 };
    expect(judgeDurability({ ...base, replicationFactor: 3, minInsyncReplicas: 2 }).status).toBe('pass');
    expect(judgeDurability({ ...base, replicationFactor: 1, minInsyncReplicas: 2 }).status).toBe('fail');
    const spring = [{ family: 'java' as const, library: 'spring-kafka', file: 'pom.xml' }];
    expect(
      judgeDurability({ ...base, replicationFactor: 3, minInsyncReplicas: 1, clients: spring }).evidence.summary.en,
    ).toContain(
      'The solution declares spring-kafka (Java client, pom.xml): new NewTopic(topic, partitions, (short) 3).configs(Map.of("min.insync.replicas", "2"))',
    );
    expect(
      judgeDurability({ ...base, replicationFactor: 3, minInsyncReplicas: 2, clients: spring }).evidence.summary.en,
    ).not.toContain('declares');
    expect(judgeDurability({ ...base, replicationFactor: 3, minInsyncReplicas: 1 }).status).toBe('fail');
    expect(judgeDurability({ ...base, replicationFactor: 3 }).status).toBe('fail');
    expect(judgeDurability({ ...base, replicationFactor: 3, minInsyncReplicas: 3 }).status).toBe('fail');
    expect(
      judgeDurability({ ...base, exists: false, partitions: 0, replicationFactor: 0 }).evidence.summary.en,
    ).toContain('did not create');
  });

  const replay = (o: Partial<ReplayObs>): ReplayObs => ({
    group: 'g',
    fromMs: 0,
    expected: ['a', 'b'],
    redelivered: ['a', 'b'],
    otherRecords: 0,
    committedBefore: { 0: '60' },
    committedAfter: { 0: '30' },
    exit,
    ...o,
  });

  it('replay-range: exactly the records since the time pass; nothing, too much or too little fail', () => {
    expect(judgeReplay(replay({})).status).toBe('pass');
    expect(judgeReplay(replay({ redelivered: [] })).evidence.summary.en).toContain('would read nothing again');
    expect(judgeReplay(replay({ redelivered: ['a', 'b', 'c'] })).evidence.summary.en).toContain('1 extra');
    expect(judgeReplay(replay({ otherRecords: 30 })).evidence.summary.en).toContain('30 extra');
    expect(judgeReplay(replay({ redelivered: ['a'] })).evidence.summary.en).toContain('1 missing');
  });
});
