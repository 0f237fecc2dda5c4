import type { Verdict } from './verdict.js';

export const RESULT_SCHEMA_VERSION = 1;

export interface SolutionLog {
  /** Which phase produced it: 'build', a check id, or 'run'. */
  phase: string;
  stdout: string;
  stderr: string;
  truncated: boolean;
  exitCode?: number | null;
  signal?: string | null;
}

export interface StackInfo {
  provider: 'native' | 'docker' | 'external';
  brokers: number;
  kafkaVersion: string;
  services: string[];
}

/** One grading run of one exercise on one solution: the document every renderer reads. */
export interface GradeResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  exercise: { id: string; title: { fr: string; en: string } };
  solution: { dir: string; runner: string; commit?: string };
  seed: number;
  /** Exact command that replays this run. */
  replayCommand: string;
  stack: StackInfo;
  startedAt: string;
  durationMs: number;
  /**
   * 'graded' when verdicts were reached; 'error' when every check errored on the solution's own problem (it does
   * not build, it stops at start-up): nothing was graded; 'not-gradable' when infrastructure failed.
   */
  outcome: 'graded' | 'error' | 'not-gradable';
  score: number;
  maxScore: number;
  verdicts: Verdict[];
  logs: SolutionLog[];
  /**
   * Read from the solution's files before anything ran (e.g. a TUMBLING window where HOPPING is asked): hints,
   * never scored, shown even when the run could not be graded.
   */
  notes?: { fr: string; en: string }[];
  /** Infrastructure problems met during the run (typed errors with hints). */
  problems: { code: string; message: string; hint: string }[];
}
