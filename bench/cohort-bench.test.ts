import { describe, expect, it } from 'vitest';
import { autoParallelism, SESSION_STACK_BYTES } from '../cohort/run-cohort.js';
import { benchFixtures, generatedRoster, phaseMeans, renderCohortBench, renderPhases } from './cohort-bench.js';

describe('bench cohort', () => {
  it('a generated roster alternates references and mutants, TS and Java, round-robin', () => {
    const csv = generatedRoster(['reference-java', 'reference-ts', 'mutant-a', 'mutant-b'], 5, (f) => `/fx/${f}`);
    expect(csv.trim().split('\n').slice(1).map((l) => l.split(',')[2])).toEqual(['/fx/reference-java', '/fx/mutant-a', '/fx/reference-ts', '/fx/mutant-b', '/fx/reference-java']);
    expect(benchFixtures('ex3').filter((f) => f.startsWith('reference-'))).toEqual(expect.arrayContaining(['reference-java', 'reference-ts']));
    expect(benchFixtures('ex3').some((f) => f.startsWith('null-'))).toBe(false);
  });

  it('prints the ratio, the class projection and the shards', () => {
    const out = renderCohortBench([{ exercise: 'ex1', students: 2, sequentialMs: 120_000, parallelMs: 60_000, parallel: 2, disagreements: [] }], 30, [1, 3], [1, 2, 3]);
    expect(out).toContain('ratio 2.00; verdicts identical');
    expect(out).toContain('projected 30 students x ex1 on this machine: sequential 30.0 min, parallel 15.0 min');
    expect(out).toContain('shards on  3 runner(s) like this one: 5.0 min');
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
    const t = (stack: number, check: number) => ({ stackMs: stack, buildMs: 100, solutionStarts: [{ phase: 'prepare', ms: 1000 }, { phase: 'c', ms: 3000 }], prepareMs: 2000, checks: [{ id: 'a', ms: 500 }, { id: 'b', ms: check }], teardownMs: 10 });
    const p = phaseMeans([t(2000, 10_000), t(0, 20_000)], [30_000, 40_000])!;
    expect(p).toMatchObject({ gradings: 2, stackMs: 1000, solutionStartsMs: 4000, solutionStarts: 2, checks: [{ id: 'a', ms: 500 }, { id: 'b', ms: 15_000 }], totalMs: 35_000 });
    expect(renderPhases('ex3', p)).toContain('checks 15.5 s [b 15.0 s, a 0.5 s]');
    expect(phaseMeans([], [])).toBeUndefined();
  });

  it('prints the measured class wall time when every exercise had the same roster size', () => {
    const f = (exercise: string) => ({ exercise, students: 30, sequentialMs: 600_000, parallelMs: 300_000, parallel: 2, disagreements: [], parallelStacksPeakMiB: 1600 });
    const out = renderCohortBench([f('ex1'), f('ex2')], 30, [1], [1, 1, 1]);
    expect(out).toContain('measured 30 students x ex1-ex2: sequential 20.0 min, --parallel 2 10.0 min');
    expect(out).toContain("stacks' peak memory 1600 MiB for 2 (800 MiB per stack)");
  });
});
