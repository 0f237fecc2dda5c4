/**
 * `kgrade bench course`: a whole course for a whole class on this machine (issue 34).
 *   1. one student's whole course: every live exercise's TypeScript reference graded in one run on one stack
 *      pool, as `kgrade grade --all` does: each exercise's grading time beside its floor, and the wall time;
 *   2. N students x every live exercise (the cohort bench: a mixed roster of references and mutants, TypeScript,
 *      Java and Python where a fixture exists), sequential then `--parallel auto`: per exercise mean, floor,
 *      ratio, busy cores; the class wall time both ways; verdicts compared; the projection on K shard runners.
 * Figures are printed, never asserted.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { gradeExercise } from '../engine/grade-pipeline.js';
import { EXERCISES } from '../graders/registry.js';
import type { ExerciseDefinition } from '../engine/exercise.js';
import { startWith } from '../stack/stack-pool.js';
import { SessionStacks } from '../cohort/session-stacks.js';
import { gradeInOrder } from '../cohort/course-order.js';
import { courseParallelism } from '../cohort/parallelism.js';
import type { ProviderName } from '../stack/stack-types.js';
import { benchCohort, renderCohortBench, type CohortBenchFigures } from './cohort-bench.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Services no provider here can start (ksqlDB has neither a native build nor an offline image): their exercises are not live. */
const NOT_LIVE_SERVICES = ['ksqldb'];

/** The exercises a course run grades here: every registered one whose stack can be started. Pure. */
export function liveExercises(all: ExerciseDefinition[] = EXERCISES): ExerciseDefinition[] {
  return all.filter((e) => !(e.stack.services ?? []).some((s) => NOT_LIVE_SERVICES.includes(s)));
}

export interface CourseGrading {
  exercise: string;
  durationMs: number;
  score: number;
  maxScore: number;
  outcome: string;
  /** The wait for its stack within the grading (what starting stacks ahead saves). */
  stackMs?: number;
  floorMs?: number;
}

export interface OneStudentFigures {
  wallMs: number;
  /** Exercises graded at once (each on its own stack), as `kgrade grade --parallel`. */
  atOnce: number;
  gradings: CourseGrading[];
}

/** One student's whole course: each exercise's TypeScript reference, one after the other on one stack pool. */
export async function benchOneStudent(
  exercises: ExerciseDefinition[],
  provider: ProviderName | 'auto',
  log: (l: string) => void,
  atOnce = 1,
): Promise<OneStudentFigures> {
  const stacks = new SessionStacks(startWith({ provider, images: 'auto' }), false, exercises);
  const t0 = performance.now();
  const gradings: CourseGrading[] = [];
  try {
    await gradeInOrder(
      stacks,
      exercises,
      async (exercise, pool) => {
        const source = fixtureSource({
          dir: path.join(FIXTURES, exercise.id, 'reference-ts'),
          replayAs: `kgrade bench course --exercises ${exercise.id}`,
        });
        const r = await gradeExercise(
          { exercise, source, seed: 2026, sandbox: false, ...(provider !== 'auto' ? { provider } : {}) },
          pool,
          { exclusive: false },
        );
        const floor = exercise.floor?.();
        gradings.push({
          exercise: exercise.id,
          durationMs: r.durationMs,
          score: r.score,
          maxScore: r.maxScore,
          outcome: r.outcome,
          ...(r.timing?.stackMs !== undefined ? { stackMs: r.timing.stackMs } : {}),
          ...(floor ? { floorMs: floor.ms } : {}),
        });
        log(`${exercise.id} ${r.score}/${r.maxScore} in ${(r.durationMs / 1000).toFixed(1)} s`);
      },
      { atOnce },
    );
  } finally {
    await stacks.close();
  }
  // In the course's order, whichever finished first.
  const order = exercises.map((e) => e.id);
  gradings.sort((a, b) => order.indexOf(a.exercise) - order.indexOf(b.exercise));
  return { wallMs: Math.round(performance.now() - t0), atOnce, gradings };
}

/** The one-student table (pure). */
export function renderOneStudent(f: OneStudentFigures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `One student's whole course (TypeScript references, one run, a stack per distinct needs started ahead, ${f.atOnce === 1 ? 'one exercise at a time' : `${f.atOnce} exercises at once`}): ${s(f.wallMs)} wall`,
  ];
  for (const g of f.gradings) {
    const floor =
      g.floorMs === undefined
        ? 'no floor declared'
        : g.floorMs === 0
          ? `floor 0 s (the exercise imposes no wait), ${s(g.durationMs)} above`
          : `floor ${s(g.floorMs)}, x${(g.durationMs / g.floorMs).toFixed(2)}, ${s(g.durationMs - g.floorMs)} above`;
    lines.push(
      `  ${g.exercise.padEnd(5)} ${`${g.score}/${g.maxScore}`.padStart(6)} ${g.outcome === 'graded' ? '' : `(${g.outcome}) `}${s(g.durationMs).padStart(8)}  ${floor}${g.stackMs !== undefined ? `; waited ${s(g.stackMs)} for its stack` : ''}`,
    );
  }
  const sum = f.gradings.reduce((a, g) => a + g.durationMs, 0);
  lines.push(
    f.atOnce === 1
      ? `  gradings ${s(sum)}; stacks, builds and the rest of the run ${s(f.wallMs - sum)}`
      : `  gradings ${s(sum)} end to end, within ${s(f.wallMs)} of wall time`,
  );
  return `${lines.join('\n')}\n`;
}

export interface CourseBenchFigures {
  /** The one-student course with the last `atOnce` asked (the default of `kgrade grade --all`). */
  oneStudent: OneStudentFigures;
  /** Every one-student run, in the order asked (e.g. one at a time, then two at once). */
  oneStudentRuns: OneStudentFigures[];
  class?: CohortBenchFigures;
  provider: ProviderName | 'auto';
}

export async function benchCourse(
  opts: {
    students: number;
    provider: ProviderName | 'auto';
    exercises?: string[];
    parallel?: number;
    oneStudentOnly?: boolean;
    /** One one-student run per value: exercises graded at once (default: what `kgrade grade --all` does here). */
    atOnce?: number[];
  },
  log: (l: string) => void,
): Promise<CourseBenchFigures> {
  const exercises = opts.exercises ? EXERCISES.filter((e) => opts.exercises!.includes(e.id)) : liveExercises();
  log(`one student x ${exercises.map((e) => e.id).join(',')}...`);
  const oneStudentRuns: OneStudentFigures[] = [];
  for (const n of opts.atOnce ?? [courseParallelism()]) {
    log(`one student, ${n} at once...`);
    oneStudentRuns.push(await benchOneStudent(exercises, opts.provider, log, n));
  }
  const oneStudent = oneStudentRuns.at(-1)!;
  if (opts.oneStudentOnly) return { oneStudent, oneStudentRuns, provider: opts.provider };
  const cls = await benchCohort(
    {
      exercises: exercises.map((e) => e.id),
      students: opts.students,
      ...(opts.parallel ? { parallel: opts.parallel } : {}),
      provider: opts.provider,
    },
    log,
  );
  return { oneStudent, oneStudentRuns, class: cls, provider: opts.provider };
}

export function renderCourseBench(f: CourseBenchFigures): string {
  return [
    `provider: ${f.provider}`,
    ...f.oneStudentRuns.map(renderOneStudent),
    ...(f.class ? [renderCohortBench(f.class)] : []),
  ].join('\n');
}
