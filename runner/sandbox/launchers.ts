import { GraderError } from '../../core/errors.js';
import type { ProviderName } from '../../stack/stack-types.js';
import { BubblewrapLauncher } from './bubblewrap-launcher.js';
import { ContainerLauncher } from './container-launcher.js';
import { DEFAULT_SANDBOX_LIMITS, type IsolationKind, type SandboxLimits, type SolutionLauncher } from './types.js';
import { UnsandboxedLauncher } from './unsandboxed.js';

/** What a grading session asks for: its programs sandboxed or not, on which stack provider. */
export interface LauncherRequest {
  sandbox: boolean;
  provider: ProviderName;
  limits?: Partial<SandboxLimits>;
  /** The sandbox chosen before the stack started (resolveSandbox); unset: the one that follows `provider`. */
  kind?: Exclude<IsolationKind, 'none'>;
}

export type LauncherFactory = (req: LauncherRequest, limits: SandboxLimits) => SolutionLauncher;

/** Sandboxed launchers by kind; the container one registers itself from `container-*.ts` (docker provider). */
const factories: Partial<Record<Exclude<IsolationKind, 'none'>, LauncherFactory>> = {
  bubblewrap: (_req, limits) => new BubblewrapLauncher(limits),
  container: (_req, limits) => new ContainerLauncher(limits),
};

export function registerLauncher(kind: Exclude<IsolationKind, 'none'>, f: LauncherFactory): void {
  factories[kind] = f;
}

/** Which sandbox a provider's stack uses: a container beside docker stacks, bubblewrap otherwise. Pure. */
export function sandboxKindFor(
  provider: ProviderName,
  available: Partial<Record<IsolationKind, boolean>>,
): Exclude<IsolationKind, 'none'> {
  return provider === 'docker' && available.container !== false && factories.container ? 'container' : 'bubblewrap';
}

/** One launcher per grading session. A sandbox asked for and not available is our error (not gradable), never a silent unsandboxed run. */
export function createLauncher(req: LauncherRequest): SolutionLauncher {
  if (!req.sandbox) return new UnsandboxedLauncher();
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...req.limits };
  const kind = req.kind ?? sandboxKindFor(req.provider, {});
  const f = factories[kind];
  if (!f)
    throw new GraderError('MISSING_TOOL', `no ${kind} sandbox launcher in this kgrade`, {
      hint: 'grade without --sandbox, or use the native provider (bubblewrap)',
    });
  return f(req, limits);
}
