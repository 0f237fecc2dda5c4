import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { materializeFixture } from './fixture-materialize.js';
import { PACKAGE_ROOT } from '../engine/grade-config.js';

describe('materializeFixture', () => {
  let dir: string;
  let savedCache: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-materialize-'));
    savedCache = process.env.KGRADE_CACHE;
    process.env.KGRADE_CACHE = path.join(dir, 'cache');
    fs.mkdirSync(path.join(dir, 'ex1', 'base', 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ex1', 'base', 'src', 'main.ts'), 'export const acks = -1;\n');
    fs.mkdirSync(path.join(dir, 'ex1', 'mutant'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'ex1', 'mutant', 'mutant.patch'),
      [
        '--- a/src/main.ts',
        '+++ b/src/main.ts',
        '@@ -1 +1 @@',
        '-export const acks = -1;',
        '+export const acks = 1;',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    if (savedCache === undefined) delete process.env.KGRADE_CACHE;
    else process.env.KGRADE_CACHE = savedCache;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies the patch to a copy that resolves imports from this checkout', async () => {
    const out = await materializeFixture(path.join(dir, 'ex1', 'mutant'), { base: '../base' });
    expect(fs.readFileSync(path.join(out, 'src', 'main.ts'), 'utf8')).toBe('export const acks = 1;\n');
    expect(fs.realpathSync(path.join(out, 'node_modules'))).toBe(
      fs.realpathSync(path.join(PACKAGE_ROOT, 'node_modules')),
    );
  });

  it('rebuilds a copy whose node_modules link points nowhere (made by a checkout since removed)', async () => {
    const out = await materializeFixture(path.join(dir, 'ex1', 'mutant'), { base: '../base' });
    fs.rmSync(path.join(out, 'node_modules'));
    fs.symlinkSync(path.join(dir, 'gone', 'node_modules'), path.join(out, 'node_modules'), 'dir');
    const again = await materializeFixture(path.join(dir, 'ex1', 'mutant'), { base: '../base' });
    expect(again).toBe(out);
    expect(fs.existsSync(path.join(again, 'node_modules', 'kafkajs'))).toBe(true);
  });
});
