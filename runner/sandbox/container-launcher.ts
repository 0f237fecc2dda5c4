import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killQuietly } from '../../core/process-groups.js';
import { execCapture } from '../../core/exec.js';
import { GraderError } from '../../core/errors.js';
import { cachePaths } from '../../stack/cache-paths.js';
import { solutionRuntime, type SolutionRuntime } from '../../stack/images.js';
import {
  containerBaseEnv,
  dockerRunArgs,
  LABEL_SANDBOX,
  toContainerPath,
  type ContainerMount,
} from './container-args.js';
import { limitFromEnd, parseContainerEnd } from './container-exit.js';
import { buildProxyEnv, exitFromBwrap, isLoopback, mavenSettings, relayConfig } from './bwrap-plan.js';
import { assertEnvPathsShown, enclosingPackageJson, HandoffFolder, watchedFolders } from './handoff.js';
import { endpointRelay, InboundRelay, registriesProxy } from './host-relay.js';
import { mavenTrustArgs, trustEnv, type HostTrust } from './host-network.js';
import { mavenMirrorsXml, registriesEnv, thisHostRegistries } from './host-registries.js';
import { stageHostTrust } from './trust-files.js';
import { ContainerPid } from './container-pid.js';
import { hostToolchains, pathWithToolchains, type HostToolchain } from './host-toolchains.js';
import { allocateUid, releaseUid } from './uids.js';
import type {
  BuildTools,
  HostPort,
  Isolation,
  LaunchedProcess,
  LaunchRequest,
  SandboxLimits,
  SolutionLauncher,
} from './types.js';

/** Go's caches inside the container (a disk folder of the session, see stage()). */
const GO_INSIDE = '/sandbox/go';

export const CONTAINER_ISOLATION: Isolation = {
  kind: 'container',
  filesystem: true,
  network: true,
  user: true,
  limits: ['cpus', 'memoryBytes', 'pids', 'openFiles', 'outputBytes', 'buildWallMs'],
  reapsDescendants: true,
  summary: {
    fr: 'isolée (conteneur Docker) : utilisateur non privilégié, racine en lecture seule, copie de son dossier seulement, aucun réseau hors des points d’accès de la pile relayés, limites CPU, mémoire, processus, fichiers ouverts, sortie',
    en: 'sandboxed (Docker container): unprivileged user, read-only root, only a copy of its folder, no network beyond the relayed stack endpoints, CPU, memory, process, open-file and output limits',
  },
};

/** Certificate authorities the host trusts (bundle files: ca-certificates.crt, java/cacerts). */
const HOST_CERTS = '/etc/ssl/certs';
const RELAY_SCRIPT = fileURLToPath(new URL('./relay.mjs', import.meta.url));
const SIGNALS = os.constants.signals as unknown as Record<string, number>;
/** Where the session's control folder (relay configs, sockets) is inside every container. */
const CONTROL_INSIDE = '/sandbox/control';

/** /tmp of each container (tmpfs, counted in its memory limit). */
const TMP_BYTES = 256 * 1024 * 1024;

/** kgrade's own node_modules (the tsx loader TypeScript solutions run with), mounted read-only. */
function kgradeNodeModules(): string {
  return path.dirname(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')));
}

/**
 * Docker provider's sandbox: each program in its own container (`--network none`, unprivileged uid, read-only
 * root, cgroup limits), seeing a per-session copy of the solution, a hard-linked copy of the Maven cache
 * (files stay root's and read-only: the build can add, never alter what other sessions read) and kgrade's
 * node_modules read-only at /sandbox/node_modules. Containers are removed when their program ends, on dispose, on close, and at exit.
 */
export class ContainerLauncher implements SolutionLauncher {
  readonly isolation = CONTAINER_ISOLATION;
  readonly session = `kgrade-sbx-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  /** From the sandboxes' uid range (shared with the native sandbox); the same for every program of the session, so they share the copy. */
  uid = -1;
  private root?: string;
  private runtime?: SolutionRuntime;
  private outbound: HostPort[] = [];
  private readonly servers: net.Server[] = [];
  /** The host's trust files as the session copied them (host paths). */
  private trust: HostTrust = {};
  /** CONNECTs the registries proxy refused during builds. */
  readonly refused: string[] = [];
  private launched = 0;
  get launchCount(): number {
    return this.launched;
  }
  private readonly live = new Set<string>();
  private readonly onExit = () => this.removeAllSync();
  /** Removes the session's containers if the grader dies without its exit hook (kill -9). */
  private watcher?: number;
  private readonly handoff = new HandoffFolder(
    () => path.join(this.requireRoot(), 'handoff'),
    (p) => fs.chownSync(p, this.uid, this.uid),
  );

  /** The host's toolchains the image lacks (Go), looked up once per session: the mounts and the PATH agree. */
  private toolchainsOnce?: HostToolchain[];
  private get toolchains(): HostToolchain[] {
    this.toolchainsOnce ??= hostToolchains();
    return this.toolchainsOnce;
  }

  constructor(
    readonly limits: SandboxLimits,
    private readonly runtimeOverride?: SolutionRuntime,
  ) {}

  async stage(solutionDir: string): Promise<string> {
    this.runtime = this.runtimeOverride ?? (await solutionRuntime());
    fs.mkdirSync(cachePaths.tmp(), { recursive: true });
    this.root = fs.mkdtempSync(path.join(cachePaths.tmp(), 'sandbox-'));
    this.uid = allocateUid();
    process.once('exit', this.onExit);
    const watcher = spawn(
      'sh',
      ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${removeBySession(this.session)}`],
      { detached: true, stdio: 'ignore' },
    );
    watcher.unref();
    this.watcher = watcher.pid;
    const dir = path.join(this.root, 'solution');
    fs.cpSync(solutionDir, dir, { recursive: true, filter: (src) => !src.endsWith(`${path.sep}.git`) });
    fs.mkdirSync(path.join(this.root, 'status'));
    fs.mkdirSync(path.join(this.root, 'handoff'));
    // Go's module and build caches on disk, not in the /tmp tmpfs (a module's build fills it: "no space left").
    if (this.toolchains.length) {
      for (const d of ['go', 'go/cache', 'go/tmp']) fs.mkdirSync(path.join(this.root, d));
      await execCapture('chown', ['-R', `${this.uid}:${this.uid}`, path.join(this.root, 'go')]);
    }
    fs.chownSync(path.join(this.root, 'handoff'), this.uid, this.uid);
    const enclosing = enclosingPackageJson(solutionDir);
    if (enclosing) fs.writeFileSync(path.join(this.root, 'package.json'), enclosing);
    for (const d of ['out', 'in']) fs.mkdirSync(path.join(this.control(), d), { recursive: true });
    fs.writeFileSync(
      path.join(this.control(), 'maven-settings.xml'),
      mavenSettings(mavenMirrorsXml(thisHostRegistries())),
    );
    this.trust = stageHostTrust(this.control());
    const m2 = cachePaths.m2();
    // Only a Maven build needs the cache (linking it costs about a second on every session).
    if (fs.existsSync(m2) && fs.existsSync(path.join(dir, 'pom.xml'))) {
      const r = await execCapture('cp', ['-al', m2, this.m2Copy()]);
      if (r.code !== 0)
        throw new GraderError('INTERNAL', `cannot link the Maven cache ${m2} into the sandbox: ${r.stderr.trim()}`, {
          hint: `the sandbox folder ${cachePaths.tmp()} must be on the same filesystem as ${m2}`,
        });
    } else fs.mkdirSync(this.m2Copy());
    // The copy and the cache's folders are the sandbox user's; the cache's files stay root's (read-only to it).
    await execCapture('chown', ['-R', `${this.uid}:${this.uid}`, dir]);
    await execCapture('find', [this.m2Copy(), '-type', 'd', '-exec', 'chown', `${this.uid}:${this.uid}`, '{}', '+']);
    await execCapture('chown', ['-R', `${this.uid}:${this.uid}`, path.join(this.control(), 'in')]);
    this.servers.push(
      await registriesProxy(path.join(this.control(), 'out', 'registries.sock'), (w) => this.refused.push(w)),
    );
    return dir;
  }

  private control(): string {
    return path.join(this.requireRoot(), 'control');
  }

  private m2Copy(): string {
    return path.join(this.requireRoot(), 'm2');
  }

  private requireRoot(): string {
    if (!this.root)
      throw new GraderError('INTERNAL', 'container sandbox used before stage()', { hint: 'call stage() first' });
    return this.root;
  }

  /** Each allowed endpoint gets a unix socket in the control folder, piped to the real host:port. */
  allowOutbound(endpoints: HostPort[]): void {
    const control = this.control();
    for (const e of endpoints) {
      if (!isLoopback(e.host) || this.outbound.some((o) => o.port === e.port)) continue;
      this.outbound.push(e);
      void endpointRelay(path.join(control, 'out', `${e.port}.sock`), '127.0.0.1', e.port).then((srv) =>
        this.servers.push(srv),
      );
    }
  }

  /** Endpoints the run may reach (relayed into the container's loopback). */
  get allowed(): HostPort[] {
    return this.outbound;
  }

  private mounts(): ContainerMount[] {
    const root = this.requireRoot();
    return [
      { source: path.join(root, 'solution'), target: '/sandbox/solution', readonly: false },
      { source: this.m2Copy(), target: '/sandbox/m2', readonly: false },
      { source: this.control(), target: CONTROL_INSIDE, readonly: false },
      { source: path.join(root, 'handoff'), target: '/sandbox/handoff', readonly: false },
      // The module type the solution has in place (beside the copy, as its enclosing package.json is beside it).
      ...(fs.existsSync(path.join(root, 'package.json'))
        ? [{ source: path.join(root, 'package.json'), target: '/sandbox/package.json', readonly: true }]
        : []),
      // Beside the copy: a solution without node_modules of its own resolves packages from kgrade's, as it does
      // unsandboxed from a folder inside kgrade (and the tsx loader is there).
      { source: kgradeNodeModules(), target: '/sandbox/node_modules', readonly: true },
      { source: RELAY_SCRIPT, target: '/opt/kgrade/relay.mjs', readonly: true },
      // The machine's trust store: a build reaches the registries as the host does, through whatever TLS-inspecting
      // egress proxy the host trusts (the image's own store only has Debian's authorities).
      ...(fs.existsSync(HOST_CERTS) ? [{ source: HOST_CERTS, target: HOST_CERTS, readonly: true }] : []),
      ...(this.runtime?.readonlyMounts ?? []).map((m) => ({ ...m, readonly: true })),
      // Toolchains the image does not carry (Go), from the host at their own path: a Go solution builds as it does outside.
      ...this.toolchains.map((t) => ({ source: t.root, target: t.root, readonly: true })),
      ...(fs.existsSync(path.join(root, 'go'))
        ? [{ source: path.join(root, 'go'), target: GO_INSIDE, readonly: false }]
        : []),
    ];
  }

  launch(req: LaunchRequest): LaunchedProcess {
    const root = this.requireRoot();
    const name = `${this.session}-${++this.launched}`;
    const status = path.join(root, 'status', `${name}.end`);
    const mounts = this.mounts();
    const inside = (t: string) => toContainerPath(t, mounts);
    const launchId = name.slice(this.session.length + 1);
    // The same relay plan twice: host paths for the grader's ends, container paths for the relay inside.
    const relayHost = relayConfig(
      this.control(),
      this.outbound,
      req.inboundPorts ?? [],
      req.build === true,
      `l${launchId}`,
    );
    const relayInside = relayConfig(
      CONTROL_INSIDE,
      this.outbound,
      req.inboundPorts ?? [],
      req.build === true,
      `l${launchId}`,
    );
    fs.writeFileSync(path.join(this.control(), `l${launchId}.json`), JSON.stringify(relayInside));
    const wait = `node /opt/kgrade/relay.mjs ${CONTROL_INSIDE}/l${launchId}.json </dev/null >/dev/null 2>&1 & i=0; while [ ! -e ${relayInside.readyFile} ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; exec "$@"`;
    const env = {
      ...req.env,
      ...(req.build ? { ...buildProxyEnv(), ...trustEnv(this.trust), ...registriesEnv(thisHostRegistries()) } : {}),
    };
    assertEnvPathsShown(
      env,
      mounts.map((m) => m.source),
      watchedFolders(),
    );
    const run = dockerRunArgs({
      name,
      image: this.runtime!.image,
      session: this.session,
      ownerPid: process.pid,
      user: `${this.uid}:${this.uid}`,
      cwd: inside(req.cwd),
      env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, inside(v)])),
      mounts,
      limits: this.limits,
      tmpBytes: TMP_BYTES,
      cmd: '/bin/sh',
      args: ['-c', wait, 'kgrade-relay', inside(req.cmd), ...req.args.map(inside)],
    });
    // The container's end is read before the client exits, so limitHit() can answer as soon as the grader sees the exit.
    const script =
      'docker "$@"; c=$?; docker inspect -f "{{.State.OOMKilled}} {{.State.ExitCode}}" "$KGRADE_NAME" > "$KGRADE_STATUS" 2>/dev/null; docker rm -f "$KGRADE_NAME" >/dev/null 2>&1; exit $c';
    const child = spawn('sh', ['-c', script, 'sh', ...run], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', KGRADE_NAME: name, KGRADE_STATUS: status },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.live.add(name);
    const inbound = relayHost.inbound.map((i) => new InboundRelay(i.port, i.socket));
    child.once('close', () => {
      this.live.delete(name);
      for (const r of inbound) r.close();
    });
    let disposed = false;
    const pid = new ContainerPid(name);
    return {
      child,
      processRoots: () => pid.roots(),
      // The engine reports a signal death as 128+n (137: SIGKILL), read back as the signal like the native sandbox.
      exitOf: (code, signal) => exitFromBwrap(code, signal, SIGNALS),
      limitHit: () => {
        try {
          return limitFromEnd(parseContainerEnd(fs.readFileSync(status, 'utf8')));
        } catch {
          return undefined;
        }
      },
      signal: (sig) => {
        if (disposed) return;
        // The client's death would not stop the container: the engine signals the program itself.
        void execCapture('docker', ['kill', '--signal', sig, name]);
      },
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        await execCapture('docker', ['rm', '-f', name]);
        for (const r of inbound) r.close();
        this.live.delete(name);
      },
    };
  }

  baseEnv(): Record<string, string> {
    const env = containerBaseEnv();
    const toolchains = this.toolchains;
    const go: Record<string, string> = toolchains.some((t) => t.tool === 'go')
      ? { GOPATH: GO_INSIDE, GOCACHE: `${GO_INSIDE}/cache`, GOTMPDIR: `${GO_INSIDE}/tmp` }
      : {};
    return { ...env, ...go, PATH: pathWithToolchains(env.PATH!, toolchains) };
  }

  refusedConnections(): string[] {
    return [...this.refused];
  }

  buildTools(): BuildTools {
    return {
      mavenRepo: this.m2Copy(),
      mavenArgs: ['-s', path.join(this.control(), 'maven-settings.xml'), ...mavenTrustArgs(this.trust)],
    };
  }

  handOver(name: string, kind: 'file' | 'folder', content?: string): string {
    return this.handoff.handOver(name, kind, content);
  }

  async close(): Promise<void> {
    await execCapture('sh', ['-c', removeBySession(this.session)]);
    this.live.clear();
    for (const srv of this.servers.splice(0)) srv.close();
    process.removeListener('exit', this.onExit);
    killQuietly(this.watcher);
    this.watcher = undefined;
    if (this.root) fs.rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
    if (this.uid >= 0) releaseUid(this.uid);
    this.uid = -1;
  }

  private removeAllSync(): void {
    try {
      execFileSync('sh', ['-c', removeBySession(this.session)], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      /* best effort at exit */
    }
  }
}

function removeBySession(session: string): string {
  return `ids=$(docker ps -aq --filter label=${LABEL_SANDBOX}=${session}); [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1; true`;
}
