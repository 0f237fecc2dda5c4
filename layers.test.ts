import fs from 'node:fs';
import { createRequire } from 'node:module';
import { cruise, type ICruiseOptions } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('./.dependency-cruiser.cjs') as {
  forbidden: NonNullable<ICruiseOptions['ruleSet']>['forbidden'];
  options: ICruiseOptions;
};
const SOURCES = [
  'cli',
  'bench',
  'cohort',
  'graders',
  'kit',
  'selftest',
  'engine',
  'runner',
  'loadgen',
  'stack',
  'reports',
  'core',
  'model',
];

describe('layers', () => {
  it('every import points down (.dependency-cruiser.cjs), with no cycles and no exceptions', async () => {
    const existing = SOURCES.filter((d) => fs.existsSync(d));
    const result = await cruise(existing, {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      outputType: 'err',
    });
    const output = typeof result.output === 'string' ? result.output : JSON.stringify(result.output);
    expect(result.exitCode, output).toBe(0);
  }, 60_000);
});
