/** Short terminal report for students self-checking (French by default). */
import type { GradeResult } from '../model/result.js';
import type { Crash, Lang, Verdict, VerdictStatus } from '../model/verdict.js';
import { label as labelOf, problemTitle, t, type MessageKey } from './i18n.js';
import { STATUS_SYMBOL, formatDuration, formatNumber, replayLine, stripControlChars, summaryOf } from './format.js';
import { causeDetail, causeTitle, errorLines, notRunText, runCause, stoppedBy } from './cause.js';

export interface ConsoleOptions {
  lang: Lang;
  color: boolean;
  /** One line of evidence under each passed check too (`kgrade grade --verbose`). */
  verbose?: boolean;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  magenta: '\u001b[35m',
  cyan: '\u001b[36m',
} as const;
type Style = keyof typeof ANSI;

const STATUS_STYLE: Record<VerdictStatus, Style> = {
  pass: 'green',
  fail: 'red',
  error: 'yellow',
  'not-gradable': 'magenta',
  skipped: 'dim',
};

const INDENT = '      ';

export function renderConsole(result: GradeResult, opts: ConsoleOptions): string {
  const { lang } = opts;
  const paint = (style: Style, s: string): string => (opts.color ? `${ANSI[style]}${s}${ANSI.reset}` : s);
  const clean = (s: string): string => stripControlChars(s);
  const num = (n: number): string => formatNumber(n, lang);
  const label = (key: MessageKey): string => labelOf(lang, key);

  const lines: string[] = [];
  lines.push(
    paint('bold', `${label('exercise')} ${clean(result.exercise.title[lang])}`) +
      paint('dim', ` (${clean(result.exercise.id)})`),
  );
  // A run that could not be graded has no score: a 0/N would read as the student's.
  const notGradable = result.outcome === 'not-gradable';
  lines.push(
    (notGradable ? '' : `${label('score')} ${paint('bold', `${num(result.score)}/${num(result.maxScore)}`)}   `) +
      `${label('seed')} ${result.seed}   ${label('duration')} ${formatDuration(result.durationMs, lang)}`,
  );
  if (result.outcome === 'not-gradable') lines.push(paint('magenta', t(lang, 'notGradable')));
  if (result.isolation) lines.push(paint('dim', `${label('isolation')} ${clean(result.isolation.summary[lang])}`));
  if (result.provenance === 'self-reported') lines.push(paint('dim', t(lang, 'selfReported')));
  const cause = runCause(result);
  if (cause) {
    lines.push(
      '',
      paint('bold', paint('yellow', `! ${causeTitle(cause, lang)}`)),
      `${INDENT}${indentMore(clean(causeDetail(cause, lang)))}`,
    );
    if (cause.hint) lines.push(`${INDENT}${paint('cyan', label('hint'))} ${indentMore(clean(cause.hint[lang]))}`);
    if (cause.errors.length) {
      lines.push(`${INDENT}${paint('bold', label('compilerErrors'))}`);
      for (const e of errorLines(cause).slice(0, 5)) lines.push(`${INDENT}  ${paint('red', clean(e))}`);
      if (cause.errors.length > 5)
        lines.push(`${INDENT}  ${paint('dim', `+${cause.errors.length - 5} ${t(lang, 'moreErrors')}`)}`);
    } else if (cause.rootCause) {
      lines.push(`${INDENT}${paint('bold', label('rootCause'))} ${indentMore(clean(cause.rootCause))}`);
    } else if (cause.output.trim()) {
      lines.push(`${INDENT}${paint('dim', label('lastOutput'))}`);
      for (const l of cause.output
        .split('\n')
        .filter((x) => x.trim())
        .slice(-12))
        lines.push(`${INDENT}${paint('dim', `| ${clean(l)}`)}`);
    }
  }
  lines.push('');

  let shownCrash: string | undefined;
  if (result.verdicts.length === 0) lines.push(paint('dim', t(lang, 'noChecks')));
  for (const v of result.verdicts) lines.push(...verdictLines(v));

  if (result.notes?.length) {
    lines.push('', paint('bold', label('notes')));
    for (const n of result.notes) lines.push(`  ${paint('cyan', '›')} ${indentMore(clean(n[lang]))}`);
  }

  if (result.problems.length > 0) {
    lines.push('', paint('bold', label('problems')));
    for (const p of result.problems) {
      lines.push(`  ${paint('yellow', '!')} ${problemTitle(lang, p.code)} (${clean(p.code)})`);
      lines.push(`${INDENT}${paint('dim', label('problemDetail'))} ${indentMore(clean(p.message))}`);
      if (p.hint) lines.push(`${INDENT}${paint('cyan', label('problemHint'))} ${indentMore(clean(p.hint))}`);
    }
  }

  lines.push('', `${label('replay')} ${paint('cyan', replayLine(result, lang))}`);
  return lines.join('\n') + '\n';

  function verdictLines(v: Verdict): string[] {
    const style = STATUS_STYLE[v.status];
    const pts = `${v.status === 'not-gradable' ? '–' : num(v.score)}/${num(v.points)}`.padStart(7);
    const out = [`  ${paint(style, STATUS_SYMBOL[v.status])} ${paint(style, pts)}  ${clean(v.title[lang])}`];
    if (stoppedBy(cause, v)) return [`${out[0]}  ${paint('dim', `(${notRunText(cause!, lang)})`)}`];
    if (v.status === 'pass') {
      const summary = clean(summaryOf(v, lang));
      if (opts.verbose && summary) out.push(`${INDENT}${paint('dim', indentMore(summary))}`);
      return out;
    }
    const summary = clean(summaryOf(v, lang));
    if (summary) out.push(`${INDENT}${indentMore(summary)}`);
    if (v.reason) out.push(`${INDENT}${paint('dim', `${label('technical')} ${indentMore(clean(v.reason))}`)}`);
    if (v.crash) out.push(...crashLines(v.crash));
    if (v.hint) out.push(`${INDENT}${paint('cyan', label('hint'))} ${indentMore(clean(v.hint[lang]))}`);
    return out;
  }

  /** The root cause and the output's end, once: later checks stopped by the same crash point back to it. */
  function crashLines(crash: Crash): string[] {
    const key = `${crash.rootCause ?? ''}\n${crash.lastLines}`;
    if (key === shownCrash) return [`${INDENT}${paint('dim', t(lang, 'sameCrash'))}`];
    shownCrash = key;
    const out: string[] = [];
    if (crash.rootCause)
      out.push(`${INDENT}${paint('bold', label('rootCause'))} ${indentMore(clean(crash.rootCause))}`);
    out.push(`${INDENT}${paint('dim', label('lastOutput'))}`);
    for (const l of clean(crash.lastLines).split('\n')) out.push(`${INDENT}${paint('dim', `| ${l}`)}`);
    return out;
  }
}

/** Keeps multi-line text aligned under the indented first line. */
function indentMore(s: string): string {
  return s.replace(/\r?\n/g, `\n${INDENT}`);
}
