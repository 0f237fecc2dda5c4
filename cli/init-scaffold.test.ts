import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { loadManifest } from '../runner/manifest.js';
import { applyScaffold, detectRunner, fillTemplate, ownPackageSpec, scaffoldFiles } from './init-scaffold.js';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-init-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kgrade init', () => {
  test('writes a valid kgrade.json and the GitHub workflow set to the exercise and this kgrade version', () => {
    fs.writeFileSync(path.join(dir, 'pom.xml'), '<project/>');
    const files = scaffoldFiles({ exerciseId: 'ex2', ci: 'github', packageSpec: ownPackageSpec(), runner: detectRunner((f) => fs.existsSync(path.join(dir, f))) });
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
    const files = scaffoldFiles({ exerciseId: 'ex1', ci: 'gitlab', packageSpec: 'kafka-grader@1.2.3', runner: undefined });
    applyScaffold(dir, files, false);
    expect(applyScaffold(dir, files, false).map((d) => d.action)).toEqual(['unchanged', 'unchanged']);
    fs.writeFileSync(path.join(dir, 'kgrade.json'), '{"runner":"command","start":"python3 main.py"}\n');
    expect(applyScaffold(dir, files, false).map((d) => d.action)).toEqual(['keep', 'unchanged']);
    expect(fs.readFileSync(path.join(dir, 'kgrade.json'), 'utf8')).toContain('python3');
    expect(applyScaffold(dir, files, true).map((d) => d.action)).toEqual(['overwrite', 'unchanged']);
    expect(YAML.parse(fs.readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')).variables).toMatchObject({ KGRADE_EXERCISE: 'ex1', KGRADE_PACKAGE: 'kafka-grader@1.2.3' });
  });

  test('the templates carry exactly one exercise and one package line to fill', () => {
    for (const t of ['github/kgrade-student.yml', 'gitlab/kgrade-student.gitlab-ci.yml']) {
      const text = fs.readFileSync(path.resolve(import.meta.dirname, '../templates', t), 'utf8');
      expect(text.match(/^\s*KGRADE_EXERCISE: ex0$/gm)).toHaveLength(1);
      expect(text.match(/^\s*KGRADE_PACKAGE: kafka-grader@\S+$/gm)).toHaveLength(1);
      expect(fillTemplate(text, 'ex9', 'x@1')).toMatch(/KGRADE_EXERCISE: ex9\n[\s\S]*KGRADE_PACKAGE: x@1\n/);
    }
  });

  test('the runner follows the build file (Maven first), none when there is neither', () => {
    expect(detectRunner((f) => f === 'pom.xml' || f === 'package.json')).toBe('maven');
    expect(detectRunner((f) => f === 'package.json')).toBe('node');
    expect(detectRunner(() => false)).toBeUndefined();
  });
});
