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
import { PhiloxRng } from './rng.ts';
import { runTasksSync, workerCount } from './parallel.ts';

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
  const model: AsgdModel = { eta, kappa, steps, runs, theta0, omega0Sq, offsets: [...offsets], stalenessBins };
  const G = Math.min(groups, runs);
  const sum = new Float64Array(steps + 1);
  const sumSq = new Float64Array(steps + 1);
  // byStep[k·G + g]: Σθ_k over group g's runs (run i is in group i mod G)
  const byStep = new Float64Array((steps + 1) * G);
  const groupSizes = Array.from({ length: G }, (_, g) => Math.floor(runs / G) + (g < runs % G ? 1 : 0));
  sum[0] = runs * theta0;
  sumSq[0] = runs * theta0 * theta0;
  for (let g = 0; g < G; g++) byStep[g] = groupSizes[g] * theta0;
  const two = new Float64Array(2);
  const groupSums = () => Array.from({ length: G }, (_, g) => Float64Array.from({ length: steps + 1 }, (_, k) => byStep[k * G + g]));
  const perRun = uniformsPerRun(model);
  const philox = rng instanceof PhiloxRng ? rng : undefined;
  const state = philox?.state();
  const chunks = state && runs * steps >= 1 << 18 && runs * steps <= 1 << 24 ? Math.min(Math.floor(runs / 64), 2 * (1 + workerCount(runs))) : 1;
  if (philox && state && chunks > 1) {
    // Runs are independent: ranges of runs on worker threads, each drawing its uniforms at their
    // places in the step-major stream (counter-based), then summed here in run order.
    const bounds = Array.from({ length: chunks + 1 }, (_, c) => Math.round((c * runs) / chunks));
    const tasks = Array.from({ length: chunks }, (_, c): AsgdRunsTask => ({ model, seed: state.seed, stream: state.stream, position: state.position, r0: bounds[c], r1: bounds[c + 1] }));
    const parts = runTasksSync('asgdRuns', tasks, { inThread: simulateAsgdRuns });
    for (let k = 1; k <= steps; k++) {
      // Sums over runs in run order (the same additions whichever thread computed θ).
      two[0] = two[1] = 0;
      for (let c = 0, g = 0; c < chunks; c++) {
        const w = bounds[c + 1] - bounds[c];
        g = addRuns(parts[c].theta, (k - 1) * w, k * w, two, byStep, k * G, g, G);
      }
      sum[k] = two[0];
      sumSq[k] = two[1];
    }
    philox.at(state.position + steps * runs * perRun);
    const staleness = new Array<number>(stalenessBins).fill(0);
    for (const part of parts) part.staleness.forEach((n, i) => (staleness[i] += n));
    return finish(steps, runs, sum, sumSq, groupSums(), groupSizes, staleness, parts.reduce((t, p) => t + p.clamped, 0));
  }
  const u = new Float64Array(perRun * runs);
  const { staleness, clamped } = advanceRuns(model, 0, runs, () => {
    if (rng.uniforms) rng.uniforms(u, 0, u.length);
    else for (let i = 0; i < u.length; i++) u[i] = rng.uniform();
    return u;
  }, (k, row) => {
    two[0] = two[1] = 0;
    addRuns(row, 0, runs, two, byStep, k * G, 0, G);
    sum[k] = two[0];
    sumSq[k] = two[1];
  });
  return finish(steps, runs, sum, sumSq, groupSums(), groupSizes, staleness, clamped);
}

/**
 * Adds θ of row[from … end) (the next runs in run order, the first in group g) to the step's
 * [Σθ, Σθ²] in `two` and to the group sums byStep[at + g′]; returns the group of the run after them.
 */
function addRuns(row: Float64Array, from: number, end: number, two: Float64Array, byStep: Float64Array, at: number, g: number, G: number): number {
  let s = two[0], s2 = two[1];
  for (let i = from; i < end; i++) {
    const th = row[i];
    s += th;
    s2 += th * th;
    byStep[at + g] += th;
    if (++g === G) g = 0;
  }
  two[0] = s;
  two[1] = s2;
  return g;
}

/** The model of `simulateAsgd` without its generator and error groups. */
export interface AsgdModel {
  eta: number;
  kappa: number;
  steps: number;
  runs: number;
  theta0: number;
  omega0Sq: number;
  offsets: number[];
  stalenessBins: number;
}

/** Uniforms each run draws per step: τ (κ > 0), then the offset (more than one offset). */
function uniformsPerRun(m: AsgdModel): number {
  return (m.kappa > 0 ? 1 : 0) + (m.offsets.length > 1 ? 1 : 0);
}

/**
 * Runs [r0, r1) of the model: before step k, `draw(k)` gives the uniforms of these runs at step k
 * (perRun per run, in run order); after it, `onStep(k + 1, θ_{k+1} of the runs)`.
 */
function advanceRuns(m: AsgdModel, r0: number, r1: number, draw: (k: number) => Float64Array, onStep: (k: number, row: Float64Array) => void): { staleness: number[]; clamped: number } {
  const { eta, kappa, steps, theta0, omega0Sq, offsets, stalenessBins } = m;
  const w = r1 - r0;
  const H = kappa === 0 ? 1 : Math.min(steps + 1, Math.ceil(Math.log(1e-16) / Math.log(kappa)));
  const hist = new Float64Array(H * w); // hist[(k mod H)·w + r] = θ_k of run r0 + r
  const logK = kappa > 0 ? Math.log(kappa) : 0;
  const nOff = offsets.length;
  const staleness = new Array<number>(stalenessBins).fill(0);
  let clamped = 0;
  hist.fill(theta0, 0, w);
  for (let k = 0; k < steps; k++) {
    const cur = (k % H) * w;
    const nxt = ((k + 1) % H) * w;
    const u = draw(k);
    let next = 0;
    const kH = k % H;
    for (let r = 0; r < w; r++) {
      let tau = 0;
      if (kappa > 0) {
        tau = Math.floor(Math.log(u[next++]) / logK);
        if (stalenessBins > 0) staleness[Math.min(tau, stalenessBins - 1)]++;
      }
      let read: number;
      if (tau > k) read = theta0;
      else if (tau >= H) { clamped++; read = hist[((k - H + 1) % H) * w + r]; }
      else {
        // (k − τ) mod H with 0 ≤ τ < H
        const j = kH >= tau ? kH - tau : kH - tau + H;
        read = hist[j * w + r];
      }
      const b = offsets[nOff === 1 ? 0 : Math.min(nOff - 1, Math.floor(u[next++] * nOff))];
      hist[nxt + r] = hist[cur + r] - eta * (omega0Sq * read + b);
    }
    onStep(k + 1, hist.subarray(nxt, nxt + w));
  }
  return { staleness, clamped };
}

/** A range of runs of `simulateAsgd` for a worker thread: the generator as (seed, stream, word position at the start). */
export interface AsgdRunsTask {
  model: AsgdModel;
  seed: number;
  stream: number;
  position: number;
  r0: number;
  r1: number;
}

/** θ_k of runs [r0, r1) for k = 1 … steps (step-major), their staleness counts and clamps. */
export function simulateAsgdRuns(t: AsgdRunsTask): { theta: Float64Array; staleness: number[]; clamped: number } {
  const { model, r0, r1 } = t;
  const w = r1 - r0, perRun = uniformsPerRun(model);
  const rng = new PhiloxRng(t.seed, t.stream);
  const u = new Float64Array(perRun * w);
  const theta = new Float64Array(model.steps * w);
  const { staleness, clamped } = advanceRuns(model, r0, r1, (k) => {
    rng.at(t.position + (k * model.runs + r0) * perRun).uniforms(u, 0, u.length);
    return u;
  }, (k, row) => theta.set(row, (k - 1) * w));
  return { theta, staleness, clamped };
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
