import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';
import { commandExists } from '../../core/exec.js';
import { cachePaths } from '../cache-paths.js';
import { withFileLock } from './file-lock.js';

export type Progress = (message: string) => void;

/** Something the stack needs on disk, installed once into the cache and repaired when incomplete. */
export interface Component {
  name: string;
  /** Human description with version, for progress output and `kgrade doctor`. */
  describe(): string;
  /** The folder (or file) this component installs; it exists only once complete. */
  target(): string;
  /** Changes whenever what would be installed changes (versions, build files). */
  inputsHash(): string;
  /** Tools that must be on PATH, with how to get them. */
  requiredTools: { cmd: string; hint: string }[];
  /** Installs into `dir` (a fresh partial folder). */
  install(dir: string, progress: Progress): Promise<void>;
  /** For components installed system-wide (not into the cache): is it usable already? */
  isSystemReady?(): Promise<boolean>;
}

const STAMP = '.kgrade-complete';

export function hashOf(...parts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

export function isProvisioned(c: Component): boolean {
  const stamp = path.join(c.target(), STAMP);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === c.inputsHash();
}

/** Installs `c` unless already complete; an interrupted earlier install is discarded and redone. */
export async function ensureComponent(c: Component, progress: Progress): Promise<void> {
  if (c.isSystemReady) {
    if (await c.isSystemReady()) return;
  } else if (isProvisioned(c)) return;
  for (const t of c.requiredTools) {
    if (!(await commandExists(t.cmd))) {
      throw new GraderError('MISSING_TOOL', `'${t.cmd}' is needed to provision ${c.describe()} but is not on PATH`, {
        hint: t.hint,
      });
    }
  }
  await withFileLock(path.join(cachePaths.root(), 'locks', `${c.name}.lock`), async () => {
    if (c.isSystemReady ? await c.isSystemReady() : isProvisioned(c)) return;
    const started = Date.now();
    progress(`provisioning ${c.describe()}...`);
    const target = c.target();
    const partial = `${target}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    try {
      await c.install(partial, progress);
    } catch (e) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (e instanceof GraderError) throw e;
      throw new GraderError('PROVISION_FAILED', `could not provision ${c.describe()}: ${(e as Error).message}`, {
        hint: 'check that the package registries are reachable, then run `kgrade stack provision` again (it resumes)',
        cause: e,
      });
    }
    if (!c.isSystemReady) {
      fs.writeFileSync(path.join(partial, STAMP), c.inputsHash());
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(partial, target);
    } else {
      fs.rmSync(partial, { recursive: true, force: true });
    }
    progress(`provisioned ${c.describe()} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}
