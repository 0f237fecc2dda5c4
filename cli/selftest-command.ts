import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { randomSeed } from '../core/rng.js';
import { EXERCISES, exerciseById } from '../graders/registry.js';
import {
  asExpected,
  fixturesOf,
  missingFixtureKinds,
  selftestFixture,
  type SelftestRow,
  type SelftestScope,
} from '../selftest/selftest.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { StackPool } from '../stack/stack-pool.js';
import type { ProviderName } from '../stack/stack-types.js';
import { parseImages, parseProvider } from './options.js';

/** fixture x check matrix: '✔' where actual = expected, else 'expected→actual'. */
export function renderMatrix(rows: SelftestRow[]): string {
  const out: string[] = [];
  for (const ex of [...new Set(rows.map((r) => r.exercise))]) {
    const mine = rows.filter((r) => r.exercise === ex);
    const checks = [...new Set(mine.map((r) => r.check))];
    const fixtures = [...new Set(mine.map((r) => r.fixture))];
    const w = Math.max(...fixtures.map((f) => f.length), 8);
    out.push(`${ex}: fixture x check (✔ = verdict as expected; otherwise expected→actual)`);
    out.push(`${''.padEnd(w)}  ${checks.map((c) => c.slice(0, 14).padEnd(14)).join(' ')}`);
    for (const f of fixtures) {
      const cells = checks.map((c) => {
        const r = mine.find((x) => x.fixture === f && x.check === c);
        if (!r) return '·'.padEnd(14);
        const cell = asExpected(r)
          ? `✔ ${r.actual}`
          : r.actual === r.expected
            ? `✘ ${r.actual} (why)`
            : `✘ ${r.expected}→${r.actual}`;
        return cell.slice(0, 14).padEnd(14);
      });
      out.push(`${f.padEnd(w)}  ${cells.join(' ')}`);
    }
    for (const r of mine.filter((x) => !asExpected(x))) {
      out.push(
        r.actual !== r.expected
          ? `  ✘ ${r.fixture} / ${r.check}: expected ${r.expected}, got ${r.actual}: ${r.summary}`
          : `  ✘ ${r.fixture} / ${r.check}: ${r.diagnosisMismatch}`,
      );
    }
  }
  return out.join('\n');
}

function parseScope(v: string): 'all' | 'faults' {
  if (v !== 'all' && v !== 'faults') throw new InvalidArgumentError(`--scope is all or faults, not "${v}"`);
  return v;
}

export function registerSelftestCommand(program: Command): void {
  program
    .command('selftest')
    .description('prove graders with their fixtures: references must score 100 %, each mutant fail exactly its checks')
    .argument('[exercises...]', 'exercise ids (default: all)')
    .option('--json', 'print the matrix as JSON')
    .option('--stack <provider>', 'auto|native|docker|external', parseProvider, 'native' as ProviderName | 'auto')
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--sandbox', 'build and run each fixture in the sandbox (the adversarial fixtures are refused without it)')
    .option(
      '--only <fixtures>',
      'only these fixtures, comma-separated (e.g. reference-ts,mutant-acks-1)',
      (v: string) =>
        v
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
    )
    .option(
      '--scope <scope>',
      'all|faults (faults: references and the fixtures expected to end otherwise on a check that injects faults or stops brokers)',
      parseScope,
      'all',
    )
    .action(
      async (
        ids: string[],
        opts: {
          json?: boolean;
          stack: ProviderName | 'auto';
          images: ImagesChoice;
          scope: SelftestScope;
          sandbox?: boolean;
          only?: string[];
        },
      ) => {
        const exercises = ids.length ? ids.map(exerciseById) : EXERCISES;
        const chosen = (exercise: (typeof exercises)[number]) =>
          fixturesOf(exercise, opts.scope).filter((d) => !opts.only || opts.only.includes(path.basename(d)));
        // A name no chosen exercise has is a usage error before any stack starts, with the names there are.
        const unknown = (opts.only ?? []).filter(
          (f) => !exercises.some((e) => fixturesOf(e, opts.scope).some((d) => path.basename(d) === f)),
        );
        if (unknown.length)
          throw new UsageError(
            `no fixture named ${unknown.join(', ')} in ${exercises.map((e) => e.id).join(', ')}${opts.scope === 'faults' ? ' (--scope faults)' : ''}`,
            `pick among: ${[...new Set(exercises.flatMap((e) => fixturesOf(e, opts.scope).map((d) => path.basename(d))))].join(', ')}`,
          );
        const pool = StackPool.of({ provider: opts.stack, images: opts.images });
        const rows: SelftestRow[] = [];
        const errors: string[] = [];
        const notRun: { exercise: string; fixture: string; reason: string }[] = [];
        try {
          for (const exercise of exercises) {
            if (!opts.only) errors.push(...missingFixtureKinds(exercise));
            for (const dir of chosen(exercise)) {
              const seed = process.env.KGRADE_SELFTEST_SEED ? Number(process.env.KGRADE_SELFTEST_SEED) : randomSeed();
              const outcome = await selftestFixture(exercise, dir, pool, seed, undefined, {
                sandbox: opts.sandbox === true,
              });
              if (outcome.notRunnableHere) {
                notRun.push({ exercise: exercise.id, fixture: outcome.fixture, reason: outcome.notRunnableHere });
                process.stderr.write(
                  `kgrade selftest: ${exercise.id}/${outcome.fixture}: not runnable here: ${outcome.notRunnableHere}\n`,
                );
                continue;
              }
              rows.push(...outcome.rows);
              errors.push(...outcome.problems);
              const off = outcome.rows.filter((r) => !asExpected(r)).length;
              process.stderr.write(
                `kgrade selftest: ${exercise.id}/${outcome.fixture} (seed ${seed}): ${off ? `${off} verdict(s) not as expected` : 'as expected'}\n`,
              );
            }
          }
        } finally {
          await pool.close();
        }
        const mismatches = rows.filter((r) => !asExpected(r));
        const ok = mismatches.length === 0 && errors.length === 0 && rows.length > 0;
        // Nothing graded because the provider cannot run what the fixtures need: not gradable (exit 2), like `grade`.
        const nothingRan = rows.length === 0 && notRun.length > 0 && errors.length === 0;
        if (opts.json)
          process.stdout.write(JSON.stringify({ ok, rows, errors, notRunnableHere: notRun }, null, 2) + '\n');
        else {
          if (rows.length) process.stdout.write(renderMatrix(rows) + '\n');
          for (const e of errors) process.stdout.write(`error: ${e}\n`);
          for (const [ex, reason] of new Map(notRun.map((n) => [n.exercise, n.reason]))) {
            const fixtures = notRun.filter((n) => n.exercise === ex).map((n) => n.fixture);
            process.stdout.write(
              `${ex}: ${fixtures.length} fixture(s) NOT run here (${fixtures.join(', ')}): ${reason}\n`,
            );
          }
          const verdicts = `${rows.length - mismatches.length}/${rows.length} verdicts as expected${notRun.length ? `, ${notRun.length} fixture(s) not runnable here` : ''}`;
          process.stdout.write(
            `${nothingRan ? 'selftest not runnable here' : ok ? 'selftest passed' : 'SELFTEST FAILED'}: ${verdicts}\n`,
          );
        }
        process.exitCode = nothingRan ? 2 : ok ? 0 : 1;
      },
    );
}
