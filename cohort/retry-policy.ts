/**
 * What the cohort does after a not-gradable result:
 * - permanent: an infrastructure failure that cannot change on retry and concerns every grading (nothing to
 *   provision it with, a tool missing, a usage error): the whole cohort stops at once with its fix;
 * - final: a retry cannot remove it either, but it is this grading's alone (a sandboxed build asking for a host
 *   outside the sandbox's allow-list): recorded not gradable at once, never retried, the cohort goes on;
 * - transient: anything else (a service slow to start, one that died, a port taken, a registry down): retried
 *   after a growing back-off.
 */
export type FailureKind = 'permanent' | 'final' | 'transient';

/** Error codes (core/errors.ts) whose cause a second attempt cannot remove. */
const PERMANENT_CODES = new Set([
  'MISSING_TOOL',
  'PROVISION_FAILED',
  'BAD_USAGE',
  'UNKNOWN_EXERCISE',
  'STACK_CONTROL_UNAVAILABLE',
]);

/**
 * Codes whose errors say from what they observed whether a retry may help (`retriable`): a build's registry
 * trouble, whose cause runner/build-network.ts reads (an allow-list refusal is not retriable; a registry down is).
 * Other codes' `retriable` is not read: most errors leave it at its default.
 */
const CAUSE_DECIDES = new Set(['REGISTRY_UNREACHABLE']);

/** Permanent when any problem is; final when any says no retry can help; transient otherwise (including no problem named). */
export function classifyFailure(problems: { code: string; retriable?: boolean }[]): FailureKind {
  if (problems.some((p) => PERMANENT_CODES.has(p.code))) return 'permanent';
  if (problems.some((p) => CAUSE_DECIDES.has(p.code) && p.retriable === false)) return 'final';
  return 'transient';
}

/** Wait before retry number `attempt` (1-based): base, then doubled each time, capped at 8 x base. */
export function backoffMs(attempt: number, baseMs: number): number {
  return baseMs * Math.min(8, 2 ** Math.max(0, attempt - 1));
}

export const DEFAULT_BACKOFF_MS = 5_000;
