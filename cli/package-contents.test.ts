import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../graders/registry.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The files `npm pack` would put in the tarball (package.json `files`), without building it. */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

/** Relative imports of a TypeScript/JavaScript source, as written (`./x.js`, `../y/z.js`). */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('npm package contents', () => {
  const files = packedFiles();
  const set = new Set(files);

  test('the CLI, its templates and every grader spec are in the tarball', () => {
    expect(set.has('bin/kgrade.mjs')).toBe(true);
    expect(set.has('cli/main.ts')).toBe(true);
    for (const t of [
      'templates/github/kgrade-student.yml',
      'templates/github/kgrade-cohort.yml',
      'templates/gitlab/kgrade-student.gitlab-ci.yml',
      'templates/job-summary.mjs',
      'templates/README.md',
      'scenarios/faults/leader-kill.yaml',
      'scenarios/workloads/news-paced.yaml',
      'templates/kubernetes/kgrade-cohort-job.yaml',
      'templates/kubernetes/kgrade-merge-job.yaml',
    ])
      expect(set.has(t), t).toBe(true);
    for (const ex of EXERCISES)
      for (const lang of ['fr', 'en'])
        expect(set.has(`graders/${ex.id}/spec.${lang}.md`), `${ex.id} spec.${lang}.md`).toBe(true);
  });

  test('no test, dependency folder, build output, grading output or CI script is shipped', () => {
    const unwanted = files.filter((f) =>
      /\.test\.ts$|(^|\/)(node_modules|kgrade-out|target|kgrade-cohort)\/|^\.ci\/|^scratch\//.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  test("the tests' helpers and sample data are not shipped; what the commands read at run time is", () => {
    const testOnly = files.filter((f) =>
      /(^|\/)testing\/|^fixtures\/cohort-demo\/|^bench\/(micro|sample-bench)\.ts$|^reports\/sample-result\.ts$|^loadgen\/sample-run\.ts$|^scripts\//.test(
        f,
      ),
    );
    expect(testOnly).toEqual([]);
    // kgrade setup (runs without tsx), kgrade selftest (every exercise's fixtures), kgrade init (the templates).
    for (const f of [
      'cli/setup/machine-setup.mjs',
      'cli/setup-command.ts',
      'fixtures/ex0/reference-ts/src/main.ts',
      'fixtures/ex0/reference-ts/expect.json',
    ])
      expect(set.has(f), f).toBe(true);
    for (const ex of EXERCISES)
      expect(
        files.some((f) => f.startsWith(`fixtures/${ex.id}/reference`)),
        `fixtures/${ex.id}/reference-*`,
      ).toBe(true);
  });

  test('every relative import of a shipped source resolves to a shipped file (tsx runs the sources as they are)', () => {
    const missing: string[] = [];
    for (const f of files.filter((x) => /\.(ts|mts|mjs)$/.test(x) && !x.startsWith('fixtures/'))) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      for (const spec of relativeImports(text)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec));
        const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts')];
        if (!candidates.some((c) => set.has(c))) missing.push(`${f} -> ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
