/**
 * What a cohort run is asked (`kgrade cohort`'s options) and what it tells as it goes (progress events): shared by
 * the scheduler (cohort/scheduler.ts), the publisher's caller (cohort/run-cohort.ts) and the progress printer.
 */
import type { Lang } from '../model/verdict.js';
import type { StackStarter } from '../stack/stack-pool.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { FailureKind } from './retry-policy.js';
import type { RosterProblem } from './roster.js';
import type { CohortRecord, Job } from './store.js';

export const DEFAULT_RETRIES = 2;
export const DEFAULT_SIMILARITY = 0.8;

export interface CohortOptions {
  rosterPath: string;
  exerciseIds: string[];
  outDir: string;
  /**
   * Concurrent grading sessions (default: defaultParallelism()); 'auto' resolves per exercise (sessionLimits):
   * an exercise whose gradings mostly wait gets more sessions than another.
   */
  parallel?: number | 'auto';
  /**
   * 'per-session' (the default with a stack of our own and parallel > 1): each concurrent session grades on its
   * own stack, so one student's faults or broker stops never meet another's and no exercise waits for an
   * exclusive lease. 'shared': one stack leased by every session, fault-injecting exercises alone on it.
   */
  stacks?: 'shared' | 'per-session';
  resume?: boolean;
  /** Base seed; each student x exercise derives its own (printed in its report). Default: random. */
  seed?: number;
  /** ISO date: a git source whose graded commit is later is flagged late. */
  deadline?: string;
  /** Percentage taken off a late student's total (default: none). */
  latePenaltyPct?: number;
  similarityThreshold?: number;
  lang?: Lang;
  gitAliases?: Record<string, string>;
  /** Where git sources are cloned (default: <kgrade cache>/cohort/git). */
  gitCacheDir?: string;
  /** Retries after a transiently not-gradable result (default 2). */
  retries?: number;
  /** First wait before a retry, doubled each time (default 5 s). */
  retryBackoffMs?: number;
  /**
   * Stack provider and image set, as `kgrade grade --stack/--images` (default auto). With acquireStack only the
   * provider is read: `docker` makes the sandbox a container, as for `kgrade grade --stack docker --sandbox`.
   */
  provider?: ProviderName | 'auto';
  images?: ImagesChoice;
  /**
   * Build and run every solution in the sandbox (default true: a cohort grades code nobody reviewed). false is
   * `--no-sandbox`: each student's code runs as the grader's user, with the whole machine.
   */
  sandbox?: boolean;
  /** The sandbox (default: the one that follows the stack and can run here, checked before any stack starts). */
  sandboxKind?: SandboxKind;
  /**
   * Provides a stack for the run's needs. Default: a new stack (provider and images as asked), started before the
   * first student and stopped at the end.
   * An injected one (e.g. sharedStack) is left running: its caller owns it.
   */
  acquireStack?: StackStarter;
  onProgress?: (e: ProgressEvent) => void;
  /** Grades only the roster students it accepts (a shard, see shard.ts); the others are left out of this run. */
  includeStudent?: (studentId: string) => boolean;
}

export type ProgressEvent =
  /** `sessions`: how many at a time per exercise, when they differ (`--parallel auto`). */
  | {
      type: 'plan';
      total: number;
      toGrade: number;
      skipped: number;
      parallel: number;
      sessions?: Record<string, number>;
      rowProblems: RosterProblem[];
    }
  | { type: 'job-start'; job: Job; attempt: number; running: number }
  | { type: 'stack-start'; attempt: number }
  | { type: 'stack-ready'; ms: number; provider: string }
  | { type: 'stack-retry'; attempt: number; kind: FailureKind; problem: string; waitMs: number }
  | { type: 'job-retry'; job: Job; attempt: number; problem: string; kind: FailureKind; waitMs: number }
  | { type: 'stopped'; problem: string; kind: FailureKind }
  | { type: 'job-done'; job: Job; record: CohortRecord; done: number; toGrade: number; etaMs?: number }
  | { type: 'reports'; dir: string };
