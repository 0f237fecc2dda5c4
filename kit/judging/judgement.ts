/**
 * What a grader's judge returns: `pass`, `fail` and `precondition`, each taking its summary as one `{ fr, en }`
 * object, then the data behind it, then any charts (kit/judging/charts.ts). The implementation is in
 * model/judgement.ts, where the engine finds `precondition` too (a solution marked dead).
 */
export { fail, pass, precondition, type JudgementExtra } from '../../model/judgement.js';
