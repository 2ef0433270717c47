/**
 * ASGD and SGD simulators for the quadratic loss of Figure 3.1, and the exact recurrence of
 * the ASGD mean.
 *
 * ASGD (Section 2): θ_{k+1} = θ_k − η ∇f_{γ_k}(θ_{k−τ_k}), γ_k uniform over the n components,
 * τ_k i.i.d. geometric, P(τ_k = l) = (1−κ)κ^l (l = 0, 1, …); reads before the start return
 * θ₀ (θ_j := θ₀ for j < 0). SGD is κ = 0 (τ_k = 0). Figure 3.1's loss: f₁ = (θ−1)² − 1,
 * f₂ = (θ+1)² − 1, f = θ², so ∇f_i(θ) = ω₀²θ + b_i with ω₀² = 2, b = (−2, +2).
 *
 * Mean recurrence (exact, since τ_k and γ_k are independent of the past): with m_k = Eθ_k and
 * z_k = Σ_l (1−κ)κ^l m_{k−l} = E θ_{k−τ_k},
 *   m_{k+1} = m_k − a z_k,  z_{k+1} = κ z_k + (1−κ) m_{k+1},  a = ηω₀²  (b̄ = 0),
 * so (m, z) evolves by G = [[1, −a], [1−κ, κ − (1−κ)a]], det G = κ, tr G = 1 + κ − (1−κ)a.
 * Complex roots (tr² < 4κ) decay exactly like κ^{k/2}.
 *
 * Wall-clock model for Remark 3.2: m workers each deliver gradients at unit rate, so ASGD
 * makes m updates per unit time while SGD makes one; the staleness law stays geometric(κ)
 * whatever m (the paper's assumption; in a real system τ would grow with m).
 */
import { Rational, q } from '../symbolic/rational.ts';

/** Uniforms in (0, 1) and standard normals; numeric/rng.ts PhiloxRng fits. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
  /** Optional bulk form of `uniform()`: the next `count` values into `out` from `offset` (the same numbers). */
  uniforms?(out: Float64Array, offset: number, count: number): void;
}

/** Options of `simulateAsgd`. */
export interface AsgdOptions {
  /** Learning rate η > 0. */
  eta: number;
  /** Staleness rate κ ∈ [0, 1) (0 gives SGD). */
  kappa: number;
  /** Number of updates. */
  steps: number;
  /** Independent runs. @defaultValue 1000 */
  runs?: number;
  /** θ₀. @defaultValue 1 */
  theta0?: number;
  /** ω₀² of ∇f_i = ω₀²θ + b_i. @defaultValue 2 */
  omega0Sq?: number;
  /** Offsets b_i of the components (uniformly chosen). @defaultValue [-2, 2] */
  offsets?: readonly number[];
  /** Groups for jackknife error bars (runs are dealt round-robin). @defaultValue 20 */
  groups?: number;
  /** Histogram bins 0…bins−1 of the drawn staleness (the last bin counts τ ≥ bins−1). @defaultValue 0 */
  stalenessBins?: number;
  /** The generator (consumed in a fixed order: step-major, run-minor). */
  rng: RandomSource;
}

/** Per-step statistics of a batch of runs (index k = 0 … steps). */
export interface PathStats {
  steps: number;
  runs: number;
  /** Sample mean of θ_k. */
  mean: Float64Array;
  /** Sample mean of θ_k² (the loss f = θ² of Figure 3.1). */
  meanSq: Float64Array;
  /** Standard error of the mean of θ_k. */
  stderr: Float64Array;
  /** Per group: sum of θ_k over the group's runs, and the group sizes. */
  groupSums: Float64Array[];
  groupSizes: number[];
  /** Staleness histogram (empty unless requested); reads clamped to θ₀ are counted too. */
  staleness: number[];
  /** How many reads hit the history cap (should be 0). */
  clamped: number;
}

/** Drop-in statistics of the per-step sums. */
function finish(steps: number, runs: number, sum: Float64Array, sumSq: Float64Array, groupSums: Float64Array[], groupSizes: number[], staleness: number[], clamped: number): PathStats {
  const mean = new Float64Array(steps + 1);
  const meanSq = new Float64Array(steps + 1);
  const stderr = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    mean[k] = sum[k] / runs;
    meanSq[k] = sumSq[k] / runs;
    const v = Math.max(0, (sumSq[k] - runs * mean[k] ** 2) / Math.max(1, runs - 1));
    stderr[k] = Math.sqrt(v / runs);
  }
  return { steps, runs, mean, meanSq, stderr, groupSums, groupSizes, staleness, clamped };
}

/**
 * Simulate ASGD (κ > 0) or SGD (κ = 0) over many runs, vectorised over a Float64Array of runs.
 * Memory: a ring buffer of the last H iterates per run, H = min(steps+1, ⌈ln 10⁻¹⁶/ln κ⌉).
 * @example simulateAsgd({ eta: 0.01, kappa: 0.98, steps: 1000, rng }).mean // E θ_k estimates
 */
export function simulateAsgd(options: AsgdOptions): PathStats {
  const { eta, kappa, steps, runs = 1000, theta0 = 1, omega0Sq = 2, offsets = [-2, 2], groups = 20, stalenessBins = 0, rng } = options;
  if (!(eta > 0)) throw new RangeError(`simulateAsgd: eta must be > 0, got ${eta}`);
  if (!(kappa >= 0 && kappa < 1)) throw new RangeError(`simulateAsgd: kappa must be in [0, 1), got ${kappa}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`simulateAsgd: steps must be a positive integer, got ${steps}`);
  if (!Number.isInteger(runs) || runs < 2) throw new RangeError(`simulateAsgd: runs must be an integer ≥ 2, got ${runs}`);
  if (offsets.length < 1) throw new RangeError(`simulateAsgd: offsets must be non-empty, got ${offsets.length}`);
  const G = Math.min(groups, runs);
  const H = kappa === 0 ? 1 : Math.min(steps + 1, Math.ceil(Math.log(1e-16) / Math.log(kappa)));
  const hist = new Float64Array(H * runs); // hist[(k mod H)·runs + r] = θ_k of run r
  const logK = kappa > 0 ? Math.log(kappa) : 0;
  const nOff = offsets.length;
  const sum = new Float64Array(steps + 1);
  const sumSq = new Float64Array(steps + 1);
  const groupSums = Array.from({ length: G }, () => new Float64Array(steps + 1));
  const groupSizes = Array.from({ length: G }, (_, g) => Math.floor(runs / G) + (g < runs % G ? 1 : 0));
  const staleness = new Array<number>(stalenessBins).fill(0);
  let clamped = 0;
  for (let r = 0; r < runs; r++) hist[r] = theta0;
  sum[0] = runs * theta0;
  sumSq[0] = runs * theta0 * theta0;
  for (let g = 0; g < G; g++) groupSums[g][0] = groupSizes[g] * theta0;
  // A step's uniforms at once, in the order the runs draw them (τ then the offset, per run).
  const perRun = (kappa > 0 ? 1 : 0) + (nOff > 1 ? 1 : 0);
  const u = new Float64Array(perRun * runs);
  for (let k = 0; k < steps; k++) {
    const cur = (k % H) * runs;
    const nxt = ((k + 1) % H) * runs;
    let s = 0, s2 = 0;
    const gs = groupSums;
    if (rng.uniforms) rng.uniforms(u, 0, u.length);
    else for (let i = 0; i < u.length; i++) u[i] = rng.uniform();
    let next = 0;
    const kH = k % H;
    let g = 0;
    for (let r = 0; r < runs; r++) {
      let tau = 0;
      if (kappa > 0) {
        tau = Math.floor(Math.log(u[next++]) / logK);
        if (stalenessBins > 0) staleness[Math.min(tau, stalenessBins - 1)]++;
      }
      let read: number;
      if (tau > k) read = theta0;
      else if (tau >= H) { clamped++; read = hist[((k - H + 1) % H) * runs + r]; }
      else {
        // (k − τ) mod H with 0 ≤ τ < H
        const j = kH >= tau ? kH - tau : kH - tau + H;
        read = hist[j * runs + r];
      }
      const b = offsets[nOff === 1 ? 0 : Math.min(nOff - 1, Math.floor(u[next++] * nOff))];
      const th = hist[cur + r] - eta * (omega0Sq * read + b);
      hist[nxt + r] = th;
      s += th;
      s2 += th * th;
      gs[g][k + 1] += th;
      if (++g === G) g = 0;
    }
    sum[k + 1] = s;
    sumSq[k + 1] = s2;
  }
  return finish(steps, runs, sum, sumSq, groupSums, groupSizes, staleness, clamped);
}

/** The mean recurrence matrix G of the header, exactly. */
export function meanRecurrenceMatrix(eta: Rational, kappa: Rational, omega0Sq: Rational): Rational[][] {
  const a = eta.mul(omega0Sq);
  const one = Rational.ONE;
  return [
    [one, a.neg()],
    [one.sub(kappa), kappa.sub(one.sub(kappa).mul(a))],
  ];
}

/** Exact facts on the mean recurrence: trace, det, discriminant tr² − 4 det, regime. */
export interface MeanRecurrenceFacts {
  trace: Rational;
  det: Rational;
  discriminant: Rational;
  /** complex roots: |z| = √det exactly; real: distinct or double roots. */
  complex: boolean;
  /** −ln max|z| as a float (display). */
  ratePerStep: number;
}

export function meanRecurrenceFacts(eta: Rational, kappa: Rational, omega0Sq: Rational): MeanRecurrenceFacts {
  const Gm = meanRecurrenceMatrix(eta, kappa, omega0Sq);
  const trace = Gm[0][0].add(Gm[1][1]);
  const det = Gm[0][0].mul(Gm[1][1]).sub(Gm[0][1].mul(Gm[1][0]));
  const discriminant = trace.mul(trace).sub(q(4).mul(det));
  const complex = discriminant.sign() < 0;
  const tr = trace.toNumber();
  const ratePerStep = complex ? -0.5 * Math.log(det.toNumber()) : -Math.log(Math.max(Math.abs((tr + Math.sqrt(Math.max(0, discriminant.toNumber()))) / 2), Math.abs((tr - Math.sqrt(Math.max(0, discriminant.toNumber()))) / 2)));
  return { trace, det, discriminant, complex, ratePerStep };
}

/** E θ_k for k = 0 … steps from the exact recurrence (evaluated in floats, for plots). */
export function meanTrajectory(eta: number, kappa: number, omega0Sq: number, steps: number, theta0 = 1): Float64Array {
  const out = new Float64Array(steps + 1);
  let m = theta0;
  let z = theta0;
  out[0] = m;
  const a = eta * omega0Sq;
  for (let k = 0; k < steps; k++) {
    m = m - a * z;
    z = kappa * z + (1 - kappa) * m;
    out[k + 1] = m;
  }
  return out;
}

/**
 * The learning-rate threshold of the discrete mean recurrence: complex roots iff
 * ηω₀² > (1 − √κ)/(1 + √κ) (solving tr G = 2√κ). Float (√κ is irrational in general).
 */
export function discreteThreshold(kappa: number, omega0Sq: number): number {
  const s = Math.sqrt(kappa);
  return (1 - s) / (1 + s) / omega0Sq;
}
