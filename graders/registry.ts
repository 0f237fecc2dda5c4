import path from 'node:path';
import { GraderError } from '../core/errors.js';
import { ex0 } from './ex0/ex0.js';
import { ex1 } from './ex1/ex1.js';
import { ex2 } from './ex2/ex2.js';
import { ex3 } from './ex3/ex3.js';
import { ex4 } from './ex4/ex4.js';
import { ex5 } from './ex5/ex5.js';
import { ex6 } from './ex6/ex6.js';
import { ex7 } from './ex7/ex7.js';
import { ex8 } from './ex8/ex8.js';
import { ex9 } from './ex9/ex9.js';
import type { ExerciseDefinition } from '../engine/exercise.js';

/** Every exercise kgrade can grade, in course order. */
export const EXERCISES: ExerciseDefinition[] = [
  ex0,
  ex1,
  ex2,
  ex3,
  ex4,
  ex5,
  ex6,
  ex7,
  ex8,
  ex9,
] as ExerciseDefinition[];

export function exerciseById(id: string): ExerciseDefinition {
  const ex = EXERCISES.find((e) => e.id === id);
  if (!ex) {
    throw new GraderError('UNKNOWN_EXERCISE', `unknown exercise '${id}'`, {
      hint: `known exercises: ${EXERCISES.map((e) => e.id).join(', ')} (\`kgrade list\` shows them)`,
    });
  }
  return ex;
}

/** The statement, contract and grading table a student reads (`kgrade spec <id>`). */
export function specPath(id: string, lang: 'fr' | 'en'): string {
  return path.resolve(import.meta.dirname, id, `spec.${lang}.md`);
}
