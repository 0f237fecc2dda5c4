/**
 * `kgrade cohort`: the scheduler grades a roster of students on exercises, a few sessions at a time, persisting
 * each student x exercise record the moment it is finished (scheduler.ts); then the publisher makes the output
 * folder's records, this run's and those of earlier runs alike, into the dashboard, the CSV gradebook, the JSON
 * summary and the student pages' navigation, with the exit code (publish.ts, as `kgrade cohort merge` does).
 */
import type { ExerciseDefinition } from '../engine/exercise.js';
import { DEFAULT_SIMILARITY, type CohortOptions } from './cohort-options.js';
import { recordKey, type CohortModel, type CohortStudent } from './cohort-model.js';
import { studentDirs } from './job-sources.js';
import { publishCohort } from './publish.js';
import { scheduleCohort } from './scheduler.js';
import { fingerprintDirs } from './similarity.js';
import { hasStudentReport, renderStudentReports } from './student-pages.js';
import { appendEvent, readRecord, type CohortRecord, type Job } from './store.js';

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

export async function runCohort(opts: CohortOptions): Promise<CohortRunResult> {
  const t0 = performance.now();
  const lang = opts.lang ?? 'fr';
  const { outDir, plan, stack } = await scheduleCohort(opts);
  const { exercises, entries, sources, toGrade, skipped, kept } = plan;

  // The records on disk (this run's results and those of earlier runs alike); a page an earlier run did not
  // write in this run's language is written now.
  const records = new Map<string, CohortRecord>();
  const readOnly = new Set([...skipped, ...kept].map((j) => recordKey(j.studentId, j.exerciseId)));
  for (const j of [...plan.jobs, ...kept]) {
    const r = readRecord(outDir, j.studentId, j.exerciseId);
    if (!r) continue;
    const key = recordKey(j.studentId, j.exerciseId);
    records.set(key, r);
    if (readOnly.has(key) && !hasStudentReport(outDir, r, lang))
      await renderStudentReports(outDir, r, lang).catch(() => undefined);
  }
  const students: CohortStudent[] = entries.map((e) => {
    const graded = exercises.map((ex) => records.get(recordKey(e.id, ex.id))).find(Boolean);
    return {
      id: e.id,
      name: e.name,
      source: graded?.source ?? exercises.map((ex) => sources.get(recordKey(e.id, ex.id))).find(Boolean),
    };
  });
  const fingerprints = fingerprintsOf(students, exercises, sources, records);
  const published = publishCohort(outDir, {
    exercises,
    students,
    records,
    rowProblems: plan.rowProblems,
    fingerprints,
    options: {
      ...(opts.deadline ? { deadline: opts.deadline } : {}),
      ...(opts.latePenaltyPct ? { latePenaltyPct: opts.latePenaltyPct } : {}),
      similarityThreshold: opts.similarityThreshold ?? DEFAULT_SIMILARITY,
      lang,
    },
  });
  appendEvent(outDir, { event: 'run-end', detail: `${toGrade.length} graded, ${skipped.length} skipped` });
  opts.onProgress?.({ type: 'reports', dir: outDir });
  return {
    outDir,
    model: published.model,
    files: published.files,
    graded: toGrade,
    skipped,
    fingerprints,
    exitCode: published.exitCode,
    wallMs: Math.round(performance.now() - t0),
    stack,
  };
}

/**
 * A student with a repository per exercise is compared on all of them together: the folders this run fetched,
 * or for a result kept from an earlier run, the one it was graded from.
 */
function fingerprintsOf(
  students: CohortStudent[],
  exercises: ExerciseDefinition[],
  sources: Map<string, CohortRecord['source']>,
  records: Map<string, CohortRecord>,
): Map<string, Set<string>> {
  const ids = exercises.map((e) => e.id);
  return new Map(
    students.map((s) => {
      const dirs = studentDirs(sources, s.id, ids, (ex) => records.get(recordKey(s.id, ex))?.source.dir);
      return [s.id, fingerprintDirs(dirs)];
    }),
  );
}
