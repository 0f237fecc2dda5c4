/**
 * Ctrl-C (or SIGTERM) on a command that holds something running until told to stop (`kgrade stack up`): one
 * handler for both signals, installed once. The first signal asks for a clean stop; a second one, while that stop
 * is still going, exits at once after one line saying what was still running. Without it, the first signal's
 * handler was gone by then, and Node's default killed the process without a word.
 */
export interface StopSignals {
  /** Resolves on the first signal. */
  readonly requested: Promise<void>;
  /** What a second signal does (also callable by a test): say what is left, then exit. */
  handle(signal: string): void;
  /** Removes the handlers (after a clean stop). */
  dispose(): void;
}

export interface StopSignalsIo {
  write(line: string): void;
  exit(code: number): void;
  on(signal: NodeJS.Signals, handler: (s: NodeJS.Signals) => void): void;
  off(signal: NodeJS.Signals, handler: (s: NodeJS.Signals) => void): void;
}

const processIo: StopSignalsIo = {
  write: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
  on: (s, h) => process.on(s, h),
  off: (s, h) => process.off(s, h),
};

/**
 * `leftRunning()` is asked on the second signal: what the stop had not stopped yet (one phrase), or undefined when
 * nothing is known to be left. `cleanUp`: who removes it after this process is gone.
 */
export function stopSignals(
  what: { leftRunning: () => string | undefined; cleanUp: string },
  io: StopSignalsIo = processIo,
): StopSignals {
  let signals = 0;
  let resolve!: () => void;
  const requested = new Promise<void>((r) => {
    resolve = r;
  });
  const handle = (signal: string) => {
    signals++;
    if (signals === 1) {
      io.write(`kgrade: ${signal}: stopping (${signal === 'SIGINT' ? 'Ctrl-C' : 'send it'} again to exit at once)`);
      resolve();
      return;
    }
    const left = what.leftRunning();
    io.write(
      left
        ? `kgrade: ${signal} again: exiting before the stop ended; still running: ${left}; ${what.cleanUp}`
        : `kgrade: ${signal} again: exiting before the stop ended; nothing was left running`,
    );
    io.exit(130);
  };
  const listener = (s: NodeJS.Signals) => handle(s);
  io.on('SIGINT', listener);
  io.on('SIGTERM', listener);
  return {
    requested,
    handle,
    dispose: () => {
      io.off('SIGINT', listener);
      io.off('SIGTERM', listener);
    },
  };
}

/** What a stack whose stop was cut short leaves, in one phrase, and who removes it. Pure. */
export function stackLeftRunning(s: {
  provider: string;
  brokerIds: number[];
  services: string[];
  /** The native stack's process ids still alive. */
  alivePids: number[];
}): { leftRunning: string | undefined; cleanUp: string } {
  if (s.provider === 'native')
    return {
      leftRunning: s.alivePids.length
        ? `${s.alivePids.length} process(es) of the native stack (pids ${s.alivePids.join(', ')})`
        : undefined,
      cleanUp: "kgrade's reaper kills them once this process has exited (`ps -p <pid>` to check)",
    };
  const services = s.services.length ? ` and ${s.services.join(', ')}` : '';
  return {
    leftRunning: `the ${s.provider} stack's broker(s) ${s.brokerIds.join(', ')}${services}`,
    cleanUp:
      s.provider === 'docker'
        ? "kgrade's janitor removes its containers as this process exits (`docker ps` to check)"
        : "an external stack is not kgrade's to stop",
  };
}
