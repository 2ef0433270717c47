/**
 * Exact Gaussian moments under the steady state M of (3.1), and the weighted norms of (3.4).
 *
 * M = M_x M_v has x ~ N(0, σ_x² I_d), v ~ N(0, σ_v² I_d) with σ_x² = 1/(βω₀²), σ_v² = 1/β.
 * The covariance is diagonal, so Isserlis/Wick's sum over pairings factors into one
 * coordinate at a time: E[y^{2m}] = (2m−1)!! σ^{2m}, E[y^{2m+1}] = 0.
 *
 * Phase-space coordinates are the polynomial variables x1 … xd, v1 … vd (1-based, as in
 * the paper); every other variable of a `Poly` is a coefficient and survives E_M.
 *
 * @see (3.1), (3.4) of [zhu_ying_2021]
 */
import { Rational, q } from './rational.ts';
import { Poly, pc, pv, type Monomial } from './poly.ts';

/** The weight M of (3.1), by ω₀² and β (both rational and > 0). */
export interface MomentWeight {
  omega0Sq: Rational;
  beta: Rational;
}

const PHASE_VAR = /^([xv])([1-9]\d*)$/;

/** True for the phase-space variables x1…, v1… of the moment functional. */
export function isPhaseVariable(name: string): boolean {
  return PHASE_VAR.test(name);
}

/** The names x1 … xd and v1 … vd. @example phaseVariables(2).x // returns ['x1', 'x2'] */
export function phaseVariables(d: number): { x: string[]; v: string[] } {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`phaseVariables: d must be a positive integer, got ${d}`);
  return { x: Array.from({ length: d }, (_, i) => `x${i + 1}`), v: Array.from({ length: d }, (_, i) => `v${i + 1}`) };
}

/** σ_x² = 1/(βω₀²), σ_v² = 1/β of (3.1). */
export function weightVariances(w: MomentWeight): { x: Rational; v: Rational } {
  if (w.omega0Sq.sign() <= 0) throw new RangeError(`weightVariances: omega0Sq must be > 0, got ${w.omega0Sq}`);
  if (w.beta.sign() <= 0) throw new RangeError(`weightVariances: beta must be > 0, got ${w.beta}`);
  return { x: w.beta.mul(w.omega0Sq).inv(), v: w.beta.inv() };
}

/** (2m−1)!! = 1·3·5···(2m−1), the number of Wick pairings of 2m copies. */
export function oddDoubleFactorial(m: number): bigint {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`oddDoubleFactorial: m must be a non-negative integer, got ${m}`);
  let r = 1n;
  for (let k = 1n; k <= 2n * BigInt(m) - 1n; k += 2n) r *= k;
  return r;
}

/** E[y^k] for y ~ N(0, s): (k−1)!! s^{k/2} for even k, 0 for odd k. @example centralMoment(4, q(2)) // returns 12 */
export function centralMoment(k: number, variance: Rational): Rational {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`centralMoment: k must be a non-negative integer, got ${k}`);
  if (k % 2 === 1) return Rational.ZERO;
  return Rational.of(oddDoubleFactorial(k / 2)).mul(variance.pow(k / 2));
}

/**
 * E over independent centred Gaussians, one variance per variable: `varianceOf(name)` returns the
 * variance (rational or a polynomial in symbols, e.g. s_x) or undefined for a non-random variable.
 * The result is a polynomial in the non-random variables and the variance symbols.
 */
export function expectationWith(p: Poly, varianceOf: (name: string) => Poly | undefined): Poly {
  let out = Poly.ZERO;
  const powCache = new Map<string, Poly>();
  for (const t of p.termList()) {
    let c: Poly = Poly.constant(t.coef);
    const keep: [string, number][] = [];
    let zero = false;
    for (const [v, e] of t.mono) {
      const s = varianceOf(v);
      if (!s) {
        keep.push([v, e]);
        continue;
      }
      if (e % 2 === 1) {
        zero = true;
        break;
      }
      const key = `${v}^${e}`;
      let m = powCache.get(key);
      if (!m) {
        m = s.pow(e / 2).scale(Rational.of(oddDoubleFactorial(e / 2)));
        powCache.set(key, m);
      }
      c = c.mul(m);
    }
    if (zero) continue;
    out = out.add(keep.length ? c.mul(Poly.monomial(Rational.ONE, keep as Monomial)) : c);
  }
  return out;
}

/**
 * E_M[p] under M of (3.1): integrates out x1…, v1… and keeps every other variable.
 * @example expectation(pv('x1').pow(4), { omega0Sq: q(1), beta: q(1) }).toString() // returns "3"
 */
export function expectation(p: Poly, w: MomentWeight): Poly {
  const s = weightVariances(w);
  const sx = pc(s.x);
  const sv = pc(s.v);
  return expectationWith(p, (name) => {
    const m = PHASE_VAR.exec(name);
    return m ? (m[1] === 'x' ? sx : sv) : undefined;
  });
}

/** E_M[p] as a rational; throws a RangeError when p has variables other than x1…, v1…. */
export function expectationValue(p: Poly, w: MomentWeight): Rational {
  const e = expectation(p, w);
  const c = e.constantValue();
  if (c === undefined) throw new RangeError(`expectationValue: non-phase variables left: ${e.variables().join(', ')}`);
  return c;
}

/** E_M[x^α v^β] for multi-indices α, β (0-based arrays of exponents). */
export function gaussianMoment(alpha: readonly number[], betaExp: readonly number[], w: MomentWeight): Rational {
  const s = weightVariances(w);
  let r = Rational.ONE;
  for (const k of alpha) r = r.mul(centralMoment(k, s.x));
  for (const k of betaExp) r = r.mul(centralMoment(k, s.v));
  return r;
}

/** ⟨g, h⟩_* = ∫ g h M of (3.4), exactly. */
export function innerStar(g: Poly, h: Poly, w: MomentWeight): Rational {
  return expectationValue(g.mul(h), w);
}

/** ‖h‖²_* of (3.4), exactly. */
export function normStarSq(h: Poly, w: MomentWeight): Rational {
  return innerStar(h, h, w);
}

/** Σ_i ‖∂_{y_i} h‖²_* over the given variables (‖∇_x h‖²_* with x1…xd, ‖∇_v h‖²_* with v1…vd). */
export function gradNormStarSq(h: Poly, vars: readonly string[], w: MomentWeight): Rational {
  let s = Rational.ZERO;
  for (const y of vars) s = s.add(normStarSq(h.diff(y), w));
  return s;
}

/** ‖∇_x h‖²_* and ‖∇_v h‖²_* in dimension d. */
export function gradNormsStarSq(h: Poly, d: number, w: MomentWeight): { x: Rational; v: Rational } {
  const { x, v } = phaseVariables(d);
  return { x: gradNormStarSq(h, x, w), v: gradNormStarSq(h, v, w) };
}

/**
 * The probabilists' Hermite polynomial of variance s in the variable `name`:
 * He_0 = 1, He_1 = y, He_{k+1} = y He_k − k s He_{k−1}; orthogonal under N(0, s) with
 * E[He_j He_k] = δ_jk k! s^k and d/dy He_k = k He_{k−1}.
 */
export function hermitePoly(k: number, name: string, variance: Poly | Rational): Poly {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`hermitePoly: k must be a non-negative integer, got ${k}`);
  const s = variance instanceof Poly ? variance : pc(variance);
  const y = pv(name);
  let prev = Poly.ONE;
  if (k === 0) return prev;
  let cur = y;
  for (let j = 1; j < k; j++) {
    const next = y.mul(cur).sub(s.mul(prev).scale(q(j)));
    prev = cur;
    cur = next;
  }
  return cur;
}

/** All multi-indices of length n with total degree between 1 and N (graded, then lexicographic). */
export function multiIndices(n: number, N: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], left: number) => {
    if (prefix.length === n) {
      if (left < N) out.push(prefix);
      return;
    }
    for (let k = 0; k <= left; k++) rec([...prefix, k], left - k);
  };
  rec([], N);
  return out
    .filter((a) => a.some((k) => k > 0))
    .sort((a, b) => a.reduce((s, k) => s + k, 0) - b.reduce((s, k) => s + k, 0) || cmpArr(b, a));
}

function cmpArr(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** One Hermite basis function H_α of the Poincaré computation and its exact norms. */
export interface HermiteRayleighEntry {
  /** Exponents (x1…xd, v1…vd). */
  alpha: number[];
  /** ‖H_α‖²_*, a polynomial in the variance symbols sx, sv. */
  normSq: Poly;
  /** ‖∇H_α‖²_* = Σ_k ‖∂_k H_α‖²_*, a polynomial in sx, sv. */
  gradSq: Poly;
}

/** Result of `hermiteRayleighTable`: both Gram matrices on the Hermite basis, checked exactly. */
export interface HermiteRayleighTable {
  d: number;
  degree: number;
  entries: HermiteRayleighEntry[];
  /** Every E_M[H_α] = 0 (mean zero) as a polynomial identity in sx, sv. */
  meansZero: boolean;
  /** Every off-diagonal ⟨H_α, H_α'⟩_* and Σ_k⟨∂_kH_α, ∂_kH_α'⟩_* is the zero polynomial. */
  diagonal: boolean;
  /** Diagonal entries equal α! s^α and Σ_k α_k α! s^α / s_k exactly. */
  diagonalMatchesFormula: boolean;
  pairsChecked: number;
}

/**
 * The Rayleigh quotient ‖h‖²_* / (‖∇_x h‖²_* + ‖∇_v h‖²_*) on all mean-zero polynomials of
 * degree ≤ N in dimension d, for SYMBOLIC variances sx = σ_x², sv = σ_v² (so for every ω₀, β > 0):
 * builds H_α = Π He_{α_k}(y_k; s_k), checks exactly that both Gram matrices are diagonal, and
 * returns the diagonal. The quotient of H_α is 1/Σ_k α_k/s_k, whose maximum is max(sx, sv).
 * @see (3.5); Gaussian Poincaré inequality [bakry_gentil_ledoux_2014]
 */
export function hermiteRayleighTable(d: number, N: number, signal?: AbortSignal): HermiteRayleighTable {
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`hermiteRayleighTable: N must be a positive integer, got ${N}`);
  const { x, v } = phaseVariables(d);
  const vars = [...x, ...v];
  const sx = pv('sx');
  const sv = pv('sv');
  const varOf = (name: string) => (PHASE_VAR.test(name) ? (name.startsWith('x') ? sx : sv) : undefined);
  const E = (p: Poly) => expectationWith(p, varOf);
  const alphas = multiIndices(2 * d, N);
  const basis = alphas.map((a) => a.reduce((p, k, i) => p.mul(hermitePoly(k, vars[i], i < d ? sx : sv)), Poly.ONE));
  const grads = basis.map((b) => vars.map((y) => b.diff(y)));
  let meansZero = true;
  let diagonal = true;
  let formula = true;
  let pairs = 0;
  const entries: HermiteRayleighEntry[] = [];
  for (let i = 0; i < basis.length; i++) {
    if (signal?.aborted) throw new RangeError('hermiteRayleighTable: aborted');
    if (!E(basis[i]).isZero()) meansZero = false;
    for (let j = i; j < basis.length; j++) {
      const a = E(basis[i].mul(basis[j]));
      let g = Poly.ZERO;
      for (let k = 0; k < vars.length; k++) if (!grads[i][k].isZero() && !grads[j][k].isZero()) g = g.add(E(grads[i][k].mul(grads[j][k])));
      pairs++;
      if (i !== j) {
        if (!a.isZero() || !g.isZero()) diagonal = false;
        continue;
      }
      const al = alphas[i];
      const fact = al.reduce((s, k) => s * factorial(k), 1n);
      const sPow = al.reduce((p, k, m) => p.mul((m < d ? sx : sv).pow(k)), Poly.ONE);
      const expectA = sPow.scale(Rational.of(fact));
      let expectB = Poly.ZERO;
      for (let m = 0; m < al.length; m++) {
        if (al[m] === 0) continue;
        const lowered = al.map((k, r) => (r === m ? k - 1 : k));
        expectB = expectB.add(lowered.reduce((p, k, r) => p.mul((r < d ? sx : sv).pow(k)), Poly.ONE).scale(Rational.of(fact * BigInt(al[m]))));
      }
      if (!a.equals(expectA) || !g.equals(expectB)) formula = false;
      entries.push({ alpha: al, normSq: a, gradSq: g });
    }
  }
  return { d, degree: N, entries, meansZero, diagonal, diagonalMatchesFormula: formula, pairsChecked: pairs };
}

function factorial(k: number): bigint {
  let r = 1n;
  for (let i = 2n; i <= BigInt(k); i++) r *= i;
  return r;
}
