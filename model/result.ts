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

/** What a run's sandbox enforced (same shape as runner/sandbox's Isolation; model stays dependency-free). */
export interface IsolationInfo {
  kind: 'none' | 'bubblewrap' | 'container';
  filesystem: boolean;
  network: boolean;
  user: boolean;
  limits: string[];
  reapsDescendants: boolean;
  summary: { fr: string; en: string };
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
  /** 'graded' when verdicts were reached; 'not-gradable' when infrastructure failed. */
  outcome: 'graded' | 'not-gradable';
  score: number;
  maxScore: number;
  verdicts: Verdict[];
  logs: SolutionLog[];
  /**
   * Read from the solution's files before anything ran (e.g. a TUMBLING window where HOPPING is asked): hints,
   * never scored, shown even when the run could not be graded.
   */
  notes?: { fr: string; en: string }[];
  /** How the solution was isolated from the grader (issue 17): `kind` 'none' says it was not sandboxed. */
  isolation?: IsolationInfo;
  /** Infrastructure problems met during the run (typed errors with hints). */
  problems: { code: string; message: string; hint: string }[];
}
