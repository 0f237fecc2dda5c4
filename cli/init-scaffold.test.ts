import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { loadManifest } from '../runner/manifest.js';
import {
  applyScaffold,
  chooseRunner,
  detectRunner,
  fillTemplate,
  ownPackageSpec,
  scaffoldFiles,
  workflowPackageSpec,
} from './init-scaffold.js';

const files = (names: Record<string, string>) => (f: string) => names[f];

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-init-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kgrade init', () => {
  test('writes a valid kgrade.json and the GitHub workflow set to the exercise and this kgrade version', () => {
    fs.writeFileSync(path.join(dir, 'pom.xml'), '<project/>');
    const files = scaffoldFiles({
      exerciseId: 'ex2',
      ci: 'github',
      packageSpec: ownPackageSpec(),
      runner: detectRunner((f) =>
        fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : undefined,
      )!,
    });
    expect(applyScaffold(dir, files, false)).toEqual([
      { path: 'kgrade.json', action: 'create' },
      { path: '.github/workflows/kgrade.yml', action: 'create' },
    ]);
    expect(loadManifest(dir)).toEqual({ runner: 'maven', exercises: { ex2: {} } });
    const wf = YAML.parse(fs.readFileSync(path.join(dir, '.github/workflows/kgrade.yml'), 'utf8'));
    expect(wf.env.KGRADE_EXERCISE).toBe('ex2');
    expect(wf.env.KGRADE_PACKAGE).toMatch(/^kafka-grader@\d+\.\d+\.\d+/);
  });

  test('running it again changes nothing; a file the student edited is kept unless forced', () => {
    const files = scaffoldFiles({
      exerciseId: 'ex1',
      ci: 'gitlab',
      packageSpec: 'kafka-grader@1.2.3',
      runner: { runner: 'node', main: 'src/main.ts' },
    });
    applyScaffold(dir, files, false);
    expect(applyScaffold(dir, files, false).map((d) => d.action)).toEqual(['unchanged', 'unchanged']);
    fs.writeFileSync(path.join(dir, 'kgrade.json'), '{"runner":"command","start":"python3 main.py"}\n');
    expect(applyScaffold(dir, files, false).map((d) => d.action)).toEqual(['keep', 'unchanged']);
    expect(fs.readFileSync(path.join(dir, 'kgrade.json'), 'utf8')).toContain('python3');
    expect(applyScaffold(dir, files, true).map((d) => d.action)).toEqual(['overwrite', 'unchanged']);
    expect(YAML.parse(fs.readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')).variables).toMatchObject({
      KGRADE_EXERCISE: 'ex1',
      KGRADE_PACKAGE: 'kafka-grader@1.2.3',
    });
  });

  test("the templates' default package is this package at its version (bumped with it)", () => {
    const read = (t: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../templates', t), 'utf8');
    expect(YAML.parse(read('github/kgrade-student.yml')).env.KGRADE_PACKAGE).toBe(ownPackageSpec());
    expect(YAML.parse(read('gitlab/kgrade-student.gitlab-ci.yml')).variables.KGRADE_PACKAGE).toBe(ownPackageSpec());
    expect(YAML.parse(read('github/kgrade-cohort.yml')).on.workflow_dispatch.inputs.package.default).toBe(
      ownPackageSpec(),
    );
  });

  test('the templates carry exactly one exercise and one package line to fill', () => {
    for (const t of ['github/kgrade-student.yml', 'gitlab/kgrade-student.gitlab-ci.yml']) {
      const text = fs.readFileSync(path.resolve(import.meta.dirname, '../templates', t), 'utf8');
      expect(text.match(/^\s*KGRADE_EXERCISE: ex0$/gm)).toHaveLength(1);
      expect(text.match(/^\s*KGRADE_PACKAGE: kafka-grader@\S+$/gm)).toHaveLength(1);
      expect(fillTemplate(text, 'ex9', 'x@1')).toMatch(/KGRADE_EXERCISE: ex9\n[\s\S]*KGRADE_PACKAGE: x@1\n/);
    }
  });

  test('the runner follows the build file (Maven first); node needs a .ts/.js entry; none otherwise', () => {
    expect(detectRunner(files({ 'pom.xml': '<project/>', 'package.json': '{}' }))).toEqual({ runner: 'maven' });
    expect(detectRunner(files({ 'package.json': '{"main": "./app/start.ts"}', 'app/start.ts': '' }))).toEqual({
      runner: 'node',
      main: 'app/start.ts',
    });
    expect(detectRunner(files({ 'package.json': '{"main": "dist/x.css"}', 'src/index.ts': '' }))).toEqual({
      runner: 'node',
      main: 'src/index.ts',
    });
    expect(detectRunner(files({ 'package.json': '{ "name": "student-app" }' }))).toBeUndefined();
    expect(detectRunner(files({}))).toBeUndefined();
  });

  test('init never writes a manifest without a runner: it takes --runner or says how to give one', () => {
    expect(chooseRunner({}, undefined)).toMatch(
      /^kgrade init: cannot tell how your solution runs .*--runner node\|maven\|command/,
    );
    expect(chooseRunner({}, { runner: 'maven' })).toEqual({ runner: 'maven' });
    expect(chooseRunner({ runner: 'node' }, undefined)).toEqual({ runner: 'node', main: 'src/main.ts' });
    expect(chooseRunner({ runner: 'node' }, { runner: 'node', main: 'index.ts' })).toEqual({
      runner: 'node',
      main: 'index.ts',
    });
    expect(chooseRunner({ runner: 'command' }, undefined)).toMatch(/--runner command needs .*--start/);
    expect(chooseRunner({ runner: 'command', start: './app' }, undefined)).toEqual({
      runner: 'command',
      start: './app',
    });
    expect(chooseRunner({ runner: 'python' }, undefined)).toMatch(/unknown runner 'python'/);
    for (const choice of [
      { runner: 'node', main: 'src/main.ts' },
      { runner: 'maven' },
      { runner: 'command', start: './app' },
    ] as const) {
      applyScaffold(dir, scaffoldFiles({ exerciseId: 'ex0', ci: 'none', packageSpec: 'x', runner: choice }), true);
      expect(loadManifest(dir)).toMatchObject({ ...choice, exercises: { ex0: {} } });
    }
  });

  test('the package source: a name, a git URL or a URL as given; a tarball in the repository by its relative path', () => {
    expect(workflowPackageSpec('kafka-grader@0.1.0', '/r', '/r')).toBe('kafka-grader@0.1.0');
    expect(workflowPackageSpec('github:me/kafka-grader#v0.1.0', '/r', '/r')).toBe('github:me/kafka-grader#v0.1.0');
    expect(workflowPackageSpec('https://example.org/kafka-grader-0.1.0.tgz', '/r', '/r')).toBe(
      'https://example.org/kafka-grader-0.1.0.tgz',
    );
    expect(workflowPackageSpec('vendor/kafka-grader-0.1.0.tgz', '/r', '/r')).toBe('./vendor/kafka-grader-0.1.0.tgz');
    expect(workflowPackageSpec('/r/kafka-grader-0.1.0.tgz', '/r', '/elsewhere')).toBe('./kafka-grader-0.1.0.tgz');
    expect(workflowPackageSpec('../kafka-grader-0.1.0.tgz', '/r', '/r')).toMatchObject({
      error: expect.stringMatching(/outside the repository/),
    });
    expect(workflowPackageSpec('a b', '/r', '/r')).toMatchObject({
      error: expect.stringMatching(/not a package spec/),
    });
  });
});
