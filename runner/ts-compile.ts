import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Esbuild from 'esbuild';
import { hashSourceTree } from './source-tree.js';

/**
 * A TypeScript solution's entry compiled once per source (issue 34): plain `node` then starts it without tsx's
 * loader hooks (measured: 0.36 s less CPU per start). Same compiler as tsx (the esbuild tsx itself loads, with tsx's
 * options: target this node, keepNames, source maps), same module type (the package.json "type", .mts/.cts).
 *
 * Where the output goes keeps what a program sees: a bundle beside the entry (`src/.kgrade-main-<hash>.mjs`), so
 * `import.meta.url`, `createRequire(import.meta.url)` and bare imports resolve from the entry's own folder. A bundle
 * elsewhere (node_modules/.cache, a mirror tree) would move them. What a bundle cannot keep, it does not try: any other
 * source file that asks where it is (`import.meta`, `__dirname`, `__filename`, `require.main`, `process.argv`),
 * the entry asking its own file name, tsconfig `paths`, files outside the solution, mixed module types, any compiler
 * warning or error: the entry then runs with tsx as before (`fallback`, logged in the grading's log, never the
 * student's error; a compile error is then reported by tsx at start-up, as before).
 */

/** Bumped when what this file produces changes (it is part of the hash). */
const KGRADE_TS_COMPILE_VERSION = 1;

export type CompiledEntry =
  /** The compiled entry, inside the solution's folder (relative to it): run with `node --enable-source-maps FILE`. */
  | { file: string }
  /** Why the entry runs with tsx (one line for the grading's log). */
  | { fallback: string };

/** Folders never part of a source's hash (outputs, dependencies, history). */
const NOT_HASHED = new Set(['node_modules', '.git', 'target', 'build', 'kgrade-out']);
/** Compiled entries this file writes beside their source (never hashed: they are outputs). */
const OUTPUT_PREFIX = '.kgrade-';
const MAX_HASHED_FILES = 5000;

/**
 * Gradings of this process using each compiled file (by absolute path): the last to finish removes it, so a student's
 * folder graded unsandboxed keeps no `.kgrade-*` file after the grading, while two gradings of one folder at once
 * (a cohort's sessions) never remove the file the other still starts.
 */
const inUse = new Map<string, number>();

function hold(dir: string, out: string): { file: string } {
  const abs = path.resolve(dir, out);
  inUse.set(abs, (inUse.get(abs) ?? 0) + 1);
  return { file: out };
}

/** Ends one grading's use of its compiled entries: a file no grading of this process uses any more is removed. */
export function releaseCompiled(dir: string, compiled: Record<string, CompiledEntry> | undefined): void {
  for (const c of Object.values(compiled ?? {})) {
    if (!('file' in c)) continue;
    const abs = path.resolve(dir, c.file);
    const left = (inUse.get(abs) ?? 1) - 1;
    if (left > 0) {
      inUse.set(abs, left);
      continue;
    }
    inUse.delete(abs);
    fs.rmSync(abs, { force: true });
  }
}

/** Whether kgrade compiles this entry: a TypeScript file (.ts, .mts, .cts, .tsx). Pure. */
export function isTypeScriptEntry(main: string): boolean {
  return /\.[cm]?tsx?$/.test(main) && !main.endsWith('.d.ts');
}

/** The module type node (and tsx) give `main`: .mts ESM, .cts CommonJS, else the nearest package.json's "type". */
export function moduleFormat(dir: string, main: string): 'esm' | 'cjs' {
  if (main.endsWith('.mts')) return 'esm';
  if (main.endsWith('.cts')) return 'cjs';
  let d = path.dirname(path.resolve(dir, main));
  for (;;) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: unknown }).type === 'module' ? 'esm' : 'cjs';
      } catch {
        return 'cjs';
      }
    }
    const up = path.dirname(d);
    if (up === d) return 'cjs';
    d = up;
  }
}

/**
 * The hash of everything the compile reads: the solution's files (sources, package.json, tsconfig; not its
 * node_modules nor outputs), the entry, the module type and the compiler's version. Undefined past MAX_HASHED_FILES.
 */
export function sourceKey(dir: string, main: string, format: string, compiler: string): string | undefined {
  const h = crypto.createHash('sha256');
  h.update(`kgrade-ts-compile ${KGRADE_TS_COMPILE_VERSION}\0${compiler}\0${format}\0${main}\0`);
  const all = hashSourceTree(
    h,
    dir,
    (name) => NOT_HASHED.has(name) || name.startsWith(OUTPUT_PREFIX),
    MAX_HASHED_FILES,
  );
  return all ? h.digest('hex') : undefined;
}

/** Where the compiled entry goes: beside the entry, hidden, named by the hash. Pure. */
export function outputPath(main: string, key: string, format: 'esm' | 'cjs'): string {
  const base = path.basename(main).replace(/\.[cm]?tsx?$/, '');
  return path.join(
    path.dirname(main),
    `${OUTPUT_PREFIX}${base}-${key.slice(0, 16)}.${format === 'esm' ? 'mjs' : 'cjs'}`,
  );
}

/**
 * A program's output as the student wrote it: a compiled entry's hidden name (`src/.kgrade-main-<hash>.mjs`, in a
 * Node error such as "Cannot find package 'x' imported from ...") becomes its source's (`src/main.ts`). Pure.
 */
export function withSourceNames(output: string): string {
  return output.replace(/\.kgrade-([\w.-]+?)-[0-9a-f]{16}\.(mjs|cjs)\b/g, '$1.ts');
}

/** Source text a bundle would change the meaning of, in a file other than the entry. */
const WHERE_AM_I = /\bimport\.meta\b|\b__dirname\b|\b__filename\b|\brequire\.main\b|\bprocess\.argv\[1\]/;
/** In the entry itself only its file name changes (its folder stays). */
const ENTRY_NAME = /\b__filename\b|\bimport\.meta\.filename\b/;

/**
 * Why a compile's inputs cannot run bundled the same as under tsx (undefined: they can). `inputs`: the files the
 * bundle holds, relative to the solution's folder, with their text. Pure.
 */
export function bundleProblem(
  main: string,
  format: 'esm' | 'cjs',
  inputs: { file: string; text: string }[],
): string | undefined {
  const entry = path.normalize(main);
  for (const { file, text } of inputs) {
    const f = path.normalize(file);
    if (f.startsWith('..') || path.isAbsolute(f)) return `${main} imports ${file}, outside the solution's folder`;
    if (/\.(mts|mjs)$/.test(f) && format === 'cjs') return `${file} is an ES module in a CommonJS program`;
    if (/\.(cts|cjs)$/.test(f) && format === 'esm') return `${file} is CommonJS in an ES module program`;
    if (f === entry) {
      if (ENTRY_NAME.test(text)) return `${file} reads its own file name`;
    } else if (WHERE_AM_I.test(text)) return `${file} reads where it is (import.meta, __dirname, argv)`;
    if (format === 'esm' && /(^|[^.\w$])require\s*\(/.test(text) && !/\b(const|let|var)\s+require\b/.test(text))
      return `${file} calls require() in an ES module`;
  }
  return undefined;
}

/** Whether the solution's tsconfig maps import paths (tsconfig `paths`/`baseUrl`, which tsx resolves at run time). */
function tsconfigMapsPaths(dir: string): boolean {
  const f = path.join(dir, 'tsconfig.json');
  if (!fs.existsSync(f)) return false;
  return /"(paths|baseUrl)"\s*:/.test(fs.readFileSync(f, 'utf8'));
}

let esbuildOnce: { api: typeof Esbuild; version: string } | undefined;

/** The esbuild tsx itself loads (resolved from tsx's folder): the same compiler, the same version. */
function esbuild(): { api: typeof Esbuild; version: string } {
  if (!esbuildOnce) {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = fromTsx('esbuild') as typeof Esbuild;
    esbuildOnce = { api, version: `esbuild ${api.version} node ${process.versions.node}` };
  }
  return esbuildOnce;
}

/** The outcome of compiling one entry, as kept in the cache (the compiled text, or why not). */
type Cached = { code: string } | { fallback: string };

async function compile(dir: string, main: string, format: 'esm' | 'cjs', out: string): Promise<Cached> {
  if (tsconfigMapsPaths(dir)) return { fallback: 'tsconfig.json maps import paths' };
  const { api } = esbuild();
  let result: Esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await api.build({
      entryPoints: [`./${main}`],
      absWorkingDir: dir,
      outfile: out,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format,
      target: `node${process.versions.node}`,
      keepNames: true,
      sourcemap: 'inline',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (e) {
    const first = (e as { errors?: Esbuild.Message[] }).errors?.[0];
    return { fallback: `compile error${first ? `: ${first.text}` : ''}` };
  }
  if (result.warnings.length) return { fallback: `compile warning: ${result.warnings[0]!.text}` };
  const inputs = Object.keys(result.metafile.inputs).map((file) => ({
    file,
    text: fs.readFileSync(path.resolve(dir, file), 'utf8'),
  }));
  const problem = bundleProblem(main, format, inputs);
  if (problem) return { fallback: problem };
  const code = result.outputFiles.find((o) => !o.path.endsWith('.map'))?.text;
  return code === undefined ? { fallback: 'the compiler wrote nothing' } : { code };
}

function readCache(cacheDir: string, key: string): Cached | undefined {
  try {
    const code = path.join(cacheDir, `${key}.js`);
    if (fs.existsSync(code)) return { code: fs.readFileSync(code, 'utf8') };
    const why = path.join(cacheDir, `${key}.fallback`);
    if (fs.existsSync(why)) return { fallback: fs.readFileSync(why, 'utf8') };
  } catch {
    // an unreadable cache is a cache miss
  }
  return undefined;
}

function writeCache(cacheDir: string, key: string, c: Cached): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const file = path.join(cacheDir, 'code' in c ? `${key}.js` : `${key}.fallback`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, 'code' in c ? c.code : c.fallback);
    fs.renameSync(tmp, file);
  } catch {
    // no cache: the next run compiles again
  }
}

/** Compiled entries of an older source beside `main` (a student's folder, when unsandboxed, keeps only the last). */
function removeOlderOutputs(dir: string, main: string): void {
  const folder = path.join(dir, path.dirname(main));
  const base = path.basename(main).replace(/\.[cm]?tsx?$/, '');
  const ours = new RegExp(`^\\${OUTPUT_PREFIX}${base.replace(/[^\w]/g, '\\$&')}-[0-9a-f]{16}\\.(mjs|cjs)$`);
  for (const f of fs.readdirSync(folder)) if (ours.test(f)) fs.rmSync(path.join(folder, f), { force: true });
}

/**
 * The entry `main` of the node solution in `dir`, compiled (re-used from `cacheDir` when the same source was compiled
 * before, by any exercise or run), or why it runs with tsx. Never throws: anything unexpected is a fallback.
 */
export async function compileEntry(dir: string, main: string, cacheDir: string): Promise<CompiledEntry> {
  try {
    const format = moduleFormat(dir, main);
    const key = sourceKey(dir, main, format, esbuild().version);
    if (!key) return { fallback: `more than ${MAX_HASHED_FILES} files in the solution's folder` };
    const out = outputPath(main, key, format);
    if (fs.existsSync(path.join(dir, out))) return hold(dir, out);
    let c = readCache(cacheDir, key);
    if (!c) {
      c = await compile(dir, main, format, out);
      writeCache(cacheDir, key, c);
    }
    if ('fallback' in c) return c;
    removeOlderOutputs(dir, main);
    fs.writeFileSync(path.join(dir, out), c.code, { mode: 0o644 });
    return hold(dir, out);
  } catch (e) {
    return { fallback: `could not compile (${(e as Error).message})` };
  }
}
