import { describe, it, expect } from 'vitest';
import { chartsFor } from './charts.js';

describe('chartsFor', () => {
  it('draws records per partition from a *ByPartition map, and marks reserved partitions', () => {
    const [c] = chartsFor({ unkeyedByPartition: { 2: 9, 0: 12, 1: 9 } }, 'fr');
    expect(c!.title).toBe('Messages par partition');
    expect(c!.keys).toEqual(['unkeyedByPartition']);
    expect(c!.svg.match(/<rect [^>]*fill="#0969da"/g)).toHaveLength(3);
    const [r] = chartsFor({ counts: [30, 0, 0, 0], reserved: [3] }, 'en');
    expect(r!.svg).toContain('3 (reserved)');
  });

  it('draws latency, lag, delivery and the fault timeline with labels in the language', () => {
    const titles = (d: Record<string, unknown>) => chartsFor(d, 'en').map((c) => c.title);
    expect(titles({ latencyMs: 800, response: { status: 200, ms: 912 } })).toEqual(['Response time under injected latency']);
    expect(titles({ lagAtStart: 120, lagAtEnd: 0, zeroAfterMs: 3400, boundMs: 20000 })).toEqual(['Group lag after production stopped']);
    const d = chartsFor({ writes: { acked: 10, failed: 1, unknown: 0 }, lostCount: 0, timeline: [{ atMs: 900, action: 'kill', brokers: [2] }] }, 'fr');
    expect(d.map((c) => c.title)).toEqual(['Bilan des envois', 'Pannes injectées pendant l’envoi']);
    expect(d[1]!.svg).toContain('broker tué (kill -9) (brokers 2)');
    expect(d[1]!.svg).toContain('0,9 s');
  });

  it('escapes what it draws and ignores data of other shapes', () => {
    const [c] = chartsFor({ timeline: [{ atMs: 5, action: '<script>x</script>', brokers: [] }] }, 'en');
    expect(c!.svg).not.toContain('<script>');
    expect(c!.svg).toContain('&lt;script&gt;');
    expect(chartsFor({ counts: ['a'], unkeyedByPartition: { x: 1 }, response: 3 }, 'en')).toEqual([]);
    expect(chartsFor(undefined, 'en')).toEqual([]);
  });
});
