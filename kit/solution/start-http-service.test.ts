import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SolutionError } from '../../core/errors.js';
import type { RunContext } from '../../engine/exercise.js';
import { WRONG_PORT_GRACE_MS } from '../../runner/readiness.js';
import type { Solution } from '../../runner/solution.js';
import { startHttpService } from './http-service.js';

// The real runner path (launchSpec, SolutionProcess, waitUntilServing) with real programs; no stack needed.
describe('a service that does not serve PORT, through startHttpService', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-port-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ctxFor = (file: string, code: string): RunContext => {
    fs.writeFileSync(path.join(dir, file), code);
    const solution: Solution = { dir, runner: 'command', manifest: { runner: 'command', start: `"${process.execPath}" ${file}` } };
    return { exerciseId: 'ex1', solution, solutionEnv: {}, addLog: () => {} } as unknown as RunContext;
  };

  it('is named within seconds of listening on another port, with that port', async () => {
    // PORT ignored: a hard-coded port (the OS's pick here, 8080 in the wild), printed when it listens.
    const ctx = ctxFor('wrong-port.js', 'require("http").createServer((q, s) => s.end("ok")).listen(0, function () { console.log("listening " + this.address().port) })\n');
    const t = performance.now();
    const e = await startHttpService(ctx, { readyTimeoutMs: 60_000 }).then(() => undefined, (err: unknown) => err);
    const ms = performance.now() - t;
    expect(e).toBeInstanceOf(SolutionError);
    const err = e as SolutionError;
    const port = /listening (\d+)/.exec(err.output ?? '')?.[1];
    expect(port).toBeDefined();
    expect(err.kind).toBe('not-ready');
    expect(err.localized.en).toMatch(new RegExp(`^your program listens on ${port}, not on PORT=\\d+ \\(read PORT from the environment\\)$`));
    expect(err.localized.fr).toMatch(new RegExp(`^votre programme écoute sur ${port}, pas sur PORT=\\d+`));
    expect(ms).toBeLessThan(WRONG_PORT_GRACE_MS + 5000);
  }, 30_000);

  it('a program that listens nowhere is told so when the limit runs out', async () => {
    const ctx = ctxFor('nowhere.js', 'console.log("started, serving nothing"); setInterval(() => {}, 1000)\n');
    const e = (await startHttpService(ctx, { readyTimeoutMs: 2000 }).then(() => undefined, (err: unknown) => err)) as SolutionError;
    expect(e.kind).toBe('not-ready');
    expect(e.localized.en).toMatch(/^your program was listening on no TCP port after 2 s \(expected: PORT=\d+\)$/);
  }, 30_000);
});
