import type { ChildProcess } from 'node:child_process';
import type { Localized } from '../../model/verdict.js';

/**
 * How a solution's build and run are isolated from the grader (issue 17). `none` is a student grading their own
 * code on their own machine; `bubblewrap` the native sandbox (unprivileged uid, namespaces, cgroups); `container`
 * the docker provider's.
 */
export type IsolationKind = 'none' | 'bubblewrap' | 'container';

/** `auto`: sandboxed where the mode asks for it (cohort, git URL sources), unsandboxed for `grade` on a folder. */
export type SandboxMode = 'auto' | 'sandbox' | 'none';

/** What a run's isolation enforced, for reports, the JSON result and `doctor`. */
export interface Isolation {
  kind: IsolationKind;
  /** Only a copy of its own folder and read-only runtimes are visible. */
  filesystem: boolean;
  /** Only the allowed endpoints (the stack's proxies, the registries proxy) can be reached. */
  network: boolean;
  /** An unprivileged user of its own: cannot signal the grader's processes nor write its files. */
  user: boolean;
  /** Which limits are enforced by the kernel (cgroups, rlimits) rather than watched by the grader. */
  limits: (keyof SandboxLimits)[];
  /** Every process it starts (daemons included) dies with the run. */
  reapsDescendants: boolean;
  /** One sentence for people: "not sandboxed: ran as the grader's user" / "sandboxed with bubblewrap ...". */
  summary: Localized;
}

export interface SandboxLimits {
  /** CPU share, in cores (cgroup cpu quota). */
  cpus: number;
  memoryBytes: number;
  /** Processes and threads (cgroup pids.max). */
  pids: number;
  /** RLIMIT_NOFILE. */
  openFiles: number;
  /** Bytes on stdout + stderr before the run is killed as a flood. */
  outputBytes: number;
  /** Longest a build may take (a run's own wall time is the check's timeout). */
  buildWallMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  cpus: 1,
  memoryBytes: 1024 * 1024 * 1024,
  pids: 256,
  openFiles: 1024,
  outputBytes: 32 * 1024 * 1024,
  buildWallMs: 10 * 60_000,
};

/** host:port a sandboxed process may connect to. */
export interface HostPort {
  host: string;
  port: number;
}

/** Everything that decides one sandboxed launch: pure data, built by `sandbox-spec.ts`. */
export interface SandboxSpec {
  /** The writable copy of the solution (the only folder of the grader's machine it sees, besides runtimes). */
  dir: string;
  env: Record<string, string>;
  /** Stack client endpoints (proxies, registry, Connect, ksqlDB): never a broker's direct or controller listener, never the Toxiproxy API. */
  outbound: HostPort[];
  /** Ports the grader connects to inside the sandbox (the solution's PORT). */
  inbound: number[];
  /** A build may also reach the allowlisted dependency registries through the grader's proxy. */
  registries: boolean;
  limits: SandboxLimits;
}

/** A limit the run hit (the kernel's or the grader's), named in the error the student reads. */
export type LimitHit = 'memory' | 'pids' | 'output' | 'wall-time' | 'open-files';

/** One program launched by a launcher: the ChildProcess the grader reads, and what the sandbox saw of it. */
export interface LaunchedProcess {
  child: ChildProcess;
  /** After exit: the limit that killed it, if the sandbox can tell (memory: the cgroup's OOM counter). */
  limitHit(): LimitHit | undefined;
  /** The program's exit as the grader reports it (a sandbox may report a signal death as a code). */
  exitOf?(code: number | null, signal: string | null): { code: number | null; signal: string | null };
  /** Signals the run's program and everything it started (SIGTERM: a graceful stop; SIGKILL: kill -9). */
  signal(sig: NodeJS.Signals): void;
  /**
   * Host pids whose process groups and descendants are the run's processes, for a launcher whose processes are
   * not the launched child's descendants (a container's are the engine's); [] while it cannot tell yet.
   */
  processRoots?(): number[];
  /** Kills everything the run started (the whole cgroup / group) and releases what the launch held. Idempotent. */
  dispose(): Promise<void>;
}

export interface LaunchRequest {
  phase: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Ports the grader must reach inside the run (PORT): relayed from the host's 127.0.0.1:<port>. */
  inboundPorts?: number[];
  /** A build: registries allowed, build wall time. */
  build?: boolean;
}

export interface BuildTools {
  /** Maven's local repository (`-Dmaven.repo.local`): the shared cache, or a sandbox's own view of it. */
  mavenRepo: string;
  /** Extra Maven arguments (a settings.xml naming the registries proxy). */
  mavenArgs: string[];
}

/**
 * Starts a solution's programs. One per grading session: `stage` once (the folder builds and runs happen in),
 * `launch` per program, `close` at the end (removes the copy, the uid, the relays).
 */
export interface SolutionLauncher {
  readonly isolation: Isolation;
  /** Programs launched so far (builds included): a report states the isolation only of a solution that ran. */
  readonly launchCount: number;
  /** The folder to build and run in: the solution's own (unsandboxed) or a fresh copy the sandbox owns. */
  stage(solutionDir: string): Promise<string>;
  /** Stack endpoints the run may reach (from the stack's solution environment); call before the first launch. */
  allowOutbound(endpoints: HostPort[]): void;
  launch(req: LaunchRequest): LaunchedProcess;
  /** The environment every program starts from (the grader's own, unsandboxed; a minimal one in a sandbox). */
  baseEnv(): Record<string, string>;
  /** Connections the sandbox refused so far (a build reaching beyond the registries), for the build's log. */
  refusedConnections?(): string[];
  /** Where a build keeps its dependencies and how it reaches registries. */
  buildTools(): BuildTools;
  /**
   * Hands the solution a file (with `content`) or an empty folder the contract gives it (a records file to read,
   * a file or folder to write): made where its programs see it and may write it; returns the grader's path,
   * which the solution's environment names (a container's launch rewrites it). Removed at close.
   */
  handOver(name: string, kind: 'file' | 'folder', content?: string): string;
  close(): Promise<void>;
}
