/**
 * One summary for several exercises graded in one `kgrade grade` run (a student's whole course): a line per
 * exercise (score, what did not pass, its folder, its report), the total, and the wall time.
 *
 *   console -> a table after the per-exercise reports
 *   json    -> kgrade-course.json
 *   html    -> kgrade-course.html (links each kgrade-<exercise>.html)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradeResult } from '../model/result.js';
import type { Lang } from '../model/verdict.js';
import { formatDuration } from './format.js';
import { reportFileName, type ReportFormat } from './render.js';

export interface CourseLine {
  exerciseId: string;
  title: { fr: string; en: string };
  /** The solution folder as the user named it. */
  solution: string;
  outcome: GradeResult['outcome'];
  score: number;
  maxScore: number;
  durationMs: number;
  /** Checks that did not pass (failed, errored, not gradable), in the exercise's order. */
  notPassed: string[];
}

export interface CourseSummary {
  schemaVersion: 1;
  exercises: CourseLine[];
  score: number;
  maxScore: number;
  /** Wall time of the whole run (stacks included). */
  wallMs: number;
  /** Exercises not gradable here: their points are not counted in score nor maxScore. */
  notGradable: string[];
}

export function summarizeCourse(
  results: GradeResult[],
  wallMs: number,
  shownSolution: (r: GradeResult) => string,
): CourseSummary {
  const exercises = results.map((r) => ({
    exerciseId: r.exercise.id,
    title: r.exercise.title,
    solution: shownSolution(r),
    outcome: r.outcome,
    score: r.score,
    maxScore: r.maxScore,
    durationMs: r.durationMs,
    notPassed: r.verdicts.filter((v) => v.status !== 'pass' && v.status !== 'skipped').map((v) => v.id),
  }));
  const gradable = exercises.filter((e) => e.outcome !== 'not-gradable');
  return {
    schemaVersion: 1,
    exercises,
    score: gradable.reduce((s, e) => s + e.score, 0),
    maxScore: gradable.reduce((s, e) => s + e.maxScore, 0),
    wallMs,
    notGradable: exercises.filter((e) => e.outcome === 'not-gradable').map((e) => e.exerciseId),
  };
}

const WORDS = {
  fr: {
    title: (n: number) => `Parcours : ${n} exercices`,
    total: 'Total',
    in: 'en',
    notGradable: 'non évaluable ici',
    allPassed: 'tout réussi',
    notPassed: 'à revoir',
    pct: (s: number, m: number) => (m ? `${Math.round((100 * s) / m)} %` : '-'),
    excluded: (ids: string[]) =>
      `non compté${ids.length > 1 ? 's' : ''} (problème d'infrastructure, pas de votre solution) : ${ids.join(', ')}`,
    folder: 'dossier',
    report: 'rapport',
    check: 'Exercice',
    score: 'Score',
    time: 'Durée',
  },
  en: {
    title: (n: number) => `Course: ${n} exercises`,
    total: 'Total',
    in: 'in',
    notGradable: 'not gradable here',
    allPassed: 'all passed',
    notPassed: 'not passed',
    pct: (s: number, m: number) => (m ? `${Math.round((100 * s) / m)} %` : '-'),
    excluded: (ids: string[]) => `not counted (an infrastructure problem, not your solution's): ${ids.join(', ')}`,
    folder: 'folder',
    report: 'report',
    check: 'Exercise',
    score: 'Score',
    time: 'Time',
  },
} as const;

function scoreCell(e: CourseLine): string {
  return e.outcome === 'not-gradable' ? '-' : `${e.score}/${e.maxScore}`;
}

function statusText(e: CourseLine, lang: Lang): string {
  const w = WORDS[lang];
  if (e.outcome === 'not-gradable') return w.notGradable;
  return e.notPassed.length ? `${w.notPassed}: ${e.notPassed.join(', ')}` : w.allPassed;
}

export function renderCourseConsole(s: CourseSummary, lang: Lang): string {
  const w = WORDS[lang];
  const idWidth = Math.max(...s.exercises.map((e) => e.exerciseId.length), w.total.length);
  const scoreWidth = Math.max(...s.exercises.map((e) => scoreCell(e).length), `${s.score}/${s.maxScore}`.length);
  const lines = [
    '',
    `${w.title(s.exercises.length)}, ${s.score}/${s.maxScore} (${w.pct(s.score, s.maxScore)}) ${w.in} ${formatDuration(s.wallMs, lang)}`,
    ...s.exercises.map(
      (e) =>
        `  ${e.exerciseId.padEnd(idWidth)}  ${scoreCell(e).padStart(scoreWidth)}  ${formatDuration(e.durationMs, lang).padStart(9)}  ${e.solution}  ${statusText(e, lang)}`,
    ),
    ...(s.notGradable.length ? [`  ${w.excluded(s.notGradable)}`] : []),
    '',
  ];
  return lines.join('\n');
}

const esc = (t: string) =>
  t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderCourseHtml(s: CourseSummary, lang: Lang): string {
  const w = WORDS[lang];
  const rows = s.exercises
    .map(
      (e) =>
        `<tr><td><a href="${esc(reportFileName('html', e.exerciseId))}">${esc(e.exerciseId)}</a> ${esc(e.title[lang])}</td><td class="n">${esc(scoreCell(e))}</td><td class="n">${esc(formatDuration(e.durationMs, lang))}</td><td><code>${esc(e.solution)}</code></td><td>${esc(statusText(e, lang))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(w.title(s.exercises.length))}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left}td.n{text-align:right;white-space:nowrap}</style>
</head><body>
<h1>${esc(w.title(s.exercises.length))}, ${s.score}/${s.maxScore} (${esc(w.pct(s.score, s.maxScore))})</h1>
<table><thead><tr><th>${w.check}</th><th>${w.score}</th><th>${w.time}</th><th>${w.folder}</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>
${s.notGradable.length ? `<p>${esc(w.excluded(s.notGradable))}</p>` : ''}
<p>${esc(formatDuration(s.wallMs, lang))}</p>
</body></html>
`;
}

/** The course summary in the run's formats: console as text; json and html as files in outDir (other formats: none). */
export async function renderCourseSummary(
  s: CourseSummary,
  opts: { formats: ReportFormat[]; outDir: string; lang: Lang },
): Promise<{ format: ReportFormat; text?: string; path?: string }[]> {
  const out: { format: ReportFormat; text?: string; path?: string }[] = [];
  for (const format of opts.formats) {
    if (format === 'console') out.push({ format, text: renderCourseConsole(s, opts.lang) });
    else if (format === 'json' || format === 'html') {
      const file = join(opts.outDir, `kgrade-course.${format}`);
      await mkdir(opts.outDir, { recursive: true });
      await writeFile(
        file,
        format === 'json' ? `${JSON.stringify(s, null, 2)}\n` : renderCourseHtml(s, opts.lang),
        'utf8',
      );
      out.push({ format, path: file });
    }
  }
  return out;
}
