/**
 * The cohort as numbers, built from the stored records only (pure): what the dashboard, the gradebook and
 * the JSON summary all show. Not-gradable results count for nobody: they are listed apart, never as a 0.
 */
import type { Lang, Localized, VerdictStatus } from '../model/verdict.js';
import type { ExerciseDefinition } from '../engine/exercise.js';
import { reportFileName } from '../reports/render.js';
import { maxScore } from '../engine/exercise.js';
import type { RosterProblem } from './roster.js';
import { notGradedText } from './dashboard-i18n.js';
import type { SimilarPair } from './similarity.js';
import type { CohortRecord, SourceInfo } from './store.js';

export const SUMMARY_SCHEMA_VERSION = 1;
/** Below this share of the points, a student is listed under "needs help". */
export const HELP_THRESHOLD_PCT = 50;

export interface CohortStudent {
  id: string;
  name: string;
  source?: SourceInfo;
}

export interface ModelInput {
  exercises: ExerciseDefinition[];
  students: CohortStudent[];
  /** Keyed by `${studentId}/${exerciseId}`. */
  records: Map<string, CohortRecord>;
  /** Rows that were not graded (bad roster row, git failure). */
  rowProblems: RosterProblem[];
  deadline?: string;
  latePenaltyPct?: number;
  similarity: { threshold: number; pairs: SimilarPair[] };
  lang: Lang;
  generatedAt: string;
}

export type CellState = 'graded' | 'not-gradable' | 'missing';

export interface ExerciseCell {
  exerciseId: string;
  state: CellState;
  score?: number;
  maxScore: number;
  /** The solution did not build or start (every check `error`). */
  errored: boolean;
  checks: { id: string; status: VerdictStatus }[];
  attempts?: number;
  /** Per-student HTML report, relative to the output folder. */
  reportHref?: string;
  /** Missing because of a roster row or a source (folder missing, fetch failed...): short, then in full. */
  why?: { short: string; detail: string };
}

export interface StudentRow {
  id: string;
  name: string;
  cells: ExerciseCell[];
  /** Points over the graded exercises, before any late penalty. */
  rawTotal: number;
  /** After the late penalty (equal to rawTotal when none). */
  total: number;
  /** Max points of the graded exercises only (not-gradable and missing ones are not held against anyone). */
  gradedMax: number;
  pct?: number;
  late: boolean;
  commit?: string;
  commitDate?: string;
  helpReasons: string[];
}

export interface ReteachItem {
  exerciseId: string;
  checkId: string;
  title: string;
  hint: string;
  failed: number;
  /** Students whose check reached a verdict on their logic (pass or fail). */
  judged: number;
  failRate: number;
  failedStudents: string[];
}

export interface CohortModel {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  generatedAt: string;
  lang: Lang;
  exercises: { id: string; title: string; maxScore: number; checks: { id: string; title: string; points: number }[] }[];
  students: StudentRow[];
  needsHelp: { id: string; name: string; pct?: number; reasons: string[] }[];
  reteach: ReteachItem[];
  histogram: { fromPct: number; toPct: number; count: number }[];
  similarPairs: SimilarPair[];
  similarityThreshold: number;
  rowProblems: RosterProblem[];
  notGradable: { studentId: string; exerciseId: string; attempts: number; problems: string[] }[];
  deadline?: string;
  latePenaltyPct?: number;
  counts: { students: number; graded: number; notGradable: number; missing: number; rowProblems: number; late: number };
}

export const recordKey = (studentId: string, exerciseId: string): string => `${studentId}/${exerciseId}`;

const loc = (l: Localized, lang: Lang) => l[lang] ?? l.en;

export function isLate(source: SourceInfo | undefined, deadline: string | undefined): boolean {
  if (!deadline || source?.kind !== 'git' || !source.commitDate) return false;
  return Date.parse(source.commitDate) > Date.parse(deadline);
}

export function applyPenalty(points: number, late: boolean, penaltyPct: number | undefined): number {
  if (!late || !penaltyPct) return points;
  return Math.round(points * (1 - Math.min(100, Math.max(0, penaltyPct)) / 100) * 100) / 100;
}

/** A student's report page in a cohort, one per language: a dashboard links the pages in its own language. */
export function studentReportFile(exerciseId: string, lang: Lang): string {
  const html = reportFileName('html', exerciseId);
  return lang === 'fr' ? html : html.replace(/\.html$/, `.${lang}.html`);
}

/** Problems that are about a row's student (a duplicate line is about the row, not its student). */
const aboutStudent = (p: RosterProblem): boolean =>
  p.id !== undefined &&
  p.problem?.kind !== 'duplicate-id' &&
  p.problem?.kind !== 'header-column' &&
  p.problem?.kind !== 'empty';

/**
 * Every roster line's student: those given, then each one a roster problem names that is not among them
 * (a missing folder, a failed fetch...), with nothing graded.
 */
function everyStudent(input: ModelInput): CohortStudent[] {
  const known = new Set(input.students.map((s) => s.id.toLowerCase()));
  const more: CohortStudent[] = [];
  for (const p of input.rowProblems.filter(aboutStudent)) {
    if (known.has(p.id!.toLowerCase())) continue;
    known.add(p.id!.toLowerCase());
    more.push({ id: p.id!, name: p.name ?? '' });
  }
  return [...input.students, ...more];
}

/** Why a student has no result for an exercise, when a roster problem says it. */
function whyMissing(input: ModelInput, studentId: string, exerciseId: string): ExerciseCell['why'] {
  const p = input.rowProblems.find(
    (x) =>
      aboutStudent(x) &&
      x.id!.toLowerCase() === studentId.toLowerCase() &&
      (x.problem?.kind !== 'no-solution' || x.problem.exercise === exerciseId),
  );
  return p ? notGradedText(input.lang, p) : undefined;
}

export function buildCohortModel(input: ModelInput): CohortModel {
  const { exercises, lang } = input;
  const students: StudentRow[] = everyStudent(input).map((s) => {
    const source = s.source ?? firstSource(input, s.id);
    const cells = exercises.map((ex): ExerciseCell => {
      const rec = input.records.get(recordKey(s.id, ex.id));
      const max = maxScore(ex);
      if (!rec) {
        const why = whyMissing(input, s.id, ex.id);
        return {
          exerciseId: ex.id,
          state: 'missing',
          maxScore: max,
          errored: false,
          checks: [],
          ...(why ? { why } : {}),
        };
      }
      const r = rec.result;
      const reportHref = `students/${s.id}/${studentReportFile(ex.id, lang)}`;
      const checks = r.verdicts.map((v) => ({ id: v.id, status: v.status }));
      if (r.outcome === 'not-gradable')
        return {
          exerciseId: ex.id,
          state: 'not-gradable',
          maxScore: r.maxScore,
          errored: false,
          checks,
          attempts: rec.attempts,
          reportHref,
        };
      const errored = r.verdicts.length > 0 && r.verdicts.every((v) => v.status === 'error');
      return {
        exerciseId: ex.id,
        state: 'graded',
        score: r.score,
        maxScore: r.maxScore,
        errored,
        checks,
        attempts: rec.attempts,
        reportHref,
      };
    });
    const graded = cells.filter((c) => c.state === 'graded');
    const rawTotal = graded.reduce((t, c) => t + (c.score ?? 0), 0);
    const gradedMax = graded.reduce((t, c) => t + c.maxScore, 0);
    const late = isLate(source, input.deadline);
    const total = applyPenalty(rawTotal, late, input.latePenaltyPct);
    const pct = gradedMax > 0 ? Math.round((total / gradedMax) * 1000) / 10 : undefined;
    const helpReasons: string[] = [];
    for (const c of cells.filter((x) => x.errored))
      helpReasons.push(
        lang === 'fr'
          ? `${c.exerciseId} : ne compile pas ou ne démarre pas`
          : `${c.exerciseId}: does not build or start`,
      );
    if (pct !== undefined && pct < HELP_THRESHOLD_PCT)
      helpReasons.push(lang === 'fr' ? `${pct.toLocaleString('fr-FR')} % des points` : `${pct}% of the points`);
    return {
      id: s.id,
      name: s.name,
      cells,
      rawTotal,
      total,
      gradedMax,
      ...(pct !== undefined ? { pct } : {}),
      late,
      ...(source?.commit ? { commit: source.commit } : {}),
      ...(source?.commitDate ? { commitDate: source.commitDate } : {}),
      helpReasons,
    };
  });

  const reteach: ReteachItem[] = [];
  for (const ex of exercises) {
    for (const check of ex.checks) {
      let judged = 0;
      const failedStudents: string[] = [];
      for (const s of students) {
        const cell = s.cells.find((c) => c.exerciseId === ex.id);
        if (cell?.state !== 'graded') continue;
        const st = cell.checks.find((c) => c.id === check.id)?.status;
        if (st === 'pass' || st === 'fail') judged++;
        if (st === 'fail') failedStudents.push(s.id);
      }
      if (failedStudents.length) {
        reteach.push({
          exerciseId: ex.id,
          checkId: check.id,
          title: loc(check.title, lang),
          hint: loc(check.hint, lang),
          failed: failedStudents.length,
          judged,
          failRate: Math.round((failedStudents.length / judged) * 1000) / 1000,
          failedStudents,
        });
      }
    }
  }
  reteach.sort((a, b) => b.failRate - a.failRate || b.failed - a.failed || a.exerciseId.localeCompare(b.exerciseId));

  const notGradable: CohortModel['notGradable'] = [];
  for (const s of students) {
    for (const c of s.cells.filter((x) => x.state === 'not-gradable')) {
      const rec = input.records.get(recordKey(s.id, c.exerciseId))!;
      notGradable.push({
        studentId: s.id,
        exerciseId: c.exerciseId,
        attempts: rec.attempts,
        problems: [...new Set([...rec.retriedProblems, ...rec.result.problems.map((p) => `${p.code}: ${p.message}`)])],
      });
    }
  }

  const cellsAll = students.flatMap((s) => s.cells);
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    lang,
    exercises: exercises.map((ex) => ({
      id: ex.id,
      title: loc(ex.title, lang),
      maxScore: maxScore(ex),
      checks: ex.checks.map((c) => ({ id: c.id, title: loc(c.title, lang), points: c.points })),
    })),
    students,
    needsHelp: students
      .filter((s) => s.helpReasons.length)
      .sort((a, b) => (a.pct ?? 101) - (b.pct ?? 101) || a.id.localeCompare(b.id))
      .map((s) => ({ id: s.id, name: s.name, ...(s.pct !== undefined ? { pct: s.pct } : {}), reasons: s.helpReasons })),
    reteach,
    histogram: histogram(students.flatMap((s) => (s.pct === undefined ? [] : [s.pct]))),
    similarPairs: input.similarity.pairs,
    similarityThreshold: input.similarity.threshold,
    rowProblems: input.rowProblems,
    notGradable,
    ...(input.deadline ? { deadline: input.deadline } : {}),
    ...(input.latePenaltyPct ? { latePenaltyPct: input.latePenaltyPct } : {}),
    counts: {
      students: students.length,
      graded: cellsAll.filter((c) => c.state === 'graded').length,
      notGradable: cellsAll.filter((c) => c.state === 'not-gradable').length,
      missing: cellsAll.filter((c) => c.state === 'missing').length,
      rowProblems: input.rowProblems.length,
      late: students.filter((s) => s.late).length,
    },
  };
}

function firstSource(input: ModelInput, studentId: string): SourceInfo | undefined {
  for (const ex of input.exercises) {
    const r = input.records.get(recordKey(studentId, ex.id));
    if (r) return r.source;
  }
  return undefined;
}

/** Ten bins of 10 points of percentage; 100 % falls in the last one. */
export function histogram(pcts: number[]): CohortModel['histogram'] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ fromPct: i * 10, toPct: i * 10 + 10, count: 0 }));
  for (const p of pcts) bins[Math.min(9, Math.max(0, Math.floor(p / 10)))]!.count++;
  return bins;
}
