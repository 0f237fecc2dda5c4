// `kgrade setup <what...>`: installs, from the OS package manager (Debian/Ubuntu, apt), the system tools kgrade
// needs, and starts a Docker engine when asked; idempotent (what is present is left alone). Without root it
// installs nothing and prints the exact commands to run instead (exit 1).
// Plain JavaScript on node: builtins only, so it runs before `npm ci` (`node cli/setup/machine-setup.mjs machine`)
// as well as from the installed package (`kgrade setup machine`).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What each target needs: a tool found on PATH (or a file), else the Debian package that brings it. */
const NEEDS = {
  sandbox: [
    { tool: 'bwrap', pkg: 'bubblewrap', why: 'the native sandbox (namespaces)' },
    { tool: 'setpriv', pkg: 'util-linux', why: 'the native sandbox (an unprivileged user)' },
    { tool: 'prlimit', pkg: 'util-linux', why: 'the native sandbox (limits)' },
  ],
  machine: [
    {
      tool: 'java',
      pkg: 'openjdk-17-jdk-headless',
      why: 'Kafka, Connect and the registry as processes; Java solutions',
    },
    { tool: 'mvn', pkg: 'maven', why: 'Maven solutions; building Apicurio Registry' },
    { tool: 'go', pkg: 'golang-go', why: 'building Toxiproxy' },
    { file: '/usr/lib/postgresql/15/bin/postgres', pkg: 'postgresql-15', why: 'PostgreSQL (ex4)' },
    { tool: 'psql', pkg: 'postgresql-client-15', why: 'PostgreSQL checks (ex4)' },
    { tool: 'patch', pkg: 'patch', why: 'provisioning' },
  ],
  docker: [
    { tool: 'dockerd', pkg: 'docker.io', why: 'the docker provider and the container sandbox' },
    { tool: 'debootstrap', pkg: 'debootstrap', why: 'building the offline images (kgrade images build)' },
  ],
  browser: [{ tool: 'chromium', pkg: 'chromium fonts-dejavu-core', why: 'the report pages test in headless Chromium' }],
};

/** `machine` is the native stack and the native sandbox; `all` is every target. */
export const TARGETS = {
  machine: ['machine', 'sandbox'],
  sandbox: ['sandbox'],
  docker: ['docker'],
  browser: ['browser'],
  all: ['machine', 'sandbox', 'docker', 'browser'],
};

export const USAGE = 'usage: kgrade setup <machine|sandbox|docker|browser|all...> [--print]';

const DOCKERD_LOG = '/var/log/kgrade-dockerd.log';
const DOCKERD_START = `nohup dockerd --iptables=false >>${DOCKERD_LOG} 2>&1 &`;

/**
 * The plan for the asked targets on a machine described by `facts` (pure: unit-tested with plain data).
 * facts: { has(tool) -> bool, exists(file) -> bool, root: bool, apt: bool, sudo: bool, engineAnswers: bool }.
 * Returns { targets, missing: [{ tool, pkg, why }], packages: string[], startDocker: bool, commands: string[] }.
 */
export function planSetup(asked, facts) {
  const unknown = asked.filter((a) => !(a in TARGETS));
  if (unknown.length || asked.length === 0) {
    return { error: `${unknown.length ? `unknown setup target '${unknown[0]}'` : 'nothing to set up'}; ${USAGE}` };
  }
  const targets = [...new Set(asked.flatMap((a) => TARGETS[a]))];
  const missing = targets.flatMap((t) => NEEDS[t]).filter((n) => (n.tool ? !facts.has(n.tool) : !facts.exists(n.file)));
  const packages = [...new Set(missing.flatMap((m) => m.pkg.split(' ')))];
  const startDocker = targets.includes('docker') && !facts.engineAnswers;
  const sudo = facts.root ? '' : 'sudo ';
  const commands = [];
  if (packages.length) {
    commands.push(`${sudo}apt-get update -q`);
    commands.push(
      `${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${packages.join(' ')}`,
    );
  }
  if (startDocker) commands.push(facts.root ? DOCKERD_START : `sudo sh -c '${DOCKERD_START}'`);
  return { targets, missing, packages, startDocker, commands };
}

function onPath(tool) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
      return true;
    } catch {
      /* not in this folder */
    }
  }
  return false;
}

function dockerAnswers() {
  return onPath('docker') && spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

export function machineFacts() {
  return {
    has: onPath,
    exists: (f) => fs.existsSync(f),
    root: process.getuid?.() === 0,
    apt: onPath('apt-get'),
    sudo: onPath('sudo'),
    engineAnswers: dockerAnswers(),
  };
}

// cgroup v1 (cgroupfs driver): every container sits under /docker, and that group competes for CPU with each host
// thread as ONE task of weight 1024. On a busy 2-core machine a 3-broker stack then took 60-100 s to start instead
// of 13-16 s. Weight 8192 = eight host threads' worth, shared by all containers.
const DOCKER_CPU_SHARES = '8192';
function tuneDockerCpuShares(say) {
  const group = '/sys/fs/cgroup/cpu/docker';
  if (!fs.existsSync('/sys/fs/cgroup/cpu') || process.getuid?.() !== 0) return;
  try {
    fs.mkdirSync(group, { recursive: true });
    const file = path.join(group, 'cpu.shares');
    if (fs.readFileSync(file, 'utf8').trim() !== DOCKER_CPU_SHARES) {
      fs.writeFileSync(file, DOCKER_CPU_SHARES);
      say(`containers' CPU weight set to ${DOCKER_CPU_SHARES} (cgroup v1)`);
    }
  } catch {
    /* not a cgroup v1 hierarchy we can write: leave it */
  }
}

function run(command, say) {
  say(`running: ${command}`);
  const r = spawnSync('sh', ['-c', command], { stdio: 'inherit' });
  return r.status === 0;
}

async function waitForEngine(seconds) {
  for (let i = 0; i < seconds; i++) {
    if (dockerAnswers()) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/** Runs `kgrade setup <args>`; returns the exit code (0 done or nothing to do, 1 could not, 2 usage). */
export async function setupMain(args, out = process.stdout, err = process.stderr) {
  const print = args.includes('--print');
  const asked = args.filter((a) => !a.startsWith('-'));
  const badFlag = args.find((a) => a.startsWith('-') && a !== '--print');
  const say = (s) => out.write(`kgrade setup: ${s}\n`);
  if (badFlag) {
    err.write(`kgrade setup: unknown option '${badFlag}'; ${USAGE}\n`);
    return 2;
  }
  const facts = machineFacts();
  const plan = planSetup(asked, facts);
  if (plan.error) {
    err.write(`kgrade setup: ${plan.error}\n`);
    return 2;
  }
  const label = asked.join(' ');
  for (const m of plan.missing) say(`missing ${m.tool ?? m.file} (${m.why}): Debian package ${m.pkg}`);
  if (plan.commands.length === 0) {
    say(`${label}: everything is present${plan.targets.includes('docker') ? ' and a Docker engine answers' : ''}`);
    if (plan.targets.includes('docker') && !print) tuneDockerCpuShares(say);
    return 0;
  }
  if (print) {
    for (const c of plan.commands) out.write(`${c}\n`);
    return 0;
  }
  if (!facts.root) {
    err.write(
      `kgrade setup: ${label} needs root to install or start what is missing; run:\n${plan.commands.map((c) => `  ${c}\n`).join('')}`,
    );
    return 1;
  }
  if (plan.packages.length && !facts.apt) {
    err.write(
      `kgrade setup: no apt-get on this machine: install ${plan.missing.map((m) => m.tool ?? m.file).join(', ')} with its package manager\n`,
    );
    return 1;
  }
  if (plan.packages.length) {
    say(`installing ${plan.packages.join(' ')}`);
    for (const c of plan.commands.filter((c) => c.includes('apt-get'))) if (!run(c, say)) return 1;
  }
  if (plan.startDocker && !dockerAnswers()) {
    // A daemon of ours may be up but not answering yet (a second run): do not start another.
    if (spawnSync('pgrep', ['-x', 'dockerd'], { stdio: 'ignore' }).status !== 0) {
      say(`starting dockerd --iptables=false (log: ${DOCKERD_LOG})`);
      // --iptables=false: these machines cannot load iptables NAT rules; published ports still work on 127.0.0.1.
      const log = fs.openSync(DOCKERD_LOG, 'a');
      spawn('dockerd', ['--iptables=false'], { detached: true, stdio: ['ignore', log, log] }).unref();
    }
    if (!(await waitForEngine(60))) {
      err.write(`kgrade setup: the Docker engine did not answer within 60 s; see ${DOCKERD_LOG}\n`);
      return 1;
    }
    say('Docker engine ready');
  }
  if (plan.targets.includes('docker')) tuneDockerCpuShares(say);
  say(`${label}: done`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await setupMain(process.argv.slice(2));
}
