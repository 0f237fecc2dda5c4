import type { Verdict } from './verdict.js';

/**
 * 2: `problems[].retriable` is its code's (core/errors.ts FAILURE_KIND_BY_CODE: true for a transient one), false
 * where the cause said no retry can help; in 1 it was false unless the error set it, so it meant nothing but for
 * REGISTRY_UNREACHABLE. 2 also adds the optional `runId` (names are no longer drawn from the seed).
 */
export const RESULT_SCHEMA_VERSION = 2;

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

/** Where one grading's time went, in milliseconds (a diagnosis of speed, never a judgement). */
export interface PhaseTiming {
  /** From the process's start to this grading's start (Node, module loading): only on a process's first grading. */
  startupMs?: number;
  /** Getting the stack (started, reused or leased); runs at the same time as the build. */
  stackMs: number;
  /** Building the solution (Maven, npm); runs at the same time as the stack. */
  buildMs: number;
  /** Each start of a solution process until it was ready, in order, with the phase that started it. */
  solutionStarts: { phase: string; ms: number }[];
  /** The exercise's prepare (topics, first solution start, seed data). */
  prepareMs: number;
  /** Each check, in order (its verdict's durationMs). */
  checks: { id: string; ms: number }[];
  teardownMs: number;
}

/** One grading run of one exercise on one solution: the document every renderer reads. */
export interface GradeResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  exercise: { id: string; title: { fr: string; en: string } };
  solution: { dir: string; runner: string; commit?: string };
  seed: number;
  /**
   * The run id this grading's names carry (topics, groups: `news-<runId>`), drawn for each grading: what to look
   * for on a stack kept up (`--watch`, `kgrade stack up`). Absent when the grading stopped before naming anything.
   */
  runId?: string;
  /** Exact command that replays this run. */
  replayCommand: string;
  stack: StackInfo;
  startedAt: string;
  durationMs: number;
  /** Where the time went, phase by phase. */
  timing?: PhaseTiming;
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
  /** How the solution was isolated from the grader (issue 17): `kind` 'none' says it was not sandboxed. */
  isolation?: IsolationInfo;
  /**
   * Who computed this document (issue 17). 'trainer': a `kgrade cohort` run, from the source it fetched itself, with
   * the solution sandboxed: the copy in the trainer's results store is the truth. 'self-reported': `kgrade grade`
   * (e.g. in a student's own CI): the student controls that machine and that file, so it proves nothing by itself.
   * Absent in documents written before the field.
   */
  provenance?: 'trainer' | 'self-reported';
  /**
   * Infrastructure problems met during the run (typed errors with hints). `retriable`: whether a later attempt may
   * succeed (GraderError.retriable: its code's, from core/errors.ts FAILURE_KIND_BY_CODE, unless its cause said no:
   * runner/build-network.ts, false for a host the sandbox's allow-list refuses); absent when the problem was no
   * GraderError (then read as INTERNAL, retriable).
   */
  problems: { code: string; message: string; hint: string; retriable?: boolean }[];
}
