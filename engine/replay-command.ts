/**
 * The command that replays a grading, built in one place for `grade` and `cohort`. The solution is named so
 * the line works when pasted from another folder: a git source by its URL (at the graded commit when known),
 * the current folder as `.` (a student in their repository, their CI), any other folder by its absolute path
 * (a relative one resolves only from the folder the grader ran in). In CI a folder inside the checkout keeps
 * its path relative to it: the student's copy of the repository has it, the runner's absolute path does not.
 */
import path from 'node:path';

export interface ReplaySpec {
  exerciseId: string;
  /** A folder (absolute or relative to `cwd`) or a git source (`url` or `url#ref`). */
  solution: string;
  git?: boolean;
  /** The commit a git source was graded at: replaces its #ref. */
  commit?: string;
  seed: number;
  sandbox?: boolean;
  /** Only when it is not the provider the run itself reports (a running `kgrade stack up`). */
  stack?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A shell word: quoted when it holds anything a shell would read. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./@:+=,#~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function replaySolution(spec: Pick<ReplaySpec, 'solution' | 'git' | 'commit' | 'cwd' | 'env'>): string {
  if (spec.git) return spec.commit ? `${spec.solution.replace(/#[^#]*$/, '')}#${spec.commit}` : spec.solution;
  const cwd = spec.cwd ?? process.cwd();
  const abs = path.resolve(cwd, spec.solution);
  const rel = path.relative(cwd, abs);
  if (rel === '') return '.';
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
  const env = spec.env ?? process.env;
  return inside && (env.CI === 'true' || env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true') ? rel : abs;
}

export function replayCommand(spec: ReplaySpec): string {
  return [
    `kgrade grade ${spec.exerciseId} --solution ${shellWord(replaySolution(spec))} --seed ${spec.seed}`,
    spec.sandbox ? ' --sandbox' : '',
    spec.stack ? ` --stack ${spec.stack}` : '',
  ].join('');
}
