/**
 * Self-contained HTML report for trainers (inline CSS, no script, no external asset).
 * All user-supplied text goes through Handlebars' `{{ }}` escaping; the template never uses `{{{ }}}`.
 * Note: the template is read from ./templates/report.hbs next to this module; a build that emits
 * JS elsewhere must copy that folder too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { GradeResult, SolutionLog } from '../model/result.js';
import type { Lang, Verdict } from '../model/verdict.js';
import { label, t, statusLabel, type MessageKey } from './i18n.js';
import {
  STATUS_SYMBOL,
  formatDuration,
  formatNumber,
  percent,
  prettyJson,
  stripControlChars,
} from './format.js';

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
}

interface LogView {
  phase: string;
  meta: string;
  stdout: string;
  stderr: string;
  open: boolean;
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
  notGradable: boolean;
  checks: CheckView[];
  logs: LogView[];
  problems: { code: string; message: string; hint: string }[];
}

function buildView(r: GradeResult, lang: Lang): HtmlView {
  const clean = stripControlChars;
  return {
    lang,
    exerciseId: clean(r.exercise.id),
    title: clean(r.exercise.title[lang]),
    score: formatNumber(r.score, lang),
    maxScore: formatNumber(r.maxScore, lang),
    percent: percent(r.score, r.maxScore),
    seed: r.seed,
    replayCommand: clean(r.replayCommand),
    provider: r.stack.provider,
    brokers: r.stack.brokers,
    kafkaVersion: clean(r.stack.kafkaVersion),
    services: clean(r.stack.services.join(', ')),
    duration: formatDuration(r.durationMs, lang),
    startedAt: clean(r.startedAt),
    solution: clean([r.solution.dir, r.solution.runner, r.solution.commit].filter(Boolean).join(' · ')),
    notGradable: r.outcome === 'not-gradable',
    checks: r.verdicts.map((v, i) => checkView(v, i, lang)),
    logs: r.logs.map((l) => logView(l, lang)),
    problems: r.problems.map((p) => ({ code: clean(p.code), message: clean(p.message), hint: clean(p.hint) })),
  };
}

function checkView(v: Verdict, index: number, lang: Lang): CheckView {
  const clean = stripControlChars;
  const hasData = v.evidence.data !== undefined && Object.keys(v.evidence.data).length > 0;
  return {
    id: clean(v.id),
    anchor: `check-${index + 1}`,
    status: v.status,
    statusLabel: statusLabel(lang, v.status),
    symbol: STATUS_SYMBOL[v.status],
    points: `${formatNumber(v.score, lang)}/${formatNumber(v.points, lang)}`,
    title: clean(v.title[lang]),
    duration: formatDuration(v.durationMs, lang),
    passed: v.status === 'pass',
    summary: clean(v.evidence.summary[lang]),
    data: hasData ? clean(prettyJson(v.evidence.data)) : undefined,
    hint: v.status !== 'pass' && v.hint ? clean(v.hint[lang]) : undefined,
    reason: v.reason ? clean(v.reason) : undefined,
    rootCause: v.crash?.rootCause ? clean(v.crash.rootCause) : undefined,
    lastOutput: v.crash ? clean(v.crash.lastLines) : undefined,
  };
}

function logView(l: SolutionLog, lang: Lang): LogView {
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
    open: failed,
  };
}
