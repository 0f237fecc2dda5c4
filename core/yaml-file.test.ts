import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlFile } from './yaml-file.js';

describe('readYamlFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-yaml-'));

  it('parses a file', () => {
    fs.writeFileSync(path.join(dir, 'ok.yaml'), 'name: x\nsteps: []\n');
    expect(readYamlFile(path.join(dir, 'ok.yaml'), 'fault schedule', 'fix')).toEqual({ name: 'x', steps: [] });
  });

  it('says a file is missing, with the fix given', () => {
    const file = path.join(dir, 'none.yaml');
    expect(() => readYamlFile(file, 'fault schedule', 'pass a YAML file')).toThrow(
      expect.objectContaining({
        code: 'BAD_USAGE',
        message: `fault schedule ${file} not found`,
        hint: 'pass a YAML file',
      }),
    );
  });

  it('says a file is not YAML, with its first line of error', () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'description: a: b\n');
    expect(() => readYamlFile(file, 'workload', 'x')).toThrow(
      expect.objectContaining({
        code: 'BAD_USAGE',
        message: expect.stringMatching(/^workload .*bad\.yaml is not YAML: \S/),
      }),
    );
  });
});
