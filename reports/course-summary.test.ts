import { describe, expect, test } from 'vitest';
import type { GradeResult } from '../model/result.js';
import { renderCourseConsole, renderCourseHtml, summarizeCourse } from './course-summary.js';

const verdict = (id: string, status: 'pass' | 'fail' | 'not-gradable', points = 2) => ({
  id,
  title: { fr: id, en: id },
  points,
  score: status === 'pass' ? points : 0,
  status,
  durationMs: 1,
  evidence: { summary: { fr: '', en: '' } },
});
function result(
  id: string,
  outcome: GradeResult['outcome'],
  verdicts: ReturnType<typeof verdict>[],
  durationMs = 9_000,
): GradeResult {
  return {
    exercise: { id, title: { fr: `Exercice ${id}`, en: `Exercise ${id}` } },
    outcome,
    verdicts,
    score: verdicts.reduce((s, v) => s + v.score, 0),
    maxScore: verdicts.reduce((s, v) => s + v.points, 0),
    durationMs,
    solution: { dir: `/work/${id}`, runner: 'node' },
  } as unknown as GradeResult;
}

describe('course summary', () => {
  const results = [
    result('ex0', 'graded', [verdict('a', 'pass'), verdict('b', 'pass')]),
    result(
      'ex1',
      'graded',
      [verdict('acks', 'pass'), verdict('critical-acks-all', 'fail'), verdict('retries', 'fail')],
      31_000,
    ),
    result('ex5', 'not-gradable', [verdict('registry', 'not-gradable')]),
  ];
  const s = summarizeCourse(results, 75_000, (r) => r.exercise.id);
  test('totals count only what could be graded, and name what could not', () => {
    expect([s.score, s.maxScore, s.notGradable]).toEqual([6, 10, ['ex5']]);
    expect(s.exercises[1]!.notPassed).toEqual(['critical-acks-all', 'retries']);
  });
  test('console: a line per exercise with its score, time, folder and what did not pass', () => {
    const text = renderCourseConsole(s, 'en');
    expect(text).toContain('Course: 3 exercises, 6/10 (60 %) in 1 min 15 s');
    expect(text).toMatch(/ex1 +2\/6 +31 s +ex1 +not passed: critical-acks-all, retries/);
    expect(text).toMatch(/ex5 +- +9 s +ex5 +not gradable here/);
    expect(text).toContain("not counted (an infrastructure problem, not your solution's): ex5");
    expect(renderCourseConsole(s, 'fr')).toContain('Parcours : 3 exercices, 6/10 (60 %) en 1 min 15 s');
  });
  test('html links each exercise report and escapes folder names', () => {
    const html = renderCourseHtml(
      summarizeCourse(results, 1, () => '<ex>'),
      'en',
    );
    expect(html).toContain('<a href="kgrade-ex1.html">ex1</a>');
    expect(html).toContain('&lt;ex&gt;');
  });
});
