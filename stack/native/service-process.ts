import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { GraderError } from '../../core/errors.js';
import { tail } from '../../core/exec.js';
import { signalGroup, trackProcessGroup, untrackProcessGroup } from '../../core/process-groups.js';
import type { Reaper } from './reaper.js';

export interface ServiceCommand {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
}

/**
 * One long-running stack process (broker, Toxiproxy, Connect...), in its own process group so the
 * whole tree can be stopped, killed, paused and resumed; output goes to a log file kept for errors.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exitPromise?: Promise<void>;
  private expectingExit = false;
  private paused = false;
  private deathListeners: ((err: GraderError) => void)[] = [];

  constructor(
    readonly name: string,
    private readonly command: ServiceCommand,
    private readonly reaper?: Reaper,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  start(): void {
    if (this.running) return;
    const log = fs.openSync(this.command.logFile, 'a');
    const child = spawn(this.command.cmd, this.command.args, {
      cwd: this.command.cwd,
      env: this.command.env ?? process.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    this.child = child;
    this.expectingExit = false;
    this.paused = false;
    const pgid = child.pid!;
    trackProcessGroup(pgid);
    this.reaper?.registerProcessGroup(pgid);
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        untrackProcessGroup(pgid);
        // The JVM may leave helpers behind in its group; make sure none survive.
        signalGroup(pgid, 'SIGKILL');
        if (!this.expectingExit) {
          const err = new GraderError(
            'SERVICE_DIED',
            `${this.name} exited unexpectedly (code ${code}, signal ${signal})`,
            {
              hint: 'the log tail below says why; a port clash or too little memory are the usual causes',
              logTail: this.logTail(),
            },
          );
          for (const l of this.deathListeners) l(err);
        }
        resolve();
      });
    });
    child.once('error', () => {
      /* reported through exit */
    });
  }

  onUnexpectedExit(listener: (err: GraderError) => void): void {
    this.deathListeners.push(listener);
  }

  private signalGroup(sig: NodeJS.Signals): void {
    if (this.child?.pid) signalGroup(this.child.pid, sig);
  }

  /** Clean stop: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    if (this.paused) this.resume();
    this.signalGroup('SIGTERM');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** SIGKILL: the crash a fault scenario wants. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.expectingExit = true;
    this.signalGroup('SIGKILL');
    this.signalGroup('SIGCONT');
    await this.exitPromise;
    this.paused = false;
  }

  pause(): void {
    if (!this.running) return;
    this.signalGroup('SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    this.signalGroup('SIGCONT');
    this.paused = false;
  }

  logTail(lines = 40): string {
    try {
      const text = fs.readFileSync(this.command.logFile, 'utf8');
      return tail(text.slice(-64_000), lines);
    } catch {
      return '';
    }
  }

  logText(): string {
    try {
      return fs.readFileSync(this.command.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}
