import type { Evidence, Localized } from '../core/verdict.js';
import type { Rng } from '../core/rng.js';
import type { SolutionLog } from '../reports/result.js';
import type { Solution } from '../runner/solution.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import type { StackNeeds } from '../stack/shared-stack.js';

/** What a pure judge concludes. Points are added by the engine. */
export interface Judgement {
  status: 'pass' | 'fail' | 'error' | 'skipped';
  evidence: Evidence;
  reason?: string;
}

/** The names a run uses: the contract's defaults with a run id, or the solution's overrides as they are. */
export interface ContractNames {
  topics: Record<string, string>;
  groups: Record<string, string>;
  endpoints: Record<string, string>;
}

/** Everything a check may use while observing. */
export interface RunContext {
  exerciseId: string;
  runId: string;
  seed: number;
  rng: Rng;
  stack: StartedKafkaStack;
  solution: Solution;
  names: ContractNames;
  /** Environment for the student's processes: the stack's endpoints and the contract's names. */
  solutionEnv: Record<string, string>;
  addLog(log: SolutionLog): void;
  /**
   * Fail fast: the solution showed no sign of the behaviour every later check builds on (never answered,
   * never joined, never produced). The checks that follow fail at once with this diagnosis instead of waiting
   * out their timeouts. Say only what was observed ("no request was answered in 30 s").
   */
  markDead(reason: Localized): void;
  /** The diagnosis given to markDead, if any. */
  readonly dead?: Localized;
}

export interface CheckDefinition<P = unknown, O = unknown> {
  id: string;
  title: Localized;
  points: number;
  /** The course notion to revisit when the check does not pass. */
  hint: Localized;
  /** I/O: gathers what the judge needs from the brokers and the solution's output. */
  observe(ctx: RunContext, prepared: P): Promise<O>;
  /** Pure: no clock, no network. */
  judge(obs: O): Judgement;
  /** What the check needs from the stack; skipped (with the reason) when the stack cannot offer it. */
  needs?: { faults?: boolean; brokerControl?: boolean };
  /** Judged even after the solution was marked dead (its observation does not depend on the solution running). */
  judgedWhenDead?: boolean;
}

export interface ContractDefaults {
  topics: Record<string, string>;
  groups: Record<string, string>;
  endpoints: Record<string, string>;
  /** Environment variable carrying each name to the solution, e.g. { topics: { main: 'KGRADE_TOPIC' } }. */
  envVars: { topics: Record<string, string>; groups: Record<string, string> };
  /**
   * Where a consumer exercise's application reports what it processed, when it has a choice: the first is
   * the default, the others are chosen with `"sink"` in kgrade.json (ex3: a topic, or a file).
   */
  sinks?: string[];
}

export interface ExerciseDefinition<P = unknown> {
  id: string;
  title: Localized;
  /** Course document and section the exercise comes from. */
  source: string;
  stack: StackNeeds;
  contract: ContractDefaults;
  /** Runs the solution once for all checks (e.g. a program to completion); SolutionError for a build failure. */
  prepare(ctx: RunContext): Promise<P>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  checks: CheckDefinition<P, any>[];
  /** Releases what prepare started (servers); called whatever happened. */
  cleanup?(prepared: P | undefined): Promise<void>;
}

export function maxScore(ex: ExerciseDefinition): number {
  return ex.checks.reduce((s, c) => s + c.points, 0);
}
