import { describe, expect, it } from 'vitest';
import { dockerRunArgs, toContainerPath, type ContainerRunSpec } from './container-args.js';
import { limitFromEnd, limitHint, limitMessage, parseContainerEnd } from './container-exit.js';
import { DEFAULT_SANDBOX_LIMITS } from './types.js';

const spec: ContainerRunSpec = {
  name: 'kgrade-sbx-1-ab-1',
  image: 'kgrade/solution:abc',
  session: 'kgrade-sbx-1-ab',
  ownerPid: 42,
  user: '60001:60001',
  cwd: '/sandbox/solution',
  env: { PORT: '8080', B: 'x=y' },
  mounts: [
    { source: '/root/.cache/kgrade/tmp/sandbox-x/solution', target: '/sandbox/solution', readonly: false },
    { source: '/work/kgrade/node_modules', target: '/opt/kgrade/node_modules', readonly: true },
  ],
  limits: { cpus: 1, memoryBytes: 512 * 1024 * 1024, pids: 128, openFiles: 1024 },
  tmpBytes: 64 * 1024 * 1024,
  cmd: 'node',
  args: ['main.js', '--flag'],
};

describe('dockerRunArgs', () => {
  const args = dockerRunArgs(spec);
  const value = (flag: string) => args[args.indexOf(flag) + 1];

  it('cuts the network, drops privileges and makes the root read-only', () => {
    expect(value('--network')).toBe('none');
    expect(value('--user')).toBe('60001:60001');
    expect(args).toContain('--read-only');
    expect(value('--cap-drop')).toBe('ALL');
    expect(value('--security-opt')).toBe('no-new-privileges');
  });

  it('sets every kernel limit, with no swap beyond the memory limit', () => {
    expect(value('--cpus')).toBe('1');
    expect(value('--memory')).toBe(String(512 * 1024 * 1024));
    expect(value('--memory-swap')).toBe(String(512 * 1024 * 1024));
    expect(value('--pids-limit')).toBe('128');
    expect(value('--ulimit')).toBe('nofile=1024:1024');
    expect(value('--tmpfs')).toMatch(/^\/tmp:rw,exec,nosuid,nodev,size=67108864$/);
    expect(value('--log-driver')).toBe('none');
  });

  it('labels the container for cleanup and mounts only what it is given', () => {
    expect(args).toContain('kgrade.sandbox=kgrade-sbx-1-ab');
    expect(args).toContain('kgrade.sandbox-owner-pid=42');
    const mounts = args.filter((_, i) => args[i - 1] === '--mount');
    expect(mounts).toEqual([
      'type=bind,source=/root/.cache/kgrade/tmp/sandbox-x/solution,target=/sandbox/solution',
      'type=bind,source=/work/kgrade/node_modules,target=/opt/kgrade/node_modules,readonly',
    ]);
  });

  it('ends with the image and the program', () => {
    expect(args.slice(-4)).toEqual(['kgrade/solution:abc', 'node', 'main.js', '--flag']);
    expect(args).toContain('B=x=y');
  });
});

describe('toContainerPath', () => {
  it('rewrites host paths (and file URLs) under a mount, longest source first', () => {
    expect(toContainerPath('file:///work/kgrade/node_modules/tsx/dist/loader.mjs', spec.mounts)).toBe(
      'file:///opt/kgrade/node_modules/tsx/dist/loader.mjs',
    );
    expect(toContainerPath('-Dx=/root/.cache/kgrade/tmp/sandbox-x/solution/target', spec.mounts)).toBe(
      '-Dx=/sandbox/solution/target',
    );
    expect(toContainerPath('/elsewhere', spec.mounts)).toBe('/elsewhere');
  });
});

describe('container end', () => {
  it('reads docker inspect and names the memory limit when the OOM killer ended it', () => {
    expect(parseContainerEnd('true 137\n')).toEqual({ oomKilled: true, exitCode: 137 });
    expect(limitFromEnd(parseContainerEnd('true 137'))).toBe('memory');
    expect(limitFromEnd(parseContainerEnd('false 137'))).toBeUndefined();
    expect(parseContainerEnd('Error: No such object')).toBeUndefined();
  });

  it('says which limit and how to fix it, in French and English', () => {
    const limits = { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 256 * 1024 * 1024 };
    expect(limitMessage('memory', limits).en).toContain('256 MiB');
    expect(limitMessage('memory', limits).fr).toContain('256 MiB');
    expect(limitMessage('pids', limits).en).toContain(String(limits.pids));
    for (const hit of ['memory', 'pids', 'open-files', 'output', 'wall-time'] as const) {
      expect(limitHint(hit).fr.length).toBeGreaterThan(10);
      expect(limitHint(hit).en.length).toBeGreaterThan(10);
    }
  });
});
