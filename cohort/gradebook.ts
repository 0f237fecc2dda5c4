/**
 * CSV gradebook, exactly one row per student id (graded or not):
 *   student_id, name, <ex>_score, <ex>_max ..., total, total_max, late, commit, commit_date, notes
 * A not-gradable or missing exercise leaves its score empty and says why in `notes` (never a 0).
 * `total` includes the late penalty when one was asked; `total_max` counts the graded exercises only.
 * A roster row that was not graded is a roster error: when its id is a student's (a duplicate line), it is a
 * note on that student's row, never a second row (an empty second row would blank the real grade on import);
 * a student the roster names but nothing could be graded for (a missing folder, a failed fetch) is a row of the
 * model, named, with empty scores and the roster problem as its note; a problem without an id is on the
 * dashboard only (no student to import it to). Notes are in the model's language.
 */
import type { CohortModel } from './cohort-model.js';
import { GRADEBOOK_NOTE, rowProblemText } from './dashboard-i18n.js';

/** Quotes a field when needed; a leading =, +, -, @ is neutralised (spreadsheet formula injection). */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderGradebookCsv(model: CohortModel): string {
  const lang = model.lang;
  const header = [
    'student_id',
    'name',
    ...model.exercises.flatMap((e) => [`${e.id}_score`, `${e.id}_max`]),
    'total',
    'total_max',
    'late',
    'commit',
    'commit_date',
    'notes',
  ];
  const lines = [header.join(',')];
  const rosterNotes = new Map<string, string[]>();
  for (const p of model.rowProblems) {
    if (p.id === undefined) continue;
    const key = p.id.toLowerCase();
    rosterNotes.set(key, [
      ...(rosterNotes.get(key) ?? []),
      GRADEBOOK_NOTE.rosterProblem(lang, rowProblemText(lang, p)),
    ]);
  }
  const studentIds = new Set(model.students.map((s) => s.id.toLowerCase()));
  for (const s of model.students) {
    const notes: string[] = [];
    const cells = s.cells.flatMap((c) => {
      if (c.state === 'not-gradable') notes.push(GRADEBOOK_NOTE.notGradable(lang, c.exerciseId));
      if (c.state === 'missing' && !c.why) notes.push(GRADEBOOK_NOTE.missing(lang, c.exerciseId));
      if (c.errored) notes.push(GRADEBOOK_NOTE.errored(lang, c.exerciseId));
      return [c.state === 'graded' ? c.score : undefined, c.maxScore];
    });
    if (s.late && model.latePenaltyPct) notes.push(GRADEBOOK_NOTE.late(lang, model.latePenaltyPct, s.rawTotal));
    notes.push(...(rosterNotes.get(s.id.toLowerCase()) ?? []));
    lines.push(
      [s.id, s.name, ...cells, s.total, s.gradedMax, s.late ? 'yes' : 'no', s.commit, s.commitDate, notes.join('; ')]
        .map(csvField)
        .join(','),
    );
  }
  const extra = new Map<string, { id: string; notes: string[] }>();
  for (const p of model.rowProblems) {
    if (p.id === undefined || studentIds.has(p.id.toLowerCase()) || extra.has(p.id.toLowerCase())) continue;
    extra.set(p.id.toLowerCase(), { id: p.id, notes: rosterNotes.get(p.id.toLowerCase()) ?? [] });
  }
  for (const { id, notes } of extra.values()) {
    lines.push(
      [
        id,
        '',
        ...model.exercises.flatMap(() => [undefined, undefined]),
        undefined,
        undefined,
        '',
        '',
        '',
        notes.join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
