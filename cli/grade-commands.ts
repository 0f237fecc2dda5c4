import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { GraderError } from '../core/errors.js';
import { randomSeed } from '../core/rng.js';
import type { Lang } from '../model/verdict.js';
import { EXERCISES, exerciseById, specPath } from '../graders/registry.js';
import { maxScore } from '../engine/exercise.js';
import type { GradeConfig } from '../engine/grade-config.js';
import { runSuites } from '../engine/vitest-run.js';
import { parseFormats, renderReports } from '../reports/render.js';
import type { GradeResult } from '../model/result.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { registerSelftestCommand } from './selftest-command.js';

export function parseLang(v: string): Lang {
  if (v !== 'fr' && v !== 'en') throw new GraderError('BAD_USAGE', `--lang must be fr or en, got '${v}'`, { hint: 'e.g. --lang en' });
  return v;
}

export function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 31) throw new GraderError('BAD_USAGE', `--seed must be an integer from 0 to 2147483647, got '${v}'`, { hint: 'copy the seed printed in an earlier report' });
  return n;
}

export function parseProvider(v: string): ProviderName | 'auto' {
  if (v === 'auto' || v === 'native' || v === 'docker' || v === 'external') return v;
  throw new GraderError('BAD_USAGE', `unknown stack provider '${v}'`, { hint: 'use --stack auto (default), native, docker or external (a running `kgrade stack up`, or KGRADE_BOOTSTRAP_SERVERS)' });
}

export function parseImages(v: string): ImagesChoice {
  if (v === 'auto' || v === 'official' || v === 'offline') return v;
  throw new GraderError('BAD_USAGE', `unknown image set '${v}'`, { hint: 'use --images auto (default), official (pulled) or offline (built by `kgrade images build`)' });
}

/** 0 all pass, 1 some check failed or errored, 2 not gradable. */
export function exitCodeFor(results: GradeResult[]): number {
  if (results.some((r) => r.outcome === 'not-gradable')) return 2;
  return results.every((r) => r.verdicts.every((v) => v.status === 'pass' || v.status === 'skipped')) ? 0 : 1;
}

interface GradeOpts {
  solution: string;
  seed?: number;
  lang: Lang;
  format: string;
  out: string;
  stack: ProviderName | 'auto';
  images: ImagesChoice;
  color: boolean;
}

export async function gradeOnce(ids: string[], opts: GradeOpts): Promise<number> {
  const exercises = ids.map(exerciseById);
  const formats = parseFormats(opts.format);
  const seed = opts.seed ?? randomSeed();
  const solutionDir = path.resolve(opts.solution);
  const config: GradeConfig = {
    solutionDir,
    seed,
    provider: opts.stack,
    images: opts.images,
    replayCommand: `kgrade grade {ex} --solution ${path.relative(process.cwd(), solutionDir) || '.'} --seed ${seed}`,
  };
  const reporter = await runSuites(exercises.map((e) => `graders/${e.id}/${e.id}.grader.ts`), config);
  const results = reporter.results();
  for (const r of results) {
    const outputs = await renderReports(r, { formats, outDir: opts.out, lang: opts.lang, color: opts.color });
    for (const o of outputs) {
      if (o.text) process.stdout.write(o.text.endsWith('\n') ? o.text : `${o.text}\n`);
      else if (o.path) process.stderr.write(`kgrade: ${o.format} report: ${o.path}\n`);
    }
  }
  const missing = exercises.filter((e) => !results.some((r) => r.exercise.id === e.id));
  if (missing.length || reporter.errors.length) {
    process.stderr.write(`kgrade: not gradable: ${[...missing.map((e) => `${e.id} produced no verdict`), ...reporter.errors].join('\n  ')}\n`);
    return 2;
  }
  return exitCodeFor(results);
}

export function registerGradeCommands(program: Command): void {
  program
    .command('list')
    .description('exercises kgrade can grade, with their checks and points')
    .option('--lang <fr|en>', 'language', parseLang, 'fr' as Lang)
    .action((opts: { lang: Lang }) => {
      for (const ex of EXERCISES) {
        process.stdout.write(`${ex.id}  ${ex.title[opts.lang]}  (${maxScore(ex)} pts, ${ex.source})\n`);
        for (const c of ex.checks) process.stdout.write(`   ${c.id.padEnd(24)} ${String(c.points).padStart(2)} pts  ${c.title[opts.lang]}\n`);
      }
    });

  program
    .command('spec')
    .description("an exercise's statement, contract (names, env vars, endpoints) and grading table")
    .argument('<exercise>', 'exercise id, e.g. ex3')
    .option('--lang <fr|en>', 'language', parseLang, 'fr' as Lang)
    .action((id: string, opts: { lang: Lang }) => {
      const ex = exerciseById(id);
      process.stdout.write(fs.readFileSync(specPath(ex.id, opts.lang), 'utf8'));
    });

  program
    .command('grade')
    .description('grade a solution on one or more exercises against a real Kafka stack')
    .argument('<exercises...>', 'exercise ids, e.g. ex0 ex1')
    .option('--solution <dir>', 'the solution folder', '.')
    .option('--seed <n>', 'replay the data of an earlier run', parseSeed)
    .option('--lang <fr|en>', 'report language', parseLang, 'fr' as Lang)
    .option('--format <list>', 'console,json,html,junit,classroom,gradescope', 'console,json')
    .option('--out <dir>', 'where report files go', 'kgrade-out')
    .option('--stack <provider>', 'auto|native|docker|external (a running `kgrade stack up`, or KGRADE_BOOTSTRAP_SERVERS)', parseProvider, 'auto' as ProviderName | 'auto')
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--no-color', 'no ANSI colours in the console report')
    .option('--watch', 're-grade when a file of the solution changes')
    .action(async (ids: string[], opts: GradeOpts & { watch?: boolean }) => {
      const color = opts.color && process.stdout.isTTY === true;
      const run = () => gradeOnce(ids, { ...opts, color });
      process.exitCode = await run();
      if (opts.watch) await watchAndRegrade(path.resolve(opts.solution), run);
    });

  registerSelftestCommand(program);
}

async function watchAndRegrade(dir: string, run: () => Promise<number>): Promise<void> {
  process.stderr.write(`kgrade: watching ${dir} (Ctrl-C to stop)\n`);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const trigger = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      do {
        again = false;
        process.stderr.write('kgrade: change detected, grading again\n');
        process.exitCode = await run();
      } while (again);
      running = false;
    }, 500);
  };
  const watcher = fs.watch(dir, { recursive: true }, (_e, file) => {
    if (file && !/(^|\/)(node_modules|target|kgrade-out|\.git)(\/|$)/.test(file)) trigger();
  });
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  watcher.close();
}
