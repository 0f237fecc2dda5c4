/**
 * Charts a judge asks the HTML report to draw (`evidence.charts`), each with its own numbers and the names of the
 * `data` fields it stands for. The report draws exactly these: it never guesses a chart from a field's name. Pure.
 */
import type { ChartEvent, ChartSpec } from '../../model/verdict.js';

export type { ChartEvent, ChartSpec } from '../../model/verdict.js';

/** Records per partition (`counts[p]`, or a map partition -> records), `reserved` partitions marked. `shows`: its data field. */
export function partitionCountsChart(
  shows: string,
  counts: readonly number[] | Record<number, number>,
  reserved: readonly number[] = [],
): ChartSpec {
  const byPartition: Record<string, number> = {};
  for (const [p, n] of Object.entries(counts)) byPartition[p] = n;
  return {
    kind: 'partition-counts',
    shows: [shows],
    counts: byPartition,
    ...(reserved.length ? { reserved: [...reserved] } : {}),
  };
}

/** A response time against the latency injected on the brokers, and the bound it had to stay under if any. */
export function latencyChart(
  c: { responseMs: number; injectedMs: number; boundMs?: number },
  shows: string[],
): ChartSpec {
  return {
    kind: 'latency',
    shows,
    responseMs: c.responseMs,
    injectedMs: c.injectedMs,
    ...(c.boundMs !== undefined ? { boundMs: c.boundMs } : {}),
  };
}

/** A group's lag after production stopped: from `lagAtStart` to 0 at `zeroAfterMs`, or to `lagAtEnd` at the bound. */
export function lagChart(
  c: { lagAtStart: number; lagAtEnd?: number; zeroAfterMs?: number; boundMs: number },
  shows: string[],
): ChartSpec {
  const reached = c.zeroAfterMs !== undefined;
  return {
    kind: 'lag',
    shows,
    lagAtStart: c.lagAtStart,
    lagAtEnd: reached ? 0 : (c.lagAtEnd ?? 0),
    endMs: reached ? c.zeroAfterMs! : c.boundMs,
    boundMs: c.boundMs,
  };
}

/** What became of the sends; `lost` and `duplicates` when the check judged them. */
export function deliveryChart(
  c: { acked: number; failed?: number; unknown?: number; lost?: number; duplicates?: number },
  shows: string[],
): ChartSpec {
  return {
    kind: 'delivery',
    shows,
    acked: c.acked,
    failed: c.failed ?? 0,
    unknown: c.unknown ?? 0,
    ...(c.lost !== undefined ? { lost: c.lost } : {}),
    ...(c.duplicates !== undefined ? { duplicates: c.duplicates } : {}),
  };
}

/** The faults injected during the run (none: no chart). */
export function faultsChart(events: readonly ChartEvent[], shows: string[]): ChartSpec[] {
  return events.length
    ? [
        {
          kind: 'faults',
          shows,
          events: events.map((e) => ({ atMs: e.atMs, action: e.action, brokers: [...e.brokers] })),
        },
      ]
    : [];
}
