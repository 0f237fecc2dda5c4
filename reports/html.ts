/**
 * Self-contained HTML report for trainers (inline CSS, no script, no external asset).
 * All user-supplied text goes through Handlebars' `{{ }}` escaping; the template never uses `{{{ }}}`.
 * Charts come in through the `{{svg}}` helper: SVG built by charts.ts, which escapes every text it draws.
 * Note: the template is read from ./templates/report.hbs next to this module; a build that emits
 * JS elsewhere must copy that folder too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { GradeResult, SolutionLog } from '../model/result.js';
import type { Lang, Verdict } from '../model/verdict.js';
import { formatTimestamp, label, problemTitle, t, statusLabel, type MessageKey } from './i18n.js';
import {
  STATUS_SYMBOL,
  formatDuration,
  formatNumber,
  percent,
  prettyJson,
  replayLine,
  stripControlChars,
  summaryOf,
} from './format.js';
import { causeDetail, causeTitle, errorLines, notRunText, runCause, stoppedBy, type RunCause } from './cause.js';
import { chartsFor } from './charts.js';

export interface HtmlOptions {
  lang: Lang;
}

const TEMPLATE_URL = new URL('./templates/report.hbs', import.meta.url);

/** Private Handlebars environment: helpers registered here never leak into the global one. */
function createEnv(): typeof Handlebars {
  const hb = Handlebars.create();
  // {{t "key"}}: fixed wording in the report's language (read from the root context).
  hb.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) =>
    t(rootLang(options), String(key) as MessageKey),
  );
  // {{label "key"}}: same, followed by a colon with the language's spacing.
  hb.registerHelper('label', (key: unknown, options: Handlebars.HelperOptions) =>
    label(rootLang(options), String(key) as MessageKey),
  );
  // {{svg chart}}: an SVG string made by charts.ts (its texts already escaped there).
  hb.registerHelper(
    'svg',
    (svg: unknown) => new hb.SafeString(typeof svg === 'string' && svg.startsWith('<svg ') ? svg : ''),
  );
  return hb;
}

function rootLang(options: Handlebars.HelperOptions): Lang {
  return (options.data?.root as { lang?: Lang } | undefined)?.lang ?? 'fr';
}

let compiled: HandlebarsTemplateDelegate<HtmlView> | undefined;

function template(): HandlebarsTemplateDelegate<HtmlView> {
  if (!compiled) {
    const source = readFileSync(fileURLToPath(TEMPLATE_URL), 'utf8');
    compiled = createEnv().compile<HtmlView>(source, { strict: false, noEscape: false });
  }
  return compiled;
}

export function renderHtml(result: GradeResult, opts: HtmlOptions): string {
  return template()(buildView(result, opts.lang));
}

/* ---------- view model: everything pre-formatted, plain strings only ---------- */

interface CheckView {
  id: string;
  anchor: string;
  status: string;
  statusLabel: string;
  symbol: string;
  points: string;
  title: string;
  duration: string;
  passed: boolean;
  summary: string;
  data?: string | undefined;
  hint?: string | undefined;
  reason?: string | undefined;
  rootCause?: string | undefined;
  lastOutput?: string | undefined;
  /** "not run: the solution does not build": the cause is shown once, at the top. */
  notRun?: string | undefined;
  charts: { title: string; svg: string }[];
}

interface CauseView {
  title: string;
  summary: string;
  errors: string[];
  rootCause?: string | undefined;
  output: string;
  outputLines: number;
  hint?: string | undefined;
}

interface LogView {
  phase: string;
  meta: string;
  stdout: string;
  stderr: string;
  open: boolean;
  /** The log is the cause's output, already shown with the cause. */
  shownAbove: boolean;
}

export interface HtmlView {
  lang: Lang;
  exerciseId: string;
  title: string;
  score: string;
  maxScore: string;
  percent: number;
  seed: number;
  replayCommand: string;
  provider: string;
  brokers: number;
  kafkaVersion: string;
  services: string;
  duration: string;
  startedAt: string;
  solution: string;
  outcome: string;
  notGradable: boolean;
  cause?: CauseView | undefined;
  notes: string[];
  isolation?: string | undefined;
  selfReported: boolean;
  checks: CheckView[];
  logs: LogView[];
  problems: { title: string; code: string; message: string; hint: string }[];
}

function buildView(r: GradeResult, lang: Lang): HtmlView {
  const clean = stripControlChars;
  const cause = runCause(r);
  const noStack = r.stack.brokers === 0 && r.stack.kafkaVersion === 'unknown';
  return {
    lang,
    exerciseId: clean(r.exercise.id),
    title: clean(r.exercise.title[lang]),
    score: formatNumber(r.score, lang),
    maxScore: formatNumber(r.maxScore, lang),
    percent: percent(r.score, r.maxScore),
    seed: r.seed,
    replayCommand: replayLine(r, lang),
    provider: noStack ? t(lang, 'noStack') : r.stack.provider,
    brokers: r.stack.brokers,
    kafkaVersion: r.stack.kafkaVersion === 'unknown' ? t(lang, 'unknown') : clean(r.stack.kafkaVersion),
    services: clean(r.stack.services.join(', ')),
    duration: formatDuration(r.durationMs, lang),
    startedAt: formatTimestamp(r.startedAt, lang),
    solution: clean([r.solution.dir, r.solution.runner, r.solution.commit].filter(Boolean).join(' · ')),
    outcome: t(lang, `outcome_${r.outcome}` as MessageKey) ?? r.outcome,
    notGradable: r.outcome === 'not-gradable',
    cause: cause ? causeView(cause, lang) : undefined,
    notes: (r.notes ?? []).map((n) => clean(n[lang])),
    isolation: r.isolation ? clean(r.isolation.summary[lang]) : undefined,
    selfReported: r.provenance === 'self-reported',
    checks: r.verdicts.map((v, i) => checkView(v, i, lang, cause)),
    logs: r.logs.map((l) => logView(l, lang, cause)),
    problems: r.problems.map((p) => ({
      title: problemTitle(lang, p.code),
      code: clean(p.code),
      message: clean(p.message),
      hint: clean(p.hint),
    })),
  };
}

function causeView(c: RunCause, lang: Lang): CauseView {
  return {
    title: causeTitle(c, lang),
    summary: stripControlChars(causeDetail(c, lang)),
    errors: errorLines(c),
    rootCause: c.errors.length ? undefined : c.rootCause,
    output: c.output,
    outputLines: c.output ? c.output.split('\n').length : 0,
    hint: c.hint ? stripControlChars(c.hint[lang]) : undefined,
  };
}

function checkView(v: Verdict, index: number, lang: Lang, cause: RunCause | undefined): CheckView {
  const clean = stripControlChars;
  const head = {
    id: clean(v.id),
    anchor: `check-${index + 1}`,
    status: v.status,
    statusLabel: statusLabel(lang, v.status),
    symbol: STATUS_SYMBOL[v.status],
    points: `${formatNumber(v.score, lang)}/${formatNumber(v.points, lang)}`,
    title: clean(v.title[lang]),
    duration: formatDuration(v.durationMs, lang),
    passed: v.status === 'pass',
  };
  if (stoppedBy(cause, v)) return { ...head, summary: '', notRun: notRunText(cause!, lang), charts: [] };
  const charts = chartsFor(v.evidence.charts, lang);
  const shown = new Set(charts.flatMap((c) => c.keys));
  const rest = Object.fromEntries(
    Object.entries(v.evidence.data ?? {}).filter(([k]) => !shown.has(k) && !(k === 'output' && v.crash)),
  );
  const hasData = Object.keys(rest).length > 0;
  return {
    ...head,
    summary: clean(summaryOf(v, lang)),
    data: hasData ? clean(prettyJson(rest)) : undefined,
    hint: v.status !== 'pass' && v.hint ? clean(v.hint[lang]) : undefined,
    reason: v.reason ? clean(v.reason) : undefined,
    rootCause: v.crash?.rootCause ? clean(v.crash.rootCause) : undefined,
    lastOutput: v.crash ? clean(v.crash.lastLines) : undefined,
    charts: charts.map((c) => ({ title: c.title, svg: c.svg })),
  };
}

function logView(l: SolutionLog, lang: Lang, cause: RunCause | undefined): LogView {
  const meta: string[] = [];
  if (l.exitCode !== undefined && l.exitCode !== null) meta.push(`${t(lang, 'exitCode')} ${l.exitCode}`);
  if (l.signal) meta.push(`${t(lang, 'signal')} ${l.signal}`);
  if (l.truncated) meta.push(t(lang, 'truncated'));
  const failed = (l.exitCode !== undefined && l.exitCode !== null && l.exitCode !== 0) || Boolean(l.signal);
  return {
    phase: stripControlChars(l.phase),
    meta: stripControlChars(meta.join(', ')),
    stdout: stripControlChars(l.stdout),
    stderr: stripControlChars(l.stderr),
    open: failed && !(cause?.logPhase === l.phase),
    shownAbove: cause?.logPhase === l.phase,
  };
}
