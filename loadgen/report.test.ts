import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../bench/load-bench.js';
import { makePayloadPool, newsRecord } from './payload.js';
import { LOADGEN_SCHEMA_VERSION, type LoadRunResult } from './result.js';
import { renderBenchHtml } from './report-html.js';
import { barChart, lineChart, percentileX } from './svg-charts.js';
import { validateProfile, validateShape } from './workload.js';
import { createRng } from '../core/rng.js';

const shape = validateShape({ name: 'w<1>', payload: { kind: 'random-bytes', sizeBytes: 100 }, rateMsgPerSec: 'max', durationSec: 1 });
const profile = validateProfile({ name: 'acks1', acks: 1 });
const run: LoadRunResult = {
  schemaVersion: LOADGEN_SCHEMA_VERSION,
  kind: 'loadgen-run',
  startedAt: '2026-01-01T00:00:00Z',
  seed: 1,
  driver: 'kafkajs',
  workload: shape,
  profile,
  environment: { node: '20', cpus: 2, loadAverage1m: 1 },
  latencyOrigin: 'actual-send-time',
  histogramsEnabled: true,
  measured: { records: 10, bytes: 1000, failedRecords: 0, warmupRecords: 0, durationMs: 1000, throughputMsgPerSec: 10, throughputMiBPerSec: 0, produceRequests: 1, meanRecordsPerRequest: 10, unfinishedRecords: 0 },
  publishLatency: { count: 10, meanUs: 1000, p50Us: 900, p90Us: 1500, p99Us: 2000, p999Us: 2000, maxUs: 2000, curve: [{ percentile: 0, valueUs: 100 }, { percentile: 50, valueUs: 900 }, { percentile: 99, valueUs: 2000 }, { percentile: 100, valueUs: 2000 }] },
  publishDelay: null,
  endToEndLatency: null,
  series: [{ second: 0, warmup: false, ackedRecords: 10, ackedBytes: 1000, failedRecords: 0, p50PublishLatencyUs: 900, p99PublishLatencyUs: 2000, maxPublishLatencyUs: 2000 }],
};
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

describe('HTML report', () => {
  it('renders tables and five inline SVG charts, escaping names', () => {
    const html = renderBenchHtml(bench);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('w&lt;1&gt;');
    expect(html).not.toContain('w<1>');
    expect(html).toContain('<b>0.5</b>');
    expect(html).not.toContain('<script');
  });

  it('charts survive empty series and null bars', () => {
    expect(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: [] }] })).toContain('<svg');
    expect(barChart({ title: 't', yLabel: 'y', groups: [{ label: 'g', bars: [{ name: 'a', value: null }] }] })).toContain('<svg');
  });

  it('places percentiles on the usual HdrHistogram axis', () => {
    expect(percentileX(90)).toBeCloseTo(1);
    expect(percentileX(99.9)).toBeCloseTo(3);
    expect(percentileX(100)).toBe(5);
  });
});

describe('payloads', () => {
  it('are the same for the same seed, of the asked size, letters A-Z like perf-test', () => {
    const a = makePayloadPool({ kind: 'random-bytes', sizeBytes: 100 }, 'none', 1, 5, 8);
    const b = makePayloadPool({ kind: 'random-bytes', sizeBytes: 100 }, 'none', 1, 5, 8);
    expect(a.values.map(String)).toEqual(b.values.map(String));
    expect(a.values.every((v) => v.length === 100 && /^[A-Z]+$/.test(v.toString()))).toBe(true);
    expect(a.keyOf(3)).toBeUndefined();
  });

  it('news records are the course News shape, keyed by media when asked', () => {
    const rec = newsRecord(createRng(1), 0);
    expect(Object.keys(rec)).toEqual(['title', 'description', 'date', 'order', 'presenter', 'authors', 'editor', 'editorDeputy', 'url', 'urlTvNews', 'containsWordGlobalWarming', 'media']);
    const pool = makePayloadPool({ kind: 'news-json' }, 'round-robin', 3, 1, 6);
    expect(pool.keyOf(0)!.toString()).toBe('France 2');
    expect(pool.keyOf(4)!.toString()).toBe('TF1');
    expect(pool.meanValueBytes).toBeGreaterThan(300);
  });
});
