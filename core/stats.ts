/** Small statistics for judges: chi-square goodness of fit against a uniform spread. Pure. */

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 coefficients). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) {
    // Series for P(a, x), then Q = 1 - P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** P(X >= statistic) for X ~ chi-square with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}

export interface UniformityTest {
  counts: number[];
  total: number;
  expectedEach: number;
  statistic: number;
  df: number;
  pValue: number;
  significance: number;
  /** True when the counts are compatible with a uniform spread at the significance level. */
  uniform: boolean;
}

/** Pearson's chi-square test of `counts` against equal expected counts. */
export function chiSquareUniform(counts: number[], significance: number): UniformityTest {
  const total = counts.reduce((s, n) => s + n, 0);
  const expectedEach = total / counts.length;
  const statistic = total === 0 ? Infinity : counts.reduce((s, n) => s + (n - expectedEach) ** 2 / expectedEach, 0);
  const df = counts.length - 1;
  const pValue = total === 0 ? 0 : chiSquarePValue(statistic, df);
  return { counts, total, expectedEach, statistic, df, pValue, significance, uniform: pValue >= significance };
}
