import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraderError } from '../../core/errors.js';

/**
 * Files and folders the grading hands a solution (ex8's records file, ex3's processed file, ex6's state
 * folders): made in one folder per session that the grader and the solution's programs both see. Each sandbox
 * shows that folder inside (bubblewrap at the same path; a container at its own path, the environment naming it
 * rewritten), and what is handed over belongs to the solution's user, so it can read and write it.
 */
export class HandoffFolder {
  private dir?: string;

  /** `place`: creates the folder (the session's); `own`: gives a path to the solution's user. */
  constructor(
    private readonly place: () => string,
    private readonly own: (p: string) => void = () => undefined,
  ) {}

  /** A file with `content` or an empty folder, at a fresh path; returns the grader's path to it. */
  handOver(name: string, kind: 'file' | 'folder', content = ''): string {
    this.dir ??= this.place();
    const base = path.basename(name);
    let p = path.join(this.dir, base);
    for (let i = 2; fs.existsSync(p); i++) p = path.join(this.dir, `${i}-${base}`);
    if (kind === 'folder') fs.mkdirSync(p, { mode: 0o755 });
    else fs.writeFileSync(p, content, { mode: 0o644 });
    this.own(p);
    return p;
  }

  /** Removes what was handed over (the folder, when this session made it). */
  remove(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** An unsandboxed session's handoff folder: a fresh one under the system's temporary folder. */
export function temporaryHandoff(): HandoffFolder {
  return new HandoffFolder(() => fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-handoff-')));
}

/**
 * Variables whose whole value is a path of this machine that the sandbox does not show: a file the grading meant
 * to hand the solution but made elsewhere. `shown`: the host folders the sandbox shows; `watched`: the folders
 * where such a file would be (temporary folders, homes). Pure but for `exists`.
 */
export function hiddenPathsInEnv(
  env: Record<string, string>,
  shown: string[],
  watched: string[],
  exists: (p: string) => boolean = fs.existsSync,
): string[] {
  const under = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
  return Object.entries(env)
    .filter(([k]) => !OTHER_SERVICES_PATHS.includes(k))
    .filter(([, v]) => v.startsWith('/') && !v.includes(':') && !v.includes(' '))
    .filter(([, v]) => watched.some((w) => under(v, w) && v !== w) && !shown.some((s) => under(v, s)) && exists(v))
    .map(([k, v]) => `${k}=${v}`);
}

/** Paths a solution names to another service, which opens them (Connect's FileStream folder): never the solution's to open. */
const OTHER_SERVICES_PATHS = ['CONNECT_FILES_DIR'];

/** A launch that names such a path would fail on the solution's side: it is ours (not gradable), named. */
export function assertEnvPathsShown(env: Record<string, string>, shown: string[], watched: string[]): void {
  const hidden = hiddenPathsInEnv(env, shown, watched);
  if (hidden.length) {
    throw new GraderError(
      'INTERNAL',
      `the grading hands the solution ${hidden.join(', ')}, which the sandbox does not show`,
      {
        hint: "this is a bug of kgrade: a file handed to a solution must be made with its launcher's handOver(); please report it",
      },
    );
  }
}

/** Folders a sandboxed program must not be handed a path under unless the sandbox shows it. */
export function watchedFolders(): string[] {
  return [...new Set([os.tmpdir(), '/tmp', '/var/tmp', os.homedir(), '/home', '/root'])];
}

/**
 * The `package.json` nearest above a solution's folder decides, in place, how Node runs its files without one of
 * their own (`"type": "module"`: ES modules, top-level await). What a sandbox puts beside its copy so that the
 * copy runs the same: the same `type` (or none), or nothing when no package.json encloses it.
 */
export function enclosingPackageJson(
  solutionDir: string,
  read: (p: string) => string | undefined = readIfExists,
): string | undefined {
  for (let dir = path.dirname(path.resolve(solutionDir)); ; dir = path.dirname(dir)) {
    const text = read(path.join(dir, 'package.json'));
    if (text !== undefined) {
      let type: unknown;
      try {
        type = (JSON.parse(text) as { type?: unknown }).type;
      } catch {
        type = undefined;
      }
      return JSON.stringify(typeof type === 'string' ? { type } : {}) + '\n';
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readIfExists(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}
