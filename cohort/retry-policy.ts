/**
 * What the cohort does after a not-gradable result: an infrastructure failure that cannot change on retry
 * (nothing to provision it with, a tool missing, a usage error) stops the whole cohort at once with its fix;
 * any other (a service slow to start, one that died, a port taken) is retried after a growing back-off.
 */
export type FailureKind = 'permanent' | 'transient';

/** Error codes (core/errors.ts) whose cause a second attempt cannot remove. */
const PERMANENT_CODES = new Set([
  'MISSING_TOOL',
  'PROVISION_FAILED',
  'BAD_USAGE',
  'UNKNOWN_EXERCISE',
  'STACK_CONTROL_UNAVAILABLE',
]);

/** Permanent when any problem is; transient otherwise (including a run that named no problem). */
export function classifyFailure(problems: { code: string }[]): FailureKind {
  return problems.some((p) => PERMANENT_CODES.has(p.code)) ? 'permanent' : 'transient';
}

/** Wait before retry number `attempt` (1-based): base, then doubled each time, capped at 8 x base. */
export function backoffMs(attempt: number, baseMs: number): number {
  return baseMs * Math.min(8, 2 ** Math.max(0, attempt - 1));
}

export const DEFAULT_BACKOFF_MS = 5_000;
