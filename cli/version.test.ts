import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from 'vitest';

test('kgrade --version prints the installed package version, and exits 0', () => {
  const { version } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const out = execFileSync(process.execPath, [new URL('../bin/kgrade.mjs', import.meta.url).pathname, '--version'], {
    encoding: 'utf8',
  });
  expect(out.trim()).toBe(version);
}, 30_000);
