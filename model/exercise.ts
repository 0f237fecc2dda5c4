import type { ContractDefaults } from './contract.js';
import type { SpecFloor } from './floor.js';
import type { CheckNeeds, StackNeeds } from './stack-needs.js';
import type { Evidence, Localized } from './verdict.js';

/** What a pure judge concludes. Points are added by the engine. */
export interface Judgement {
  status: 'pass' | 'fail' | 'error' | 'skipped';
  evidence: Evidence;
  reason?: string;
}

/**
 * One check of an exercise: observe (I/O, given the run's context `Ctx`) then judge (pure).
 * The engine binds `Ctx` to its run context (engine/run-context.ts).
 */
export interface CheckDefinition<P = unknown, O = unknown, Ctx = unknown> {
  id: string;
  title: Localized;
  points: number;
  /** The course notion to revisit when the check does not pass. */
  hint: Localized;
  /** I/O: gathers what the judge needs from the brokers and the solution's output. */
  observe(ctx: Ctx, prepared: P): Promise<O>;
  /** Pure: no clock, no network. */
  judge(obs: O): Judgement;
  /** What the check needs from the stack; skipped (with the reason) when the stack cannot offer it. */
  needs?: CheckNeeds;
  /** Judged even after the solution was marked dead (its observation does not depend on the solution running). */
  judgedWhenDead?: boolean;
}

export interface ExerciseDefinition<P = unknown, Ctx = unknown, S extends string = string> {
  id: string;
  title: Localized;
  /** Course document and section the exercise comes from. */
  source: string;
  stack: StackNeeds<S>;
  /**
   * The exercise's objects have fixed names on a shared service (ksqlDB streams and tables cannot carry a run id
   * the student's statements would know): two gradings must not share a stack at the same time.
   */
  exclusive?: boolean;
  /**
   * Cores a grading keeps busy on average (brokers, solution and grader together, on a stack already up), as
   * `npm run bench cohort` measures it ("busy cores" of the sequential run). `--parallel auto` runs more sessions
   * than cores for an exercise whose gradings mostly wait. Unset: one session per core.
   */
  cpuCores?: number;
  /**
   * The time a grading cannot go below, computed from the exercise's own constants (model/floor.ts): `npm run bench
   * cohort` prints it beside the measured mean grading. Pure.
   */
  floor?(): SpecFloor;
  contract: ContractDefaults;
  /**
   * Hints read from the solution's files before anything runs (never scored; shown even when the run cannot be
   * graded). `manifest` is the solution's kgrade.json section for this exercise.
   */
  preflight?(solutionDir: string, manifest: Record<string, unknown> | undefined): Localized[];
  /** Runs the solution once for all checks (e.g. a program to completion); SolutionError for a build failure. */
  prepare(ctx: Ctx): Promise<P>;
  // biome-ignore lint/suspicious/noExplicitAny: each check has its own observation type; the engine only passes it from observe to judge
  checks: CheckDefinition<P, any, Ctx>[];
  /** Releases what prepare started (servers); called whatever happened. */
  cleanup?(prepared: P | undefined): Promise<void>;
}

export function maxScore(ex: { checks: { points: number }[] }): number {
  return ex.checks.reduce((s, c) => s + c.points, 0);
}
