import { describe, expect, it } from 'vitest';
import {
  bwrapArgs,
  cgroupPaths,
  cgroupSettings,
  exitFromBwrap,
  relayConfig,
  registryAllowed,
  sandboxBaseEnv,
  sandboxCommand,
  sessionLayout,
} from './bwrap-plan.js';
import { outboundEndpoints, parseEndpoints } from './sandbox-spec.js';
import { DEFAULT_SANDBOX_LIMITS } from './types.js';

const layout = sessionLayout('/var/tmp/kgrade-sandbox', 's1');

describe('sandbox plan (pure)', () => {
  it('allows exactly the endpoints the stack advertises to solutions', () => {
    const env = {
      KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:39092,127.0.0.1:39093',
      SPRING_KAFKA_BOOTSTRAP_SERVERS: '127.0.0.1:39092,127.0.0.1:39093',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:38081/apis/ccompat/v7',
      KAFKA_CONNECT_URL: 'http://localhost:38083',
      POSTGRES_URL: 'jdbc:postgresql://127.0.0.1:35432/kgrade',
      PGHOST: '127.0.0.1',
      PGPORT: '35432',
      KGRADE_TOXIPROXY_URL: 'http://127.0.0.1:8474', // not an endpoint variable: never allowed
    };
    expect(outboundEndpoints(env).map((e) => `${e.host}:${e.port}`)).toEqual([
      '127.0.0.1:35432',
      '127.0.0.1:38081',
      'localhost:38083',
      '127.0.0.1:39092',
      '127.0.0.1:39093',
    ]);
    expect(parseEndpoints('PLAINTEXT://broker:9092, http://u:p@h:1/x')).toEqual([
      { host: 'broker', port: 9092 },
      { host: 'h', port: 1 },
    ]);
  });

  it('relays loopback endpoints, the registries only for builds, and the inbound port per launch', () => {
    const run = relayConfig(
      '/c',
      [
        { host: '127.0.0.1', port: 39092 },
        { host: 'kafka-1', port: 9092 },
      ],
      [8080],
      false,
      'l1',
    );
    expect(run).toEqual({
      outbound: [{ port: 39092, socket: '/c/out/39092.sock' }],
      inbound: [{ port: 8080, socket: '/c/in/l1-8080.sock' }],
      readyFile: '/c/in/l1.ready',
    });
    expect(relayConfig('/c', [], [], true, 'l2').outbound).toEqual([{ port: 3128, socket: '/c/out/registries.sock' }]);
  });

  it('lets builds reach the dependency registries over TLS, nothing else', () => {
    expect(
      ['registry.npmjs.org:443', 'repo.maven.apache.org:443', 'REPO1.maven.org:443'].map((a) => registryAllowed(a)),
    ).toEqual([true, true, true]);
    expect(
      [
        'evil.example:443',
        'registry.npmjs.org:22',
        '127.0.0.1:8474',
        'registry.npmjs.org.evil.example:443',
        'pypi.org',
      ].map((a) => registryAllowed(a)),
    ).toEqual([false, false, false, false, false]);
  });

  it("lets builds reach the host's own mirrors, at their exact host and port only", () => {
    const mirrors = ['nexus.corp.example:8443', 'npm.corp.example:443'];
    expect(
      ['NEXUS.corp.example:8443', 'npm.corp.example:443', 'nexus.corp.example:443', 'evil.example:443'].map((a) =>
        registryAllowed(a, mirrors),
      ),
    ).toEqual([true, true, false, false]);
  });

  it('gives the program none of the grader environment and a home in its own session', () => {
    const env = sandboxBaseEnv(layout);
    expect(env.HOME).toBe('/var/tmp/kgrade-sandbox/s1/home');
    expect(Object.keys(env).sort()).toEqual([
      'GOCACHE',
      'GOFLAGS',
      'GOMODCACHE',
      'HOME',
      'LANG',
      'PATH',
      'TMPDIR',
      'npm_config_cache',
      'npm_config_update_notifier',
    ]);
    // Go's caches are the session's farms of kgrade's own, whose entries were built with the same flags.
    expect([env.GOMODCACHE, env.GOCACHE, env.GOFLAGS]).toEqual([
      '/var/tmp/kgrade-sandbox/s1/go-mod',
      '/var/tmp/kgrade-sandbox/s1/go-build',
      '-trimpath',
    ]);
  });

  it('binds runtimes read-only, the session writable, and nothing of the host otherwise', () => {
    const a = bwrapArgs({
      layout,
      readOnly: ['/usr', '/etc/ssl'],
      readOnlyAt: [['/k/relay.mjs', '/run/kgrade-relay.mjs']],
      hostsFile: '/c/hosts',
      cwd: layout.solution,
    });
    expect(a.slice(0, 3)).toEqual(['--unshare-all', '--die-with-parent', '--new-session']);
    const pairs = (flag: string) => a.flatMap((x, i) => (x === flag ? [`${a[i + 1]}=>${a[i + 2]}`] : []));
    expect(pairs('--ro-bind')).toEqual([
      '/usr=>/usr',
      '/etc/ssl=>/etc/ssl',
      '/k/relay.mjs=>/run/kgrade-relay.mjs',
      '/c/hosts=>/etc/hosts',
    ]);
    expect(pairs('--bind').map((p) => p.split('=>')[0])).toEqual([
      layout.solution,
      layout.home,
      layout.control,
      layout.m2,
      layout.npmCache,
      layout.goModules,
      layout.goBuild,
      layout.handoff,
    ]);
    expect(a).not.toContain('--share-net');
    expect(a.slice(-2)).toEqual(['--chdir', layout.solution]);
  });

  it('joins the cgroups, drops to the uid with rlimits, then starts the relay before the program', () => {
    const c = sandboxCommand({
      uid: 23001,
      cgroups: ['/cg/pids/x', '/cg/memory/x'],
      limits: DEFAULT_SANDBOX_LIMITS,
      bwrap: ['--unshare-all'],
      node: '/usr/bin/node',
      relayScript: '/r.mjs',
      relayConfig: '/c/l1.json',
      readyFile: '/c/in/l1.ready',
      cmd: 'java',
      args: ['-jar', 'a.jar'],
    });
    expect(c.args[1]).toBe('echo $$ > /cg/pids/x/cgroup.procs && echo $$ > /cg/memory/x/cgroup.procs && exec "$@"');
    expect(c.args).toContain('--nofile=1024:1024');
    expect(c.args).toContain('--reuid=23001');
    expect(c.args.indexOf('setpriv')).toBeLessThan(c.args.indexOf('bwrap'));
    expect(c.args.slice(-3)).toEqual(['java', '-jar', 'a.jar']);
  });

  it('writes the limits into cgroup v1 files', () => {
    expect(cgroupPaths('/sys/fs/cgroup', 'n').memory).toBe('/sys/fs/cgroup/memory/kgrade/n');
    expect(
      cgroupSettings({ ...DEFAULT_SANDBOX_LIMITS, cpus: 1.5, pids: 64 }).map((s) => `${s.key}=${s.value}`),
    ).toEqual([
      'pids.max=64',
      `memory.limit_in_bytes=${1024 ** 3}`,
      'cpu.cfs_period_us=100000',
      'cpu.cfs_quota_us=150000',
    ]);
  });

  it("reads bubblewrap's 128+n exit back as the signal", () => {
    const sigs = { SIGKILL: 9, SIGTERM: 15 };
    expect(exitFromBwrap(137, null, sigs)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(exitFromBwrap(3, null, sigs)).toEqual({ code: 3, signal: null });
    expect(exitFromBwrap(null, 'SIGKILL', sigs)).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
