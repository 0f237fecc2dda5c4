/**
 * What `kgrade init <exercise>` writes into a student's repository: `kgrade.json` and the CI file from
 * templates/, with the exercise and this kgrade's version filled in. Never overwrites a file that differs
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

/** The runner a student's folder declares by its build file, when it has one. */
export function detectRunner(has: (file: string) => boolean): 'maven' | 'node' | undefined {
  if (has('pom.xml')) return 'maven';
  if (has('package.json')) return 'node';
  return undefined;
}

export function manifestFor(exerciseId: string, runner: 'maven' | 'node' | undefined): string {
  return JSON.stringify({ ...(runner ? { runner } : {}), exercises: { [exerciseId]: {} } }, null, 2) + '\n';
}

/** The template with its exercise and package lines set (the templates carry `KGRADE_EXERCISE: ex0`). */
export function fillTemplate(text: string, exerciseId: string, packageSpec: string): string {
  return text.replace(/^(\s*KGRADE_EXERCISE:) .*$/m, `$1 ${exerciseId}`).replace(/^(\s*KGRADE_PACKAGE:) .*$/m, `$1 ${packageSpec}`);
}

export function scaffoldFiles(opts: { exerciseId: string; ci: CiKind; packageSpec: string; runner: 'maven' | 'node' | undefined }): ScaffoldFile[] {
  const files: ScaffoldFile[] = [{ path: 'kgrade.json', content: manifestFor(opts.exerciseId, opts.runner) }];
  if (opts.ci !== 'none') {
    const t = STUDENT_TEMPLATE[opts.ci];
    files.push({ path: t.target, content: fillTemplate(fs.readFileSync(path.join(TEMPLATES, t.template), 'utf8'), opts.exerciseId, opts.packageSpec) });
  }
  return files;
}

export function planFile(existing: string | undefined, wanted: string, force: boolean): FileAction {
  if (existing === undefined) return 'create';
  if (existing === wanted) return 'unchanged';
  return force ? 'overwrite' : 'keep';
}

export function applyScaffold(dir: string, files: ScaffoldFile[], force: boolean): { path: string; action: FileAction }[] {
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

/** `kafka-grader@<version>` of the running package. */
export function ownPackageSpec(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}
