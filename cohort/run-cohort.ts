/**
 * Grades a roster of students on exercises, a few sessions at a time, persisting each student x exercise result
 * the moment it is finished, then writes the reports: per-student HTML/JSON, the dashboard, the CSV gradebook and
 * the JSON summary. Each exercise is graded on a stack sized to it (session-stacks.ts; --stack/--images as for
 * `grade`); the first job's stack is started, so provisioned, before the first student. Infrastructure failures
 * are classified (retry-policy.ts): a permanent one stops the cohort at once with its fix (nothing recorded for
 * that job: --resume grades it later); a transient one is retried after a back-off (bounded) and ends as
 * not-gradable. A student's failure is final.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorMessage, GraderError, isGraderError, type GraderErrorCode } from '../core/errors.js';
import { delay } from '../core/wait-for.js';
import { randomSeed } from '../core/rng.js';
import type { Lang } from '../model/verdict.js';
import type { ExerciseDefinition } from '../engine/exercise.js';
import { exerciseById } from '../graders/registry.js';
import { requiresSandbox } from '../selftest/fixture-expectations.js';
import type { SolutionSource } from '../engine/solution-source.js';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { gradeExercise, needsExclusiveStack } from '../engine/grade-pipeline.js';
import { renderReports } from '../reports/render.js';
import { renderHtml } from '../reports/html.js';
import type { GradeResult } from '../model/result.js';
import { loadManifest } from '../runner/manifest.js';
import { startWith, type StackPool, type StackStarter } from '../stack/stack-pool.js';
import type { ImagesChoice } from '../stack/provider-choice.js';
import { providerFollowing, resolveSandbox, type SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import type { ProviderName } from '../stack/stack-types.js';
import { backoffMs, classifyFailure, DEFAULT_BACKOFF_MS, type FailureKind } from './retry-policy.js';
import {
  buildCohortModel,
  recordKey,
  studentReportFile,
  type CohortModel,
  type CohortStudent,
} from './cohort-model.js';
import { renderDashboardHtml } from './dashboard.js';
import { addStudentNavs } from './student-pages.js';
import { checkoutGit, defaultGitCacheDir } from './git-source.js';
import { resolveJobSources, studentDirs as dirsOf } from './job-sources.js';
import { SessionStacks } from './session-stacks.js';
import { renderGradebookCsv } from './gradebook.js';
import { parseRoster, type RosterProblem } from './roster.js';
import { fingerprintDirs, similarPairs } from './similarity.js';
import {
  appendEvent,
  planJobs,
  readRecord,
  removeStaleTemps,
  writeFileAtomic,
  writeRecord,
  RECORD_SCHEMA_VERSION,
  type CohortRecord,
  type Job,
} from './store.js';

export const DEFAULT_RETRIES = 2;
export const DEFAULT_SIMILARITY = 0.8;

export interface CohortOptions {
  rosterPath: string;
  exerciseIds: string[];
  outDir: string;
  /**
   * Concurrent grading sessions (default: defaultParallelism()); 'auto' resolves per exercise (sessionLimits):
   * an exercise whose gradings mostly wait gets more sessions than another.
   */
  parallel?: number | 'auto';
  /**
   * 'per-session' (the default with a stack of our own and parallel > 1): each concurrent session grades on its
   * own stack, so one student's faults or broker stops never meet another's and no exercise waits for an
   * exclusive lease. 'shared': one stack leased by every session, fault-injecting exercises alone on it.
   */
  stacks?: 'shared' | 'per-session';
  resume?: boolean;
  /** Base seed; each student x exercise derives its own (printed in its report). Default: random. */
  seed?: number;
  /** ISO date: a git source whose graded commit is later is flagged late. */
  deadline?: string;
  /** Percentage taken off a late student's total (default: none). */
  latePenaltyPct?: number;
  similarityThreshold?: number;
  lang?: Lang;
  gitAliases?: Record<string, string>;
  /** Where git sources are cloned (default: <kgrade cache>/cohort/git). */
  gitCacheDir?: string;
  /** Retries after a transiently not-gradable result (default 2). */
  retries?: number;
  /** First wait before a retry, doubled each time (default 5 s). */
  retryBackoffMs?: number;
  /**
   * Stack provider and image set, as `kgrade grade --stack/--images` (default auto). With acquireStack only the
   * provider is read: `docker` makes the sandbox a container, as for `kgrade grade --stack docker --sandbox`.
   */
  provider?: ProviderName | 'auto';
  images?: ImagesChoice;
  /**
   * Build and run every solution in the sandbox (default true: a cohort grades code nobody reviewed). false is
   * `--no-sandbox`: each student's code runs as the grader's user, with the whole machine.
   */
  sandbox?: boolean;
  /** The sandbox (default: the one that follows the stack and can run here, checked before any stack starts). */
  sandboxKind?: SandboxKind;
  /**
   * Provides a stack for the run's needs. Default: a new stack (provider and images as asked), started before the
   * first student and stopped at the end.
   * An injected one (e.g. sharedStack) is left running: its caller owns it.
   */
  acquireStack?: StackStarter;
  onProgress?: (e: ProgressEvent) => void;
  /** Grades only the roster students it accepts (a shard, see shard.ts); the others are left out of this run. */
  includeStudent?: (studentId: string) => boolean;
}

export type ProgressEvent =
  /** `sessions`: how many at a time per exercise, when they differ (`--parallel auto`). */
  | {
      type: 'plan';
      total: number;
      toGrade: number;
      skipped: number;
      parallel: number;
      sessions?: Record<string, number>;
      rowProblems: RosterProblem[];
    }
  | { type: 'job-start'; job: Job; attempt: number; running: number }
  | { type: 'stack-start'; attempt: number }
  | { type: 'stack-ready'; ms: number; provider: string }
  | { type: 'stack-retry'; attempt: number; kind: FailureKind; problem: string; waitMs: number }
  | { type: 'job-retry'; job: Job; attempt: number; problem: string; kind: FailureKind; waitMs: number }
  | { type: 'stopped'; problem: string; kind: FailureKind }
  | { type: 'job-done'; job: Job; record: CohortRecord; done: number; toGrade: number; etaMs?: number }
  | { type: 'reports'; dir: string };

export interface CohortRunResult {
  outDir: string;
  model: CohortModel;
  files: { dashboard: string; gradebook: string; summary: string };
  graded: Job[];
  skipped: Job[];
  /** Each student's source fingerprint (all their exercises' folders), as the similarity flags were computed. */
  fingerprints: Map<string, Set<string>>;
  /** 0 all graded; 1 some rows could not be graded (roster, git); 2 some results are not gradable. */
  exitCode: number;
  wallMs: number;
  stack: { starts: number; replacements: number; heals: number };
}

const GiB = 1024 ** 3;

/** Sessions at once on one shared stack: one core is left to the brokers, and about 1.5 GiB of free memory per session. */
export function defaultParallelism(cores = os.availableParallelism(), freeMemBytes = os.freemem()): number {
  return Math.max(1, Math.min(cores - 1, Math.floor(freeMemBytes / (1.5 * GiB)), 8));
}

/**
 * Memory one session on its own native stacks takes at its largest (3 brokers of -Xmx256m at ~350 MB RSS each,
 * Toxiproxy, the reaper, a JVM solution at ~400 MB; ~1.3 GiB measured by the cohort bench), plus a 1-broker stack
 * (~0.4 GiB) when its exercises ask for both: rounded up.
 */
export const SESSION_STACK_BYTES = 2 * GiB;

/** The share of the cores `--parallel auto` plans to keep busy: the rest absorbs bursts (starts, rebalances). */
const BUSY_TARGET = 0.75;

/**
 * `--parallel auto` with a stack per session, for an exercise: one session per core (a grading spends most of
 * its time waiting on brokers and on the solution, not computing), or more when the exercise declares that its
 * gradings keep less than a core busy (`cpuCores`, measured): as many as keep 3/4 of the cores busy, never
 * fewer than one per core. Then as many as free memory holds stacks, at most 8.
 */
export function autoParallelism(
  cores = os.availableParallelism(),
  freeMemBytes = os.freemem(),
  cpuCores?: number,
): number {
  const byCpu = cpuCores && cpuCores > 0 ? Math.max(cores, Math.floor((cores * BUSY_TARGET) / cpuCores)) : cores;
  return Math.max(1, Math.min(byCpu, Math.floor(freeMemBytes / SESSION_STACK_BYTES), 8));
}

/**
 * How many sessions may grade each exercise at once: `auto` resolves per exercise (autoParallelism), a number
 * applies to all. Pure.
 */
export function sessionLimits(
  parallel: number | 'auto',
  exercises: Pick<ExerciseDefinition, 'id' | 'cpuCores'>[],
  cores = os.availableParallelism(),
  freeMemBytes = os.freemem(),
): Map<string, number> {
  return new Map(
    exercises.map((e) => [
      e.id,
      parallel === 'auto' ? autoParallelism(cores, freeMemBytes, e.cpuCores) : Math.max(1, Math.floor(parallel)),
    ]),
  );
}

/**
 * The next job session `worker` (0-based) may take: the first queued one whose exercise allows that many
 * sessions. Session 0 takes anything, so every job is graded. Removes it from the queue. Pure but for that.
 */
export function takeJob(queue: Job[], worker: number, limits: Map<string, number>): Job | undefined {
  const i = queue.findIndex((j) => (limits.get(j.exerciseId) ?? 1) > worker);
  return i < 0 ? undefined : queue.splice(i, 1)[0];
}

/** Each student x exercise gets its own seed (and so its own topic and group names) from the base seed. */
export function jobSeed(baseSeed: number, job: Job): number {
  return (
    crypto.createHash('sha256').update(`${baseSeed}:${job.studentId}:${job.exerciseId}`).digest().readUInt32BE(0) &
    0x7fffffff
  );
}

/** A solution that hardcodes its names (kgrade.json overrides) would clash with a concurrent run of the same names. */
function hardcodesNames(dir: string, exerciseId: string): boolean {
  try {
    const o = loadManifest(dir)?.exercises?.[exerciseId];
    return Object.keys(o?.topics ?? {}).length + Object.keys(o?.groups ?? {}).length > 0;
  } catch {
    return false;
  }
}

export async function runCohort(opts: CohortOptions): Promise<CohortRunResult> {
  const t0 = performance.now();
  const lang = opts.lang ?? 'fr';
  const outDir = path.resolve(opts.outDir);
  const exercises = opts.exerciseIds.map(exerciseById);
  const rosterPath = path.resolve(opts.rosterPath);
  const roster = parseRoster(fs.readFileSync(rosterPath, 'utf8'), {
    baseDir: path.dirname(rosterPath),
    gitAliases: opts.gitAliases,
  });
  const rowProblems: RosterProblem[] = [...roster.problems];
  const limits = sessionLimits(opts.parallel ?? defaultParallelism(), exercises);
  const parallel = Math.max(...limits.values());
  const baseSeed = opts.seed ?? randomSeed();
  const retries = Math.max(0, opts.retries ?? DEFAULT_RETRIES);
  const backoffBase = Math.max(0, opts.retryBackoffMs ?? DEFAULT_BACKOFF_MS);
  const sandbox = opts.sandbox !== false;
  // The sandbox every solution will run in, checked before anything is written or started: none here is one line with its fix.
  const sandboxKind = sandbox ? (opts.sandboxKind ?? (await resolveSandbox(opts.provider ?? 'auto')).kind) : undefined;
  const provider = sandboxKind ? providerFollowing(opts.provider ?? 'auto', sandboxKind) : (opts.provider ?? 'auto');

  fs.mkdirSync(outDir, { recursive: true });
  removeStaleTemps(outDir);
  appendEvent(outDir, {
    event: 'run-start',
    detail: JSON.stringify({
      roster: rosterPath,
      exercises: opts.exerciseIds,
      resume: !!opts.resume,
      parallel,
      sessions: Object.fromEntries(limits),
      baseSeed,
      sandbox,
    }),
  });

  // Sources, per student x exercise (a roster may give one per exercise): a failure, or no solution for an
  // exercise, is that row's problem; the student's other exercises are graded.
  const gitCache = opts.gitCacheDir ?? defaultGitCacheDir();
  const exerciseIds = exercises.map((e) => e.id);
  const resolved = await resolveJobSources(
    roster.entries.filter((x) => opts.includeStudent?.(x.id) ?? true),
    exerciseIds,
    (url, ref) => checkoutGit(url, ref, gitCache),
  );
  const { sources, jobs: allJobs } = resolved;
  rowProblems.push(...resolved.problems);
  // A result an earlier run wrote stays when this run cannot fetch that source again (a git host down on
  // --resume): it is read, never graded again, and the fetch failure is listed with the row problems.
  const kept = resolved.unfetched.filter((j) => readRecord(outDir, j.studentId, j.exerciseId));
  const keptIds = new Set(kept.map((j) => j.studentId));
  const entries = roster.entries.filter((e) => resolved.entries.includes(e) || keptIds.has(e.id));

  if (!sandbox) {
    const attackers = entries
      .filter((e) => dirsOf(sources, e.id, exerciseIds).some((d) => requiresSandbox(d)))
      .map((e) => e.id);
    if (attackers.length)
      throw new GraderError(
        'BAD_USAGE',
        `--no-sandbox, yet ${attackers.join(', ')} are adversarial fixtures (expect.json: requiresSandbox)`,
        { hint: 'grade them with the sandbox (drop --no-sandbox)' },
      );
  }
  const plan = planJobs(allJobs, !!opts.resume, (j) => readRecord(outDir, j.studentId, j.exerciseId));
  const toGrade = plan.filter((p) => p.action !== 'skip').map((p) => p.job);
  const skipped = plan.filter((p) => p.action === 'skip').map((p) => p.job);
  for (const j of skipped) appendEvent(outDir, { event: 'skip', ...j });
  opts.onProgress?.({
    type: 'plan',
    total: allJobs.length,
    toGrade: toGrade.length,
    skipped: skipped.length,
    parallel,
    ...(new Set(limits.values()).size > 1 ? { sessions: Object.fromEntries(limits) } : {}),
    rowProblems,
  });

  // Stacks sized to each exercise, leased by concurrent gradings; or such stacks per concurrent session (a
  // session's gradings then never share brokers with another's).
  const starter = opts.acquireStack ?? startWith({ provider, images: opts.images ?? 'auto' });
  const workers = Math.min(parallel, Math.max(1, toGrade.length));
  const perSession = (opts.stacks ?? (opts.acquireStack ? 'shared' : 'per-session')) === 'per-session' && workers > 1;
  const sessions = Array.from(
    { length: perSession ? workers : 1 },
    () => new SessionStacks(starter, !!opts.acquireStack, exercises),
  );
  /** Set by a permanent infrastructure failure: no new job starts, the run ends with this error. */
  let stopped: GraderError | undefined;
  const stop = (code: string, message: string, hint: string, kind: FailureKind) => {
    const remaining = queue.length;
    queue.length = 0;
    stopped ??= new GraderError(
      code as GraderErrorCode,
      `cohort stopped (${kind} infrastructure failure; ${remaining} grading(s) not started): ${message}`,
      {
        hint: `${hint}; then run the same command with --resume (results already written are kept)`,
      },
    );
    appendEvent(outDir, { event: 'stopped', detail: `${kind}: ${code}: ${message}` });
    opts.onProgress?.({ type: 'stopped', problem: `${code}: ${message}`, kind });
  };
  const byId = new Map(entries.map((e) => [e.id, e]));
  const exById = new Map(exercises.map((e) => [e.id, e]));
  let done = 0;
  let running = 0;
  const startedAt = performance.now();

  const gradeJob = async (job: Job, stacks: SessionStacks): Promise<void> => {
    const entry = byId.get(job.studentId)!;
    const exercise = exById.get(job.exerciseId)!;
    const stack = stacks.poolFor(exercise);
    const source = sources.get(recordKey(job.studentId, job.exerciseId))!;
    const seed = jobSeed(baseSeed, job);
    const exclusive = !perSession && (needsExclusiveStack(exercise) || hardcodesNames(source.dir, exercise.id));
    // Graded from the source this run fetched: the trainer's copy, whatever the student's folder holds.
    const graded: SolutionSource = fixtureSource({
      dir: source.dir,
      ...(source.kind === 'git' && source.url ? { gitUrl: source.url } : {}),
      ...(source.commit ? { commit: source.commit } : {}),
      provenance: 'trainer',
    });
    const retriedProblems: string[] = [];
    let result: GradeResult | undefined;
    let attempt = 0;
    appendEvent(outDir, { event: 'start', ...job });
    while (true) {
      attempt++;
      running++;
      opts.onProgress?.({ type: 'job-start', job, attempt, running });
      result = await gradeExercise(
        {
          exercise,
          source: graded,
          seed,
          sandbox,
          ...(sandboxKind ? { sandboxKind } : {}),
          ...(provider !== 'auto' ? { provider } : {}),
        },
        stack,
        { exclusive },
      );
      running--;
      if (result.outcome !== 'not-gradable') break;
      const problem = result.problems.map((p) => `${p.code}: ${p.message}`).join('; ') || 'not gradable';
      const kind = classifyFailure(result.problems);
      if (kind === 'permanent') {
        const p = result.problems.find((x) => classifyFailure([x]) === 'permanent')!;
        appendEvent(outDir, { event: 'not-recorded', ...job, detail: `permanent: ${problem}` });
        stop(p.code, p.message, p.hint, kind);
        return;
      }
      if (attempt > retries || stopped) break;
      const waitMs = backoffMs(attempt, backoffBase);
      retriedProblems.push(`attempt ${attempt}: ${problem}`);
      stack.markSuspect();
      appendEvent(outDir, {
        event: 'retry',
        ...job,
        detail: `transient infrastructure failure, retried in ${(waitMs / 1000).toFixed(1)} s: ${problem}`,
      });
      opts.onProgress?.({ type: 'job-retry', job, attempt, problem, kind, waitMs });
      await delay(waitMs);
    }
    const record: CohortRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      student: { id: entry.id, name: entry.name },
      exerciseId: exercise.id,
      source,
      attempts: attempt,
      retriedProblems,
      finishedAt: new Date().toISOString(),
      result,
    };
    writeRecord(outDir, record);
    appendEvent(outDir, { event: 'done', ...job, detail: `${result.outcome} ${result.score}/${result.maxScore}` });
    done++;
    const elapsed = performance.now() - startedAt;
    const etaMs = done < toGrade.length ? Math.round((elapsed / done) * (toGrade.length - done)) : 0;
    opts.onProgress?.({ type: 'job-done', job, record, done, toGrade: toGrade.length, etaMs });
    await renderStudentReports(outDir, record, lang).catch(() => undefined);
  };

  const queue = [...toGrade];
  try {
    // The first job's stack (and so what it provisions) before the first student; a caller's own stack is its
    // business. Another exercise's stack starts on its first grading.
    if (!opts.acquireStack && queue.length) {
      const stack: StackPool = sessions[0]!.poolFor(exById.get(queue[0]!.exerciseId)!);
      for (let attempt = 1; ; attempt++) {
        const t = performance.now();
        opts.onProgress?.({ type: 'stack-start', attempt });
        const lease = await stack.lease({}, false);
        try {
          const s = await lease.stack();
          appendEvent(outDir, { event: 'stack-ready', detail: `${s.provider}, ${s.brokers.length} broker(s)` });
          opts.onProgress?.({ type: 'stack-ready', ms: Math.round(performance.now() - t), provider: s.provider });
          break;
        } catch (e) {
          const err = isGraderError(e)
            ? e
            : new GraderError('INTERNAL', errorMessage(e), { hint: 'this is a bug of kgrade: please report it' });
          const kind = classifyFailure([err]);
          if (kind === 'permanent' || attempt > retries) {
            stop(err.code, err.message, err.hint, kind);
            break;
          }
          const waitMs = backoffMs(attempt, backoffBase);
          appendEvent(outDir, {
            event: 'stack-retry',
            detail: `transient infrastructure failure, retried in ${(waitMs / 1000).toFixed(1)} s: ${err.code}: ${err.message}`,
          });
          opts.onProgress?.({ type: 'stack-retry', attempt, kind, problem: `${err.code}: ${err.message}`, waitMs });
          await delay(waitMs);
        } finally {
          lease.release();
        }
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(parallel, queue.length) }, async (_, i) => {
        for (let job = takeJob(queue, i, limits); job; job = takeJob(queue, i, limits))
          await gradeJob(job, sessions[i % sessions.length]!);
      }),
    );
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
  if (stopped) throw stopped;

  // Reports from what is on disk (this run's results and those of earlier runs alike).
  const records = new Map<string, CohortRecord>();
  const readOnly = [...skipped, ...kept];
  for (const j of [...allJobs, ...kept]) {
    const r = readRecord(outDir, j.studentId, j.exerciseId);
    if (!r) continue;
    records.set(recordKey(j.studentId, j.exerciseId), r);
    if (readOnly.some((s) => s.studentId === j.studentId && s.exerciseId === j.exerciseId)) {
      const html = path.join(outDir, 'students', j.studentId, studentReportFile(j.exerciseId, lang));
      if (!fs.existsSync(html)) await renderStudentReports(outDir, r, lang).catch(() => undefined);
    }
  }
  const students: CohortStudent[] = entries.map((e) => {
    const graded = exercises.map((ex) => records.get(recordKey(e.id, ex.id))).find(Boolean);
    return {
      id: e.id,
      name: e.name,
      source: graded?.source ?? exercises.map((ex) => sources.get(recordKey(e.id, ex.id))).find(Boolean),
    };
  });
  const threshold = opts.similarityThreshold ?? DEFAULT_SIMILARITY;
  // A student with a repository per exercise is compared on all of them together: the folders this run
  // fetched, or for a result kept from an earlier run, the one it was graded from.
  const fingerprints = new Map(
    students.map((s) => {
      const dirs = dirsOf(sources, s.id, exerciseIds, (ex) => records.get(recordKey(s.id, ex))?.source.dir);
      return [s.id, fingerprintDirs(dirs)];
    }),
  );
  const model = buildCohortModel({
    exercises,
    students,
    records,
    rowProblems,
    ...(opts.deadline ? { deadline: opts.deadline } : {}),
    ...(opts.latePenaltyPct ? { latePenaltyPct: opts.latePenaltyPct } : {}),
    similarity: { threshold, pairs: similarPairs(fingerprints, threshold) },
    lang,
    generatedAt: new Date().toISOString(),
  });
  const files = {
    dashboard: path.join(outDir, 'dashboard.html'),
    gradebook: path.join(outDir, 'gradebook.csv'),
    summary: path.join(outDir, 'summary.json'),
  };
  writeFileAtomic(files.dashboard, renderDashboardHtml(model));
  addStudentNavs(outDir, model);
  writeFileAtomic(files.gradebook, renderGradebookCsv(model));
  writeFileAtomic(files.summary, JSON.stringify(model, null, 2) + '\n');
  appendEvent(outDir, { event: 'run-end', detail: `${toGrade.length} graded, ${skipped.length} skipped` });
  opts.onProgress?.({ type: 'reports', dir: outDir });

  const exitCode = model.counts.notGradable > 0 ? 2 : rowProblems.length > 0 ? 1 : 0;
  return {
    outDir,
    model,
    files,
    graded: toGrade,
    skipped,
    fingerprints,
    exitCode,
    wallMs: Math.round(performance.now() - t0),
    stack: {
      starts: sum(sessions, 'starts'),
      replacements: sum(sessions, 'replacements'),
      heals: sum(sessions, 'heals'),
    },
  };
}

/** The student's JSON result and their page in this run's language (a page per language: studentReportFile). */
async function renderStudentReports(outDir: string, record: CohortRecord, lang: Lang): Promise<void> {
  const dir = path.join(outDir, 'students', record.student.id);
  await renderReports(record.result, { formats: ['json'], outDir: dir, lang, color: false });
  writeFileAtomic(path.join(dir, studentReportFile(record.exerciseId, lang)), renderHtml(record.result, { lang }));
}

function sum(sessions: SessionStacks[], k: 'starts' | 'replacements' | 'heals'): number {
  return sessions.reduce((n, s) => n + s.count(k), 0);
}
