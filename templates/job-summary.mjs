#!/usr/bin/env node
// @ts-check
/**
 * Markdown for a CI job summary ($GITHUB_STEP_SUMMARY), from kgrade's own JSON:
 *   node job-summary.mjs kgrade-out/kgrade-ex1.json [more results...]   one table per graded exercise
 *   node job-summary.mjs kgrade-cohort/summary.json [merge.json]         the cohort: scores, who needs help, what to re-teach
 * Plain Node, no dependency: it runs from the installed package without tsx. Text from results is escaped for tables.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @param {unknown} s */
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
const ICON = /** @type {Record<string, string>} */ ({
  pass: '✅',
  fail: '❌',
  error: '💥',
  'not-gradable': '⚠️',
  skipped: '⏭️',
});

/** @param {{ fr?: string, en?: string } | string | undefined} l @param {string} lang */
const loc = (l, lang) => (typeof l === 'string' ? l : (l?.[/** @type {'fr'|'en'} */ (lang)] ?? l?.en ?? ''));

/** One grading (kgrade-<ex>.json). @param {any} r @param {string} lang */
export function gradeSummary(r, lang = 'en') {
  const lines = [
    `### ${cell(r.exercise.id)}: ${cell(loc(r.exercise.title, lang))} — ${r.score}/${r.maxScore}${r.outcome === 'not-gradable' ? ' (not gradable: infrastructure, not your code)' : ''}`,
    '',
  ];
  lines.push('| | Check | Points | What was observed |', '|---|---|---|---|');
  for (const v of r.verdicts ?? [])
    lines.push(
      `| ${ICON[v.status] ?? cell(v.status)} | ${cell(loc(v.title, lang))} | ${v.score}/${v.points} | ${cell(loc(v.evidence?.summary, lang))} |`,
    );
  for (const p of r.problems ?? []) lines.push('', `> ${cell(p.code)}: ${cell(p.message)} — ${cell(p.hint)}`);
  lines.push('', `Replay: \`${cell(r.replayCommand)}\``, '');
  return lines.join('\n');
}

/** A cohort (summary.json of `kgrade cohort` or `kgrade cohort merge`), plus merge.json when given. @param {any} m @param {any} [merge] */
export function cohortSummary(m, merge) {
  const c = m.counts;
  const lines = [
    `### Cohort: ${c.students} students, ${c.graded} graded, ${c.missing} missing, ${c.notGradable} not gradable, ${c.rowProblems} rows not graded`,
    '',
  ];
  if (merge?.shardsMissing?.length)
    lines.push(
      `**Missing shards:** ${merge.shardsMissing.map((/** @type {number} */ i) => `${i}/${merge.shardCount}`).join(', ')}`,
      '',
    );
  if (merge?.missing?.length)
    lines.push(
      `**Missing results:** ${merge.missing.map((/** @type {any} */ x) => `${cell(x.studentId)} ${cell(x.exerciseId)}`).join(', ')}`,
      '',
    );
  lines.push(
    `| Student | ${m.exercises.map((/** @type {any} */ e) => cell(e.id)).join(' | ')} | Total |`,
    `|---|${m.exercises.map(() => '---|').join('')}---|`,
  );
  for (const s of m.students) {
    const cells = s.cells.map((/** @type {any} */ x) => (x.state === 'graded' ? `${x.score}/${x.maxScore}` : x.state));
    lines.push(
      `| ${cell(s.name)} (${cell(s.id)}) | ${cells.join(' | ')} | ${s.total}/${s.gradedMax}${s.pct !== undefined ? ` (${s.pct}%)` : ''}${s.late ? ' late' : ''} |`,
    );
  }
  if (m.needsHelp.length)
    lines.push(
      '',
      '**Who needs help:** ' +
        m.needsHelp.map((/** @type {any} */ h) => `${cell(h.name)} (${h.reasons.map(cell).join(', ')})`).join('; '),
    );
  if (m.reteach.length)
    lines.push(
      '',
      '**What to re-teach:**',
      ...m.reteach
        .slice(0, 5)
        .map((/** @type {any} */ r) => `- ${cell(r.exerciseId)} ${cell(r.title)}: ${r.failed}/${r.judged} failed`),
    );
  for (const p of m.rowProblems) lines.push('', `> not graded: ${cell(p.message)}`);
  lines.push('', 'The dashboard (dashboard.html) is in the workflow artifacts.', '');
  return lines.join('\n');
}

/** @param {string[]} files */
export function summarizeFiles(files) {
  const docs = files.map((f) => ({ file: f, doc: JSON.parse(fs.readFileSync(f, 'utf8')) }));
  const merge = docs.find((d) => Array.isArray(d.doc.shardsMissing))?.doc;
  return docs
    .filter((d) => d.doc !== merge)
    .map(({ doc }) =>
      Array.isArray(doc.students) && doc.counts
        ? cohortSummary(doc, merge)
        : gradeSummary(doc, process.env.KGRADE_LANG ?? 'en'),
    )
    .join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2).filter((f) => fs.existsSync(f));
  process.stdout.write(files.length ? summarizeFiles(files) : 'kgrade wrote no result (see the step log).\n');
}
