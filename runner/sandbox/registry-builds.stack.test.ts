import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GraderError } from '../../core/errors.js';
import { buildSolution, stageSolution } from '../solution.js';
import type { SolutionLog } from '../../model/result.js';
import { goBuildCacheComponent } from '../../stack/provision/go-build-cache.js';
import { testProvider } from '../../stack/shared-stack.js';
import { BubblewrapLauncher } from './bubblewrap-launcher.js';
import { ContainerLauncher } from './container-launcher.js';
import { probeNativeSandbox } from './isolation-probe.js';
import { DEFAULT_SANDBOX_LIMITS, type SolutionLauncher } from './types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ex0/', import.meta.url));
const usable = (await probeNativeSandbox()).usable;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-registry-builds-'));

/** A solution folder under the test's temporary folder: files, or a copy of a fixture with files changed. */
function solution(name: string, files: Record<string, string>, from?: string): string {
  const dir = path.join(tmp, name);
  if (from)
    fs.cpSync(path.join(FIXTURES, from), dir, {
      recursive: true,
      filter: (s) => !/\/(target|\.venv|node_modules)$/.test(s),
    });
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

const NPM_SOLUTION = {
  'package.json': JSON.stringify({
    name: 'kgrade-npm-build',
    private: true,
    type: 'module',
    dependencies: { 'is-number': '7.0.0' },
  }),
  'src/main.ts': 'export {};\n',
};

/** Builds `dir` in a fresh sandbox of `make()`: the error it threw (undefined: built), and the sandbox's copy. */
async function build(
  make: () => SolutionLauncher,
  dir: string,
): Promise<{ error?: unknown; copy: string; launcher: SolutionLauncher }> {
  const launcher = make();
  launchers.push(launcher);
  const sol = await stageSolution(dir, launcher);
  try {
    await buildSolution(sol, () => undefined);
    return { copy: sol.dir, launcher };
  } catch (error) {
    return { error, copy: sol.dir, launcher };
  }
}
const launchers: SolutionLauncher[] = [];

afterAll(async () => {
  await Promise.all(launchers.map((l) => l.close()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Process-backed (no Kafka): sandboxed builds reach the registries the way the host does (its trust, its proxy),
 * and a build that cannot reach them is the grader's problem, never "does not build". Bubblewrap in the default
 * stack suite; the container sandbox with `KGRADE_TEST_PROVIDER=docker` (its solution runtime image built). A
 * compile error staying the student's is proven by ex0's mutant-java-no-compile (selftests) and the unit tests.
 */
function registryBuilds(make: () => SolutionLauncher, opts: { go: boolean }): void {
  it('npm install downloads through the registries proxy with the host trust', async () => {
    const r = await build(make, solution('npm', NPM_SOLUTION));
    expect(r.error).toBeUndefined();
    expect(fs.existsSync(path.join(r.copy, 'node_modules/is-number/package.json'))).toBe(true);
  }, 120_000);

  it("pip in a venv (ex0's Python variant) downloads its wheel", async () => {
    const r = await build(make, solution('pip', {}, 'variant-python-default-partitioner'));
    expect(r.error).toBeUndefined();
    expect(fs.readdirSync(path.join(r.copy, '.venv/lib')).length).toBe(1);
  }, 180_000);

  it('Maven downloads a dependency the cache lacks (a reference with one more dependency)', async () => {
    const dir = solution('maven', {}, 'reference-java');
    const pom = path.join(dir, 'pom.xml');
    fs.writeFileSync(
      pom,
      fs
        .readFileSync(pom, 'utf8')
        .replace(
          '<dependencies>',
          '<dependencies><dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>2.11.0</version></dependency>',
        ),
    );
    const r = await build(make, dir);
    expect(r.error).toBeUndefined();
  }, 300_000);

  // About a minute in the container sandbox (modules downloaded, the standard library compiled into an empty cache):
  // CI runs it there, whose Go needs most (a mount, its PATH, caches on disk); KGRADE_GO_BUILDS=1 runs it in
  // bubblewrap, where it builds from kgrade's Go caches (the test below).
  it.skipIf(!opts.go)(
    "Go from the host's toolchain: a franz-go solution (ex3's reference) downloads its modules and builds",
    async () => {
      const dir = path.join(tmp, 'go');
      fs.cpSync(fileURLToPath(new URL('../../fixtures/ex3/reference-go/', import.meta.url)), dir, {
        recursive: true,
        filter: (s) => !/\/app$/.test(s),
      });
      const r = await build(make, dir);
      expect(r.error).toBeUndefined();
      expect(fs.existsSync(path.join(r.copy, 'app'))).toBe(true);
    },
    300_000,
  );

  it('a registry that refuses connections is not gradable, with the cause and its fix', async () => {
    const r = await build(
      make,
      solution('npm-unreachable', { ...NPM_SOLUTION, '.npmrc': 'registry=http://127.0.0.1:9/\nfetch-retries=0\n' }),
    );
    expect(r.error).toBeInstanceOf(GraderError);
    const e = r.error as GraderError;
    expect(e.code).toBe('REGISTRY_UNREACHABLE');
    expect(e.message).toBe(
      '`npm install --no-audit --no-fund` failed: the build could not download its dependencies from the registry 127.0.0.1: the connection was refused (npm error FetchError: request to http://127.0.0.1:9/is-number failed, reason: connect ECONNREFUSED 127.0.0.1:9)',
    );
    expect(e.hint).toMatch(
      /^check that 127\.0\.0\.1 \(or the proxy in HTTPS_PROXY\) answers from this machine and, if the solution names that registry itself \(\.npmrc/,
    );
  }, 120_000);

  it('a registry outside the allow-list is named from the relay log', async () => {
    const r = await build(
      make,
      solution('npm-elsewhere', {
        ...NPM_SOLUTION,
        '.npmrc': 'registry=https://registry.yarnpkg.com/\nfetch-retries=0\n',
      }),
    );
    const e = r.error as GraderError;
    expect(e.code).toBe('REGISTRY_UNREACHABLE');
    expect(e.message).toContain(
      "from the registry registry.yarnpkg.com: the sandbox's registries proxy does not allow that host (kgrade sandbox: refused CONNECT registry.yarnpkg.com:443)",
    );
    expect(r.launcher.refusedConnections?.()).toEqual(['CONNECT registry.yarnpkg.com:443']);
  }, 120_000);
}

describe.skipIf(!usable || testProvider() === 'docker')('sandboxed builds and the registries (bubblewrap)', () =>
  registryBuilds(() => new BubblewrapLauncher(DEFAULT_SANDBOX_LIMITS), { go: process.env.KGRADE_GO_BUILDS === '1' }),
);
describe.skipIf(testProvider() !== 'docker')('sandboxed builds and the registries (container)', () =>
  registryBuilds(() => new ContainerLauncher(DEFAULT_SANDBOX_LIMITS), { go: true }),
);

const goOnPath = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!usable || testProvider() === 'docker' || !goOnPath)(
  "Go builds in bubblewrap from kgrade's Go caches",
  () => {
    // The first run on a machine fills the caches (stack/provision/go-build-cache.ts: about a minute); after that, the
    // build takes about a second where an empty cache took 32-57 s.
    it("ex3's Go reference builds without downloading a module: its modules and build cache are kgrade's, linked", async () => {
      const dir = path.join(tmp, 'go-cached');
      fs.cpSync(fileURLToPath(new URL('../../fixtures/ex3/reference-go/', import.meta.url)), dir, {
        recursive: true,
        filter: (s) => !/\/app$/.test(s),
      });
      const launcher = new BubblewrapLauncher(DEFAULT_SANDBOX_LIMITS);
      launchers.push(launcher);
      const sol = await stageSolution(dir, launcher);
      const logs: SolutionLog[] = [];
      await buildSolution(sol, (l) => logs.push(l));
      expect(fs.existsSync(path.join(sol.dir, 'app'))).toBe(true);
      const out = logs.map((l) => l.stdout + l.stderr).join('\n');
      expect(out).not.toMatch(/go: downloading/);
      // The shared cache's files are linked, never the session's to change: root's, and not writable by the sandbox.
      const entry = fs
        .readdirSync(path.join(goBuildCacheComponent.target(), 'build'))
        .find(
          (d) =>
            /^[0-9a-f]{2}$/.test(d) && fs.readdirSync(path.join(goBuildCacheComponent.target(), 'build', d)).length,
        );
      const file = fs.readdirSync(path.join(goBuildCacheComponent.target(), 'build', entry!))[0]!;
      const st = fs.statSync(path.join(goBuildCacheComponent.target(), 'build', entry!, file));
      expect(st.uid).toBe(process.getuid!());
      expect(st.mode & 0o022).toBe(0);
    }, 600_000);
  },
);
