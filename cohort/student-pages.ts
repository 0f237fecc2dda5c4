/**
 * The student reports inside a cohort output: `kgrade grade`'s JSON result and page for each record (written by the
 * scheduler as each grading ends), and the cohort's navigation bar (student name, link back to the dashboard) the
 * publisher adds to each of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../model/verdict.js';
import { renderHtml } from '../reports/html.js';
import { renderReports } from '../reports/render.js';
import { studentReportFile, type CohortModel } from './cohort-model.js';
import { writeFileAtomic, type CohortRecord } from './store.js';
import { studentNavs, withStudentNav } from './student-nav.js';

/** The student's JSON result and their page in this run's language (a page per language: studentReportFile). */
export async function renderStudentReports(outDir: string, record: CohortRecord, lang: Lang): Promise<void> {
  const dir = path.join(outDir, 'students', record.student.id);
  await renderReports(record.result, { formats: ['json'], outDir: dir, lang, color: false });
  writeFileAtomic(path.join(dir, studentReportFile(record.exerciseId, lang)), renderHtml(record.result, { lang }));
}

/** Whether the record's page in `lang` is on disk. */
export function hasStudentReport(outDir: string, record: CohortRecord, lang: Lang): boolean {
  return fs.existsSync(path.join(outDir, 'students', record.student.id, studentReportFile(record.exerciseId, lang)));
}

/** A report missing on disk is skipped (the dashboard still lists the student). */
export function addStudentNavs(outDir: string, model: CohortModel): void {
  for (const { href, nav } of studentNavs(model)) {
    const file = path.join(outDir, ...href.split('/'));
    if (!fs.existsSync(file)) continue;
    const html = fs.readFileSync(file, 'utf8');
    const next = withStudentNav(html, nav);
    if (next !== html) {
      fs.writeFileSync(`${file}.tmp`, next);
      fs.renameSync(`${file}.tmp`, file);
    }
  }
}
