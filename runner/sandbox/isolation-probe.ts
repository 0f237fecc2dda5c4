import { commandExists, execCapture } from '../../core/exec.js';
import { usrSymlinkArgs } from './bwrap-plan.js';
import { cgroupsWritable } from './cgroups.js';
import { UID_RANGE } from './uids.js';

export interface NativeSandboxStatus {
  usable: boolean;
  /** Each requirement, with what was found. */
  facts: { name: string; ok: boolean; detail: string }[];
  fix?: string;
}

/** Whether this machine can run the bubblewrap sandbox: root (to switch uids), bwrap, setpriv, prlimit, cgroups, user namespaces. */
export async function probeNativeSandbox(): Promise<NativeSandboxStatus> {
  const facts: NativeSandboxStatus['facts'] = [];
  const root = process.getuid?.() === 0;
  facts.push({
    name: 'root',
    ok: root,
    detail: root
      ? 'kgrade runs as root: it can hand each run an unprivileged uid'
      : 'kgrade does not run as root: it cannot switch a run to an unprivileged uid',
  });
  const bwrap = await execCapture('bwrap', ['--version']).catch(() => undefined);
  facts.push({
    name: 'bubblewrap',
    ok: bwrap?.code === 0,
    detail: bwrap?.code === 0 ? bwrap.stdout.trim() : 'bwrap not found',
  });
  for (const t of ['setpriv', 'prlimit']) {
    const ok = await commandExists(t);
    facts.push({ name: t, ok, detail: ok ? 'found' : 'not found (util-linux)' });
  }
  const cg = cgroupsWritable();
  facts.push({ name: 'cgroups', ok: cg.ok, detail: cg.why });
  if (root && bwrap?.code === 0) {
    const uid = String(UID_RANGE.first + UID_RANGE.count - 1);
    const r = await execCapture(
      'setpriv',
      [
        `--reuid=${uid}`,
        `--regid=${uid}`,
        '--clear-groups',
        'bwrap',
        '--unshare-all',
        '--die-with-parent',
        '--ro-bind',
        '/usr',
        '/usr',
        ...usrSymlinkArgs(),
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '/usr/bin/true',
      ],
      { timeoutMs: 10_000 },
    ).catch(() => undefined);
    facts.push({
      name: 'user namespaces',
      ok: r?.code === 0,
      detail:
        r?.code === 0
          ? 'an unprivileged bubblewrap starts (own user, pid and network namespaces)'
          : `an unprivileged bubblewrap does not start: ${(r?.stderr ?? '').trim() || 'no answer'}`,
    });
  }
  const usable = facts.every((f) => f.ok) && facts.some((f) => f.name === 'user namespaces');
  return {
    usable,
    facts,
    ...(usable
      ? {}
      : {
          fix: 'as root: kgrade setup sandbox (bubblewrap); run kgrade as root on a machine with cgroup v1 controllers and unprivileged user namespaces',
        }),
  };
}
