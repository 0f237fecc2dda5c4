/**
 * The `docker run` command line of one sandboxed program (pure): no network but loopback, an unprivileged user,
 * a read-only root, the kernel's limits, and only the folders it is given. Paths are mounted at the same place
 * as on the host, so the solution's environment, working folder and the tsx loader's URL need no rewriting.
 */
import type { SandboxLimits } from './types.js';

export const LABEL_SANDBOX = 'kgrade.sandbox';
/** The grader's pid, so leftovers of a grader killed -9 can be swept (as docker-cleanup.ts does for stacks). */
export const LABEL_SANDBOX_OWNER = 'kgrade.sandbox-owner-pid';

export interface ContainerMount {
  source: string;
  /** Defaults to the same path as on the host. */
  target?: string;
  readonly: boolean;
}

export interface ContainerRunSpec {
  name: string;
  image: string;
  /** The sandbox session, for `docker ps --filter label=kgrade.sandbox=<session>`. */
  session: string;
  ownerPid: number;
  /** uid:gid the program runs as (never root). */
  user: string;
  cwd: string;
  env: Record<string, string>;
  mounts: ContainerMount[];
  limits: Pick<SandboxLimits, 'cpus' | 'memoryBytes' | 'pids' | 'openFiles'>;
  /** Size of the writable /tmp (a tmpfs, counted in the memory limit). */
  tmpBytes: number;
  cmd: string;
  args: string[];
}

/** Environment names docker passes on as given (`-e NAME=value` would also work, but keeps values off `ps`). */
export function dockerRunArgs(s: ContainerRunSpec): string[] {
  const args = [
    'run',
    '--name',
    s.name,
    '--label',
    `${LABEL_SANDBOX}=${s.session}`,
    '--label',
    `${LABEL_SANDBOX_OWNER}=${s.ownerPid}`,
    '--network',
    'none',
    '--user',
    s.user,
    '--read-only',
    // exec: JVM clients unpack their native codecs there (snappy, zstd, RocksDB) and map them; the copy is executable anyway.
    '--tmpfs',
    `/tmp:rw,exec,nosuid,nodev,size=${s.tmpBytes}`,
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--cpus',
    String(s.limits.cpus),
    '--memory',
    String(s.limits.memoryBytes),
    // Equal to --memory: no swap, so a memory hog is killed instead of slowing the machine down.
    '--memory-swap',
    String(s.limits.memoryBytes),
    '--pids-limit',
    String(s.limits.pids),
    '--ulimit',
    `nofile=${s.limits.openFiles}:${s.limits.openFiles}`,
    // The grader keeps the output (bounded, SolutionProcess); the engine must not store a flood on its disk.
    '--log-driver',
    'none',
    '--init',
    '-i=false',
    '-w',
    s.cwd,
  ];
  for (const m of s.mounts)
    args.push('--mount', `type=bind,source=${m.source},target=${m.target ?? m.source}${m.readonly ? ',readonly' : ''}`);
  for (const [k, v] of Object.entries(s.env).sort(([a], [b]) => a.localeCompare(b))) args.push('-e', `${k}=${v}`);
  args.push(s.image, s.cmd, ...s.args);
  return args;
}

/**
 * The environment a sandboxed program starts from: nothing of the grader's own (no tokens, no paths to its
 * files), a PATH of the image's runtimes and a HOME in the tmpfs.
 */
export function containerBaseEnv(): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/tmp',
    LANG: 'C.UTF-8',
    npm_config_cache: '/tmp/.npm',
    npm_config_update_notifier: 'false',
  };
}

/**
 * Rewrites host paths into the container's (each mount's source -> target, longest first) in a working folder,
 * an argument or a variable: the grader names files by their host paths (`--import file:///...tsx/...`,
 * `-Dmaven.repo.local=...`), which may sit under folders the sandbox user cannot traverse (/root).
 */
export function toContainerPath(text: string, mounts: ContainerMount[]): string {
  let out = text;
  for (const m of [...mounts].sort((a, b) => b.source.length - a.source.length)) {
    if (!m.target || m.target === m.source) continue;
    out = out.split(m.source).join(m.target);
  }
  return out;
}
