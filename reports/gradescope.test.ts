import { describe, it, expect } from 'vitest';
import { renderGradescope, toGradescope } from './gradescope.js';
import { buildErrorResult, notGradableResult, sampleResult } from './sample-result.js';

describe('Gradescope results.json', () => {
  const doc = JSON.parse(renderGradescope(sampleResult(), { lang: 'en' }));

  it('has the top-level fields', () => {
    expect(doc.score).toBe(3);
    expect(doc.execution_time).toBe(42);
    expect(doc.visibility).toBe('visible');
    expect(typeof doc.output).toBe('string');
    expect(doc.output).toContain('Seed: 424242');
    expect(doc.output).toContain('Replay: kgrade grade');
    expect(doc.tests).toHaveLength(5);
  });

  it('has one test per verdict whose scores add up', () => {
    for (const test of doc.tests) {
      expect(Object.keys(test)).toEqual(
        expect.arrayContaining(['name', 'number', 'score', 'max_score', 'status', 'output']),
      );
      expect(['passed', 'failed']).toContain(test.status);
      expect(test.score).toBeLessThanOrEqual(test.max_score);
    }
    const sum = (k: 'score' | 'max_score') => doc.tests.reduce((a: number, x: Record<string, number>) => a + x[k]!, 0);
    expect(sum('score')).toBe(doc.score);
    expect(sum('max_score')).toBe(12);
    expect(doc.tests.map((x: { number: string }) => x.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(doc.tests.map((x: { status: string }) => x.status)).toEqual([
      'passed',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
  });

  it('localizes test output', () => {
    const fr = toGradescope(sampleResult(), { lang: 'fr' });
    expect(fr.tests[1]!.output).toContain('Indice : Revoir');
    expect(fr.tests[1]!.name).toBe('no-duplicates: Aucun doublon après coupure réseau');
  });

  it('explains a not-gradable run in output', () => {
    const ng = toGradescope(notGradableResult(), { lang: 'en' });
    expect(ng.score).toBe(0);
    expect(ng.tests).toEqual([]);
    expect(ng.output).toContain('Could not grade');
    expect(ng.output).toContain('STACK_START_FAILED');
    expect(ng.output).not.toContain('Score');
  });

  it('puts the compiler errors of a run that did not build in the top-level output, in the language asked', () => {
    const g = toGradescope(buildErrorResult(), { lang: 'fr' });
    expect(g.output).toContain('La solution ne se construit pas');
    expect(g.output).toContain('src/main/java/fr/course/Main.java:64:34 cannot find symbol');
    expect(g.extra_data.outcome).toBe('error');
    expect(g.tests.every((x) => x.output === 'non exécutée : la solution ne se construit pas')).toBe(true);
  });
});
