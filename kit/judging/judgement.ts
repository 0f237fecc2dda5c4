/**
 * What a grader's judge returns: `pass`, `fail` and `precondition`, each taking its summary as one `{ fr, en }`
 * object, then the data behind it, then any charts (kit/judging/charts.ts); `skipped` for a check the stack cannot
 * run. The implementation is in model/judgement.ts, where the engine finds `precondition` (a solution marked dead)
 * and `skipped` (a stack without fault injection or broker control) too.
 */
export { fail, pass, precondition, skipped, type JudgementExtra } from '../../model/judgement.js';
