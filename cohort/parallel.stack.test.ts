/**
 * `--parallel` with a stack per session grades exactly as one session at a time: same seeds, same verdicts.
 * A small roster on ex0 (a reference, a mutant, a null fixture), graded sequentially on the test worker's stack,
 * then by two sessions at once, each on its own stack (started and stopped by the run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sharedStack, testProvider } from '../stack/shared-stack.js';
import { runCohort } from './run-cohort.js';
import { readRecord } from './store.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ex0');
const STUDENTS = { ana: 'reference-ts', ben: 'mutant-keyed-without-key', cleo: 'null-does-nothing' };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-parallel-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('parallel cohort grading', () => {
  test('two sessions on their own stacks give the seeds and verdicts of a sequential run', async () => {
    const roster = path.join(work, 'roster.csv');
    fs.writeFileSync(
      roster,
      [
        'student_id,display_name,solution',
        ...Object.entries(STUDENTS).map(([id, f]) => `${id},${id},${path.join(FIXTURES, f)}`),
      ].join('\n'),
    );
    const common = { rosterPath: roster, exerciseIds: ['ex0'], seed: 20, lang: 'en' as const };
    const seq = await runCohort({
      ...common,
      outDir: path.join(work, 'out-1'),
      parallel: 1,
      acquireStack: (needs) => sharedStack(needs),
    });
    const par = await runCohort({
      ...common,
      outDir: path.join(work, 'out-2'),
      parallel: 2,
      stacks: 'per-session',
      provider: testProvider(),
      images: 'auto',
    });
    expect(par.stack.starts).toBe(2);
    for (const id of Object.keys(STUDENTS)) {
      const a = readRecord(seq.outDir, id, 'ex0')!.result;
      const b = readRecord(par.outDir, id, 'ex0')!.result;
      expect(b.seed).toBe(a.seed);
      expect(
        b.verdicts.map((v) => [v.id, v.status]),
        id,
      ).toEqual(a.verdicts.map((v) => [v.id, v.status]));
    }
    process.stderr.write(
      `parallel cohort on ex0, 3 students: sequential ${(seq.wallMs / 1000).toFixed(1)} s, 2 sessions ${(par.wallMs / 1000).toFixed(1)} s\n`,
    );
  }, 600_000);
});
