import path from 'node:path';
import type { GradeListener } from '../model/progress.js';
import type { GradeResult } from '../model/result.js';
import type { Verdict } from '../model/verdict.js';
import type { StackPool } from '../stack/stack-pool.js';
import type { ExerciseDefinition } from '../engine/exercise.js';
import { type GraderError, usageLine } from '../core/errors.js';
import {
  diagnosisMismatch,
  expectedStatus,
  inFaultScope,
  isNullFixture,
  listFixtures,
  loadExpectation,
  sandboxRefusal,
  unknownExpectedIds,
  type FixtureExpectation,
} from './fixture-expectations.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';
import { fixtureSource } from './fixture-materialize.js';
import { gradeExercise } from '../engine/grade-pipeline.js';
import { assembleResult } from '../engine/grade-session.js';
import { verdictForProblem } from '../engine/run-check.js';

/** One check of one fixture: what expect.json asks for, and what the grading gave. */
export interface SelftestRow {
  exercise: string;
  fixture: string;
  check: string;
  expected: string;
  actual: string;
  summary: string;
  /** How long the check took, to see where a selftest spends its time. */
  durationMs: number;
  /** Set when the verdict's diagnosis does not match the one expect.json names for this check. */
  diagnosisMismatch?: string;
  /** The seed the fixture was graded with (`KGRADE_SELFTEST_SEED=<seed>` replays it). */
  seed: number;
  /**
   * Why the check was not graded: for `not-gradable`, the grader's problem as `<CODE>: <message>` (e.g.
   * `INTERNAL: This server does not host this topic-partition`); for `skipped`, what the stack lacks.
   */
  reason?: string;
  /** The problem's code: a GraderError code for `not-gradable`, the solution's failure kind for `error`. */
  code?: string;
}

/** all: every fixture; faults: references and the fixtures expected to end otherwise on a check that needs faults. */
export type SelftestScope = 'all' | 'faults';

/** The verdict expect.json asks for: its status, and its diagnosis where one is named. */
export const asExpected = (r: SelftestRow) => r.actual === r.expected && !r.diagnosisMismatch;

/** The fixture folders of an exercise in a scope (references first). */
export function fixturesOf(exercise: ExerciseDefinition, scope: SelftestScope = 'all'): string[] {
  const all = listFixtures(path.join(PACKAGE_ROOT, 'fixtures'), exercise.id);
  if (scope === 'all') return all;
  const faultChecks = exercise.checks.filter((c) => c.needs?.faults || c.needs?.brokerControl).map((c) => c.id);
  return all.filter((d) => inFaultScope(d, loadExpectation(d), faultChecks));
}

/** What an exercise's fixture set lacks: a reference, a mutant and a null fixture are required. */
export function missingFixtureKinds(exercise: ExerciseDefinition): string[] {
  const names = listFixtures(path.join(PACKAGE_ROOT, 'fixtures'), exercise.id).map((f) => path.basename(f));
  const missing: string[] = [];
  if (!names.some((n) => n.startsWith('reference')))
    missing.push(`fixtures/${exercise.id} needs a reference-* fixture (scoring 100 %)`);
  if (!names.some((n) => n.startsWith('mutant'))) missing.push(`fixtures/${exercise.id} needs a mutant-* fixture`);
  if (!names.some((n) => n.startsWith('null')))
    missing.push(`fixtures/${exercise.id} needs a null-* fixture (a solution that does nothing must score 0)`);
  return missing;
}

export interface FixtureOutcome {
  fixture: string;
  expectation: FixtureExpectation;
  seed: number;
  result: GradeResult;
  rows: SelftestRow[];
  /** Problems of the fixture itself, beside its rows: expect.json naming checks that do not exist, a null fixture with points. */
  problems: string[];
  /**
   * Set when the chosen provider cannot run a service the exercise needs (ksqlDB natively): the fixture was not
   * graded here, which is neither a pass nor a failure; its rows say not-gradable and must not be counted.
   * Also set, without anything of the fixture started, for a fixture that requires the sandbox on a run without it.
   */
  notRunnableHere?: string;
}

/** The reason a result could not be graded on this provider by nature, if that is the only trouble it had. */
export function notRunnableReason(result: GradeResult): string | undefined {
  if (result.outcome !== 'not-gradable' || !result.problems.length) return undefined;
  if (!result.problems.every((p) => p.code === 'SERVICE_UNAVAILABLE')) return undefined;
  return result.problems.map((p) => `${p.message} (${p.hint})`).join('; ');
}

/** How the selftest runs the fixtures: sandboxed or not (an adversarial fixture is refused unsandboxed). */
export interface SelftestIsolation {
  sandbox: boolean;
}

/**
 * Grades one fixture through the pipeline and compares each verdict with its expect.json. A fixture that requires
 * the sandbox is refused on a run without it: nothing of it is built or started, no stack is leased.
 */
export async function selftestFixture(
  exercise: ExerciseDefinition,
  dir: string,
  pool: StackPool,
  seed: number,
  onEvent?: GradeListener,
  isolation: SelftestIsolation = { sandbox: false },
): Promise<FixtureOutcome> {
  const fixture = path.basename(dir);
  const expectation = loadExpectation(dir);
  const source = fixtureSource({
    dir,
    replayAs: `KGRADE_SELFTEST_SEED=${seed} kgrade selftest ${exercise.id}${isolation.sandbox ? ' --sandbox' : ''}`,
  });
  const refusal = sandboxRefusal(source, isolation.sandbox, 'selftest', fixture);
  if (refusal) return refusedOutcome(exercise, dir, expectation, seed, refusal);
  const result = await gradeExercise(
    {
      exercise,
      source,
      seed,
      sandbox: isolation.sandbox,
    },
    pool,
    onEvent ? { onEvent } : {},
  );
  const rows = exercise.checks.map((check) =>
    selftestRow({ exercise: exercise.id, fixture, seed, expectation }, result.verdicts.find((x) => x.id === check.id)!),
  );
  const problems: string[] = [];
  const unknown = unknownExpectedIds(
    expectation,
    exercise.checks.map((c) => c.id),
  );
  if (unknown.length)
    problems.push(
      `${exercise.id}/${fixture}: expect.json names checks the exercise does not have: ${unknown.join(', ')}`,
    );
  if ((isNullFixture(dir) || expectation.score === 0) && result.score !== 0) {
    problems.push(
      `${exercise.id}/${fixture} must score 0 but scored ${result.score} (${result.verdicts
        .filter((v) => v.score > 0)
        .map((v) => v.id)
        .join(', ')} gave points)`,
    );
  }
  const notRunnable = notRunnableReason(result);
  return {
    fixture,
    expectation,
    seed,
    result,
    rows,
    problems: notRunnable ? [] : problems,
    ...(notRunnable ? { notRunnableHere: notRunnable } : {}),
  };
}

function refusedOutcome(
  exercise: ExerciseDefinition,
  dir: string,
  expectation: FixtureExpectation,
  seed: number,
  problem: GraderError,
): FixtureOutcome {
  const verdicts = exercise.checks.map((c) => verdictForProblem(c, problem, 0));
  const result = assembleResult({
    exercise,
    solution: { dir, runner: 'not started' },
    seed,
    replayCommand: '',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    verdicts,
    logs: [],
    problems: [{ code: problem.code, message: problem.message, hint: problem.hint }],
  });
  const rows = exercise.checks.map(
    (c): SelftestRow => ({
      exercise: exercise.id,
      fixture: path.basename(dir),
      check: c.id,
      expected: expectedStatus(expectation, c.id),
      actual: 'not-gradable',
      summary: usageLine(problem),
      durationMs: 0,
      seed,
      reason: `${problem.code}: ${problem.message}`,
      code: problem.code,
    }),
  );
  return {
    fixture: path.basename(dir),
    expectation,
    seed,
    result,
    rows,
    problems: [],
    notRunnableHere: usageLine(problem),
  };
}

/** One check's row: what expect.json asks for beside the verdict, with what traces a not-gradable one. Pure. */
export function selftestRow(
  of: { exercise: string; fixture: string; seed: number; expectation: FixtureExpectation },
  v: Verdict,
): SelftestRow {
  const mismatch = diagnosisMismatch(of.expectation, v.id, v.evidence.summary.en);
  return {
    exercise: of.exercise,
    fixture: of.fixture,
    check: v.id,
    expected: expectedStatus(of.expectation, v.id),
    actual: v.status,
    summary: v.evidence.summary.en,
    durationMs: v.durationMs,
    ...(mismatch ? { diagnosisMismatch: mismatch } : {}),
    seed: of.seed,
    ...(v.reason ? { reason: v.reason } : {}),
    ...problemCode(v),
  };
}

/** The code a verdict's evidence names for its problem (`not-gradable`: GraderError code; `error`: failure kind). */
function problemCode(v: Verdict): { code?: string } {
  const data = v.evidence.data ?? {};
  const code = v.status === 'not-gradable' ? data.code : v.status === 'error' ? data.problem : undefined;
  return typeof code === 'string' ? { code } : {};
}

/** The last lines each phase of the solution printed on stderr (bounded), for a selftest failure message. */
export function outputTail(result: GradeResult, linesPerPhase = 6): string {
  return result.logs
    .filter((l) => l.stderr.trim())
    .map(
      (l) =>
        `  [${l.phase}${l.exitCode !== undefined ? `, exit ${l.exitCode}` : ''}] ${l.stderr.trim().split('\n').slice(-linesPerPhase).join('\n    ')}`,
    )
    .join('\n')
    .slice(-3000);
}
