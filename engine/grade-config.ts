import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradeResult, SolutionLog } from '../model/result.js';
import type { Verdict } from '../model/verdict.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { ImagesChoice } from '../stack/provider-choice.js';

/** The package's root folder (graders/, fixtures/ live there), wherever kgrade is installed. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the CLI hands to the grader suites running under Vitest (through `provide`/`inject`). */
export interface GradeConfig {
  solutionDir: string;
  seed: number;
  provider: ProviderName | 'auto';
  images?: ImagesChoice;
  /** Command that replays the run, printed in reports; `{ex}` is replaced by the exercise id. */
  replayCommand: string;
}

/** Attached to each check's test (task meta) for the reporter in the CLI's process. */
export interface CheckMeta {
  exercise: string;
  verdict: Verdict;
  logs: SolutionLog[];
  problems: GradeResult['problems'];
  stack?: GradeResult['stack'];
  solution: GradeResult['solution'];
  seed: number;
  replayCommand: string;
  startedAt: string;
}

/** Attached to each selftest test: one check of one fixture, expected vs actual. */
export interface SelftestMeta {
  exercise: string;
  fixture: string;
  check: string;
  expected: string;
  actual: string;
  summary: string;
  /** Set when the verdict's diagnosis does not match the one expect.json names for this check. */
  diagnosisMismatch?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    kgrade: GradeConfig;
  }
  interface TaskMeta {
    kgradeCheck?: CheckMeta;
    kgradeSelftest?: SelftestMeta;
  }
}
