import { describe, it, expect } from 'vitest';
import { compilerErrors, locationOf } from './compiler-errors.js';
import { MAVEN_COMPILE_FAILURE } from './sample-result.js';

describe('compilerErrors', () => {
  it('reads javac errors through Maven once each, with their symbol and location lines', () => {
    const errors = compilerErrors(MAVEN_COMPILE_FAILURE);
    expect(errors.map(locationOf)).toEqual([
      'src/main/java/fr/course/Main.java:64:34',
      'src/main/java/fr/course/Main.java:80:9',
    ]);
    expect(errors[0]!.message).toBe('cannot find symbol');
    expect(errors[0]!.detail).toEqual([
      'symbol: method sendMessage(java.lang.String)',
      'location: class fr.course.Main',
    ]);
  });

  it('reads plain javac, tsc (both styles) and esbuild/tsx errors', () => {
    const out = [
      'Main.java:12: error: ; expected',
      "src/main.ts(3,5): error TS2304: Cannot find name 'producer'.",
      "src/app.ts:7:1 - error TS1005: '}' expected.",
      'Error [TransformError]: Transform failed with 1 error:',
      '/home/s/ex3/src/main.ts:9:14: ERROR: Expected ";" but found "x"',
      '✘ [ERROR] Could not resolve "kafkajs"',
      '',
      '    src/client.ts:1:22:',
    ].join('\n');
    expect(compilerErrors(out).map((e) => `${locationOf(e)} ${e.message}`)).toEqual([
      'Main.java:12 ; expected',
      "src/main.ts:3:5 TS2304: Cannot find name 'producer'.",
      "src/app.ts:7:1 TS1005: '}' expected.",
      'src/main.ts:9:14 Expected ";" but found "x"',
      'src/client.ts:1:22 Could not resolve "kafkajs"',
    ]);
  });

  it('finds nothing in an output without compiler errors', () => {
    expect(
      compilerErrors('[ERROR] Failed to execute goal x: Could not resolve dependencies\n[ERROR] -> [Help 1]'),
    ).toEqual([]);
    expect(compilerErrors('')).toEqual([]);
  });
});
