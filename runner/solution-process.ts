import type { ChildProcess } from 'node:child_process';
import { portAnswers } from '../core/ports.js';
import { delay } from '../core/wait-for.js';
import type { SolutionLog } from '../model/result.js';
import { listeningSocketsOf, type ListeningSocket } from './listening-ports.js';
import type { LaunchedProcess, LimitHit, SolutionLauncher } from './sandbox/types.js';
import { UnsandboxedLauncher } from './sandbox/unsandboxed.js';

export interface LaunchSpec {
  cmd: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface OutputLimits {
  /** Characters of each stream kept for parsing and the report. */
  keepChars: number;
  /** Total bytes on both streams after which the process is killed as a flood. */
  floodBytes: number;
}

export const DEFAULT_LIMITS: OutputLimits = { keepChars: 256 * 1024, floodBytes: 32 * 1024 * 1024 };

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** Still running at the deadline: killed by us. */
  timedOut: boolean;
  flooded: boolean;
  durationMs: number;
  /** A sandbox limit that killed it (memory, pids...), when the sandbox can tell. */
  limit?: LimitHit;
}

/** How a program is launched: by the session's launcher (sandboxed or not), with the ports the grader reaches in it. */
export interface LaunchVia {
  launcher: SolutionLauncher;
  inboundPorts?: number[];
  build?: boolean;
}

const DIRECT = new UnsandboxedLauncher();

class StreamKeeper {
  text = '';
  bytes = 0;
  truncated = false;
  constructor(private readonly keep: number) {}
  push(chunk: string): void {
    this.bytes += Buffer.byteLength(chunk);
    if (this.text.length < this.keep) {
      this.text += chunk.slice(0, this.keep - this.text.length);
      if (this.text.length >= this.keep) this.truncated = true;
    } else this.truncated = true;
  }
}

/**
 * A student's program, in its own process group (so its whole tree can be killed), with bounded
 * output: what is kept is capped, and a flood (more than `floodBytes`) kills it.
 */
export class SolutionProcess {
  private readonly child: ChildProcess;
  private readonly launched: LaunchedProcess;
  private readonly out: StreamKeeper;
  private readonly err: StreamKeeper;
  private readonly started = performance.now();
  private exitInfo?: { code: number | null; signal: string | null; at: number };
  private readonly exited: Promise<void>;
  private timedOut = false;
  private flooded = false;
  private readonly lineListeners: ((line: string) => void)[] = [];
  private partialLine = '';
  private readonly isolationKind: string;

  constructor(
    readonly phase: string,
    spec: LaunchSpec,
    private readonly limits: OutputLimits = DEFAULT_LIMITS,
    via: LaunchVia = { launcher: DIRECT },
  ) {
    this.out = new StreamKeeper(limits.keepChars);
    this.err = new StreamKeeper(limits.keepChars);
    this.isolationKind = via.launcher.isolation?.kind ?? 'none';
    this.launched = via.launcher.launch({ phase, ...spec, inboundPorts: via.inboundPorts, build: via.build });
    this.child = this.launched.child;
    this.exited = new Promise((resolve) => {
      this.child.once('close', (rawCode, rawSignal) => {
        const { code, signal } = this.launched.exitOf?.(rawCode, rawSignal) ?? { code: rawCode, signal: rawSignal };
        this.exitInfo = { code, signal, at: performance.now() };
        // children it left behind die with it
        void this.launched.dispose().finally(resolve);
      });
      this.child.once('error', (e) => {
        this.err.push(`cannot start ${spec.cmd}: ${e.message}\n`);
        this.exitInfo ??= { code: null, signal: null, at: performance.now() };
        void this.launched.dispose().finally(resolve);
      });
    });
    this.child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      this.out.push(c);
      this.emitLines(c);
      this.checkFlood();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      this.err.push(c);
      this.checkFlood();
    });
  }

  private emitLines(chunk: string): void {
    if (this.lineListeners.length === 0) return;
    const lines = (this.partialLine + chunk).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const l of lines) for (const f of this.lineListeners) f(l);
  }

  private checkFlood(): void {
    if (!this.flooded && this.out.bytes + this.err.bytes > this.limits.floodBytes) {
      this.flooded = true;
      this.kill();
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * The TCP sockets the program's processes listen on now (its group and descendants, in their own network
   * namespace), or undefined when this machine cannot tell. A launcher whose processes are not the launched
   * child's descendants (a container) names them with `processRoots()`.
   */
  listeningSockets(): ListeningSocket[] | undefined {
    if (!this.child.pid || !this.running) return undefined;
    if (this.launched.processRoots) {
      const roots = this.launched.processRoots();
      return roots.length ? listeningSocketsOf(roots) : undefined;
    }
    // a container's processes are the container runtime's children, not the docker client's
    if (this.isolationKind === 'container') return undefined;
    return listeningSocketsOf([this.child.pid]);
  }

  get running(): boolean {
    return !this.exitInfo;
  }

  get isFlooded(): boolean {
    return this.flooded;
  }

  /** Calls `f` for every complete stdout line from now on. */
  onLine(f: (line: string) => void): void {
    this.lineListeners.push(f);
  }

  stdoutText(): string {
    return this.out.text;
  }

  stderrText(): string {
    return this.err.text;
  }

  stdoutLines(): string[] {
    return this.out.text.split('\n').filter((l) => l.length > 0);
  }

  /** Waits for the program to end; past `timeoutMs` it is killed and reported as timed out. */
  async waitForExit(timeoutMs: number): Promise<ExitInfo> {
    const timer = setTimeout(() => {
      if (this.running) {
        this.timedOut = true;
        this.kill();
      }
    }, timeoutMs);
    await this.exited;
    clearTimeout(timer);
    return this.exitSummary();
  }

  /** Waits up to `ms` for the program to end by itself (no kill); true when it has ended. */
  async waitForExitWithin(ms: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    return !this.running;
  }

  exitSummary(): ExitInfo {
    return {
      code: this.exitInfo?.code ?? null,
      signal: this.exitInfo?.signal ?? null,
      timedOut: this.timedOut,
      flooded: this.flooded,
      ...(this.exitInfo && this.launched.limitHit()
        ? { limit: this.launched.limitHit() }
        : this.flooded
          ? { limit: 'output' as const }
          : {}),
      durationMs: Math.round((this.exitInfo?.at ?? performance.now()) - this.started),
    };
  }

  /** Resolves 'ready' once the port answers or a stdout/stderr line matches, 'exited' or 'timeout' otherwise. */
  async waitForReady(
    ready: { port?: number; log?: RegExp },
    timeoutMs: number,
  ): Promise<'ready' | 'exited' | 'timeout'> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (!this.running) return 'exited';
      if (ready.log && (ready.log.test(this.out.text) || ready.log.test(this.err.text))) return 'ready';
      if (ready.port && (await portAnswers(ready.port, '127.0.0.1', 500))) return 'ready';
      await delay(100);
    }
    return 'timeout';
  }

  /** SIGTERM to the whole group, SIGKILL after `graceMs`. */
  async stop(graceMs = 3000): Promise<ExitInfo> {
    if (this.running && this.child.pid) {
      this.launched.signal('SIGTERM');
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exitSummary();
  }

  /** SIGKILL to the whole group (kill -9 of the application). */
  kill(): void {
    if (this.child.pid) this.launched.signal('SIGKILL');
  }

  async killAndWait(): Promise<ExitInfo> {
    this.kill();
    await this.exited;
    return this.exitSummary();
  }

  /** Where the kept output ends now; `logSince(mark)` returns what came after (a check's share of a server's log). */
  mark(): { out: number; err: number } {
    return { out: this.out.text.length, err: this.err.text.length };
  }

  logSince(mark: { out: number; err: number }, phase: string): SolutionLog {
    return { ...this.log(), phase, stdout: this.out.text.slice(mark.out), stderr: this.err.text.slice(mark.err) };
  }

  log(): SolutionLog {
    return {
      phase: this.phase,
      stdout: this.out.text,
      stderr: this.err.text,
      truncated: this.out.truncated || this.err.truncated,
      exitCode: this.exitInfo?.code ?? null,
      signal: this.exitInfo?.signal ?? null,
    };
  }
}
