import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SolutionError } from '../../core/errors.js';
import type { RunContext } from '../../engine/exercise.js';
import { WRONG_PORT_GRACE_MS } from '../../runner/readiness.js';
import type { Solution } from '../../runner/solution.js';
import { describeHttp, startHttpService } from './http-service.js';

// The real runner path (launchSpec, SolutionProcess, waitUntilServing) with real programs; no stack needed.
describe('a service that does not serve PORT, through startHttpService', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-port-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ctxFor = (file: string, code: string): RunContext => {
    fs.writeFileSync(path.join(dir, file), code);
    const solution: Solution = {
      dir,
      runner: 'command',
      manifest: { runner: 'command', start: `"${process.execPath}" ${file}` },
    };
    return { exerciseId: 'ex1', solution, solutionEnv: {}, addLog: () => {} } as unknown as RunContext;
  };

  it('is named within seconds of listening on another port, with that port', async () => {
    // PORT ignored: a hard-coded port (the OS's pick here, 8080 in the wild), printed when it listens.
    const ctx = ctxFor(
      'wrong-port.js',
      'require("http").createServer((q, s) => s.end("ok")).listen(0, function () { console.log("listening " + this.address().port) })\n',
    );
    const t = performance.now();
    const e = await startHttpService(ctx, { readyTimeoutMs: 60_000 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const ms = performance.now() - t;
    expect(e).toBeInstanceOf(SolutionError);
    const err = e as SolutionError;
    const port = /listening (\d+)/.exec(err.output ?? '')?.[1];
    expect(port).toBeDefined();
    expect(err.kind).toBe('not-ready');
    expect(err.localized.en).toMatch(
      new RegExp(`^your program listens on ${port}, not on PORT=\\d+ \\(read PORT from the environment\\)$`),
    );
    expect(err.localized.fr).toMatch(new RegExp(`^votre programme écoute sur ${port}, pas sur PORT=\\d+`));
    expect(ms).toBeLessThan(WRONG_PORT_GRACE_MS + 5000);
  }, 30_000);

  it('a program that listens nowhere is told so when the limit runs out', async () => {
    const ctx = ctxFor('nowhere.js', 'console.log("started, serving nothing"); setInterval(() => {}, 1000)\n');
    const e = (await startHttpService(ctx, { readyTimeoutMs: 2000 }).then(
      () => undefined,
      (err: unknown) => err,
    )) as SolutionError;
    expect(e.kind).toBe('not-ready');
    expect(e.localized.en).toMatch(/^your program was listening on no TCP port after 2 s \(expected: PORT=\d+\)$/);
  }, 30_000);
});

describe('an error answer quotes the service log line that explains it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-log-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a 400 whose body leaves the reason out, explained by the service's WARN line", async () => {
    fs.writeFileSync(
      path.join(dir, 'spring-like.js'),
      `require("http").createServer((q, s) => { console.log("2026-11-30T10:20:01.180Z  WARN 1 --- [nio-8080-exec-1] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present]"); s.writeHead(400, { "content-type": "application/json" }); s.end('{"status":400,"error":"Bad Request","path":"/notifications/sync"}') }).listen(Number(process.env.PORT), "127.0.0.1")\n`,
    );
    const solution: Solution = {
      dir,
      runner: 'command',
      manifest: { runner: 'command', start: `"${process.execPath}" spring-like.js` },
    };
    const ctx = { exerciseId: 'ex1', solution, solutionEnv: {}, addLog: () => {} } as unknown as RunContext;
    const service = await startHttpService(ctx, { readyTimeoutMs: 20_000 });
    try {
      const o = await service.request(
        { method: 'POST', path: '/notifications/sync' },
        { type: 'NEW_MESSAGE', userId: 'u', content: 'c' },
      );
      expect(o.status).toBe(400);
      expect(o.logLine).toBe(
        "org.springframework.web.bind.MissingServletRequestParameterException: Required request parameter 'message' for method parameter type String is not present",
      );
      expect(describeHttp(o).en).toMatch(
        /^400 after [\d.]+ m?s, body: ".*Bad Request.*" \(its log during the request: "org\.springframework\.web\.bind\.MissingServletRequestParameterException: Required request parameter 'message'/,
      );
      expect(describeHttp(o).fr).toContain(
        ' (son journal pendant la requête : "org.springframework.web.bind.MissingServletRequestParameterException',
      );
    } finally {
      await service.stop();
    }
  }, 30_000);
});
