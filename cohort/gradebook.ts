/**
 * CSV gradebook, one row per roster student (graded or not):
 *   student_id, name, <ex>_score, <ex>_max ..., total, total_max, late, commit, commit_date, notes
 * A not-gradable or missing exercise leaves its score empty and says why in `notes` (never a 0).
 * `total` includes the late penalty when one was asked; `total_max` counts the graded exercises only.
 */
import type { CohortModel } from './cohort-model.js';

/** Quotes a field when needed; a leading =, +, -, @ is neutralised (spreadsheet formula injection). */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderGradebookCsv(model: CohortModel): string {
  const header = ['student_id', 'name', ...model.exercises.flatMap((e) => [`${e.id}_score`, `${e.id}_max`]), 'total', 'total_max', 'late', 'commit', 'commit_date', 'notes'];
  const lines = [header.join(',')];
  for (const s of model.students) {
    const notes: string[] = [];
    const cells = s.cells.flatMap((c) => {
      if (c.state === 'not-gradable') notes.push(`${c.exerciseId} not gradable (infrastructure)`);
      if (c.state === 'missing') notes.push(`${c.exerciseId} not graded yet`);
      if (c.errored) notes.push(`${c.exerciseId} does not build or start`);
      return [c.state === 'graded' ? c.score : undefined, c.maxScore];
    });
    if (s.late && model.latePenaltyPct) notes.push(`late: -${model.latePenaltyPct}% (raw total ${s.rawTotal})`);
    lines.push([s.id, s.name, ...cells, s.total, s.gradedMax, s.late ? 'yes' : 'no', s.commit, s.commitDate, notes.join('; ')].map(csvField).join(','));
  }
  for (const p of model.rowProblems) {
    lines.push([p.id ?? `line ${p.line}`, '', ...model.exercises.flatMap(() => [undefined, undefined]), undefined, undefined, '', '', '', `not graded: ${p.message}`].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}
