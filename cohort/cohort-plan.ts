/**
 * What a cohort run grades, before anything is graded: the roster x the exercises -> one job per student and
 * exercise with a source (a git source fetched once), the rows that cannot be graded, and with --resume which
 * jobs are already done. A result an earlier run wrote stays when this run cannot fetch that source again (a git
 * host down on --resume): it is read, never graded again, and the fetch failure is listed with the row problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { SolutionSource } from '../engine/solution-source.js';
import { fixtureSource } from '../selftest/fixture-materialize.js';
import { adversarialRefusal } from '../selftest/fixture-expectations.js';
import { recordKey } from './cohort-model.js';
import { checkoutGit, defaultGitCacheDir } from './git-source.js';
import { resolveJobSources } from './job-sources.js';
import { parseRoster, type Roster, type RosterEntry, type RosterProblem } from './roster.js';
import { planJobs, readRecord, type Job, type SourceInfo } from './store.js';

export interface CohortPlan {
  exercises: ExerciseDefinition[];
  /** The roster students this run lists: those with a job or a kept result, in roster order. */
  entries: RosterEntry[];
  /** This run's sources, by recordKey(student, exercise): as the record stores them... */
  sources: Map<string, SourceInfo>;
  /** ...and as the engine grades them (the trainer's copy; a fixture's patch and sandbox requirement). */
  graded: Map<string, SolutionSource>;
  /** Every job with a source (roster order, then the exercises'). */
  jobs: Job[];
  toGrade: Job[];
  /** Done by an earlier run (--resume). */
  skipped: Job[];
  /** Jobs whose source could not be fetched this time, whose earlier result is kept. */
  kept: Job[];
  rowProblems: RosterProblem[];
}

/** The roster file, parsed (relative solution folders resolved from its folder). */
export function readRoster(rosterPath: string, gitAliases?: Record<string, string>): Roster {
  const file = path.resolve(rosterPath);
  return parseRoster(fs.readFileSync(file, 'utf8'), { baseDir: path.dirname(file), gitAliases });
}

export interface PlanInput {
  roster: Roster;
  exercises: ExerciseDefinition[];
  outDir: string;
  resume: boolean;
  sandbox: boolean;
  gitCacheDir?: string;
  includeStudent?: (studentId: string) => boolean;
}

export async function planCohort(input: PlanInput): Promise<CohortPlan> {
  const { outDir, exercises, roster } = input;
  // Sources, per student x exercise (a roster may give one per exercise): a failure, or no solution for an
  // exercise, is that row's problem; the student's other exercises are graded.
  const gitCache = input.gitCacheDir ?? defaultGitCacheDir();
  const exerciseIds = exercises.map((e) => e.id);
  const resolved = await resolveJobSources(
    roster.entries.filter((x) => input.includeStudent?.(x.id) ?? true),
    exerciseIds,
    (url, ref) => checkoutGit(url, ref, gitCache),
  );
  const { sources, jobs } = resolved;
  const kept = resolved.unfetched.filter((j) => readRecord(outDir, j.studentId, j.exerciseId));
  const keptIds = new Set(kept.map((j) => j.studentId));
  const entries = roster.entries.filter((e) => resolved.entries.includes(e) || keptIds.has(e.id));

  // Graded from the source this run fetched: the trainer's copy, whatever the student's folder holds.
  const graded = new Map(
    [...sources].map(([key, s]) => [
      key,
      fixtureSource({
        dir: s.dir,
        ...(s.kind === 'git' && s.url ? { gitUrl: s.url } : {}),
        ...(s.commit ? { commit: s.commit } : {}),
        provenance: 'trainer',
      }),
    ]),
  );
  if (!input.sandbox) {
    const attackers = entries
      .filter((e) => exerciseIds.some((ex) => graded.get(recordKey(e.id, ex))?.requiresSandbox))
      .map((e) => e.id);
    if (attackers.length) throw adversarialRefusal(attackers, 'cohort');
  }
  const plan = planJobs(jobs, input.resume, (j) => readRecord(outDir, j.studentId, j.exerciseId));
  return {
    exercises,
    entries,
    sources,
    graded,
    jobs,
    toGrade: plan.filter((p) => p.action !== 'skip').map((p) => p.job),
    skipped: plan.filter((p) => p.action === 'skip').map((p) => p.job),
    kept,
    rowProblems: [...roster.problems, ...resolved.problems],
  };
}
