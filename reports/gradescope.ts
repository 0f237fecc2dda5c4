/**
 * Gradescope autograder results.
 *
 * Source: "Autograder Specifications", gradescope-autograders.readthedocs.io/en/latest/specs/
 * (read via the pages index): the file must be /autograder/results/results.json, produced by
 * run_autograder; top level `score` (optional if every test has one), `execution_time` (seconds),
 * `output` (text for the whole submission; stdout is shown to instructors only), `visibility`,
 * `stdout_visibility`, `extra_data`, `tests`. Tests carry `score`, `max_score`, `status`
 * ('passed' | 'failed', which overrides the colouring), `name`, `number`, `output`.
 * The part of the page listing the per-test keys was cut in the index; those keys follow the brief
 * and are the commonly documented ones.
 *
 * render.ts writes this document as `results.json`: point `--out` at /autograder/results.
 */
import type { GradeResult } from '../model/result.js';
import type { Lang, Verdict } from '../model/verdict.js';
import { label, t } from './i18n.js';
import { formatNumber, replayLine, stripControlChars, verdictText } from './format.js';
import { causeText, notRunText, problemText, runCause, stoppedBy, type RunCause } from './cause.js';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: 'visible';
  extra_data: { exercise: string; seed: number; replayCommand: string; outcome: GradeResult['outcome'] };
  tests: GradescopeTest[];
}

export interface GradescopeOptions {
  lang: Lang;
}

export function toGradescope(result: GradeResult, opts: GradescopeOptions = { lang: 'fr' }): GradescopeResults {
  const { lang } = opts;
  return {
    score: result.score,
    execution_time: Math.round(Math.max(0, result.durationMs) / 1000),
    output: clean(overview(result, lang)),
    visibility: 'visible',
    extra_data: {
      exercise: result.exercise.id,
      seed: result.seed,
      replayCommand: replayLine(result, lang),
      outcome: result.outcome,
    },
    tests: result.verdicts.map((v, i) => testOf(v, i, lang, runCause(result))),
  };
}

export function renderGradescope(result: GradeResult, opts?: GradescopeOptions): string {
  return JSON.stringify(toGradescope(result, opts), null, 2);
}

function overview(r: GradeResult, lang: Lang): string {
  const lines = [
    `${r.exercise.title[lang]} (${r.exercise.id})`,
    `${r.outcome === 'not-gradable' ? '' : `${label(lang, 'score')} ${formatNumber(r.score, lang)}/${formatNumber(r.maxScore, lang)} · `}${label(lang, 'seed')} ${r.seed}`,
  ];
  if (r.outcome === 'not-gradable') lines.push(t(lang, 'notGradable'));
  // On Gradescope this text is all a student sees of a run that did not build: the compiler's errors go here.
  const cause = runCause(r);
  if (cause) lines.push('', causeText(cause, lang), '');
  for (const p of r.problems) lines.push(`! ${problemText(p, lang)}`);
  for (const n of r.notes ?? []) lines.push(`› ${n[lang]}`);
  lines.push(`${label(lang, 'replay')} ${replayLine(r, lang)}`);
  return lines.join('\n');
}

/** `number` is the check's position ("1", "2"...): Gradescope sorts and shows it beside the name, which holds the id. */
function testOf(v: Verdict, index: number, lang: Lang, cause: RunCause | undefined): GradescopeTest {
  return {
    name: clean(`${v.id}: ${v.title[lang]}`),
    number: String(index + 1),
    score: v.score,
    max_score: v.points,
    status: v.status === 'pass' ? 'passed' : 'failed',
    output: stoppedBy(cause, v) ? notRunText(cause!, lang) : verdictText(v, lang),
  };
}

function clean(s: string): string {
  return stripControlChars(s);
}
