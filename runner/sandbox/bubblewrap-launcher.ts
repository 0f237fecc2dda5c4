import { GraderError } from '../../core/errors.js';
import type { BuildTools, HostPort, Isolation, LaunchedProcess, LaunchRequest, SandboxLimits, SolutionLauncher } from './types.js';

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

/** Native sandbox: an unprivileged uid per session, bubblewrap namespaces, cgroup v1 limits, loopback relays. */
export class BubblewrapLauncher implements SolutionLauncher {
  readonly isolation = BUBBLEWRAP_ISOLATION;
  constructor(readonly limits: SandboxLimits) {}
  async stage(_dir: string): Promise<string> {
    throw new GraderError('MISSING_TOOL', 'the bubblewrap sandbox is not implemented yet', { hint: 'grade without --sandbox' });
  }
  allowOutbound(_endpoints: HostPort[]): void {}
  launch(_req: LaunchRequest): LaunchedProcess {
    throw new Error('not implemented');
  }
  baseEnv(): Record<string, string> {
    return {};
  }
  buildTools(): BuildTools {
    return { mavenRepo: '', mavenArgs: [] };
  }
  async close(): Promise<void> {}
}
