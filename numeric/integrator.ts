/**
 * The Gaussian-measure integration interface: E_M[f(x, v)] for M of (3.1),
 * x ~ N(0, 1/(βω₀²) I_d), v ~ N(0, 1/β I_d). Every backend (Gauss–Hermite, exact moments,
 * CPU Monte Carlo, QMC, WebGPU) implements `GaussianIntegrator` and returns estimates with
 * error bars; several outputs are integrated over the same samples.
 */
import type { Integrand } from './expr.ts';

/** The weight M of (3.1) is fixed by (ω₀, β). */
export interface GaussianWeight {
  omega0: number;
  beta: number;
}

export interface IntegrateOptions {
  /** Number of samples (sampling backends) or nodes per axis (quadrature). @defaultValue backend-specific */
  samples?: number;
  /** Seed of the counter-based stream. @defaultValue 1 */
  seed?: number;
  /** Called with the fraction done on long runs. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface Estimate {
  /** One mean per output of the integrand. */
  mean: number[];
  /** Standard error per output (0 for exact quadrature of polynomials within its degree). */
  stderr: number[];
  /** Samples or nodes used. */
  samples: number;
  /** Backend name and device, e.g. "gpu (llvmpipe)". */
  backend: string;
  ms: number;
  /**
   * Covariance matrix of the mean estimates (cov[k][k] = stderr[k]²), where the backend
   * has one: the error bar of mean[k] − mean[l] is √(cov[k][k] + cov[l][l] − 2 cov[k][l]).
   */
  cov?: number[][];
  /** Exact values as rational strings (exact-moments backend). */
  exact?: string[];
}

export interface GaussianIntegrator {
  readonly name: string;
  integrate(f: Integrand, weight: GaussianWeight, options?: IntegrateOptions): Promise<Estimate>;
  /** Release devices (GPU) so Node can exit. */
  dispose?(): void | Promise<void>;
}

/** The backends a run has, by name: 'quadrature', 'cpu', 'qmc', 'gpu' (any may be missing). */
export type IntegratorSet = Partial<Record<'quadrature' | 'cpu' | 'qmc' | 'gpu', GaussianIntegrator>>;

/**
 * The integrator a numeric check should use for a `--backend` choice: 'auto' takes the GPU
 * when the set has one, else the CPU Monte Carlo; other choices name their backend.
 * Returns undefined when the set lacks it (the check is then `inconclusive`).
 */
export function selectIntegrator(set: IntegratorSet, choice: 'auto' | 'gpu' | 'cpu' | 'qmc' | 'quadrature'): GaussianIntegrator | undefined {
  return choice === 'auto' ? (set.gpu ?? set.cpu) : set[choice];
}

/** Standard deviations of M's coordinates: σ_x = 1/(ω₀√β), σ_v = 1/√β. */
export function weightScales(w: GaussianWeight): { sx: number; sv: number } {
  if (!(w.omega0 > 0) || !Number.isFinite(w.omega0)) throw new RangeError(`weight: omega0 must be > 0, got ${w.omega0}`);
  if (!(w.beta > 0) || !Number.isFinite(w.beta)) throw new RangeError(`weight: beta must be > 0, got ${w.beta}`);
  return { sx: 1 / (w.omega0 * Math.sqrt(w.beta)), sv: 1 / Math.sqrt(w.beta) };
}
