import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraderError } from '../../core/errors.js';
import { execCapture, tail } from '../../core/exec.js';
import { cachePaths } from '../cache-paths.js';
import { hashOf, type Component } from './component.js';
import { GO_HINT } from './components.js';
import { SANDBOX_GOFLAGS } from './go-flags.js';

/**
 * The Go caches a sandboxed Go build starts from. A sandbox session has a home of its own, so without them every
 * Go solution downloads its modules and compiles the standard library and its Kafka client from nothing: 32-57 s for
 * ex3's franz-go reference on this machine, against 1-3 s with a warm build cache.
 *
 * What fills them is kgrade's own build of the course's Go solution (ex3's reference: franz-go's kgo and kmsg, the
 * standard library), never a student's: a build cache entry is trusted as it is (keyed by what it was built from, its
 * content never checked again), so one written by a student's build could change what another student's build
 * links. The sandbox sees them as hard links it cannot write (runner/sandbox/bubblewrap-launcher.ts).
 *
 * Built with -trimpath, as sandboxed builds are (GOFLAGS in runner/sandbox/bwrap-plan.ts): a build cache entry's key
 * then leaves out the folders its sources were in, so entries made here serve a module cache seen at another path
 * in each session. Measured: 0.8 s with -trimpath against 81 s without, for the same sources at another path.
 */
export const GO_WARM_SOURCE = fileURLToPath(new URL('../../fixtures/ex3/reference-go/', import.meta.url));

let goVersionRead: string | undefined;

/**
 * The Go on PATH (`go env GOVERSION GOROOT`), or '' without Go. Read once per process: every sandboxed Go session
 * checks that the caches are provisioned, and this is the one part of that check that starts a process.
 */
function goVersion(): string {
  if (goVersionRead !== undefined) return goVersionRead;
  try {
    goVersionRead = execFileSync('go', ['env', 'GOVERSION', 'GOROOT'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    goVersionRead = '';
  }
  return goVersionRead;
}

const warmFiles = () =>
  fs
    .readdirSync(GO_WARM_SOURCE)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();

export const goBuildCacheComponent: Component = {
  name: 'go-build-cache',
  describe: () => "Go caches for sandboxed Go solutions (the standard library and ex3's franz-go client, -trimpath)",
  target: () => cachePaths.goBuildCaches(),
  inputsHash: () =>
    hashOf(
      goVersion(),
      SANDBOX_GOFLAGS,
      ...warmFiles().map((f) => `${f}\n${fs.readFileSync(path.join(GO_WARM_SOURCE, f), 'utf8')}`),
    ),
  requiredTools: [{ cmd: 'go', hint: GO_HINT }],
  async install(dir) {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    for (const f of warmFiles()) fs.copyFileSync(path.join(GO_WARM_SOURCE, f), path.join(src, f));
    const r = await execCapture('go', ['build', '-o', '/dev/null', '.'], {
      cwd: src,
      env: {
        ...process.env,
        GOPATH: path.join(dir, 'gopath'),
        GOMODCACHE: path.join(dir, 'mod'),
        GOCACHE: path.join(dir, 'build'),
        GOFLAGS: SANDBOX_GOFLAGS,
        GOTOOLCHAIN: 'local',
      },
      timeoutMs: 15 * 60_000,
    });
    if (r.code !== 0)
      throw new GraderError(
        'PROVISION_FAILED',
        "go build of ex3's Go reference (to fill the sandbox's Go caches) failed",
        {
          hint: 'the Go module proxy must be reachable; run `kgrade stack provision` again',
          logTail: tail(r.stderr),
        },
      );
    // Module folders are read-only as Go extracts them: writable by their owner, so a new cache can replace this one.
    await execCapture('chmod', ['-R', 'u+w', path.join(dir, 'mod')]);
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'gopath'), { recursive: true, force: true });
  },
};
