import { SANDBOX_GOFLAGS } from '../../stack/provision/go-flags.js';
import type { HostPort, SandboxLimits } from './types.js';

/** Where one sandboxed session lives on the host (all under a world-traversable root, so the sandbox uid can be bound in). */
export interface SessionLayout {
  /** The session's root: /var/tmp/kgrade-sandbox/<id> (root-owned, 0755). */
  root: string;
  /** The copy of the solution, owned by the sandbox uid; bound read-write at the same path. */
  solution: string;
  /** The sandbox's home (HOME, caches it creates), owned by the uid. */
  home: string;
  /** Relay sockets and config: `out/` root's listeners, `in/` the relay's (owned by the uid). */
  control: string;
  /** The Maven repository the build sees: a hardlink farm of the shared cache (files stay root-owned, read-only). */
  m2: string;
  /** npm's cache, same kind of farm. */
  npmCache: string;
  /** Go's module cache (GOMODCACHE), same kind of farm of kgrade's own (stack/provision/go-build-cache.ts). */
  goModules: string;
  /** Go's build cache (GOCACHE), same kind of farm. */
  goBuild: string;
  /** Files and folders the grading hands the solution (owned by the uid); bound read-write at the same path. */
  handoff: string;
  /** Beside the copy: the package.json that encloses the solution in place (its module type), bound read-only. */
  packageJson: string;
}

export function sessionLayout(base: string, id: string): SessionLayout {
  const root = `${base}/${id}`;
  return {
    root,
    solution: `${root}/solution`,
    home: `${root}/home`,
    control: `${root}/control`,
    m2: `${root}/m2`,
    npmCache: `${root}/npm-cache`,
    goModules: `${root}/go-mod`,
    goBuild: `${root}/go-build`,
    handoff: `${root}/handoff`,
    packageJson: `${root}/package.json`,
  };
}

/** Where the relay listens inside the sandbox for the registries proxy (loopback of its own network namespace). */
export const REGISTRY_PROXY_PORT = 3128;

/** Hosts a build may reach through the grader's CONNECT proxy: the dependency registries, nothing else. */
export const REGISTRY_HOSTS = [
  'registry.npmjs.org',
  'repo.maven.apache.org',
  'repo1.maven.org',
  'proxy.golang.org',
  'sum.golang.org',
  'pypi.org',
  'files.pythonhosted.org',
  'deb.debian.org',
];

/**
 * Whether the registries proxy lets a CONNECT through: an allowlisted host on 443 (or 80), or one of `mirrors`
 * (`host:port`, the host's own registry mirrors: host-registries.ts). Pure.
 */
export function registryAllowed(authority: string, mirrors: string[] = []): boolean {
  const m = /^([a-z0-9.-]+):(\d+)$/i.exec(authority.trim());
  if (!m) return false;
  if (mirrors.includes(`${m[1]!.toLowerCase()}:${m[2]}`)) return true;
  return REGISTRY_HOSTS.includes(m[1]!.toLowerCase()) && (m[2] === '443' || m[2] === '80');
}

/** What the in-sandbox relay does: listen on loopback ports and pipe to the host's sockets, and the reverse. */
export interface RelayConfig {
  /** Inside 127.0.0.1:port -> host unix socket (a stack endpoint, or the registries proxy). */
  outbound: { port: number; socket: string }[];
  /** Once the program listens on 127.0.0.1:port inside, the relay opens `socket` for the grader. */
  inbound: { port: number; socket: string }[];
  /** Written once every outbound listener is up (the program starts after it). */
  readyFile: string;
}

/** The relay's plan for one launch. Stack endpoints must be loopback (the proxies): others are not relayable natively. Pure. */
export function relayConfig(
  control: string,
  outbound: HostPort[],
  inbound: number[],
  build: boolean,
  launchId: string,
): RelayConfig {
  const out = outbound
    .filter((e) => isLoopback(e.host))
    .map((e) => ({ port: e.port, socket: `${control}/out/${e.port}.sock` }));
  if (build) out.push({ port: REGISTRY_PROXY_PORT, socket: `${control}/out/registries.sock` });
  return {
    outbound: out,
    inbound: inbound.map((p) => ({ port: p, socket: `${control}/in/${launchId}-${p}.sock` })),
    readyFile: `${control}/in/${launchId}.ready`,
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}

/**
 * The environment a sandboxed program starts from: none of the grader's variables. Go's caches are the session's
 * farms, and Go builds with -trimpath (the flags kgrade's own Go build cache was made with: its entries then serve
 * a module cache at any path; a program built so names its source files by module path in its stack traces). Pure.
 */
export function sandboxBaseEnv(layout: SessionLayout): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: layout.home,
    TMPDIR: '/tmp',
    LANG: 'C.UTF-8',
    npm_config_cache: layout.npmCache,
    npm_config_update_notifier: 'false',
    GOMODCACHE: layout.goModules,
    GOCACHE: layout.goBuild,
    GOFLAGS: SANDBOX_GOFLAGS,
  };
}

/** Proxy variables for a build (npm, pip, go and curl read them; Maven gets a settings.xml). Pure. */
export function buildProxyEnv(): Record<string, string> {
  const url = `http://127.0.0.1:${REGISTRY_PROXY_PORT}`;
  return {
    HTTPS_PROXY: url,
    HTTP_PROXY: url,
    https_proxy: url,
    http_proxy: url,
    npm_config_proxy: url,
    npm_config_https_proxy: url,
    NO_PROXY: 'localhost,127.0.0.1',
    no_proxy: 'localhost,127.0.0.1',
  };
}

/** `mirrors`: the host's Maven `<mirrors>` element (host-registries.ts mavenMirrorsXml), or none. */
export function mavenSettings(mirrors = ''): string {
  return `<settings>${mirrors}<proxies><proxy><id>kgrade-registries</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host><port>${REGISTRY_PROXY_PORT}</port><nonProxyHosts>localhost|127.0.0.1</nonProxyHosts></proxy><proxy><id>kgrade-registries-http</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>${REGISTRY_PROXY_PORT}</port><nonProxyHosts>localhost|127.0.0.1</nonProxyHosts></proxy></proxies></settings>\n`;
}

export interface BwrapInputs {
  layout: SessionLayout;
  /** Folders and files of the runtimes, read-only, at their own paths (those that exist). */
  readOnly: string[];
  /** Extra read-only binds: [host, inside]. */
  readOnlyAt: [string, string][];
  /** Generated /etc/hosts (localhost only). */
  hostsFile: string;
  cwd: string;
  /** The layout's package.json exists (a package.json encloses the solution in place). */
  packageJson?: boolean;
}

/** The merged-/usr links of a sandbox's root ([target, link]), as Debian lays them out; the isolation probe makes the same. */
export const USR_SYMLINKS = [
  ['usr/lib', '/lib'],
  ['usr/lib64', '/lib64'],
  ['usr/bin', '/bin'],
  ['usr/sbin', '/sbin'],
] as const;

/** bubblewrap's arguments making USR_SYMLINKS. */
export function usrSymlinkArgs(): string[] {
  return USR_SYMLINKS.flatMap(([target, link]) => ['--symlink', target, link]);
}

/** bubblewrap's arguments: own namespaces (no network but loopback), a minimal root, the copy read-write. Pure. */
export function bwrapArgs(i: BwrapInputs): string[] {
  const a = [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
  ];
  for (const p of i.readOnly) a.push('--ro-bind', p, p);
  a.push(...usrSymlinkArgs());
  for (const [h, at] of i.readOnlyAt) a.push('--ro-bind', h, at);
  a.push('--ro-bind', i.hostsFile, '/etc/hosts');
  const l = i.layout;
  a.push(
    '--bind',
    l.solution,
    l.solution,
    '--bind',
    l.home,
    l.home,
    '--bind',
    l.control,
    l.control,
    '--bind',
    l.m2,
    l.m2,
    '--bind',
    l.npmCache,
    l.npmCache,
    '--bind',
    l.goModules,
    l.goModules,
    '--bind',
    l.goBuild,
    l.goBuild,
    '--bind',
    l.handoff,
    l.handoff,
  );
  if (i.packageJson) a.push('--ro-bind', l.packageJson, l.packageJson);
  a.push('--chdir', i.cwd);
  return a;
}

/** Host paths of a launch's cgroups (v1: one hierarchy per controller). Pure. */
export function cgroupPaths(root: string, name: string): { pids: string; memory: string; cpu: string } {
  return {
    pids: `${root}/pids/kgrade/${name}`,
    memory: `${root}/memory/kgrade/${name}`,
    cpu: `${root}/cpu/kgrade/${name}`,
  };
}

/** Values written into a launch's cgroups. Pure. */
export function cgroupSettings(
  limits: SandboxLimits,
): { file: 'pids' | 'memory' | 'cpu'; key: string; value: string }[] {
  return [
    { file: 'pids', key: 'pids.max', value: String(limits.pids) },
    { file: 'memory', key: 'memory.limit_in_bytes', value: String(limits.memoryBytes) },
    { file: 'cpu', key: 'cpu.cfs_period_us', value: '100000' },
    { file: 'cpu', key: 'cpu.cfs_quota_us', value: String(Math.round(limits.cpus * 100_000)) },
  ];
}

/**
 * The whole command line: a shell joins the cgroups and execs an unprivileged bubblewrap (rlimits set by prlimit),
 * whose shell starts the relay, waits for it, then execs the program. Pure.
 */
export function sandboxCommand(o: {
  uid: number;
  cgroups: string[];
  limits: SandboxLimits;
  bwrap: string[];
  node: string;
  relayScript: string;
  relayConfig: string;
  readyFile: string;
  cmd: string;
  args: string[];
}): { cmd: string; args: string[] } {
  const join = o.cgroups.map((c) => `echo $$ > ${c}/cgroup.procs`).join(' && ');
  const outer = `${join} && exec "$@"`;
  const inner = `${o.node} ${o.relayScript} ${o.relayConfig} </dev/null >/dev/null 2>&1 & i=0; while [ ! -e ${o.readyFile} ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; exec "$@"`;
  return {
    cmd: '/bin/sh',
    args: [
      '-c',
      outer,
      'kgrade-sandbox',
      'prlimit',
      `--nofile=${o.limits.openFiles}:${o.limits.openFiles}`,
      '--core=0:0',
      '--',
      'setpriv',
      `--reuid=${o.uid}`,
      `--regid=${o.uid}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      'bwrap',
      ...o.bwrap,
      '--',
      '/bin/sh',
      '-c',
      inner,
      'kgrade-relay',
      o.cmd,
      ...o.args,
    ],
  };
}

/** A sandboxed program's exit: bubblewrap reports a signal death as 128+n, read back as the signal. Pure. */
export function exitFromBwrap(
  code: number | null,
  signal: string | null,
  signals: Record<string, number>,
): { code: number | null; signal: string | null } {
  if (signal || code === null || code <= 128) return { code, signal };
  const name = Object.entries(signals).find(([, n]) => n === code - 128)?.[0];
  return name ? { code: null, signal: name } : { code, signal };
}
