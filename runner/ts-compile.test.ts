import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SolutionLog } from '../model/result.js';
import { buildSolution, launchSpec, type Solution } from './solution.js';
import {
  bundleProblem,
  compileEntry,
  moduleFormat,
  outputPath,
  releaseCompiled,
  sourceKey,
  withSourceNames,
} from './ts-compile.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A solution folder holding `files` (path -> text), in its own tmp root (no package.json above it). */
function solution(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-tscompile-'));
  made.push(root);
  const dir = path.join(root, 'sol');
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const cacheDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-tscompile-cache-'));
  made.push(d);
  return d;
};

const ESM = { 'package.json': '{"type": "module"}' };
const TWO_FILES = {
  ...ESM,
  'src/main.ts':
    "import { greet } from './greet.js';\nconst n: number = 2;\nconsole.log(greet('ts'), n, process.argv[2]);\n",
  'src/greet.ts': 'export function greet(who: string): string {\n  return `hello ${who}`;\n}\n',
};

function run(dir: string, file: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, ['--enable-source-maps', file, ...args], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr;
}

describe('moduleFormat', () => {
  it('follows the nearest package.json "type", and .mts/.cts whatever it says (as node and tsx do)', () => {
    expect(moduleFormat(solution(ESM), 'src/main.ts')).toBe('esm');
    expect(moduleFormat(solution({ 'package.json': '{}' }), 'src/main.ts')).toBe('cjs');
    expect(moduleFormat(solution({ 'main.ts': '' }), 'main.ts')).toBe('cjs');
    expect(moduleFormat(solution({ ...ESM, 'src/package.json': '{}' }), 'src/main.ts')).toBe('cjs');
    expect(moduleFormat(solution({}), 'main.mts')).toBe('esm');
    expect(moduleFormat(solution(ESM), 'main.cts')).toBe('cjs');
  });
});

describe('sourceKey', () => {
  it('changes with a source, package.json, the module type or the compiler; not with node_modules or its outputs', () => {
    const dir = solution(TWO_FILES);
    const key = sourceKey(dir, 'src/main.ts', 'esm', 'esbuild 1');
    expect(sourceKey(solution(TWO_FILES), 'src/main.ts', 'esm', 'esbuild 1')).toBe(key);
    expect(sourceKey(dir, 'src/main.ts', 'cjs', 'esbuild 1')).not.toBe(key);
    expect(sourceKey(dir, 'src/main.ts', 'esm', 'esbuild 2')).not.toBe(key);
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), '1');
    fs.writeFileSync(path.join(dir, 'src', '.kgrade-main-0123456789abcdef.mjs'), '1');
    expect(sourceKey(dir, 'src/main.ts', 'esm', 'esbuild 1')).toBe(key);
    fs.writeFileSync(path.join(dir, 'src', 'greet.ts'), 'export const greet = (w: string) => w;\n');
    expect(sourceKey(dir, 'src/main.ts', 'esm', 'esbuild 1')).not.toBe(key);
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type": "module", "name": "x"}');
    expect(sourceKey(solution(TWO_FILES), 'src/main.ts', 'esm', 'esbuild 1')).toBe(key);
  });

  it('names the output beside the entry, hidden, by the hash and the module type', () => {
    expect(outputPath('src/main.ts', 'ab'.repeat(32), 'esm')).toBe('src/.kgrade-main-abababababababab.mjs');
    expect(outputPath('index.cts', 'cd'.repeat(32), 'cjs')).toBe('.kgrade-index-cdcdcdcdcdcdcdcd.cjs');
  });
});

describe('bundleProblem', () => {
  const entry = { file: 'src/main.ts', text: "import x from './x.js';" };
  it('lets the entry use import.meta.url (the bundle sits in its folder) but not its own file name', () => {
    expect(
      bundleProblem('src/main.ts', 'esm', [{ file: 'src/main.ts', text: 'new URL("./a.txt", import.meta.url)' }]),
    ).toBeUndefined();
    expect(bundleProblem('src/main.ts', 'cjs', [{ file: 'src/main.ts', text: 'console.log(__filename)' }])).toMatch(
      /its own file name/,
    );
  });
  it('refuses another file asking where it is, files outside the folder, mixed module types, require in ESM', () => {
    const other = (text: string, file = 'src/lib/x.ts') => bundleProblem('src/main.ts', 'esm', [entry, { file, text }]);
    expect(other('const d = import.meta.dirname;')).toMatch(/where it is/);
    expect(other('readFileSync(__dirname + "/a")')).toMatch(/where it is/);
    expect(other('if (process.argv[1] === x) main();')).toMatch(/where it is/);
    expect(other('const role = process.argv[2];')).toBeUndefined();
    expect(other('export {}', '../shared/x.ts')).toMatch(/outside the solution/);
    expect(other('export {}', 'src/x.cts')).toMatch(/CommonJS in an ES module/);
    expect(bundleProblem('src/main.ts', 'cjs', [entry, { file: 'src/x.mts', text: '' }])).toMatch(
      /ES module in a CommonJS/,
    );
    expect(other('const k = require("kafkajs");')).toMatch(/require\(\) in an ES module/);
    expect(other('const require = createRequire(u); require("x");')).toBeUndefined();
    expect(bundleProblem('src/main.ts', 'cjs', [entry, { file: 'src/x.ts', text: 'require("x")' }])).toBeUndefined();
  });
});

describe('compileEntry', () => {
  it('compiles an ES module entry beside itself; plain node runs it as tsx would', async () => {
    const dir = solution(TWO_FILES);
    const c = await compileEntry(dir, 'src/main.ts', cacheDir());
    expect(c).toEqual({ file: expect.stringMatching(/^src\/\.kgrade-main-[0-9a-f]{16}\.mjs$/) });
    expect(run(dir, (c as { file: string }).file, 'role')).toBe('hello ts 2 role\n');
  });

  it('keeps CommonJS where package.json says nothing, and import.meta.url/createRequire resolving from the entry folder', async () => {
    const cjs = solution({ 'main.ts': "import path from 'node:path';\nconsole.log(path.basename(__dirname));\n" });
    const c1 = await compileEntry(cjs, 'main.ts', cacheDir());
    expect(c1).toEqual({ file: expect.stringMatching(/\.cjs$/) });
    expect(run(cjs, (c1 as { file: string }).file)).toBe('sol\n');
    const esm = solution({
      ...ESM,
      'src/main.ts':
        "import fs from 'node:fs';\nconsole.log(fs.readFileSync(new URL('./data.txt', import.meta.url), 'utf8'));\n",
      'src/data.txt': 'beside',
    });
    const c2 = await compileEntry(esm, 'src/main.ts', cacheDir());
    expect(run(esm, (c2 as { file: string }).file)).toBe('beside\n');
  });

  it('compiles one source once: another copy of it (another exercise, another run) takes the cached output', async () => {
    const cache = cacheDir();
    const first = await compileEntry(solution(TWO_FILES), 'src/main.ts', cache);
    const cached = fs.readdirSync(cache);
    expect(cached).toHaveLength(1);
    fs.writeFileSync(path.join(cache, cached[0]!), 'console.log("from the cache");\n');
    const other = solution(TWO_FILES);
    const second = await compileEntry(other, 'src/main.ts', cache);
    expect(second).toEqual(first);
    expect(run(other, (second as { file: string }).file)).toBe('from the cache\n');
  });

  it('replaces the output of an older source beside the entry', async () => {
    const dir = solution(TWO_FILES);
    const cache = cacheDir();
    const a = (await compileEntry(dir, 'src/main.ts', cache)) as { file: string };
    fs.writeFileSync(path.join(dir, 'src/greet.ts'), 'export const greet = (w: string) => `hi ${w}`;\n');
    const b = (await compileEntry(dir, 'src/main.ts', cache)) as { file: string };
    expect(b.file).not.toBe(a.file);
    expect(fs.readdirSync(path.join(dir, 'src')).filter((f) => f.startsWith('.kgrade-'))).toEqual([
      path.basename(b.file),
    ]);
  });

  it('falls back to tsx (never an error) on a compile error, top-level await in CommonJS, tsconfig paths, a file asking where it is', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...ESM, 'src/main.ts': 'const x: number = ;\n' }, /^compile error: /],
      [{ 'src/main.ts': 'await Promise.resolve(1);\n' }, /Top-level await/],
      [{ ...ESM, 'tsconfig.json': '{"compilerOptions": {"paths": {"@/*": ["src/*"]}}}', 'src/main.ts': '' }, /paths/],
      [{ ...ESM, 'src/main.ts': "import './x.js';\n", 'src/x.ts': 'console.log(import.meta.url);\n' }, /where it is/],
    ];
    for (const [files, why] of cases) {
      const dir = solution(files);
      const c = await compileEntry(dir, 'src/main.ts', cacheDir());
      expect(c).toEqual({ fallback: expect.stringMatching(why) });
      expect(fs.readdirSync(path.join(dir, 'src')).filter((f) => f.startsWith('.kgrade-'))).toEqual([]);
    }
  });

  it('remembers a fallback by source hash, and falls back when the folder cannot be read', async () => {
    const cache = cacheDir();
    const files = { ...ESM, 'src/main.ts': 'const x: number = ;\n' };
    await compileEntry(solution(files), 'src/main.ts', cache);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.fallback'))).toHaveLength(1);
    expect(await compileEntry(solution(files), 'src/main.ts', cache)).toEqual({
      fallback: expect.stringMatching(/^compile error/),
    });
    expect(await compileEntry('/nonexistent/kgrade', 'src/main.ts', cache)).toEqual({
      fallback: expect.stringMatching(/could not compile/),
    });
  });
});

describe('buildSolution and launchSpec', () => {
  async function built(files: Record<string, string>): Promise<{ sol: Solution; logs: SolutionLog[] }> {
    const before = process.env.KGRADE_CACHE;
    process.env.KGRADE_CACHE = cacheDir();
    try {
      const sol: Solution = { dir: solution(files), runner: 'node', manifest: { main: 'src/main.ts' } };
      const logs: SolutionLog[] = [];
      await buildSolution(sol, (l) => logs.push(l));
      return { sol, logs };
    } finally {
      if (before === undefined) delete process.env.KGRADE_CACHE;
      else process.env.KGRADE_CACHE = before;
    }
  }

  it('starts a compiled entry with plain node, and says nothing in the log', async () => {
    const { sol, logs } = await built(TWO_FILES);
    const spec = launchSpec(sol, 'ex1', {}, ['setup']);
    expect(spec.args).toEqual(['--enable-source-maps', expect.stringMatching(/^src\/\.kgrade-main-/), 'setup']);
    expect(logs).toEqual([]);
  });

  it('starts with tsx as before when the entry does not compile, with one line in the log', async () => {
    const { sol, logs } = await built({ ...ESM, 'src/main.ts': 'const x: number = ;\n' });
    const spec = launchSpec(sol, 'ex1', {}, ['setup']);
    expect(spec.args).toEqual(['--import', expect.stringMatching(/tsx/), 'src/main.ts', 'setup']);
    expect(logs).toEqual([
      {
        phase: 'compile',
        stdout: expect.stringMatching(/^kgrade: src\/main\.ts runs with tsx: compile error/),
        stderr: '',
        truncated: false,
      },
    ]);
  });
});

describe('releaseCompiled', () => {
  it('removes a compiled entry from the folder once the last grading using it ends, not before', async () => {
    const dir = solution(TWO_FILES);
    const cache = cacheDir();
    const first = await compileEntry(dir, 'src/main.ts', cache);
    const second = await compileEntry(dir, 'src/main.ts', cache);
    expect(first).toEqual(second);
    if (!('file' in first)) throw new Error(`expected a compiled file, got ${first.fallback}`);
    const file = path.join(dir, first.file);
    releaseCompiled(dir, { 'src/main.ts': first });
    expect(fs.existsSync(file)).toBe(true);
    releaseCompiled(dir, { 'src/main.ts': second });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'src')).sort()).toEqual(['greet.ts', 'main.ts']);
  });
});

describe('withSourceNames', () => {
  it("names the entry's source where node names its compiled file", () => {
    const out = outputPath('src/main.ts', 'ab'.repeat(16), 'esm');
    const line = `Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'kafkajs' imported from /tmp/sol/${out}`;
    expect(withSourceNames(line)).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'kafkajs' imported from /tmp/sol/src/main.ts",
    );
    expect(withSourceNames('at src/.kgrade-my.app-0123456789abcdef.cjs:3')).toBe('at src/my.app.ts:3');
    expect(withSourceNames('plain output')).toBe('plain output');
  });
});
