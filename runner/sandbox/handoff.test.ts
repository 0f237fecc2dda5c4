import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bwrapArgs, sessionLayout } from './bwrap-plan.js';
import { enclosingPackageJson, HandoffFolder, hiddenPathsInEnv } from './handoff.js';

describe('files the grading hands a solution', () => {
  it('are made in the session folder, each at a fresh path, given to the solution, and removed', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-handoff-test-'));
    const owned: string[] = [];
    const h = new HandoffFolder(
      () => fs.mkdirSync(path.join(root, 'handoff'), { recursive: true }) ?? path.join(root, 'handoff'),
      (p) => owned.push(p),
    );
    const f = h.handOver('news.jsonl', 'file', 'a\n');
    const again = h.handOver('news.jsonl', 'file', 'b\n');
    const d = h.handOver('../state', 'folder');
    expect([f, again, d]).toEqual([
      path.join(root, 'handoff', 'news.jsonl'),
      path.join(root, 'handoff', '2-news.jsonl'),
      path.join(root, 'handoff', 'state'),
    ]);
    expect(fs.readFileSync(f, 'utf8')).toBe('a\n');
    expect(fs.statSync(d).isDirectory()).toBe(true);
    expect(owned).toEqual([f, again, d]);
    h.remove();
    expect(fs.existsSync(path.join(root, 'handoff'))).toBe(false);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a variable naming a host file the sandbox does not show is found (and only such a one)', () => {
    const exists = (p: string) => !p.includes('gone');
    const env = {
      KGRADE_RECORDS_FILE: '/tmp/kgrade-ex8-x/news.jsonl',
      KGRADE_PROCESSED_FILE: '/var/tmp/kgrade-sandbox/s1/handoff/p.jsonl',
      HOME: '/var/tmp/kgrade-sandbox/s1/home',
      TMPDIR: '/tmp',
      PATH: '/usr/bin:/bin',
      JAVA_TOOL_OPTIONS: '-Djava.io.tmpdir=/tmp/x -Xmx1g',
      GONE: '/tmp/gone',
      OTHER: '/opt/java',
      CONNECT_FILES_DIR: '/root/.cache/kgrade/runs/stack-1/connect-files',
    };
    expect(
      hiddenPathsInEnv(env, ['/var/tmp/kgrade-sandbox/s1', '/usr'], ['/tmp', '/var/tmp', '/root'], exists),
    ).toEqual(['KGRADE_RECORDS_FILE=/tmp/kgrade-ex8-x/news.jsonl']);
  });

  it('the copy gets the module type its enclosing package.json gives it in place', () => {
    const files: Record<string, string> = {
      '/k/package.json': '{"name":"kgrade","type":"module","dependencies":{"a":"1"}}',
      '/c/package.json': '{"name":"course"}',
    };
    const read = (p: string) => files[p];
    expect(enclosingPackageJson('/k/fixtures/ex8/reference-ts', read)).toBe('{"type":"module"}\n');
    expect(enclosingPackageJson('/c/students/alice', read)).toBe('{}\n');
    expect(enclosingPackageJson('/home/bob/ex8', read)).toBeUndefined();
  });

  it('bubblewrap binds the handoff folder read-write and the package.json read-only, at their own paths', () => {
    const l = sessionLayout('/var/tmp/kgrade-sandbox', 's1');
    const a = bwrapArgs({
      layout: l,
      readOnly: [],
      readOnlyAt: [],
      hostsFile: '/h',
      cwd: l.solution,
      packageJson: true,
    }).join(' ');
    expect(a).toContain(`--bind ${l.handoff} ${l.handoff}`);
    expect(a).toContain(`--ro-bind ${l.root}/package.json ${l.root}/package.json`);
    expect(
      bwrapArgs({ layout: l, readOnly: [], readOnlyAt: [], hostsFile: '/h', cwd: l.solution }).join(' '),
    ).not.toContain('package.json');
  });
});
