import fs from 'node:fs';
import path from 'node:path';

/**
 * Self-contained toolchains of the grading machine that a command runner's build calls by name (Go today): a
 * sandbox shows them read-only at their own path and puts their bin folder first on PATH, as it shows Node and
 * the JDK, so a Go solution builds in a sandbox where it builds outside. Without this, `go build` in the sandbox
 * exits 127 ("go: not found") and the student is told the solution does not build.
 */
export interface HostToolchain {
  tool: string;
  /** The toolchain's root (GOROOT), shown read-only at the same path. */
  root: string;
  /** Its bin folder, put first on the sandbox's PATH. */
  bin: string;
}

interface Fs {
  exists(p: string): boolean;
  realpath(p: string): string;
}
const hostFs: Fs = { exists: fs.existsSync, realpath: fs.realpathSync };

/** Go on the host's PATH: its real binary's root (the folder holding `VERSION` and `bin/go`). Pure given `fsi`. */
export function hostToolchains(pathEnv = process.env.PATH ?? '', fsi: Fs = hostFs): HostToolchain[] {
  for (const dir of pathEnv.split(':').filter((d) => path.isAbsolute(d))) {
    const bin = path.join(dir, 'go');
    if (!fsi.exists(bin)) continue;
    const root = path.dirname(path.dirname(fsi.realpath(bin)));
    if (fsi.exists(path.join(root, 'VERSION')) && fsi.exists(path.join(root, 'bin', 'go')))
      return [{ tool: 'go', root, bin: path.join(root, 'bin') }];
  }
  return [];
}

/** A PATH with the toolchains' bin folders first, then `base` (no folder twice). Pure. */
export function pathWithToolchains(base: string, toolchains: HostToolchain[]): string {
  return [...new Set([...toolchains.map((t) => t.bin), ...base.split(':')])].join(':');
}
