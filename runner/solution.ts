import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GraderError, SolutionError } from '../core/errors.js';
import { buildNetworkCause } from './build-network.js';
import { tail } from '../core/exec.js';
import type { SolutionLog } from '../model/result.js';
import { loadManifest, type ExerciseOverrides, type Manifest, type RunnerKind } from './manifest.js';
import { limitStopError } from './limit-stop.js';
import type { SolutionLauncher } from './sandbox/types.js';
import { UnsandboxedLauncher } from './sandbox/unsandboxed.js';
import { SolutionProcess, type LaunchSpec, type LaunchVia } from './solution-process.js';
import { hashSourceTree } from './source-tree.js';
import { startScript } from './start-command.js';
import { cachePaths } from '../stack/cache-paths.js';
import { compileEntry, isTypeScriptEntry, releaseCompiled, type CompiledEntry } from './ts-compile.js';

export interface Solution {
  /** Where it is built and run: the student's folder, or the sandbox's copy of it. */
  dir: string;
  runner: RunnerKind;
  manifest: Manifest;
  /** Starts its build and programs (sandboxed or not); unset: unsandboxed. */
  launcher?: SolutionLauncher;
  /** Node runner: its TypeScript entries compiled by the build (by entry path); an entry not here runs with tsx. */
  compiled?: Record<string, CompiledEntry>;
}

const DIRECT = new UnsandboxedLauncher();

export function launcherOf(sol: Solution): SolutionLauncher {
  return sol.launcher ?? DIRECT;
}

/** A file or folder the grading hands the solution, where its programs (sandboxed or not) see it: its path on the grader's side. */
export function handOver(sol: Solution, name: string, kind: 'file' | 'folder', content?: string): string {
  return launcherOf(sol).handOver(name, kind, content);
}

/** How the kit starts one of the solution's programs; `inboundPorts`: the ports the grader connects to (PORT). */
export function launchVia(sol: Solution, inboundPorts: number[] = []): LaunchVia {
  return { launcher: launcherOf(sol), inboundPorts };
}

/** The solution found in `dirArg`, staged by `launcher` (a sandbox copies it first). */
export async function stageSolution(dirArg: string, launcher: SolutionLauncher): Promise<Solution> {
  const found = detectSolution(dirArg);
  const dir = await launcher.stage(found.dir);
  return { ...found, dir, launcher };
}

const NODE_MAINS = ['src/main.ts', 'src/index.ts', 'main.ts', 'index.ts', 'src/main.js', 'index.js'];

/** Reads kgrade.json, or recognises the solution by convention (package.json / pom.xml). */
export function detectSolution(dirArg: string): Solution {
  const dir = path.resolve(dirArg);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new SolutionError(
      'manifest',
      { fr: `le dossier de la solution ${dir} n'existe pas`, en: `the solution folder ${dir} does not exist` },
      {
        fr: `Vérifiez le chemin passé à --solution (${dirArg}).`,
        en: `Check the path given to --solution (${dirArg}).`,
      },
    );
  }
  const manifest = loadManifest(dir) ?? {};
  let runner = manifest.runner;
  if (!runner) {
    if (fs.existsSync(path.join(dir, 'pom.xml'))) runner = 'maven';
    else if (fs.existsSync(path.join(dir, 'package.json')) || NODE_MAINS.some((m) => fs.existsSync(path.join(dir, m))))
      runner = 'node';
    else if (manifest.start) runner = 'command';
    else if (Object.values(manifest.exercises ?? {}).some((o) => o.sql)) runner = 'files';
    else {
      throw new SolutionError(
        'manifest',
        {
          fr: `ni kgrade.json, ni pom.xml, ni package.json, ni src/main.ts dans ${dir} : kgrade ne sait pas comment lancer cette solution`,
          en: `no kgrade.json, pom.xml, package.json or src/main.ts in ${dir}: kgrade cannot tell how to run this solution`,
        },
        {
          fr: 'Ajoutez un kgrade.json, par exemple {"runner": "node", "main": "src/main.ts"} ou {"runner": "command", "start": "python3 main.py"}.',
          en: 'Add a kgrade.json, e.g. {"runner": "node", "main": "src/main.ts"} or {"runner": "command", "start": "python3 main.py"}.',
        },
      );
    }
  }
  return { dir, runner, manifest };
}

function sourceHash(dir: string): string {
  const h = crypto.createHash('sha256');
  hashSourceTree(h, dir, (name) => MAVEN_NOT_HASHED.has(name));
  return h.digest('hex');
}

/** Left out of a Java solution's source hash: build output, dependencies, history, and kgrade's own reports (a student grading from their own folder writes them there: the next grading must not rebuild for them). */
const MAVEN_NOT_HASHED = new Set(['target', 'node_modules', '.git', 'build', 'kgrade-out']);

const BUILD_STAMP = '.kgrade-build-stamp';

/**
 * The JVM options of a Maven build when the environment gives none: a build is short-lived, so C1 only and the
 * serial collector (12 s -> 8.5 s for ex0's Java reference in the sandbox's one CPU, 3.3 s -> 2.1 s unsandboxed).
 */
export const MAVEN_BUILD_OPTS = '-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/**
 * Builds the solution once (Maven: cached by a hash of its sources). Failure is the student's (SolutionError('build')),
 * unless the build could not download its dependencies: that is the grader's (GraderError REGISTRY_UNREACHABLE).
 */
export async function buildSolution(sol: Solution, onLog: (log: SolutionLog) => void): Promise<void> {
  // One build at a time in a folder (two exercises of one folder graded at once): the second finds the first's
  // output (Maven's stamp, node_modules, the compiled entry) instead of building beside it in the same files.
  const before = buildsInFlight.get(sol.dir) ?? Promise.resolve();
  const mine = before.then(() => buildOnce(sol, onLog));
  const tail = mine.catch(() => undefined);
  buildsInFlight.set(sol.dir, tail);
  try {
    return await mine;
  } finally {
    if (buildsInFlight.get(sol.dir) === tail) buildsInFlight.delete(sol.dir);
  }
}

/** The last build started in each folder, in this process. */
const buildsInFlight = new Map<string, Promise<void>>();

async function buildOnce(sol: Solution, onLog: (log: SolutionLog) => void): Promise<void> {
  let cmd: string[] | undefined;
  if (sol.manifest.build) cmd = ['sh', '-c', sol.manifest.build];
  else if (sol.runner === 'files') return;
  else if (sol.runner === 'maven') {
    const stampFile = path.join(sol.dir, 'target', BUILD_STAMP);
    const hash = sourceHash(sol.dir);
    if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return;
    const tools = launcherOf(sol).buildTools();
    const r = await runBuild(
      sol,
      ['mvn', '-B', '-q', 'package', '-DskipTests', `-Dmaven.repo.local=${tools.mavenRepo}`, ...tools.mavenArgs],
      (env) => ({ ...env, MAVEN_OPTS: env.MAVEN_OPTS ?? MAVEN_BUILD_OPTS }),
    );
    const clean = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '');
    onLog({ phase: 'build', stdout: clean(r.stdout), stderr: clean(r.stderr), truncated: false, exitCode: r.code });
    if (r.code !== 0) throw buildFailure('mvn package', r.code, clean(r.stdout + '\n' + r.stderr), r.refused);
    fs.writeFileSync(stampFile, hash);
    return;
  } else if (sol.runner === 'node') {
    const pkg = path.join(sol.dir, 'package.json');
    const hasDeps =
      fs.existsSync(pkg) && Object.keys({ ...JSON.parse(fs.readFileSync(pkg, 'utf8')).dependencies }).length > 0;
    if (hasDeps && !fs.existsSync(path.join(sol.dir, 'node_modules')))
      cmd = ['npm', 'install', '--no-audit', '--no-fund'];
  }
  if (cmd) {
    const r = await runBuild(sol, cmd);
    onLog({ phase: 'build', stdout: r.stdout, stderr: r.stderr, truncated: false, exitCode: r.code });
    if (r.code !== 0) throw buildFailure(cmd.join(' '), r.code, r.stdout + '\n' + r.stderr, r.refused);
  }
  if (sol.runner === 'node' && !sol.manifest.build) await compileEntries(sol, onLog);
}

/** Where compiled TypeScript entries are kept by source hash, shared by every exercise and run of one source. */
export const tsBuildCache = (): string => path.join(cachePaths.root(), 'ts-build');

/** The node entries a solution may start (its main, each exercise's, the conventional one). */
function nodeEntries(sol: Solution): string[] {
  const named = [sol.manifest.main, ...Object.values(sol.manifest.exercises ?? {}).map((o) => o.main)];
  const found = NODE_MAINS.find((m) => fs.existsSync(path.join(sol.dir, m)));
  return [...new Set([...named, found].filter((m): m is string => m !== undefined))];
}

/**
 * Compiles the TypeScript entries once per source (runner/ts-compile.ts). One that cannot be compiled the same as
 * tsx runs with tsx: a line in the grading's log says why, never the student's error (a compile error is then
 * reported by tsx at start-up, as before).
 */
async function compileEntries(sol: Solution, onLog: (log: SolutionLog) => void): Promise<void> {
  const compiled: Record<string, CompiledEntry> = {};
  for (const main of nodeEntries(sol)) {
    if (!isTypeScriptEntry(main) || !fs.existsSync(path.join(sol.dir, main))) continue;
    const c = await compileEntry(sol.dir, main, tsBuildCache());
    compiled[main] = c;
    if ('fallback' in c)
      onLog({
        phase: 'compile',
        stdout: `kgrade: ${main} runs with tsx: ${c.fallback}\n`,
        stderr: '',
        truncated: false,
      });
  }
  sol.compiled = compiled;
}

/** The grading is over: its compiled entries leave the solution's folder once no other grading uses them. */
export function releaseSolution(sol: Solution): void {
  try {
    releaseCompiled(sol.dir, sol.compiled);
  } catch {
    // a file left behind is harmless: git ignores it and the next build replaces it
  }
  sol.compiled = undefined;
}

const BUILD_WALL_MS = 10 * 60_000;

/** One build command, through the solution's launcher (a sandbox lets it reach the registries). */
async function runBuild(
  sol: Solution,
  cmd: string[],
  envOf: (base: Record<string, string>) => Record<string, string> = (e) => e,
): Promise<{ code: number | null; stdout: string; stderr: string; refused: string[] }> {
  const launcher = launcherOf(sol);
  const refusedBefore = launcher.refusedConnections?.().length ?? 0;
  const proc = new SolutionProcess(
    'build',
    { cmd: cmd[0]!, args: cmd.slice(1), cwd: sol.dir, env: envOf(launcher.baseEnv()) },
    undefined,
    { launcher, build: true },
  );
  const exit = await proc.waitForExit(BUILD_WALL_MS);
  const limit = exit.limit ?? (exit.timedOut ? 'wall-time' : undefined);
  if (limit)
    throw limitStopError(
      limit,
      { fr: `le build (\`${cmd.join(' ')}\`) s'est arrêté`, en: `the build (\`${cmd.join(' ')}\`) stopped` },
      proc,
    );
  const refused = (launcher.refusedConnections?.() ?? []).slice(refusedBefore);
  const said = refused.map((r) => `kgrade sandbox: refused ${r} (builds reach only the dependency registries)\n`);
  return { code: exit.code, stdout: proc.stdoutText(), stderr: proc.stderrText() + said.join(''), refused };
}

/** A failed build: the grader's when it could not download its dependencies (not gradable, retried), else the student's. */
export function buildFailure(
  what: string,
  code: number | null,
  fullOutput: string,
  refused: string[] = [],
): SolutionError | GraderError {
  const output = tail(fullOutput, 25);
  const network = buildNetworkCause(fullOutput, refused);
  if (network)
    return new GraderError('REGISTRY_UNREACHABLE', `\`${what}\` failed: ${network.message}`, {
      hint: network.fix,
      ...(network.retriable ? {} : { retriable: false as const }),
      logTail: output,
    });
  return new SolutionError(
    'build',
    {
      fr: `la solution ne se construit pas : \`${what}\` a terminé avec le code ${code}`,
      en: `the solution does not build: \`${what}\` exited with code ${code}`,
    },
    {
      fr: 'Votre solution ne compile pas : lisez les erreurs du compilateur ci-dessous et corrigez-les avant de relancer.',
      en: 'Your solution does not build: read the compiler errors below and fix them, then grade again.',
    },
    output,
  );
}

/** tsx's loader from kgrade's own install, so a student's folder needs no tsx of its own. */
function tsxLoader(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const entry = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { exports: Record<string, string> }).exports['.'];
  return pathToFileURL(path.join(path.dirname(pkg), entry!)).href;
}

/**
 * The command that runs the solution for an exercise, with the stack and contract in its environment.
 * `args` (e.g. a role: setup, produce, replay) follow the program: node main.ts ARGS, java -jar app.jar ARGS,
 * or the start command's arguments.
 */
export function launchSpec(
  sol: Solution,
  exerciseId: string,
  env: Record<string, string>,
  args: string[] = [],
): LaunchSpec {
  const o: ExerciseOverrides = sol.manifest.exercises?.[exerciseId] ?? {};
  const fullEnv = { ...launcherOf(sol).baseEnv(), ...sol.manifest.env, ...o.env, ...env };
  const start = o.start ?? sol.manifest.start;
  if (start) return { cmd: 'sh', args: ['-c', startScript(start), 'sh', ...args], cwd: sol.dir, env: fullEnv };
  if (sol.runner === 'node') {
    const main = o.main ?? sol.manifest.main ?? NODE_MAINS.find((m) => fs.existsSync(path.join(sol.dir, m)));
    if (!main || !fs.existsSync(path.join(sol.dir, main))) {
      throw new SolutionError(
        'start',
        {
          fr: `le fichier d'entrée ${main ?? '(aucun trouvé)'} n'existe pas dans ${sol.dir}`,
          en: `entry file ${main ?? '(none found)'} does not exist in ${sol.dir}`,
        },
        {
          fr: `Indiquez le fichier d'entrée dans kgrade.json : "main": "src/main.ts".`,
          en: 'Name the entry file in kgrade.json: "main": "src/main.ts".',
        },
      );
    }
    const c = sol.compiled?.[main];
    if (c && 'file' in c)
      return { cmd: process.execPath, args: ['--enable-source-maps', c.file, ...args], cwd: sol.dir, env: fullEnv };
    return { cmd: process.execPath, args: ['--import', tsxLoader(), main, ...args], cwd: sol.dir, env: fullEnv };
  }
  if (sol.runner === 'maven') {
    const jar = o.jar ?? sol.manifest.jar ?? findJar(sol.dir);
    if (!jar || !fs.existsSync(path.join(sol.dir, jar))) {
      throw new SolutionError(
        'start',
        {
          fr: `aucun jar exécutable ${jar ?? 'dans target/'} après le build`,
          en: `no runnable jar ${jar ?? 'in target/'} after the build`,
        },
        {
          fr: 'Indiquez le jar exécutable dans kgrade.json ("jar": "target/app.jar") et vérifiez que le build le produit (spring-boot-maven-plugin ou maven-shade-plugin).',
          en: 'Name the runnable jar in kgrade.json ("jar": "target/app.jar") and make sure the build produces it (spring-boot-maven-plugin or maven-shade-plugin).',
        },
      );
    }
    return {
      cmd: 'java',
      args: ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar, ...args],
      cwd: sol.dir,
      env: fullEnv,
    };
  }
  if (sol.runner === 'files') {
    throw new SolutionError(
      'manifest',
      {
        fr: `le runner "files" ne lance aucun programme, or ${exerciseId} en lance un`,
        en: `runner "files" starts no program, yet ${exerciseId} runs one`,
      },
      {
        fr: `Pour ${exerciseId}, indiquez comment lancer votre solution : "runner": "node", "maven" ou "command" (voir la spécification).`,
        en: `For ${exerciseId}, say how to run your solution: "runner": "node", "maven" or "command" (see the spec).`,
      },
    );
  }
  throw new SolutionError(
    'manifest',
    { fr: 'le runner "command" demande une commande start', en: 'runner "command" needs a start command' },
    { fr: 'Ajoutez "start" à kgrade.json.', en: 'Add "start" to kgrade.json.' },
  );
}

function findJar(dir: string): string | undefined {
  const target = path.join(dir, 'target');
  if (!fs.existsSync(target)) return undefined;
  const jars = fs
    .readdirSync(target)
    .filter((f) => f.endsWith('.jar') && !f.startsWith('original-') && !f.endsWith('-sources.jar'));
  return jars.length === 1 ? path.join('target', jars[0]!) : undefined;
}
