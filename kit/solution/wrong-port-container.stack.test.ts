import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SolutionError } from '../../core/errors.js';
import type { RunContext } from '../../engine/exercise.js';
import { WRONG_PORT_GRACE_MS } from '../../runner/readiness.js';
import { ContainerLauncher } from '../../runner/sandbox/container-launcher.js';
import { DEFAULT_SANDBOX_LIMITS } from '../../runner/sandbox/types.js';
import type { Solution } from '../../runner/solution.js';
import { testProvider } from '../../stack/shared-stack.js';
import { startHttpService } from './http-service.js';

/**
 * A service that ignores PORT, run in the container sandbox: the readiness wait reads the container's sockets
 * from the host's /proc and names the port within seconds (after `kgrade images build`, on the docker provider).
 */
describe.skipIf(testProvider() !== 'docker')('wrong port in the container sandbox', () => {
  let launcher: ContainerLauncher;
  let dir: string;
  const source = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-sbx-port-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(source, 'main.js'), 'console.log("hello")\n');
    launcher = new ContainerLauncher({ ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 192 * 1024 * 1024, pids: 64, cpus: 1 });
    dir = await launcher.stage(source);
  });

  afterAll(async () => {
    await launcher?.close();
    fs.rmSync(source, { recursive: true, force: true });
  });

  it('names the port a program listens on instead of PORT, read from the container, seconds after it listens', async () => {
    // PORT ignored: 8080 hard-coded (the container has its own network, so 8080 is free there).
    fs.writeFileSync(
      path.join(dir, 'wrong-port.js'),
      'require("http").createServer((q, s) => s.end("ok")).listen(8080, () => console.log("listening at " + Date.now()))\n',
    );
    const solution: Solution = {
      dir,
      runner: 'command',
      manifest: { runner: 'command', start: 'node wrong-port.js' },
      launcher,
    };
    const ctx = { exerciseId: 'ex1', solution, solutionEnv: {}, addLog: () => {} } as unknown as RunContext;
    const started = Date.now();
    const e = await startHttpService(ctx, { readyTimeoutMs: 60_000 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const named = Date.now();
    expect(e).toBeInstanceOf(SolutionError);
    const err = e as SolutionError;
    expect(err.kind, err.localized.en).toBe('not-ready');
    expect(err.localized.en).toMatch(
      /^your program listens on 8080, not on PORT=\d+ \(read PORT from the environment\)$/,
    );
    expect(err.localized.fr).toMatch(/^votre programme écoute sur 8080, pas sur PORT=\d+/);
    const listened = Number(/listening at (\d+)/.exec(err.output ?? '')?.[1]);
    // Figures for the record (the bound below only catches "said at the time limit", never a timing).
    console.log(
      `wrong port in a container: named ${named - started} ms after the launch, ${named - listened} ms after it listened`,
    );
    expect(named - listened).toBeLessThan(WRONG_PORT_GRACE_MS + 10_000);
  }, 90_000);
});
