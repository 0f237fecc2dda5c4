import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareUniform, lnGamma } from './stats.js';

describe('chi-square', () => {
  it('lnGamma matches factorials', () => {
    expect(Math.exp(lnGamma(5))).toBeCloseTo(24, 8);
    expect(Math.exp(lnGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 10);
  });
  it('p-values match the classic table', () => {
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(9.488, 4)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(13.277, 4)).toBeCloseTo(0.01, 3);
    expect(chiSquarePValue(18.467, 4)).toBeCloseTo(0.001, 4);
    expect(chiSquarePValue(33.38, 4)).toBeCloseTo(1e-6, 7);
  });
  it('accepts a fair spread and rejects lopsided ones', () => {
    expect(chiSquareUniform([60, 55, 65, 58, 62], 1e-6).uniform).toBe(true);
    expect(chiSquareUniform([300, 0, 0, 0, 0], 1e-6).uniform).toBe(false);
    expect(chiSquareUniform([150, 150, 0, 0, 0], 1e-6).uniform).toBe(false);
    expect(chiSquareUniform([0, 0, 0, 0, 0], 1e-6).uniform).toBe(false);
  });
});
