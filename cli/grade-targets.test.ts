import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { UsageError } from '../core/errors.js';
import {
  discoverTargets,
  exerciseFoldersWithoutManifest,
  namedTargets,
  resolveTargets,
  shownPath,
} from './grade-targets.js';

const roots: string[] = [];
function repo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-targets-'));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
const manifest = (...ids: string[]) =>
  JSON.stringify({ runner: 'node', main: 'src/main.ts', exercises: Object.fromEntries(ids.map((id) => [id, {}])) });

describe('--all: every exercise of a repository', () => {
  test('a folder per exercise, in exercise order (ex10 after ex9), dependencies and outputs not searched', () => {
    const root = repo({
      'ex10/kgrade.json': manifest('ex10'),
      'ex2/kgrade.json': manifest('ex2'),
      'ex9/kgrade.json': manifest(),
      'node_modules/x/kgrade.json': manifest('ex1'),
      'kgrade-out/kgrade.json': manifest('ex3'),
      'notes/readme.md': '',
    });
    expect(discoverTargets(root).map((t) => [t.exerciseId, path.relative(root, t.dir)])).toEqual([
      ['ex2', 'ex2'],
      ['ex9', 'ex9'],
      ['ex10', 'ex10'],
    ]);
  });
  test("the repository's own kgrade.json and subfolders together; a subfolder named otherwise counts by its manifest", () => {
    const root = repo({ 'kgrade.json': manifest('ex0', 'ex1'), 'streams/kgrade.json': manifest('ex6') });
    expect(discoverTargets(root).map((t) => [t.exerciseId, path.relative(root, t.dir) || '.'])).toEqual([
      ['ex0', '.'],
      ['ex1', '.'],
      ['ex6', 'streams'],
    ]);
  });
  test('an exercise folder without kgrade.json is listed (not graded, and said)', () => {
    const root = repo({ 'ex1/src/main.ts': '', 'ex2/kgrade.json': manifest('ex2'), 'docs/x.md': '' });
    expect(exerciseFoldersWithoutManifest(root)).toEqual(['ex1']);
  });
  test('an exercise in two folders is refused, naming both', () => {
    const root = repo({ 'a/kgrade.json': manifest('ex2'), 'b/kgrade.json': manifest('ex2') });
    expect(() => discoverTargets(root, 'course')).toThrow(/--all found ex2 twice: in course\/a and in course\/b/);
  });
  test('nothing declared: one line with the fix', () => {
    const root = repo({ 'src/main.ts': '' });
    expect(() => discoverTargets(root, 'course')).toThrow(UsageError);
    expect(() => discoverTargets(root, 'course')).toThrow(/found no exercise in course/);
  });
  test('a kgrade.json that is not JSON is named', () => {
    const root = repo({ 'ex1/kgrade.json': '{ runner: node' });
    expect(() => discoverTargets(root, 'course')).toThrow(/course\/ex1\/kgrade.json is not valid JSON/);
  });
  test('a path inside a git URL is named in brackets after the URL, not joined to it', () => {
    const root = repo({ 'ex1/kgrade.json': '{ runner: node' });
    const url = 'https://git.example/s/course.git';
    expect(() => discoverTargets(root, url, true)).toThrow(`${url} (ex1/kgrade.json) is not valid JSON`);
    expect(shownPath(path.join(root, 'ex1'), root, url, true)).toBe(`${url} (ex1)`);
    expect(shownPath(root, root, url, true)).toBe(url);
    expect(shownPath(path.join(root, 'ex1'), root, '.')).toBe('ex1');
  });
});

describe('named exercises', () => {
  test('graded in the folder itself when it has a kgrade.json', () => {
    const root = repo({ 'kgrade.json': manifest('ex1'), 'ex1/kgrade.json': manifest('ex1') });
    expect(namedTargets(root, ['ex1'])).toEqual([{ exerciseId: 'ex1', dir: root }]);
  });
  test('in the subfolder of that name when the folder has none (a repository graded from its root)', () => {
    const root = repo({ 'ex1/kgrade.json': manifest('ex1') });
    expect(namedTargets(root, ['ex1', 'ex2'])).toEqual([
      { exerciseId: 'ex1', dir: path.join(root, 'ex1') },
      { exerciseId: 'ex2', dir: root },
    ]);
  });
  test('exercises and --all together, or neither, are usage errors', () => {
    const root = repo({ 'kgrade.json': manifest('ex1') });
    expect(() => resolveTargets(root, ['ex1'], true)).toThrow(/both exercises \(ex1\) and --all/);
    expect(() => resolveTargets(root, [], false)).toThrow(/no exercise to grade/);
  });
});
