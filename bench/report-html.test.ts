import { describe, expect, it } from 'vitest';
import { profile, run, shape } from '../loadgen/sample-run.js';
import type { BenchResult } from './load-bench.js';
import { renderBenchHtml } from './report-html.js';

const bench: BenchResult = {
  schemaVersion: 1,
  kind: 'loadgen-bench',
  startedAt: run.startedAt,
  workload: shape,
  profiles: [profile],
  repeat: 1,
  environment: run.environment,
  notes: ['a note'],
  cases: [{ driver: 'kafkajs', profile: 'acks1', ours: { runs: [run], medianThroughputMsgPerSec: 10, medianThroughputMiBPerSec: 0, medianP50PublishLatencyMs: 0.9, medianP99PublishLatencyMs: 2, medianP999PublishLatencyMs: 2, medianP99EndToEndLatencyMs: null }, perfTest: { command: 'x', runs: [], medianThroughputMsgPerSec: 20, medianP50LatencyMs: 1, medianP99LatencyMs: 3, medianP999LatencyMs: 4 }, throughputRatioOursOverPerfTest: 0.5 }],
};

describe('bench HTML report', () => {
  it('renders tables and five inline SVG charts, escaping names', () => {
    const html = renderBenchHtml(bench);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('w&lt;1&gt;');
    expect(html).not.toContain('w<1>');
    expect(html).toContain('<b>0.5</b>');
    expect(html).not.toContain('<script');
  });

});
