/**
 * Fits of exponential decay rates with error bars, for the simulations of Section 3
 * (Figure 3.1, Remarks 3.1–3.2) and the evolved fluctuation ‖h(t)‖²_*.
 *
 * - `pronyRate`: least squares fit of the two-term recurrence m_{k+2} = c₁m_{k+1} + c₀m_k
 *   (exact for the mean of ASGD on a quadratic, see numeric/asgd.ts), rate = −ln max|root|;
 *   works through oscillation (complex roots) and in the overdamped regime alike.
 * - `logLinearRate`: ordinary least squares of ln y on t.
 * - `jackknife`: delete-one-group standard errors.
 * Pure; tolerances and windows are arguments.
 */

/** A rate estimate with a standard error and a 95 % interval. */
export interface RateEstimate {
  rate: number;
  se: number;
  ci95: [number, number];
}

/** Roots of z² − c₁z − c₀ and the largest modulus. */
function recurrenceRoots(c1: number, c0: number): { maxAbs: number; complex: boolean } {
  const disc = c1 * c1 + 4 * c0;
  if (disc < 0) return { maxAbs: Math.sqrt(-c0), complex: true };
  const s = Math.sqrt(disc);
  return { maxAbs: Math.max(Math.abs((c1 + s) / 2), Math.abs((c1 - s) / 2)), complex: false };
}

/**
 * Per-step decay rate of a sequence obeying (approximately) a two-term linear recurrence,
 * fitted on [start, end) with lag L: m_{k+2L} = c₁m_{k+L} + c₀m_k, whose roots are z^L for
 * the roots z of the one-step recurrence; rate = −ln max|z^L| / L. A lag of about a quarter
 * of the window keeps the two regressors far from collinear, which matters when the roots
 * are close to 1 (slow decay, slow rotation) and the sequence is a noisy Monte Carlo mean.
 * @defaultValue lag ⌊(end − start)/4⌋ (at least 1)
 * @example pronyRate(Float64Array.from({length: 50}, (_, k) => 0.9 ** k), 0, 50).rate // ≈ 0.10536
 */
export function pronyRate(seq: ArrayLike<number>, start: number, end: number, lag?: number): { rate: number; c1: number; c0: number; complex: boolean; lag: number } {
  if (!(end - start >= 4)) throw new RangeError(`pronyRate: window must hold at least 4 points, got [${start}, ${end})`);
  if (start < 0 || end > seq.length) throw new RangeError(`pronyRate: window [${start}, ${end}) outside 0…${seq.length}`);
  const L = lag ?? Math.max(1, Math.floor((end - start) / 4));
  if (!(Number.isInteger(L) && L >= 1 && start + 2 * L + 2 <= end)) throw new RangeError(`pronyRate: lag must be an integer in [1, (end−start−2)/2], got ${L}`);
  let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
  for (let k = start; k + 2 * L < end; k++) {
    const x1 = seq[k + L], x0 = seq[k], y = seq[k + 2 * L];
    a11 += x1 * x1; a12 += x1 * x0; a22 += x0 * x0; b1 += x1 * y; b2 += x0 * y;
  }
  const det = a11 * a22 - a12 * a12;
  const c1 = (b1 * a22 - b2 * a12) / det;
  const c0 = (a11 * b2 - a12 * b1) / det;
  const { maxAbs, complex } = recurrenceRoots(c1, c0);
  return { rate: -Math.log(maxAbs) / L, c1, c0, complex, lag: L };
}

/**
 * Per-step decay rate of a sequence with one dominant root (m_k ≈ A z^k, e.g. the SGD mean):
 * least squares of m_{k+L} = c·m_k on [start, end), rate = −ln|c|/L.
 * @defaultValue lag ⌊(end − start)/2⌋
 */
export function geometricRate(seq: ArrayLike<number>, start: number, end: number, lag?: number): { rate: number; lag: number } {
  if (!(end - start >= 3)) throw new RangeError(`geometricRate: window must hold at least 3 points, got [${start}, ${end})`);
  const L = lag ?? Math.max(1, Math.floor((end - start) / 2));
  let sxx = 0, sxy = 0;
  for (let k = start; k + L < end; k++) { sxx += seq[k] * seq[k]; sxy += seq[k] * seq[k + L]; }
  return { rate: -Math.log(Math.abs(sxy / sxx)) / L, lag: L };
}

/** OLS of ln y on t over the points with y > 0: y ≈ A e^{−rate·t}; se from the residuals. */
export function logLinearRate(t: ArrayLike<number>, y: ArrayLike<number>): RateEstimate {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < t.length; k++) if (y[k] > 0 && Number.isFinite(y[k])) { xs.push(t[k]); ys.push(Math.log(y[k])); }
  const n = xs.length;
  if (n < 3) throw new RangeError(`logLinearRate: need at least 3 positive points, got ${n}`);
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, x) => s + x, 0) / n;
  let sxx = 0, sxy = 0;
  for (let k = 0; k < n; k++) { sxx += (xs[k] - mx) ** 2; sxy += (xs[k] - mx) * (ys[k] - my); }
  const slope = sxy / sxx;
  let rss = 0;
  for (let k = 0; k < n; k++) rss += (ys[k] - my - slope * (xs[k] - mx)) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  return { rate: -slope, se, ci95: [-slope - 1.96 * se, -slope + 1.96 * se] };
}

/**
 * Delete-one-group jackknife: `full` is the estimate on all data, `leaveOut[g]` the estimate
 * without group g. se² = (G−1)/G Σ(θ₋g − θ̄)². The interval uses 1.96·se.
 */
export function jackknife(full: number, leaveOut: readonly number[]): RateEstimate {
  const G = leaveOut.length;
  if (G < 2) throw new RangeError(`jackknife: need at least 2 groups, got ${G}`);
  const mean = leaveOut.reduce((s, x) => s + x, 0) / G;
  const se = Math.sqrt(((G - 1) / G) * leaveOut.reduce((s, x) => s + (x - mean) ** 2, 0));
  return { rate: full, se, ci95: [full - 1.96 * se, full + 1.96 * se] };
}

/**
 * The fitting window of a Monte Carlo mean: from `start` to the last index where the
 * running envelope max_{j ≥ k}|m_j| still exceeds `snr` standard errors of the mean.
 */
export function signalWindow(mean: ArrayLike<number>, stderr: ArrayLike<number>, start: number, snr: number): number {
  let env = 0;
  let end = start;
  for (let k = mean.length - 1; k >= start; k--) {
    env = Math.max(env, Math.abs(mean[k]));
    if (env > snr * stderr[k]) { end = k + 1; break; }
  }
  return end;
}

/** Pearson's χ² statistic Σ (O − E)²/E. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  if (observed.length !== expected.length) throw new RangeError(`chiSquare: lengths differ, ${observed.length} vs ${expected.length}`);
  return observed.reduce((s, o, k) => s + (o - expected[k]) ** 2 / expected[k], 0);
}

/** Upper quantile of χ²_df by Wilson–Hilferty (z = 3.09 for 0.001). */
export function chiSquareQuantile(df: number, z: number): number {
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
