/**
 * Issue 17's containment test: the adversarial fixtures (fixtures/ex0/adversarial-*) graded in one sandboxed cohort
 * beside two honest solutions. Each attack must have run (its marker is in its output), been contained (none of its
 * successes is in any output; the files, processes and listener it aimed at are untouched) and ended as its
 * expect.json says; the honest results must be exactly those of the same students graded alone (same seeds, same
 * verdicts), and the earlier run's results store byte for byte the same.
 * Never unsandboxed: the cohort is asked for the sandbox and every record must say it had one.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diagnosisMismatch, expectedStatus, loadExpectation } from '../selftest/fixture-expectations.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';
import { exerciseById } from '../graders/registry.js';
import { sharedStack, testProvider } from '../stack/shared-stack.js';
import { runCohort, type CohortRunResult } from './run-cohort.js';
import { readEvents, readRecord, type CohortRecord } from './store.js';

const ex0 = exerciseById('ex0');
const EX0 = path.join(PACKAGE_ROOT, 'fixtures', 'ex0');
const HONEST = ['reference-ts', 'mutant-three-partitions'];
const ADVERSARIAL = fs.readdirSync(EX0).filter((n) => n.startsWith('adversarial-'));
const SEED = 1717;
/** A line an attack prints only when it got what it tried (a read, a write, a connection, a kill). */
const BREACH = /kgrade-attack: (READ|LISTED|WROTE|FORGED|CONNECTED|killed|pkill[^\n]*some process was killed)/;
/** What proves a solution ran no more than its own processes: command lines of what it starts. */
const LEFTOVERS = /kgrade-adversarial-daemon|kgrade_bomb/;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-containment-'));
const cohort = (roster: string[], out: string): Promise<CohortRunResult> => {
  const file = path.join(work, `${path.basename(out)}.csv`);
  fs.writeFileSync(
    file,
    ['student_id,display_name,solution', ...roster.map((n) => `${n},${n},${path.join(EX0, n)}`)].join('\n'),
  );
  return runCohort({
    rosterPath: file,
    exerciseIds: ['ex0'],
    outDir: out,
    parallel: 1,
    seed: SEED,
    lang: 'en',
    sandbox: true,
    provider: testProvider(),
    acquireStack: (needs) => sharedStack(needs),
  });
};
const logsOf = (r: CohortRecord) =>
  r.result.logs.map((l) => `${l.stdout}\n${l.stderr}`).join('\n') +
  r.result.verdicts.map((v) => v.evidence.summary.en).join('\n');
const treeHash = (dir: string): Record<string, string> =>
  Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .map((f) => [
        f,
        crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
const commandLines = (): string[] =>
  fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    });

let alone: CohortRunResult;
let mixed: CohortRunResult;
let victim: ReturnType<typeof spawn>;
let listener: net.Server;
const received: string[] = [];
let decoy: string;
let decoyHash: Record<string, string>;
let aloneHash: Record<string, string>;

beforeAll(async () => {
  alone = await cohort(HONEST, path.join(work, 'alone'));
  aloneHash = treeHash(alone.outDir);
  // What the attacks aim at, outside every allowed endpoint and folder: a process, a listener, a grade's reports.
  victim = spawn('sleep', ['600'], { stdio: 'ignore' });
  listener = net.createServer((s) => s.on('data', (d) => received.push(String(d))).on('error', () => undefined));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  decoy = path.join(work, 'kgrade-out');
  fs.mkdirSync(decoy);
  fs.copyFileSync(
    path.join(EX0, 'adversarial-forged-result', 'kgrade-out', 'kgrade-ex0.json'),
    path.join(decoy, 'kgrade-ex0.json'),
  );
  decoyHash = treeHash(decoy);
  // The attacks first, the honest students after them: they are graded on what the attacks left.
  const t0 = performance.now();
  mixed = await cohort([...ADVERSARIAL, ...HONEST], path.join(work, 'mixed'));
  for (const id of [...ADVERSARIAL, ...HONEST])
    process.stderr.write(
      `containment: ${id} graded in ${((readRecord(mixed.outDir, id, 'ex0')?.result.durationMs ?? 0) / 1000).toFixed(1)} s\n`,
    );
  process.stderr.write(
    `containment: ${ADVERSARIAL.length} adversarial + ${HONEST.length} honest fixtures in ${((performance.now() - t0) / 1000).toFixed(1)} s (alone: ${(alone.wallMs / 1000).toFixed(1)} s)\n`,
  );
}, 15 * 60_000);

afterAll(async () => {
  victim?.kill('SIGKILL');
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('adversarial fixtures in a sandboxed cohort', () => {
  test('every student was graded sandboxed, by the trainer', () => {
    for (const id of [...ADVERSARIAL, ...HONEST]) {
      const r = readRecord(mixed.outDir, id, 'ex0')!;
      expect(r, id).toBeDefined();
      expect(r.result.isolation?.kind, id).toBe(testProvider() === 'docker' ? 'container' : 'bubblewrap');
      expect(r.result.provenance, id).toBe('trainer');
      // 'error' when every check errored on the solution's own problem (a build that fails, a program killed by a limit)
      expect(r.result.outcome, `${id}: ${r.result.problems.map((p) => p.message).join('; ')}`).not.toBe('not-gradable');
    }
  });

  test.each(ADVERSARIAL)('%s: attacked, was contained, and ended as its expect.json says', (id) => {
    const r = readRecord(mixed.outDir, id, 'ex0')!;
    const out = logsOf(r);
    const ran =
      id === 'adversarial-maven-plugin'
        ? /maven-plugin (starting|done)|exec returned: 3/
        : new RegExp(`kgrade-attack: ${id.replace('adversarial-', '')} starting`);
    expect(out, `${id} never attacked`).toMatch(ran);
    expect(out, `${id} was refused: it saw the grader's cache`).not.toMatch(/REFUSED/);
    expect(out.match(BREACH)?.[0], id).toBeUndefined();
    const e = loadExpectation(path.join(EX0, id));
    for (const v of r.result.verdicts) {
      expect(v.status, `${id} / ${v.id}: ${v.evidence.summary.en}`).toBe(expectedStatus(e, v.id));
      expect(diagnosisMismatch(e, v.id, v.evidence.summary.en), `${id} / ${v.id}`).toBeUndefined();
    }
  });

  test('the honest results are exactly those graded alone: same seeds, same verdicts', () => {
    for (const id of HONEST) {
      const a = readRecord(alone.outDir, id, 'ex0')!.result;
      const m = readRecord(mixed.outDir, id, 'ex0')!.result;
      expect(m.seed, id).toBe(a.seed);
      expect(
        m.verdicts.map((v) => [v.id, v.status, v.score]),
        id,
      ).toEqual(a.verdicts.map((v) => [v.id, v.status, v.score]));
      const e = loadExpectation(path.join(EX0, id));
      expect(Object.fromEntries(m.verdicts.map((v) => [v.id, v.status])), id).toEqual(
        Object.fromEntries(ex0.checks.map((c) => [c.id, expectedStatus(e, c.id)])),
      );
    }
  });

  test('nothing outside the runs was touched: stores, reports, processes, listeners', () => {
    expect(treeHash(alone.outDir)).toEqual(aloneHash);
    expect(treeHash(decoy)).toEqual(decoyHash);
    expect(fs.readdirSync(work, { recursive: true }).filter((f) => String(f).includes('kgrade-attack-forged'))).toEqual(
      [],
    );
    for (const e of readEvents(mixed.outDir)) expect(typeof e.event).toBe('string');
    expect(received).toEqual([]);
    expect(victim.exitCode).toBeNull();
    expect(victim.signalCode).toBeNull();
    expect(commandLines().filter((c) => LEFTOVERS.test(c))).toEqual([]);
  });

  test("a forged result in a student's folder is not the trainer's copy", () => {
    const r = readRecord(mixed.outDir, 'adversarial-forged-result', 'ex0')!;
    expect(r.result.score).toBe(0);
    expect(mixed.model.students.find((s) => s.id === 'adversarial-forged-result')).toMatchObject({ pct: 0 });
  });
});
