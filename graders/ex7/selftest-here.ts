import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExpectation } from '../../selftest/fixture-expectations.js';
import { fixtureSource } from '../../selftest/fixture-materialize.js';
import { folderToBuild } from '../../engine/solution-source.js';
import { PACKAGE_ROOT } from '../../engine/grade-config.js';
import { gradeExercise } from '../../engine/grade-pipeline.js';
import { fixturesOf } from '../../selftest/selftest.js';
import { detectSolution } from '../../runner/solution.js';
import { sharedStack, testProvider } from '../../stack/shared-stack.js';
import { StackPool } from '../../stack/stack-pool.js';
import { ex7 } from './ex7.js';
import { preflightHints } from './preflight.js';
import { readStatements } from './prepare.js';

/** Whether the test worker's provider can run ksqlDB: docker with official images, or an external one with its URL. */
export function liveKsqldbConfigured(env = process.env): string | undefined {
  const provider = testProvider();
  if (provider === 'docker' && env.KGRADE_TEST_IMAGES === 'official') return 'docker, official images';
  if (provider === 'external' && env.KGRADE_KSQLDB_URL) return `external, ksqlDB at ${env.KGRADE_KSQLDB_URL}`;
  return undefined;
}

/** The fixtures' pre-flight hints, and the not-gradable outcome where no ksqlDB runs. */
export function defineHereSuite(live: string | undefined): void {
  const where =
    live ??
    `provider ${testProvider()}${process.env.KGRADE_TEST_IMAGES ? `, images ${process.env.KGRADE_TEST_IMAGES}` : ''}: no ksqlDB`;
  describe(`ex7 selftest (${live ? `live fixtures ran on ${live}` : `live fixtures NOT run: ${where}`})`, () => {
    describe('pre-flight hints read from each fixture (shown, never scored)', () => {
      for (const dir of fixturesOf(ex7)) {
        test(path.basename(dir), async () => {
          const e = loadExpectation(dir) as { preflight?: string[] };
          const solution = detectSolution(await folderToBuild(fixtureSource({ dir })));
          const ids = [
            ...new Set(
              preflightHints(readStatements(solution.dir, solution.manifest.exercises?.ex7?.sql)).map((h) => h.id),
            ),
          ].sort();
          expect(ids).toEqual([...(e.preflight ?? [])].sort());
        });
      }
    });
    if (!live) {
      test('kgrade grade ex7 on the native provider ends not gradable, exit 2, with the reason and the commands that would grade it', () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-ex7-'));
        const r = spawnSync(
          process.execPath,
          [
            path.join(PACKAGE_ROOT, 'bin/kgrade.mjs'),
            'grade',
            'ex7',
            '--solution',
            path.join(PACKAGE_ROOT, 'fixtures/ex7/reference'),
            '--stack',
            'native',
            '--format',
            'json',
            '--out',
            out,
          ],
          {
            encoding: 'utf8',
            timeout: 120_000,
            env: { ...process.env, KGRADE_KSQLDB_URL: '' },
          },
        );
        expect(r.status, r.stderr.slice(-2000)).toBe(2);
        const result = JSON.parse(fs.readFileSync(path.join(out, 'kgrade-ex7.json'), 'utf8')) as {
          outcome: string;
          score: number;
          verdicts: { status: string }[];
          problems: { message: string; hint: string }[];
        };
        expect(result.outcome).toBe('not-gradable');
        expect(result.verdicts.every((v) => v.status === 'not-gradable')).toBe(true);
        expect(result.score).toBe(0);
        const problem = result.problems.map((p) => `${p.message} ${p.hint}`).join('\n');
        expect(problem).toMatch(/native provider cannot run it/);
        expect(problem).toMatch(/--stack docker --images official/);
        expect(problem).toMatch(/KGRADE_KSQLDB_URL=.*--stack external/);
        fs.rmSync(out, { recursive: true, force: true });
      }, 150_000);
      test('a stack without ksqlDB handed to the grader (external without KGRADE_KSQLDB_URL) ends not gradable with the commands', async () => {
        const stack = await sharedStack({ brokers: 1 });
        const pool = new StackPool(async () => stack, false);
        const result = await gradeExercise(
          {
            exercise: ex7,
            source: fixtureSource({
              dir: path.join(PACKAGE_ROOT, 'fixtures/ex7/reference'),
              replayAs: 'kgrade grade ex7',
            }),
            seed: 7,
          },
          pool,
        );
        expect(result.outcome).toBe('not-gradable');
        expect(result.verdicts.map((v) => v.status)).toEqual(ex7.checks.map(() => 'not-gradable'));
        expect(result.problems.map((p) => `${p.message} ${p.hint}`).join('\n')).toMatch(
          /this stack has no ksqlDB server .*KGRADE_KSQLDB_URL=/,
        );
      }, 120_000);
    }
  });
}
