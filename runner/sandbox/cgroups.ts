import fs from 'node:fs';
import { delay } from '../../core/wait-for.js';
import { cgroupPaths, cgroupSettings } from './bwrap-plan.js';
import type { SandboxLimits } from './types.js';

export const CGROUP_ROOT = '/sys/fs/cgroup';

/** What the kernel counted for a launch's cgroups: OOM kills, forks refused at pids.max. */
export interface CgroupCounters {
  oomKills: number;
  pidsRefused: number;
}

/** One launch's cgroups (v1: pids, memory, cpu): created with their limits, emptied by SIGKILL and removed at the end. */
export class LaunchCgroups {
  readonly dirs: string[];
  private counters?: CgroupCounters;

  constructor(
    readonly name: string,
    limits: SandboxLimits,
    root = CGROUP_ROOT,
  ) {
    const p = cgroupPaths(root, name);
    this.dirs = [p.pids, p.memory, p.cpu];
    for (const d of this.dirs) fs.mkdirSync(d, { recursive: true });
    for (const s of cgroupSettings(limits)) fs.writeFileSync(`${p[s.file]}/${s.key}`, s.value);
    // no swap either: the memory limit is the limit (fails quietly where swap accounting is off)
    try {
      fs.writeFileSync(`${p.memory}/memory.memsw.limit_in_bytes`, String(limits.memoryBytes));
    } catch {
      /* no swap accounting */
    }
  }

  pids(): number[] {
    const all = new Set<number>();
    for (const d of this.dirs) {
      try {
        for (const l of fs.readFileSync(`${d}/cgroup.procs`, 'utf8').split('\n')) if (l.trim()) all.add(Number(l));
      } catch {
        /* removed */
      }
    }
    return [...all];
  }

  read(): CgroupCounters {
    if (this.counters) return this.counters;
    const num = (file: string, key: string) => {
      try {
        const m = new RegExp(`^${key} (\\d+)`, 'm').exec(fs.readFileSync(file, 'utf8'));
        return m ? Number(m[1]) : 0;
      } catch {
        return 0;
      }
    };
    return {
      oomKills: num(`${this.dirs[1]}/memory.oom_control`, 'oom_kill'),
      pidsRefused: num(`${this.dirs[0]}/pids.events`, 'max'),
    };
  }

  /** Sends `sig` to every process of the launch; `except` filters out the sandbox's own plumbing. */
  signal(sig: NodeJS.Signals, except: (pid: number) => boolean = () => false): void {
    for (const pid of this.pids()) {
      if (except(pid)) continue;
      try {
        process.kill(pid, sig);
      } catch {
        /* gone */
      }
    }
  }

  /** SIGKILL to everything in it until it is empty (a fork bomb refills it, bounded by pids.max), then removes it. */
  async destroy(): Promise<void> {
    this.counters = this.read();
    for (let i = 0; i < 100; i++) {
      const pids = this.pids();
      if (pids.length === 0) break;
      this.signal('SIGKILL');
      await delay(i < 10 ? 10 : 50);
    }
    for (const d of this.dirs) {
      for (let i = 0; i < 50; i++) {
        try {
          fs.rmdirSync(d);
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') break;
          await delay(20);
        }
      }
    }
  }
}

/** Whether this process can create cgroups with the controllers the sandbox needs (doctor, and before a sandboxed run). */
export function cgroupsWritable(root = CGROUP_ROOT): { ok: boolean; why: string } {
  const probe = `kgrade/probe-${process.pid}`;
  try {
    for (const c of ['pids', 'memory', 'cpu']) {
      fs.mkdirSync(`${root}/${c}/${probe}`, { recursive: true });
      fs.rmdirSync(`${root}/${c}/${probe}`);
    }
    return { ok: true, why: 'cgroup v1 pids, memory and cpu controllers are writable' };
  } catch (e) {
    return { ok: false, why: `cannot create a cgroup under ${root}/{pids,memory,cpu}: ${(e as Error).message}` };
  }
}
