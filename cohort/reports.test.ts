import { describe, expect, test } from 'vitest';
import { exerciseById } from '../graders/registry.js';
import { maxScore } from '../engine/exercise.js';
import {
  applyPenalty,
  buildCohortModel,
  histogram,
  isLate,
  recordKey,
  studentReportFile,
  type ModelInput,
} from './cohort-model.js';
import { esc, renderDashboardHtml } from './dashboard.js';
import { csvField, renderGradebookCsv } from './gradebook.js';
import type { CohortRecord } from './store.js';
import { fakeRecord } from './testing/fake-records.js';
import { studentNavs, withStudentNav } from './student-nav.js';

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
const late = {
  kind: 'git' as const,
  dir: '/c/emma',
  url: 'file:///r',
  ref: 'main',
  commit: 'abcdef1234567890',
  commitDate: '2026-11-22T10:00:00.000Z',
};
const records = new Map<string, CohortRecord>([
  [recordKey('alice', 'ex0'), fakeRecord(ex0, students[0]!, 'pass')],
  [
    recordKey('bob', 'ex0'),
    fakeRecord(ex0, students[1]!, { 'topic-partitions': 'fail', 'read-from-beginning': 'fail' }),
  ],
  [recordKey('chloe', 'ex0'), fakeRecord(ex0, students[2]!, { 'read-from-beginning': 'fail' })],
  [recordKey('david', 'ex0'), fakeRecord(ex0, students[3]!, 'error')],
  [recordKey('emma', 'ex0'), fakeRecord(ex0, students[4]!, 'pass', late)],
  [recordKey('gus', 'ex0'), fakeRecord(ex0, students[5]!, 'not-gradable', undefined, 3)],
]);
const input = (over: Partial<ModelInput> = {}): ModelInput => ({
  exercises: [ex0],
  students,
  records,
  rowProblems: [
    {
      line: 8,
      id: 'bob',
      message: "line 8: duplicate student id 'bob' (first seen on line 3); this row is not graded",
      problem: { kind: 'duplicate-id', firstLine: 3 },
    },
    {
      line: 9,
      id: 'zoe',
      name: 'Zoé',
      message: 'line 9: missing solution (expected: student id, display name, solution)',
      problem: { kind: 'missing-fields', fields: ['solution'] },
    },
    {
      line: 10,
      id: 'zoe',
      message: "line 10: duplicate student id 'zoe' (first seen on line 9); this row is not graded",
      problem: { kind: 'duplicate-id', firstLine: 9 },
    },
    {
      line: 11,
      message: 'line 11: missing student id (expected: student id, display name, solution)',
      problem: { kind: 'missing-fields', fields: ['id'] },
    },
  ],
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
    // zoe's row has no solution: she is a student of the table, with nothing graded, and counted as missing
    expect(m.counts).toEqual({ students: 7, graded: 5, notGradable: 1, missing: 1, rowProblems: 4, late: 1 });
    expect(row('zoe')).toMatchObject({
      name: 'Zoé',
      gradedMax: 0,
      cells: [{ state: 'missing', why: { short: 'bad roster row' } }],
    });
    expect(m.notGradable).toEqual([
      {
        studentId: 'gus',
        exerciseId: 'ex0',
        attempts: 3,
        problems: ['attempt 1: SERVICE_DIED: broker 1 died', 'SERVICE_DIED: broker 1 died'],
      },
    ]);
  });
  test('needs help: the build failure first reason, sorted by share of points', () => {
    expect(m.needsHelp.map((h) => h.id)).toEqual(['david']);
    expect(m.needsHelp[0]!.reasons[0]).toMatch(/does not build or start/);
  });
  test('re-teach: most failed check first, errors and not-gradable not counted, hint attached', () => {
    expect(m.reteach[0]).toMatchObject({
      checkId: 'read-from-beginning',
      failed: 2,
      judged: 4,
      failRate: 0.5,
      failedStudents: ['bob', 'chloe'],
    });
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
  test('header and exactly one row per student id: a duplicate roster line is a note on the real row, never a second row', () => {
    expect(lines[0]).toBe('student_id,name,ex0_score,ex0_max,total,total_max,late,commit,commit_date,notes');
    expect(lines).toHaveLength(1 + 7);
    expect(lines[1]).toBe(`alice,Alice,${MAX},${MAX},${MAX},${MAX},no,,,`);
    expect(lines[2]).toMatch(
      new RegExp(
        `^bob,Bob <script>,\\d+,${MAX},\\d+,${MAX},no,,,"?roster row not graded: line 8: duplicate student id 'bob' \\(first seen on line 3\\)`,
      ),
    );
    expect(lines[5]).toBe(
      `emma,Emma,${MAX},${MAX},${MAX * 0.9},${MAX},yes,abcdef1234567890,2026-11-22T10:00:00.000Z,late: -10% (raw total ${MAX})`,
    );
    expect(lines[6]).toBe(`gus,Gus,,${MAX},0,0,no,,,ex0 not gradable (infrastructure)`);
    // a student with nothing graded is named on one row, with both of their roster errors; a line without an id gets none
    expect(lines[7]).toMatch(
      new RegExp(
        `^zoe,Zoé,,${MAX},0,0,no,,,"roster row not graded: line 9: missing solution .*; roster row not graded: line 10: duplicate.*"$`,
      ),
    );
    expect(lines.filter((l) => l.startsWith('bob,'))).toHaveLength(1);
    expect(csv).not.toContain('line 11');
  });
  test('notes in French under lang fr', () => {
    const fr = renderGradebookCsv(buildCohortModel(input({ lang: 'fr', latePenaltyPct: 10 })));
    expect(fr).toContain('ex0 non évaluable (infrastructure)');
    expect(fr).toContain('en retard : -10 %');
    expect(fr).toContain('ligne 8 (bob) : identifiant en double (déjà vu ligne 3)');
    expect(fr).toContain('ex0 ne compile pas ou ne démarre pas');
    expect(fr).not.toMatch(/not gradable|not graded|late:|does not build|duplicate/);
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
    for (const id of [
      'needs-help',
      'reteach',
      'scores',
      'heatmap',
      'distribution',
      'similar',
      'not-gradable',
      'row-problems',
    ])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<rect class="hbar"/);
    expect(html).toContain('students/alice/kgrade-ex0.en.html');
    expect(html).toMatch(/Alice ↔ Emma/);
    expect((html.match(/class="hm /g) ?? []).length).toBe(7 * ex0.checks.length + 6);
  });
  test('error is amber and not gradable purple, as in the student report', () => {
    expect(html).toContain('--error:#9a6700');
    expect(html).toContain('--ng:#8250df');
    expect(html).toMatch(/\.hm\.err\{[^}]*color:var\(--error\)/);
  });
  test('histogram: ticks on the band edges up to 100, a y axis', () => {
    const svg = html.slice(
      html.indexOf('<section id="distribution">'),
      html.indexOf('</section>', html.indexOf('<section id="distribution">')),
    );
    expect(svg).toContain('>100</text>');
    expect(svg).toContain('90–100 %: 2 students');
    expect(svg).toMatch(/rotate\(-90\)[^>]*>students</);
  });
  test('heat-map cells link to the report and name the check by its title', () => {
    const title = ex0.checks[0]!.title.en;
    expect(html).toContain(
      `<a href="students/alice/kgrade-ex0.en.html" aria-label="${esc(`Alice · ex0 · ${title}: pass`)}">✔</a>`,
    );
    expect(html).toContain(`title="${esc(`${title} (ex0/${ex0.checks[0]!.id})`)}"`);
  });
  test('French page: no English status, legend, tooltip or roster entry', () => {
    const fr = renderDashboardHtml(buildCohortModel(input({ lang: 'fr' })));
    expect(fr).toContain('À réexpliquer');
    expect(fr).toContain('ligne 8 (bob) : identifiant en double (déjà vu ligne 3) ; cette ligne n’est pas évaluée');
    expect(fr).toContain('90–100 % : 2 étudiants');
    const text = fr.replace(/<style>[\s\S]*?<\/style>/, '').replace(/class="[^"]*"/g, '');
    for (const word of [
      ': pass',
      ': fail',
      'not gradable',
      'missing',
      'skipped',
      'duplicate',
      'Generated',
      'students<',
      'score histogram',
    ])
      expect(text).not.toContain(word);
  });
});

describe('student navigation in a cohort report', () => {
  const m = buildCohortModel(input({ lang: 'fr' }));
  test('the student name and a link back to the dashboard, once, right after <body>', () => {
    const navs = studentNavs(m);
    const alice = navs.find((n) => n.href === 'students/alice/kgrade-ex0.html')!;
    const page = withStudentNav('<!doctype html><html><body class="x"><h1>r</h1></body></html>', alice.nav);
    expect(page).toMatch(
      /<body class="x">\n<nav id="kgrade-cohort-nav"[^>]*>.*href="..\/..\/dashboard.html"[^>]*>← Tableau de bord de la promotion<\/a>.*<b[^>]*>Alice<\/b>/,
    );
    expect(withStudentNav(page, alice.nav)).toBe(page);
    expect(navs.find((n) => n.nav.studentId === 'bob')!.nav.studentName).toBe('Bob <script>');
    expect(withStudentNav('<body>', navs.find((n) => n.nav.studentId === 'bob')!.nav)).toContain('Bob &lt;script&gt;');
  });
});

describe('dashboard HTML, French', () => {
  test('French wording', () => {
    expect(renderDashboardHtml(buildCohortModel(input({ lang: 'fr' })))).toContain('À réexpliquer');
  });
});

describe('every roster line is in the dashboard', () => {
  const ex1 = exerciseById('ex1');
  const two = [ex0, ex1];
  const base = (lang: 'fr' | 'en'): ModelInput => ({
    exercises: two,
    students: [
      { id: 'alice', name: 'Alice' },
      { id: 'hugo', name: 'Hugo' },
    ],
    records: new Map([
      [recordKey('alice', 'ex0'), fakeRecord(ex0, { id: 'alice', name: 'Alice' }, 'pass')],
      [recordKey('alice', 'ex1'), fakeRecord(ex1, { id: 'alice', name: 'Alice' }, 'pass')],
      [recordKey('hugo', 'ex0'), fakeRecord(ex0, { id: 'hugo', name: 'Hugo' }, 'pass')],
    ]),
    rowProblems: [
      {
        line: 3,
        id: 'dan',
        name: 'Dan Brown',
        message:
          'line 3 (dan): solution folder missing not found (resolved to /r/missing, relative to the roster file)',
        problem: { kind: 'source', sourceKind: 'folder', text: 'missing' },
      },
      {
        line: 4,
        id: 'eve',
        name: 'Eve',
        message: 'line 4 (eve): git source https://git.example/eve.git: clone failed',
        problem: { kind: 'git-fetch', text: 'https://git.example/eve.git', error: 'clone failed' },
      },
      {
        line: 5,
        id: 'hugo',
        name: 'Hugo',
        message:
          "line 5 (hugo): no solution for ex1 (its column is empty and the row has no 'solution' column); ex1 is not graded for this student",
        problem: { kind: 'no-solution', exercise: 'ex1' },
      },
    ],
    similarity: { threshold: 0.8, pairs: [] },
    lang,
    generatedAt: '2026-11-21T12:00:00.000Z',
  });

  test('a student with nothing gradable is in the scores table, marked with why, counted and named in the gradebook', () => {
    const m = buildCohortModel(base('en'));
    expect(m.students.map((s) => s.id)).toEqual(['alice', 'hugo', 'dan', 'eve']);
    expect(m.counts).toMatchObject({ students: 4, graded: 3, missing: 5 });
    const dan = m.students.find((s) => s.id === 'dan')!;
    expect(dan.cells.map((c) => c.why?.short)).toEqual(['folder missing', 'folder missing']);
    expect(m.students.find((s) => s.id === 'eve')!.cells[0]!.why?.short).toBe('fetch failed');
    // hugo's ex1 has no solution; his graded ex0 has no reason
    expect(m.students.find((s) => s.id === 'hugo')!.cells.map((c) => c.why?.short)).toEqual([undefined, 'no solution']);

    const html = renderDashboardHtml(m);
    const scores = html.slice(
      html.indexOf('<section id="scores">'),
      html.indexOf('</section>', html.indexOf('<section id="scores">')),
    );
    expect(scores).toContain('<b>Dan Brown</b> <span class="id">dan</span>');
    expect(scores).toContain(
      `<td class="miss why" title="${esc('line 3 (dan): solution folder missing not found (resolved to /r/missing, relative to the roster file)')}">· folder missing</td>`,
    );
    expect(scores).toContain('· fetch failed</td>');

    const csv = renderGradebookCsv(m).trim().split('\n');
    expect(csv.find((l) => l.startsWith('dan,'))).toMatch(
      /^dan,Dan Brown,,\d+,,\d+,0,0,no,,,"?roster row not graded: line 3 \(dan\): solution folder missing not found/,
    );
    expect(csv.find((l) => l.startsWith('eve,'))).toMatch(
      /^eve,Eve,.*roster row not graded: line 4 \(eve\): git source/,
    );
    expect(csv.filter((l) => l.startsWith('dan,'))).toHaveLength(1);
  });

  test('French: the marks in French', () => {
    const html = renderDashboardHtml(buildCohortModel(base('fr')));
    expect(html).toContain('· dossier absent</td>');
    expect(html).toContain('· récupération impossible</td>');
    expect(html).toContain('· pas de solution</td>');
  });

  test("each language's dashboard links the student pages in that language", () => {
    const en = renderDashboardHtml(buildCohortModel(base('en')));
    const fr = renderDashboardHtml(buildCohortModel(base('fr')));
    expect(en).toContain('href="students/alice/kgrade-ex0.en.html"');
    expect(en).not.toMatch(/href="students\/[^"]*kgrade-ex\d+\.html"/);
    expect(fr).toContain('href="students/alice/kgrade-ex0.html"');
    expect(fr).not.toContain('.en.html');
    expect(studentReportFile('ex3', 'en')).toBe('kgrade-ex3.en.html');
    expect(
      studentNavs(buildCohortModel(base('en')))
        .find((n) => n.nav.studentId === 'alice')!
        .nav.reports.map((r) => r.file),
    ).toEqual(['kgrade-ex0.en.html', 'kgrade-ex1.en.html']);
  });
});
