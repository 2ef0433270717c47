/**
 * Gauss–Hermite tensor quadrature for E_M[f] under M of (3.1).
 *
 * The n-point rule for the probabilists' weight φ(z) = e^{−z²/2}/√(2π) is exact for
 * polynomials of degree ≤ 2n − 1. Nodes are the eigenvalues of the Jacobi matrix
 * (zero diagonal, off-diagonal √k, k = 1 … n−1) [golub_welsch_1969], polished by Newton on
 * the orthonormal recurrence; weights from the Christoffel function
 * w_i = 1 / Σ_{k<n} p_k(z_i)², which keeps full relative accuracy in the tails.
 * The tensor grid over the 2d coordinates (x scaled by σ_x, v by σ_v) is exact for
 * integrands of degree ≤ 2n − 1 in every coordinate; then the error is rounding only and
 * `stderr` is 0 (`roundingScale` gives its size). Otherwise `stderr` is
 * max(|Q_n − Q_m|, roundingScale) with a coarser rule m = n − 2 (a conservative heuristic
 * error estimate, not a probabilistic error bar).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { compileJs, type Integrand } from './expr.ts';
import { weightScales, type Estimate, type GaussianIntegrator, type GaussianWeight, type IntegrateOptions } from './integrator.ts';
import { coordinateDegrees } from './exact-moments.ts';
import { CompensatedSums, YIELD_EVERY_MS, assertFiniteOutputs, yieldToEventLoop } from './monte-carlo.ts';

/** Nodes and weights of the n-point rule for the standard normal (Σ w = 1). */
export interface GaussHermiteRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Largest n the rule builder accepts (the recurrence stays finite well beyond). */
export const MAX_GAUSS_HERMITE_POINTS = 200;

const ruleCache = new Map<number, GaussHermiteRule>();

/** Orthonormal probabilists' Hermite p_k(z) = He_k(z)/√k!: returns [p_{n−1}(z), p_n(z), Σ_{k<n} p_k(z)²]. */
function orthonormalHermite(n: number, z: number): [number, number, number] {
  let pPrev = 0;
  let p = 1;
  let sumSq = 0;
  for (let k = 0; k < n; k++) {
    sumSq += p * p;
    const next = (z * p - Math.sqrt(k) * pPrev) / Math.sqrt(k + 1);
    pPrev = p;
    p = next;
  }
  return [pPrev, p, sumSq];
}

/**
 * The n-point Gauss–Hermite rule for N(0, 1) by Golub–Welsch, nodes ascending and exactly
 * symmetric. Cached.
 * @example gaussHermiteRule(2).nodes // returns Float64Array [−1, 1] (weights [½, ½])
 */
export function gaussHermiteRule(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GAUSS_HERMITE_POINTS) throw new RangeError(`gaussHermiteRule: n must be an integer in [1, ${MAX_GAUSS_HERMITE_POINTS}], got ${n}`);
  const cached = ruleCache.get(n);
  if (cached) return cached;
  const jacobi = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    jacobi.set(k - 1, k, Math.sqrt(k));
    jacobi.set(k, k - 1, Math.sqrt(k));
  }
  const eig = n === 1 ? [0] : [...new EigenvalueDecomposition(jacobi, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = eig[i];
    // Newton on p_n, p_n' = √n p_{n−1}
    for (let it = 0; it < 8; it++) {
      const [pm1, pn] = orthonormalHermite(n, z);
      const step = pn / (Math.sqrt(n) * pm1);
      z -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    weights[i] = 1 / orthonormalHermite(n, z)[2];
  }
  // exact symmetry z_i = −z_{n−1−i}
  for (let i = 0; i < n >> 1; i++) {
    const j = n - 1 - i;
    const z = 0.5 * (nodes[j] - nodes[i]);
    const w = 0.5 * (weights[i] + weights[j]);
    nodes[i] = -z;
    nodes[j] = z;
    weights[i] = w;
    weights[j] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const rule = { nodes, weights };
  ruleCache.set(n, rule);
  return rule;
}

export interface GaussHermiteOptions {
  /** Largest tensor grid n^{2d} (+ the coarser check grid) accepted; larger throws. @defaultValue 16_777_216 */
  maxNodes?: number;
  /** Nodes per axis when the integrand is not polynomial and `samples` is not given. @defaultValue 48 */
  defaultPoints?: number;
}

/** A quadrature estimate: points per axis, and whether the rule is exact for the integrand. */
export interface QuadratureEstimate extends Estimate {
  pointsPerAxis: number;
  /** True when every output has degree ≤ 2n − 1 in every coordinate (then stderr = 0). */
  exactForIntegrand: boolean;
  /** The coarser rule's points per axis behind `stderr` (absent when exact). */
  checkPointsPerAxis?: number;
  /** Per output, the rounding-error scale 4ε(2d + 2)·Σ w|f| of the sum (ε = 2⁻⁵³; a scale, not a bound: node and integrand rounding are not in it). */
  roundingScale: number[];
}

const EPS = 2 ** -53;

/**
 * Tensor-grid sum Σ Π w_{i_j} f(z_{i_1} s_1, …) over the 2d coordinates, per output.
 * Odometer over the multi-index; weight products are kept per level.
 */
async function tensorSum(f: Integrand, rule: GaussHermiteRule, sx: number, sv: number, opts: IntegrateOptions, progressSpan: [number, number]): Promise<{ sums: number[]; abs: number[] }> {
  const fn = compileJs(f);
  const d = f.d;
  const dim = 2 * d;
  const n = rule.nodes.length;
  const m = f.exprs.length;
  const x = new Float64Array(d);
  const v = new Float64Array(d);
  const out = new Float64Array(m);
  const idx = new Int32Array(dim);
  const wp = new Float64Array(dim);
  const acc = new CompensatedSums(m);
  const absSum = new Float64Array(m);
  const setCoord = (j: number): void => {
    const z = rule.nodes[idx[j]];
    if (j < d) x[j] = sx * z;
    else v[j - d] = sv * z;
    wp[j] = (j === 0 ? 1 : wp[j - 1]) * rule.weights[idx[j]];
  };
  for (let j = 0; j < dim; j++) setCoord(j);
  const total = n ** dim;
  let lastYield = performance.now();
  for (let count = 0; ; ) {
    fn(x, v, out);
    const w = wp[dim - 1];
    for (let k = 0; k < m; k++) {
      if (!Number.isFinite(out[k])) assertFiniteOutputs('gaussHermite', f, out, x, v, `node ${count}`);
      acc.add(k, w * out[k]);
      absSum[k] += w * Math.abs(out[k]);
    }
    count++;
    let j = dim - 1;
    while (j >= 0 && ++idx[j] === n) idx[j--] = 0;
    if (j < 0) break;
    for (let l = j; l < dim; l++) setCoord(l);
    if ((count & 0xffff) === 0) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(progressSpan[0] + (progressSpan[1] - progressSpan[0]) * (count / total));
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  }
  return { sums: Array.from({ length: m }, (_, k) => acc.value(k)), abs: [...absSum] };
}

/** The backend with its estimate type. */
export interface GaussHermiteIntegrator extends GaussianIntegrator {
  integrate(f: Integrand, weight: GaussianWeight, options?: IntegrateOptions): Promise<QuadratureEstimate>;
}

/**
 * The Gauss–Hermite backend (name 'quadrature'). `samples` = nodes per axis n; default: the
 * smallest exact n for polynomial integrands, else `defaultPoints` capped so the grid fits.
 * Throws a RangeError when n^{2d} exceeds `maxNodes` (2d ≤ 6 is the intended range).
 */
export function createGaussHermite(options: GaussHermiteOptions = {}): GaussHermiteIntegrator {
  const { maxNodes = 16_777_216, defaultPoints = 48 } = options;
  if (!(maxNodes >= 1)) throw new RangeError(`createGaussHermite: maxNodes must be ≥ 1, got ${maxNodes}`);
  return {
    name: 'quadrature',
    async integrate(f: Integrand, weight: GaussianWeight, opts: IntegrateOptions = {}): Promise<QuadratureEstimate> {
      const t0 = performance.now();
      const { sx, sv } = weightScales(weight);
      compileJs(f); // validates before any planning
      const dim = 2 * f.d;
      let maxDegree = 0;
      for (const e of f.exprs) {
        const deg = coordinateDegrees(e, f.d);
        for (const k of [...deg.x, ...deg.v]) maxDegree = Math.max(maxDegree, k);
      }
      let n: number;
      if (opts.samples !== undefined) n = opts.samples;
      else if (Number.isFinite(maxDegree)) n = Math.max(1, Math.ceil((maxDegree + 1) / 2));
      else n = Math.max(1, Math.min(defaultPoints, Math.floor(maxNodes ** (1 / dim) + 1e-9)));
      if (!Number.isInteger(n) || n < 1 || n > MAX_GAUSS_HERMITE_POINTS) throw new RangeError(`gaussHermite: nodes per axis must be an integer in [1, ${MAX_GAUSS_HERMITE_POINTS}], got ${n}`);
      const exact = 2 * n - 1 >= maxDegree;
      const m = exact ? 0 : Math.max(1, n - 2);
      const grid = n ** dim + (exact || n === 1 ? 0 : m ** dim);
      if (grid > maxNodes) throw new RangeError(`gaussHermite: ${n}^${dim}${exact ? '' : ` + ${m}^${dim}`} = ${grid} nodes exceeds the limit ${maxNodes} (d = ${f.d}; use fewer nodes per axis or Monte Carlo)`);
      const share = exact || n === 1 ? 1 : n ** dim / grid;
      const { sums: main, abs } = await tensorSum(f, gaussHermiteRule(n), sx, sv, opts, [0, share]);
      // each node's product w·f carries O(dim·ε) relative error; the compensated sum adds O(ε)
      const roundingScale = abs.map((a) => 4 * EPS * (dim + 2) * a);
      let stderr: number[];
      if (exact) stderr = main.map(() => 0);
      else if (n === 1) stderr = main.map(() => Infinity);
      else {
        const coarse = (await tensorSum(f, gaussHermiteRule(m), sx, sv, opts, [share, 1])).sums;
        stderr = main.map((q, k) => Math.max(Math.abs(q - coarse[k]), roundingScale[k]));
      }
      opts.onProgress?.(1);
      return {
        mean: main,
        stderr,
        samples: grid,
        backend: `quadrature (Gauss–Hermite ${n}^${dim})`,
        ms: performance.now() - t0,
        pointsPerAxis: n,
        exactForIntegrand: exact,
        roundingScale,
        ...(exact || n === 1 ? {} : { checkPointsPerAxis: m }),
      };
    },
  };
}
