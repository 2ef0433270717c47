/**
 * Spectrum of the ε = 0 generator A = −T + L of (3.2) on Hermite polynomials: exact
 * characteristic polynomials (rational Hessenberg reduction), the closed form predicted by
 * Ornstein–Uhlenbeck theory, floating eigenvalues (ml-matrix) for display, and the exact
 * degree-one eigen-certificates that decide whether the rate of Theorem 3.1 is sharp.
 *
 * Closed form: on polynomials of total degree n the spectrum of A is
 *   { n₁λ₁ + n₂λ₂ : n₁ + n₂ = n },  multiplicity C(n₁+d−1, d−1)·C(n₂+d−1, d−1),
 * with λ₁,₂ = (−γ ± √(γ² − 4ω₀²))/2 the roots of λ² + γλ + ω₀² (the eigenvalues of −Q, Q of
 * (4.5)). Hence the slowest non-zero decay of ‖h(t)‖²_* is 2·min Re(−λ) = 2·min Re λ(Q).
 *
 * @see (3.2), (3.6), (4.5), (4.6); [arnold_erb_2014]
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Rational, q, rationalSqrt } from '../symbolic/rational.ts';
import { basisNormSq, degreeOneMatrix, generatorBlock, type GeneratorParams } from './hermite-operator.ts';

/** A univariate polynomial, coefficients low to high, exact. */
export type RationalPoly = Rational[];

function trimPoly(p: RationalPoly): RationalPoly {
  const out = [...p];
  while (out.length > 1 && out[out.length - 1].isZero()) out.pop();
  return out;
}

function polyMulLinear(p: RationalPoly, root: Rational): RationalPoly {
  // p(λ)·(λ − root)
  const out: RationalPoly = Array.from({ length: p.length + 1 }, () => Rational.ZERO);
  for (let k = 0; k < p.length; k++) {
    out[k + 1] = out[k + 1].add(p[k]);
    out[k] = out[k].sub(p[k].mul(root));
  }
  return out;
}

export function polyEquals(a: RationalPoly, b: RationalPoly): boolean {
  const x = trimPoly(a);
  const y = trimPoly(b);
  return x.length === y.length && x.every((c, k) => c.equals(y[k]));
}

/**
 * det(λI − A) exactly: similarity reduction to upper Hessenberg form over ℚ, then the
 * standard Hessenberg recurrence. O(n³) rational operations.
 * @example charPolyExact([[q(0), q(2)], [q(-1), q(-3)]]).map(String) // returns ['2', '3', '1']
 */
export function charPolyExact(matrix: readonly (readonly Rational[])[]): RationalPoly {
  const n = matrix.length;
  if (matrix.some((row) => row.length !== n)) throw new RangeError(`charPolyExact: matrix must be square, got ${n} rows of lengths ${matrix.map((r) => r.length).join(',')}`);
  const H = matrix.map((row) => [...row]);
  for (let k = 0; k < n - 2; k++) {
    let piv = -1;
    for (let r = k + 1; r < n; r++) if (!H[r][k].isZero()) { piv = r; break; }
    if (piv < 0) continue;
    if (piv !== k + 1) {
      [H[piv], H[k + 1]] = [H[k + 1], H[piv]];
      for (const row of H) [row[piv], row[k + 1]] = [row[k + 1], row[piv]];
    }
    const p = H[k + 1][k];
    for (let i = k + 2; i < n; i++) {
      if (H[i][k].isZero()) continue;
      const m = H[i][k].div(p);
      for (let c = 0; c < n; c++) if (!H[k + 1][c].isZero()) H[i][c] = H[i][c].sub(m.mul(H[k + 1][c]));
      for (let r = 0; r < n; r++) if (!H[r][i].isZero()) H[r][k + 1] = H[r][k + 1].add(m.mul(H[r][i]));
    }
  }
  // p_0 = 1; p_k = (λ − h_kk) p_{k−1} − Σ_{i<k} h_ik (Π_{j=i+1..k} h_{j,j−1}) p_{i−1} (1-based)
  const ps: RationalPoly[] = [[Rational.ONE]];
  for (let k = 1; k <= n; k++) {
    let pk = polyMulLinear(ps[k - 1], H[k - 1][k - 1]);
    let prod = Rational.ONE;
    for (let i = k - 1; i >= 1; i--) {
      prod = prod.mul(H[i][i - 1]);
      if (prod.isZero()) break;
      const c = H[i - 1][k - 1].mul(prod);
      if (c.isZero()) continue;
      const prev = ps[i - 1];
      pk = pk.map((x, idx) => (idx < prev.length ? x.sub(c.mul(prev[idx])) : x));
    }
    ps.push(pk);
  }
  return ps[n];
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Eigenvalue n₁λ₁ + n₂λ₂ with its multiplicity on degree n = n₁ + n₂ in d dimensions. */
export interface PredictedEigenvalue {
  n1: number;
  n2: number;
  multiplicity: number;
}

export function predictedSpectrum(d: number, n: number): PredictedEigenvalue[] {
  const out: PredictedEigenvalue[] = [];
  for (let n1 = n; n1 >= 0; n1--) out.push({ n1, n2: n - n1, multiplicity: binom(n1 + d - 1, d - 1) * binom(n - n1 + d - 1, d - 1) });
  return out;
}

/**
 * Π (λ − n₁λ₁ − n₂λ₂)^mult computed exactly in ℚ[t]/(t² + γt + ω₀²) with t = λ₁, λ₂ = −γ − t.
 * Returns the rational polynomial, or throws if a t-part survives (it never should: the
 * product is symmetric in λ₁, λ₂).
 */
export function predictedCharPoly(p: GeneratorParams, n: number): RationalPoly {
  const { omega0Sq: w, gamma: g } = p;
  type E = [Rational, Rational]; // a + b·t
  const mulE = (x: E, y: E): E => {
    const bd = x[1].mul(y[1]);
    return [x[0].mul(y[0]).sub(bd.mul(w)), x[0].mul(y[1]).add(x[1].mul(y[0])).sub(bd.mul(g))];
  };
  let poly: E[] = [[Rational.ONE, Rational.ZERO]];
  for (const { n1, n2, multiplicity } of predictedSpectrum(p.d, n)) {
    // root = n₁ t + n₂(−γ − t) = −n₂γ + (n₁ − n₂) t
    const root: E = [g.mul(q(-n2)), q(n1 - n2)];
    for (let m = 0; m < multiplicity; m++) {
      const next: E[] = Array.from({ length: poly.length + 1 }, () => [Rational.ZERO, Rational.ZERO] as E);
      poly.forEach((c, k) => {
        next[k + 1] = [next[k + 1][0].add(c[0]), next[k + 1][1].add(c[1])];
        const rc = mulE(c, root);
        next[k] = [next[k][0].sub(rc[0]), next[k][1].sub(rc[1])];
      });
      poly = next;
    }
  }
  if (poly.some((c) => !c[1].isZero())) throw new Error('predictedCharPoly: a λ₁-part survived; the product is not symmetric');
  return poly.map((c) => c[0]);
}

/** Exact check of the closed form on one block: det(λI − A_n) = predicted product. */
export function checkClosedFormBlock(p: GeneratorParams, n: number): { degree: number; size: number; equal: boolean; charPoly: string[] } {
  const block = generatorBlock(p, n);
  const cp = charPolyExact(block.matrix);
  return { degree: n, size: block.basis.length, equal: polyEquals(cp, predictedCharPoly(p, n)), charPoly: cp.map(String) };
}

/** Floating eigenvalues (display only; floats never prove). */
export function eigenvaluesFloat(matrix: readonly (readonly Rational[])[]): { re: number; im: number }[] {
  if (matrix.length === 0) return [];
  const e = new EigenvalueDecomposition(new Matrix(matrix.map((r) => r.map((x) => x.toNumber()))));
  return e.realEigenvalues.map((re, k) => ({ re, im: e.imaginaryEigenvalues[k] }));
}

/**
 * Slowest non-zero decay rate of ‖h(t)‖²_* on the truncation to degree ≤ N, from floating
 * eigenvalues of the assembled block-diagonal matrix: 2·min{−Re λ : λ ≠ 0}.
 */
export function spectralGapFloat(p: GeneratorParams, maxDegree: number, zeroTol = 1e-9): { N: number; size: number; rateNormSq: number; slowest: { re: number; im: number } } {
  const blocks = Array.from({ length: maxDegree }, (_, k) => generatorBlock(p, k + 1));
  const size = blocks.reduce((s, b) => s + b.basis.length, 0);
  const full: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let off = 0;
  for (const b of blocks) {
    b.matrix.forEach((row, r) => row.forEach((x, c) => (full[off + r][off + c] = x.toNumber())));
    off += b.basis.length;
  }
  const e = new EigenvalueDecomposition(new Matrix(full));
  let slowest = { re: -Infinity, im: 0 };
  e.realEigenvalues.forEach((re, k) => {
    if (Math.hypot(re, e.imaginaryEigenvalues[k]) > zeroTol && re > slowest.re) slowest = { re, im: e.imaginaryEigenvalues[k] };
  });
  return { N: maxDegree, size: size + 1, rateNormSq: -2 * slowest.re, slowest };
}

/** The three regimes of (3.6). */
export type Regime = 'underdamped' | 'critical' | 'overdamped';

export function regimeOf(omega0Sq: Rational, gamma: Rational): Regime {
  const disc = gamma.mul(gamma).sub(q(4).mul(omega0Sq));
  return disc.sign() < 0 ? 'underdamped' : disc.sign() === 0 ? 'critical' : 'overdamped';
}

export { rationalSqrt } from '../symbolic/rational.ts';

/**
 * An exact certificate that ‖h(t)‖²_* decays NO faster than e^{−ρt}, ρ = 2·min Re λ(Q),
 * built on the degree-one block B = [[0, ω₀²], [−1, −γ]] (coefficients c of h = c₁f₁₀ + c₂f₀₁):
 * - real slow root λ₁ (rational): eigenvector c = (ω₀², λ₁), Bc = λ₁c, so
 *   ‖h(t)‖²_* = e^{2λ₁t}‖h(0)‖²_* exactly (ρ = −2λ₁);
 * - complex roots: S = [[1, γ/2], [γ/2, ω₀²]] ≻ 0 with (B + γ/2)ᵀS + S(B + γ/2) = 0, so
 *   cᵀSc = e^{−γt}c₀ᵀSc₀ and ‖h‖²_* ≥ min(1/ω₀², 1)/tr S · e^{−γt}c₀ᵀSc₀ (ρ = γ).
 * Every identity is re-checked in exact arithmetic; `valid` is their conjunction.
 */
export interface SharpnessCertificate {
  regime: Regime;
  /** ρ exactly (undefined when the slow root is irrational). */
  rho?: Rational;
  kind: 'eigenvector' | 'conserved-form' | 'irrational';
  eigenvalue?: Rational;
  eigenvector?: [Rational, Rational];
  form?: Rational[][];
  /** c₀ᵀSc₀·min(1/ω₀²,1)/tr S or ‖h(0)‖²_*: the constant k in ‖h(t)‖² ≥ k e^{−ρt}. */
  lowerConstant?: Rational;
  checks: Record<string, boolean>;
  valid: boolean;
}

export function sharpnessCertificate(omega0Sq: Rational, gamma: Rational): SharpnessCertificate {
  if (omega0Sq.sign() <= 0) throw new RangeError(`sharpnessCertificate: omega0Sq must be > 0, got ${omega0Sq}`);
  if (gamma.sign() <= 0) throw new RangeError(`sharpnessCertificate: gamma must be > 0, got ${gamma}`);
  const B = degreeOneMatrix(omega0Sq, gamma);
  const regime = regimeOf(omega0Sq, gamma);
  const norms = [basisNormSq(omega0Sq, { i: [1], j: [0] }), basisNormSq(omega0Sq, { i: [0], j: [1] })];
  const disc = gamma.mul(gamma).sub(q(4).mul(omega0Sq));
  if (regime === 'underdamped') {
    const half = gamma.div(q(2));
    const N = [
      [B[0][0].add(half), B[0][1]],
      [B[1][0], B[1][1].add(half)],
    ];
    const S = [
      [Rational.ONE, half],
      [half, omega0Sq],
    ];
    // NᵀS + SN = 0 entrywise
    const ok = [0, 1].every((r) => [0, 1].every((c) => {
      let s = Rational.ZERO;
      for (let k = 0; k < 2; k++) s = s.add(N[k][r].mul(S[k][c])).add(S[r][k].mul(N[k][c]));
      return s.isZero();
    }));
    const pd = S[0][0].sign() > 0 && S[0][0].mul(S[1][1]).sub(S[0][1].mul(S[0][1])).sign() > 0;
    const minG = norms[0].lt(norms[1]) ? norms[0] : norms[1];
    const c0: [Rational, Rational] = [Rational.ONE, Rational.ZERO];
    const quad = S[0][0];
    const lowerConstant = minG.div(S[0][0].add(S[1][1])).mul(quad);
    const checks = { conservedForm: ok, formPositiveDefinite: pd, gramPositive: norms.every((x) => x.sign() > 0) };
    return { regime, rho: gamma, kind: 'conserved-form', form: S, eigenvector: c0, lowerConstant, checks, valid: Object.values(checks).every(Boolean) };
  }
  const s = rationalSqrt(disc);
  if (s === undefined) return { regime, kind: 'irrational', checks: {}, valid: false };
  const lambda1 = gamma.neg().add(s).div(q(2));
  const c: [Rational, Rational] = [omega0Sq, lambda1];
  const Bc = [B[0][0].mul(c[0]).add(B[0][1].mul(c[1])), B[1][0].mul(c[0]).add(B[1][1].mul(c[1]))];
  const eig = Bc[0].equals(lambda1.mul(c[0])) && Bc[1].equals(lambda1.mul(c[1]));
  const normSq = c[0].mul(c[0]).mul(norms[0]).add(c[1].mul(c[1]).mul(norms[1]));
  const checks = { eigenvectorIdentity: eig, nonZero: normSq.sign() > 0 };
  return { regime, rho: lambda1.mul(q(-2)), kind: 'eigenvector', eigenvalue: lambda1, eigenvector: c, lowerConstant: normSq, checks, valid: Object.values(checks).every(Boolean) };
}

/**
 * 2μ with μ as printed in (3.6); in the critical case μ = γ − δ (δ given).
 * Returns undefined when √(γ² − 4ω₀²) is irrational (compare symbolically then).
 */
export function printedRateNormSq(omega0Sq: Rational, gamma: Rational, delta: Rational = Rational.ZERO): Rational | undefined {
  const regime = regimeOf(omega0Sq, gamma);
  if (regime === 'underdamped') return gamma.mul(q(2));
  if (regime === 'critical') return gamma.sub(delta).mul(q(2));
  const s = rationalSqrt(gamma.mul(gamma).sub(q(4).mul(omega0Sq)));
  return s === undefined ? undefined : gamma.sub(s).mul(q(2));
}

/** Floating 2μ of (3.6) and the spectral rate 2·min Re λ(Q), for display in any regime. */
export function ratesFloat(omega0Sq: number, gamma: number): { printed2mu: number; spectral: number } {
  const disc = gamma * gamma - 4 * omega0Sq;
  if (disc < 0) return { printed2mu: 2 * gamma, spectral: gamma };
  const s = Math.sqrt(disc);
  return { printed2mu: 2 * (gamma - s), spectral: gamma - s };
}
