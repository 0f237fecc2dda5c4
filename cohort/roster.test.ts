import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCsv, parseRoster, solutionFor, splitGitRef } from './roster.js';

const existing = new Set(['/r/sols/alice', '/r/sols/bob', '/srv/repo.git', '/r/sols/alice-ex2', '/r/sols/bob-ex1']);
const opts = {
  baseDir: '/r',
  pathExists: (p: string) => existing.has(p),
  gitAliases: { ref0: 'file:///srv/repo.git#main' },
};

describe('parseCsv', () => {
  test('quotes, doubled quotes, CRLF, blank lines, BOM', () => {
    const rows = parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n\r\nd,e,f\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 3, cells: ['d', 'e', 'f'] },
    ]);
  });
  test('semicolon separator (French spreadsheets)', () => {
    expect(parseCsv('id;nom;solution\nx;Y;z')[1]!.cells).toEqual(['x', 'Y', 'z']);
  });
  test('a quoted field spanning lines keeps the next row line number right', () => {
    const rows = parseCsv('a,"multi\nline",c\nd,e,f');
    expect(rows[1]!.line).toBe(3);
  });
});

describe('parseRoster', () => {
  test('folders relative to the roster, git URLs with refs, aliases', () => {
    const r = parseRoster(
      [
        'student_id,display_name,solution',
        'alice,Alice,sols/alice',
        'bob,"Durand, Bob",./sols/bob',
        'carl,Carl,https://git.example.org/carl/ex.git#v2',
        'dan,Dan,git:ref0',
        'eve,Eve,git:ref0#dev',
        'fay,Fay,file:///srv/repo.git',
      ].join('\n'),
      opts,
    );
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.id, e.name, e.source])).toEqual([
      ['alice', 'Alice', { kind: 'path', dir: path.resolve('/r/sols/alice') }],
      ['bob', 'Durand, Bob', { kind: 'path', dir: path.resolve('/r/sols/bob') }],
      ['carl', 'Carl', { kind: 'git', url: 'https://git.example.org/carl/ex.git', ref: 'v2' }],
      ['dan', 'Dan', { kind: 'git', url: 'file:///srv/repo.git', ref: 'main' }],
      ['eve', 'Eve', { kind: 'git', url: 'file:///srv/repo.git', ref: 'dev' }],
      ['fay', 'Fay', { kind: 'git', url: 'file:///srv/repo.git' }],
    ]);
  });

  test('one clear error per bad row; the good rows are kept', () => {
    const r = parseRoster(
      [
        'alice,Alice,sols/alice',
        ',Nobody,sols/bob',
        'bob,,sols/bob',
        'alice,Alice Again,sols/bob',
        'carl,Carl,sols/carl',
        'dan,Dan,git:unknown',
        'e/../x,Evil,sols/bob',
        'fay,Fay,sols/bob,extra',
        'gus,Gus,file:///nowhere.git',
        'bob,Bob,sols/bob',
      ].join('\n'),
      opts,
    );
    expect(r.entries.map((e) => e.id)).toEqual(['alice', 'bob']);
    const byLine = Object.fromEntries(r.problems.map((p) => [p.line, p.message]));
    expect(byLine[2]).toMatch(/missing student id/);
    expect(byLine[3]).toMatch(/missing display name/);
    expect(byLine[4]).toMatch(/duplicate student id 'alice' \(first seen on line 1\)/);
    expect(byLine[5]).toMatch(/solution folder sols\/carl not found/);
    expect(byLine[6]).toMatch(/git alias 'unknown' is not defined/);
    expect(byLine[7]).toMatch(/student id 'e\/..\/x' may only hold/);
    expect(byLine[8]).toMatch(/4 fields, expected 3/);
    expect(byLine[9]).toMatch(/git repository \/nowhere.git not found/);
    expect(r.problems).toHaveLength(8);
  });

  test('a solution per exercise (one repository per assignment), a `solution` column for the empty cells', () => {
    const r = parseRoster(
      [
        'student_id,display_name,solution,ex1,Solution_EX2,notes',
        'alice,Alice,sols/alice,,sols/alice-ex2,',
        'bob,Bob,,sols/bob-ex1,,',
        'carl,Carl,,,,',
        'dan,Dan,sols/alice,sols/nowhere,,',
        'eve,Eve,sols/bob,sols/bob,sols/bob,x,y',
      ].join('\n'),
      opts,
    );
    const alice = r.entries.find((e) => e.id === 'alice')!;
    const bob = r.entries.find((e) => e.id === 'bob')!;
    expect(solutionFor(alice, 'ex1')?.source).toEqual({ kind: 'path', dir: path.resolve('/r/sols/alice') });
    expect(solutionFor(alice, 'ex2')?.source).toEqual({ kind: 'path', dir: path.resolve('/r/sols/alice-ex2') });
    expect(solutionFor(bob, 'ex1')).toEqual({
      solutionText: 'sols/bob-ex1',
      source: { kind: 'path', dir: path.resolve('/r/sols/bob-ex1') },
    });
    expect(solutionFor(bob, 'ex2')).toBeUndefined();
    const byLine = Object.fromEntries(r.problems.map((p) => [p.line, p.message]));
    expect(byLine[1]).toMatch(/header column 'notes' is neither 'solution' nor an exercise id/);
    expect(byLine[4]).toMatch(/missing solution/);
    expect(byLine[5]).toMatch(/dan\): ex1: solution folder sols\/nowhere not found/);
    expect(byLine[6]).toMatch(/7 fields, expected 6/);
    expect(r.entries.map((e) => e.id)).toEqual(['alice', 'bob']);
  });

  test('a header whose third column has another title is still the solution column', () => {
    const r = parseRoster('login;nom;dossier\nalice;Alice;sols/alice\n', opts);
    expect(r.problems).toEqual([]);
    expect(r.entries[0]!.source).toEqual({ kind: 'path', dir: path.resolve('/r/sols/alice') });
  });

  test('an empty roster is an error', () => {
    expect(parseRoster('student_id,display_name,solution\n', opts).problems[0]!.message).toMatch(/no student row/);
  });

  test('splitGitRef', () => {
    expect(splitGitRef('https://h/r.git#main')).toEqual({ url: 'https://h/r.git', ref: 'main' });
    expect(splitGitRef('git@h:r.git')).toEqual({ url: 'git@h:r.git' });
  });

  test('the demo roster: 6 students, a duplicate and a missing folder', async () => {
    const fs = await import('node:fs');
    const file = path.resolve(import.meta.dirname, '../fixtures/cohort-demo/roster.csv');
    const r = parseRoster(fs.readFileSync(file, 'utf8'), {
      baseDir: path.dirname(file),
      gitAliases: { 'ex0-reference': 'file:///tmp' },
    });
    expect(r.entries.map((e) => e.id)).toEqual(['alice', 'bob', 'chloe', 'david', 'emma', 'farid']);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(
      /duplicate student id 'bob'[\s\S]*no-such-solution not found/,
    );
  });
});
