import { describe, expect, it } from 'vitest';
import { autoParallelism, SESSION_STACK_BYTES } from '../cohort/parallelism.js';
import { exerciseById } from '../graders/registry.js';
import {
  benchFixtures,
  cpuCoresDrift,
  floorLine,
  generatedRoster,
  parseProcStat,
  phaseMeans,
  renderCohortBench,
  renderPhases,
} from './cohort-bench.js';

describe('bench cohort', () => {
  it('a generated roster has a column per exercise, each alternating references and mutants round-robin', () => {
    const csv = generatedRoster(
      { ex1: ['reference-java', 'reference-ts', 'mutant-a', 'mutant-b'], ex2: ['reference-ts', 'mutant-c'] },
      5,
      (ex, f) => `/fx/${ex}/${f}`,
    );
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('student_id,display_name,ex1,ex2');
    expect(rows.slice(1).map((l) => l.split(',')[2])).toEqual([
      '/fx/ex1/reference-java',
      '/fx/ex1/mutant-a',
      '/fx/ex1/reference-ts',
      '/fx/ex1/mutant-b',
      '/fx/ex1/reference-java',
    ]);
    expect(rows.slice(1).map((l) => l.split(',')[3])).toEqual([
      '/fx/ex2/reference-ts',
      '/fx/ex2/mutant-c',
      '/fx/ex2/reference-ts',
      '/fx/ex2/mutant-c',
      '/fx/ex2/reference-ts',
    ]);
    expect(rows[2]).toContain('Student 2 (mutant-a mutant-c)');
    expect(benchFixtures('ex3').filter((f) => f.startsWith('reference-'))).toEqual(
      expect.arrayContaining(['reference-java', 'reference-ts']),
    );
    expect(benchFixtures('ex3').some((f) => f.startsWith('null-'))).toBe(false);
  });

  it('prints the class wall times, the ratio, each exercise share, the projection and the shards', () => {
    const ex = (exercise: string, sessions: number, sequentialMs: number) => ({
      exercise,
      sequentialMs,
      sessions,
      disagreements: [],
      sequentialBusyCores: 0.5,
    });
    const out = renderCohortBench(
      {
        students: 2,
        exercises: [
          ex('ex1', 2, 50_000),
          { ...ex('ex3', 3, 70_000), meanGradingMs: { sequential: 35_000, parallel: 52_500 } },
        ],
        sequentialMs: 120_000,
        parallelMs: 60_000,
        parallelSessions: 3,
        parallelStacksPeakMiB: 1500,
        parallelStacks: 5,
        sequentialBusyCores: 0.61,
        parallelBusyCores: 1.5,
      },
      30,
      [1, 3],
      [1, 2, 3],
      2,
    );
    expect(out).toContain(
      'measured 2 students x ex1-ex3 in one cohort run: sequential 2.0 min, 0.61 busy cores of 2; --parallel auto (ex1 2, ex3 3 sessions) 1.0 min, 1.50 busy cores of 2; ratio 2.00',
    );
    expect(out).toContain('verdicts: identical (4 gradings)');
    expect(out).toContain(
      "stacks' peak memory in the parallel run: 1500 MiB for 3 sessions on 5 stacks (500 MiB per session)",
    );
    expect(out).toContain('ex3   sequential: 70.0 s for 2 (35.0 s a grading), 0.50 busy cores');
    expect(out).toContain('ex3   a grading: 35.0 s alone, 52.5 s beside the other sessions (x1.50)');
    expect(out).toContain('projected 30 students x ex1-ex3 on this machine: sequential 30.0 min, parallel 15.0 min');
    expect(out).toContain('shards on  3 runner(s) like this one: 5.0 min');
  });

  it('says when an exercise busies the cores more or less than it declares', () => {
    const e = (exercise: string, measured: number, declared?: number) => ({
      exercise,
      sequentialMs: 1,
      sessions: 2,
      disagreements: [],
      sequentialBusyCores: measured,
      ...(declared !== undefined ? { declaredCpuCores: declared } : {}),
    });
    const drift = cpuCoresDrift([e('ex1', 0.8, 0.76), e('ex3', 0.7, 0.46), e('ex0', 0.5)]);
    expect(drift).toEqual([
      'ex3 declares cpuCores 0.46 but measured 0.70 (52 % apart): set it in graders/ex3/ex3.ts, --parallel auto sizes its sessions from it',
    ]);
  });

  it('gives no drift when other processes kept the machine busy during the gradings (their load skews the figure)', () => {
    const figures = (own: number, machine: number) => ({
      exercise: 'ex3',
      sequentialMs: 1,
      sessions: 3,
      disagreements: [],
      sequentialBusyCores: own,
      machineBusyCores: machine,
      declaredCpuCores: 0.46,
    });
    expect(cpuCoresDrift([figures(0.07, 2)])).toEqual([
      'ex3: its measured 0.07 busy cores cannot be compared with its cpuCores 0.46: other processes kept 1.93 cores busy during its gradings (bench again on a quiet machine)',
    ]);
    expect(cpuCoresDrift([figures(0.45, 0.6)])).toEqual([]);
    expect(cpuCoresDrift([figures(0.7, 0.8)])[0]).toMatch(/^ex3 declares cpuCores 0.46 but measured 0.70/);
  });

  it('names every verdict that differs', () => {
    const out = renderCohortBench(
      {
        students: 1,
        exercises: [
          { exercise: 'ex1', sequentialMs: 1, sessions: 1, disagreements: ['s01 a: pass sequential, fail parallel'] },
        ],
        sequentialMs: 1,
        parallelMs: 1,
        parallelSessions: 1,
      },
      30,
      [1],
      [0, 0, 0],
      2,
    );
    expect(out).toContain('verdicts: DIFFER: ex1 s01 a: pass sequential, fail parallel');
  });
});

describe('floor', () => {
  it('prints the mean grading beside the floor, with the ratio and the gap', () => {
    const e = {
      exercise: 'ex9',
      sequentialMs: 180_000,
      sessions: 1,
      disagreements: [],
      meanGradingMs: { sequential: 55_200, parallel: 70_000 },
      floor: { ms: 11_040, specMs: 11_040, windowMs: 0 },
    };
    expect(floorLine(e, 2)).toBe(
      'ex9   floor 11.0 s (spec 11.0 s + check windows 0.0 s); mean grading 55.2 s alone: x5.00 the floor, 44.2 s above it',
    );
    expect(floorLine({ ...e, meanGradingMs: undefined }, 2)).toContain('mean grading 90.0 s alone: x8.15 the floor');
    expect(floorLine({ ...e, floor: undefined }, 2)).toBeUndefined();
    expect(floorLine({ ...e, meanGradingMs: { sequential: 500, parallel: 500 } }, 2)).toContain(
      'mean grading 0.5 s alone is BELOW it: its gradings stopped early',
    );
    const out = renderCohortBench(
      { students: 2, exercises: [e], sequentialMs: 180_000, parallelMs: 150_000, parallelSessions: 1 },
      30,
      [1],
      [0, 0, 0],
      2,
    );
    expect(out).toContain('ex9   floor 11.0 s');
  });

  it('ex3 and ex9 declare their floor', () => {
    expect(exerciseById('ex9').floor?.().ms).toBeGreaterThan(0);
    expect(exerciseById('ex3').floor?.().ms).toBeGreaterThan(0);
  });
});

describe('autoParallelism', () => {
  it('one session per core, as many as free memory holds stacks, at most 8', () => {
    expect(autoParallelism(2, 20 * SESSION_STACK_BYTES)).toBe(2);
    expect(autoParallelism(16, 3 * SESSION_STACK_BYTES)).toBe(3);
    expect(autoParallelism(64, 100 * SESSION_STACK_BYTES)).toBe(8);
    expect(autoParallelism(4, 0)).toBe(1);
  });
});

describe('phase means', () => {
  it('averages each phase over the gradings and names the slowest checks first', () => {
    const t = (stack: number, check: number) => ({
      stackMs: stack,
      buildMs: 100,
      solutionStarts: [
        { phase: 'prepare', ms: 1000 },
        { phase: 'c', ms: 3000 },
      ],
      prepareMs: 2000,
      checks: [
        { id: 'a', ms: 500 },
        { id: 'b', ms: check },
      ],
      teardownMs: 10,
    });
    const p = phaseMeans([t(2000, 10_000), t(0, 20_000)], [30_000, 40_000])!;
    expect(p).toMatchObject({
      gradings: 2,
      stackMs: 1000,
      solutionStartsMs: 4000,
      solutionStarts: 2,
      checks: [
        { id: 'a', ms: 500 },
        { id: 'b', ms: 15_000 },
      ],
      totalMs: 35_000,
    });
    expect(renderPhases('ex3', p)).toContain('checks 15.5 s [b 15.0 s, a 0.5 s]');
    expect(phaseMeans([], [])).toBeUndefined();
  });
  it("reads a process's parent and its CPU with its reaped children's from /proc/<pid>/stat, a name with spaces and parentheses included", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const line = '4242 (java (main) x) S 4200 4242 4200 0 -1 4194560 100 0 0 0 150 30 1200 45 20 0 60 0';
    expect(parseProcStat(line)).toEqual({ ppid: 4200, ticks: 150 + 30 + 1200 + 45 });
    expect(parseProcStat('12 (short) S 1')).toBeUndefined();
  });
});
