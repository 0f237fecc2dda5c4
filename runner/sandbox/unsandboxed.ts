import { spawn } from 'node:child_process';
import { signalGroup, trackProcessGroup, untrackProcessGroup } from '../../core/process-groups.js';
import { cachePaths } from '../../stack/cache-paths.js';
import { temporaryHandoff } from './handoff.js';
import { inheritedEnv } from './inherited-env.js';
import type { BuildTools, Isolation, LaunchedProcess, LaunchRequest, SolutionLauncher } from './types.js';

export const NO_ISOLATION: Isolation = {
  kind: 'none',
  filesystem: false,
  network: false,
  user: false,
  limits: [],
  reapsDescendants: false,
  summary: {
    fr: "non isolée : la solution a tourné avec l'utilisateur du correcteur, avec tous ses fichiers et tout le réseau (pour votre propre code ; `--sandbox` l'isole)",
    en: "not sandboxed: the solution ran as the grader's user, with all of its files and the whole network (fine for your own code; `--sandbox` isolates it)",
  },
};

/** The solution's programs run as the grader's own user, in their own process group (a student's own machine). */
export class UnsandboxedLauncher implements SolutionLauncher {
  readonly isolation = NO_ISOLATION;
  private readonly handoff = temporaryHandoff();
  launchCount = 0;

  async stage(solutionDir: string): Promise<string> {
    return solutionDir;
  }

  allowOutbound(): void {}

  launch(req: LaunchRequest): LaunchedProcess {
    this.launchCount++;
    const child = spawn(req.cmd, req.args, {
      cwd: req.cwd,
      env: req.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pgid = child.pid;
    if (pgid) trackProcessGroup(pgid);
    let disposed = false;
    return {
      child,
      limitHit: () => undefined,
      signal: (sig) => {
        if (!pgid || disposed) return;
        signalGroup(pgid, sig);
        if (sig === 'SIGKILL') signalGroup(pgid, 'SIGCONT');
      },
      dispose: async () => {
        if (disposed || !pgid) return;
        disposed = true;
        signalGroup(pgid, 'SIGKILL'); // children it left behind
        untrackProcessGroup(pgid);
      },
    };
  }

  baseEnv(): Record<string, string> {
    return inheritedEnv(process.env);
  }

  buildTools(): BuildTools {
    return { mavenRepo: cachePaths.m2(), mavenArgs: [] };
  }

  handOver(name: string, kind: 'file' | 'folder', content?: string): string {
    return this.handoff.handOver(name, kind, content);
  }

  async close(): Promise<void> {
    this.handoff.remove();
  }
}
