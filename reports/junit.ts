/**
 * JUnit XML for CI on student repositories, in the report's language (`--lang`; English by default, as most CI
 * tooling's readers expect). Layout: <testsuites> holding one <testsuite name="<exercise id>">, one <testcase>
 * per verdict.
 *   fail                  -> <failure message="<evidence summary>">details</failure>
 *   error, not-gradable   -> <error message=...>details</error>
 *   skipped               -> <skipped message="<summary>"/>
 *   stopped by the cause  -> <error message="not run: the solution does not build">
 * A run whose outcome is 'not-gradable' but holds no error/not-gradable verdict (e.g. the stack never
 * started, so no check ran) gets one synthetic <testcase name="infrastructure"> in error, so CI
 * never shows such a run as green.
 * <system-out>: the solution's standard output; <system-err>: the cause (compiler errors, root cause) first,
 * then infrastructure problems, then the solution's standard error.
 */
import type { GradeResult, SolutionLog } from '../model/result.js';
import type { Lang, Verdict } from '../model/verdict.js';
import { prettyJson, replayLine, seconds, stripControlChars, summaryOf } from './format.js';
import { label, t } from './i18n.js';
import { causeText, notRunText, problemText, runCause, stoppedBy, type RunCause } from './cause.js';
import { attrs, xmlText } from './xml.js';

export interface JunitOptions {
  lang: Lang;
}

export function renderJunit(result: GradeResult, opts: JunitOptions = { lang: 'en' }): string {
  const { lang } = opts;
  const id = result.exercise.id;
  const classname = `kgrade.${id}`;
  const cause = runCause(result);
  const cases = result.verdicts.map((v) => testcase(v, classname, lang, cause));

  const counts = { failures: 0, errors: 0, skipped: 0 };
  for (const v of result.verdicts) {
    if (v.status === 'fail') counts.failures++;
    else if (v.status === 'error' || v.status === 'not-gradable') counts.errors++;
    else if (v.status === 'skipped') counts.skipped++;
  }
  if (result.outcome === 'not-gradable' && counts.errors === 0) {
    cases.push(infrastructureCase(result, classname, lang));
    counts.errors++;
  }

  const suite = {
    name: id,
    tests: cases.length,
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    time: seconds(result.durationMs),
    timestamp: result.startedAt,
  };
  const properties = [
    ['title', result.exercise.title[lang]],
    ['score', `${result.score}/${result.maxScore}`],
    ['seed', String(result.seed)],
    ['replay', replayLine(result, lang)],
    ['outcome', result.outcome],
    [
      'stack',
      `${result.stack.provider}, ${result.stack.brokers} ${t(lang, 'brokersLabel')}, Kafka ${result.stack.kafkaVersion === 'unknown' ? t(lang, 'unknown') : result.stack.kafkaVersion}`,
    ],
  ]
    .map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`)
    .join('\n');

  const err: string[] = [];
  if (cause) err.push(causeText(cause, lang, { outputLines: 0 }));
  if (result.problems.length > 0) err.push(result.problems.map((p) => problemText(p, lang)).join('\n'));
  const stderr = logsText(result.logs, 'stderr', lang);
  if (stderr) err.push(stderr);

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'kgrade', tests: suite.tests, failures: suite.failures, errors: suite.errors, skipped: suite.skipped, time: suite.time })}>`,
    `  <testsuite${attrs(suite)}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(logsText(result.logs, 'stdout', lang))}</system-out>`,
  ];
  if (err.length) lines.push(`    <system-err>${xmlText(err.join('\n\n'))}</system-err>`);
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function testcase(v: Verdict, classname: string, lang: Lang, cause: RunCause | undefined): string {
  const open = `    <testcase${attrs({ classname, name: `${v.id}: ${v.title[lang]}`, time: seconds(v.durationMs) })}`;
  if (stoppedBy(cause, v)) {
    const notRun = notRunText(cause!, lang);
    return `${open}>\n      <error${attrs({ message: notRun, type: v.status })}>${xmlText(causeText(cause!, lang, { outputLines: 0 }))}</error>\n    </testcase>`;
  }
  const summary = stripControlChars(summaryOf(v, lang));
  switch (v.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return `${open}>\n      <failure${attrs({ message: summary, type: 'fail' })}>${xmlText(details(v, lang))}</failure>\n    </testcase>`;
    case 'error':
    case 'not-gradable':
      return `${open}>\n      <error${attrs({ message: summary, type: v.status })}>${xmlText(details(v, lang))}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: summary })}/>\n    </testcase>`;
  }
}

function infrastructureCase(result: GradeResult, classname: string, lang: Lang): string {
  const message = t(lang, 'notGradable');
  const body = result.problems.map((p) => problemText(p, lang, '')).join('\n\n');
  return (
    `    <testcase${attrs({ classname, name: 'infrastructure', time: '0.000' })}>\n` +
    `      <error${attrs({ message, type: 'not-gradable' })}>${xmlText(body)}</error>\n    </testcase>`
  );
}

function details(v: Verdict, lang: Lang): string {
  const parts = [summaryOf(v, lang)];
  if (v.crash?.rootCause) parts.push(`${label(lang, 'rootCause')} ${v.crash.rootCause}`);
  if (v.reason) parts.push(`${label(lang, 'technical')} ${v.reason}`);
  if (v.hint) parts.push(`${label(lang, 'hint')} ${v.hint[lang]}`);
  if (v.evidence.data !== undefined) parts.push(`${label(lang, 'rawData')}\n${prettyJson(v.evidence.data)}`);
  return stripControlChars(parts.join('\n'));
}

/** One stream of every log phase that wrote to it, headed by the phase. */
function logsText(logs: SolutionLog[], stream: 'stdout' | 'stderr', lang: Lang): string {
  return logs
    .filter((l) => l[stream].trim())
    .map((l) => {
      const meta = [
        l.exitCode !== undefined && l.exitCode !== null ? `${t(lang, 'exitCode')} ${l.exitCode}` : '',
        l.signal ? `${t(lang, 'signal')} ${l.signal}` : '',
        l.truncated ? t(lang, 'truncated') : '',
      ].filter(Boolean);
      return `=== ${l.phase}${meta.length ? ` (${meta.join(', ')})` : ''} ===\n${stripControlChars(l[stream])}`;
    })
    .join('\n');
}
