import { describe, expect, test } from 'vitest';
import { isGitSolution, sandboxFor } from './git-solution.js';

describe('grade on a git URL', () => {
  test('a git URL is a git solution, a folder is not, even one named like a repository', () => {
    const none = () => false;
    expect(isGitSolution('https://git.example.org/alice/kafka.git#main', none)).toBe(true);
    expect(isGitSolution('git@example.org:alice/kafka.git', none)).toBe(true);
    expect(isGitSolution('file:///srv/git/alice#v2', none)).toBe(true);
    expect(isGitSolution('solutions/alice', none)).toBe(false);
    expect(isGitSolution('alice.git', () => true)).toBe(false);
    expect(isGitSolution('git:alice', none)).toBe(false);
  });
  test('sandboxed by default for a git source only; --sandbox and --no-sandbox win', () => {
    expect(sandboxFor(undefined, true)).toBe(true);
    expect(sandboxFor(undefined, false)).toBe(false);
    expect(sandboxFor(false, true)).toBe(false);
    expect(sandboxFor(true, false)).toBe(true);
  });
});
