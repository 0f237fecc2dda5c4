/**
 * Infrastructure trouble (ours, not the student's): makes a run "not gradable", never "failed".
 * Every error names the problem and the fix.
 */
export type GraderErrorCode =
  | 'MISSING_TOOL'
  | 'PROVISION_FAILED'
  | 'SERVICE_START_TIMEOUT'
  | 'SERVICE_DIED'
  | 'PORT_UNAVAILABLE'
  | 'STACK_NOT_READY'
  | 'STACK_CONTROL_UNAVAILABLE'
  /** The chosen provider cannot run a service the exercise needs (ksqlDB natively): not gradable here, by nature. */
  | 'SERVICE_UNAVAILABLE'
  /** A build could not download its dependencies (registry or proxy unreachable, TLS not trusted, 5xx): retried. */
  | 'REGISTRY_UNREACHABLE'
  | 'BAD_MANIFEST'
  | 'BAD_USAGE'
  | 'UNKNOWN_EXERCISE'
  | 'INTERNAL';

/**
 * What another attempt can do about an error, by its code (read by the cohort's retry decision, cohort/retry-policy.ts):
 * - transient: the stack, a service, a port or a registry may answer a moment later: retried after a back-off;
 * - final: the same cause is met again, and it is this grading's alone (the provider cannot run a service this
 *   exercise needs, the solution's manifest): recorded not gradable at once, never retried;
 * - permanent: the same cause is met again by every grading (nothing to provision with, a tool missing, a usage
 *   error, a stack that cannot be controlled): the cohort stops at once with the fix.
 */
export type FailureKind = 'permanent' | 'final' | 'transient';

export const FAILURE_KIND_BY_CODE: Readonly<Record<GraderErrorCode, FailureKind>> = {
  SERVICE_START_TIMEOUT: 'transient',
  SERVICE_DIED: 'transient',
  PORT_UNAVAILABLE: 'transient',
  STACK_NOT_READY: 'transient',
  REGISTRY_UNREACHABLE: 'transient',
  /** A bug of ours may be a race: one more attempt is cheap, and the record says it was retried. */
  INTERNAL: 'transient',
  SERVICE_UNAVAILABLE: 'final',
  BAD_MANIFEST: 'final',
  MISSING_TOOL: 'permanent',
  /** A download that failed is resumed by `kgrade stack provision`, which the hint says; not retried blindly. */
  PROVISION_FAILED: 'permanent',
  STACK_CONTROL_UNAVAILABLE: 'permanent',
  BAD_USAGE: 'permanent',
  UNKNOWN_EXERCISE: 'permanent',
};

export class GraderError extends Error {
  readonly code: GraderErrorCode;
  readonly hint: string;
  /**
   * Whether another attempt may succeed: its code's (FAILURE_KIND_BY_CODE 'transient'), unless the cause the error
   * observed says no retry can help (a build's host the sandbox's allow-list refuses).
   */
  readonly retriable: boolean;
  /** Last lines of the log of the service involved, when there is one. */
  readonly logTail?: string;

  constructor(
    code: GraderErrorCode,
    message: string,
    opts: {
      hint: string;
      /** Only a cause the error observed can take a retry away from a transient code; none grants one. */
      retriable?: false;
      cause?: unknown;
      logTail?: string;
    },
  ) {
    super(message, { cause: opts.cause });
    this.name = 'GraderError';
    this.code = code;
    this.hint = opts.hint;
    this.retriable = opts.retriable !== false && FAILURE_KIND_BY_CODE[code] === 'transient';
    this.logTail = opts.logTail;
  }

  /** Message, hint and log tail, for people. */
  describe(): string {
    const parts = [`${this.code}: ${this.message}`, `  hint: ${this.hint}`];
    if (this.logTail) parts.push('  last log lines:', ...this.logTail.split('\n').map((l) => `    | ${l}`));
    return parts.join('\n');
  }
}

/**
 * A user's mistake (a flag, a path, a manifest): said on one line with its fix, exit 2, before any stack starts,
 * and nothing is graded or written. `code` stays BAD_USAGE so every reader of GraderError treats it as permanent.
 */
export class UsageError extends GraderError {
  constructor(message: string, fix: string) {
    super('BAD_USAGE', message, { hint: fix });
    this.name = 'UsageError';
  }
}

/** Errors that are the user's to fix (a flag, a path, a manifest, an exercise id): one line, no trace. */
export function isUsageError(e: unknown): e is GraderError {
  return e instanceof GraderError && (e.code === 'BAD_USAGE' || e.code === 'UNKNOWN_EXERCISE');
}

/** `what is wrong; the fix` on one line (any newline of a multi-line message becomes "; "). */
export function usageLine(e: GraderError): string {
  const flat = (s: string) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/^- /, ''))
      .filter(Boolean)
      .join('; ');
  return `${flat(e.message)}; ${flat(e.hint)}`;
}

export function isGraderError(e: unknown): e is GraderError {
  return e instanceof GraderError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What went wrong with the student's solution itself (not our infrastructure): becomes an `error` verdict. */
export type SolutionProblemKind = 'manifest' | 'build' | 'start' | 'not-ready' | 'crash' | 'timeout' | 'output-flood';

export class SolutionError extends Error {
  readonly kind: SolutionProblemKind;
  readonly hint: { fr: string; en: string };
  /** What happened, in each report language (`message` is the English one). */
  readonly localized: { fr: string; en: string };
  /** Output of the failing step (compiler errors, stack trace), already trimmed. */
  readonly output?: string;

  /**
   * `message` should be localized: a plain string (older callers) is shown as is in both languages,
   * so the French report would carry English words.
   */
  constructor(
    kind: SolutionProblemKind,
    message: string | { fr: string; en: string },
    hint: { fr: string; en: string },
    output?: string,
  ) {
    const localized = typeof message === 'string' ? { fr: message, en: message } : message;
    super(localized.en);
    this.name = 'SolutionError';
    this.kind = kind;
    this.hint = hint;
    this.localized = localized;
    this.output = output;
  }
}
