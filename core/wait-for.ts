/** Polls a condition until it holds: the project's only way to wait (never a bare sleep). */
export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Named in the timeout error. */
  what?: string;
  signal?: AbortSignal;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastError?: unknown,
  ) {
    super(
      `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : ''}`,
    );
    this.name = 'WaitTimeoutError';
  }
}

/** Resolves with the first truthy value `condition` returns; errors thrown by it count as "not yet". */
export async function waitFor<T>(
  condition: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    try {
      const value = await condition();
      if (value) return value as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(opts.what ?? 'condition', opts.timeoutMs, lastError);
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
}

/** A pause that is part of a measured scenario (fault timelines, observation windows), not a wait for readiness. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
