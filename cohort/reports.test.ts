import { describe, expect, test } from 'vitest';
import { exerciseById } from '../graders/registry.js';
import { maxScore } from '../engine/exercise.js';
import { applyPenalty, buildCohortModel, histogram, isLate, recordKey, type ModelInput } from './cohort-model.js';
import { esc, renderDashboardHtml } from './dashboard.js';
import { csvField, renderGradebookCsv } from './gradebook.js';
import type { CohortRecord } from './store.js';
import { fakeRecord } from './testing/fake-records.js';

const ex0 = exerciseById('ex0');
const MAX = maxScore(ex0);
const students = [
  { id: 'alice', name: 'Alice' },
  { id: 'bob', name: 'Bob <script>' },
  { id: 'chloe', name: 'Chloé' },
  { id: 'david', name: 'David' },
  { id: 'emma', name: 'Emma' },
  { id: 'gus', name: 'Gus' },
];
const late = { kind: 'git' as const, dir: '/c/emma', url: 'file:///r', ref: 'main', commit: 'abcdef1234567890', commitDate: '2026-11-22T10:00:00.000Z' };
const records = new Map<string, CohortRecord>([
  [recordKey('alice', 'ex0'), fakeRecord(ex0, students[0]!, 'pass')],
  [recordKey('bob', 'ex0'), fakeRecord(ex0, students[1]!, { 'topic-partitions': 'fail', 'read-from-beginning': 'fail' })],
  [recordKey('chloe', 'ex0'), fakeRecord(ex0, students[2]!, { 'read-from-beginning': 'fail' })],
  [recordKey('david', 'ex0'), fakeRecord(ex0, students[3]!, 'error')],
  [recordKey('emma', 'ex0'), fakeRecord(ex0, students[4]!, 'pass', late)],
  [recordKey('gus', 'ex0'), fakeRecord(ex0, students[5]!, 'not-gradable', undefined, 3)],
]);
const input = (over: Partial<ModelInput> = {}): ModelInput => ({
  exercises: [ex0],
  students,
  records,
  rowProblems: [{ line: 8, id: 'bob', message: "line 8: duplicate student id 'bob' (first seen on line 3); this row is not graded" }],
  deadline: '2026-11-21T18:00:00.000Z',
  similarity: { threshold: 0.8, pairs: [{ a: 'alice', b: 'emma', similarity: 1 }] },
  lang: 'en',
  generatedAt: '2026-11-21T12:00:00.000Z',
  ...over,
});

describe('cohort model', () => {
  const m = buildCohortModel(input());
  test('scores, totals and states; not gradable is never a 0', () => {
    const row = (id: string) => m.students.find((s) => s.id === id)!;
    expect(row('alice')).toMatchObject({ rawTotal: MAX, total: MAX, gradedMax: MAX, pct: 100, late: false });
    expect(row('david').cells[0]).toMatchObject({ state: 'graded', score: 0, errored: true });
    expect(row('gus').cells[0]).toMatchObject({ state: 'not-gradable', attempts: 3 });
    expect(row('gus').gradedMax).toBe(0);
    expect(row('gus').pct).toBeUndefined();
    expect(row('emma')).toMatchObject({ late: true, commit: 'abcdef1234567890', total: MAX });
    expect(m.counts).toEqual({ students: 6, graded: 5, notGradable: 1, missing: 0, rowProblems: 1, late: 1 });
    expect(m.notGradable).toEqual([{ studentId: 'gus', exerciseId: 'ex0', attempts: 3, problems: ['attempt 1: SERVICE_DIED: broker 1 died', 'SERVICE_DIED: broker 1 died'] }]);
  });
  test('needs help: the build failure first reason, sorted by share of points', () => {
    expect(m.needsHelp.map((h) => h.id)).toEqual(['david']);
    expect(m.needsHelp[0]!.reasons[0]).toMatch(/does not build or start/);
  });
  test('re-teach: most failed check first, errors and not-gradable not counted, hint attached', () => {
    expect(m.reteach[0]).toMatchObject({ checkId: 'read-from-beginning', failed: 2, judged: 4, failRate: 0.5, failedStudents: ['bob', 'chloe'] });
    expect(m.reteach[0]!.hint).toBe(ex0.checks.find((c) => c.id === 'read-from-beginning')!.hint.en);
    expect(m.reteach.map((r) => r.checkId)).toEqual(['read-from-beginning', 'topic-partitions']);
  });
  test('histogram of totals in 10 % bands (students without any graded exercise left out)', () => {
    expect(m.histogram.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(m.histogram[9]!.count).toBe(2);
    expect(m.histogram[0]!.count).toBe(1);
    expect(histogram([100, 0, 55, 59.9])).toMatchObject({ 0: { count: 1 }, 5: { count: 2 }, 9: { count: 1 } });
  });
  test('late flag and penalty', () => {
    expect(isLate(late, '2026-11-21T18:00:00Z')).toBe(true);
    expect(isLate(late, '2026-11-23T00:00:00Z')).toBe(false);
    expect(isLate({ kind: 'path', dir: '/x' }, '2000-01-01T00:00:00Z')).toBe(false);
    expect(applyPenalty(20, true, 10)).toBe(18);
    expect(applyPenalty(20, false, 10)).toBe(20);
    const penalised = buildCohortModel(input({ latePenaltyPct: 25 })).students.find((s) => s.id === 'emma')!;
    expect(penalised).toMatchObject({ rawTotal: MAX, total: MAX * 0.75, pct: 75 });
  });
  test('a student without a record yet is missing', () => {
    const partial = new Map(records);
    partial.delete(recordKey('alice', 'ex0'));
    expect(buildCohortModel(input({ records: partial })).students[0]!.cells[0]!.state).toBe('missing');
  });
});

describe('gradebook CSV', () => {
  const csv = renderGradebookCsv(buildCohortModel(input({ latePenaltyPct: 10 })));
  const lines = csv.trim().split('\n');
  test('header and one row per student, plus the rows not graded', () => {
    expect(lines[0]).toBe('student_id,name,ex0_score,ex0_max,total,total_max,late,commit,commit_date,notes');
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines[1]).toBe(`alice,Alice,${MAX},${MAX},${MAX},${MAX},no,,,`);
    expect(lines[5]).toBe(`emma,Emma,${MAX},${MAX},${MAX * 0.9},${MAX},yes,abcdef1234567890,2026-11-22T10:00:00.000Z,late: -10% (raw total ${MAX})`);
    expect(lines[6]).toBe(`gus,Gus,,${MAX},0,0,no,,,ex0 not gradable (infrastructure)`);
    expect(lines[7]).toMatch(/^bob,,,,,,,,,"not graded: line 8: duplicate student id 'bob'/);
  });
  test('fields are quoted and formula-safe', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-3)).toBe('-3');
  });
});

describe('dashboard HTML', () => {
  const html = renderDashboardHtml(buildCohortModel(input()));
  test('self-contained: no script, no external asset; student text escaped', () => {
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect(html).not.toContain('Bob <script>');
    expect(html).toContain(esc('Bob <script>'));
  });
  test('has every section: help, re-teach, scores, heat map, histogram SVG, similar pairs, not gradable, bad rows', () => {
    for (const id of ['needs-help', 'reteach', 'scores', 'heatmap', 'distribution', 'similar', 'not-gradable', 'row-problems']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<rect class="hbar"/);
    expect(html).toContain('students/alice/kgrade-ex0.html');
    expect(html).toMatch(/Alice ↔ Emma/);
    expect((html.match(/class="hm /g) ?? []).length).toBe(6 * ex0.checks.length + 6);
  });
  test('French by default wording', () => {
    expect(renderDashboardHtml(buildCohortModel(input({ lang: 'fr' })))).toContain('À réexpliquer');
  });
});
