import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execCapture, tail } from '../core/exec.js';
import { cachePaths } from '../stack/cache-paths.js';
import { requiresSandbox, type FixtureExpectation } from './fixture-expectations.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';
import type { SolutionSource } from '../engine/solution-source.js';

const PATCH = 'mutant.patch';
/** Bumped when the layout of a materialized copy changes, so stale copies are rebuilt. */
const LAYOUT_VERSION = '2';

function treeHash(dir: string): string {
  const h = crypto.createHash('sha256');
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (['target', 'node_modules', '.git'].includes(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

/**
 * The solution folder a fixture stands for: itself, its `base`, or its base with `mutant.patch` applied
 * (built once into the cache, reused while base and patch are unchanged, so Maven builds are cached too).
 */
export async function materializeFixture(fixtureDir: string, e: FixtureExpectation): Promise<string> {
  const base = e.base ? path.resolve(fixtureDir, e.base) : fixtureDir;
  const patch = path.join(fixtureDir, PATCH);
  if (!fs.existsSync(patch)) return base;
  // A Node copy links to this checkout's node_modules, so each checkout gets its own copy: a copy made by
  // another clone (since removed) would point nowhere. Maven copies are shared (their builds are the slow part).
  const linksNodeModules = !fs.existsSync(path.join(base, 'pom.xml'));
  const hash = crypto.createHash('sha256').update(LAYOUT_VERSION).update(treeHash(base)).update(fs.readFileSync(patch));
  if (linksNodeModules) hash.update(PACKAGE_ROOT);
  const key = `${path.basename(path.dirname(fixtureDir))}-${path.basename(fixtureDir)}-${hash.digest('hex').slice(0, 12)}`;
  const out = path.join(cachePaths.root(), 'fixtures', key);
  if (
    fs.existsSync(path.join(out, '.kgrade-materialized')) &&
    (!linksNodeModules || fs.existsSync(path.join(out, 'node_modules')))
  )
    return out;
  const partial = `${out}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(base, partial, {
    recursive: true,
    filter: (src) => !/(^|\/)(target|node_modules)(\/|$)/.test(path.relative(base, src)),
  });
  const r = await execCapture('patch', ['-p1', '--batch', '--forward', '-i', patch], { cwd: partial });
  if (r.code !== 0)
    throw new Error(`${PATCH} of ${fixtureDir} does not apply to ${base}:\n${tail(r.stdout + r.stderr)}`);
  // The copy lives outside the repository: give it what the base inherits from it - ES modules for its
  // TypeScript, and the repository's node_modules (kafkajs) to resolve imports from.
  if (linksNodeModules && !fs.existsSync(path.join(partial, 'package.json'))) {
    fs.writeFileSync(
      path.join(partial, 'package.json'),
      JSON.stringify({ private: true, type: 'module' }, null, 2) + '\n',
    );
  }
  if (linksNodeModules && !fs.existsSync(path.join(partial, 'node_modules')))
    fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(partial, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(partial, '.kgrade-materialized'), key);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(partial, out);
  return out;
}

/**
 * The folder to grade for `dir`: a fixture folder (an `expect.json` naming a `base`, or a `mutant.patch`) stands
 * for the solution it describes, so `kgrade grade ex1 --solution fixtures/ex1/mutant-async-awaits` works too.
 */
export async function solutionDirFor(dir: string): Promise<string> {
  const expectFile = path.join(dir, 'expect.json');
  if (!fs.existsSync(expectFile)) return dir;
  const e = JSON.parse(fs.readFileSync(expectFile, 'utf8')) as FixtureExpectation;
  return e.base || fs.existsSync(path.join(dir, PATCH)) ? materializeFixture(dir, e) : dir;
}

/**
 * `source` as the engine grades it: a fixture folder (a mutant's patch on its base) is built from the solution it
 * stands for, made when the grading starts (a patch that does not apply is that run's problem), and says whether it
 * must run sandboxed (an adversarial fixture); any other folder as it is. `grade`, `cohort`, `selftest` and
 * `scenario run` pass every source through here.
 */
export function fixtureSource(source: SolutionSource): SolutionSource {
  const fixture = path.join(source.dir, 'expect.json');
  if (!fs.existsSync(fixture)) return source;
  return {
    ...source,
    folderToBuild: () => solutionDirFor(source.dir),
    ...(requiresSandbox(source.dir) ? { requiresSandbox: true } : {}),
  };
}
