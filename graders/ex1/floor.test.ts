import { describe, expect, it } from 'vitest';
import { INJECTED_LATENCY_MS } from './checks/latency.js';
import { ex1Floor } from './floor.js';
import { EX1_RULES } from './rules.js';

describe('ex1 floor', () => {
  it('adds the injected latency the sync send waits out and the two landing watches', () => {
    const f = ex1Floor();
    expect(f.parts.map((p) => [p.check, p.kind, p.ms])).toEqual([
      ['sync-lands', 'window', 1000],
      ['async-lands', 'window', 1000],
      ['sync-waits-for-ack', 'spec', 800],
    ]);
    expect(f).toMatchObject({ ms: 2800, specMs: 800, windowMs: 2000 });
    expect(f.notCounted.join(' ')).toContain('give up on unreachable brokers');
  });

  it('reads the constants the checks use', () => {
    expect(INJECTED_LATENCY_MS).toBe(EX1_RULES.injectedLatencyMs);
    const f = ex1Floor({ injectedLatencyMs: 2000, landingGraceMs: 0 });
    expect(f).toMatchObject({ ms: 2000, specMs: 2000, windowMs: 0 });
    expect(f.parts[2]!.what).toContain('2000 ms');
  });
});
