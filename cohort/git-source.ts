/**
 * Git solutions: cloned once into a cache folder (one checkout per URL and ref), refreshed with a fetch
 * on later runs, and checked out at the ref's commit. The commit hash and its committer date are what the
 * gradebook records (and what `--deadline` compares). Works offline for file:// and local repositories.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execCapture, tail } from '../core/exec.js';
import { cachePaths } from '../stack/cache-paths.js';

export interface GitCheckout {
  dir: string;
  commit: string;
  /** ISO 8601, the committer date of the graded commit. */
  commitDate: string;
}

export class GitSourceError extends Error {}

export function defaultGitCacheDir(): string {
  return path.join(cachePaths.root(), 'cohort', 'git');
}

async function git(args: string[], cwd?: string): Promise<string> {
  const r = await execCapture('git', args, {
    cwd,
    timeoutMs: 5 * 60_000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  if (r.code !== 0)
    throw new GitSourceError(`git ${args[0]} failed (exit ${r.code}): ${tail(r.stderr || r.stdout, 6).trim()}`);
  return r.stdout.trim();
}

export function checkoutDirName(url: string, ref: string | undefined): string {
  const slug =
    url
      .replace(/\.git$/i, '')
      .split(/[/:]/)
      .filter(Boolean)
      .pop()
      ?.replace(/[^A-Za-z0-9._-]+/g, '_') || 'repo';
  const h = crypto
    .createHash('sha256')
    .update(`${url}#${ref ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  return `${slug}-${h}`;
}

/** Clones (or fetches) `url` and checks out `ref` (branch, tag or commit; default: the remote's HEAD). */
export async function checkoutGit(url: string, ref: string | undefined, cacheDir: string): Promise<GitCheckout> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const dir = path.join(cacheDir, checkoutDirName(url, ref));
  if (!fs.existsSync(path.join(dir, '.git'))) {
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    try {
      await git(['clone', '--quiet', '--no-checkout', url, partial]);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(partial, dir);
    } finally {
      fs.rmSync(partial, { recursive: true, force: true });
    }
  } else {
    await git(['fetch', '--quiet', '--prune', '--tags', '--force', 'origin'], dir);
  }
  const commit = await resolveRef(dir, ref);
  await git(['checkout', '--quiet', '--force', '--detach', commit], dir);
  // Leftovers of another commit go; build outputs stay (Maven and npm caches are keyed by source hash anyway).
  await git(['clean', '--quiet', '-fdx', '-e', 'node_modules', '-e', 'target', '-e', '.kgrade-build-stamp'], dir);
  const commitDate = await git(['show', '-s', '--format=%cI', commit], dir);
  return { dir, commit, commitDate: new Date(commitDate).toISOString() };
}

async function resolveRef(dir: string, ref: string | undefined): Promise<string> {
  const candidates = ref
    ? [`refs/remotes/origin/${ref}`, `refs/tags/${ref}`, ref]
    : ['refs/remotes/origin/HEAD', 'HEAD'];
  for (const c of candidates) {
    const r = await execCapture('git', ['rev-parse', '--verify', '--quiet', `${c}^{commit}`], { cwd: dir });
    if (r.code === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new GitSourceError(
    ref ? `ref '${ref}' not found in the repository (no such branch, tag or commit)` : 'the repository has no commit',
  );
}
