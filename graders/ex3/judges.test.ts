import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../kit/judging/history.js';
import { judgeAtLeastOnce, judgeCommitAfterProcessing, judgeLag, judgeResume } from './checks/commits.js';
import { judgeCriticalAssignment, judgeGroupsByType, neverConsumed, type GroupsObs } from './checks/groups.js';
import { judgeCriticalLatency, lateCountForP95, p95, p95SettledAboveBound } from './checks/latency.js';
import { judgeRebalance } from './checks/rebalance.js';
import { readyRule } from './ready.js';

const groups = { critical: 'crit', general: 'gen' };
const obs = (over: Partial<GroupsObs> = {}): GroupsObs => ({
  groups,
  reserved: [0],
  processedBy: [
    { id: 'a', type: 'NEW_MESSAGE', partition: 0, groups: ['crit'] },
    { id: 'b', type: 'LIKE', partition: 3, groups: ['gen'] },
  ],
  committed: { critical: { 0: 5 }, general: { 3: 9 } },
  members: {
    critical: { state: 'Stable', members: [{ id: 'm1', partitions: [0] }] },
    general: { state: 'Stable', members: [{ id: 'm2', partitions: [1, 2, 3, 4, 5] }] },
  },
  ...over,
});

describe('ex3 judges', () => {
  it('groups by type and critical assignment', () => {
    expect(judgeGroupsByType(obs()).status).toBe('pass');
    expect(
      judgeGroupsByType(obs({ processedBy: [{ id: 'a', type: 'NEW_MESSAGE', partition: 0, groups: ['gen'] }] })).status,
    ).toBe('fail');
    expect(judgeCriticalAssignment(obs()).status).toBe('pass');
    expect(
      judgeCriticalAssignment(
        obs({
          committed: { critical: { 1: 3 }, general: {} },
          members: { critical: { state: 'Empty', members: [] }, general: { state: 'Empty', members: [] } },
        }),
      ).evidence.summary.en,
    ).toContain('committed on [1]');
  });
  it('critical latency: p95 under the bound, every general processed', () => {
    expect(p95([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100])).toBe(19);
    const base = { floodSize: 500, processingMs: 20, generalProcessed: 500, boundMs: 3000 };
    expect(judgeCriticalLatency({ ...base, criticalDelaysMs: Array(20).fill(150) }).status).toBe('pass');
    expect(judgeCriticalLatency({ ...base, criticalDelaysMs: Array(20).fill(8000) }).status).toBe('fail');
    expect(judgeCriticalLatency({ ...base, criticalDelaysMs: [...Array(19).fill(100), undefined] }).status).toBe(
      'fail',
    );
  });
  it('critical latency: the wait ends early only when the p95 is above the bound whatever comes next', () => {
    // 20 values: the p95 is the 19th smallest, so two above the bound put it above.
    expect(lateCountForP95(20)).toBe(2);
    expect(lateCountForP95(1)).toBe(1);
    const critical = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, ackedAtMs: 1000 + i * 100 }));
    const none = () => undefined;
    // Nothing processed, 3.05 s after the first ack: only c0 is beyond 3 s.
    expect(p95SettledAboveBound(critical, none, 4050, 3000)).toBe(false);
    // 3.15 s: c0 and c1 are: the p95 cannot come under 3 s any more.
    expect(p95SettledAboveBound(critical, none, 4150, 3000)).toBe(true);
    // Both processed within the bound: the others are still young, nothing decided.
    const fast = (id: string) => (id === 'c0' || id === 'c1' ? 1500 : undefined);
    expect(p95SettledAboveBound(critical, fast, 4150, 3000)).toBe(false);
    // One processed late counts as late for good.
    const oneLate = (id: string) => (id === 'c0' ? 5000 : undefined);
    expect(p95SettledAboveBound(critical, oneLate, 4150, 3000)).toBe(true);
    const base = { floodSize: 300, processingMs: 20, generalProcessed: 300, boundMs: 3000 };
    const stopped = judgeCriticalLatency({
      ...base,
      criticalDelaysMs: Array(20).fill(undefined),
      settledAfterMs: 3160,
    });
    expect(stopped.status).toBe('fail');
    expect(stopped.evidence.summary.en).toContain('still not processed 3.2 s after');
    expect(stopped.evidence.summary.en).toContain('could no longer come under');
  });
  it('rebalance needs a split and a hand-back', () => {
    const a = [{ id: 'x', partitions: [1, 2, 3, 4, 5] }];
    const two = [
      { id: 'x', partitions: [1, 2, 3] },
      { id: 'y', partitions: [4, 5] },
    ];
    expect(
      judgeRebalance({
        group: 'gen',
        before: a,
        withTwo: two,
        joinMs: 3000,
        afterLeave: a,
        leaveMs: 2000,
        generalPartitions: [1, 2, 3, 4, 5],
      }).status,
    ).toBe('pass');
    expect(judgeRebalance({ group: 'gen', before: a, generalPartitions: [1, 2, 3, 4, 5] }).status).toBe('fail');
  });
  it('commits: none, ahead of processing, or after', () => {
    expect(judgeCommitAfterProcessing({ group: 'gen', samples: 30, commitsSeen: false, violations: [] }).status).toBe(
      'fail',
    );
    expect(
      judgeCommitAfterProcessing({
        group: 'gen',
        samples: 30,
        commitsSeen: true,
        violations: [{ partition: 1, offset: 4, committedAtLatestMs: 1000, processedAtMs: 1020 }],
      }).evidence.summary.en,
    ).toContain('processed 20 ms later');
    expect(judgeCommitAfterProcessing({ group: 'gen', samples: 30, commitsSeen: true, violations: [] }).status).toBe(
      'pass',
    );
    const franz = [{ family: 'franz-go' as const, library: 'github.com/twmb/franz-go', file: 'go.mod' }];
    const ahead = judgeCommitAfterProcessing({
      group: 'gen',
      samples: 30,
      commitsSeen: true,
      violations: [{ partition: 1, offset: 4, committedAtLatestMs: 1000 }],
      clients: franz,
    });
    expect(ahead.evidence.summary.en).toContain(
      '(at-most-once). The solution declares github.com/twmb/franz-go (franz-go, go.mod): kgo.DisableAutoCommit() and client.CommitRecords(ctx, record) after processing.',
    );
    // Commits left over from earlier batches and nothing of this one processed: no violation is not a pass.
    const idle = judgeCommitAfterProcessing({
      group: 'gen',
      batch: 150,
      batchProcessed: 0,
      samples: 600,
      commitsSeen: true,
      violations: [],
    });
    expect(idle.status).toBe('fail');
    expect(idle.evidence.summary.en).toContain('None of the 150 notifications of the batch was processed');
  });
  it('restart: no re-reading, no skipping', () => {
    const base = { group: 'gen', writtenWhileDown: 20, processedAfterRestart: 20, tolerance: 10, exitCode: 0 };
    expect(judgeResume({ ...base, reprocessed: 0 }).status).toBe('pass');
    expect(judgeResume({ ...base, reprocessed: 700 }).status).toBe('fail');
    const early = judgeResume({ ...base, reprocessed: 11, processedAfterRestart: 0, stoppedAtTolerance: true });
    expect(early.status).toBe('fail');
    expect(early.evidence.summary.en).toContain(
      '11 already-processed notification(s) were processed again by the time the grader stopped watching (more than the',
    );
    expect(judgeResume({ ...base, reprocessed: 0, processedAfterRestart: 12 }).status).toBe('fail');
  });
  it('crash: loss fails, duplicates are reported only', () => {
    const w = (id: string, i: number) => ({
      id,
      key: 'k',
      outcome: 'acked' as const,
      seq: i,
      sentAtMs: i,
      ackPartition: 1,
      ackOffset: i,
    });
    const clean = checkHistory(
      [w('a', 0), w('b', 1)],
      [
        { id: 'a', key: null, partition: 0, offset: 0 },
        { id: 'a', key: null, partition: 0, offset: 1 },
        { id: 'b', key: null, partition: 0, offset: 2 },
      ],
    );
    expect(
      judgeAtLeastOnce({ killedAfterProcessed: 1, batch: 2, killTrigger: 't', report: clean }).evidence.summary.en,
    ).toContain('1 duplicate');
    const lossy = checkHistory([w('a', 0), w('b', 1)], [{ id: 'a', key: null, partition: 0, offset: 0 }]);
    expect(judgeAtLeastOnce({ killedAfterProcessed: 1, batch: 2, killTrigger: 't', report: lossy }).status).toBe(
      'fail',
    );
  });
  it('lag must reach zero within the bound', () => {
    const burst = { burst: 60, burstProcessed: 60 };
    expect(judgeLag({ ...burst, lagAtStart: 40, lagAtEnd: 0, zeroAfterMs: 1200, boundMs: 30_000 }).status).toBe('pass');
    expect(judgeLag({ ...burst, lagAtStart: 40, lagAtEnd: 40, boundMs: 30_000 }).status).toBe('fail');
  });
  it('lag: a lag of 0 with nothing of the burst processed proves nothing', () => {
    const j = judgeLag({
      burst: 60,
      burstProcessed: 0,
      lagAtStart: 60,
      lagAtEnd: 0,
      zeroAfterMs: 500,
      boundMs: 30_000,
    });
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('None of the 60 notifications of the last burst was processed');
  });
  it('crash: says only what was observed (a commit ahead of processing only when one was seen)', () => {
    const w = (id: string, i: number) => ({
      id,
      key: 'k',
      outcome: 'acked' as const,
      seq: i,
      sentAtMs: i,
      ackPartition: 1,
      ackOffset: i,
    });
    const lossy = checkHistory([w('a', 0), w('b', 1)], [{ id: 'a', key: null, partition: 0, offset: 0 }]);
    expect(
      judgeAtLeastOnce({ killedAfterProcessed: 1, batch: 2, killTrigger: 't', report: lossy }).evidence.summary.en,
    ).not.toContain('committed');
    expect(
      judgeAtLeastOnce({
        killedAfterProcessed: 1,
        batch: 2,
        killTrigger: 't',
        commitAhead: { partition: 1, offset: 1 },
        report: lossy,
      }).evidence.summary.en,
    ).toContain('offset 1 of partition 1 was seen committed before it was processed');
    const nothing = judgeAtLeastOnce({
      killedAfterProcessed: 0,
      batch: 2,
      killTrigger: 't',
      report: checkHistory([w('a', 0), w('b', 1)], []),
    });
    expect(nothing.status).toBe('fail');
    expect(nothing.evidence.summary.en).toContain('None of the 2 notifications written was processed');
  });
  it('fail fast: dead when nothing was processed and neither group has a member or an offset', () => {
    const empty = { state: 'Dead', members: [] };
    const idle = obs({
      processedBy: [{ id: 'a', type: 'LIKE', partition: 3, groups: [] }],
      committed: { critical: {}, general: {} },
      members: { critical: empty, general: empty },
    });
    expect(neverConsumed(idle, 30_000)?.en).toBe(
      'none of the 1 notifications written was processed in 30 s (group "crit": no member, no committed offset; group "gen": no member, no committed offset)',
    );
    expect(judgeGroupsByType(idle).evidence.summary.en).toContain('group "gen": no member, no committed offset');
    // Joined but processing elsewhere: not dead, the group checks still judge what they see.
    expect(
      neverConsumed(
        {
          ...idle,
          members: { critical: empty, general: { state: 'Stable', members: [{ id: 'm', partitions: [1] }] } },
        },
        30_000,
      ),
    ).toBeUndefined();
    expect(neverConsumed(obs(), 30_000)).toBeUndefined();
  });
  it('ready: the declared ready.log line, else KGRADE READY', () => {
    expect(readyRule({}).pattern.test('... KGRADE READY')).toBe(true);
    const spring = readyRule({ ready: { log: 'Started DemoBaseKafkaApplication', timeoutSeconds: 120 } });
    expect(spring.pattern.test('INFO Started DemoBaseKafkaApplication in 3.2 seconds')).toBe(true);
    expect(spring.pattern.test('KGRADE READY')).toBe(false);
    expect(spring.timeoutMs).toBe(120_000);
  });
});
