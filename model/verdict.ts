/** What a check concluded about a solution. Pure data: serialisable to the results JSON. */
export type VerdictStatus = 'pass' | 'fail' | 'error' | 'not-gradable' | 'skipped';

export type Lang = 'fr' | 'en';
export type Localized = Record<Lang, string>;

export interface Evidence {
  /** One or two sentences a student can act on: what was expected, what the brokers showed. */
  summary: Localized;
  /** Structured facts behind the summary (counts, offsets, partitions, timings). */
  data?: Record<string, unknown>;
}

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
