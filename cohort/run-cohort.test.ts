import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GraderError } from '../core/errors.js';
import { buildFailure } from '../runner/solution.js';
import { autoParallelism, defaultParallelism, sessionLimits, takeJob } from './parallelism.js';
import { runCohort } from './run-cohort.js';
import { jobSeed } from './scheduler.js';
import { readEvents, readRecord, writeRecord } from './store.js';
import { fakeRecord } from './testing/fake-records.js';
import { exerciseById } from '../graders/registry.js';

const REF = path.resolve(import.meta.dirname, '../fixtures/ex0/reference-ts');
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-cohort-'));
  fs.mkdirSync(path.join(tmp, 'empty-a'));
  fs.mkdirSync(path.join(tmp, 'empty-b'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function roster(rows: string[]): string {
  const f = path.join(tmp, 'roster.csv');
  fs.writeFileSync(f, ['student_id,display_name,solution', ...rows].join('\n'));
  return f;
}

// No solution runs in these tests (the stack fails first, or the roster rows are empty folders): unsandboxed.
describe('runCohort without a stack', () => {
  test('an infrastructure failure is retried twice, then reported not gradable (never a 0 for the student)', async () => {
    let calls = 0;
    const acquireStack = async () => {
      calls++;
      throw new GraderError('STACK_NOT_READY', 'brokers did not answer', { hint: 'retry' });
    };
    const r = await runCohort({
      sandbox: false,
      rosterPath: roster([`alice,Alice,${REF}`]),
      exerciseIds: ['ex0'],
      outDir: path.join(tmp, 'out'),
      parallel: 1,
      acquireStack,
      seed: 7,
      lang: 'en',
      retryBackoffMs: 5,
    });
    expect(calls).toBe(3);
    const rec = readRecord(r.outDir, 'alice', 'ex0')!;
    expect(rec.attempts).toBe(3);
    expect(rec.result.outcome).toBe('not-gradable');
    expect(rec.retriedProblems).toHaveLength(2);
    expect(rec.result.verdicts.every((v) => v.status === 'not-gradable')).toBe(true);
    expect(r.model.notGradable).toMatchObject([{ studentId: 'alice', attempts: 3 }]);
    expect(r.model.needsHelp).toEqual([]);
    expect(fs.readFileSync(r.files.gradebook, 'utf8').split('\n')[1]).toMatch(
      /^alice,Alice,,\d+,0,0,no,,,ex0 not gradable \(infrastructure\)$/,
    );
    expect(fs.readFileSync(r.files.dashboard, 'utf8')).toContain('<section id="not-gradable">');
    expect(r.exitCode).toBe(2);
    const retries = readEvents(r.outDir).filter((e) => e.event === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]!.detail).toMatch(/^transient infrastructure failure, retried in 0\.0 s: STACK_NOT_READY/);
  });

  test("a build the sandbox's allow-list refused is recorded not gradable at once, never retried, and the cohort goes on", async () => {
    let calls = 0;
    // The error a sandboxed build gets when the registries proxy refused its CONNECT (runner/build-network.ts).
    const refused = buildFailure('npm install', 1, 'npm error network request failed', [
      'CONNECT evil.example.org:443',
    ]);
    expect(refused).toMatchObject({ code: 'REGISTRY_UNREACHABLE', retriable: false });
    const acquireStack = async () => {
      calls++;
      throw refused;
    };
    const r = await runCohort({
      sandbox: false,
      rosterPath: roster([`alice,Alice,${REF}`, `bob,Bob,${REF}`]),
      exerciseIds: ['ex0'],
      outDir: path.join(tmp, 'out'),
      parallel: 1,
      acquireStack,
      retryBackoffMs: 60_000,
    });
    expect(calls).toBe(2);
    for (const id of ['alice', 'bob']) {
      const rec = readRecord(r.outDir, id, 'ex0')!;
      expect(rec.attempts).toBe(1);
      expect(rec.retriedProblems).toEqual([]);
      expect(rec.result.outcome).toBe('not-gradable');
      expect(rec.result.problems[0]).toMatchObject({ code: 'REGISTRY_UNREACHABLE', retriable: false });
    }
    const events = readEvents(r.outDir);
    expect(events.filter((e) => e.event === 'retry')).toEqual([]);
    expect(events.filter((e) => e.event === 'not-retried').map((e) => e.detail)).toEqual([
      expect.stringMatching(/^final: a retry cannot help: REGISTRY_UNREACHABLE: .*evil\.example\.org/),
      expect.stringMatching(/^final: a retry cannot help: REGISTRY_UNREACHABLE/),
    ]);
    expect(r.exitCode).toBe(2);
  });

  test('a failure no retry can change stops the cohort at once with its fix, recording nothing for anyone', async () => {
    let calls = 0;
    const acquireStack = async () => {
      calls++;
      throw new GraderError('PROVISION_FAILED', '/cache/kafka is not provisioned', {
        hint: 'run `kgrade stack provision`',
      });
    };
    const rows = ['alice', 'bob', 'carl', 'dan'].map((id) => `${id},${id},${REF}`);
    const events: string[] = [];
    const run = runCohort({
      sandbox: false,
      rosterPath: roster(rows),
      exerciseIds: ['ex0'],
      outDir: path.join(tmp, 'out'),
      parallel: 1,
      acquireStack,
      retryBackoffMs: 60_000,
      onProgress: (e) => events.push(e.type),
    });
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GraderError);
    expect(err).toMatchObject({ code: 'PROVISION_FAILED' });
    expect((err as GraderError).message).toMatch(
      /cohort stopped \(permanent infrastructure failure; 3 grading\(s\) not started\): \/cache\/kafka is not provisioned/,
    );
    expect((err as GraderError).hint).toMatch(/kgrade stack provision.*--resume/);
    expect(calls).toBe(1);
    expect(events).toContain('stopped');
    expect(events).not.toContain('job-retry');
    for (const id of ['alice', 'bob', 'carl', 'dan'])
      expect(readRecord(path.join(tmp, 'out'), id, 'ex0')).toBeUndefined();
    expect(readEvents(path.join(tmp, 'out')).find((e) => e.event === 'stopped')!.detail).toMatch(
      /^permanent: PROVISION_FAILED/,
    );
  });

  test("a student's failure is final: never retried, the stack not even asked for", async () => {
    let calls = 0;
    const r = await runCohort({
      rosterPath: roster(['bob,Bob,empty-a']),
      exerciseIds: ['ex0'],
      outDir: path.join(tmp, 'out'),
      acquireStack: async () => {
        calls++;
        throw new Error('not expected');
      },
    });
    const rec = readRecord(r.outDir, 'bob', 'ex0')!;
    expect(rec.attempts).toBe(1);
    expect(rec.result.outcome).toBe('error');
    expect(rec.result.verdicts.every((v) => v.status === 'error')).toBe(true);
    expect(calls).toBe(0);
    expect(r.model.needsHelp.map((h) => h.id)).toEqual(['bob']);
  });

  test("sandboxed by default, and the trainer's copy says the trainer's run computed it", async () => {
    const r = await runCohort({
      rosterPath: roster(['bob,Bob,empty-a']),
      exerciseIds: ['ex0'],
      outDir: path.join(tmp, 'out'),
      acquireStack: async () => Promise.reject(new Error('not expected')),
    });
    const rec = readRecord(r.outDir, 'bob', 'ex0')!;
    expect(rec.result.provenance).toBe('trainer');
    expect(rec.result.replayCommand).toMatch(/ --sandbox$/);
    expect(JSON.parse(readEvents(r.outDir).find((e) => e.event === 'run-start')!.detail!)).toMatchObject({
      sandbox: true,
    });
  });

  test('--resume keeps finished results untouched, re-grades the not-gradable ones, reports bad rows', async () => {
    let failStack = true;
    const acquireStack = async () => {
      if (failStack) throw new GraderError('STACK_NOT_READY', 'down', { hint: 'retry' });
      throw new GraderError('SERVICE_DIED', 'still down', { hint: 'retry' });
    };
    const file = roster([
      'bob,Bob,empty-a',
      'carl,Carl,empty-b',
      `alice,Alice,${REF}`,
      'bob,Dup,empty-b',
      'dan,Dan,missing',
    ]);
    const out = path.join(tmp, 'out');
    const first = await runCohort({
      sandbox: false,
      rosterPath: file,
      exerciseIds: ['ex0'],
      outDir: out,
      acquireStack,
      retries: 0,
    });
    expect(first.graded).toHaveLength(3);
    expect(first.model.rowProblems).toHaveLength(2);
    expect(first.exitCode).toBe(2);
    const stat = (id: string) => fs.statSync(path.join(out, 'results', id, 'ex0.json')).mtimeMs;
    const before = {
      bob: stat('bob'),
      carl: stat('carl'),
      content: fs.readFileSync(path.join(out, 'results', 'bob', 'ex0.json'), 'utf8'),
    };
    failStack = false;
    const second = await runCohort({
      sandbox: false,
      rosterPath: file,
      exerciseIds: ['ex0'],
      outDir: out,
      acquireStack,
      retries: 0,
      resume: true,
    });
    expect(second.skipped.map((j) => j.studentId).sort()).toEqual(['bob', 'carl']);
    expect(second.graded.map((j) => j.studentId)).toEqual(['alice']);
    expect(stat('bob')).toBe(before.bob);
    expect(stat('carl')).toBe(before.carl);
    expect(fs.readFileSync(path.join(out, 'results', 'bob', 'ex0.json'), 'utf8')).toBe(before.content);
    expect(readRecord(out, 'alice', 'ex0')!.result.problems[0]!.code).toBe('SERVICE_DIED');
    const starts = readEvents(out)
      .filter((e) => e.event === 'start')
      .map((e) => e.studentId);
    expect(starts.sort()).toEqual(['alice', 'alice', 'bob', 'carl']);
    expect(fs.existsSync(path.join(out, 'students', 'bob', 'kgrade-ex0.html'))).toBe(true);
    // dan's folder is missing: listed with nothing graded, never dropped
    expect(JSON.parse(fs.readFileSync(second.files.summary, 'utf8')).counts).toMatchObject({
      students: 4,
      graded: 2,
      notGradable: 1,
      missing: 1,
      rowProblems: 2,
    });
    expect(second.model.students.find((s) => s.id === 'dan')).toMatchObject({
      name: 'Dan',
      cells: [{ state: 'missing', why: { short: 'dossier absent' } }],
    });
  });

  test("--resume keeps a student's earlier result when their git source cannot be fetched this time (listed as the row's problem)", async () => {
    fs.mkdirSync(path.join(tmp, 'not-a-repo'));
    const url = `file://${path.join(tmp, 'not-a-repo')}`;
    const out = path.join(tmp, 'out');
    writeRecord(
      out,
      fakeRecord(exerciseById('ex0'), { id: 'dan', name: 'Dan' }, 'pass', {
        kind: 'git',
        dir: path.join(tmp, 'empty-b'),
        url,
        commit: 'c0ffee',
        commitDate: '2026-11-20T10:00:00.000Z',
      }),
    );
    const r = await runCohort({
      sandbox: false,
      rosterPath: roster([`dan,Dan,${url}`]),
      exerciseIds: ['ex0'],
      outDir: out,
      acquireStack: async () => Promise.reject(new Error('not expected')),
      gitCacheDir: path.join(tmp, 'git'),
      resume: true,
      lang: 'en',
    });
    expect(r.graded).toEqual([]);
    expect(r.model.rowProblems.map((p) => p.problem?.kind)).toEqual(['git-fetch']);
    expect(JSON.parse(fs.readFileSync(r.files.summary, 'utf8')).counts).toMatchObject({
      students: 1,
      graded: 1,
      rowProblems: 1,
    });
    expect(r.fingerprints.has('dan')).toBe(true);
    expect(fs.existsSync(path.join(out, 'students', 'dan', 'kgrade-ex0.en.html'))).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  test('--parallel auto: one session per core, more for an exercise whose gradings keep less than a core busy, as memory allows', () => {
    const GiB = 1024 ** 3;
    expect(autoParallelism(2, 20 * GiB)).toBe(2);
    expect(autoParallelism(2, 20 * GiB, 1.3)).toBe(2); // a busy exercise never gets fewer than one per core
    expect(autoParallelism(2, 20 * GiB, 0.6)).toBe(2); // 3 would keep 1.8 of 2 cores busy: more than 3/4
    expect(autoParallelism(2, 20 * GiB, 0.46)).toBe(3);
    expect(autoParallelism(2, 20 * GiB, 0.1)).toBe(8);
    expect(autoParallelism(2, 5 * GiB, 0.46)).toBe(2); // two stacks' worth of free memory
    expect(autoParallelism(2, 1 * GiB, 0.46)).toBe(1);
    const limits = sessionLimits('auto', [{ id: 'ex1' }, { id: 'ex3', cpuCores: 0.46 }], 2, 20 * GiB);
    expect(Object.fromEntries(limits)).toEqual({ ex1: 2, ex3: 3 });
    expect(Object.fromEntries(sessionLimits(4, [{ id: 'ex1' }, { id: 'ex3', cpuCores: 0.46 }]))).toEqual({
      ex1: 4,
      ex3: 4,
    });
  });

  test("takeJob: a session beyond an exercise's limit takes only the jobs of exercises that allow it; session 0 takes anything", () => {
    const limits = new Map([
      ['ex1', 2],
      ['ex3', 3],
    ]);
    const queue = [
      { studentId: 'a', exerciseId: 'ex1' },
      { studentId: 'a', exerciseId: 'ex3' },
      { studentId: 'b', exerciseId: 'ex1' },
    ];
    expect(takeJob(queue, 2, limits)).toEqual({ studentId: 'a', exerciseId: 'ex3' });
    expect(takeJob(queue, 2, limits)).toBeUndefined();
    expect(takeJob(queue, 1, limits)).toEqual({ studentId: 'a', exerciseId: 'ex1' });
    expect(takeJob(queue, 0, limits)).toEqual({ studentId: 'b', exerciseId: 'ex1' });
    expect(queue).toEqual([]);
  });

  test('defaults and seeds', () => {
    expect(defaultParallelism(2, 20 * 1024 ** 3)).toBe(1);
    expect(defaultParallelism(8, 20 * 1024 ** 3)).toBe(7);
    expect(defaultParallelism(8, 2 * 1024 ** 3)).toBe(1);
    const a = jobSeed(1, { studentId: 'a', exerciseId: 'ex0' });
    expect(a).toBe(jobSeed(1, { studentId: 'a', exerciseId: 'ex0' }));
    expect(a).not.toBe(jobSeed(1, { studentId: 'b', exerciseId: 'ex0' }));
    expect(a).toBeLessThan(2 ** 31);
  });
});
