import path from 'node:path';
import { freshNames } from './fresh-names.js';
import { errorMessage, GraderError, SolutionError } from '../core/errors.js';
import { createRng, uniqueRunId } from '../core/rng.js';
import type { GradeListener } from '../model/progress.js';
import type { Verdict } from '../model/verdict.js';
import { RESULT_SCHEMA_VERSION, type GradeResult, type SolutionLog } from '../model/result.js';
import { createLauncher } from '../runner/sandbox/launchers.js';
import { outboundEndpoints } from '../runner/sandbox/sandbox-spec.js';
import type { Isolation, SolutionLauncher } from '../runner/sandbox/types.js';
import { buildSolution, releaseSolution, stageSolution, type Solution } from '../runner/solution.js';
import type { ProviderName } from '../stack/stack-types.js';
import type { SandboxKind } from '../runner/sandbox/sandbox-choice.js';
import type { StartedKafkaStack } from '../stack/started-stack.js';
import { namesEnv, resolveNames, unknownOverrideKeys } from './contract-names.js';
import { maxScore, type CheckDefinition, type ExerciseDefinition, type RunContext } from './exercise.js';
import { PhaseClock } from './phase-timing.js';
import { runCheckOutcome, verdictForProblem } from './run-check.js';
import { folderToBuild, type SolutionSource } from './solution-source.js';

export interface SessionOptions {
  exercise: ExerciseDefinition;
  source: SolutionSource;
  seed: number;
  /** Provides the stack (shared across runs where safe); its failure makes the run not gradable. */
  acquireStack: () => Promise<StartedKafkaStack>;
  /** Built by the pipeline from the source (replayLineFor). */
  replayCommand: string;
  /** Told of each stage and check as it starts and ends (the console's live progress). */
  onEvent?: GradeListener;
  /** Build and run the solution in a sandbox (`--sandbox`); unset: unsandboxed, as the grader's user. */
  sandbox?: boolean;
  /** The stack provider, when known before the stack starts (picks the container sandbox on docker). */
  provider?: ProviderName;
  /** The sandbox chosen before the stack started; unset: the one that follows `provider`. */
  sandboxKind?: SandboxKind;
}

/**
 * One exercise graded on one solution: build and prepare once, then each check in order.
 * Every problem becomes verdicts (error for the student's, not-gradable for ours); nothing throws.
 */
export class GradeSession {
  private ctx?: RunContext;
  private prepared: unknown;
  private setupProblem?: unknown;
  private readonly logs: SolutionLog[] = [];
  private readonly problems: GradeResult['problems'] = [];
  private notes: NonNullable<GradeResult['notes']> = [];
  private stack?: StartedKafkaStack;
  private solution?: Solution;
  private launcher?: SolutionLauncher;
  /** The student's folder (the solution's `dir` is the sandbox's copy when sandboxed). */
  private sourceDir?: string;
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private readonly clock = new PhaseClock(this.t0);
  /** Index of the check running now in the exercise's list (-1 outside runAll's checks). */
  private checking = -1;

  constructor(private readonly opts: SessionOptions) {}

  get exercise(): ExerciseDefinition {
    return this.opts.exercise;
  }

  async setup(): Promise<void> {
    const ex = this.opts.exercise;
    try {
      this.launcher = createLauncher({
        sandbox: this.opts.sandbox === true,
        provider: this.opts.provider ?? 'native',
        ...(this.opts.sandboxKind ? { kind: this.opts.sandboxKind } : {}),
      });
      this.sourceDir = path.resolve(await folderToBuild(this.opts.source));
      this.solution = await stageSolution(this.sourceDir, this.launcher);
      const overrides = this.solution.manifest.exercises?.[ex.id];
      const unknown = unknownOverrideKeys(ex.contract, overrides);
      if (unknown.length) {
        throw new SolutionError(
          'manifest',
          {
            fr: `kgrade.json redéfinit des noms que le contrat de ${ex.id} n'a pas : ${unknown.join(' ; ')}`,
            en: `kgrade.json overrides names the ${ex.id} contract does not have: ${unknown.join('; ')}`,
          },
          {
            fr: `Corrigez les clés de "exercises.${ex.id}" dans kgrade.json (voir la spécification de l'exercice).`,
            en: `Fix the keys under "exercises.${ex.id}" in kgrade.json (see the exercise's spec).`,
          },
        );
      }
      this.notes = readNotes(ex, this.solution.dir, overrides as Record<string, unknown> | undefined);
      this.emit({ type: 'stage', exercise: ex.id, stage: 'setup' });
      const solution = this.solution;
      const [stack] = await Promise.all([
        this.clock.time('stackMs', () => this.opts.acquireStack()),
        this.clock.time('buildMs', () => buildSolution(solution, (l) => this.logs.push(l))),
      ]);
      this.stack = stack;
      this.launcher.allowOutbound(outboundEndpoints(stack.solutionEnv()));
      const seed = this.opts.seed;
      const rng = createRng(seed);
      // The seed drives data and faults; names carry a run id of this grading alone, so two gradings of one seed on
      // one stack never share (and race on) a topic. The draw that gave the run id is kept: a seed gives the data it gave.
      rng.id(6);
      const runId = uniqueRunId();
      const names = resolveNames(ex.contract, overrides, runId);
      await freshNames(stack, names);
      let dead: RunContext['dead'];
      const isLast = () => this.checking === ex.checks.length - 1;
      this.ctx = {
        get dead() {
          return dead;
        },
        get lastCheck() {
          return isLast();
        },
        markDead: (reason) => {
          dead ??= reason;
        },
        exerciseId: ex.id,
        runId,
        seed,
        rng,
        stack,
        solution: this.solution,
        names,
        // Read at each launch: the bootstrap list names the brokers that answer then (a check may have stopped some).
        get solutionEnv() {
          return {
            ...stack.solutionEnv('answering'),
            ...namesEnv(ex.contract, names),
            KGRADE_RUN_ID: runId,
            KGRADE_SEED: String(seed),
          };
        },
        addLog: (l) => this.logs.push(l),
        recordStart: (phase, ms) => this.clock.solutionStarted(phase, ms),
      };
      this.emit({ type: 'stage', exercise: ex.id, stage: 'prepare' });
      const ctx = this.ctx;
      this.prepared = await this.clock.time('prepareMs', () => ex.prepare(ctx));
    } catch (e) {
      this.setupProblem = e;
      if (!(e instanceof SolutionError)) this.recordProblem(e);
    }
  }

  private emit(e: Parameters<GradeListener>[0]): void {
    try {
      this.opts.onEvent?.(e);
    } catch {
      // a listener's trouble never changes a grading
    }
  }

  private recordProblem(e: unknown): void {
    const g = e instanceof GraderError ? e : undefined;
    this.problems.push({
      code: g?.code ?? 'INTERNAL',
      message: errorMessage(e),
      hint: g?.hint ?? 'this is a bug of kgrade: please report it with the JSON result',
      ...(g ? { retriable: g.retriable } : {}),
    });
  }

  async check(check: CheckDefinition): Promise<Verdict> {
    if (this.setupProblem !== undefined || !this.ctx)
      return verdictForProblem(check, this.setupProblem ?? new Error('setup did not run'), 0);
    const { verdict: v, problem } = await runCheckOutcome(check, this.ctx, this.prepared);
    if (v.status === 'not-gradable' && v.reason && !this.problems.some((p) => v.reason!.includes(p.message))) {
      this.problems.push({
        code: problem?.code ?? 'INTERNAL',
        message: v.reason,
        hint: problem?.hint ?? '',
        ...(problem?.retriable !== undefined ? { retriable: problem.retriable } : {}),
      });
    }
    return v;
  }

  async teardown(): Promise<void> {
    try {
      await this.clock.time('teardownMs', async () => this.opts.exercise.cleanup?.(this.prepared as never));
    } catch (e) {
      this.recordProblem(e);
    }
    try {
      await this.launcher?.close();
    } catch (e) {
      this.recordProblem(e);
    }
    if (this.solution) releaseSolution(this.solution);
  }

  /** The isolation the solution's build or programs ran under; none when nothing of it ran (a report states only what happened). */
  isolation(): Isolation | undefined {
    return this.launcher?.launchCount ? this.launcher.isolation : undefined;
  }

  /** Logs gathered since the last call (so each check's report carries what happened during it). */
  takeLogs(): SolutionLog[] {
    return this.logs.splice(0, this.logs.length);
  }

  takeProblems(): GradeResult['problems'] {
    return this.problems.splice(0, this.problems.length);
  }

  stackInfo(): GradeResult['stack'] | undefined {
    return this.stack?.info();
  }

  solutionInfo(): GradeResult['solution'] {
    return solutionInfo(this.opts.source, this.solution?.runner ?? 'unknown');
  }

  /** The whole result: setup, every check in order, teardown. Never throws. */
  async runAll(): Promise<GradeResult> {
    await this.setup();
    const verdicts: Verdict[] = [];
    const checks = this.opts.exercise.checks;
    for (const [index, c] of checks.entries()) {
      const exercise = this.opts.exercise.id;
      this.emit({
        type: 'check-start',
        exercise,
        check: { id: c.id, title: c.title, points: c.points },
        index,
        total: checks.length,
      });
      const t = performance.now();
      this.checking = index;
      const v = await this.check(c);
      this.checking = -1;
      this.clock.checked(c.id, performance.now() - t);
      verdicts.push(v);
      this.emit({ type: 'check-end', exercise, verdict: v, index, total: checks.length });
    }
    await this.teardown();
    return assembleResult({
      exercise: this.opts.exercise,
      solution: this.solutionInfo(),
      seed: this.opts.seed,
      ...(this.ctx ? { runId: this.ctx.runId } : {}),
      replayCommand: this.opts.replayCommand,
      stack: this.stackInfo(),
      startedAt: this.startedAt.toISOString(),
      durationMs: Math.round(performance.now() - this.t0),
      timing: this.clock.result(),
      verdicts,
      logs: this.takeLogs(),
      problems: this.takeProblems(),
      notes: this.notes,
      ...(this.isolation() ? { isolation: this.isolation() } : {}),
      ...(this.opts.source.provenance ? { provenance: this.opts.source.provenance } : {}),
    });
  }
}

/** The exercise's pre-flight notes; a note that cannot be read is left out (never a reason not to grade). */
function readNotes(
  ex: ExerciseDefinition,
  dir: string,
  manifest: Record<string, unknown> | undefined,
): NonNullable<GradeResult['notes']> {
  try {
    return ex.preflight?.(dir, manifest) ?? [];
  } catch {
    return [];
  }
}

/** The result's `solution`: the folder as the caller named it, the commit graded when known. */
export function solutionInfo(source: SolutionSource, runner: string): GradeResult['solution'] {
  return { dir: source.dir, runner, ...(source.commit ? { commit: source.commit } : {}) };
}

/** The GradeResult of a grading's parts (verdicts in check order; outcome and score derived from them). */
export function assembleResult(parts: {
  exercise: ExerciseDefinition;
  solution: GradeResult['solution'];
  seed: number;
  runId?: string;
  replayCommand: string;
  stack?: GradeResult['stack'];
  startedAt: string;
  durationMs: number;
  timing?: GradeResult['timing'];
  verdicts: Verdict[];
  logs: SolutionLog[];
  problems: GradeResult['problems'];
  notes?: GradeResult['notes'];
  isolation?: Isolation;
  provenance?: GradeResult['provenance'];
}): GradeResult {
  const notGradable = parts.verdicts.some((v) => v.status === 'not-gradable');
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    exercise: { id: parts.exercise.id, title: parts.exercise.title },
    solution: parts.solution,
    seed: parts.seed,
    ...(parts.runId ? { runId: parts.runId } : {}),
    replayCommand: parts.replayCommand,
    stack: parts.stack ?? { provider: 'native', brokers: 0, kafkaVersion: 'unknown', services: [] },
    startedAt: parts.startedAt,
    durationMs: parts.durationMs,
    ...(parts.timing ? { timing: parts.timing } : {}),
    outcome: notGradable
      ? 'not-gradable'
      : parts.verdicts.length > 0 && parts.verdicts.every((v) => v.status === 'error')
        ? 'error'
        : 'graded',
    score: parts.verdicts.reduce((s, v) => s + v.score, 0),
    maxScore: maxScore(parts.exercise),
    verdicts: parts.verdicts,
    logs: parts.logs,
    problems: parts.problems,
    ...(parts.notes?.length ? { notes: parts.notes } : {}),
    ...(parts.isolation ? { isolation: parts.isolation } : {}),
    ...(parts.provenance ? { provenance: parts.provenance } : {}),
  };
}
