import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { VerdictStatus } from '../model/verdict.js';

/**
 * A fixture is a folder with an `expect.json`: the solution itself, or `base` (another folder) plus an
 * optional `mutant.patch` (unified diff, -p1) that breaks one thing in it.
 * A fixture's `expect.json`: `{ "score": 100 }` (every check passes), or the checks that must end
 * otherwise: `{ "fail": ["id", ...], "error": "*" | [...], "skipped": [...] }`; unlisted checks pass.
 */
export interface FixtureExpectation {
  /** The solution folder, relative to the fixture's, when the fixture reuses another (e.g. one app graded by two exercises). */
  base?: string;
  score?: number;
  fail?: string[] | '*';
  error?: string[] | '*';
  skipped?: string[] | '*';
  /**
   * The diagnosis each named check must give: a case-insensitive regular expression matched against the
   * English evidence summary (a mutant must fail for the right reason, a null fixture with the right words).
   */
  diagnosis?: Record<string, string>;
  /**
   * The fixture attacks the machine it runs on (fork bomb, process killer, reads and writes outside its folder):
   * it is graded only inside the sandbox and refused otherwise, before anything of it is built or started.
   */
  requiresSandbox?: boolean;
}

/** The commands that can meet an adversarial fixture, with what makes each unsandboxed and how to sandbox it. */
const UNSANDBOXED: Record<UnsandboxedCommand, { runs: string; fix: string }> = {
  grade: { runs: '`kgrade grade` without --sandbox', fix: 'add --sandbox' },
  cohort: { runs: '`kgrade cohort --no-sandbox`', fix: 'drop --no-sandbox' },
  selftest: { runs: '`kgrade selftest` without --sandbox', fix: 'add --sandbox' },
  'scenario run': {
    runs: '`kgrade scenario run` (it never sandboxes)',
    fix: 'grade it with `kgrade grade <exercise> --sandbox` instead',
  },
};
export type UnsandboxedCommand = 'grade' | 'cohort' | 'selftest' | 'scenario run';

/**
 * The one refusal of adversarial fixtures (expect.json `requiresSandbox`) in a run that would not sandbox them,
 * in the same words from every command: which folders, why, and the command's fix. `names`: as the user named them.
 */
export function adversarialRefusal(names: string[], command: UnsandboxedCommand): UsageError {
  const { runs, fix } = UNSANDBOXED[command];
  const one = names.length === 1;
  return new UsageError(
    `${names.join(', ')} ${one ? 'is an adversarial fixture' : 'are adversarial fixtures'} (expect.json: requiresSandbox): ${one ? 'it attacks' : 'they attack'} the machine ${one ? 'it runs' : 'they run'} on, and ${runs} would run ${one ? 'it' : 'them'} unsandboxed`,
    fix,
  );
}

/**
 * Why a fixture must not be graded by this run: it needs the sandbox and the run has none. Checked before the
 * fixture is materialised, built or started, so an adversarial fixture can never run on the bare machine.
 * Reads a fixture's expectation or the SolutionSource fixtureSource made of it.
 */
export function sandboxRefusal(
  e: { requiresSandbox?: boolean },
  sandboxed: boolean,
  command: UnsandboxedCommand,
  name: string,
): UsageError | undefined {
  return e.requiresSandbox && !sandboxed ? adversarialRefusal([name], command) : undefined;
}

/**
 * Whether a folder is a fixture that requires the sandbox (an adversarial one): fixtureSource puts it in the
 * SolutionSource, from which `grade`, `cohort` and `selftest` refuse to run it unsandboxed, so a developer who
 * points kgrade at it by hand does not fork-bomb their own machine.
 */
export function requiresSandbox(dir: string): boolean {
  try {
    return (
      (JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')) as FixtureExpectation).requiresSandbox ===
      true
    );
  } catch {
    return false;
  }
}

/** The checks whose English summary does not match the fixture's expected diagnosis. */
export function diagnosisMismatch(e: FixtureExpectation, checkId: string, summaryEn: string): string | undefined {
  const want = e.diagnosis?.[checkId];
  if (want === undefined) return undefined;
  return new RegExp(want, 'i').test(summaryEn)
    ? undefined
    : `expected the diagnosis to match /${want}/i, got: ${summaryEn}`;
}

export function loadExpectation(fixtureDir: string): FixtureExpectation {
  const file = path.join(fixtureDir, 'expect.json');
  if (!fs.existsSync(file)) throw new Error(`fixture ${fixtureDir} has no expect.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureExpectation;
}

export function expectedStatus(e: FixtureExpectation, checkId: string): VerdictStatus {
  const has = (l: string[] | '*' | undefined) => l === '*' || (Array.isArray(l) && l.includes(checkId));
  if (has(e.error)) return 'error';
  if (has(e.fail)) return 'fail';
  if (has(e.skipped)) return 'skipped';
  return 'pass';
}

/** Check ids named in expect.json that the exercise does not have (a typo would hide a mismatch). */
export function unknownExpectedIds(e: FixtureExpectation, checkIds: string[]): string[] {
  const named = [e.fail, e.error, e.skipped, Object.keys(e.diagnosis ?? {})].flatMap((l) =>
    Array.isArray(l) ? l : [],
  );
  return named.filter((id) => !checkIds.includes(id));
}

/** Fixture folders of an exercise: every folder of fixtures/<ex>/ with an expect.json. */
export function listFixtures(fixturesRoot: string, exerciseId: string): string[] {
  const dir = path.join(fixturesRoot, exerciseId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'expect.json')))
    .map((d) => path.join(dir, d.name))
    .sort((a, b) => fixtureOrder(a) - fixtureOrder(b) || a.localeCompare(b));
}

/** References first: they prove the grader can give 100 %. */
function fixtureOrder(p: string): number {
  return path.basename(p).startsWith('reference') ? 0 : 1;
}

/**
 * Whether a fixture belongs to the provider-parity scope: a reference (every check passes, fault checks
 * included), or a fixture expected to end otherwise on a check that injects faults or controls brokers.
 * Those are the verdicts that depend on how a provider stops, cuts and slows things, so CI grades them on
 * every provider.
 */
export function inFaultScope(dir: string, e: FixtureExpectation, faultCheckIds: string[]): boolean {
  if (path.basename(dir).startsWith('reference')) return true;
  return faultCheckIds.some((id) => expectedStatus(e, id) !== 'pass');
}

/** Null fixtures (`null-*`: a program that does nothing, a service answering 503...) must score exactly 0. */
export function isNullFixture(dir: string): boolean {
  return path.basename(dir).startsWith('null');
}
