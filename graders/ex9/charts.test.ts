import { describe, expect, it } from 'vitest';
import { checkHistory, type Write } from '../../kit/judging/history.js';
import type { FaultScenario } from '../../kit/faults/fault-types.js';
import type { ExitInfo } from '../../runner/solution-process.js';
import { judgeBelowMinIsr, type BelowMinIsrObs } from './checks/below-min-isr.js';
import { judgeNoLoss } from './checks/under-faults.js';
import type { ProduceUnderFault } from './produce-run.js';
import { judgeExperiment } from './scenario-experiment.js';

const exit: ExitInfo = { code: 0, signal: null, timedOut: false, flooded: false, durationMs: 4000 };
const timeline = [
  { atMs: 3200, action: 'kill', brokers: [2] },
  { atMs: 1200, action: 'replication-down', brokers: [2] },
];
const writes: Write[] = [0, 1, 2].map((i) => ({
  id: `w${i}`,
  key: 'k',
  outcome: i === 2 ? 'failed' : 'acked',
  seq: i,
  sentAtMs: i,
  doneAtMs: i + 1,
  ...(i < 2 ? { ackPartition: 0, ackOffset: i } : {}),
}));
const run: ProduceUnderFault = {
  scenario: 'leader-killed',
  count: 3,
  exit,
  timeline,
  report: checkHistory(writes, [{ id: 'w0', key: 'k', partition: 0, offset: 0 }]),
  unreadableLines: 0,
};

describe('ex9 asks for its charts', () => {
  it('under faults: the delivery outcome, then the faults injected', () => {
    const { charts } = judgeNoLoss(run).evidence;
    expect(charts).toEqual([
      {
        kind: 'delivery',
        shows: ['writes', 'lostCount', 'duplicateCount'],
        acked: 2,
        failed: 1,
        unknown: 0,
        lost: 1,
        duplicates: 0,
      },
      { kind: 'faults', shows: ['timeline'], events: timeline },
    ]);
  });

  it('a scenario experiment draws the same two charts', () => {
    const s: FaultScenario = { name: 'leader-killed', description: 'd', needsBrokerControl: true, steps: () => [] };
    expect(judgeExperiment(s, run).evidence.charts?.map((c) => c.kind)).toEqual(['delivery', 'faults']);
  });

  it('below min ISR: the faults injected, none when no fault ran', () => {
    const o: BelowMinIsrObs = {
      topic: 't',
      timeline,
      isrSizes: [1],
      sent: 5,
      acked: 0,
      failed: 5,
      unknown: 0,
      present: 0,
      exit,
      brokerRefusals: 5,
    };
    expect(judgeBelowMinIsr(o).evidence.charts).toEqual([{ kind: 'faults', shows: ['timeline'], events: timeline }]);
    expect(judgeBelowMinIsr({ ...o, timeline: [] }).evidence.charts ?? []).toEqual([]);
  });
});
