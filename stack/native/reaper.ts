import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTrackedProcessGroup, signalGroup } from '../../core/process-groups.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reaper.mjs');

/**
 * Clean-up that survives the owner's death: a detached watcher kills the registered process groups
 * and removes the registered folders as soon as this process is gone. Normal stops release it.
 */
export class Reaper {
  private readonly registry: string;

  constructor(stackDir: string) {
    this.registry = path.join(stackDir, 'reaper.jsonl');
    fs.writeFileSync(this.registry, JSON.stringify({ dir: stackDir }) + '\n');
    const child = spawn(process.execPath, [SCRIPT, String(process.pid), this.registry], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
  }

  registerProcessGroup(pgid: number): void {
    if (fs.existsSync(this.registry)) fs.appendFileSync(this.registry, JSON.stringify({ pgid }) + '\n');
  }

  /** A folder outside the stack's own to remove too. */
  registerDir(dir: string): void {
    if (fs.existsSync(this.registry)) fs.appendFileSync(this.registry, JSON.stringify({ dir }) + '\n');
  }

  private entries(): { dir?: string; pgid?: number }[] {
    if (!fs.existsSync(this.registry)) return [];
    return fs
      .readFileSync(this.registry, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { dir?: string; pgid?: number });
  }

  /** Folders registered besides the stack's own, for a normal stop to remove. */
  extraDirs(): string[] {
    return this.entries().flatMap((e) => (e.dir ? [e.dir] : []));
  }

  /**
   * SIGKILLs every process group registered, including services still starting in the background when a
   * start-up failed (not yet handed to the stack, so only the registry knows them).
   */
  killRegistered(): void {
    for (const e of this.entries()) {
      // Only groups still live: the id of one that exited may since belong to somebody else.
      if (e.pgid && isTrackedProcessGroup(e.pgid)) signalGroup(e.pgid, 'SIGKILL');
    }
  }

  /** Normal stop: the watcher exits when its registry is gone. */
  release(): void {
    fs.rmSync(this.registry, { force: true });
  }
}
