import { describe, expect, it } from 'vitest';
import type { CheckDefinition, ExerciseDefinition } from './exercise.js';
import { needsExclusiveStack } from './grade-pipeline.js';

const check = (needs?: CheckDefinition['needs']): CheckDefinition =>
  ({
    id: 'c',
    title: { fr: 'c', en: 'c' },
    points: 1,
    hint: { fr: '', en: '' },
    observe: async () => undefined,
    judge: () => ({ status: 'pass', evidence: { summary: { fr: '', en: '' } } }),
    ...(needs ? { needs } : {}),
  }) as CheckDefinition;
const exercise = (...checks: CheckDefinition[]) => ({ id: 'exT', checks }) as unknown as ExerciseDefinition;

describe('needsExclusiveStack', () => {
  it('an exercise that injects faults or controls brokers runs alone on a shared pool; others share it', () => {
    expect(needsExclusiveStack(exercise(check(), check()))).toBe(false);
    expect(needsExclusiveStack(exercise(check(), check({ faults: true })))).toBe(true);
    expect(needsExclusiveStack(exercise(check({ brokerControl: true })))).toBe(true);
  });
});
