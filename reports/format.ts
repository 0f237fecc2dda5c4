/** Small formatting helpers shared by the renderers. */
import type { GradeResult } from '../model/result.js';
import type { Lang, Verdict, VerdictStatus } from '../model/verdict.js';
import { label, statusLabel } from './i18n.js';

export const STATUS_SYMBOL: Record<VerdictStatus, string> = {
  pass: '✔',
  fail: '✘',
  error: '!',
  'not-gradable': '?',
  skipped: '-',
};

/** 7 -> "7", 7.5 -> "7,5" (fr) / "7.5" (en); at most two decimals. */
export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(n);
}

/** 850 -> "850 ms", 12345 -> "12.3 s", 125000 -> "2 min 05 s". */
export function formatDuration(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${formatNumber(Math.round(ms / 100) / 10, lang)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const min = Math.floor(totalSeconds / 60);
  const sec = totalSeconds % 60;
  return `${min} min ${String(sec).padStart(2, '0')} s`;
}

/** Milliseconds to seconds with three decimals, as a string ("0.120"). */
export function seconds(ms: number): string {
  return (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);
}

/** Score as a percentage of the maximum, clamped to 0..100, integer. */
export function percent(score: number, maxScore: number): number {
  if (!(maxScore > 0) || !Number.isFinite(score)) return 0;
  return Math.max(0, Math.min(100, Math.round((score / maxScore) * 100)));
}

/**
 * Removes control characters (C0 except tab/newline/carriage return, DEL, C1):
 * keeps terminal escape sequences and NULs from student output out of every report.
 */
export function stripControlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** Pretty JSON for evidence data; never throws (bigint, cycles), capped in length. */
export function prettyJson(data: unknown, maxChars = 4000): string {
  let text: string;
  try {
    const seen = new WeakSet<object>();
    text =
      JSON.stringify(
        data,
        (_key, value: unknown) => {
          if (typeof value === 'bigint') return value.toString();
          if (typeof value === 'object' && value !== null) {
            if (seen.has(value)) return '[circular]';
            seen.add(value);
          }
          return value;
        },
        2,
      ) ?? '';
  } catch {
    text = String(data);
  }
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n…` : text;
}

/** Plain-text explanation of a verdict for CI formats: [status], evidence, reason, hint. */
export function verdictText(v: Verdict, lang: Lang): string {
  const lines: string[] = [];
  if (v.status !== 'pass') lines.push(`[${statusLabel(lang, v.status)}]`);
  if (v.evidence.summary[lang]) lines.push(summaryOf(v, lang));
  if (v.crash?.rootCause) lines.push(`${label(lang, 'rootCause')} ${v.crash.rootCause}`);
  if (v.reason) lines.push(`${label(lang, 'technical')} ${v.reason}`);
  if (v.status !== 'pass' && v.hint) lines.push(`${label(lang, 'hint')} ${v.hint[lang]}`);
  return stripControlChars(lines.join('\n'));
}

/**
 * The command that replays a run, with the report's language and the stack provider the run used, so the same
 * command gives the same report: `kgrade grade ex1 --solution x --seed 7 --lang en --stack native`.
 */
export function replayLine(r: Pick<GradeResult, 'replayCommand' | 'stack'>, lang: Lang): string {
  let cmd = stripControlChars(r.replayCommand);
  if (!/\s--lang\b/.test(cmd)) cmd += ` --lang ${lang}`;
  if (!/\s--stack\b/.test(cmd) && r.stack.brokers > 0) cmd += ` --stack ${r.stack.provider}`;
  return cmd;
}

/**
 * A verdict's evidence in the report's language, with French decimal commas in durations a grader wrote with
 * a point ("en 19.6 s" -> "en 19,6 s"), so "1.0 s" never sits beside "4,5 s".
 */
export function summaryOf(v: Pick<Verdict, 'evidence'>, lang: Lang): string {
  const s = v.evidence.summary[lang];
  return lang === 'fr' ? s.replace(/(?<![\d.])(\d+)\.(\d+)(?= ?(?:s|ms|min)\b)/g, '$1,$2') : s;
}
