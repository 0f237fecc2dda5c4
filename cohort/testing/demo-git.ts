/** The demo's git student: a repository made at test time from a fixture folder (a nested .git cannot be committed). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function makeGitRepo(fromDir: string, intoDir: string, commitDate: string): { url: string; commit: string } {
  fs.rmSync(intoDir, { recursive: true, force: true });
  fs.cpSync(fromDir, intoDir, {
    recursive: true,
    filter: (src) => !/(^|\/)(target|node_modules|\.git)(\/|$)/.test(path.relative(fromDir, src)),
  });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Emma',
    GIT_AUTHOR_EMAIL: 'emma@example.org',
    GIT_COMMITTER_NAME: 'Emma',
    GIT_COMMITTER_EMAIL: 'emma@example.org',
    GIT_AUTHOR_DATE: commitDate,
    GIT_COMMITTER_DATE: commitDate,
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: intoDir, env, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'ex0');
  return { url: `file://${intoDir}`, commit: git('rev-parse', 'HEAD') };
}

/** Scratch space of the demo's tests, under the project so the fixtures' `kafkajs` import resolves. */
export const DEMO_DIR = path.resolve(import.meta.dirname, '../../fixtures/cohort-demo');
export const DEMO_WORK = path.join(DEMO_DIR, '.work');
