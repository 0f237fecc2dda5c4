/**
 * Every HTML page kgrade writes, opened in headless Chromium (Debian's, `kgrade setup browser`): the student
 * report (fr, en), a build-error report, the cohort dashboard and a student's report inside a cohort, the bench
 * report. Each page must load with no console error, request nothing (self-contained), have no empty section,
 * and every relative link must reach a file. Screenshots go to $KGRADE_CI_ARTIFACTS/screenshots (or a temp
 * folder, printed). Needs no Kafka: tagged `.stack` because it needs a browser, which the unit suite does not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sampleBench } from '../bench/sample-bench.js';
import { renderBenchHtml } from '../bench/report-html.js';
import { buildCohortModel, recordKey } from '../cohort/cohort-model.js';
import { renderDashboardHtml } from '../cohort/dashboard.js';
import { addStudentNavs } from '../cohort/student-pages.js';
import type { CohortRecord } from '../cohort/store.js';
import { fakeRecord } from '../cohort/testing/fake-records.js';
import { exerciseById } from '../graders/registry.js';
import { Chromium } from '../reports/browser/chromium.js';
import { renderHtml } from '../reports/html.js';
import { reportFileName } from '../reports/render.js';
import { buildErrorResult, chartResult, sampleResult } from '../reports/sample-result.js';

/** Runs in the page: sections with nothing but a heading, every link, the page's language, the text of its first screen. */
const PROBE = `(() => {
  const empty = [...document.querySelectorAll('section')].filter((s) => {
    const c = s.cloneNode(true);
    c.querySelectorAll('h1,h2,h3,h4').forEach((h) => h.remove());
    return c.textContent.trim() === '' && !c.querySelector('svg,img,table,pre');
  }).map((s) => s.id || s.outerHTML.slice(0, 80));
  const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
  const anchors = links.filter((h) => h.startsWith('#') && h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let firstScreen = '';
  while (walker.nextNode()) {
    range.selectNodeContents(walker.currentNode);
    const box = range.getBoundingClientRect();
    if (box.height > 0 && box.top < window.innerHeight) firstScreen += walker.currentNode.textContent + ' ';
  }
  return { empty, links, brokenAnchors: anchors, lang: document.documentElement.lang, title: document.title, firstScreen };
})()`;

interface Probe {
  empty: string[];
  links: string[];
  brokenAnchors: string[];
  lang: string;
  title: string;
  firstScreen: string;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-pages-'));
const shots = process.env.KGRADE_CI_ARTIFACTS
  ? path.join(process.env.KGRADE_CI_ARTIFACTS, 'screenshots')
  : path.join(work, 'screenshots');

function write(rel: string, html: string): string {
  const file = path.join(work, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, html);
  return file;
}

/** A cohort of two exercises: everything passed, some failures, a build failure, a not gradable run, one missing. */
function writeCohort(): { dashboard: string; student: string } {
  const ex0 = exerciseById('ex0');
  const ex1 = exerciseById('ex1');
  const students = [
    { id: 'alice', name: 'Alice Martin' },
    { id: 'bob', name: 'Bob Lefèvre' },
    { id: 'chloe', name: 'Chloé Dubois' },
    { id: 'david', name: 'David Nguyen' },
  ];
  const [a, b, c, d] = students as [
    (typeof students)[0],
    (typeof students)[0],
    (typeof students)[0],
    (typeof students)[0],
  ];
  const records = new Map<string, CohortRecord>([
    [recordKey('alice', 'ex0'), fakeRecord(ex0, a, 'pass')],
    [recordKey('alice', 'ex1'), fakeRecord(ex1, a, 'pass')],
    [recordKey('bob', 'ex0'), fakeRecord(ex0, b, { [ex0.checks[0]!.id]: 'fail' })],
    [recordKey('bob', 'ex1'), fakeRecord(ex1, b, 'error')],
    [recordKey('chloe', 'ex0'), fakeRecord(ex0, c, 'not-gradable', undefined, 3)],
    [recordKey('david', 'ex0'), fakeRecord(ex0, d, { [ex0.checks[1]!.id]: 'fail', [ex0.checks[2]!.id]: 'fail' })],
  ]);
  const model = buildCohortModel({
    exercises: [ex0, ex1],
    students,
    records,
    rowProblems: [
      {
        line: 6,
        id: 'bob',
        message: "line 6: duplicate student id 'bob' (first seen on line 3); this row is not graded",
        problem: { kind: 'duplicate-id', firstLine: 3 },
      },
    ],
    similarity: { threshold: 0.8, pairs: [{ a: 'alice', b: 'david', similarity: 0.86 }] },
    lang: 'fr',
    generatedAt: '2026-11-23T17:00:00.000Z',
  });
  const dashboard = write('cohort/dashboard.html', renderDashboardHtml(model));
  for (const r of records.values())
    write(
      `cohort/students/${r.student.id}/${reportFileName('html', r.exerciseId)}`,
      renderHtml(r.result, { lang: 'fr' }),
    );
  addStudentNavs(path.join(work, 'cohort'), model);
  return { dashboard, student: path.join(work, 'cohort/students/bob', reportFileName('html', 'ex0')) };
}

const cohort = writeCohort();
/** `firstScreen`: what a reader must see without scrolling (a 1280 × 900 window). */
const PAGES: { name: string; file: string; lang: string; firstScreen?: RegExp[] }[] = [
  { name: 'student-report-fr', file: write('student-fr.html', renderHtml(sampleResult(), { lang: 'fr' })), lang: 'fr' },
  { name: 'student-report-en', file: write('student-en.html', renderHtml(sampleResult(), { lang: 'en' })), lang: 'en' },
  {
    name: 'build-error-report-fr',
    file: write('build-error-fr.html', renderHtml(buildErrorResult(), { lang: 'fr' })),
    lang: 'fr',
    firstScreen: [/ne se construit pas/, /Main\.java:64:34 cannot find symbol/],
  },
  { name: 'chart-report-fr', file: write('charts-fr.html', renderHtml(chartResult(), { lang: 'fr' })), lang: 'fr' },
  {
    name: 'cohort-dashboard-fr',
    file: cohort.dashboard,
    lang: 'fr',
    firstScreen: [/Qui a besoin d’aide/, /Bob Lefèvre/],
  },
  {
    name: 'cohort-student-report-fr',
    file: cohort.student,
    lang: 'fr',
    firstScreen: [/← Tableau de bord de la promotion/, /Bob Lefèvre/],
  },
  { name: 'bench-report', file: write('bench.html', renderBenchHtml(sampleBench())), lang: 'en' },
];

describe('report pages in headless Chromium', () => {
  let browser: Chromium;
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    browser = await Chromium.launch();
    console.log(`report pages: ${await browser.version}; screenshots in ${shots}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  for (const page of PAGES) {
    test(page.name, async () => {
      const visit = await browser.visit(page.file, { probe: PROBE });
      fs.writeFileSync(path.join(shots, `${page.name}.png`), visit.screenshot);
      const probe = visit.probe as Probe;
      expect(visit.consoleErrors, 'console errors').toEqual([]);
      expect(visit.requests, 'requests (a page must be self-contained)').toEqual([]);
      expect(probe.empty, 'sections with nothing in them').toEqual([]);
      expect(probe.brokenAnchors, 'links to an anchor the page lacks').toEqual([]);
      expect(probe.lang).toBe(page.lang);
      expect(probe.title).not.toBe('');
      for (const re of page.firstScreen ?? []) expect(probe.firstScreen, 'the first screen').toMatch(re);
      const dir = path.dirname(page.file);
      const files = probe.links.filter((h) => !/^(#|[a-z]+:)/i.test(h)).map((h) => h.split('#')[0]!);
      expect(
        files.filter((f) => !fs.existsSync(path.resolve(dir, decodeURIComponent(f)))),
        'links to files that do not exist',
      ).toEqual([]);
    });
  }
});
