import { describe, expect, it } from 'vitest';
import { makePayloadPool, newsRecord } from './payload.js';
import { barChart, lineChart, percentileX } from './svg-charts.js';
import { createRng } from '../core/rng.js';

describe('HTML report', () => {
  it('charts survive empty series and null bars', () => {
    expect(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', points: [] }] })).toContain('<svg');
    expect(
      barChart({ title: 't', yLabel: 'y', groups: [{ label: 'g', bars: [{ name: 'a', value: null }] }] }),
    ).toContain('<svg');
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
    expect(Object.keys(rec)).toEqual([
      'title',
      'description',
      'date',
      'order',
      'presenter',
      'authors',
      'editor',
      'editorDeputy',
      'url',
      'urlTvNews',
      'containsWordGlobalWarming',
      'media',
    ]);
    const pool = makePayloadPool({ kind: 'news-json' }, 'round-robin', 3, 1, 6);
    expect(pool.keyOf(0)!.toString()).toBe('France 2');
    expect(pool.keyOf(4)!.toString()).toBe('TF1');
    expect(pool.meanValueBytes).toBeGreaterThan(300);
  });
});
