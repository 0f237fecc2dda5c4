/** Issue 31 item 3: bubblewrap absent (PATH without it), a native stack asked: the CLI stops before any stack, exit 2, with the fix. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../engine/grade-config.js';

/** A PATH holding every tool of this machine but bubblewrap. */
function pathWithoutBwrap(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-nobwrap-'));
  for (const d of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d))
      if (f !== 'bwrap' && !fs.existsSync(path.join(dir, f))) fs.symlinkSync(path.join(d, f), path.join(dir, f));
  }
  return dir;
}

describe.runIf(process.getuid?.() === 0)(
  'no sandbox for the stack asked: stopped before any stack, one line with the fix',
  () => {
    it('cohort --stack native without bwrap exits 2 at once, writing nothing', () => {
      const bin = pathWithoutBwrap();
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-nobwrap-cohort-'));
      const roster = path.join(work, 'roster.csv');
      fs.writeFileSync(
        roster,
        `student_id,display_name,solution\nalice,Alice,${path.join(PACKAGE_ROOT, 'fixtures', 'ex0', 'reference-ts')}\n`,
      );
      const t0 = performance.now();
      const cli = (args: string[]) =>
        spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'kgrade.mjs'), ...args], {
          env: { ...process.env, PATH: bin },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const r = cli(['cohort', roster, '--exercises', 'ex0', '--stack', 'native', '--out', path.join(work, 'out')]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/bwrap not found/);
      expect(r.stderr).toMatch(/kgrade setup sandbox/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
      const g = cli([
        'grade',
        'ex0',
        '--solution',
        path.join(PACKAGE_ROOT, 'fixtures', 'ex0', 'reference-ts'),
        '--stack',
        'native',
        '--sandbox',
        '--out',
        path.join(work, 'grade'),
      ]);
      expect(g.status, g.stderr).toBe(2);
      expect(g.stderr).toMatch(/bwrap not found/);
      expect(g.stdout).not.toMatch(/Isolation|Score/);
      expect(g.stderr).not.toMatch(/starting the Kafka stack/);
      process.stderr.write(
        `no-sandbox refusals (two CLI starts) in ${((performance.now() - t0) / 1000).toFixed(1)} s:\n${r.stderr}${g.stderr}`,
      );
      fs.rmSync(work, { recursive: true, force: true });
      fs.rmSync(bin, { recursive: true, force: true });
    }, 90_000);
  },
);
