import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkoutGit } from './git-source.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-git-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function git(cwd: string, args: string[], date?: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@x',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@x',
    ...(date ? { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } : {}),
  };
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

describe('git sources (file://, offline)', () => {
  const repo = path.join(tmp, 'repo');
  const cache = path.join(tmp, 'cache');
  fs.mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  fs.writeFileSync(path.join(repo, 'main.ts'), 'v1');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-qm', 'one'], '2026-11-20T10:00:00Z');
  const first = git(repo, ['rev-parse', 'HEAD']);
  git(repo, ['tag', 'v1']);

  test('clones a branch, records its commit and committer date', async () => {
    const co = await checkoutGit(`file://${repo}`, 'main', cache);
    expect(co.commit).toBe(first);
    expect(co.commitDate).toBe('2026-11-20T10:00:00.000Z');
    expect(fs.readFileSync(path.join(co.dir, 'main.ts'), 'utf8')).toBe('v1');
  });

  test('a later run fetches new commits; a tag stays where it was', async () => {
    fs.writeFileSync(path.join(repo, 'main.ts'), 'v2');
    git(repo, ['commit', '-qam', 'two'], '2026-11-22T10:00:00Z');
    const co = await checkoutGit(`file://${repo}`, 'main', cache);
    expect(co.commit).toBe(git(repo, ['rev-parse', 'HEAD']));
    expect(co.commitDate).toBe('2026-11-22T10:00:00.000Z');
    expect(fs.readFileSync(path.join(co.dir, 'main.ts'), 'utf8')).toBe('v2');
    const tagged = await checkoutGit(`file://${repo}`, 'v1', cache);
    expect(tagged.commit).toBe(first);
    expect(tagged.dir).not.toBe(co.dir);
  });

  test('default ref is the remote HEAD; an unknown ref or repository is a clear error', async () => {
    expect((await checkoutGit(repo, undefined, cache)).commit).toBe(git(repo, ['rev-parse', 'HEAD']));
    await expect(checkoutGit(`file://${repo}`, 'nope', cache)).rejects.toThrow(/ref 'nope' not found/);
    await expect(checkoutGit(`file://${tmp}/missing`, 'main', cache)).rejects.toThrow(/git clone failed/);
  });
});
