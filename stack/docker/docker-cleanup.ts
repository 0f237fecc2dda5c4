import { execFileSync, spawn } from 'node:child_process';
import { execCapture } from '../../core/exec.js';
import { isAlive, killQuietly } from '../../core/process-groups.js';

export const LABEL_STACK = 'kgrade.stack';
export const LABEL_OWNER = 'kgrade.owner-pid';

/**
 * Nothing a docker stack starts may outlive the grader. Three nets: `stop()`; an exit hook (normal exit,
 * uncaught error); a detached watcher that removes the stack when the grader's process disappears (SIGKILL).
 * Ryuk, testcontainers' own reaper, cannot be used: its image cannot be pulled offline.
 */
export class DockerJanitor {
  private watcher?: number;
  private readonly onExit = () => this.removeSync();

  constructor(
    readonly stackId: string,
    readonly networkName: string,
  ) {
    process.once('exit', this.onExit);
    const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${removeCommand(stackId, networkName)}`;
    const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
    child.unref();
    this.watcher = child.pid;
  }

  private removeSync(): void {
    try {
      execFileSync('sh', ['-c', removeCommand(this.stackId, this.networkName)], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      /* best effort at exit */
    }
  }

  /** After a clean stop: the watcher and the hook have nothing left to do. */
  release(): void {
    process.removeListener('exit', this.onExit);
    killQuietly(this.watcher);
    this.watcher = undefined;
  }
}

function removeCommand(stackId: string, networkName: string): string {
  const ids = `$(docker ps -aq --filter label=${LABEL_STACK}=${stackId})`;
  return `ids=${ids}; [ -n "$ids" ] && { docker unpause $ids; docker rm -f -v $ids; } >/dev/null 2>&1; docker network rm ${networkName} >/dev/null 2>&1; true`;
}

/** Removes containers and networks left by kgrade processes that no longer exist (e.g. a grader killed -9 with its watcher). */
export async function sweepOrphans(): Promise<void> {
  const r = await execCapture('docker', [
    'ps',
    '-a',
    '--filter',
    `label=${LABEL_OWNER}`,
    '--format',
    `{{.ID}} {{.Label "${LABEL_OWNER}"}} {{.Label "${LABEL_STACK}"}}`,
  ]);
  if (r.code !== 0) return;
  const dead = new Set<string>();
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const [, pid, stack] = line.split(' ');
    if (stack && pid && !isAlive(Number(pid))) dead.add(stack);
  }
  for (const stack of dead) await execCapture('sh', ['-c', removeCommand(stack, `kgrade-${stack}`)]);
}
