import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execCapture } from '../../core/exec.js';
import { testProvider } from '../../stack/shared-stack.js';
import { SolutionProcess } from '../solution-process.js';
import { ContainerLauncher } from './container-launcher.js';
import { LABEL_SANDBOX } from './container-args.js';
import { limitMessage } from './container-exit.js';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './types.js';

/**
 * The container sandbox holds what a hostile solution does (issue 17), with the solution runtime image of the
 * set under test (`KGRADE_TEST_PROVIDER=docker KGRADE_TEST_IMAGES=offline`, after `kgrade images build`).
 */
const LIMITS: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 192 * 1024 * 1024, pids: 64, cpus: 1 };

async function sessionContainers(session: string): Promise<string[]> {
  const r = await execCapture('docker', ['ps', '-aq', '--filter', `label=${LABEL_SANDBOX}=${session}`]);
  return r.stdout.split('\n').filter(Boolean);
}

async function processesOf(uid: number): Promise<number> {
  const r = await execCapture('pgrep', ['-c', '-u', String(uid)]);
  return Number(r.stdout.trim() || '0');
}

/** pids.current of the container's cgroup (v1 or v2), read from the host. */
async function pidsInContainer(name: string): Promise<number | undefined> {
  const pid = (await execCapture('docker', ['inspect', '-f', '{{.State.Pid}}', name])).stdout.trim();
  if (!pid || pid === '0') return undefined;
  const line = fs
    .readFileSync(`/proc/${pid}/cgroup`, 'utf8')
    .split('\n')
    .find((l) => /:pids:|^0::/.test(l));
  const rel = line?.split(':')[2];
  for (const f of [`/sys/fs/cgroup/pids${rel}/pids.current`, `/sys/fs/cgroup${rel}/pids.current`]) {
    if (fs.existsSync(f)) return Number(fs.readFileSync(f, 'utf8').trim());
  }
  return undefined;
}

describe.skipIf(testProvider() !== 'docker')('container sandbox (docker provider)', () => {
  let launcher: ContainerLauncher;
  let dir: string;
  const source = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-sbx-src-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(source, 'main.js'), 'console.log("hello")\n');
    launcher = new ContainerLauncher(LIMITS);
    dir = await launcher.stage(source);
  });

  afterAll(async () => {
    await launcher?.close();
    fs.rmSync(source, { recursive: true, force: true });
  });

  const run = (phase: string, cmd: string, args: string[]) =>
    new SolutionProcess(phase, { cmd, args, cwd: dir, env: launcher.baseEnv() }, undefined, { launcher });

  it('runs a program in its copy, as an unprivileged user, with a read-only root and none of the grader files', async () => {
    const p = run('probe', 'sh', [
      '-c',
      `id -u; pwd; node main.js; touch /etc/x 2>&1 || echo ro-root; test -e ${source}/main.js || echo no-source; test -e ${process.cwd()}/package.json || echo no-grader; touch own-file && echo wrote`,
    ]);
    const exit = await p.waitForExit(60_000);
    const out = p.stdoutText() + p.stderrText();
    expect(exit.code, out).toBe(0);
    expect(out).toContain(`${launcher.uid}\n`);
    expect(out).toContain('hello');
    expect(out).toMatch(/Read-only file system|ro-root/);
    expect(out).toContain('no-source');
    expect(out).toContain('no-grader');
    expect(fs.existsSync(path.join(dir, 'own-file'))).toBe(true);
    expect(fs.existsSync(path.join(source, 'own-file'))).toBe(false);
  });

  it('holds a fork bomb at the pids limit, and every process dies with the run', async () => {
    const p = run('fork-bomb', 'sh', ['-c', 'b() { b | b & }; b; sleep 600']);
    await new Promise((r) => setTimeout(r, 4000));
    const name = (await sessionContainers(launcher.session))[0]!;
    const pids = await pidsInContainer(name);
    expect(pids === undefined || pids <= LIMITS.pids, `pids.current ${pids}`).toBe(true);
    const exit = await p.stop(1000);
    expect(exit.timedOut).toBe(false);
    for (let i = 0; i < 50 && (await processesOf(launcher.uid)) > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await processesOf(launcher.uid)).toBe(0);
    expect(await sessionContainers(launcher.session)).toEqual([]);
  });

  it('kills a memory hog at the memory limit and says which limit, in both languages', async () => {
    const p = run('memory-hog', 'node', ['-e', 'const a = []; for (;;) a.push(Buffer.alloc(1 << 20, 1));']);
    const exit = await p.waitForExit(120_000);
    expect(exit.timedOut).toBe(false);
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.limit).toBe('memory');
    expect(limitMessage('memory', LIMITS).en).toMatch(/192 MiB.*memory limit|memory limit.*192 MiB/);
    expect(limitMessage('memory', LIMITS).fr).toMatch(/192 MiB/);
  });

  it('reaches the allowed endpoint through the relay, and no other address: not a host port, not another machine', async () => {
    const accepted = { allowed: 0, other: 0 };
    const listen = async (which: keyof typeof accepted) => {
      const server = net.createServer((c) => {
        accepted[which]++;
        c.end('hi');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return { server, port: (server.address() as net.AddressInfo).port };
    };
    const allowed = await listen('allowed');
    const other = await listen('other');
    launcher.allowOutbound([{ host: '127.0.0.1', port: allowed.port }]);
    const probe = (host: string, port: number) =>
      `new Promise((r) => { const s = require('net').connect(${port}, '${host}'); s.on('data', () => r('connected ${host}:${port}')); s.on('error', (e) => r(e.code + ' ${host}:${port}')); setTimeout(() => r('timeout ${host}:${port}'), 3000); })`;
    const probes = [
      probe('127.0.0.1', allowed.port),
      probe('127.0.0.1', other.port),
      probe('172.17.0.1', other.port),
      probe('1.1.1.1', 443),
    ];
    const p = run('network', 'node', [
      '-e',
      `Promise.all([${probes.join(', ')}]).then((r) => console.log(r.join('\\n')))`,
    ]);
    await p.waitForExit(60_000);
    allowed.server.close();
    other.server.close();
    const out = p.stdoutText();
    expect(out, out + p.stderrText()).toContain(`connected 127.0.0.1:${allowed.port}`);
    expect(out).toContain(`ECONNREFUSED 127.0.0.1:${other.port}`);
    expect(out).toMatch(/(ENETUNREACH|EHOSTUNREACH|timeout) 172\.17\.0\.1/);
    expect(out).toMatch(/(ENETUNREACH|EHOSTUNREACH|timeout) 1\.1\.1\.1/);
    expect(accepted).toEqual({ allowed: 1, other: 0 });
  });

  it("lets the grader reach the program's own port (PORT) through the relay", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const p = new SolutionProcess(
      'http',
      {
        cmd: 'node',
        args: ['-e', `require('http').createServer((q, s) => s.end('inside')).listen(${port}, '127.0.0.1')`],
        cwd: dir,
        env: launcher.baseEnv(),
      },
      undefined,
      { launcher, inboundPorts: [port] },
    );
    expect(await p.waitForReady({ port }, 60_000)).toBe('ready');
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(body).toBe('inside');
    await p.stop(1000);
  });
});
