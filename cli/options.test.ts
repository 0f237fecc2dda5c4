import { expect, test } from 'vitest';
import { parseCount } from './options.js';

test('parseCount: whole numbers from its minimum, a bad value names the flag and the fix', () => {
  expect(parseCount('--runs', 1, 'e.g. --runs 5')('3')).toBe(3);
  expect(parseCount('--students', 0, 'e.g. --students 0')('0')).toBe(0);
  expect(() => parseCount('--runs', 1, 'e.g. --runs 5')('0')).toThrow("--runs must be a positive integer, got '0'");
  expect(() => parseCount('--students', 0, 'x')('2.5')).toThrow("--students must be a whole number, got '2.5'");
});
