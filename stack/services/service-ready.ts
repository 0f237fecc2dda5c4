import { GraderError } from '../../core/errors.js';
import { waitFor } from '../../core/wait-for.js';

/** True when `url` answers 2xx within 2 s. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

/** A service being started, as a provider runs it (a local process or a container). */
export interface StartingUnit {
  name: string;
  /** Throws (SERVICE_DIED) when it exited. */
  assertAlive(): Promise<void>;
  /** Known to have exited (a process); a container's exit is reported by `assertAlive`. */
  exited?(): boolean;
  logTail(): Promise<string>;
}

/** Waits for `ready`, failing early with the service's log tail when it dies, or when it times out. */
export async function awaitServiceReady(
  unit: StartingUnit,
  ready: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs: number; hint: string },
): Promise<void> {
  try {
    await waitFor(
      async () => {
        await unit.assertAlive();
        return ready();
      },
      { timeoutMs: opts.timeoutMs, intervalMs: opts.intervalMs, what: `${unit.name} to be ready` },
    );
  } catch (e) {
    if (e instanceof GraderError) throw e;
    const died = unit.exited?.() ?? false;
    throw new GraderError(
      died ? 'SERVICE_DIED' : 'SERVICE_START_TIMEOUT',
      died ? `${unit.name} exited during start-up` : `${unit.name} was not ready after ${opts.timeoutMs} ms`,
      {
        hint: opts.hint,
        logTail: await unit.logTail(),
        cause: e,
      },
    );
  }
}
