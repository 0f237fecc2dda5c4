import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { randomSeed } from '../core/rng.js';
import { testStackPool } from '../stack/shared-stack.js';
import type { ExerciseDefinition } from '../engine/exercise.js';
import { fixturesOf, missingFixtureKinds, outputTail, selftestFixture, type FixtureOutcome } from './selftest.js';

/**
 * The fixture selftests as Vitest test cases: each fixture is graded through the same pipeline as
 * `kgrade selftest` (selftest/selftest.ts) on the worker's stack pool, then one test per check compares the verdict
 * with expect.json. `KGRADE_SELFTEST_SEED` fixes the seed (replay); `KGRADE_SELFTEST_SCOPE=faults` keeps the
 * fault-scope fixtures (provider parity in CI); `KGRADE_SELFTEST_TABLE=<file>` appends every row as a JSON line
 * (the verdict table a run produced, to compare runs); `KGRADE_SELFTEST_SANDBOX=1` grades in the sandbox (a fixture
 * that requires it, an adversarial one, is refused otherwise: its checks are skipped with the reason).
 */
export function defineSelftestSuite(exercise: ExerciseDefinition): void {
  const scope = process.env.KGRADE_SELFTEST_SCOPE === 'faults' ? 'faults' : 'all';
  const sandbox = process.env.KGRADE_SELFTEST_SANDBOX === '1';
  describe(`selftest ${exercise.id}`, () => {
    test('has a reference, a mutant and a null fixture', () => {
      expect(missingFixtureKinds(exercise)).toEqual([]);
    });
    for (const dir of fixturesOf(exercise, scope)) {
      const seed = process.env.KGRADE_SELFTEST_SEED ? Number(process.env.KGRADE_SELFTEST_SEED) : randomSeed();
      let outcome: FixtureOutcome;
      describe(dir.split('/').pop()!, () => {
        beforeAll(async () => {
          outcome = await selftestFixture(exercise, dir, testStackPool(), seed, undefined, { sandbox });
          const table = process.env.KGRADE_SELFTEST_TABLE;
          if (table) fs.appendFileSync(table, outcome.rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
        }, 15 * 60_000);
        test('expect.json is consistent and a null fixture scores 0', () => {
          expect(outcome.problems).toEqual([]);
        });
        for (const check of exercise.checks) {
          test(check.id, (t) => {
            // A provider that cannot run the exercise's services (ksqlDB natively), or a run without the sandbox an
            // adversarial fixture requires, grades nothing: skipped, with the reason.
            if (outcome.notRunnableHere) t.skip(`not runnable here: ${outcome.notRunnableHere}`);
            const r = outcome.rows.find((x) => x.check === check.id)!;
            const v = outcome.result.verdicts.find((x) => x.id === check.id)!;
            // A mismatch carries the solution's last output lines, so a verdict that changed in CI can be explained.
            const why = r.actual === r.expected ? '' : `\n${outputTail(outcome.result)}`;
            expect(
              r.actual,
              `${r.fixture} / ${check.id} (seed ${seed}): ${r.summary}${v.reason ? ` [${v.reason}]` : ''}${why}`,
            ).toBe(r.expected);
            expect(r.diagnosisMismatch, `${r.fixture} / ${check.id} (seed ${seed})`).toBeUndefined();
          });
        }
      });
    }
  });
}
