/**
 * Why a run's checks errored, found once for every renderer: the solution's own problem (it does not build,
 * it stops at start-up...) that the first `error` verdict carries, the checks it stopped, and its output.
 * Every report leads with it and says "not run" on the checks it stopped instead of repeating it.
 */
import type { GradeResult } from '../model/result.js';
import type { Lang, Localized, Verdict } from '../model/verdict.js';
import { compilerErrors, locationOf, type CompilerError } from './compiler-errors.js';
import { label, problemTitle, t, type MessageKey } from './i18n.js';
import { stripControlChars } from './format.js';

export interface RunCause {
  /** The SolutionError kind: build, manifest, start, not-ready, crash, timeout, output-flood. */
  kind: string;
  /** The error's own words (`the solution does not build: mvn package exited with code 1`). */
  summary: Localized;
  hint?: Localized;
  errors: CompilerError[];
  rootCause?: string;
  /** The failing step's whole output (the build log for a build), for a collapsible block. */
  output: string;
  /** Phase of the solution log that holds `output` (so the logs section does not show it twice). */
  logPhase?: string;
  /** Ids of the checks this problem stopped (all carry the same error). */
  checks: string[];
}

/** Problems met before any check could run: the checks they stop were "not run". */
const SETUP_KINDS = new Set(['build', 'manifest', 'start', 'not-ready']);

/**
 * The problem that kept the solution from running at all (it does not build, does not start); undefined when the
 * checks ran (a crash during one check is that check's own evidence).
 */
export function runCause(result: GradeResult): RunCause | undefined {
  const first = result.verdicts.find(isSolutionError);
  if (!first || !SETUP_KINDS.has(problemOf(first)!)) return undefined;
  const kind = problemOf(first)!;
  const same = result.verdicts.filter(
    (v) => isSolutionError(v) && problemOf(v) === kind && v.evidence.summary.en === first.evidence.summary.en,
  );
  const dataOutput =
    typeof first.evidence.data?.['output'] === 'string' ? (first.evidence.data['output'] as string) : '';
  const buildLog =
    kind === 'build' ? [...result.logs].reverse().find((l) => l.phase === 'build' && l.exitCode !== 0) : undefined;
  const output = stripControlChars(
    buildLog ? [buildLog.stdout, buildLog.stderr].filter((s) => s.trim()).join('\n') : dataOutput,
  );
  const errors = kind === 'build' || kind === 'start' || kind === 'not-ready' ? compilerErrors(output) : [];
  return {
    kind,
    summary: { fr: stripPrefix(first.evidence.summary.fr), en: stripPrefix(first.evidence.summary.en) },
    ...(first.hint ? { hint: first.hint } : {}),
    errors,
    ...(first.crash?.rootCause ? { rootCause: stripControlChars(first.crash.rootCause) } : {}),
    output,
    ...(buildLog ? { logPhase: buildLog.phase } : {}),
    checks: same.map((v) => v.id),
  };
}

/** Whether this verdict was stopped by the run's cause before it observed anything: its row says "not run". */
export function stoppedBy(cause: RunCause | undefined, v: Verdict): boolean {
  return cause?.checks.includes(v.id) === true;
}

/** "not run: the solution does not build". */
export function notRunText(cause: RunCause, lang: Lang): string {
  return (t(lang, `notRun_${cause.kind}` as MessageKey) as string | undefined) ?? t(lang, 'notRun_other');
}

/** "The solution does not build". */
export function causeTitle(cause: RunCause, lang: Lang): string {
  return (t(lang, `cause_${cause.kind}` as MessageKey) as string | undefined) ?? t(lang, 'cause');
}

/** The error's words without the title they start with: "`mvn package` exited with code 1". */
export function causeDetail(cause: RunCause, lang: Lang): string {
  const title = causeTitle(cause, lang).toLowerCase();
  const s = cause.summary[lang];
  const m = s.match(/^(.*?)\s*:\s+(.*)$/s);
  return m && m[1]!.toLowerCase() === title ? m[2]! : s;
}

/** One line per compiler error: `src/Main.java:64:34 cannot find symbol (symbol: method sendMessage)`. */
export function errorLines(cause: RunCause): string[] {
  return cause.errors.map((e) => `${locationOf(e)} ${e.message}${e.detail.length ? ` (${e.detail.join(', ')})` : ''}`);
}

/**
 * The cause as plain text for CI formats: title, the error's words, the compiler's first errors or the root
 * cause, and (when neither was found) the output's last lines.
 */
export function causeText(cause: RunCause, lang: Lang, opts: { outputLines?: number } = {}): string {
  const lines = [`${causeTitle(cause, lang)}${colon(lang)} ${causeDetail(cause, lang)}`];
  // The hint comes before what it points at ("read the compiler errors below").
  if (cause.hint) lines.push(`${label(lang, 'hint')} ${cause.hint[lang]}`);
  if (cause.errors.length) lines.push(label(lang, 'compilerErrors'), ...errorLines(cause).map((l) => `  ${l}`));
  else if (cause.rootCause) lines.push(`${label(lang, 'rootCause')} ${cause.rootCause}`);
  const n = opts.outputLines ?? 30;
  if (!cause.errors.length && cause.output.trim() && n > 0) {
    const tail = cause.output
      .split('\n')
      .filter((l) => l.trim())
      .slice(-n);
    lines.push(label(lang, 'lastOutput'), ...tail.map((l) => `  | ${l}`));
  }
  return stripControlChars(lines.join('\n'));
}

function isSolutionError(v: Verdict): boolean {
  return v.status === 'error' && problemOf(v) !== undefined;
}

function problemOf(v: Verdict): string | undefined {
  const p = v.evidence.data?.['problem'];
  return typeof p === 'string' ? p : undefined;
}

/** The engine's "The solution could not be graded: " prefix: the report's heading says it already. */
function stripPrefix(s: string): string {
  return s.replace(/^(La solution n'a pas pu être évaluée|The solution could not be graded)\s*:\s*/, '');
}

/** An infrastructure problem as plain text for CI formats: its title in the report's language, then the grader's words. */
export function problemText(p: { code: string; message: string; hint: string }, lang: Lang, indent = '  '): string {
  return stripControlChars(
    `${problemTitle(lang, p.code)} (${p.code})\n${indent}${label(lang, 'problemDetail')} ${p.message}\n${indent}${label(lang, 'problemHint')} ${p.hint}`,
  );
}

function colon(lang: Lang): string {
  return lang === 'fr' ? ' :' : ':';
}
