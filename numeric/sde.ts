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

/** Options of `simulateSme`. */
export interface SmeOptions {
  /** ω₀² > 0. */
  omega0Sq: number;
  /** γ > 0. */
  gamma: number;
  /** Noise amplitude τ ≥ 0 of (2.2). */
  tau: number;
  /** Time step. */
  dt: number;
  /** Number of time steps. */
  steps: number;
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
