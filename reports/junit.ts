/**
 * JUnit XML for CI on student repositories (always in English, as CI tooling expects).
 * Layout: <testsuites> holding one <testsuite name="<exercise id>">, one <testcase> per verdict.
 *   fail                  -> <failure message="<evidence summary>">details</failure>
 *   error, not-gradable   -> <error message=...>details</error>
 *   skipped               -> <skipped message="<reason>"/>
 * A run whose outcome is 'not-gradable' but holds no error/not-gradable verdict (e.g. the stack never
 * started, so no check ran) gets one synthetic <testcase name="infrastructure"> in error, so CI
 * never shows such a run as green.
 * Solution logs go to <system-out>, infrastructure problems to <system-err>.
 */
import type { GradeResult, SolutionLog } from '../model/result.js';
import type { Verdict } from '../model/verdict.js';
import { prettyJson, seconds } from './format.js';
import { attrs, xmlText } from './xml.js';

export function renderJunit(result: GradeResult): string {
  const id = result.exercise.id;
  const classname = `kgrade.${id}`;
  const cases = result.verdicts.map((v) => testcase(v, classname));

  const counts = { failures: 0, errors: 0, skipped: 0 };
  for (const v of result.verdicts) {
    if (v.status === 'fail') counts.failures++;
    else if (v.status === 'error' || v.status === 'not-gradable') counts.errors++;
    else if (v.status === 'skipped') counts.skipped++;
  }
  if (result.outcome === 'not-gradable' && counts.errors === 0) {
    cases.push(infrastructureCase(result, classname));
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
    ['title', result.exercise.title.en],
    ['score', `${result.score}/${result.maxScore}`],
    ['seed', String(result.seed)],
    ['replay', result.replayCommand],
    ['outcome', result.outcome],
    ['stack', `${result.stack.provider}, ${result.stack.brokers} broker(s), Kafka ${result.stack.kafkaVersion}`],
  ]
    .map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`)
    .join('\n');

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'kgrade', tests: suite.tests, failures: suite.failures, errors: suite.errors, skipped: suite.skipped, time: suite.time })}>`,
    `  <testsuite${attrs(suite)}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(logsText(result.logs))}</system-out>`,
  ];
  if (result.problems.length > 0) {
    const problems = result.problems.map((p) => `${p.code}: ${p.message}\n  hint: ${p.hint}`).join('\n');
    lines.push(`    <system-err>${xmlText(problems)}</system-err>`);
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function testcase(v: Verdict, classname: string): string {
  const open = `    <testcase${attrs({ classname, name: `${v.id}: ${v.title.en}`, time: seconds(v.durationMs) })}`;
  const summary = v.evidence.summary.en;
  switch (v.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return `${open}>\n      <failure${attrs({ message: summary, type: 'fail' })}>${xmlText(details(v))}</failure>\n    </testcase>`;
    case 'error':
    case 'not-gradable':
      return `${open}>\n      <error${attrs({ message: summary, type: v.status })}>${xmlText(details(v))}</error>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: v.reason ?? summary })}/>\n    </testcase>`;
  }
}

function infrastructureCase(result: GradeResult, classname: string): string {
  const message = result.problems[0]?.message ?? 'Infrastructure failed: the run could not be graded.';
  const body = result.problems.map((p) => `${p.code}: ${p.message}\nHint: ${p.hint}`).join('\n\n');
  return (
    `    <testcase${attrs({ classname, name: 'infrastructure', time: '0.000' })}>\n` +
    `      <error${attrs({ message, type: 'not-gradable' })}>${xmlText(body)}</error>\n    </testcase>`
  );
}

function details(v: Verdict): string {
  const parts = [v.evidence.summary.en];
  if (v.reason) parts.push(`Reason: ${v.reason}`);
  if (v.hint) parts.push(`Hint: ${v.hint.en}`);
  if (v.evidence.data !== undefined) parts.push(`Data:\n${prettyJson(v.evidence.data)}`);
  return parts.join('\n');
}

function logsText(logs: SolutionLog[]): string {
  return logs
    .map((l) => {
      const meta = [
        l.exitCode !== undefined && l.exitCode !== null ? `exit ${l.exitCode}` : '',
        l.signal ? `signal ${l.signal}` : '',
        l.truncated ? 'truncated' : '',
      ].filter(Boolean);
      const head = `=== ${l.phase}${meta.length ? ` (${meta.join(', ')})` : ''} ===`;
      return `${head}\n--- stdout ---\n${l.stdout}\n--- stderr ---\n${l.stderr}`;
    })
    .join('\n');
}
