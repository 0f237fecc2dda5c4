/** Adds the cohort's navigation bar (student name, link back to the dashboard) to each student report on disk. */
import fs from 'node:fs';
import path from 'node:path';
import type { CohortModel } from './cohort-model.js';
import { studentNavs, withStudentNav } from './student-nav.js';

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
