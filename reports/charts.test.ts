import { describe, it, expect } from 'vitest';
import type { ChartSpec } from '../model/verdict.js';
import { chartsFor } from './charts.js';

describe('chartsFor', () => {
  it('draws records per partition, and marks reserved partitions', () => {
    const [c] = chartsFor(
      [{ kind: 'partition-counts', shows: ['unkeyedByPartition'], counts: { 2: 9, 0: 12, 1: 9 } }],
      'fr',
    );
    expect(c!.title).toBe('Messages par partition');
    expect(c!.keys).toEqual(['unkeyedByPartition']);
    expect(c!.svg.match(/<rect [^>]*fill="#0969da"/g)).toHaveLength(3);
    const [r] = chartsFor(
      [{ kind: 'partition-counts', shows: ['counts'], counts: { 0: 30, 1: 0, 2: 0, 3: 0 }, reserved: [3] }],
      'en',
    );
    expect(r!.svg).toContain('3 (reserved)');
  });

  it('draws latency, lag, delivery and the fault timeline with labels in the language', () => {
    const titles = (d: ChartSpec[]) => chartsFor(d, 'en').map((c) => c.title);
    expect(titles([{ kind: 'latency', shows: [], responseMs: 912, injectedMs: 800 }])).toEqual([
      'Response time under injected latency',
    ]);
    expect(titles([{ kind: 'lag', shows: [], lagAtStart: 120, lagAtEnd: 0, endMs: 3400, boundMs: 20000 }])).toEqual([
      'Group lag after production stopped',
    ]);
    const d = chartsFor(
      [
        { kind: 'delivery', shows: ['writes', 'lostCount'], acked: 10, failed: 1, unknown: 0, lost: 0 },
        { kind: 'faults', shows: ['timeline'], events: [{ atMs: 900, action: 'kill', brokers: [2] }] },
      ],
      'fr',
    );
    expect(d.map((c) => c.title)).toEqual(['Bilan des envois', 'Pannes injectées pendant l’envoi']);
    expect(d[0]!.keys).toEqual(['writes', 'lostCount']);
    expect(d[1]!.svg).toContain('broker tué (kill -9) (brokers 2)');
    expect(d[1]!.svg).toContain('0,9 s');
  });

  it('draws only what the evidence asks for: no chart guessed from a data field name', () => {
    expect(chartsFor(undefined, 'en')).toEqual([]);
    // A field named like a chart's data draws nothing without a chart spec.
    expect(chartsFor({ unkeyedByPartition: { 0: 1 } } as unknown as ChartSpec[], 'en')).toEqual([]);
  });

  it('escapes what it draws and leaves out specs of other shapes', () => {
    const [c] = chartsFor(
      [{ kind: 'faults', shows: ['timeline'], events: [{ atMs: 5, action: '<script>x</script>', brokers: [] }] }],
      'en',
    );
    expect(c!.svg).not.toContain('<script>');
    expect(c!.svg).toContain('&lt;script&gt;');
    const bad = [
      { kind: 'partition-counts', shows: [], counts: { x: 1 } },
      { kind: 'latency', shows: [], responseMs: 'a' },
      { kind: 'pie', shows: [] },
      null,
    ] as unknown as ChartSpec[];
    expect(chartsFor(bad, 'en')).toEqual([]);
  });
});
