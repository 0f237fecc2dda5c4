/**
 * The adversarial fixtures (fixtures/ex0/adversarial-*: fork bomb, process killer...) can never run unsandboxed:
 * each says so in its expect.json, and the selftest refuses it before anything of it is built or started (no stack
 * is even leased). Their graded behaviour, in the sandbox, is proven by containment.stack.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExpectation, requiresSandbox, unknownExpectedIds } from '../selftest/fixture-expectations.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';
import { fixturesOf, selftestFixture } from '../selftest/selftest.js';
import { exerciseById } from '../graders/registry.js';
import type { StackPool } from '../stack/stack-pool.js';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { runCohort } from './run-cohort.js';

const ex0 = exerciseById('ex0');
const ADVERSARIAL_DIR = path.join(PACKAGE_ROOT, 'fixtures', 'ex0');
const adversarial = fs
  .readdirSync(ADVERSARIAL_DIR)
  .filter((n) => n.startsWith('adversarial-'))
  .map((n) => path.join(ADVERSARIAL_DIR, n));

/** A pool that fails the test the moment anything asks it for a stack. */
const noStack = {
  lease: () => {
    throw new Error('a refused fixture must not lease a stack');
  },
} as unknown as StackPool;

describe('adversarial fixtures', () => {
  test('each attack of issue 17 has its fixture, listed with the others of ex0', () => {
    expect(adversarial.map((d) => path.basename(d)).sort()).toEqual(
      [
        'connects-outside',
        'daemon',
        'forged-result',
        'fork-bomb',
        'kills-processes',
        'maven-plugin',
        'memory-hog',
        'reads-outside',
        'stdout-flood',
        'writes-results',
      ].map((n) => `adversarial-${n}`),
    );
    expect(fixturesOf(ex0).filter((d) => path.basename(d).startsWith('adversarial-')).length).toBe(adversarial.length);
  });

  test.each(adversarial.map((d) => [path.basename(d), d]))(
    '%s requires the sandbox and names only checks ex0 has',
    (_name, dir) => {
      const e = loadExpectation(dir);
      expect(e.requiresSandbox).toBe(true);
      expect(
        unknownExpectedIds(
          e,
          ex0.checks.map((c) => c.id),
        ),
      ).toEqual([]);
      expect(e.fail ?? e.error).toBe('*');
    },
  );

  test.each(adversarial.map((d) => [path.basename(d), d]))(
    '%s is refused without the sandbox, before any stack or process',
    async (_name, dir) => {
      const outcome = await selftestFixture(ex0, dir, noStack, 1);
      expect(outcome.notRunnableHere).toMatch(
        /`kgrade selftest` without --sandbox would run it unsandboxed; add --sandbox$/,
      );
      expect(outcome.rows.every((r) => r.actual === 'not-gradable')).toBe(true);
      expect(outcome.result.logs).toEqual([]);
      expect(outcome.problems).toEqual([]);
    },
  );

  test('grade and cohort know them by their folder; a cohort with --no-sandbox refuses them before any stack', async () => {
    expect(adversarial.every(requiresSandbox)).toBe(true);
    expect(requiresSandbox(path.join(ADVERSARIAL_DIR, 'reference-ts'))).toBe(false);
    // What every caller reads: the SolutionSource made of the folder.
    expect(adversarial.every((dir) => fixtureSource({ dir }).requiresSandbox)).toBe(true);
    expect(fixtureSource({ dir: path.join(ADVERSARIAL_DIR, 'reference-ts') }).requiresSandbox).toBeUndefined();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-adversarial-'));
    try {
      const roster = path.join(tmp, 'roster.csv');
      fs.writeFileSync(
        roster,
        [
          'student_id,display_name,solution',
          `eve,Eve,${adversarial[0]}`,
          `ann,Ann,${path.join(ADVERSARIAL_DIR, 'reference-ts')}`,
        ].join('\n'),
      );
      const run = runCohort({
        rosterPath: roster,
        exerciseIds: ['ex0'],
        outDir: path.join(tmp, 'out'),
        sandbox: false,
        acquireStack: () => Promise.reject(new Error('no stack may be asked for')),
      });
      await expect(run).rejects.toMatchObject({
        code: 'BAD_USAGE',
        message: expect.stringMatching(/^eve is an adversarial fixture .*`kgrade cohort --no-sandbox` would run it/),
        hint: 'drop --no-sandbox',
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
