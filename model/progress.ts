import type { Localized, Verdict } from './verdict.js';

/** What a grading reports while it runs, so a run that takes minutes is never silent. */
export type GradeEvent =
  /** setup: the stack is acquired while the solution builds; prepare: the exercise runs the solution. */
  | { type: 'stage'; exercise: string; stage: 'setup' | 'prepare' }
  | {
      type: 'check-start';
      exercise: string;
      check: { id: string; title: Localized; points: number };
      index: number;
      total: number;
    }
  | { type: 'check-end'; exercise: string; verdict: Verdict; index: number; total: number };

export type GradeListener = (e: GradeEvent) => void;
