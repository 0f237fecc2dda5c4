/** What a check concluded about a solution. Pure data: serialisable to the results JSON. */
export type VerdictStatus = 'pass' | 'fail' | 'error' | 'not-gradable' | 'skipped';

export type Lang = 'fr' | 'en';
export type Localized = Record<Lang, string>;

export interface Evidence {
  /** One or two sentences a student can act on: what was expected, what the brokers showed. */
  summary: Localized;
  /** Structured facts behind the summary (counts, offsets, partitions, timings). */
  data?: Record<string, unknown>;
  /**
   * Charts the HTML report draws for this check, set by the judge (kit/judging/charts.ts builds them). Each names
   * the `data` fields it stands for (`shows`), which the report then leaves out of the raw data. Optional: results
   * written before it existed have none, and their data is shown as it is.
   */
  charts?: ChartSpec[];
}

/** One fault injected during a run, `atMs` after it started (kit/faults' timeline). */
export interface ChartEvent {
  atMs: number;
  action: string;
  brokers: number[];
}

/** Records per partition; `reserved` partitions are marked. */
export type PartitionCountsChart = { kind: 'partition-counts'; counts: Record<string, number>; reserved?: number[] };
/** A response time against the latency injected on the brokers (and the bound it had to stay under). */
export type LatencyChart = { kind: 'latency'; responseMs: number; injectedMs: number; boundMs?: number };
/** A consumer group's lag from `lagAtStart` to `lagAtEnd` (0 when it reached zero) after `endMs`. */
export type LagChart = { kind: 'lag'; lagAtStart: number; lagAtEnd: number; endMs: number; boundMs: number };
/** What happened to the sends: acknowledged, failed, without an outcome; lost and duplicated when judged. */
export type DeliveryChart = {
  kind: 'delivery';
  acked: number;
  failed: number;
  unknown: number;
  lost?: number;
  duplicates?: number;
};
/** The faults injected while the solution ran. */
export type FaultsChart = { kind: 'faults'; events: ChartEvent[] };

/**
 * A chart a check asks for, with its own numbers: the report never guesses a chart from field names. `shows`:
 * the data fields the chart draws (left out of the raw JSON block).
 */
export type ChartSpec = { shows: string[] } & (
  | PartitionCountsChart
  | LatencyChart
  | LagChart
  | DeliveryChart
  | FaultsChart
);

export interface Crash {
  /** Java: the deepest `Caused by:`; Node: the first error line. Absent when the output names no error. */
  rootCause?: string;
  /** The last lines of the solution's output. */
  lastLines: string;
}

export interface Verdict {
  id: string;
  title: Localized;
  points: number;
  /** Points earned: `points` on pass, 0 otherwise. */
  score: number;
  status: VerdictStatus;
  evidence: Evidence;
  /** Where to look in the course; shown on anything but a pass. */
  hint?: Localized;
  /** Why the check was skipped or could not be graded. */
  reason?: string;
  /** On an `error` from the solution: the line that says why it failed, and the end of its output. */
  crash?: Crash;
  durationMs: number;
}
