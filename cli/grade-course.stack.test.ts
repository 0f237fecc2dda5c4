import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');
// Inside the project, so the TypeScript references find kafkajs in its node_modules as they do in fixtures/.
const WORK = path.join(ROOT, `.kgrade-test-course-${process.pid}`);

function kgrade(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kgrade.mjs'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const report = (dir: string, id: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'kgrade-out', `kgrade-${id}.json`), 'utf8')) as {
    score: number;
    maxScore: number;
    exercise: { id: string };
  };

/**
 * `kgrade grade ex0 ex5 --parallel 2` as a student runs it: two exercises graded at once, each on its own stack,
 * reports and the course summary in the course's order. Once from a repository with a folder per exercise, once
 * from one folder whose kgrade.json declares both (one build at a time in that folder).
 */
describe('kgrade grade, several exercises at once', () => {
  afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

  test('a folder per exercise: both graded full marks, the summary in the course order', async () => {
    const repo = path.join(WORK, 'by-folder');
    for (const id of ['ex0', 'ex5'])
      fs.cpSync(path.join(FIXTURES, id, 'reference-ts'), path.join(repo, id), { recursive: true });
    const r = await kgrade(
      [
        'grade',
        'ex0',
        'ex5',
        '--solution',
        '.',
        '--parallel',
        '2',
        '--stack',
        'native',
        '--format',
        'console,json',
        '--lang',
        'en',
      ],
      repo,
    );
    expect(r.code, r.err).toBe(0);
    for (const id of ['ex0', 'ex5']) {
      const j = report(repo, id);
      expect(j.score, `${id}\n${r.err}`).toBe(j.maxScore);
    }
    // One report per exercise then the summary, ex0 before ex5 whichever finished first.
    expect(r.out.indexOf('ex0')).toBeLessThan(r.out.indexOf('ex5'));
    const summary = r.out.slice(r.out.lastIndexOf('ex0'));
    expect(summary).toMatch(/ex5/);
  });

  test('one folder declaring both: both graded full marks', async () => {
    const dir = path.join(WORK, 'one-folder');
    for (const id of ['ex0', 'ex5'])
      fs.cpSync(path.join(FIXTURES, id, 'reference-ts', 'src'), path.join(dir, `${id}-src`), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'kgrade.json'),
      JSON.stringify({
        runner: 'node',
        exercises: { ex0: { main: 'ex0-src/main.ts' }, ex5: { main: 'ex5-src/main.ts' } },
      }),
    );
    const r = await kgrade(
      ['grade', '--all', '--solution', '.', '--parallel', '2', '--stack', 'native', '--format', 'json', '--lang', 'en'],
      dir,
    );
    expect(r.code, r.err).toBe(0);
    for (const id of ['ex0', 'ex5']) {
      const j = report(dir, id);
      expect(j.score, `${id}\n${r.err}`).toBe(j.maxScore);
    }
  });
});
