import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { randomSeed } from '../core/rng.js';
import type { Lang } from '../model/verdict.js';
import { EXERCISES, exerciseById, specPath } from '../graders/registry.js';
import { maxScore } from '../engine/exercise.js';
import { gradeExercise } from '../engine/grade-pipeline.js';
import { folderToBuild } from '../engine/solution-source.js';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { sandboxRefusal } from '../selftest/fixture-expectations.js';
import { parseFormats, renderReports } from '../reports/render.js';
import { progressPrinter } from '../reports/progress.js';
import type { GradeResult } from '../model/result.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { providerFollowing, resolveSandbox, type SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import { startWith, unionNeeds } from '../stack/stack-pool.js';
import { SessionStacks } from '../cohort/session-stacks.js';
import { gradeInOrder } from '../cohort/course-order.js';
import { courseParallelism } from '../cohort/parallelism.js';
import { parseParallel } from './cohort-command.js';
import { decideStackUp, runningStackUp } from '../stack/running-stack.js';
import { parseImages, parseLang, parseProvider, parseSeed } from './options.js';
import { checkoutGitSolution, isGitSolution, sandboxFor } from '../cohort/git-solution.js';
import { checkOutDir, checkSolution } from './usage-checks.js';
import { exerciseFoldersWithoutManifest, resolveTargets, shownPath, type GradeTarget } from './grade-targets.js';
import { renderCourseSummary, summarizeCourse } from '../reports/course-summary.js';

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
  verbose?: boolean;
  /** --sandbox / --no-sandbox; unset: not sandboxed (a student's own code on their own machine). */
  sandbox?: boolean;
  /** The provider a replay should name when this run graded on a running `kgrade stack up` (its own provider). */
  replayStack?: string;
  /** The sandbox chosen before any stack starts (when the solution is sandboxed). */
  sandboxKind?: SandboxKind;
  /** Exercises graded at once (each on its own stack); auto: courseParallelism. */
  parallel: number | 'auto';
}

/** The solution as the user named it: a local folder, or a git URL checked out in the cache. */
interface GradeSource {
  /** Absolute path of the folder (the checkout for a git URL). */
  dir: string;
  /** How reports and messages name it: the git URL, or the folder relative to the current directory. */
  shown: string;
  git?: { url: string; commit: string };
}

async function resolveSource(solution: string): Promise<GradeSource> {
  // A git URL is a repository nobody reviewed: checked out in the cache and sandboxed unless --no-sandbox.
  if (isGitSolution(solution)) {
    const git = await checkoutGitSolution(solution);
    return { dir: git.dir, shown: solution, git: { url: solution, commit: git.commit } };
  }
  const dir = path.resolve(solution);
  return { dir, shown: path.relative(process.cwd(), dir) || '.' };
}

/** A target's folder as the user would name it (relative to the current directory, or inside the git URL). */
function shownDir(source: GradeSource, dir: string): string {
  return shownPath(dir, source.dir, source.shown, source.git !== undefined);
}

/**
 * Grades each target (exercise, folder) in turn through the pipeline, each on the stack it would get alone (one per
 * distinct needs, the next one started while the current exercise grades: `gradeInOrder`; all kept for the
 * re-grades of --watch), with live progress on stderr; then renders each result, and a
 * course summary when there are several. `preflight`: each folder and its kgrade.json are checked first, a
 * problem being a UsageError (no stack, no report); a re-grade of --watch leaves it to the grading (the student
 * is editing).
 */
export async function gradeOnce(
  source: GradeSource,
  targets: GradeTarget[],
  opts: GradeOpts,
  stacks: SessionStacks,
  preflight = true,
  keepStacks = false,
): Promise<number> {
  const t0 = performance.now();
  const formats = parseFormats(opts.format);
  const seed = opts.seed ?? randomSeed();
  const git = source.git;
  opts = { ...opts, sandbox: sandboxFor(opts.sandbox, git !== undefined) };
  // What is graded, once per folder: a machine the student may control (their own CI), so self-reported (issue 17).
  const solutions = new Map(
    targets.map((t) => [
      t.dir,
      fixtureSource({
        dir: t.dir,
        name: shownDir(source, t.dir),
        ...(git ? { gitUrl: git.url, commit: git.commit } : {}),
        provenance: 'self-reported',
      }),
    ]),
  );
  for (const [dir, solution] of solutions) {
    const ids = targets.filter((t) => t.dir === dir).map((t) => t.exerciseId);
    // A fixture folder (a mutant's patch on its base) is checked as the solution it stands for.
    if (preflight) checkSolution(git ? dir : await folderToBuild(solution), ids, opts.lang, shownDir(source, dir));
    const refusal = sandboxRefusal(solution, opts.sandbox === true, 'grade', shownDir(source, dir));
    if (refusal) throw refusal;
  }
  if (git && !opts.sandbox)
    process.stderr.write(
      `\nkgrade: WARNING: --no-sandbox on a git source: ITS BUILD AND PROGRAM RUN AS YOUR OWN USER, WITH THE WHOLE MACHINE.\n\n`,
    );
  const progress = progressPrinter({
    lang: opts.lang,
    tty: process.stderr.isTTY === true,
    write: (s) => process.stderr.write(s),
  });
  const results: GradeResult[] = [];
  const shown = new Map<GradeResult, string>();
  try {
    const exercises = targets.map((t) => exerciseById(t.exerciseId));
    const graded = await gradeInOrder(
      stacks,
      exercises,
      async (exercise, pool, i) => {
        const target = targets[i]!;
        const solution = solutions.get(target.dir)!;
        const result = await gradeExercise(
          {
            exercise,
            source: solution,
            seed,
            sandbox: opts.sandbox === true,
            ...(opts.replayStack ? { replayStack: opts.replayStack } : {}),
            ...(opts.sandbox && opts.sandboxKind ? { sandboxKind: opts.sandboxKind } : {}),
            ...(opts.stack !== 'auto' ? { provider: opts.stack } : {}),
          },
          pool,
          { onEvent: (e) => progress.onEvent(e), exclusive: false },
        );
        shown.set(result, solution.name ?? target.dir);
        return result;
      },
      { keepStacks, atOnce: opts.parallel === 'auto' ? courseParallelism() : opts.parallel },
    );
    results.push(...graded);
  } finally {
    progress.close();
  }
  const isolation = results[0]?.isolation;
  if (isolation) process.stderr.write(`kgrade: ${isolation.summary[opts.lang]}\n`);
  for (const r of results) {
    const outputs = await renderReports(r, {
      formats,
      outDir: opts.out,
      lang: opts.lang,
      color: opts.color,
      verbose: opts.verbose === true,
    });
    for (const o of outputs) {
      if (o.text) process.stdout.write(o.text.endsWith('\n') ? o.text : `${o.text}\n`);
      else if (o.path) process.stderr.write(`kgrade: ${o.format} report: ${o.path}\n`);
    }
  }
  if (results.length > 1) {
    const summary = summarizeCourse(results, performance.now() - t0, (r) => shown.get(r) ?? r.solution.dir);
    for (const o of await renderCourseSummary(summary, { formats, outDir: opts.out, lang: opts.lang })) {
      if (o.text) process.stdout.write(o.text);
      else if (o.path) process.stderr.write(`kgrade: course ${o.format}: ${o.path}\n`);
    }
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
        for (const c of ex.checks)
          process.stdout.write(`   ${c.id.padEnd(24)} ${String(c.points).padStart(2)} pts  ${c.title[opts.lang]}\n`);
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
    .argument('[exercises...]', 'exercise ids, e.g. ex0 ex1 (or --all)')
    .option(
      '--all',
      "every exercise the solution's kgrade.json files declare: its own, and those of its subfolders (ex1/, ex2/...)",
    )
    .option('--solution <dir>', 'the solution folder (or a repository with a folder per exercise)', '.')
    .option('--seed <n>', 'replay the data of an earlier run', parseSeed)
    .option('--lang <fr|en>', 'report language', parseLang, 'fr' as Lang)
    .option('--format <list>', 'console,json,html,junit,classroom,gradescope', 'console,json')
    .option('--out <dir>', 'where report files go', 'kgrade-out')
    .option(
      '--stack <provider>',
      'auto|native|docker|external (auto grades on a running `kgrade stack up` when it serves the exercise; external: that stack, or KGRADE_BOOTSTRAP_SERVERS)',
      parseProvider,
      'auto' as ProviderName | 'auto',
    )
    .option('--images <set>', 'for docker: auto|official|offline', parseImages, 'auto' as ImagesChoice)
    .option('--no-color', 'no ANSI colours in the console report')
    .option('--verbose', 'console report: one line of evidence under passed checks too')
    .option(
      '--sandbox',
      "build and run the solution in a sandbox (bubblewrap natively): its own user, a copy of its folder, only the stack's endpoints, limits",
    )
    .option('--no-sandbox', 'run the solution as your own user (the default for grade: your own code)')
    .option('--watch', 're-grade when a file of the solution changes')
    .option(
      '--parallel <n|auto>',
      'several exercises: how many grade at once, each on its own stack (auto: 2 with 2 cores and 6 GiB free, else 1)',
      parseParallel,
      'auto' as number | 'auto',
    )
    .action(async (named: string[], opts: GradeOpts & { watch?: boolean; all?: boolean }) => {
      const color = opts.color && process.stdout.isTTY === true;
      // Usage errors before any stack: exercise ids, formats, --out, what to grade (each folder: first thing in gradeOnce).
      named.forEach(exerciseById);
      if (parseFormats(opts.format).some((f) => f !== 'console')) checkOutDir(opts.out);
      if (!isGitSolution(opts.solution) && !fs.existsSync(path.resolve(opts.solution)))
        checkSolution(path.resolve(opts.solution), named, opts.lang, opts.solution);
      const source = await resolveSource(opts.solution);
      const targets = resolveTargets(source.dir, named, opts.all === true, source.shown, source.git !== undefined);
      if (opts.all)
        for (const name of exerciseFoldersWithoutManifest(source.dir))
          process.stderr.write(
            `kgrade: ${path.join(source.shown, name)} has no kgrade.json: not graded (\`kgrade init ${name}\` in that folder writes one)\n`,
          );
      const ids = targets.map((t) => t.exerciseId);
      ids.forEach(exerciseById);
      opts = { ...opts, ...onRunningStackUp(ids, opts) };
      opts = { ...opts, ...(await sandboxBeforeStack(opts)) };
      // `--stack external` is one stack, someone else's: one pool for every exercise (the union of their needs).
      const stacks = new SessionStacks(
        startWith({ provider: opts.stack, images: opts.images }),
        opts.stack === 'external',
        ids.map(exerciseById),
        true,
      );
      try {
        let regrade = false;
        const run = async () => {
          const code = await gradeOnce(source, targets, { ...opts, color }, stacks, !regrade, opts.watch === true);
          regrade = true;
          return code;
        };
        process.exitCode = await run();
        if (opts.watch) await watchAndRegrade(path.resolve(opts.solution), run);
      } finally {
        await stacks.close();
      }
    });
}

/** A sandboxed grading checks its sandbox before any stack starts (none here: one line with the fix); the stack follows it. */
async function sandboxBeforeStack(opts: GradeOpts): Promise<Partial<GradeOpts>> {
  if (!sandboxFor(opts.sandbox, isGitSolution(opts.solution))) return {};
  const asked =
    opts.stack === 'external' && (opts.replayStack === 'docker' || opts.replayStack === 'native')
      ? opts.replayStack
      : opts.stack;
  const { kind } = await resolveSandbox(asked);
  return { sandboxKind: kind, stack: providerFollowing(opts.stack, kind) };
}

/**
 * `--stack auto` with a `kgrade stack up` running: grade on it when it serves every exercise asked (saying so),
 * else say why a stack of its own is started. Any other --stack is left as given.
 */
function onRunningStackUp(ids: string[], opts: GradeOpts): Partial<GradeOpts> {
  if (opts.stack !== 'auto') return {};
  const state = runningStackUp();
  if (!state) return {};
  const exercises = ids.map(exerciseById);
  const brokerControl = exercises.flatMap((e) =>
    e.checks.filter((c) => c.needs?.brokerControl).map((c) => `${e.id} ${c.id}`),
  );
  const decision = decideStackUp(state, unionNeeds(exercises.map((e) => e.stack)), brokerControl);
  if (!decision.reuse) {
    process.stderr.write(`kgrade: ${decision.why}: starting a stack of its own\n`);
    return {};
  }
  process.stderr.write(
    `kgrade: grading on the running \`kgrade stack up\` (pid ${state.pid}: ${decision.summary}); --stack ${state.provider} starts a fresh one\n`,
  );
  return { stack: 'external', replayStack: state.provider };
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
