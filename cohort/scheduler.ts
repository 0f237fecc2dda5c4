/**
 * The scheduler: the roster x the exercises -> jobs (cohort-plan.ts) -> one record per job, written atomically
 * the moment its grading ends, with its student report. A few sessions grade at a time (parallelism.ts), each
 * exercise on a stack sized to it (session-stacks.ts; --stack/--images as for `grade`); the first job's stack is
 * started, so provisioned, before the first student. Infrastructure failures are classified (retry-policy.ts): a
 * permanent one stops the cohort at once with its fix (nothing recorded for that job: --resume grades it later);
 * a final one (a retry cannot remove it, yet it is this grading's alone) is recorded not gradable at once; a
 * transient one is retried after a back-off (bounded) and ends as not-gradable. A student's failure is final.
 * What the records become (dashboard, gradebook...) is the publisher's (publish.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, GraderError, isGraderError, type GraderErrorCode } from '../core/errors.js';
import { delay } from '../core/wait-for.js';
import { randomSeed } from '../core/rng.js';
import { exerciseById } from '../graders/registry.js';
import { gradeExercise, needsExclusiveStack } from '../engine/grade-pipeline.js';
import type { GradeResult } from '../model/result.js';
import { loadManifest } from '../runner/manifest.js';
import { startWith, type StackPool } from '../stack/stack-pool.js';
import { providerFollowing, resolveSandbox } from '../runner/sandbox/sandbox-choice.js';
import { DEFAULT_RETRIES, type CohortOptions } from './cohort-options.js';
import { planCohort, readRoster, type CohortPlan } from './cohort-plan.js';
import { recordKey } from './cohort-model.js';
import { defaultParallelism, sessionLimits, takeJob } from './parallelism.js';
import { backoffMs, classifyFailure, DEFAULT_BACKOFF_MS, type FailureKind } from './retry-policy.js';
import { SessionStacks } from './session-stacks.js';
import { renderStudentReports } from './student-pages.js';
import {
  appendEvent,
  removeStaleTemps,
  writeRecord,
  RECORD_SCHEMA_VERSION,
  type CohortRecord,
  type Job,
} from './store.js';

export interface Scheduled {
  outDir: string;
  plan: CohortPlan;
  stack: { starts: number; replacements: number; heals: number };
}

/** Each student x exercise gets its own seed (its data and faults) from the base seed; names carry each grading's run id. */
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

/** Grades every job of the plan that is not done yet; throws the stopping error after a permanent failure. */
export async function scheduleCohort(opts: CohortOptions): Promise<Scheduled> {
  const lang = opts.lang ?? 'fr';
  const roster = readRoster(opts.rosterPath, opts.gitAliases);
  const outDir = path.resolve(opts.outDir);
  const exercises = opts.exerciseIds.map(exerciseById);
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
      roster: path.resolve(opts.rosterPath),
      exercises: opts.exerciseIds,
      resume: !!opts.resume,
      parallel,
      sessions: Object.fromEntries(limits),
      baseSeed,
      sandbox,
    }),
  });
  const plan = await planCohort({
    roster,
    exercises,
    outDir,
    resume: !!opts.resume,
    sandbox,
    ...(opts.gitCacheDir ? { gitCacheDir: opts.gitCacheDir } : {}),
    ...(opts.includeStudent ? { includeStudent: opts.includeStudent } : {}),
  });
  const { toGrade, skipped, sources } = plan;
  for (const j of skipped) appendEvent(outDir, { event: 'skip', ...j });
  opts.onProgress?.({
    type: 'plan',
    total: plan.jobs.length,
    toGrade: toGrade.length,
    skipped: skipped.length,
    parallel,
    ...(new Set(limits.values()).size > 1 ? { sessions: Object.fromEntries(limits) } : {}),
    rowProblems: plan.rowProblems,
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
  const queue = [...toGrade];
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
  const byId = new Map(plan.entries.map((e) => [e.id, e]));
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
    const graded = plan.graded.get(recordKey(job.studentId, job.exerciseId))!;
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
      if (kind === 'final') {
        appendEvent(outDir, { event: 'not-retried', ...job, detail: `final: a retry cannot help: ${problem}` });
        break;
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

  try {
    // The first job's stack (and so what it provisions) before the first student; a caller's own stack is its
    // business. Another exercise's stack starts on its first grading.
    if (!opts.acquireStack && queue.length) {
      const pool = sessions[0]!.poolFor(exById.get(queue[0]!.exerciseId)!);
      const failed = await startFirstStack(pool, outDir, opts, retries, backoffBase);
      if (failed) stop(failed.err.code, failed.err.message, failed.err.hint, failed.kind);
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
  return {
    outDir,
    plan,
    stack: {
      starts: sum(sessions, 'starts'),
      replacements: sum(sessions, 'replacements'),
      heals: sum(sessions, 'heals'),
    },
  };
}

/**
 * Starts the pool's stack (and so provisions what it needs) before the first student, retrying a transient failure
 * after a back-off; the failure that stops the cohort, if any.
 */
async function startFirstStack(
  pool: StackPool,
  outDir: string,
  opts: Pick<CohortOptions, 'onProgress'>,
  retries: number,
  backoffBase: number,
): Promise<{ err: GraderError; kind: FailureKind } | undefined> {
  for (let attempt = 1; ; attempt++) {
    const t = performance.now();
    opts.onProgress?.({ type: 'stack-start', attempt });
    const lease = await pool.lease({}, false);
    try {
      const s = await lease.stack();
      appendEvent(outDir, { event: 'stack-ready', detail: `${s.provider}, ${s.brokers.length} broker(s)` });
      opts.onProgress?.({ type: 'stack-ready', ms: Math.round(performance.now() - t), provider: s.provider });
      return undefined;
    } catch (e) {
      const err = isGraderError(e)
        ? e
        : new GraderError('INTERNAL', errorMessage(e), { hint: 'this is a bug of kgrade: please report it' });
      const kind = classifyFailure([err]);
      if (kind !== 'transient' || attempt > retries) return { err, kind };
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

function sum(sessions: SessionStacks[], k: 'starts' | 'replacements' | 'heals'): number {
  return sessions.reduce((n, s) => n + s.count(k), 0);
}
