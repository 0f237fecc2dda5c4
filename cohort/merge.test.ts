import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GraderError } from '../core/errors.js';
import type { VerdictStatus } from '../model/verdict.js';
import { exerciseById } from '../graders/registry.js';
import type { CohortOptions } from './cohort-options.js';
import { runCohort } from './run-cohort.js';
import { describeMissing, EXIT_INCOMPLETE, mergeCohort } from './merge.js';
import { inShard, shardOf } from './shard.js';
import { runCohortShard } from './shard-run.js';
import { writeRecord } from './store.js';
import { fakeRecord } from './testing/fake-records.js';

const EXERCISES = ['ex0', 'ex1'];
const STUDENTS = ['ana', 'bob', 'chloe', 'dev', 'emil', 'fatou', 'gus', 'hana'];
/** Plain statuses per student x exercise: a mix of passes, failures and a solution that does not start. */
function statuses(id: string, ex: string): VerdictStatus | Record<string, VerdictStatus> {
  const i = STUDENTS.indexOf(id);
  if (i % 4 === 1) return 'error';
  if (i % 3 === 0)
    return Object.fromEntries(exerciseById(ex).checks.map((c, k) => [c.id, (k + i) % 2 ? 'fail' : 'pass']));
  return 'pass';
}

const SNIPPETS = [
  'if (a) { b(); }',
  'while (c) { break; }',
  'for (const d of e) f(d);',
  'switch (g) { default: }',
  'try { h(); } catch { }',
  'return new K();',
  'class L extends M { }',
  'await n.o(p, q);',
];
/** A sequence of statements of its own per student (the similarity index ignores names and literals, not structure). */
function ownCode(i: number): string {
  let x = i * 7919 + 13;
  const lines = Array.from(
    { length: 40 },
    () => SNIPPETS[(x = (x * 1103515245 + 12345) % 2147483648) % SNIPPETS.length],
  );
  return `export async function run() {\n${lines.join('\n')}\n}\n`;
}

let tmp: string;
let rosterPath: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-merge-'));
  const shared =
    'export function handle(a: number, b: number) { const total = a + b; if (total > 10) { return total * 2; } return total - 1; }\n';
  for (const id of STUDENTS) {
    fs.mkdirSync(path.join(tmp, 'sols', id), { recursive: true });
    // ana and gus hand in the same code (a similar pair across shards); the others their own.
    const src = id === 'ana' || id === 'gus' ? shared : ownCode(STUDENTS.indexOf(id));
    fs.writeFileSync(path.join(tmp, 'sols', id, 'main.ts'), src);
  }
  rosterPath = path.join(tmp, 'roster.csv');
  const rows = STUDENTS.map((id) => `${id},${id.toUpperCase()} Name,sols/${id}`);
  fs.writeFileSync(
    rosterPath,
    ['student_id,display_name,solution', ...rows, 'bad row without solution,', 'zed,Zed,sols/nowhere'].join('\n'),
  );
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Stores fake results for the students a folder would have graded, as a finished run leaves them. */
function seed(outDir: string, accept: (id: string) => boolean): void {
  for (const id of STUDENTS.filter(accept)) {
    for (const ex of EXERCISES)
      writeRecord(
        outDir,
        fakeRecord(exerciseById(ex), { id, name: `${id.toUpperCase()} Name` }, statuses(id, ex), {
          kind: 'path',
          dir: path.join(tmp, 'sols', id),
        }),
      );
  }
}

const noStack: CohortOptions['acquireStack'] = async () => {
  throw new GraderError('INTERNAL', 'this test grades nothing', { hint: 'every result is already stored' });
};
const base = (outDir: string): CohortOptions => ({
  rosterPath,
  exerciseIds: EXERCISES,
  outDir,
  resume: true,
  acquireStack: noStack,
  lang: 'en',
  similarityThreshold: 0.8,
  deadline: '2026-11-20T18:00:00.000Z',
});
const withoutDate = (file: string) =>
  fs.readFileSync(file, 'utf8').replace(/"generatedAt": "[^"]+"/, '"generatedAt": "-"');

async function shards(n: number, only?: number[]): Promise<string[]> {
  const dirs: string[] = [];
  for (let index = 1; index <= n; index++) {
    if (only && !only.includes(index)) continue;
    const dir = path.join(tmp, `shard-${index}`);
    seed(dir, (id) => inShard(id, { index, count: n }));
    await runCohortShard({ ...base(dir), shard: { index, count: n } });
    dirs.push(dir);
  }
  return dirs;
}

describe('cohort shards merged', () => {
  test('3 shards merged give the same gradebook, summary and dashboard data as one unsharded run', async () => {
    seed(path.join(tmp, 'whole'), () => true);
    const whole = await runCohort(base(path.join(tmp, 'whole')));
    expect(new Set(STUDENTS.map((id) => shardOf(id, 3))).size).toBe(3); // the roster really is spread
    const merged = mergeCohort({ dirs: await shards(3), outDir: path.join(tmp, 'merged') });

    expect(fs.readFileSync(merged.files.gradebook, 'utf8')).toBe(fs.readFileSync(whole.files.gradebook, 'utf8'));
    expect(withoutDate(merged.files.summary)).toBe(withoutDate(whole.files.summary));
    expect(merged.model.similarPairs).toEqual([{ a: 'ana', b: 'gus', similarity: 1 }]);
    expect(merged.model.rowProblems.map((p) => p.line)).toEqual([10, 11]);
    expect(merged.plan.missing).toEqual([]);
    expect(merged.exitCode).toBe(whole.exitCode);
    for (const id of STUDENTS)
      expect(fs.existsSync(path.join(merged.outDir, 'students', id, 'kgrade-ex1.en.html'))).toBe(true);
  });

  test('a missing shard is named with its students; merging again once it arrives completes the gradebook', async () => {
    const dirs = await shards(3, [1, 3]);
    const partial = mergeCohort({ dirs, outDir: path.join(tmp, 'merged') });
    const absent = STUDENTS.filter((id) => shardOf(id, 3) === 2);
    expect(partial.exitCode).toBe(EXIT_INCOMPLETE);
    expect(partial.plan.shardsMissing).toEqual([2]);
    expect(describeMissing(partial.plan)).toEqual([`missing shard 2/3: ${absent.join(', ')}`]);
    const gradebook = fs.readFileSync(partial.files.gradebook, 'utf8');
    for (const id of absent)
      expect(gradebook).toMatch(new RegExp(`^${id},.*ex0 not graded yet; ex1 not graded yet"$`, 'm'));
    // the roster's bad rows are students with nothing graded, after the others
    expect(partial.model.students.map((s) => s.id)).toEqual([...STUDENTS, 'bad row without solution', 'zed']);

    const complete = mergeCohort({ dirs: [...dirs, ...(await shards(3, [2]))], outDir: path.join(tmp, 'merged') });
    expect(complete.exitCode).toBe(1); // the roster's bad rows, as an unsharded run
    expect(describeMissing(complete.plan)).toEqual([]);
    expect(complete.model.counts.missing).toBe(2 * EXERCISES.length); // the two bad rows' exercises, nothing else
  });

  test('a result missing inside a present shard is named, never dropped', async () => {
    const dirs = await shards(2);
    const victim = STUDENTS.find((id) => shardOf(id, 2) === 1)!;
    fs.rmSync(path.join(dirs[0]!, 'results', victim, 'ex1.json'));
    const r = mergeCohort({ dirs, outDir: path.join(tmp, 'merged') });
    expect(r.exitCode).toBe(EXIT_INCOMPLETE);
    expect(describeMissing(r.plan)).toEqual([`missing result: ${victim} ex1 (shard 1/2 has no result for it)`]);
  });

  test('a student graded in two folders with different results is an error naming both folders', async () => {
    const dirs = await shards(2);
    const id = STUDENTS.find((x) => shardOf(x, 2) === 1)!;
    const rogue = path.join(tmp, 'rerun');
    fs.cpSync(dirs[0]!, rogue, { recursive: true });
    writeRecord(
      rogue,
      fakeRecord(exerciseById('ex0'), { id, name: 'x' }, 'fail', { kind: 'path', dir: path.join(tmp, 'sols', id) }),
    );
    const err = (() => {
      try {
        mergeCohort({ dirs: [...dirs, rogue], outDir: path.join(tmp, 'merged') });
      } catch (e) {
        return e as GraderError;
      }
    })();
    expect(err).toBeInstanceOf(GraderError);
    expect(err!.message).toContain(`${id} ex0 has different results in ${dirs[0]} (`);
    expect(err!.message).toContain(`and ${rogue} (0/`);
    // The same shard given twice with the same results is no conflict.
    fs.rmSync(rogue, { recursive: true });
    fs.cpSync(dirs[0]!, rogue, { recursive: true });
    expect(mergeCohort({ dirs: [...dirs, rogue], outDir: path.join(tmp, 'merged') }).exitCode).toBe(1);
  });

  test('shards of another roster, another shard count or an unfinished shard are refused', async () => {
    const [one] = await shards(2, [1]);
    const other = path.join(tmp, 'other');
    seed(other, (id) => inShard(id, { index: 2, count: 3 }));
    await runCohortShard({ ...base(other), shard: { index: 2, count: 3 } });
    expect(() => mergeCohort({ dirs: [one!, other], outDir: path.join(tmp, 'm') })).toThrow(
      /shards disagree on the number of shards/,
    );
    fs.rmSync(path.join(other, 'shard.json'));
    expect(() => mergeCohort({ dirs: [one!, other], outDir: path.join(tmp, 'm') })).toThrow(
      /is not a finished shard's output folder/,
    );
    fs.appendFileSync(rosterPath, '\nivy,Ivy,sols/ana');
    const moved = path.join(tmp, 'moved');
    seed(moved, (id) => inShard(id, { index: 2, count: 2 }));
    await runCohortShard({ ...base(moved), shard: { index: 2, count: 2 } });
    expect(() => mergeCohort({ dirs: [one!, moved], outDir: path.join(tmp, 'm') })).toThrow(
      /shards disagree on the roster/,
    );
    expect(() => mergeCohort({ dirs: [one!], outDir: one! })).toThrow(/is also a shard folder/);
  });
});
