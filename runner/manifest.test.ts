import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SolutionError } from '../core/errors.js';
import { loadManifest } from './manifest.js';

function withManifest(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-manifest-'));
  fs.writeFileSync(path.join(dir, 'kgrade.json'), text);
  return dir;
}

function errorOf(text: string): SolutionError {
  try {
    loadManifest(withManifest(text));
  } catch (e) {
    return e as SolutionError;
  }
  throw new Error('expected an error');
}

describe('loadManifest', () => {
  it('accepts a complete manifest', () => {
    const m = loadManifest(
      withManifest(
        JSON.stringify({
          runner: 'maven',
          jar: 'target/app.jar',
          exercises: { ex1: { topics: { notifications: 'notif' }, endpoints: { sync: 'POST /sync' } } },
        }),
      ),
    );
    expect(m?.runner).toBe('maven');
    expect(m?.exercises?.ex1?.topics?.notifications).toBe('notif');
  });

  it('accepts a solution made of statement files, and refuses a file that is not .sql', () => {
    expect(
      loadManifest(
        withManifest(JSON.stringify({ runner: 'files', exercises: { ex7: { sql: ['ksql/a.sql', 'ksql/b.sql'] } } })),
      )?.exercises?.ex7?.sql,
    ).toEqual(['ksql/a.sql', 'ksql/b.sql']);
    expect(errorOf(JSON.stringify({ runner: 'files', exercises: { ex7: { sql: ['notes.txt'] } } })).message).toMatch(
      /sql/,
    );
  });

  it('is undefined without kgrade.json', () => {
    expect(loadManifest(fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-none-')))).toBeUndefined();
  });

  it('names the key, the bad value, the allowed values and an example', () => {
    const e = errorOf('{"runner": "gradle"}');
    expect(e).toBeInstanceOf(SolutionError);
    expect(e.kind).toBe('manifest');
    expect(e.message).toContain('\'runner\' is "gradle"');
    expect(e.message).toContain('"node", "maven", "command"');
    expect(e.message).toContain('example: "runner": "node"');
  });

  it('rejects unknown keys, including nested ones, with their path', () => {
    const e = errorOf('{"runner": "node", "mian": "x.ts", "exercises": {"ex1": {"topic": {}}}}');
    expect(e.message).toContain("unknown key 'mian'");
    expect(e.message).toContain("unknown key 'exercises.ex1.topic'");
  });

  it('rejects a bad exercise id and a bad endpoint', () => {
    const e = errorOf('{"exercises": {"one": {}, "ex1": {"endpoints": {"sync": "/sync"}}}}');
    expect(e.message).toContain("'exercises.one' is not an exercise id");
    expect(e.message).toContain('\'exercises.ex1.endpoints.sync\' is "/sync"');
    expect(e.message).toContain('example: "endpoints"');
  });

  it('reports broken JSON and a command runner without start', () => {
    expect(errorOf('{"runner": "node",}').message).toMatch(/not valid JSON/);
    expect(errorOf('{"runner": "command"}').message).toContain("needs a 'start' command");
  });
  it('rejects a ready.log that is not a regular expression, for every exercise', () => {
    const e = errorOf('{"runner": "node", "main": "a.ts", "ready": {"log": "Started ("}}');
    expect(e.kind).toBe('manifest');
    expect(e.message).toMatch(/"ready.log" is not a valid regular expression/);
  });
});
