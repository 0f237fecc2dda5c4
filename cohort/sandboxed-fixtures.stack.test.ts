/**
 * Issue 32 item 0: every exercise's references and one mutant each, graded in one sandboxed cohort, end with the
 * verdicts of their expect.json, as `kgrade grade` gives them. The sandbox is the one that follows the test stack
 * (KGRADE_TEST_PROVIDER: native -> bubblewrap, docker -> container; images from KGRADE_TEST_IMAGES). Each
 * exercise hands its solution something a sandbox must show: ex8 a records file, ex3 a file to write
 * (variant-file-sink), ex6 state folders; the TypeScript references run with their enclosing module type.
 * KGRADE_SANDBOX_PARALLEL: the cohort's --parallel (default auto).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedStatus, loadExpectation } from '../selftest/fixture-expectations.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';
import { exerciseById } from '../graders/registry.js';
import { testProvider } from '../stack/shared-stack.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { runCohort, type CohortRunResult } from './run-cohort.js';
import { readRecord } from './store.js';

/**
 * Every reference and one mutant per exercise (ex3: and its file-sink variant); ex7 is not graded here (ksqlDB).
 * CI grades the TypeScript references and the mutants, and one JVM (Java or Spring) reference of each exercise that hands its
 * solution a file or folder (ex3, ex6, ex8: where a JVM solution met a path the sandbox did not show); every
 * other Java/Spring reference joins with KGRADE_SANDBOX_ROSTER=all (a few minutes more). ex0's Python variant is
 * the command runner's build that downloads (a venv, pip from PyPI through the sandbox's registries proxy).
 */
const FIXTURES: Record<string, string[]> = {
  ex0: ['reference-ts', 'reference-java', 'mutant-three-partitions', 'variant-python-default-partitioner'],
  ex1: ['reference-ts', 'reference-spring', 'mutant-acks-1-critical'],
  ex2: ['reference-ts', 'reference-spring', 'mutant-likes-on-reserved'],
  ex3: ['reference-ts', 'reference-java', 'reference-spring', 'variant-file-sink', 'mutant-never-commits'],
  ex4: ['reference-ts', 'reference-spring', 'mutant-smt-missing'],
  ex5: ['reference-ts', 'reference-java', 'mutant-compat-none'],
  ex6: ['reference-ts', 'reference-java', 'mutant-left-join'],
  ex8: ['reference-ts', 'reference-java', 'mutant-no-compression'],
  ex9: ['reference-ts', 'reference-java', 'mutant-acks-1'],
};
/** The JVM reference CI grades sandboxed, for each exercise that hands its solution a file or folder. */
const JVM_IN_CI: Record<string, string> = { ex3: 'reference-spring', ex6: 'reference-java', ex8: 'reference-java' };
const everyReference = process.env.KGRADE_SANDBOX_ROSTER === 'all';
const inRoster = (ex: string, f: string) =>
  everyReference || !/^reference-(java|spring)$/.test(f) || JVM_IN_CI[ex] === f;
const only = process.env.KGRADE_SANDBOX_EXERCISES?.split(',').filter(Boolean);
const EXERCISES = Object.keys(FIXTURES).filter((e) => !only || only.includes(e));
const STUDENTS = EXERCISES.flatMap((ex) =>
  FIXTURES[ex]!.filter((f) => inRoster(ex, f)).map((f) => ({
    id: `${ex}-${f}`,
    ex,
    dir: path.join(PACKAGE_ROOT, 'fixtures', ex, f),
  })),
);
const parallelEnv = process.env.KGRADE_SANDBOX_PARALLEL;
const PARALLEL: number | 'auto' = parallelEnv && parallelEnv !== 'auto' ? Number(parallelEnv) : 'auto';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-sandboxed-fixtures-'));
let run: CohortRunResult;

beforeAll(async () => {
  // One column per exercise: each student (a fixture) has a solution for its own exercise only.
  const roster = path.join(work, 'roster.csv');
  const header = ['student_id', 'display_name', ...EXERCISES].join(',');
  const rows = STUDENTS.map((s) => [s.id, s.id, ...EXERCISES.map((e) => (e === s.ex ? s.dir : ''))].join(','));
  fs.writeFileSync(roster, [header, ...rows].join('\n') + '\n');
  const t0 = performance.now();
  run = await runCohort({
    rosterPath: roster,
    exerciseIds: EXERCISES,
    outDir: path.join(work, 'out'),
    parallel: PARALLEL,
    seed: 3232,
    lang: 'en',
    sandbox: true,
    provider: testProvider(),
    images: (process.env.KGRADE_TEST_IMAGES as ImagesChoice | undefined) ?? 'auto',
  });
  process.stderr.write(
    `sandboxed fixtures (${testProvider()}, --parallel ${PARALLEL}): ${STUDENTS.length} gradings in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  for (const s of STUDENTS) {
    const r = readRecord(run.outDir, s.id, s.ex)?.result;
    process.stderr.write(
      `  ${s.id}: ${r ? `${r.score}/${r.maxScore} ${r.outcome} in ${(r.durationMs / 1000).toFixed(1)} s` : 'no result'}\n`,
    );
  }
}, 40 * 60_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('every exercise in a sandboxed cohort', () => {
  test.each(STUDENTS.map((s) => [s.id, s] as const))('%s ends as its expect.json says, sandboxed', (_id, s) => {
    const r = readRecord(run.outDir, s.id, s.ex)?.result;
    expect(r, `${s.id} has no result`).toBeDefined();
    expect(r!.isolation?.kind, s.id).toBe(testProvider() === 'docker' ? 'container' : 'bubblewrap');
    const e = loadExpectation(s.dir);
    const why = (id: string) => r!.verdicts.find((v) => v.id === id)?.evidence.summary.en ?? '';
    const got = Object.fromEntries(r!.verdicts.map((v) => [v.id, v.status]));
    const want = Object.fromEntries(exerciseById(s.ex).checks.map((c) => [c.id, expectedStatus(e, c.id)]));
    expect(
      got,
      `${s.id}: ${r!.verdicts
        .filter((v) => v.status !== want[v.id])
        .map((v) => `${v.id}: ${why(v.id)}`)
        .join(' | ')} ${r!.problems.map((p) => p.message).join('; ')}`,
    ).toEqual(want);
  });
});
