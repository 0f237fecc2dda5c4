import { GraderError } from '../../core/errors.js';
import type { ProviderName } from '../../stack/stack-types.js';
import { probeContainerSandbox } from './container-probe.js';
import { probeNativeSandbox } from './isolation-probe.js';
import type { IsolationKind } from './types.js';

export type SandboxKind = Exclude<IsolationKind, 'none'>;

/** Whether one sandbox can run on this machine, and why not. */
export interface SandboxAvailability {
  usable: boolean;
  /** What is missing (e.g. "bwrap not found"), when not usable. */
  why?: string;
  /** The command that makes it usable, when it is not the sandbox's setup (the container's image: `kgrade images build`). */
  fix?: string;
}

export type SandboxChoice = { kind: SandboxKind; reason: string } | { problem: string; hint: string };

/** The command that installs what a sandbox needs on this machine. */
export const SETUP_SANDBOX_COMMAND = 'kgrade setup sandbox';

/**
 * The sandbox follows the stack: a docker stack's solutions run in containers, a native stack's under bubblewrap;
 * `auto` (and an external stack) takes bubblewrap where it can run, else a container. A stack named whose sandbox
 * cannot run here is a problem with its fix (never a silent switch to the other sandbox: the trainer named
 * the stack). Pure.
 */
export function chooseSandbox(
  stack: ProviderName | 'auto',
  available: Partial<Record<SandboxKind, SandboxAvailability>>,
): SandboxChoice {
  const ok = (k: SandboxKind) => available[k]?.usable === true;
  const why = (k: SandboxKind) => available[k]?.why ?? 'not checked';
  // `kgrade setup sandbox` installs bubblewrap; the container sandbox needs an engine and its runtime image.
  const containerFix = available.container?.fix ?? 'kgrade images build';
  if (stack === 'docker') {
    if (ok('container')) return { kind: 'container', reason: 'docker stack: the container sandbox' };
    return {
      problem: `the container sandbox cannot run here (${why('container')})`,
      hint: `${containerFix}${ok('bubblewrap') ? ', or --stack native (bubblewrap can run here)' : ''}`,
    };
  }
  if (stack === 'native') {
    if (ok('bubblewrap')) return { kind: 'bubblewrap', reason: 'native stack: the bubblewrap sandbox' };
    return {
      problem: `the native sandbox (bubblewrap) cannot run here (${why('bubblewrap')})`,
      hint: `${SETUP_SANDBOX_COMMAND}${ok('container') ? ', or --stack docker (a container sandbox can run here)' : ', or --stack docker on a machine with a Docker engine'}`,
    };
  }
  if (ok('bubblewrap')) return { kind: 'bubblewrap', reason: 'bubblewrap can run here' };
  if (ok('container'))
    return { kind: 'container', reason: `bubblewrap cannot run here (${why('bubblewrap')}); a container sandbox can` };
  return {
    problem: `no sandbox can run here: bubblewrap (${why('bubblewrap')}), container (${why('container')})`,
    hint: `${SETUP_SANDBOX_COMMAND} (bubblewrap), or ${containerFix} (the container sandbox)`,
  };
}

/** The provider whose stack a sandbox kind follows, for an `auto` stack that is not started yet. Pure. */
export function providerFollowing(stack: ProviderName | 'auto', kind: SandboxKind): ProviderName | 'auto' {
  return stack === 'auto' && kind === 'container' ? 'docker' : stack;
}

/**
 * Probes only what the choice needs (the other sandbox too when the first cannot run, to name it in the fix),
 * then chooses. Throws the one-line usage error (exit 2) when none fits: called before any stack starts.
 */
export async function resolveSandbox(stack: ProviderName | 'auto'): Promise<{ kind: SandboxKind; reason: string }> {
  const available: Partial<Record<SandboxKind, SandboxAvailability>> = {};
  const probe = async (k: SandboxKind) => {
    if (available[k]) return;
    if (k === 'bubblewrap') {
      const s = await probeNativeSandbox();
      available.bubblewrap = {
        usable: s.usable,
        why:
          s.facts
            .filter((f) => !f.ok)
            .map((f) => f.detail)
            .join('; ') || 'user namespaces not checked',
      };
    } else {
      const s = await probeContainerSandbox();
      available.container = { usable: s.usable, why: s.usable ? undefined : s.detail, fix: s.fix };
    }
  };
  const first: SandboxKind = stack === 'docker' ? 'container' : 'bubblewrap';
  await probe(first);
  if (!available[first]!.usable) await probe(first === 'container' ? 'bubblewrap' : 'container');
  const c = chooseSandbox(stack, available);
  if ('problem' in c) throw new GraderError('MISSING_TOOL', c.problem, { hint: c.hint });
  return c;
}
