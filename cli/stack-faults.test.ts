import { describe, expect, it } from 'vitest';
import { planStackFaults, renderPlan, renderStep } from './stack-faults.js';

const base = { brokers: 3, toxiproxy: true, partition: 0, seed: 7 };

describe('kgrade stack up --faults: the schedule checked against the stack before it starts', () => {
  it('draws the steps from the seed, the roles naming the partition given', () => {
    const plan = planStackFaults('leader-kill', { ...base, topic: 'orders' });
    expect(plan.steps.map((s) => s.action.kind)).toEqual(['kill', 'heal']);
    expect(plan.steps[0]!.action).toEqual({ kind: 'kill', target: { leaderOf: { topic: 'orders', partition: 0 } } });
    expect(plan.steps[1]!.atMs - plan.steps[0]!.atMs).toBe(6000);
    expect(planStackFaults('leader-kill', { ...base, topic: 'orders' }).steps).toEqual(plan.steps);
    // A schedule on every broker needs no topic.
    expect(planStackFaults('reset-responses', { ...base, brokers: 1 }).steps).toHaveLength(2);
  });

  it('refuses, with the fix, what this stack cannot play', () => {
    expect(() => planStackFaults('leader-kill', base)).toThrow(/acts on the leader or followers of a partition/);
    expect(() => planStackFaults('leader-kill', base)).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/--topic/) }),
    );
    expect(() => planStackFaults('reset-responses', { ...base, toxiproxy: false })).toThrow(
      "fault schedule 'reset-responses' acts through Toxiproxy (toxic, clear), and --no-toxiproxy leaves it out",
    );
    expect(() => planStackFaults('follower-isolation', { ...base, brokers: 2, topic: 't' })).toThrow(
      "fault schedule 'follower-isolation' needs 3 brokers, the stack has 2",
    );
    expect(() => planStackFaults('isolated-leader-killed', { ...base, brokers: 1, topic: 't' })).toThrow(
      /cuts replication links/,
    );
    expect(() => planStackFaults('nope', base)).toThrow(/no fault schedule named 'nope'/);
  });

  it('prints the plan before, and each step as it is done', () => {
    const plan = planStackFaults('leader-kill', { ...base, topic: 'orders' });
    const lines = renderPlan(plan, 7, 'kgrade stack up --faults leader-kill --seed 7');
    expect(lines[0]).toBe(
      "Fault schedule 'leader-kill': the partition leader is killed (SIGKILL) mid-stream, then restarted (seed 7: kgrade stack up --faults leader-kill --seed 7)",
    );
    expect(lines[1]).toMatch(/^ {2}\+ *\d+ ms {2}kill +the leader of orders-0$/);
    expect(lines[2]).toMatch(/^ {2}\+ *\d+ ms {2}heal$/);
    expect(renderStep({ atMs: 1210, action: 'kill', brokers: [2] })).toBe('  done +  1210 ms  kill broker 2');
    expect(renderStep({ atMs: 5, action: 'kill', brokers: [], detail: 'failed: no topic t' })).toBe(
      '  done +     5 ms  kill  (failed: no topic t)',
    );
  });
});
