/**
 * Euler–Maruyama for the SME of ASGD, (2.2), in d = 1, vectorised over paths:
 *   dΘ = Y dt + τ dB,   dY = −∇f(Θ) dt − γY dt,   ∇f(θ) = ω₀²θ + ε(θ).
 * With x = y, v = −ω₀²θ − γy the stationary law for ε = 0 is M of (3.1),
 * β = 2γ/(τ²ω₀⁴): Var x = 1/(βω₀²), Var v = 1/β, Cov(x, v) = 0; in (θ, y):
 * Var y = ω₀²τ²/(2γ), Cov(θ, y) = −τ²/2, Var θ = τ²/(2γ) + γτ²/(2ω₀²).
 *
 * @see (2.2), (2.4), (3.1)
 */
import type { RandomSource } from './asgd.ts';
import { expm } from './evolve.ts';

/** Standard normals one at a time, and optionally in bulk (PhiloxRng.normals: the same numbers). */
export type NormalSource = Pick<RandomSource, 'normal'> & {
  normals?: (out: Float64Array, offset: number, count: number) => void;
  /** The word position (PhiloxRng.state); undefined while a normal is cached. */
  state?: () => { position: number } | undefined;
  /** Jump to a word position (PhiloxRng.at): normals 2j and 2j + 1 of the stream come from words 2j and 2j + 1. */
  at?: (position: number) => unknown;
};

/** Paths taken through all steps together: their state (a few systems of 1024 paths) stays in L2. */
const PATH_BLOCK = 1024;

/** out[0 … count − 1] ← the next `count` normals of `rng`. */
function fillNormals(rng: NormalSource, out: Float64Array, count: number): void {
  if (rng.normals) rng.normals(out, 0, count);
  else for (let k = 0; k < count; k++) out[k] = rng.normal();
}

/** The linear SME (2.2) in d = 1 and its time grid, shared by both simulators. */
export interface SmeModel {
  /** ω₀² > 0. */
  omega0Sq: number;
  /** γ > 0. */
  gamma: number;
  /** Noise amplitude τ of (2.2). */
  tau: number;
  /** Time step. */
  dt: number;
  /** Number of time steps. */
  steps: number;
}

/** Options of `simulateSme`. */
export interface SmeOptions extends SmeModel {
  /** Number of paths. @defaultValue 1000 */
  paths?: number;
  /** Θ₀. @defaultValue 1 */
  theta0?: number;
  /** Y₀. @defaultValue 0 */
  y0?: number;
  /** The perturbation ε(θ) of ∇f. @defaultValue none (ε = 0) */
  perturbation?: (theta: number) => number;
  /** Record statistics every this many steps. @defaultValue 1 */
  recordEvery?: number;
  /** Normal source. */
  rng: Pick<RandomSource, 'normal'>;
}

/** Recorded moments at times t_k (k = 0 … ⌊steps/recordEvery⌋). */
export interface SmeStats {
  t: Float64Array;
  meanTheta: Float64Array;
  meanY: Float64Array;
  /** Standard error of meanTheta. */
  stderrTheta: Float64Array;
  /** Final states of all paths. */
  theta: Float64Array;
  y: Float64Array;
}

export function simulateSme(options: SmeOptions): SmeStats {
  const { omega0Sq, gamma, tau, dt, steps, paths = 1000, theta0 = 1, y0 = 0, perturbation, recordEvery = 1, rng } = options;
  if (!(omega0Sq > 0)) throw new RangeError(`simulateSme: omega0Sq must be > 0, got ${omega0Sq}`);
  if (!(gamma > 0)) throw new RangeError(`simulateSme: gamma must be > 0, got ${gamma}`);
  if (!(tau >= 0)) throw new RangeError(`simulateSme: tau must be ≥ 0, got ${tau}`);
  if (!(dt > 0)) throw new RangeError(`simulateSme: dt must be > 0, got ${dt}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`simulateSme: steps must be a positive integer, got ${steps}`);
  if (!Number.isInteger(paths) || paths < 2) throw new RangeError(`simulateSme: paths must be an integer ≥ 2, got ${paths}`);
  if (!Number.isInteger(recordEvery) || recordEvery < 1) throw new RangeError(`simulateSme: recordEvery must be a positive integer, got ${recordEvery}`);
  const theta = new Float64Array(paths).fill(theta0);
  const y = new Float64Array(paths).fill(y0);
  const nRec = Math.floor(steps / recordEvery) + 1;
  const t = new Float64Array(nRec);
  const meanTheta = new Float64Array(nRec);
  const meanY = new Float64Array(nRec);
  const stderrTheta = new Float64Array(nRec);
  const record = (idx: number, time: number) => {
    let s = 0, s2 = 0, sy = 0;
    for (let p = 0; p < paths; p++) { s += theta[p]; s2 += theta[p] * theta[p]; sy += y[p]; }
    const m = s / paths;
    t[idx] = time;
    meanTheta[idx] = m;
    meanY[idx] = sy / paths;
    stderrTheta[idx] = Math.sqrt(Math.max(0, (s2 - paths * m * m) / (paths - 1)) / paths);
  };
  record(0, 0);
  const sdt = tau * Math.sqrt(dt);
  for (let k = 1; k <= steps; k++) {
    for (let p = 0; p < paths; p++) {
      const th = theta[p];
      const yy = y[p];
      const grad = omega0Sq * th + (perturbation ? perturbation(th) : 0);
      theta[p] = th + yy * dt + sdt * rng.normal();
      y[p] = yy - (grad + gamma * yy) * dt;
    }
    if (k % recordEvery === 0) record(k / recordEvery, k * dt);
  }
  return { t, meanTheta, meanY, stderrTheta, theta, y };
}

/** Stationary covariance of (Θ, Y) for ε = 0 (exact solution of the Lyapunov equation). */
export function stationaryCovariance(omega0Sq: number, gamma: number, tau: number): { varTheta: number; covThetaY: number; varY: number } {
  const t2 = tau * tau;
  return { varTheta: t2 / (2 * gamma) + (gamma * t2) / (2 * omega0Sq), covThetaY: -t2 / 2, varY: (omega0Sq * t2) / (2 * gamma) };
}

/** The SME parameters of (2.2) for ASGD with (η, κ): γ = √((1−κ)/η), δt = √(η(1−κ)). */
export function smeParameters(eta: number, kappa: number): { gamma: number; deltaT: number } {
  if (!(eta > 0)) throw new RangeError(`smeParameters: eta must be > 0, got ${eta}`);
  if (!(kappa >= 0 && kappa < 1)) throw new RangeError(`smeParameters: kappa must be in [0, 1), got ${kappa}`);
  return { gamma: Math.sqrt((1 - kappa) / eta), deltaT: Math.sqrt(eta * (1 - kappa)) };
}

/** ε(θ), optionally with `fill(theta, out)`: out[p] ← ε(theta[p]) for every p, the same numbers in one loop. */
export type BatchPerturbation = ((theta: number) => number) & { fill?: (theta: Float64Array, out: Float64Array) => void };

/** Options of `simulateSmeSplitting` (τ > 0 here). */
export interface SmeSplittingOptions extends SmeModel {
  /** Number of paths. @defaultValue 20000 */
  paths?: number;
  /** Mean (Θ₀, Y₀) of the initial law: the ε = 0 stationary Gaussian shifted by it. @defaultValue [1, 0] */
  shift?: readonly [number, number];
  /** The perturbation ε(θ) of ∇f. @defaultValue none (ε = 0) */
  perturbation?: (theta: number) => number;
  /** Coefficients (c_θ, c_y) of the recorded linear observable c_θΘ + c_yY. @defaultValue [1, 0] */
  observable?: readonly [number, number];
  /** Record every this many steps. @defaultValue 1 */
  recordEvery?: number;
  /** Paths are split into this many groups (p mod groups) for jackknife errors. @defaultValue 10 */
  groups?: number;
  /** Normal source (its bulk `normals`, when it has one, gives the same numbers faster). */
  rng: NormalSource;
}

/** Sample mean of the observable at t_k, its standard error, and per-group sums. */
export interface ObservableStats {
  t: Float64Array;
  mean: Float64Array;
  stderr: Float64Array;
  groupSums: Float64Array[];
  groupSizes: number[];
}

/** Lower Cholesky factor of a 2×2 covariance (clamped at 0 against round-off). */
function chol2(a: number, b: number, c: number): [number, number, number] {
  const l11 = Math.sqrt(Math.max(0, a));
  const l21 = l11 > 0 ? b / l11 : 0;
  return [l11, l21, Math.sqrt(Math.max(0, c - l21 * l21))];
}

/**
 * (2.2) in d = 1 by Strang splitting: half kick Y −= ε(Θ)dt/2, the EXACT Ornstein–Uhlenbeck
 * step of the linear part (mean e^{B dt}, covariance S − e^{B dt}S e^{B dt}ᵀ with S of
 * `stationaryCovariance`, B = [[0, 1], [−ω₀², −γ]]), half kick. For ε = 0 the transition is
 * exact, so E[observable] equals e^{Bt} applied to the shift with no time-step bias; for ε ≠ 0
 * the splitting error is O(‖ε′‖dt²) per unit time.
 * The initial law is the ε = 0 stationary law M of (3.1), in (θ, y), shifted by `shift`:
 * h(0) of (3.2) is then in L²(M).
 * @see (2.2), (3.1), Theorem 3.1
 */
export function simulateSmeSplitting(options: SmeSplittingOptions): ObservableStats {
  return simulateSmeSplittingShared(options, [options.perturbation])[0];
}

/**
 * `simulateSmeSplitting` for several perturbations on common random numbers: one initial law and
 * one stream of normals drive every system, so `result[i]` equals, bit for bit,
 * `simulateSmeSplitting({ ...options, perturbation: perturbations[i] })` with a fresh `rng` of the
 * same seed and stream; the normals are drawn once for all.
 */
export function simulateSmeSplittingShared(options: Omit<SmeSplittingOptions, 'perturbation'>, perturbations: readonly (BatchPerturbation | undefined)[]): ObservableStats[] {
  const { omega0Sq, gamma, tau, dt, steps, paths = 20000, shift = [1, 0], observable = [1, 0], recordEvery = 1, groups = 10, rng } = options;
  if (!(omega0Sq > 0)) throw new RangeError(`simulateSmeSplitting: omega0Sq must be > 0, got ${omega0Sq}`);
  if (!(gamma > 0)) throw new RangeError(`simulateSmeSplitting: gamma must be > 0, got ${gamma}`);
  if (!(tau > 0)) throw new RangeError(`simulateSmeSplitting: tau must be > 0, got ${tau}`);
  if (!(dt > 0)) throw new RangeError(`simulateSmeSplitting: dt must be > 0, got ${dt}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`simulateSmeSplitting: steps must be a positive integer, got ${steps}`);
  if (!Number.isInteger(groups) || groups < 2) throw new RangeError(`simulateSmeSplitting: groups must be an integer ≥ 2, got ${groups}`);
  if (!Number.isInteger(paths) || paths < 2 * groups) throw new RangeError(`simulateSmeSplitting: paths must be an integer ≥ 2·groups, got ${paths}`);
  if (!Number.isInteger(recordEvery) || recordEvery < 1) throw new RangeError(`simulateSmeSplitting: recordEvery must be a positive integer, got ${recordEvery}`);
  if (perturbations.length < 1) throw new RangeError('simulateSmeSplittingShared: at least one perturbation (or undefined) expected');
  const S = stationaryCovariance(omega0Sq, gamma, tau);
  const E = expm([[0, dt], [-omega0Sq * dt, -gamma * dt]]);
  const [e11, e12, e21, e22] = [E[0][0], E[0][1], E[1][0], E[1][1]];
  // S − E S Eᵀ
  const es11 = e11 * S.varTheta + e12 * S.covThetaY, es12 = e11 * S.covThetaY + e12 * S.varY;
  const es21 = e21 * S.varTheta + e22 * S.covThetaY, es22 = e21 * S.covThetaY + e22 * S.varY;
  const [n11, n21, n22] = chol2(S.varTheta - (es11 * e11 + es12 * e12), S.covThetaY - (es11 * e21 + es12 * e22), S.varY - (es21 * e21 + es22 * e22));
  const [s11, s21, s22] = chol2(S.varTheta, S.covThetaY, S.varY);
  const theta0 = new Float64Array(paths);
  const y0 = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    const z1 = rng.normal(), z2 = rng.normal();
    theta0[p] = shift[0] + s11 * z1;
    y0[p] = shift[1] + s21 * z1 + s22 * z2;
  }
  const nRec = Math.floor(steps / recordEvery) + 1;
  const groupSizes = Array.from({ length: groups }, (_, g) => Math.floor((paths - 1 - g) / groups) + 1);
  const [cT, cY] = observable;
  const systems = perturbations.map((perturbation) => ({
    perturbation,
    theta: theta0.slice(),
    y: y0.slice(),
    epsAtTheta: perturbation ? theta0.map((t) => perturbation(t)) : undefined,
    // Σ o and Σ o² over the paths at each record, added in path order (block after block)
    sum: new Float64Array(nRec),
    sumSq: new Float64Array(nRec),
    stats: { t: new Float64Array(nRec), mean: new Float64Array(nRec), stderr: new Float64Array(nRec), groupSums: Array.from({ length: groups }, () => new Float64Array(nRec)), groupSizes: [...groupSizes] } as ObservableStats,
  }));
  // Adds paths from … to − 1 at record idx to the running sums: the same additions, in the same
  // order, as one pass over all paths (group g sums paths g, g + groups, … in increasing order).
  const record = (sys: (typeof systems)[number], idx: number, from: number, to: number) => {
    const { theta, y, stats, sum, sumSq } = sys;
    let s = sum[idx], s2 = sumSq[idx];
    for (let p = from, g = from % groups; p < to; p++) {
      const o = cT * theta[p] + cY * y[p];
      s += o; s2 += o * o;
      stats.groupSums[g][idx] += o;
      if (++g === groups) g = 0;
    }
    sum[idx] = s;
    sumSq[idx] = s2;
  };
  const half = dt / 2;
  // Paths go through every step a block at a time, so a block's state stays in cache (one pass over
  // all paths per step was bound by memory). The stream is step-major: the normals of step k, paths
  // from … to − 1, are its words start + 2·paths·(k − 1) + 2·from, …; a source that cannot jump
  // runs one block of all paths, in stream order.
  const start = rng.at && rng.state ? rng.state() : undefined;
  const block = start ? Math.min(paths, PATH_BLOCK) : paths;
  const z = new Float64Array(2 * block);
  for (let from = 0; from < paths; from += block) {
    const to = Math.min(paths, from + block);
    const n = to - from;
    for (const sys of systems) record(sys, 0, from, to);
    for (let k = 1; k <= steps; k++) {
      if (start) rng.at!(start.position + 2 * paths * (k - 1) + 2 * from);
      fillNormals(rng, z, 2 * n);
      for (const sys of systems) {
        const { theta, y, perturbation } = sys;
        if (perturbation) {
          // The OU step, then ε at the new Θ (the next step's first kick too: evaluated once), then
          // the second half kick: y = (E·(Θ, Y − ε dt/2) + noise)₂ − ε(Θ′) dt/2, as one expression would.
          const eps = sys.epsAtTheta!;
          for (let i = 0, p = from; i < n; i++, p++) {
            const th = theta[p];
            const yy = y[p] - eps[p] * half;
            const z1 = z[2 * i], z2 = z[2 * i + 1];
            theta[p] = e11 * th + e12 * yy + n11 * z1;
            y[p] = e21 * th + e22 * yy + n21 * z1 + n22 * z2;
          }
          if (perturbation.fill) perturbation.fill(theta.subarray(from, to), eps.subarray(from, to));
          else for (let p = from; p < to; p++) eps[p] = perturbation(theta[p]);
          for (let p = from; p < to; p++) y[p] -= eps[p] * half;
        } else {
          for (let i = 0, p = from; i < n; i++, p++) {
            const th = theta[p], yy = y[p];
            const z1 = z[2 * i], z2 = z[2 * i + 1];
            theta[p] = e11 * th + e12 * yy + n11 * z1;
            y[p] = e21 * th + e22 * yy + n21 * z1 + n22 * z2;
          }
        }
        if (k % recordEvery === 0) record(sys, k / recordEvery, from, to);
      }
    }
  }
  if (start) rng.at!(start.position + 2 * paths * steps);
  for (const { stats, sum, sumSq } of systems) {
    for (let idx = 0; idx < nRec; idx++) {
      const m = sum[idx] / paths;
      stats.t[idx] = idx * recordEvery * dt;
      stats.mean[idx] = m;
      stats.stderr[idx] = Math.sqrt(Math.max(0, (sumSq[idx] - paths * m * m) / (paths - 1)) / paths);
    }
  }
  return systems.map((sys) => sys.stats);
}
