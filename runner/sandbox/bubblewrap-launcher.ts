import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraderError } from '../../core/errors.js';
import { commandExists, execCapture } from '../../core/exec.js';
import { trackProcessGroup, untrackProcessGroup } from '../../core/process-groups.js';
import { cachePaths } from '../../stack/cache-paths.js';
import { ensureComponent } from '../../stack/provision/component.js';
import { goBuildCacheComponent } from '../../stack/provision/go-build-cache.js';
import { hostToolchains, pathWithToolchains, type HostToolchain } from './host-toolchains.js';
import {
  buildProxyEnv,
  bwrapArgs,
  exitFromBwrap,
  mavenSettings,
  relayConfig,
  sandboxBaseEnv,
  sandboxCommand,
  sessionLayout,
  type SessionLayout,
} from './bwrap-plan.js';
import { cgroupsWritable, LaunchCgroups } from './cgroups.js';
import { assertEnvPathsShown, enclosingPackageJson, HandoffFolder, watchedFolders } from './handoff.js';
import { endpointRelay, InboundRelay, registriesProxy } from './host-relay.js';
import { mavenTrustArgs, trustEnv, type HostTrust } from './host-network.js';
import { mavenMirrorsXml, registriesEnv, thisHostRegistries } from './host-registries.js';
import { stageHostTrust } from './trust-files.js';
import type {
  BuildTools,
  HostPort,
  Isolation,
  LaunchedProcess,
  LaunchRequest,
  LimitHit,
  SandboxLimits,
  SolutionLauncher,
} from './types.js';
import { allocateUid, releaseUid } from './uids.js';

export const BUBBLEWRAP_ISOLATION: Isolation = {
  kind: 'bubblewrap',
  filesystem: true,
  network: true,
  user: true,
  limits: ['cpus', 'memoryBytes', 'pids', 'openFiles', 'outputBytes', 'buildWallMs'],
  reapsDescendants: true,
  summary: {
    fr: 'isolée (bubblewrap) : utilisateur non privilégié, copie de son dossier seulement, réseau limité aux points d’accès de la pile et aux dépôts de dépendances, limites CPU, mémoire, processus, fichiers ouverts, sortie',
    en: 'sandboxed (bubblewrap): unprivileged user, only a copy of its folder, network limited to the stack endpoints and dependency registries, CPU, memory, process, open-file and output limits',
  },
};

/** Sessions live here: world-traversable, so the unprivileged uid can have its copy bound in. */
export const SANDBOX_BASE = '/var/tmp/kgrade-sandbox';
const RELAY_SCRIPT = fileURLToPath(new URL('./relay.mjs', import.meta.url));
/** kgrade's own node_modules (tsx's loader runs the TypeScript solutions; fixtures resolve kafkajs from it). */
const PACKAGE_NODE_MODULES = path.resolve(path.dirname(RELAY_SCRIPT), '..', '..', 'node_modules');
/** Never copied into the sandbox: build outputs are rebuilt inside, history is not needed. */
const NOT_COPIED = new Set(['.git', 'target', 'kgrade-out']);

const SIGNALS = os.constants.signals as unknown as Record<string, number>;

/** Moves a session's folder aside and deletes it without waiting (a farm of thousands of links takes seconds). */
function removeInBackground(dir: string): void {
  const trash = `${SANDBOX_BASE}/.trash-${path.basename(dir)}`;
  try {
    fs.renameSync(dir, trash);
  } catch {
    return;
  }
  const rm = spawn('rm', ['-rf', trash], { stdio: 'ignore', detached: true });
  rm.on('error', () => undefined);
  rm.unref();
}

/** A sandbox asked for and missing is ours to fix (not gradable), never a silent unsandboxed run nor the student's error. */
async function assertNativeSandboxUsable(): Promise<void> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('kgrade must run as root to give each run its own unprivileged user');
  for (const t of ['bwrap', 'setpriv', 'prlimit']) if (!(await commandExists(t))) missing.push(`${t} not found`);
  const cg = cgroupsWritable();
  if (!cg.ok) missing.push(cg.why);
  if (missing.length)
    throw new GraderError('MISSING_TOOL', `the native sandbox cannot run here: ${missing.join('; ')}`, {
      hint: 'kgrade setup sandbox (as root), or --stack docker (a container sandbox); `kgrade doctor` shows the isolation available',
    });
}

/** A package.json with dependencies and no node_modules: the build will run npm install (and needs npm's cache). */
function needsNpmInstall(dir: string): boolean {
  try {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return false;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: object;
      devDependencies?: object;
    };
    return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).length > 0;
  } catch {
    return false;
  }
}

/** Runtimes, read-only, at their own paths (those present on this machine). */
function runtimePaths(toolchains: HostToolchain[]): string[] {
  const etc = [
    '/etc/alternatives',
    '/etc/ssl',
    '/etc/ca-certificates',
    '/etc/maven',
    '/etc/nsswitch.conf',
    '/etc/localtime',
    '/etc/mime.types',
  ];
  const javaEtc = fs.existsSync('/etc')
    ? fs
        .readdirSync('/etc')
        .filter((e) => e.startsWith('java-'))
        .map((e) => `/etc/${e}`)
    : [];
  // Its real path too: the tsx loader is named by it when node_modules is a link (a workspace's, a linked install).
  const real = fs.existsSync(PACKAGE_NODE_MODULES) ? fs.realpathSync(PACKAGE_NODE_MODULES) : PACKAGE_NODE_MODULES;
  return [
    ...new Set(['/usr', ...etc, ...javaEtc, PACKAGE_NODE_MODULES, real, ...toolchains.map((t) => t.root)]),
  ].filter((p) => fs.existsSync(p));
}

/**
 * Native sandbox: an unprivileged uid per session owning a copy of the solution, bubblewrap (own mount, pid,
 * network, ipc, uts namespaces; loopback only), cgroup v1 limits per launch, and relays for exactly the allowed
 * endpoints.
 */
export class BubblewrapLauncher implements SolutionLauncher {
  readonly isolation = BUBBLEWRAP_ISOLATION;
  private layout?: SessionLayout;
  private uid?: number;
  private outbound: HostPort[] = [];
  private readonly servers: net.Server[] = [];
  private readonly launches = new Set<LaunchedProcess>();
  launchCount = 0;
  /** The host's trust files as the session copied them (host paths). */
  private trust: HostTrust = {};
  /** CONNECTs the registries proxy refused (shown in the build's log). */
  readonly refused: string[] = [];
  private readonly id = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private readonly handoff = new HandoffFolder(
    () => this.requireLayout().handoff,
    (p) => fs.chownSync(p, this.uid!, this.uid!),
  );

  /** The host's toolchains (Go), looked up once per session: the read-only paths and the PATH agree. */
  private toolchainsOnce?: HostToolchain[];
  private get toolchains(): HostToolchain[] {
    this.toolchainsOnce ??= hostToolchains();
    return this.toolchainsOnce;
  }

  constructor(readonly limits: SandboxLimits) {}

  /** The session's unprivileged uid (after stage). */
  get sandboxUid(): number | undefined {
    return this.uid;
  }

  async stage(solutionDir: string): Promise<string> {
    await assertNativeSandboxUsable();
    const l = sessionLayout(SANDBOX_BASE, this.id);
    this.layout = l;
    this.uid = allocateUid();
    fs.mkdirSync(l.root, { recursive: true, mode: 0o755 });
    fs.chmodSync(SANDBOX_BASE, 0o755);
    fs.mkdirSync(path.join(l.control, 'out'), { recursive: true });
    fs.mkdirSync(path.join(l.control, 'in'), { recursive: true });
    fs.mkdirSync(l.home, { recursive: true });
    fs.mkdirSync(l.handoff, { recursive: true, mode: 0o755 });
    const enclosing = enclosingPackageJson(solutionDir);
    if (enclosing) fs.writeFileSync(l.packageJson, enclosing);
    fs.writeFileSync(path.join(l.control, 'hosts'), '127.0.0.1 localhost\n::1 localhost ip6-localhost\n');
    fs.writeFileSync(path.join(l.control, 'maven-settings.xml'), mavenSettings(mavenMirrorsXml(thisHostRegistries())));
    this.trust = stageHostTrust(l.control);
    fs.cpSync(solutionDir, l.solution, {
      recursive: true,
      filter: (src) => !NOT_COPIED.has(path.basename(src)) || src === solutionDir,
    });
    // The Maven repository and npm cache the build sees: hardlink farms of the shared caches. The sandbox owns the
    // farm's folders (it can add artifacts) but not the cached files (root's, 0644): it cannot change them.
    const has = (f: string) => fs.existsSync(path.join(l.solution, f));
    await this.farm(has('pom.xml') ? cachePaths.m2() : undefined, l.m2, { linked: ['.'], copied: [] });
    await this.farm(needsNpmInstall(l.solution) ? path.join(os.homedir(), '.npm') : undefined, l.npmCache, {
      linked: ['_cacache/content-v2'],
      copied: ['_cacache/index-v5'],
    });
    await this.goFarms(has('go.mod'), l);
    const own = (p: string) => execCapture('chown', ['-R', '-h', `${this.uid}:${this.uid}`, p]);
    await Promise.all([own(l.solution), own(l.home), own(l.handoff), own(path.join(l.control, 'in'))]);
    this.servers.push(
      await registriesProxy(path.join(l.control, 'out', 'registries.sock'), (w) => this.refused.push(w)),
    );
    return l.solution;
  }

  /**
   * Go's module and build caches for a Go solution (a go.mod): hard-link farms of kgrade's own
   * (stack/provision/go-build-cache.ts, provisioned here the first time, by kgrade's build of its own Go reference).
   * Without them (no Go, no module proxy) the session's caches start empty, as before. The build cache's trim stamp
   * is the session's own, dated now: Go then does not trim (and rewrite) a cache it cannot write in the shared files.
   */
  private async goFarms(isGo: boolean, l: SessionLayout): Promise<void> {
    let caches: string | undefined;
    if (isGo) {
      try {
        await ensureComponent(goBuildCacheComponent, () => undefined);
        caches = goBuildCacheComponent.target();
      } catch {
        caches = undefined;
      }
    }
    await this.farm(caches && path.join(caches, 'mod'), l.goModules, { linked: ['.'], copied: [] });
    await this.farm(caches && path.join(caches, 'build'), l.goBuild, { linked: ['.'], copied: [] });
    if (!caches) return;
    const trim = path.join(l.goBuild, 'trim.txt');
    fs.rmSync(trim, { force: true });
    fs.writeFileSync(trim, `${Math.floor(Date.now() / 1000)}\n`);
    await execCapture('chown', [`${this.uid}:${this.uid}`, trim]);
  }

  /**
   * Links `linked` subfolders of a shared cache into the session and copies `copied` ones (npm appends to its
   * index in place). A file the cache's owner removes meanwhile is a cache miss, not an error.
   */
  private async farm(
    from: string | undefined,
    to: string,
    parts: { linked: string[]; copied: string[] },
  ): Promise<void> {
    fs.mkdirSync(to, { recursive: true });
    if (from && fs.existsSync(from)) {
      for (const [sub, flag] of [...parts.linked.map((p) => [p, '-al']), ...parts.copied.map((p) => [p, '-a'])] as [
        string,
        string,
      ][]) {
        const src = path.join(from, sub);
        if (!fs.existsSync(src)) continue;
        // The folder's content into its place, made first: `cp -a src dest` with dest existing (`.` is `to`
        // itself) would put it in `dest/<name>`, one level too deep.
        fs.mkdirSync(path.join(to, sub), { recursive: true });
        const r = await execCapture('cp', [flag, `${src}/.`, path.join(to, sub)]);
        const real = r.stderr.split('\n').filter((l) => l.trim() && !/No such file or directory/.test(l));
        if (r.code !== 0 && real.length)
          throw new GraderError(
            'INTERNAL',
            `cannot link the dependency cache ${src} into the sandbox: ${real.slice(0, 3).join('; ')}`,
            { hint: `the sandbox folder ${SANDBOX_BASE} must be on the same filesystem as ${from}` },
          );
        if (flag === '-a') await execCapture('chown', ['-R', `${this.uid}:${this.uid}`, path.join(to, sub)]);
      }
    }
    await execCapture('find', [to, '-type', 'd', '-exec', 'chown', `${this.uid}:${this.uid}`, '{}', '+']);
  }

  allowOutbound(endpoints: HostPort[]): void {
    const l = this.requireLayout();
    for (const e of endpoints) {
      if (this.outbound.some((o) => o.port === e.port)) continue;
      this.outbound.push(e);
      void endpointRelay(
        path.join(l.control, 'out', `${e.port}.sock`),
        e.host === 'localhost' ? '127.0.0.1' : e.host,
        e.port,
      ).then((s) => this.servers.push(s));
    }
  }

  private requireLayout(): SessionLayout {
    if (!this.layout || this.uid === undefined)
      throw new GraderError('INTERNAL', 'sandbox used before stage()', {
        hint: 'this is a bug of kgrade: please report it',
      });
    return this.layout;
  }

  baseEnv(): Record<string, string> {
    const env = sandboxBaseEnv(this.requireLayout());
    return { ...env, PATH: pathWithToolchains(env.PATH!, this.toolchains) };
  }

  refusedConnections(): string[] {
    return [...this.refused];
  }

  buildTools(): BuildTools {
    const l = this.requireLayout();
    return {
      mavenRepo: l.m2,
      mavenArgs: ['-s', path.join(l.control, 'maven-settings.xml'), ...mavenTrustArgs(this.trust)],
    };
  }

  launch(req: LaunchRequest): LaunchedProcess {
    const l = this.requireLayout();
    const launchId = `l${++this.launchCount}`;
    const relay = relayConfig(l.control, this.outbound, req.inboundPorts ?? [], req.build === true, launchId);
    const relayFile = path.join(l.control, `${launchId}.json`);
    fs.writeFileSync(relayFile, JSON.stringify(relay));
    const cgroups = new LaunchCgroups(`${this.id}-${launchId}`, this.limits);
    const env = {
      ...req.env,
      ...(req.build ? { ...buildProxyEnv(), ...trustEnv(this.trust), ...registriesEnv(thisHostRegistries()) } : {}),
    };
    const readOnly = runtimePaths(this.toolchains);
    assertEnvPathsShown(env, [l.root, ...readOnly], watchedFolders());
    const line = sandboxCommand({
      uid: this.uid!,
      cgroups: cgroups.dirs,
      limits: this.limits,
      bwrap: bwrapArgs({
        layout: l,
        readOnly,
        readOnlyAt: [[RELAY_SCRIPT, '/run/kgrade-relay.mjs'], ...this.sharedNodeModules(l)],
        hostsFile: path.join(l.control, 'hosts'),
        cwd: req.cwd,
        packageJson: fs.existsSync(l.packageJson),
      }),
      node: '/usr/bin/node',
      relayScript: '/run/kgrade-relay.mjs',
      relayConfig: relayFile,
      readyFile: relay.readyFile,
      cmd: req.cmd,
      args: req.args,
    });
    const child = spawn(line.cmd, line.args, { cwd: '/', env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pgid = child.pid;
    if (pgid) trackProcessGroup(pgid);
    const inbound = relay.inbound.map((i) => new InboundRelay(i.port, i.socket));
    let disposed: Promise<void> | undefined;
    const plumbing = (pid: number) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return (
          cmdline.startsWith('bwrap\0') ||
          cmdline.includes('kgrade-relay.mjs') ||
          cmdline.startsWith('/bin/sh\0-c\0echo $$')
        );
      } catch {
        return true;
      }
    };
    const limitHit = (): LimitHit | undefined => {
      const c = cgroups.read();
      if (c.oomKills > 0) return 'memory';
      if (c.pidsRefused > 0) return 'pids';
      return undefined;
    };
    const launched: LaunchedProcess = {
      child,
      limitHit,
      exitOf: (code, signal) => exitFromBwrap(code, signal, SIGNALS),
      signal: (sig) => {
        if (sig === 'SIGKILL') cgroups.signal('SIGKILL');
        else cgroups.signal(sig, plumbing);
      },
      dispose: () =>
        (disposed ??= (async () => {
          for (const r of inbound) r.close();
          await cgroups.destroy();
          if (pgid) untrackProcessGroup(pgid);
          this.launches.delete(launched);
          fs.rmSync(relayFile, { force: true });
        })()),
    };
    this.launches.add(launched);
    return launched;
  }

  /** A solution without node_modules of its own resolves packages from kgrade's (as it does unsandboxed, from a folder inside kgrade). */
  private sharedNodeModules(l: SessionLayout): [string, string][] {
    if (fs.existsSync(path.join(l.solution, 'node_modules')) || !fs.existsSync(PACKAGE_NODE_MODULES)) return [];
    return [[PACKAGE_NODE_MODULES, path.join(l.root, 'node_modules')]];
  }

  handOver(name: string, kind: 'file' | 'folder', content?: string): string {
    return this.handoff.handOver(name, kind, content);
  }

  async close(): Promise<void> {
    await Promise.all([...this.launches].map((p) => p.dispose()));
    for (const s of this.servers.splice(0)) s.close();
    if (this.layout) removeInBackground(this.layout.root);
    if (this.uid !== undefined) releaseUid(this.uid);
    this.uid = undefined;
  }
}
