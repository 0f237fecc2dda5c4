import fs from 'node:fs';
import { execCapture } from '../../core/exec.js';

/**
 * The host pid of a container's first process (the launched program: the wrapper `exec`s it), so the grader can
 * read the sockets the program listens on from the host's /proc, as it does for a native run. The engine names
 * the pid once the container runs; until then, and where this machine's /proc does not show the container
 * (an engine in a VM or on another machine, kgrade itself in a container), there is none: the grader then
 * cannot tell, and says so at the time limit as before.
 */
export class ContainerPid {
  private pid?: number;
  private id?: string;
  private asking = false;
  private hidden = false;

  constructor(private readonly name: string) {}

  /** The pid when known and still the container's, else [] (asks the engine in the background, once at a time). */
  roots(): number[] {
    if (this.hidden) return [];
    if (this.pid !== undefined && this.id !== undefined) return inContainer(this.pid, this.id) ? [this.pid] : [];
    if (!this.asking) {
      this.asking = true;
      void this.ask().finally(() => (this.asking = false));
    }
    return [];
  }

  private async ask(): Promise<void> {
    const r = await execCapture('docker', ['inspect', '-f', '{{.State.Pid}} {{.Id}}', this.name], {
      timeoutMs: 10_000,
    });
    const [pid, id] = r.stdout.trim().split(' ');
    // Not created or not started yet: the next look asks again.
    if (r.code !== 0 || !pid || pid === '0' || !id) return;
    if (inContainer(Number(pid), id)) {
      this.pid = Number(pid);
      this.id = id;
    } else this.hidden = true;
  }
}

/** Whether host pid `pid` is a process of container `id` (its cgroup path names the container; never a reused pid). */
export function inContainer(pid: number, id: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(id);
  } catch {
    return false;
  }
}
