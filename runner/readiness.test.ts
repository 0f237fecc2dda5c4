import { describe, expect, it } from 'vitest';
import { waitFor } from '../core/wait-for.js';
import { waitUntilServing } from './readiness.js';
import { SolutionProcess, type LaunchSpec } from './solution-process.js';

const node = (code: string): LaunchSpec => ({
  cmd: process.execPath,
  args: ['-e', code],
  cwd: process.cwd(),
  env: process.env as Record<string, string>,
});
const server = (after: string) =>
  node(
    `require("http").createServer((q, s) => s.end("ok")).listen(0, "127.0.0.1", function () { console.log(this.address().port); ${after} }); setInterval(() => {}, 1000)`,
  );

async function portOf(p: SolutionProcess): Promise<number> {
  return waitFor(() => Number(p.stdoutLines()[0]) || undefined, { timeoutMs: 10_000 });
}

describe('waitUntilServing', () => {
  it('is ready when the port answers and the process survives the settle', async () => {
    const p = new SolutionProcess('app', server(''));
    expect(await waitUntilServing(p, { port: await portOf(p), settleMs: 300 }, 10_000)).toBe('ready');
    await p.stop();
  });

  it('reports a process that opened its port and died during the settle as exited', async () => {
    const p = new SolutionProcess(
      'app',
      server('setTimeout(() => { console.error("Caused by: x.y.ConfigException: bad"); process.exit(1) }, 300)'),
    );
    expect(await waitUntilServing(p, { port: await portOf(p), settleMs: 1500 }, 10_000)).toBe('exited');
    expect(p.stderrText()).toContain('ConfigException');
  });

  it('is ready at the declared log line', async () => {
    const p = new SolutionProcess(
      'app',
      node('setTimeout(() => console.log("Started DemoApp in 1.2 seconds"), 100); setInterval(() => {}, 1000)'),
    );
    expect(await waitUntilServing(p, { port: 1, log: /Started DemoApp/, settleMs: 5000 }, 10_000)).toBe('ready');
    await p.stop();
  });
});
