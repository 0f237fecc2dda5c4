import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { freePort } from '../../core/ports.js';
import { cachePaths } from '../cache-paths.js';
import { TOXIPROXY } from '../services/proxy/toxiproxy.js';
import { awaitServiceReady, httpOk } from '../services/service-ready.js';
import type { NativeHost, NativeProcess } from '../services/stack-service.js';
import type { Reaper } from './reaper.js';
import { ServiceProcess } from './service-process.js';

export interface StartedService<T> {
  process: ServiceProcess;
  value: T;
}

/** Waits for `ready`, failing early with the service's log tail if it dies or times out. */
async function awaitReady(
  proc: ServiceProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  hint: string,
): Promise<void> {
  const unit = {
    name: proc.name,
    assertAlive: async () => {
      if (!proc.running)
        throw new GraderError('SERVICE_DIED', `${proc.name} exited during start-up`, {
          hint,
          logTail: proc.logTail(),
        });
    },
    exited: () => !proc.running,
    logTail: async () => proc.logTail(),
  };
  await awaitServiceReady(unit, ready, { timeoutMs, intervalMs: 150, hint });
}

export async function startToxiproxy(dir: string, reaper: Reaper): Promise<StartedService<string>> {
  const port = await freePort();
  const proc = new ServiceProcess(
    'toxiproxy',
    {
      cmd: cachePaths.toxiproxyBin(),
      args: ['-host', '127.0.0.1', '-port', String(port)],
      logFile: path.join(dir, 'toxiproxy.log'),
    },
    reaper,
  );
  proc.start();
  const url = `http://127.0.0.1:${port}`;
  await awaitReady(
    proc,
    () => httpOk(`${url}${TOXIPROXY.readyPath}`),
    TOXIPROXY.startTimeoutMs.process,
    TOXIPROXY.hint.process,
  );
  return { process: proc, value: url };
}

/**
 * What the native provider offers a stack service's recipe (stack/services): its processes are started in their
 * own group, registered with the reaper (which kills them at tear-down) and handed to `track` once ready (an
 * unexpected exit then fails the stack).
 */
export function nativeHost(opts: {
  dir: string;
  reaper: Reaper;
  track: (p: ServiceProcess) => void;
  bootstrap: () => string;
  brokers: number;
}): NativeHost {
  return {
    dir: opts.dir,
    get bootstrap() {
      return opts.bootstrap();
    },
    brokers: opts.brokers,
    freePort: () => freePort(),
    registerDir: (dir) => opts.reaper.registerDir(dir),
    spawn(name, command): NativeProcess {
      const proc = new ServiceProcess(name, command, opts.reaper);
      proc.start();
      // Tracked once ready: a death during start-up is the recipe's error (with its log tail), not the stack's.
      return {
        awaitReady: (ready, timeoutMs, hint) => awaitReady(proc, ready, timeoutMs, hint).then(() => opts.track(proc)),
      };
    },
  };
}
