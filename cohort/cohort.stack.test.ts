/**
 * The demo cohort graded for real on ex0 (the shared stack, in-process), then the CLI killed with SIGKILL
 * mid-way and resumed (its own stack, in a child process). Kept small: one exercise, a handful of students.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exerciseById } from '../graders/registry.js';
import { expectedStatus, loadExpectation } from '../selftest/fixture-expectations.js';
import { sharedStack } from '../stack/shared-stack.js';
import { runCohort } from './run-cohort.js';
import { readEvents, readRecord } from './store.js';
import { DEMO_DIR, DEMO_WORK, makeGitRepo } from './testing/demo-git.js';

const ex0 = exerciseById('ex0');
const DEADLINE = '2026-11-01T00:00:00.000Z';

afterAll(() => fs.rmSync(DEMO_WORK, { recursive: true, force: true }));

describe('cohort on a real stack', () => {
  test('the demo cohort on ex0: every verdict as its fixture expects, reports written', async () => {
    const work = path.join(DEMO_WORK, `demo-${process.pid}`);
    const git = makeGitRepo(
      path.join(DEMO_DIR, '../ex0/reference-ts'),
      path.join(work, 'emma-repo'),
      '2026-11-02T09:00:00Z',
    );
    const parallel = Number(process.env.KGRADE_COHORT_PARALLEL ?? 1);
    const r = await runCohort({
      rosterPath: path.join(DEMO_DIR, 'roster.csv'),
      exerciseIds: ['ex0'],
      outDir: path.join(work, 'out'),
      parallel,
      gitAliases: { 'ex0-reference': git.url },
      gitCacheDir: path.join(work, 'git-cache'),
      deadline: DEADLINE,
      lang: 'en',
      acquireStack: (needs) => sharedStack(needs),
    });
    process.stderr.write(
      `demo cohort on ex0, --parallel ${parallel}: ${(r.wallMs / 1000).toFixed(1)} s (stack starts ${r.stack.starts}, heals ${r.stack.heals})\n`,
    );

    expect(r.model.rowProblems.map((p) => p.id)).toEqual(['bob', 'hugo']);
    // hugo's folder does not exist: on the dashboard with nothing graded, marked, counted
    expect(r.model.counts).toMatchObject({ students: 7, graded: 6, notGradable: 0, missing: 1, late: 1 });
    expect(r.model.students.find((s) => s.id === 'hugo')).toMatchObject({
      name: 'Hugo Moreau',
      cells: [{ state: 'missing', why: { short: 'folder missing' } }],
    });
    for (const s of r.model.students.filter((x) => x.id !== 'hugo')) {
      const rec = readRecord(r.outDir, s.id, 'ex0')!;
      const fixtureDir = s.id === 'emma' ? path.join(DEMO_DIR, '../ex0/reference-ts') : rec.source.dir;
      const expectation = loadExpectation(fixtureDir);
      const got = Object.fromEntries(rec.result.verdicts.map((v) => [v.id, v.status]));
      const want = Object.fromEntries(ex0.checks.map((c) => [c.id, expectedStatus(expectation, c.id)]));
      expect(got, `${s.id} (${path.basename(fixtureDir)})`).toEqual(want);
      expect(rec.attempts).toBe(1);
      expect(fs.existsSync(path.join(r.outDir, 'students', s.id, 'kgrade-ex0.en.html'))).toBe(true);
    }
    const emma = readRecord(r.outDir, 'emma', 'ex0')!;
    expect(emma.source).toMatchObject({ kind: 'git', commit: git.commit, commitDate: '2026-11-02T09:00:00.000Z' });
    expect(emma.result.solution.commit).toBe(git.commit);
    expect(r.model.students.find((s) => s.id === 'emma')).toMatchObject({ late: true, pct: 100 });
    expect(r.model.needsHelp.map((h) => h.id)).toContain('david');
    expect(r.model.similarPairs).toContainEqual({ a: 'alice', b: 'emma', similarity: 1 });
    expect(r.model.reteach.length).toBeGreaterThan(0);
    const gradebook = fs.readFileSync(r.files.gradebook, 'utf8');
    expect(gradebook).toContain(`emma,Emma Bernard,`);
    expect(gradebook).toContain(git.commit);
    expect(fs.readFileSync(r.files.dashboard, 'utf8')).toContain('<section id="reteach">');
  });

  test('SIGKILL mid-way, then --resume: nothing finished is lost or rewritten, nothing graded twice', async () => {
    const work = path.join(DEMO_WORK, `kill-${process.pid}`);
    fs.mkdirSync(work, { recursive: true });
    const roster = path.join(work, 'roster.csv');
    const fx = (n: string) => path.join(DEMO_DIR, '../ex0', n);
    fs.writeFileSync(
      roster,
      [
        'student_id,display_name,solution',
        `alice,Alice,${fx('reference-ts')}`,
        `bob,Bob,${fx('mutant-three-partitions')}`,
        `chloe,Chloé,${fx('mutant-not-from-beginning')}`,
      ].join('\n'),
    );
    const out = path.join(work, 'out');
    const cli = (extra: string[]) => {
      const child = spawn(
        process.execPath,
        [
          path.join(import.meta.dirname, '..', 'bin', 'kgrade.mjs'),
          'cohort',
          roster,
          '--exercises',
          'ex0',
          '--out',
          out,
          '--parallel',
          '1',
          '--seed',
          '11',
          ...extra,
        ],
        {
          cwd: path.resolve(import.meta.dirname, '..'),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let log = '';
      child.stdout.on('data', (d) => (log += d));
      child.stderr.on('data', (d) => (log += d));
      const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      return { child, exit, log: () => log };
    };
    const finished = () =>
      fs.existsSync(path.join(out, 'results'))
        ? fs.readdirSync(path.join(out, 'results')).flatMap((s) =>
            fs
              .readdirSync(path.join(out, 'results', s))
              .filter((f) => !f.startsWith('.'))
              .map((f) => path.join(out, 'results', s, f)),
          )
        : [];

    const first = cli([]);
    const deadline = Date.now() + 10 * 60_000;
    let exited = false;
    void first.exit.then(() => (exited = true));
    while (!finished().length && !exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(finished().length, first.log()).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exit;
    const kept = new Map(
      finished().map((f) => [f, { content: fs.readFileSync(f, 'utf8'), mtimeMs: fs.statSync(f).mtimeMs }]),
    );
    expect(kept.size).toBeLessThan(3);

    const second = cli(['--resume']);
    const code = await second.exit;
    expect(code, second.log()).toBe(0);

    for (const [f, before] of kept) {
      expect(fs.readFileSync(f, 'utf8'), f).toBe(before.content);
      expect(fs.statSync(f).mtimeMs, f).toBe(before.mtimeMs);
    }
    const events = readEvents(out);
    const key = (e: { studentId?: string; exerciseId?: string }) => `${e.studentId}/${e.exerciseId}`;
    const keptKeys = [...kept.keys()].map((f) => `${path.basename(path.dirname(f))}/${path.basename(f, '.json')}`);
    const secondStarts = events.filter((e) => e.pid === second.child.pid && e.event === 'start').map(key);
    expect(secondStarts.filter((k) => keptKeys.includes(k))).toEqual([]);
    expect(secondStarts.length + keptKeys.length).toBe(3);
    const doneCount = new Map<string, number>();
    for (const e of events.filter((x) => x.event === 'done')) doneCount.set(key(e), (doneCount.get(key(e)) ?? 0) + 1);
    expect([...doneCount.values()]).toEqual([1, 1, 1]);
    for (const s of ['alice', 'bob', 'chloe']) expect(readRecord(out, s, 'ex0')?.result.outcome).toBe('graded');
    expect(fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
  });
});
