import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '../../core/process-groups.js';
import { waitFor } from '../../core/wait-for.js';

/** A lock directory holding the owner's pid: another kgrade process waits; a dead owner's lock is taken over. */
export async function withFileLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const pidFile = path.join(lockDir, 'pid');
  await waitFor(
    () => {
      try {
        fs.mkdirSync(lockDir);
        fs.writeFileSync(pidFile, String(process.pid));
        return true;
      } catch {
        const owner = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
        const ageMs = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if ((Number.isFinite(owner) && !isAlive(owner)) || (!Number.isFinite(owner) && ageMs > 10_000)) {
          fs.rmSync(lockDir, { recursive: true, force: true });
        }
        return false;
      }
    },
    { timeoutMs, intervalMs: 250, what: `lock ${lockDir}` },
  );
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
