/**
 * What `kgrade init <exercise>` writes into a student's repository: `kgrade.json` (always with a runner) and the
 * CI file from templates/, with the exercise and the package source to install filled in. Never overwrites a file that differs
 * unless forced; running it twice changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';

export type CiKind = 'github' | 'gitlab' | 'none';
export type FileAction = 'create' | 'unchanged' | 'keep' | 'overwrite';

export interface ScaffoldFile {
  /** Relative to the repository. */
  path: string;
  content: string;
}

const TEMPLATES = path.resolve(import.meta.dirname, '../templates');
const STUDENT_TEMPLATE: Record<Exclude<CiKind, 'none'>, { template: string; target: string }> = {
  github: { template: 'github/kgrade-student.yml', target: '.github/workflows/kgrade.yml' },
  gitlab: { template: 'gitlab/kgrade-student.gitlab-ci.yml', target: '.gitlab-ci.yml' },
};

export type InitRunner = 'node' | 'maven' | 'command';

/** What `kgrade.json` says about running the solution: always a runner, and its entry when known. */
export interface RunnerChoice {
  runner: InitRunner;
  main?: string;
  start?: string;
}

/** Where the node runner looks for an entry when `main` is not set (runner/solution.ts looks in the same order). */
const NODE_MAINS = ['src/main.ts', 'src/index.ts', 'main.ts', 'index.ts', 'src/main.js', 'index.js'];

/**
 * The runner a student's folder declares by its build file: pom.xml -> maven; package.json with a .ts/.js entry
 * (its `main` field, else src/main.ts, src/index.ts...) -> node with that entry; otherwise none (init then asks
 * for --runner). `read` returns a file's text, or undefined when it does not exist.
 */
export function detectRunner(read: (file: string) => string | undefined): RunnerChoice | undefined {
  if (read('pom.xml') !== undefined) return { runner: 'maven' };
  const pkg = read('package.json');
  if (pkg === undefined) return undefined;
  let declared: unknown;
  try {
    declared = (JSON.parse(pkg) as { main?: unknown }).main;
  } catch {
    declared = undefined;
  }
  const candidates = [
    ...(typeof declared === 'string' && /\.(ts|js|mts|mjs)$/.test(declared) ? [declared.replace(/^\.\//, '')] : []),
    ...NODE_MAINS,
  ];
  const main = candidates.find((f) => read(f) !== undefined);
  return main ? { runner: 'node', main } : undefined;
}

/**
 * The runner init writes: --runner when given (node takes the detected entry, else src/main.ts; command needs
 * --start), else the detected one. A string is the usage error to report.
 */
export function chooseRunner(
  asked: { runner?: string; start?: string },
  detected: RunnerChoice | undefined,
): RunnerChoice | string {
  const usage =
    'pass --runner node|maven|command (e.g. --runner node for src/main.ts, --runner command --start "python3 main.py")';
  if (asked.runner === undefined)
    return (
      detected ??
      `kgrade init: cannot tell how your solution runs (no pom.xml, no package.json with a .ts/.js main): ${usage}`
    );
  if (asked.runner === 'maven') return { runner: 'maven' };
  if (asked.runner === 'node')
    return { runner: 'node', main: detected?.runner === 'node' ? detected.main : 'src/main.ts' };
  if (asked.runner === 'command')
    return asked.start
      ? { runner: 'command', start: asked.start }
      : 'kgrade init: --runner command needs the command that starts your program, e.g. --start "python3 main.py"';
  return `kgrade init: unknown runner '${asked.runner}': ${usage}`;
}

export function manifestFor(exerciseId: string, choice: RunnerChoice): string {
  return JSON.stringify({ ...choice, exercises: { [exerciseId]: {} } }, null, 2) + '\n';
}

/** One line on what the manifest says, for init's output. */
export function describeChoice(choice: RunnerChoice, exists: (file: string) => boolean): string {
  if (choice.runner === 'node')
    return `runner node, main ${choice.main}${choice.main && !exists(choice.main) ? ' (not there yet: write your program there, or change "main")' : ''}`;
  if (choice.runner === 'command') return `runner command, start ${choice.start}`;
  return 'runner maven (mvn package; the jar from target/)';
}

/**
 * The package source a workflow installs (`npm install <spec>`): a registry name (kafka-grader@0.1.0), a git URL
 * (github:owner/kafka-grader#v0.1.0), a tarball URL, or a tarball committed in the repository (./kafka-grader.tgz;
 * the workflow runs npm from the repository's root). A local tarball outside the repository is refused: a CI runner
 * cannot reach it. A string is the usage error to report.
 */
export function workflowPackageSpec(spec: string, repoDir: string, cwd: string): string | { error: string } {
  if (!spec.trim() || /\s/.test(spec))
    return {
      error: `kgrade init: --package '${spec}' is not a package spec; e.g. --package kafka-grader@0.1.0, --package github:OWNER/kafka-grader#v0.1.0`,
    };
  const looksLocal =
    /^(\.{1,2}\/|\/|file:)/.test(spec) || (/\.(tgz|tar\.gz)$/.test(spec) && !/^[a-z+]+:\/\//.test(spec));
  if (!looksLocal) return spec;
  const file = path.resolve(cwd, spec.replace(/^file:/, ''));
  const rel = path.relative(repoDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    return {
      error: `kgrade init: --package ${spec} is outside the repository, where a CI runner cannot reach it; commit the tarball into the repository and name it from there, or use a URL (e.g. github:OWNER/kafka-grader#v0.1.0)`,
    };
  return `./${rel.split(path.sep).join('/')}`;
}

/** The template with its exercise and package lines set (the templates carry `KGRADE_EXERCISE: ex0`). */
export function fillTemplate(text: string, exerciseId: string, packageSpec: string): string {
  return text
    .replace(/^(\s*KGRADE_EXERCISE:) .*$/m, `$1 ${exerciseId}`)
    .replace(/^(\s*KGRADE_PACKAGE:) .*$/m, `$1 ${packageSpec}`);
}

export function scaffoldFiles(opts: {
  exerciseId: string;
  ci: CiKind;
  packageSpec: string;
  runner: RunnerChoice;
}): ScaffoldFile[] {
  const files: ScaffoldFile[] = [{ path: 'kgrade.json', content: manifestFor(opts.exerciseId, opts.runner) }];
  if (opts.ci !== 'none') {
    const t = STUDENT_TEMPLATE[opts.ci];
    files.push({
      path: t.target,
      content: fillTemplate(
        fs.readFileSync(path.join(TEMPLATES, t.template), 'utf8'),
        opts.exerciseId,
        opts.packageSpec,
      ),
    });
  }
  return files;
}

export function planFile(existing: string | undefined, wanted: string, force: boolean): FileAction {
  if (existing === undefined) return 'create';
  if (existing === wanted) return 'unchanged';
  return force ? 'overwrite' : 'keep';
}

export function applyScaffold(
  dir: string,
  files: ScaffoldFile[],
  force: boolean,
): { path: string; action: FileAction }[] {
  return files.map((f) => {
    const target = path.join(dir, f.path);
    const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    const action = planFile(existing, f.content, force);
    if (action === 'create' || action === 'overwrite') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.content);
    }
    return { path: f.path, action };
  });
}

/** `kafka-grader@<version>` of the running package: the published name, pinned to this version (init's default). */
export function ownPackageSpec(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${pkg.name}@${pkg.version}`;
}
