import { describe, expect, it } from 'vitest';
import { liveExercises, renderOneStudent } from './course-bench.js';

describe('course bench', () => {
  it('grades every exercise whose stack runs here (ex7 needs ksqlDB: not live)', () => {
    expect(liveExercises().map((e) => e.id)).toEqual(['ex0', 'ex1', 'ex2', 'ex3', 'ex4', 'ex5', 'ex6', 'ex8', 'ex9']);
  });
  it("prints each exercise's grading beside its floor, and what the run spent besides", () => {
    const text = renderOneStudent({
      wallMs: 120_000,
      atOnce: 1,
      gradings: [
        { exercise: 'ex3', durationMs: 46_600, score: 18, maxScore: 18, outcome: 'graded', floorMs: 19_400 },
        { exercise: 'ex0', durationMs: 9_000, score: 10, maxScore: 10, outcome: 'graded' },
        { exercise: 'ex5', durationMs: 10_700, score: 16, maxScore: 16, outcome: 'graded', floorMs: 0 },
      ],
    });
    expect(text).toContain(
      "One student's whole course (TypeScript references, one run, a stack per distinct needs started ahead, one exercise at a time): 120.0 s wall",
    );
    expect(text).toMatch(/ex3 +18\/18 +46\.6 s {2}floor 19\.4 s, x2\.40, 27\.2 s above/);
    expect(text).toContain('no floor declared');
    expect(text).toMatch(/ex5 +16\/16 +10\.7 s {2}floor 0 s \(the exercise imposes no wait\), 10\.7 s above/);
    expect(text).toContain('gradings 66.3 s; stacks, builds and the rest of the run 53.7 s');
  });
  it('two at once: the gradings end to end against the wall time', () => {
    const text = renderOneStudent({
      wallMs: 50_000,
      atOnce: 2,
      gradings: [
        { exercise: 'ex3', durationMs: 40_000, score: 18, maxScore: 18, outcome: 'graded', floorMs: 19_400 },
        { exercise: 'ex9', durationMs: 30_000, score: 13, maxScore: 13, outcome: 'graded', floorMs: 13_500 },
      ],
    });
    expect(text).toContain('2 exercises at once): 50.0 s wall');
    expect(text).toContain('gradings 70.0 s end to end, within 50.0 s of wall time');
  });
});
