import path from 'node:path';
import type { Command } from 'commander';
import { GraderError } from '../core/errors.js';
import type { Lang } from '../model/verdict.js';
import { exerciseById } from '../graders/registry.js';
import { createProgressPrinter } from '../cohort/progress.js';
import { describeMissing, mergeCohort } from '../cohort/merge.js';
import { DEFAULT_SIMILARITY, type CohortOptions } from '../cohort/cohort-options.js';
import { autoParallelism, defaultParallelism } from '../cohort/parallelism.js';
import { runCohort } from '../cohort/run-cohort.js';
import { parseShard, shardLabel, type Shard } from '../cohort/shard.js';
import { runCohortShard } from '../cohort/shard-run.js';
import { parseImages, parseLang, parseProvider, parseSeed } from './options.js';
import { checkOutDir, checkRoster } from './usage-checks.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import type { ProviderName } from '../stack/stack-types.js';

function usage(message: string, hint: string): GraderError {
  return new GraderError('BAD_USAGE', message, { hint });
}

/** `--parallel N|auto`: auto resolves per exercise when the run starts (one session per core or more, as free memory holds stacks). */
export function parseParallel(v: string): number | 'auto' {
  return v === 'auto' ? 'auto' : parsePositiveInt(v);
}

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw usage(`--parallel must be an integer from 1 to 64, got '${v}'`, 'e.g. --parallel 2');
  return n;
}

export function parseDeadline(v: string): string {
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw usage(`--deadline must be an ISO date, got '${v}'`, 'e.g. --deadline 2026-11-20T18:00:00+01:00');
  return new Date(t).toISOString();
}

export function parsePercent(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw usage(`--late-penalty must be a percentage from 0 to 100, got '${v}'`, 'e.g. --late-penalty 10');
  return n;
}

export function parseThreshold(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw usage(`--similarity must be a number from 0 to 1, got '${v}'`, 'e.g. --similarity 0.8');
  return n;
}

export function parseAlias(v: string, acc: Record<string, string> = {}): Record<string, string> {
  const eq = v.indexOf('=');
  if (eq <= 0)
    throw usage(
      `--git-alias must be NAME=URL, got '${v}'`,
      'e.g. --git-alias ex0-reference=file:///srv/git/ex0.git#main',
    );
  return { ...acc, [v.slice(0, eq)]: v.slice(eq + 1) };
}

/** Said before anything runs, in capitals: a trainer must not pass --no-sandbox by habit. */
export const NO_SANDBOX_WARNING =
  [
    '',
    "kgrade: WARNING: --no-sandbox: EVERY STUDENT'S BUILD AND PROGRAM RUN AS YOUR OWN USER, WITH THE WHOLE MACHINE.",
    "kgrade:   Any of them can read the other students' solutions, rewrite the results and reports in --out, kill the",
    'kgrade:   stack, fill the disk or fork until the machine stops. Grade this way only code you have read and trust.',
    '',
  ].join('\n') + '\n';

interface CohortCliOpts {
  exercises?: string;
  out: string;
  parallel?: number | 'auto';
  sharedStack?: boolean;
  resume?: boolean;
  seed?: number;
  deadline?: string;
  latePenalty?: number;
  similarity: number;
  lang: Lang;
  gitAlias?: Record<string, string>;
  gitCache?: string;
  stack: ProviderName | 'auto';
  images: ImagesChoice;
  shard?: Shard;
  /** false with --no-sandbox. */
  sandbox: boolean;
}

export function registerCohortCommand(program: Command): void {
  const cohort = program
    .command('cohort')
    .description(
      'grade every student of a roster (CSV: student id, display name, solution folder or git URL#ref; or, with a header, one column per exercise named ex1, ex2...); dashboard, gradebook, reports',
    )
    .argument('<roster>', 'roster CSV file')
    .option('--exercises <list>', 'exercise ids, comma-separated, e.g. ex0,ex1,ex2 (required)')
    .option('--out <dir>', 'output folder (results, reports, dashboard)', 'kgrade-cohort')
    .option(
      '--parallel <n|auto>',
      `grading sessions at once, each on its own stack (auto here: ${autoParallelism()} per exercise, more for one whose gradings mostly wait, e.g. ex3; default: ${defaultParallelism()})`,
      parseParallel,
    )
    .option(
      '--shared-stack',
      'concurrent sessions lease one stack (fault-injecting exercises alone on it) instead of one stack each',
    )
    .option('--resume', 'keep the results already in --out and grade only the rest')
    .option('--seed <n>', 'base seed (each student x exercise derives its own)', parseSeed)
    .option('--deadline <iso>', 'flag git sources whose graded commit is later than this date', parseDeadline)
    .option('--late-penalty <pct>', 'percentage taken off a late student total (default: flag only)', parsePercent)
    .option(
      '--similarity <threshold>',
      'list pairs of solutions at least this similar (0..1)',
      parseThreshold,
      DEFAULT_SIMILARITY,
    )
    .option('--lang <fr|en>', 'report language', parseLang, 'fr' as Lang)
    .option('--git-alias <name=url>', 'resolve `git:NAME` roster entries (repeatable)', parseAlias)
    .option('--git-cache <dir>', 'where git sources are cloned (default: the kgrade cache)')
    .option(
      '--stack <provider>',
      'auto|native|docker|external, as for grade (one stack for every student, started before the first)',
      parseProvider,
      'auto' as ProviderName | 'auto',
    )
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option(
      '--shard <i/n>',
      'grade only shard i of n (students split by a hash of their id); merge the shards with `kgrade cohort merge`',
      parseShard,
    )
    .option(
      '--no-sandbox',
      "DANGEROUS: run every student's build and program as your own user, with the whole machine (default: sandboxed)",
    )
    // `cohort merge <dirs> --out X`: options after `merge` are merge's (its own --out), not cohort's.
    .enablePositionalOptions()
    .action(async (roster: string, opts: CohortCliOpts) => {
      // Not a commander requiredOption: that would also be required by `cohort merge`.
      const exerciseIds = (opts.exercises ?? '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (!exerciseIds.length) throw usage('--exercises lists no exercise', 'e.g. --exercises ex0,ex1');
      // Usage errors before any stack and before --out is touched.
      exerciseIds.forEach(exerciseById);
      checkRoster(roster);
      checkOutDir(opts.out);
      if (!opts.sandbox) process.stderr.write(NO_SANDBOX_WARNING);
      const cohortOpts: CohortOptions = {
        rosterPath: roster,
        exerciseIds,
        outDir: opts.out,
        ...(opts.parallel ? { parallel: opts.parallel } : {}),
        ...(opts.sharedStack ? { stacks: 'shared' as const } : {}),
        resume: !!opts.resume,
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.deadline ? { deadline: opts.deadline } : {}),
        ...(opts.latePenalty ? { latePenaltyPct: opts.latePenalty } : {}),
        similarityThreshold: opts.similarity,
        lang: opts.lang,
        ...(opts.gitAlias ? { gitAliases: opts.gitAlias } : {}),
        ...(opts.gitCache ? { gitCacheDir: path.resolve(opts.gitCache) } : {}),
        provider: opts.stack,
        images: opts.images,
        sandbox: opts.sandbox,
        onProgress: createProgressPrinter(process.stderr),
      };
      const result = opts.shard
        ? await runCohortShard({ ...cohortOpts, shard: opts.shard })
        : await runCohort(cohortOpts);
      const rel = (p: string) => path.relative(process.cwd(), p) || '.';
      const c = result.model.counts;
      process.stdout.write(
        [
          `cohort${opts.shard ? ` shard ${shardLabel(opts.shard)}` : ''}: ${c.students} students, ${c.graded} graded, ${c.notGradable} not gradable, ${c.rowProblems} rows not graded, ${c.late} late (${(result.wallMs / 1000).toFixed(1)} s)`,
          `  dashboard: ${rel(result.files.dashboard)}`,
          `  gradebook: ${rel(result.files.gradebook)}`,
          `  summary:   ${rel(result.files.summary)}`,
          `  reports:   ${rel(path.join(result.outDir, 'students'))}/<student>/`,
          '',
        ].join('\n'),
      );
      process.exitCode = result.exitCode;
    });

  cohort
    .command('merge')
    .description(
      'one gradebook, dashboard and summary from the --out folders of `kgrade cohort --shard i/n` runs (re-run it when another shard arrives); exit 3 when shards or results are missing (named), else as `cohort`',
    )
    .argument('<dirs...>', 'shard output folders')
    .option('--out <dir>', 'output folder of the merged cohort', 'kgrade-cohort')
    .action((dirs: string[], opts: { out: string }) => {
      checkOutDir(opts.out);
      const r = mergeCohort({ dirs, outDir: opts.out });
      const rel = (p: string) => path.relative(process.cwd(), p) || '.';
      const c = r.model.counts;
      const missing = describeMissing(r.plan);
      process.stdout.write(
        [
          `cohort merge: shards ${r.plan.shardsPresent.join(', ')} of ${r.plan.shardCount}; ${c.students} students, ${c.graded} graded, ${c.missing} missing, ${c.notGradable} not gradable, ${c.rowProblems} rows not graded, ${c.late} late`,
          ...missing.map((l) => `  ${l}`),
          `  dashboard: ${rel(r.files.dashboard)}`,
          `  gradebook: ${rel(r.files.gradebook)}`,
          `  summary:   ${rel(r.files.summary)}`,
          '',
        ].join('\n'),
      );
      process.exitCode = r.exitCode;
    });
}
