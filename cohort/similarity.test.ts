import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { fingerprintDir, jaccard, normalizeTokens, shingles, similarPairs } from './similarity.js';

const A = `// producer
const producer = kafka.producer();
await producer.send({ topic: 'orders', messages: [{ key: 'k', value: 'v' + i }] });
for (let i = 0; i < 10; i++) { total += i * 2; }`;
// Same code: renamed identifiers, other literals, other comments and layout.
const A_RENAMED = `/* my version */ const p = k.producer();
await p.send({topic:"x",messages:[{key:"z",value:"w"+j}]}); // send
for (let j = 0; j < 99; j++) {   sum += j * 7; }`;
const B = `class Consumer { void run() { while (true) { poll(); if (done) break; } } }`;

describe('similarity', () => {
  test('normalisation drops comments and whitespace, replaces identifiers and literals', () => {
    expect(normalizeTokens(`const x = "a" + 12; // c`)).toEqual(['const', 'I', '=', 'S', '+', 'N', ';']);
    expect(normalizeTokens(A)).toEqual(normalizeTokens(A_RENAMED));
  });
  test('renamed copy is 1.0, unrelated code is low', () => {
    const a = shingles(normalizeTokens(A));
    expect(jaccard(a, shingles(normalizeTokens(A_RENAMED)))).toBe(1);
    expect(jaccard(a, shingles(normalizeTokens(B)))).toBeLessThan(0.1);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
  test('pairs above the threshold, most similar first, empty solutions left out', () => {
    const fp = new Map([
      ['a', shingles(normalizeTokens(A))],
      ['b', shingles(normalizeTokens(A_RENAMED))],
      ['c', shingles(normalizeTokens(B))],
      ['d', new Set<string>()],
    ]);
    expect(similarPairs(fp, 0.8)).toEqual([{ a: 'a', b: 'b', similarity: 1 }]);
    expect(similarPairs(fp, 0)).toHaveLength(3);
  });
  test('fixtures: a one-line edit stays close to its reference, the Java one does not', () => {
    const fx = (n: string) => fingerprintDir(path.resolve(import.meta.dirname, '../fixtures/ex0', n));
    const ref = fx('reference-ts');
    expect(ref.size).toBeGreaterThan(50);
    // A student's copy with one change (as a mutant fixture is): the reference with 3 partitions.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kgrade-similar-'));
    fs.cpSync(path.resolve(import.meta.dirname, '../fixtures/ex0/reference-ts'), copy, { recursive: true });
    const main = path.join(copy, 'src', 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('const PARTITIONS = 5;', 'const PARTITIONS = 3;'));
    expect(jaccard(ref, fingerprintDir(copy))).toBeGreaterThan(0.8);
    expect(jaccard(ref, fx('reference-java'))).toBeLessThan(0.5);
    fs.rmSync(copy, { recursive: true, force: true });
  });
});
