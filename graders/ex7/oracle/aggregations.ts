import type { SessionAggregation } from './types.js';

/** COUNT(*) and SUM(<column>) in one aggregate: what the exercise's windowed tables compute. */
export interface CountSum {
  count: number;
  sum: number;
}

export function countSum<V>(column: (v: V) => number): SessionAggregation<V, CountSum> {
  return {
    init: () => ({ count: 0, sum: 0 }),
    add: (a, v) => ({ count: a.count + 1, sum: a.sum + column(v) }),
    merge: (a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }),
  };
}
