import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../core/ports.js';
import { SolutionProcess } from '../solution-process.js';
import { BubblewrapLauncher } from './bubblewrap-launcher.js';
import { probeNativeSandbox } from './isolation-probe.js';
import { DEFAULT_SANDBOX_LIMITS } from './types.js';

/** Processes of `uid` still running on the machine (from /proc; a zombie waiting for its reaper is dead). */
function runningOf(uid: number): string[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const st = fs.readFileSync(`/proc/${d}/status`, 'utf8');
        const state = /^State:\s+(\S)/m.exec(st)?.[1];
        return new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(st) && state !== 'Z' && state !== 'X'
          ? [`${d} ${state} ${/^Name:\s+(.*)$/m.exec(st)?.[1]}`]
          : [];
      } catch {
        return [];
      }
    });
}

/** The kernel finishes a SIGKILLed process's exit asynchronously: give it a moment, then list what still runs. */
async function processesOf(uid: number): Promise<string[]> {
  for (let i = 0; i < 20 && runningOf(uid).length; i++) await new Promise((r) => setTimeout(r, 100));
  return runningOf(uid);
}

const usable = (await probeNativeSandbox()).usable;

// Process-backed (no Kafka): the native sandbox against programs that try to get out of it.
describe.skipIf(!usable)('native sandbox (bubblewrap) containment', () => {
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-containment-'));
  const secret = path.join(os.tmpdir(), `kgrade-containment-secret-${process.pid}`);
  const launcher = new BubblewrapLauncher({ ...DEFAULT_SANDBOX_LIMITS, pids: 48, memoryBytes: 160 * 1024 * 1024 });
  let dir = '';
  const allowed = net.createServer((c) => c.end('allowed-endpoint\n'));
  const forbidden = net.createServer((c) => c.end('forbidden-endpoint\n'));
  let allowedPort = 0;
  let forbiddenPort = 0;

  const run = async (
    script: string,
    opts: { timeoutMs?: number; inbound?: number[]; env?: Record<string, string>; background?: boolean } = {},
  ) => {
    fs.writeFileSync(path.join(dir, 'prog.cjs'), script);
    const p = new SolutionProcess(
      'run',
      { cmd: '/usr/bin/node', args: ['prog.cjs'], cwd: dir, env: { ...launcher.baseEnv(), ...opts.env } },
      undefined,
      { launcher, inboundPorts: opts.inbound ?? [] },
    );
    return { p, exit: opts.background ? undefined : await p.waitForExit(opts.timeoutMs ?? 30_000) };
  };

  beforeAll(async () => {
    fs.writeFileSync(secret, 'grader secret\n', { mode: 0o644 });
    fs.writeFileSync(path.join(src, 'own.txt'), 'mine\n');
    allowedPort = await freePort();
    forbiddenPort = await freePort();
    await new Promise<void>((r) => allowed.listen(allowedPort, '127.0.0.1', r));
    await new Promise<void>((r) => forbidden.listen(forbiddenPort, '127.0.0.1', r));
    dir = await launcher.stage(src);
    launcher.allowOutbound([{ host: '127.0.0.1', port: allowedPort }]);
  });

  afterAll(async () => {
    await launcher.close();
    allowed.close();
    forbidden.close();
    fs.rmSync(secret, { force: true });
    fs.rmSync(src, { recursive: true, force: true });
  });

  it('sees its own copy but no file outside it', async () => {
    const { p, exit } = await run(`const fs = require('fs');
      console.log('own', fs.readFileSync('own.txt', 'utf8').trim());
      for (const f of [${JSON.stringify(secret)}, ${JSON.stringify(src + '/own.txt')}, '/root/.bashrc', ${JSON.stringify(path.resolve('package.json'))}]) {
        try { fs.readFileSync(f); console.log('READ', f); } catch (e) { console.log('denied', e.code); }
      }`);
    expect(exit!.code).toBe(0);
    expect(p.stdoutLines()).toEqual(['own mine', 'denied ENOENT', 'denied ENOENT', 'denied ENOENT', 'denied ENOENT']);
  });

  it('reaches an allowed endpoint and nothing else', async () => {
    const { p } = await run(`const net = require('net');
      const tryit = (port, host) => new Promise((r) => { const s = net.connect(port, host); let d = ''; s.on('data', (c) => (d += c)); s.on('end', () => r('data ' + d.trim())); s.on('error', (e) => r('error ' + e.code)); });
      (async () => { for (const [p, h] of [[${allowedPort}, '127.0.0.1'], [${allowedPort}, 'localhost'], [${forbiddenPort}, '127.0.0.1'], [22, '10.0.0.1'], [443, '1.1.1.1']]) console.log(await tryit(p, h)); })();`);
    await p.waitForExit(30_000);
    expect(p.stdoutLines()).toEqual([
      'data allowed-endpoint',
      'data allowed-endpoint',
      'error ECONNREFUSED',
      'error ENETUNREACH',
      'error ENETUNREACH',
    ]);
  });

  it('serves the grader on its PORT through the relay', async () => {
    const port = await freePort();
    const { p } = await run(
      `require('http').createServer((q, s) => s.end('hello from inside')).listen(${port}, '127.0.0.1'); setInterval(() => {}, 1000);`,
      { inbound: [port], background: true },
    );
    expect(await p.waitForReady({ port }, 20_000)).toBe('ready');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello from inside');
    await p.stop();
  });

  it('a graceful stop (SIGTERM) reaches the program, which exits by itself', async () => {
    const { p } = await run(
      `process.on('SIGTERM', () => { console.log('closing'); setTimeout(() => process.exit(0), 200); }); console.log('up'); setInterval(() => {}, 1000);`,
      { background: true },
    );
    expect(await p.waitForReady({ log: /^up$/m }, 20_000)).toBe('ready');
    const exit = await p.stop(10_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(p.stdoutLines()).toEqual(['up', 'closing']);
  });

  it('a fork bomb hits pids.max and is reported as the process limit', async () => {
    const { p, exit } = await run(`const { spawn } = require('child_process'); let n = 0;
      const more = () => { try { const c = spawn('sleep', ['300'], { stdio: 'ignore' }); c.on('error', () => { console.log('refused after', n); process.exit(3); }); n++; setImmediate(more); } catch (e) { console.log('refused after', n, e.code); process.exit(3); } };
      more();`);
    expect(exit!.code).toBe(3);
    expect(exit!.limit).toBe('pids');
    expect(Number(/refused after (\d+)/.exec(p.stdoutText())?.[1])).toBeLessThan(48);
    expect(await processesOf(launcher.sandboxUid!)).toEqual([]);
  });

  it('a memory hog is killed by the memory limit and reported as such', async () => {
    const { exit } = await run(
      `const keep = []; for (;;) { const b = Buffer.alloc(8 * 1024 * 1024); b.fill(1); keep.push(b); }`,
    );
    expect(exit!.signal).toBe('SIGKILL');
    expect(exit!.limit).toBe('memory');
  });

  it('a daemon it leaves behind dies with the run', async () => {
    const { exit } = await run(`const { spawn } = require('child_process');
      spawn('sh', ['-c', 'setsid sh -c "trap \\"\\" TERM HUP; sleep 300" >/dev/null 2>&1 &'], { stdio: 'ignore', detached: true }).unref();
      setTimeout(() => process.exit(0), 500);`);
    expect(exit!.code).toBe(0);
    expect(await processesOf(launcher.sandboxUid!)).toEqual([]);
  });
});
