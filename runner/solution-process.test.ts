import { describe, expect, it } from 'vitest';
import { isAlive } from '../core/process-groups.js';
import { waitFor } from '../core/wait-for.js';
import { SolutionProcess, type LaunchSpec } from './solution-process.js';

const node = (code: string): LaunchSpec => ({
  cmd: process.execPath,
  args: ['-e', code],
  cwd: process.cwd(),
  env: process.env as Record<string, string>,
});

describe('SolutionProcess with misbehaving programs', () => {
  it('keeps stdout lines and the exit code of a program that ends', async () => {
    const p = new SolutionProcess(
      'run',
      node('console.log("a"); console.log("b"); console.error("oops"); process.exit(3)'),
    );
    const exit = await p.waitForExit(10_000);
    expect(exit).toMatchObject({ code: 3, timedOut: false, flooded: false });
    expect(p.stdoutLines()).toEqual(['a', 'b']);
    expect(p.log()).toMatchObject({ phase: 'run', stderr: 'oops\n', exitCode: 3 });
  });

  it('kills a program that hangs past its time limit', async () => {
    const p = new SolutionProcess('run', node('setInterval(() => {}, 1000)'));
    const exit = await p.waitForExit(300);
    expect(exit.timedOut).toBe(true);
    expect(exit.signal).toBe('SIGKILL');
  });

  it('kills a program that floods its output, keeping only the head', async () => {
    // A program logging in a tight loop (Node's own sync loop never flushes a pipe, so use `yes`).
    const p = new SolutionProcess(
      'run',
      { cmd: 'yes', args: ['flood'], cwd: process.cwd(), env: {} },
      { keepChars: 1000, floodBytes: 2_000_000 },
    );
    const exit = await p.waitForExit(20_000);
    expect(exit.flooded).toBe(true);
    expect(exit.timedOut).toBe(false);
    expect(p.stdoutText().length).toBe(1000);
    expect(p.log().truncated).toBe(true);
  });

  it('kills the whole process tree, grandchildren included', async () => {
    const p = new SolutionProcess(
      'run',
      node(
        'const c = require("child_process").spawn("sleep", ["300"], { stdio: "ignore" }); console.log(c.pid); setInterval(() => {}, 1000)',
      ),
    );
    const grandchild = await waitFor(() => Number(p.stdoutLines()[0]) || undefined, { timeoutMs: 10_000 });
    expect(isAlive(grandchild)).toBe(true);
    await p.stop(500);
    await waitFor(() => !isAlive(grandchild), { timeoutMs: 5000, what: 'the grandchild to die' });
  });

  it('detects readiness from a log line and from a port, and a program that dies first', async () => {
    const byLog = new SolutionProcess(
      'run',
      node('setTimeout(() => console.log("Started App in 0.2 seconds"), 200); setInterval(() => {}, 1000)'),
    );
    expect(await byLog.waitForReady({ log: /Started .* in/ }, 10_000)).toBe('ready');
    await byLog.stop();
    const byPort = new SolutionProcess(
      'run',
      node(
        'require("http").createServer(() => {}).listen(0, "127.0.0.1", function () { console.log(this.address().port) }); setInterval(() => {}, 1000)',
      ),
    );
    const port = await waitFor(() => Number(byPort.stdoutLines()[0]) || undefined, { timeoutMs: 10_000 });
    expect(await byPort.waitForReady({ port }, 10_000)).toBe('ready');
    await byPort.stop();
    const dies = new SolutionProcess('run', node('process.exit(1)'));
    expect(await dies.waitForReady({ log: /never/ }, 10_000)).toBe('exited');
  });

  it('reports a command that does not exist without throwing', async () => {
    const p = new SolutionProcess('run', { cmd: '/nonexistent/kgrade-cmd', args: [], cwd: process.cwd(), env: {} });
    const exit = await p.waitForExit(5000);
    expect(exit.code).not.toBe(0);
    expect(p.stderrText()).toContain('cannot start');
  });
});
