/**
 * What `kgrade grade` grades: pairs of (exercise, solution folder). A student's repository holds either one
 * solution whose kgrade.json names its exercises, or a folder per exercise (ex1/, ex2/... each with its own
 * kgrade.json), or both. `--all` grades every exercise found that way; named exercises are graded in the
 * solution folder, or in the subfolder of that name when the folder itself has no kgrade.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

export interface GradeTarget {
  exerciseId: string;
  /** Absolute path of the folder graded for this exercise. */
  dir: string;
}

const MANIFEST = 'kgrade.json';
/** Folders never searched for a solution: dependencies, build output, reports, hidden folders. */
const NOT_SOLUTIONS = new Set(['node_modules', 'target', 'build', 'dist', 'kgrade-out']);
const EXERCISE_ID = /^ex[0-9]+$/;

/** The exercises a kgrade.json declares (its `exercises` keys); a file that is not JSON is a UsageError. */
function declaredExercises(manifestPath: string, shown: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `${shown} is not valid JSON (${(e as Error).message.split('\n')[0]})`,
      `fix ${shown}, or write it again with \`kgrade init <exercise>\``,
    );
  }
  const exercises = (parsed as { exercises?: unknown } | null)?.exercises;
  return exercises && typeof exercises === 'object' ? Object.keys(exercises).filter((k) => EXERCISE_ID.test(k)) : [];
}

function subfolders(root: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_SOLUTIONS.has(e.name))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Every exercise of a repository: those its own kgrade.json declares (graded in `root`), then each direct
 * subfolder's (a subfolder named like an exercise whose kgrade.json declares none counts for that exercise).
 * Sorted by exercise number. An exercise found in two folders is a UsageError naming both.
 */
export function discoverTargets(root: string, shownRoot = root, git = false): GradeTarget[] {
  const found = new Map<string, string>();
  const add = (id: string, dir: string) => {
    const prior = found.get(id);
    if (prior && prior !== dir)
      throw new UsageError(
        `--all found ${id} twice: in ${shownPath(prior, root, shownRoot, git)} and in ${shownPath(dir, root, shownRoot, git)}`,
        `keep ${id} in one kgrade.json's "exercises", or grade one folder: kgrade grade ${id} --solution <folder>`,
      );
    found.set(id, dir);
  };
  const own = path.join(root, MANIFEST);
  if (fs.existsSync(own)) for (const id of declaredExercises(own, shownPath(own, root, shownRoot, git))) add(id, root);
  for (const name of subfolders(root)) {
    const dir = path.join(root, name);
    const manifest = path.join(dir, MANIFEST);
    if (!fs.existsSync(manifest)) continue;
    const ids = declaredExercises(manifest, shownPath(manifest, root, shownRoot, git));
    for (const id of ids.length ? ids : EXERCISE_ID.test(name) ? [name] : []) add(id, dir);
  }
  if (found.size === 0)
    throw new UsageError(
      `--all found no exercise in ${shownRoot}: no kgrade.json there or in its subfolders declares one ("exercises": { "ex1": {} })`,
      'write one per solution with `kgrade init <exercise>` (in the folder of each exercise), or name the exercises: kgrade grade ex1 ex2',
    );
  return [...found]
    .map(([exerciseId, dir]) => ({ exerciseId, dir }))
    .sort((a, b) => exerciseNumber(a.exerciseId) - exerciseNumber(b.exerciseId));
}

/** Subfolders named like an exercise (ex1/...) that hold no kgrade.json: `--all` does not grade them, and says so. */
export function exerciseFoldersWithoutManifest(root: string): string[] {
  return subfolders(root).filter((name) => EXERCISE_ID.test(name) && !fs.existsSync(path.join(root, name, MANIFEST)));
}

/**
 * Named exercises: graded in `root`, except when `root` has no kgrade.json and holds a subfolder named like the
 * exercise with one (a repository with a folder per exercise, graded from its root).
 */
export function namedTargets(root: string, ids: string[]): GradeTarget[] {
  const rootHasManifest = fs.existsSync(path.join(root, MANIFEST));
  return ids.map((exerciseId) => {
    const sub = path.join(root, exerciseId);
    const dir = !rootHasManifest && fs.existsSync(path.join(sub, MANIFEST)) ? sub : root;
    return { exerciseId, dir };
  });
}

/** `kgrade grade` arguments to targets: exercise ids, or `--all` (not both, not neither). */
export function resolveTargets(
  root: string,
  ids: string[],
  all: boolean,
  shownRoot = root,
  git = false,
): GradeTarget[] {
  if (all && ids.length)
    throw new UsageError(
      `both exercises (${ids.join(' ')}) and --all were given`,
      'name the exercises (kgrade grade ex1 ex2) or pass --all, not both',
    );
  if (!all && !ids.length)
    throw new UsageError(
      'no exercise to grade',
      "name the exercises (kgrade grade ex1 ex2), or pass --all for every exercise the solution's kgrade.json files declare",
    );
  return all ? discoverTargets(root, shownRoot, git) : namedTargets(root, ids);
}

function exerciseNumber(id: string): number {
  return Number(id.slice(2));
}

/**
 * How a path under the graded folder `root` is named to the user, given how `root` is named (`shownRoot`: the folder
 * relative to the current directory, or a git URL, inside which the path is named in brackets).
 */
export function shownPath(p: string, root: string, shownRoot: string, git = false): string {
  const rel = path.relative(root, p);
  if (!rel) return shownRoot;
  return git ? `${shownRoot} (${rel})` : path.join(shownRoot, rel);
}
