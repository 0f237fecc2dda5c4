import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../../../core/errors.js';
import { commandExists, execCapture, tail } from '../../../core/exec.js';
import { cachePaths } from '../../cache-paths.js';
import { hashOf, type Progress } from '../../provision/component.js';
import { docker, imageExists } from './docker-cli.js';
import { OFFLINE_RECIPE } from './versions.js';

const FALLBACK_MIRROR = 'http://deb.debian.org/debian';

/** The Debian mirror apt uses here (debootstrap must use the same one: it may be the only one reachable). */
export function aptMirror(): string {
  const files = [
    '/etc/apt/sources.list',
    ...listDir('/etc/apt/sources.list.d').map((f) => path.join('/etc/apt/sources.list.d', f)),
  ];
  for (const file of files) {
    if (!/\.(list|sources)$/.test(file) || !fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (name: string) => stanza.match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1]?.trim();
        const suites = field('Suites')?.split(/\s+/) ?? [];
        const enabled = field('Enabled') !== 'no';
        const uri = field('URIs')?.split(/\s+/)[0];
        if (enabled && uri && suites.includes(OFFLINE_RECIPE.suite)) return uri.replace(/\/$/, '');
      }
    } else {
      for (const line of text.split('\n')) {
        const m = line.match(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/);
        if (m && m[2] === OFFLINE_RECIPE.suite) return m[1]!.replace(/\/$/, '');
      }
    }
  }
  return FALLBACK_MIRROR;
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export const baseHash = () => hashOf(JSON.stringify(OFFLINE_RECIPE));
export const baseTag = () => `${OFFLINE_RECIPE.repository}/base:${baseHash()}`;
const rootfsTarball = () => path.join(cachePaths.root(), 'images', `debian-${OFFLINE_RECIPE.suite}-${baseHash()}.tar`);

/** The base image: a debootstrapped Debian root with a JRE and PostgreSQL, imported once. */
export async function ensureBaseImage(progress: Progress): Promise<string> {
  const tag = baseTag();
  if (await imageExists(tag)) return tag;
  const tarball = rootfsTarball();
  if (!fs.existsSync(tarball)) await buildRootfsTarball(tarball, progress);
  progress(`importing the Debian root as ${tag}...`);
  await docker(
    [
      'import',
      '--change',
      'ENV LANG=C.UTF-8',
      '--change',
      'CMD ["/bin/bash"]',
      '--message',
      'kgrade offline base',
      tarball,
      tag,
    ],
    'import the Debian root',
    { timeoutMs: 10 * 60_000 },
  );
  return tag;
}

async function run(cmd: string, args: string[], what: string, timeoutMs = 30 * 60_000): Promise<void> {
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
    LC_ALL: 'C',
    PATH: `/usr/sbin:/sbin:${process.env.PATH ?? '/usr/bin:/bin'}`,
  };
  const r = await execCapture(cmd, args, { env, timeoutMs });
  if (r.code !== 0) {
    throw new GraderError('PROVISION_FAILED', `could not ${what}`, {
      hint: "Debian's package mirror must be reachable; run `kgrade images build` again",
      logTail: tail(r.stdout + r.stderr),
    });
  }
}

async function buildRootfsTarball(tarball: string, progress: Progress): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new GraderError('MISSING_TOOL', 'building the offline base image needs root (debootstrap, chroot)', {
      hint: 'run `kgrade images build` as root once; the result is cached',
    });
  }
  if (!(await commandExists('debootstrap'))) {
    throw new GraderError('MISSING_TOOL', "'debootstrap' is needed to build the offline images", {
      hint: 'as root: kgrade setup docker (or apt-get install -y debootstrap)',
    });
  }
  const mirror = aptMirror();
  fs.mkdirSync(cachePaths.tmp(), { recursive: true });
  const root = fs.mkdtempSync(path.join(cachePaths.tmp(), 'rootfs-'));
  const proc = path.join(root, 'proc');
  let procMounted = false;
  try {
    progress(`debootstrap --variant=${OFFLINE_RECIPE.variant} ${OFFLINE_RECIPE.suite} from ${mirror}...`);
    await run(
      'debootstrap',
      [`--variant=${OFFLINE_RECIPE.variant}`, OFFLINE_RECIPE.suite, root, mirror],
      'debootstrap a Debian root',
    );
    // No service may start inside the chroot, and PostgreSQL's package must not create a cluster.
    fs.writeFileSync(path.join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    fs.mkdirSync(path.join(root, 'etc/postgresql-common'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/postgresql-common/createcluster.conf'), 'create_main_cluster = false\n');
    fs.writeFileSync(path.join(root, 'etc/apt/sources.list'), `deb ${mirror} ${OFFLINE_RECIPE.suite} main\n`);
    // The JRE's post-install scripts need /proc.
    await run('mount', ['-t', 'proc', 'proc', proc], 'mount /proc in the chroot');
    procMounted = true;
    progress(`installing ${OFFLINE_RECIPE.packages.join(', ')} in the Debian root...`);
    await run('chroot', [root, 'apt-get', 'update', '-q'], 'apt-get update in the chroot');
    await run(
      'chroot',
      [
        root,
        'apt-get',
        'install',
        '-y',
        '-q',
        '--no-install-recommends',
        '-o',
        'Dpkg::Options::=--force-confold',
        ...OFFLINE_RECIPE.packages,
      ],
      'install the JRE and PostgreSQL in the chroot',
    );
    await run('chroot', [root, 'apt-get', 'clean'], 'clean apt caches in the chroot');
    await run('umount', [proc], 'unmount /proc in the chroot');
    procMounted = false;
    fs.rmSync(path.join(root, 'usr/sbin/policy-rc.d'));
    fs.rmSync(path.join(root, 'var/lib/apt/lists'), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, 'var/lib/apt/lists/partial'), { recursive: true });
    progress('packing the Debian root...');
    fs.mkdirSync(path.dirname(tarball), { recursive: true });
    await run('tar', ['--numeric-owner', '-C', root, '-cf', `${tarball}.partial`, '.'], 'pack the Debian root');
    fs.renameSync(`${tarball}.partial`, tarball);
  } finally {
    if (procMounted) await execCapture('umount', ['-l', proc]).catch(() => undefined);
    // Never remove a tree that still has /proc mounted inside it.
    if (!(await isMountPoint(proc))) fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(`${tarball}.partial`, { force: true });
  }
}

async function isMountPoint(dir: string): Promise<boolean> {
  const mounts = fs.readFileSync('/proc/self/mounts', 'utf8');
  return mounts.split('\n').some((l) => l.split(' ')[1] === dir);
}
