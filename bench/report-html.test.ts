import { describe, expect, it } from 'vitest';
import { profile, run, shape } from '../loadgen/sample-run.js';
import type { BenchResult } from './load-bench.js';
import { acksNote, perSecond, renderBenchHtml } from './report-html.js';
import { sampleBench } from './sample-bench.js';

const bench: BenchResult = {
  schemaVersion: 1,
  kind: 'loadgen-bench',
  startedAt: run.startedAt,
  workload: shape,
  profiles: [profile],
  repeat: 1,
  provider: 'native',
  environment: run.environment,
  notes: ['a note'],
  cases: [
    {
      driver: 'kafkajs',
      profile: 'acks1',
      ours: {
        runs: [run],
        medianThroughputMsgPerSec: 10,
        medianThroughputMiBPerSec: 0,
        medianP50PublishLatencyMs: 0.9,
        medianP99PublishLatencyMs: 2,
        medianP999PublishLatencyMs: 2,
        medianP99EndToEndLatencyMs: null,
      },
      perfTest: {
        command: 'x',
        runs: [],
        medianThroughputMsgPerSec: 20,
        medianP50LatencyMs: 1,
        medianP99LatencyMs: 3,
        medianP999LatencyMs: 4,
      },
      throughputRatioOursOverPerfTest: 0.5,
    },
  ],
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

  it('a closed-loop run that ends at the record cap: the real run length, integers, no warm-up wording', () => {
    const html = renderBenchHtml(sampleBench());
    expect(html).toContain(
      'duration 10 s or 20,000 records, whichever comes first; the runs lasted 0.8 s to 2 s (they ended at the record cap)',
    );
    expect(html).toContain('no warm-up');
    expect(html).not.toContain('after warm-up');
    expect(html).not.toContain('warm-up included');
    expect(html).toContain('<td>10,101</td>');
    expect(html).toContain('<td>25,001</td>');
    expect(html).not.toMatch(/\d,\d{3}\.\d{3}/);
    expect(html).toContain('Latency by percentile (first run of each case)');
    expect(html).toContain('while the table and the bar charts give medians over the 3 runs');
  });
  it('a run shorter than a second is drawn as a marker; the perf-test series have their own colours', () => {
    const html = renderBenchHtml(sampleBench());
    const chart = html.slice(html.indexOf('Throughput over time'), html.indexOf('p99 publish latency over time'));
    // platformatic · acksall is the fourth case: palette colour 4
    expect(chart).toMatch(/<circle [^>]*stroke="#ff7f0e"/);
    const perf = html.slice(html.indexOf('Latency by percentile'), html.indexOf('Throughput over time'));
    expect(perf).toMatch(/stroke="#000000"/);
    expect(perf).toMatch(/stroke="#7f7f7f"/);
  });
  it('the last partial second is a rate over the part the run covered, not a collapse', () => {
    const run = sampleBench().cases[0]!.ours.runs[0]!; // 1.8 s, 20000 records
    const pts = perSecond(run, (s) => s.ackedRecords, true);
    expect(pts).toHaveLength(2);
    expect(Math.abs(pts[1]![1] - pts[0]![1])).toBeLessThan(2);
  });
  it('says why acks=1 is above acks=all at max rate, only then', () => {
    const b = sampleBench();
    expect(acksNote(b)).toMatch(/kafkajs: 210 ms with acks=1, 120 ms with acks=all.*closed/);
    expect(renderBenchHtml(b)).toContain('class="why"');
    expect(acksNote({ ...b, workload: { ...b.workload, rateMsgPerSec: 5000 } })).toBeUndefined();
    expect(acksNote(bench)).toBeUndefined();
  });
});
