import { FAILURE_KIND_BY_CODE, type FailureKind, type GraderErrorCode } from '../core/errors.js';

/**
 * What the cohort does after a not-gradable result, from its problems' codes (core/errors.ts FAILURE_KIND_BY_CODE:
 * permanent stops the cohort at once with the fix, final records it not gradable without retry, transient retries
 * after a growing back-off) and from what each error observed of its cause (`retriable: false`: a sandboxed build
 * asking for a host outside the allow-list is final, though its code's kind is transient).
 */
export type { FailureKind };

function kindOf(p: { code: string; retriable?: boolean }): FailureKind {
  // A code this kgrade does not know (a problem that was no GraderError is INTERNAL): retried, as a bug may be a race.
  const byCode = FAILURE_KIND_BY_CODE[p.code as GraderErrorCode] ?? 'transient';
  return byCode === 'transient' && p.retriable === false ? 'final' : byCode;
}

/** Permanent when any problem is; final when any is; transient otherwise (including no problem named). */
export function classifyFailure(problems: { code: string; retriable?: boolean }[]): FailureKind {
  const kinds = problems.map(kindOf);
  if (kinds.includes('permanent')) return 'permanent';
  if (kinds.includes('final')) return 'final';
  return 'transient';
}

/** Wait before retry number `attempt` (1-based): base, then doubled each time, capped at 8 x base. */
export function backoffMs(attempt: number, baseMs: number): number {
  return baseMs * Math.min(8, 2 ** Math.max(0, attempt - 1));
}

export const DEFAULT_BACKOFF_MS = 5_000;
