/**
 * Process groups this process started (stack services, students' solutions). If it exits without
 * stopping them, the exit hook kills them all synchronously, so nothing outlives the grader.
 */
const live = new Set<number>();
let installed = false;

export function trackProcessGroup(pgid: number): void {
  if (!installed) {
    installed = true;
    process.on('exit', killAllTracked);
  }
  live.add(pgid);
}

/** Started by this process and not seen exiting: safe to signal (its id cannot have been reused). */
export function isTrackedProcessGroup(pgid: number): boolean {
  return live.has(pgid);
}

export function untrackProcessGroup(pgid: number): void {
  live.delete(pgid);
}

export function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* already gone */
  }
}

/** SIGKILL to one process this one started (a watcher, a helper), if it is still there. */
export function killQuietly(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

function killAllTracked(): void {
  for (const pgid of live) {
    signalGroup(pgid, 'SIGKILL');
    signalGroup(pgid, 'SIGCONT');
  }
}

/** True while a process with this id exists (EPERM: it exists but is not ours). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
