import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../core/wait-for.js';
import { launchSpec, type Solution } from './solution.js';
import { SolutionProcess } from './solution-process.js';
import { isSimpleCommand, startScript } from './start-command.js';

describe('startScript', () => {
  it('execs a simple command, keeping assignments in front', () => {
    expect(startScript('./app')).toBe('exec ./app "$@"');
    expect(startScript('  java -jar target/app.jar ')).toBe('exec java -jar target/app.jar "$@"');
    expect(startScript('FOO=1 BAR="a b" python3 main.py')).toBe('FOO=1 BAR="a b" exec python3 main.py "$@"');
    expect(startScript('./app > out.log 2>&1')).toBe('exec ./app > out.log 2>&1 "$@"');
    expect(startScript('node main.js --name "a | b" \'c;d\'')).toBe('exec node main.js --name "a | b" \'c;d\' "$@"');
    expect(startScript('java -jar $(ls target/*.jar)')).toBe('exec java -jar $(ls target/*.jar) "$@"');
    expect(startScript('exec ./app')).toBe('exec ./app "$@"');
  });

  it('keeps the shell of a pipeline, a list, a subshell or a compound command', () => {
    for (const c of [
      './app | tee log',
      'cd svc && ./app',
      'make run; ./app',
      './a & ./b',
      '(cd x; ./app)',
      'if true; then ./app; fi',
      '{ ./app; }',
      './app\n./b',
      './app # comment',
      'A=1',
    ]) {
      expect(startScript(c)).toBe(`${c} "$@"`);
    }
    expect(isSimpleCommand('./app | tee log')).toBe(false);
  });
});

describe('a start command runs the program itself', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-start-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A program that shuts down cleanly on SIGTERM and exits 0, started through a script as "./app" is.
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    'console.log("up " + process.argv.slice(2).join(",")); process.on("SIGTERM", () => { console.log("clean shutdown"); process.exit(0) }); setInterval(() => {}, 1000)\n',
  );
  fs.writeFileSync(path.join(dir, 'app'), `#!/bin/sh\nexec "${process.execPath}" app.js "$@"\n`, { mode: 0o755 });
  const solution = (start: string): Solution => ({ dir, runner: 'command', manifest: { runner: 'command', start } });

  it('a SIGTERM reaches the program, and its exit code 0 is the one reported', async () => {
    const p = new SolutionProcess('app', launchSpec(solution('./app'), 'ex1', {}, ['role']));
    await waitFor(() => p.stdoutText().includes('up role') || undefined, {
      timeoutMs: 10_000,
      what: 'the program to start',
    });
    const exit = await p.stop(5000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(p.stdoutText()).toContain('clean shutdown');
  });

  it('a pipeline still runs in its shell', async () => {
    const p = new SolutionProcess('app', launchSpec(solution('echo piped | cat'), 'ex1', {}));
    const exit = await p.waitForExit(10_000);
    expect(exit.code).toBe(0);
    expect(p.stdoutText()).toBe('piped\n');
  });
});
