/**
 * Every user mistake through the real CLI: exit 2, one line on stderr naming the fix, no stack trace, nothing
 * written in --out, and no stack used. `--stack external` points at a TCP server of this test: a grading or a
 * cohort that got as far as a stack would connect to it, so a connection means the mistake was found too late.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kgrade.mjs');
const REFERENCE = path.join(ROOT, 'fixtures', 'ex0', 'reference-ts');

let work: string;
let server: net.Server;
let port: number;
const connections: string[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-usage-'));
  server = net.createServer((s) => {
    connections.push(`${s.remoteAddress}:${s.remotePort}`);
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(work, { recursive: true, force: true });
});

/** A solution folder holding `kgrade.json` = `manifest` (and `files`, path -> content). */
function solution(name: string, manifest: string, files: Record<string, string> = {}): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kgrade.json'), manifest);
  for (const [f, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

interface Case {
  name: string;
  /** Arguments after `kgrade`; `OUT` is replaced by the case's --out folder. */
  args: () => string[];
  /** What the one line must say. */
  says: RegExp;
  /** --out is a file the case made: it must be left as it was. */
  outIsFile?: boolean;
  /** Arguments after the `--stack external` every case gets (an option left without its value). */
  last?: string[];
  /** A command that takes no --stack: the case gets none. */
  noStack?: boolean;
}

const CASES: Case[] = [
  {
    name: 'selftest --only names no fixture',
    args: () => ['selftest', 'ex0', '--only', 'reference-tss'],
    says: /no fixture named reference-tss in ex0; pick among: .*reference-ts/,
  },
  {
    name: 'scenario run on an adversarial fixture (it would run unsandboxed)',
    args: () => [
      'scenario',
      'run',
      'follower-isolation',
      '--solution',
      path.join(ROOT, 'fixtures', 'ex0', 'adversarial-daemon'),
    ],
    says: /adversarial-daemon is an adversarial fixture .*`kgrade scenario run` \(it never sandboxes\) would run it unsandboxed; grade it with `kgrade grade <exercise> --sandbox` instead/,
  },
  {
    name: 'grade an adversarial fixture without the sandbox',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      path.join(ROOT, 'fixtures', 'ex0', 'adversarial-daemon'),
      '--out',
      'OUT',
    ],
    says: /adversarial-daemon is an adversarial fixture .*`kgrade grade` without --sandbox would run it unsandboxed; add --sandbox/,
  },
  {
    name: 'unknown --format',
    args: () => ['grade', 'ex0', '--solution', REFERENCE, '--format', 'pdf', '--out', 'OUT'],
    says: /Unknown report format "pdf".*--format/,
  },
  {
    name: 'roster missing',
    args: () => ['cohort', path.join(work, 'nope.csv'), '--exercises', 'ex0', '--out', 'OUT'],
    says: /roster .*nope\.csv not found/,
  },
  {
    name: 'roster is a folder',
    args: () => ['cohort', work, '--exercises', 'ex0', '--out', 'OUT'],
    says: /roster .* is not a file/,
  },
  {
    name: 'grade --out is a file',
    args: () => ['grade', 'ex0', '--solution', REFERENCE, '--out', 'OUT'],
    says: /--out .* is a file, not a folder/,
    outIsFile: true,
  },
  {
    name: 'cohort --out is a file',
    args: () => ['cohort', roster(), '--exercises', 'ex0', '--out', 'OUT'],
    says: /--out .* is a file, not a folder/,
    outIsFile: true,
  },
  {
    name: 'missing solution folder',
    args: () => ['grade', 'ex0', '--solution', path.join(work, 'no-such-folder'), '--lang', 'en', '--out', 'OUT'],
    says: /solution folder .*no-such-folder does not exist.*--solution/,
  },
  {
    name: 'kgrade.json is not JSON',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('not-json', '{"runner": "node",'),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /kgrade\.json is not valid JSON.*Fix the JSON syntax/,
  },
  {
    name: 'kgrade.json unknown key',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('unknown-key', '{"runner": "node", "mian": "src/main.ts"}'),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /unknown key 'mian'.*kgrade\.json takes/,
  },
  {
    name: 'kgrade.json unknown runner',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('python', '{"runner": "python", "start": "python3 main.py"}'),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /'runner' is "python".*"runner": "command"/,
  },
  {
    name: 'kgrade.json main missing',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('no-main', '{"runner": "node", "main": "src/nope.ts"}', { 'src/main.ts': '' }),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /"main" names src\/nope\.ts, which does not exist/,
  },
  {
    name: 'kgrade.json start missing',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('no-start', '{"runner": "command", "start": "./app --fast"}'),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /"start" runs \.\/app, which does not exist/,
  },
  {
    name: 'kgrade.json jar outside',
    args: () => [
      'grade',
      'ex0',
      '--solution',
      solution('jar-outside', '{"runner": "maven", "jar": "../app.jar"}', { 'pom.xml': '<project/>' }),
      '--lang',
      'en',
      '--out',
      'OUT',
    ],
    says: /"jar" is \.\.\/app\.jar, outside the solution folder/,
  },
  {
    name: 'unknown exercise',
    args: () => ['grade', 'ex99', '--solution', REFERENCE, '--out', 'OUT'],
    says: /unknown exercise 'ex99'.*kgrade list/,
  },
  // Commander's own parse errors: one line, never followed by the whole help.
  {
    name: 'unknown option',
    args: () => ['grade', 'ex0', '--solution', REFERENCE, '--formt', 'html', '--out', 'OUT'],
    says: /^kgrade: unknown option --formt; did you mean --format\? \(kgrade grade --help\)$/,
  },
  {
    name: 'unknown option, nothing close',
    args: () => ['cohort', roster(), '--exercises', 'ex0', '--zzz', '--out', 'OUT'],
    says: /unknown option --zzz for kgrade cohort; kgrade cohort --help lists its options/,
  },
  {
    name: 'no exercise',
    args: () => ['grade', '--solution', REFERENCE, '--out', 'OUT'],
    says: /no exercise to grade; name the exercises \(kgrade grade ex1 ex2\), or pass --all/,
  },
  {
    name: 'missing argument',
    args: () => ['cohort', '--exercises', 'ex0', '--out', 'OUT'],
    says: /missing argument <roster>; usage: kgrade cohort \[options\] \[command\] <roster> \(kgrade cohort --help\)/,
  },
  {
    name: 'option without its value',
    args: () => ['grade', 'ex0', '--solution', REFERENCE, '--out', 'OUT'],
    last: ['--format'],
    says: /option --format needs a value; give --format <list>: console,json,html.* \(kgrade grade --help\)/,
  },
  {
    name: 'unknown command',
    args: () => ['gradee', 'ex0', '--solution', REFERENCE, '--out', 'OUT'],
    says: /unknown command gradee; did you mean grade\? \(kgrade --help\)/,
  },
  {
    name: 'unknown subcommand',
    args: () => ['stack', 'upp', '--out', 'OUT'],
    says: /unknown command upp; did you mean up\? \(kgrade stack --help\)/,
  },
  {
    // merge's own --out (not cohort's): the same folder as a shard is refused before anything is read or written.
    name: 'cohort merge --out is a shard folder',
    args: () => ['cohort', 'merge', 'OUT', '--out', 'OUT'],
    noStack: true,
    says: /--out .*out-\d+ is also a shard folder; merge into a folder of its own/,
  },
  {
    name: 'too many arguments',
    args: () => ['spec', 'ex0', 'ex1'],
    noStack: true,
    says: /too many arguments for kgrade spec \(takes 1, got 2\); usage: kgrade spec \[options\] <exercise>/,
  },
];

function roster(): string {
  const file = path.join(work, 'roster.csv');
  fs.writeFileSync(file, `alice,Alice,${REFERENCE}\n`);
  return file;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, KGRADE_BOOTSTRAP_SERVERS: `127.0.0.1:${port}`, NO_COLOR: '1' };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    }),
  );
}

describe('usage errors through the CLI', () => {
  it('each is one line with its fix, exit 2, no trace, no report, no stack', async () => {
    const outcomes = new Map<string, Awaited<ReturnType<typeof run>> & { out: string }>();
    const queue = CASES.map((c, i) => ({ c, i }));
    // Three children at a time: each is a node start-up (seconds on a loaded machine), nothing more.
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const out = path.join(work, `out-${next.i}`);
          if (next.c.outIsFile) fs.writeFileSync(out, 'mine\n');
          const args = next.c.args().map((a) => (a === 'OUT' ? out : a));
          outcomes.set(next.c.name, {
            ...(await run([...args, ...(next.c.noStack ? [] : ['--stack', 'external']), ...(next.c.last ?? [])])),
            out,
          });
        }
      }),
    );
    for (const c of CASES) {
      const o = outcomes.get(c.name)!;
      const why = `${c.name}: exit ${o.code}\nstderr: ${o.stderr}\nstdout: ${o.stdout}`;
      const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
      expect(o.code, why).toBe(2);
      expect(lines, why).toHaveLength(1);
      expect(lines[0], why).toMatch(/^kgrade: /);
      expect(lines[0], why).toMatch(c.says);
      expect(o.stderr, why).not.toMatch(/ {4}at /);
      expect(o.stdout, why).toBe('');
      if (c.outIsFile) expect(fs.readFileSync(o.out, 'utf8'), why).toBe('mine\n');
      else expect(fs.existsSync(o.out), `${why}\n--out was created`).toBe(false);
    }
    expect(connections, 'a command reached the stack before finding the mistake').toEqual([]);
  }, 300_000);
});
