import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exerciseById } from '../graders/registry.js';
import {
  appendEvent,
  planJobs,
  readEvents,
  readRecord,
  removeStaleTemps,
  resultPath,
  writeFileAtomic,
  writeRecord,
} from './store.js';
import { fakeRecord } from './testing/fake-records.js';

const ex0 = exerciseById('ex0');
let out: string;
beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-store-'));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

describe('result store', () => {
  test('records are written atomically under results/<student>/<exercise>.json and read back', () => {
    const rec = fakeRecord(ex0, { id: 'alice', name: 'Alice' }, 'pass');
    const file = writeRecord(out, rec);
    expect(file).toBe(path.join(out, 'results', 'alice', 'ex0.json'));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['ex0.json']);
    expect(readRecord(out, 'alice', 'ex0')).toEqual(rec);
    expect(readRecord(out, 'bob', 'ex0')).toBeUndefined();
  });

  test('a truncated or foreign file is not a finished record', () => {
    fs.mkdirSync(path.dirname(resultPath(out, 'alice', 'ex0')), { recursive: true });
    fs.writeFileSync(resultPath(out, 'alice', 'ex0'), '{"schemaVersion": 1, "resu');
    expect(readRecord(out, 'alice', 'ex0')).toBeUndefined();
    fs.writeFileSync(
      resultPath(out, 'alice', 'ex0'),
      JSON.stringify(fakeRecord(exerciseById('ex1'), { id: 'alice', name: 'A' }, 'pass')),
    );
    expect(readRecord(out, 'alice', 'ex0')).toBeUndefined();
  });

  test('temporary files left by a killed writer are removed, finished files kept', () => {
    writeRecord(out, fakeRecord(ex0, { id: 'alice', name: 'Alice' }, 'pass'));
    const dir = path.join(out, 'results', 'alice');
    fs.writeFileSync(path.join(dir, '.ex1.json.123.456.tmp'), '{"half');
    expect(removeStaleTemps(out)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['ex0.json']);
  });

  test('writeFileAtomic replaces the whole content', () => {
    const f = path.join(out, 'a', 'b.txt');
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, 'two');
    expect(fs.readFileSync(f, 'utf8')).toBe('two');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['b.txt']);
  });
});

describe('resume bookkeeping', () => {
  const jobs = [
    { studentId: 'alice', exerciseId: 'ex0' },
    { studentId: 'bob', exerciseId: 'ex0' },
    { studentId: 'gus', exerciseId: 'ex0' },
  ];
  const stored = new Map([
    ['alice', fakeRecord(ex0, { id: 'alice', name: 'A' }, { exits: 'fail' })],
    ['gus', fakeRecord(ex0, { id: 'gus', name: 'G' }, 'not-gradable')],
  ]);
  test('without --resume everything is graded', () => {
    expect(planJobs(jobs, false, (j) => stored.get(j.studentId)).map((p) => p.action)).toEqual([
      'grade',
      'grade',
      'grade',
    ]);
  });
  test('with --resume: finished results kept (a failure too), missing graded, not-gradable graded again', () => {
    expect(planJobs(jobs, true, (j) => stored.get(j.studentId)).map((p) => p.action)).toEqual([
      'skip',
      'grade',
      'regrade-not-gradable',
    ]);
  });
  test('with --resume: a record the trainer did not compute (self-reported, or older than provenance) is graded again', () => {
    const alice = fakeRecord(ex0, { id: 'alice', name: 'A' }, 'pass');
    const forged = { ...alice, result: { ...alice.result, provenance: 'self-reported' as const } };
    const { provenance: _, ...old } = alice.result;
    expect(
      planJobs(jobs.slice(0, 2), true, (j) => (j.studentId === 'alice' ? forged : { ...alice, result: old })).map(
        (p) => p.action,
      ),
    ).toEqual(['regrade-untrusted', 'regrade-untrusted']);
  });
  test('the event log survives a line cut by a kill', () => {
    appendEvent(out, { event: 'start', studentId: 'alice', exerciseId: 'ex0' });
    fs.appendFileSync(path.join(out, 'events.jsonl'), '{"event":"do');
    expect(readEvents(out).map((e) => e.event)).toEqual(['start']);
  });
});
