import { describe, expect, it } from 'vitest';
import type { ExitInfo } from '../../../runner/solution-process.js';
import { judgeBelowMinIsr, type BelowMinIsrObs } from './below-min-isr.js';

const exit: ExitInfo = { code: 0, signal: null, timedOut: false, flooded: false, durationMs: 4000 };
const belowMin = (o: Partial<BelowMinIsrObs>): BelowMinIsrObs => ({
  topic: 't',
  topicExists: true,
  timeline: [],
  isrSizes: [1, 1, 1],
  sent: 3,
  acked: 0,
  failed: 3,
  unknown: 0,
  present: 0,
  exit,
  brokerRefusals: 9,
  ...o,
});

describe('refuses-below-min-isr', () => {
  it('passes every send refused while the broker refused the writes; one accepted or one stored fails', () => {
    expect(judgeBelowMinIsr(belowMin({})).status).toBe('pass');
    expect(judgeBelowMinIsr(belowMin({})).evidence.summary.en).toContain('the broker having refused 9 write(s)');
    expect(judgeBelowMinIsr(belowMin({ acked: 3, failed: 0, present: 3 })).evidence.summary.en).toContain(
      '3 of 3 send(s) acknowledged',
    );
    expect(judgeBelowMinIsr(belowMin({ acked: 0, failed: 0, unknown: 3, present: 1 })).status).toBe('fail');
  });

  it('no outcome at all is no evidence of a refusal', () => {
    const j = judgeBelowMinIsr(belowMin({ failed: 0, unknown: 3, exit: { ...exit, code: 1 } }));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('none of the 3 sends came to an outcome');
    expect(judgeBelowMinIsr(belowMin({ failed: 2, unknown: 1 })).status).toBe('pass');
  });

  it('a producer printing "failed" without the broker refusing anything gets nothing', () => {
    const j = judgeBelowMinIsr(belowMin({ brokerRefusals: 0 }));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toMatch(/printed 3 failed send\(s\), but no broker refused a write/);
  });

  it('judges by the outcomes alone where broker logs cannot be read', () => {
    expect(judgeBelowMinIsr(belowMin({ brokerRefusals: undefined })).status).toBe('pass');
  });

  it("a topic the setup role never created is the solution's failure", () => {
    const j = judgeBelowMinIsr(belowMin({ topicExists: false, sent: 0, failed: 0 }));
    expect(j.status).toBe('fail');
    expect(j.evidence.summary.en).toContain('does not exist (the setup role did not create it)');
  });
});
