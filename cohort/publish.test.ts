import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exerciseById } from '../graders/registry.js';
import { recordKey } from './cohort-model.js';
import { publishCohort, type Publication } from './publish.js';
import type { CohortRecord } from './store.js';
import { NAV_ID } from './student-nav.js';
import { fakeRecord } from './testing/fake-records.js';

let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-publish-'));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

const ex0 = exerciseById('ex0');
function publication(records: CohortRecord[], over: Partial<Publication> = {}): Publication {
  return {
    exercises: [ex0],
    students: records.map((r) => ({ id: r.student.id, name: r.student.name, source: r.source })),
    records: new Map(records.map((r) => [recordKey(r.student.id, r.exerciseId), r])),
    rowProblems: [],
    fingerprints: new Map(records.map((r) => [r.student.id, new Set([`${r.student.id}-code`])])),
    options: { similarityThreshold: 0.8, lang: 'en' },
    generatedAt: '2026-11-21T12:00:00.000Z',
    ...over,
  };
}

describe('the cohort publisher (run and merge alike)', () => {
  test('writes the dashboard, gradebook and summary from the records, and adds the navigation to the pages on disk', () => {
    const ana = fakeRecord(ex0, { id: 'ana', name: 'Ana' }, 'pass');
    const bob = fakeRecord(ex0, { id: 'bob', name: 'Bob' }, 'fail');
    fs.mkdirSync(path.join(out, 'students', 'ana'), { recursive: true });
    fs.writeFileSync(path.join(out, 'students', 'ana', 'kgrade-ex0.en.html'), '<html><body><h1>ex0</h1></body></html>');
    const p = publishCohort(out, publication([ana, bob]));
    expect(p.exitCode).toBe(0);
    expect(p.model.counts).toMatchObject({ students: 2, graded: 2, notGradable: 0 });
    expect(JSON.parse(fs.readFileSync(p.files.summary, 'utf8')).generatedAt).toBe('2026-11-21T12:00:00.000Z');
    expect(fs.readFileSync(p.files.gradebook, 'utf8').split('\n')[1]).toMatch(/^ana,Ana,/);
    expect(fs.readFileSync(p.files.dashboard, 'utf8')).toContain('Ana');
    expect(fs.readFileSync(path.join(out, 'students', 'ana', 'kgrade-ex0.en.html'), 'utf8')).toContain(NAV_ID);
    expect(fs.existsSync(path.join(out, 'students', 'bob'))).toBe(false); // a page not on disk is not made up
  });

  test('exit code: 2 when a result is not gradable, else 1 when a roster row was not graded, else 0', () => {
    const ok = fakeRecord(ex0, { id: 'ana', name: 'Ana' }, 'pass');
    const down = fakeRecord(ex0, { id: 'bob', name: 'Bob' }, 'not-gradable');
    const row = { line: 3, id: 'zed', message: 'line 3 (zed): solution folder missing' };
    expect(publishCohort(out, publication([ok])).exitCode).toBe(0);
    expect(publishCohort(out, publication([ok], { rowProblems: [row] })).exitCode).toBe(1);
    expect(publishCohort(out, publication([ok, down], { rowProblems: [row] })).exitCode).toBe(2);
  });

  test('similar pairs come from the fingerprints it is given, at the threshold of the options', () => {
    const a = fakeRecord(ex0, { id: 'ana', name: 'Ana' }, 'pass');
    const b = fakeRecord(ex0, { id: 'bob', name: 'Bob' }, 'pass');
    const same = new Map([
      ['ana', new Set(['x', 'y'])],
      ['bob', new Set(['x', 'y'])],
    ]);
    expect(publishCohort(out, publication([a, b], { fingerprints: same })).model.similarPairs).toEqual([
      { a: 'ana', b: 'bob', similarity: 1 },
    ]);
    expect(publishCohort(out, publication([a, b])).model.similarPairs).toEqual([]);
  });
});
