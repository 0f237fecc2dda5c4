import { describe, expect, test } from 'vitest';
import { resolveJobSources, studentDirs } from './job-sources.js';
import type { RosterEntry } from './roster.js';

const path = (dir: string) => ({ kind: 'path' as const, dir });
const git = (url: string) => ({ kind: 'git' as const, url });

describe('resolveJobSources', () => {
  test('per-exercise columns over the solution column; a git source fetched once; a missing solution or a failed fetch costs only that exercise', async () => {
    const roster: RosterEntry[] = [
      {
        line: 2,
        id: 'alice',
        name: 'Alice',
        solutionText: '/a',
        source: path('/a'),
        exerciseSources: { ex2: { solutionText: '/a2', source: path('/a2') } },
      },
      {
        line: 3,
        id: 'bob',
        name: 'Bob',
        exerciseSources: {
          ex1: { solutionText: 'https://h/b.git', source: git('https://h/b.git') },
          ex3: { solutionText: 'https://h/bad.git', source: git('https://h/bad.git') },
        },
      },
      {
        line: 4,
        id: 'carl',
        name: 'Carl',
        exerciseSources: { ex3: { solutionText: 'https://h/bad.git', source: git('https://h/bad.git') } },
      },
    ];
    const fetches: string[] = [];
    const r = await resolveJobSources(roster, ['ex1', 'ex2', 'ex3'], async (url) => {
      fetches.push(url);
      if (url.includes('bad')) throw new Error('repository not found');
      return { dir: '/cache/b', commit: 'c0ffee', commitDate: '2026-11-20T10:00:00.000Z' };
    });
    expect(r.jobs.map((j) => `${j.studentId}/${j.exerciseId}`)).toEqual([
      'alice/ex1',
      'alice/ex2',
      'alice/ex3',
      'bob/ex1',
    ]);
    expect(r.entries.map((e) => e.id)).toEqual(['alice', 'bob']);
    expect(r.unfetched.map((j) => `${j.studentId}/${j.exerciseId}`)).toEqual(['bob/ex3', 'carl/ex3']);
    expect(fetches).toEqual(['https://h/b.git', 'https://h/bad.git']);
    expect(studentDirs(r.sources, 'alice', ['ex1', 'ex2', 'ex3'])).toEqual(['/a', '/a2']);
    expect(studentDirs(r.sources, 'bob', ['ex1', 'ex2', 'ex3'])).toEqual(['/cache/b']);
    expect(r.problems.map((p) => [p.id, p.problem?.kind])).toEqual([
      ['bob', 'no-solution'],
      ['bob', 'git-fetch'],
      ['carl', 'no-solution'],
      ['carl', 'no-solution'],
      ['carl', 'git-fetch'],
    ]);
    expect(r.problems[0]!.message).toBe(
      "line 3 (bob): no solution for ex2 (its column is empty and the row has no 'solution' column); ex2 is not graded for this student",
    );
  });
});
