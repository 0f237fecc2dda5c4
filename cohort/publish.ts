/**
 * The publisher: a cohort's output folder of records made into what the trainer reads, the same way for
 * `kgrade cohort` (the records its scheduler just wrote, and those of earlier runs) and `kgrade cohort merge`
 * (the records copied from the shards):
 *
 *   <out>/dashboard.html, gradebook.csv, summary.json   from one CohortModel
 *   <out>/students/<id>/kgrade-<ex>*.html               the navigation bar added to each student report on disk
 *
 * and the exit code (0 all graded; 1 some roster rows not graded; 2 some results not gradable).
 * The similarity pairs are computed here from the students' fingerprints, whoever gathered them.
 */
import path from 'node:path';
import type { ExerciseDefinition } from '../engine/exercise.js';
import type { Lang } from '../model/verdict.js';
import { buildCohortModel, type CohortModel, type CohortStudent } from './cohort-model.js';
import { renderDashboardHtml } from './dashboard.js';
import { renderGradebookCsv } from './gradebook.js';
import type { RosterProblem } from './roster.js';
import { similarPairs } from './similarity.js';
import { addStudentNavs } from './student-pages.js';
import { writeFileAtomic, type CohortRecord } from './store.js';

/** The options that shape the gradebook (a shard's manifest carries them to the merge). */
export interface PublishOptions {
  deadline?: string;
  latePenaltyPct?: number;
  similarityThreshold: number;
  lang: Lang;
}

export interface Publication {
  exercises: ExerciseDefinition[];
  /** Roster order. */
  students: CohortStudent[];
  /** By recordKey(student, exercise): the records on disk that make the class. */
  records: Map<string, CohortRecord>;
  rowProblems: RosterProblem[];
  /** Each student's source fingerprint (all their exercises' folders). */
  fingerprints: Map<string, Set<string>>;
  options: PublishOptions;
  generatedAt?: string;
}

export interface Published {
  model: CohortModel;
  files: { dashboard: string; gradebook: string; summary: string };
  /** 0 all graded; 1 some rows could not be graded (roster, git); 2 some results are not gradable. */
  exitCode: number;
}

export function publishCohort(outDir: string, p: Publication): Published {
  const { similarityThreshold: threshold } = p.options;
  const model = buildCohortModel({
    exercises: p.exercises,
    students: p.students,
    records: p.records,
    rowProblems: p.rowProblems,
    ...(p.options.deadline ? { deadline: p.options.deadline } : {}),
    ...(p.options.latePenaltyPct ? { latePenaltyPct: p.options.latePenaltyPct } : {}),
    similarity: { threshold, pairs: similarPairs(p.fingerprints, threshold) },
    lang: p.options.lang,
    generatedAt: p.generatedAt ?? new Date().toISOString(),
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
  const exitCode = model.counts.notGradable > 0 ? 2 : model.rowProblems.length > 0 ? 1 : 0;
  return { model, files, exitCode };
}
