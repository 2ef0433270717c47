/**
 * Time evolution of the fluctuation h of (3.2) for ε = 0 on the Hermite basis of
 * numeric/hermite-operator.ts: h(t) = e^{tA}h(0) block by block (A preserves degree), in
 * floating point (display and rate fits; the verdicts rest on numeric/spectral.ts).
 *
 * Initial datum: a shifted steady state g(0) = M(x − x₀, v − v₀), so
 *   h(0) = g(0)/M − 1 = Σ_{(i,j)≠0} s_x^i s_v^j/(i! j!) He_i(X)He_j(V),
 * s_x = √β ω₀ x₀, s_v = √β v₀ (the Hermite generating function), ‖h(0)‖²_* = e^{s_x²+s_v²} − 1.
 * In the basis f_{ij} = ω₀^{−i}He_iHe_j the coefficient is ω₀^i s_x^i s_v^j/(i! j!).
 *
 * @see (3.2), (3.4), Theorem 3.1
 */
import { q } from '../symbolic/rational.ts';
import { basisNormSq, generatorBlock } from './hermite-operator.ts';

type Mat = number[][];

function matMul(a: Mat, b: Mat): Mat {
  const n = a.length;
  const out: Mat = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const x = a[i][k];
    if (x === 0) continue;
    for (let j = 0; j < n; j++) out[i][j] += x * b[k][j];
  }
  return out;
}

/** e^{M} by scaling and squaring with a degree-18 Taylor polynomial (small dense blocks). */
export function expm(m: Mat): Mat {
  const n = m.length;
  const norm = Math.max(0, ...m.map((r) => r.reduce((s, x) => s + Math.abs(x), 0)));
  const sq = Math.max(0, Math.ceil(Math.log2(norm || 1)) + 1);
  const scale = 2 ** -sq;
  const a = m.map((r) => r.map((x) => x * scale));
  let result: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let term: Mat = result.map((r) => [...r]);
  for (let k = 1; k <= 18; k++) {
    term = matMul(term, a).map((r) => r.map((x) => x / k));
    result = result.map((r, i) => r.map((x, j) => x + term[i][j]));
  }
  for (let s = 0; s < sq; s++) result = matMul(result, result);
  return result;
}

/** Options of `evolveNormSq`. */
export interface EvolveOptions {
  /** ω₀² > 0. */
  omega0Sq: number;
  /** γ > 0. */
  gamma: number;
  /** Highest Hermite degree kept. @defaultValue 8 */
  maxDegree?: number;
  /** s_x = √β ω₀ x₀ of the shifted initial datum. @defaultValue 0.5 */
  sx?: number;
  /** s_v = √β v₀. @defaultValue 0 */
  sv?: number;
  /** Time step of the output grid. */
  dt: number;
  /** Number of output steps. */
  steps: number;
}

/**
 * ‖h(t_k)‖²_* at t_k = k·dt (d = 1), plus the share of the degree-one component.
 * Parameters must be rationals representable as doubles (they are turned into exact
 * rationals to build the blocks).
 */
export function evolveNormSq(options: EvolveOptions): { t: Float64Array; normSq: Float64Array; degreeOne: Float64Array; truncatedMass: number } {
  const { omega0Sq, gamma, maxDegree = 8, sx = 0.5, sv = 0, dt, steps } = options;
  if (!(omega0Sq > 0)) throw new RangeError(`evolveNormSq: omega0Sq must be > 0, got ${omega0Sq}`);
  if (!(gamma > 0)) throw new RangeError(`evolveNormSq: gamma must be > 0, got ${gamma}`);
  if (!(dt > 0)) throw new RangeError(`evolveNormSq: dt must be > 0, got ${dt}`);
  // the shortest decimal that round-trips, read exactly
  const w = q(String(omega0Sq));
  const g = q(String(gamma));
  const omega0 = Math.sqrt(omega0Sq);
  const t = new Float64Array(steps + 1);
  const normSq = new Float64Array(steps + 1);
  const degreeOne = new Float64Array(steps + 1);
  let kept = 0;
  const fact = (n: number) => { let f = 1; for (let k = 2; k <= n; k++) f *= k; return f; };
  for (let n = 1; n <= maxDegree; n++) {
    const block = generatorBlock({ omega0Sq: w, gamma: g, d: 1 }, n);
    const weights = block.basis.map((b) => basisNormSq(w, b).toNumber());
    let c = block.basis.map((b) => (omega0 * sx) ** b.i[0] * sv ** b.j[0] / (fact(b.i[0]) * fact(b.j[0])));
    const step = expm(block.matrix.map((r) => r.map((x) => x.toNumber() * dt)));
    for (let k = 0; k <= steps; k++) {
      const e = c.reduce((s, x, idx) => s + x * x * weights[idx], 0);
      if (k === 0) kept += e;
      normSq[k] += e;
      if (n === 1) degreeOne[k] = e;
      t[k] = k * dt;
      c = step.map((row) => row.reduce((s, x, j) => s + x * c[j], 0));
    }
  }
  return { t, normSq, degreeOne, truncatedMass: Math.expm1(sx * sx + sv * sv) - kept };
}
