/**
 * Galerkin discretisation of the PERTURBED generator −T + L + R of the microscopic equation
 * (3.2)–(3.3) in d = 1, on Hermite polynomials of total degree ≤ N.
 *
 * Which operator, which subspace. ∂ₜh = A_ε h with A_ε = −T + L + R. Its L²(M)-adjoint is the
 * backward (Kolmogorov) generator of the (x, v) diffusion behind (2.4),
 *   A_ε* = T + L + R*,   R*φ = −ε(θ)(∂ₓ − γ∂ᵥ)φ,   θ = −(v + γx)/ω₀²,
 * (integration by parts, using (∂ₓ − γ∂ᵥ)ε(θ) = 0 and (∂ₓ − γ∂ᵥ)M = −β(ω₀²x − γv)M). A_ε* maps
 * polynomials to functions whose projection we take; A_ε* 1 = 0, so the Galerkin matrix G of
 * A_ε* has a zero column at the constant f₀₀, i.e. G = [[0, r], [0, G′]] and spec G = {0} ∪ spec G′.
 * The 0 is the (truncated) steady state F/M of A_ε (not M: R1 = −βε(ω₀²x − γv) ≠ 0). The
 * fluctuation h = (g − F)/M of (3.2) has ∫hM = 0, and {∫hM = 0} is invariant because
 * ⟨1, A_ε h⟩_* = ∫∂ₜg = 0 (mass conservation); its Galerkin space is span{f_ij : i + j ≥ 1}
 * and its matrix is G′ (the transpose, in an orthonormal basis, of the one of A_ε; same
 * spectrum). So the slowest non-zero decay of ‖h(t)‖²_* on the truncation is
 * 2·min{−Re λ : λ ∈ spec G′}; the eigenvalue 0 is removed exactly, not by a tolerance.
 *
 * Coordinates (as in numeric/hermite-operator.ts): X = √βω₀x, V = √βv are standard normals
 * under M; f_ij = ω₀^{−i}He_i(X)He_j(V) (exact, rational entries) and the orthonormal
 * e_ij = He_i(X)He_j(V)/√(i!j!) (floating, used for eigenvalues: the f-basis scaling i!j!
 * would ruin their conditioning). In the f-basis
 *   (T + L)f_ij = i f_{i−1,j+1} − ω₀² j f_{i+1,j−1} − γ j f_ij,
 *   (∂ₓ − γ∂ᵥ)f_ij = √β (i f_{i−1,j} − γ j f_{i,j−1}) =: √β D f_ij,
 *   θ = −S/(√βω₀²),  S f_ij = f_{i,j+1} + j f_{i,j−1} + γ f_{i+1,j} + (γ i/ω₀²) f_{i−1,j},
 * so for an odd polynomial ε(θ) = Σ c_k θ^k:  R* = Σ_k c_k β^{−(k−1)/2} ω₀^{−2k} S^k D, rational
 * when ω₀², γ, β, c_k are (exact Gaussian moments, no quadrature). For other ε (a·tanh θ,
 * a·sin(2θ)e^{−θ²/2}) the multiplication matrix E_kl = E_M[ε(θ)e_k e_l] is computed by tensor
 * Gauss–Hermite quadrature (numeric/gauss-hermite.ts) and G′ = (T + L) − E·(∂ₓ − γ∂ᵥ).
 *
 * Floating point and truncation: these eigenvalues never prove; see proofs/section3-dynamics.ts.
 * @see (2.4), (3.1), (3.2), (3.3), (3.6), (4.5); numeric/hermite-operator.ts (ε = 0, exact)
 */
import { realMatrixEigenvalues } from './eigenvalues.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { gaussHermiteRule, MAX_GAUSS_HERMITE_POINTS } from './gauss-hermite.ts';

/** The d = 1 model (2.2)/(2.4) with ∇f = ω₀²θ + ε(θ); β = 2γ/(τ²ω₀⁴). */
export interface PerturbedModel {
  /** ω₀² > 0. */
  omega0Sq: number;
  /** γ > 0. */
  gamma: number;
  /** β > 0 of (2.4) (enters only through ε ≠ 0). */
  beta: number;
}

/** The same model with exact rational parameters (for `backwardGeneratorExact`). */
export interface PerturbedModelExact {
  omega0Sq: Rational;
  gamma: Rational;
  beta: Rational;
}

/** ε(θ) as an odd polynomial Σ c_k θ^k (coefficients low to high; even ones must vanish) or as a function. */
export type Perturbation =
  | { kind: 'odd-polynomial'; coefficients: readonly Rational[] }
  | { kind: 'function'; eps: (theta: number) => number };

/** Basis index (i, j) of f_ij / e_ij. */
export type Index2 = readonly [number, number];

/** All (i, j) with 1 ≤ i + j ≤ N (the mass-zero Galerkin space), by degree then decreasing i; with `withConstant`, (0, 0) first. */
export function galerkinBasis(maxDegree: number, withConstant = false): Index2[] {
  if (!Number.isInteger(maxDegree) || maxDegree < 1) throw new RangeError(`galerkinBasis: maxDegree must be an integer ≥ 1, got ${maxDegree}`);
  const out: Index2[] = withConstant ? [[0, 0]] : [];
  for (let n = 1; n <= maxDegree; n++) for (let i = n; i >= 0; i--) out.push([i, n - i]);
  return out;
}

function checkModel(fn: string, m: PerturbedModel): void {
  if (!(m.omega0Sq > 0)) throw new RangeError(`${fn}: omega0Sq must be > 0, got ${m.omega0Sq}`);
  if (!(m.gamma > 0)) throw new RangeError(`${fn}: gamma must be > 0, got ${m.gamma}`);
  if (!(m.beta > 0)) throw new RangeError(`${fn}: beta must be > 0, got ${m.beta}`);
}

// ───────────── exact route (f-basis, odd polynomial ε) ─────────────

type SparsePoly = Map<string, { i: number; j: number; c: Rational }>;

function addTerm(p: SparsePoly, i: number, j: number, c: Rational): void {
  if (c.isZero()) return;
  const k = `${i},${j}`;
  const cur = p.get(k);
  if (!cur) p.set(k, { i, j, c });
  else {
    const s = cur.c.add(c);
    if (s.isZero()) p.delete(k);
    else cur.c = s;
  }
}

function applyExact(p: SparsePoly, op: (i: number, j: number, c: Rational, out: SparsePoly) => void): SparsePoly {
  const out: SparsePoly = new Map();
  for (const { i, j, c } of p.values()) op(i, j, c, out);
  return out;
}

/**
 * The exact Galerkin matrix of A_ε* = T + L + R* on f_ij, i + j ≤ N (with the constant first):
 * `matrix[r][c]` = coefficient of basis[r] in the projection of A_ε* basis[c]. ε must be an odd
 * polynomial (then β enters through integer powers only).
 * @example backwardGeneratorExact({omega0Sq: q(4), gamma: q(5), beta: q(5, 2)}, [q(0), q(0), q(0), q(1)], 1).matrix[0].every((x) => x.isZero()) // returns true (A*1 = 0)
 */
export function backwardGeneratorExact(p: PerturbedModelExact, coefficients: readonly Rational[], maxDegree: number): { basis: Index2[]; matrix: Rational[][] } {
  if (p.omega0Sq.sign() <= 0) throw new RangeError(`backwardGeneratorExact: omega0Sq must be > 0, got ${p.omega0Sq}`);
  if (p.gamma.sign() <= 0) throw new RangeError(`backwardGeneratorExact: gamma must be > 0, got ${p.gamma}`);
  if (p.beta.sign() <= 0) throw new RangeError(`backwardGeneratorExact: beta must be > 0, got ${p.beta}`);
  coefficients.forEach((c, k) => {
    if (k % 2 === 0 && !c.isZero()) throw new RangeError(`backwardGeneratorExact: ε must be odd, got coefficient ${c} of θ^${k}`);
  });
  const { omega0Sq: w, gamma: g, beta: b } = p;
  const basis = galerkinBasis(maxDegree, true);
  const pos = new Map(basis.map(([i, j], k) => [`${i},${j}`, k]));
  const base = (i: number, j: number, c: Rational, out: SparsePoly) => {
    if (i > 0) addTerm(out, i - 1, j + 1, c.mul(q(i)));
    if (j > 0) {
      addTerm(out, i + 1, j - 1, c.mul(w).mul(q(-j)));
      addTerm(out, i, j, c.mul(g).mul(q(-j)));
    }
  };
  const D = (i: number, j: number, c: Rational, out: SparsePoly) => {
    if (i > 0) addTerm(out, i - 1, j, c.mul(q(i)));
    if (j > 0) addTerm(out, i, j - 1, c.mul(g).mul(q(-j)));
  };
  const S = (i: number, j: number, c: Rational, out: SparsePoly) => {
    addTerm(out, i, j + 1, c);
    if (j > 0) addTerm(out, i, j - 1, c.mul(q(j)));
    addTerm(out, i + 1, j, c.mul(g));
    if (i > 0) addTerm(out, i - 1, j, c.mul(g).mul(q(i)).div(w));
  };
  const matrix = basis.map(() => basis.map(() => Rational.ZERO));
  basis.forEach(([i0, j0], col) => {
    const f: SparsePoly = new Map([[`${i0},${j0}`, { i: i0, j: j0, c: Rational.ONE }]]);
    const image: SparsePoly = applyExact(f, base);
    let power = applyExact(f, D); // S^k D f, k = 0, 1, …
    for (let k = 1; k < coefficients.length; k++) {
      power = applyExact(power, S);
      const ck = coefficients[k];
      if (k % 2 === 1 && !ck.isZero()) {
        const scale = ck.div(b.pow((k - 1) / 2)).div(w.pow(k));
        for (const t of power.values()) addTerm(image, t.i, t.j, t.c.mul(scale));
      }
    }
    for (const t of image.values()) {
      const r = pos.get(`${t.i},${t.j}`);
      if (r !== undefined) matrix[r][col] = matrix[r][col].add(t.c);
    }
  });
  return { basis, matrix };
}

/** ‖f_ij‖_* = ω₀^{−i}√(i!j!): the factor with f_ij = s_ij e_ij. */
function logScale(omega0Sq: number, i: number, j: number): number {
  let s = -0.5 * i * Math.log(omega0Sq);
  for (let k = 2; k <= i; k++) s += 0.5 * Math.log(k);
  for (let k = 2; k <= j; k++) s += 0.5 * Math.log(k);
  return s;
}

/** An f-basis matrix (constant first) in the orthonormal basis e_ij, with the constant row and column dropped: G′[r][c] = G[r][c]·s_r/s_c. */
export function toOrthonormalMassZero(omega0Sq: number, basis: readonly Index2[], matrix: readonly (readonly Rational[])[]): number[][] {
  const keep = basis.map((b, k) => k).filter((k) => basis[k][0] + basis[k][1] > 0);
  const ls = basis.map(([i, j]) => logScale(omega0Sq, i, j));
  return keep.map((r) => keep.map((c) => (matrix[r][c].isZero() ? 0 : matrix[r][c].toNumber() * Math.exp(ls[r] - ls[c]))));
}

// ───────────── floating route (orthonormal basis, any ε) ─────────────

/** Options of `multiplicationMatrix`. */
export interface QuadratureOptions {
  /** Gauss–Hermite points per coordinate. @defaultValue maxDegree + 16 (exact for polynomial ε of degree ≤ 31) */
  points?: number;
}

/** Orthonormal Hermite values p_k(z) = He_k(z)/√k!, k = 0 … n, at each node: out[node][k]. */
function orthonormalValues(nodes: Float64Array, n: number): Float64Array[] {
  return Array.from(nodes, (z) => {
    const p = new Float64Array(n + 1);
    p[0] = 1;
    if (n >= 1) p[1] = z;
    for (let k = 1; k < n; k++) p[k + 1] = (z * p[k] - Math.sqrt(k) * p[k - 1]) / Math.sqrt(k + 1);
    return p;
  });
}

/**
 * E_kl = E_M[ε(θ) e_k e_l] on the basis 0 ≤ i + j ≤ N (constant first: (∂ₓ − γ∂ᵥ) maps degree 1
 * to constants, whose product with ε is not constant), θ = −(V + γX/ω₀)/(√βω₀²),
 * by tensor Gauss–Hermite quadrature, summed coordinate by coordinate (O(n_q²N² + n_qN⁴)).
 */
export function multiplicationMatrix(model: PerturbedModel, eps: (theta: number) => number, maxDegree: number, options: QuadratureOptions = {}): number[][] {
  checkModel('multiplicationMatrix', model);
  const { points = maxDegree + 16 } = options;
  if (!Number.isInteger(points) || points < 1 || points > MAX_GAUSS_HERMITE_POINTS) throw new RangeError(`multiplicationMatrix: points must be an integer in [1, ${MAX_GAUSS_HERMITE_POINTS}], got ${points}`);
  const rule = gaussHermiteRule(points);
  const n = maxDegree;
  const P = orthonormalValues(rule.nodes, n);
  const omega0 = Math.sqrt(model.omega0Sq);
  const scale = -1 / (Math.sqrt(model.beta) * model.omega0Sq);
  // W[a][j][j'] = Σ_b w_b ε(θ(X_a, V_b)) p_j(V_b) p_j'(V_b)
  const W = Array.from(rule.nodes, (xa) => {
    const m = new Float64Array((n + 1) * (n + 1));
    rule.nodes.forEach((vb, b) => {
      const e = rule.weights[b] * eps(scale * (vb + (model.gamma * xa) / omega0));
      if (e === 0) return;
      const pv = P[b];
      for (let j = 0; j <= n; j++) {
        const ej = e * pv[j];
        for (let jj = j; jj <= n; jj++) m[j * (n + 1) + jj] += ej * pv[jj];
      }
    });
    return m;
  });
  const basis = galerkinBasis(n, true);
  const size = basis.length;
  const out = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let r = 0; r < size; r++) {
    const [i, j] = basis[r];
    for (let c = r; c < size; c++) {
      const [ii, jj] = basis[c];
      const jl = Math.min(j, jj), jh = Math.max(j, jj);
      let s = 0;
      for (let a = 0; a < points; a++) s += rule.weights[a] * P[a][i] * P[a][ii] * W[a][jl * (n + 1) + jh];
      out[r][c] = s;
      out[c][r] = s;
    }
  }
  return out;
}

/**
 * G′ of T + L + R* on the orthonormal mass-zero basis, with R* from the multiplication matrix E
 * (constant included): G = (T + L) − E·(∂ₓ − γ∂ᵥ) on 0 ≤ i + j ≤ N, then the constant row and
 * column dropped (its column is 0: A_ε*1 = 0).
 */
function assembleOrthonormal(model: PerturbedModel, maxDegree: number, E: readonly (readonly number[])[] | undefined): number[][] {
  const basis = galerkinBasis(maxDegree, true);
  const pos = new Map(basis.map(([i, j], k) => [`${i},${j}`, k]));
  const size = basis.length;
  const w = Math.sqrt(model.omega0Sq), g = model.gamma, sb = Math.sqrt(model.beta);
  const G = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const Dm: Array<Array<[number, number]>> = basis.map(() => []); // column c: (row, value) of (∂ₓ − γ∂ᵥ)e_c
  basis.forEach(([i, j], c) => {
    const put = (ii: number, jj: number, v: number) => { const r = pos.get(`${ii},${jj}`); if (r !== undefined) G[r][c] += v; };
    if (i > 0) put(i - 1, j + 1, w * Math.sqrt(i * (j + 1)));
    if (j > 0) {
      put(i + 1, j - 1, -w * Math.sqrt((i + 1) * j));
      put(i, j, -g * j);
    }
    const pushD = (ii: number, jj: number, v: number) => { const r = pos.get(`${ii},${jj}`); if (r !== undefined) Dm[c].push([r, v]); };
    if (i > 0) pushD(i - 1, j, sb * w * Math.sqrt(i));
    if (j > 0) pushD(i, j - 1, -sb * g * Math.sqrt(j));
  });
  if (E) {
    for (let c = 0; c < size; c++) {
      for (const [m, v] of Dm[c]) for (let r = 0; r < size; r++) G[r][c] -= E[r][m] * v;
    }
  }
  return G.slice(1).map((row) => row.slice(1));
}

/**
 * The Galerkin matrix G′ of A_ε* on the mass-zero space, orthonormal basis e_ij, 1 ≤ i + j ≤ N.
 * Odd polynomial ε: exact rational entries (f-basis) rescaled; otherwise quadrature.
 */
export function perturbedGalerkinMatrix(model: PerturbedModel, perturbation: Perturbation | undefined, maxDegree: number, options: QuadratureOptions = {}): number[][] {
  checkModel('perturbedGalerkinMatrix', model);
  if (!Number.isInteger(maxDegree) || maxDegree < 1) throw new RangeError(`perturbedGalerkinMatrix: maxDegree must be an integer ≥ 1, got ${maxDegree}`);
  if (!perturbation) return assembleOrthonormal(model, maxDegree, undefined);
  if (perturbation.kind === 'odd-polynomial') {
    const exactModel = { omega0Sq: Rational.fromNumber(model.omega0Sq), gamma: Rational.fromNumber(model.gamma), beta: Rational.fromNumber(model.beta) };
    const ex = backwardGeneratorExact(exactModel, perturbation.coefficients, maxDegree);
    return toOrthonormalMassZero(model.omega0Sq, ex.basis, ex.matrix);
  }
  return assembleOrthonormal(model, maxDegree, multiplicationMatrix(model, perturbation.eps, maxDegree, options));
}

/** Slowest mode of one truncation. */
export interface GalerkinGap {
  N: number;
  /** Dimension of G′ (mass-zero space). */
  size: number;
  /** The eigenvalue of G′ with the largest real part. */
  slowest: { re: number; im: number };
  /** 2·(−Re slowest): the decay rate of ‖h(t)‖²_* on the truncation. */
  rateNormSq: number;
}

/** Floating eigenvalues of a square matrix (numeric/eigenvalues.ts; evidence only, floats never prove). */
export function eigenvaluesOf(matrix: readonly (readonly number[])[]): { re: number; im: number }[] {
  return realMatrixEigenvalues(matrix);
}

/** Cross-parity entries at most this times the largest entry count as the zeros they are in exact arithmetic. */
const PARITY_ZERO = 1e-13;

/**
 * The diagonal blocks of G′ by the parity (−1)^{i+j} of e_ij, when G′ commutes with (x, v) ↦ (−x, −v):
 * T + L keep the degree, and R* = −ε(θ)(∂ₓ − γ∂ᵥ) with ε odd lowers it by one and multiplies by an
 * odd function, so every entry between opposite parities vanishes (up to quadrature round-off);
 * spec G′ is then the union of the blocks' spectra, at a quarter of the eigenvalue work. Any
 * larger cross entry (ε not odd): the whole matrix.
 */
function parityBlocks(G: readonly (readonly number[])[], basis: readonly Index2[]): number[][][] {
  const parity = basis.map(([i, j]) => (i + j) % 2);
  let big = 0;
  let cross = 0;
  for (let r = 0; r < G.length; r++) {
    for (let c = 0; c < G.length; c++) {
      const a = Math.abs(G[r][c]);
      if (parity[r] === parity[c]) big = Math.max(big, a);
      else cross = Math.max(cross, a);
    }
  }
  if (!(cross <= PARITY_ZERO * big)) return [G.map((row) => [...row])];
  return [0, 1].map((p) => {
    const idx = parity.flatMap((q, k) => (q === p ? [k] : []));
    return idx.map((r) => idx.map((c) => G[r][c]));
  }).filter((b) => b.length > 0);
}

/**
 * Slowest non-zero decay of the perturbed generator truncated to degree ≤ N.
 * @example perturbedGap({omega0Sq: 4, gamma: 5, beta: 2.5}, undefined, 4).rateNormSq // ≈ 2 (= 2·min Re λ(Q))
 */
export function perturbedGap(model: PerturbedModel, perturbation: Perturbation | undefined, maxDegree: number, options: QuadratureOptions = {}): GalerkinGap {
  const G = perturbedGalerkinMatrix(model, perturbation, maxDegree, options);
  let slowest = { re: -Infinity, im: 0 };
  for (const ev of parityBlocks(G, galerkinBasis(maxDegree)).flatMap(eigenvaluesOf)) if (ev.re > slowest.re || (ev.re === slowest.re && Math.abs(ev.im) < Math.abs(slowest.im))) slowest = ev;
  return { N: maxDegree, size: G.length, slowest: { re: slowest.re, im: Math.abs(slowest.im) }, rateNormSq: -2 * slowest.re };
}

/**
 * The ε = 0 closed form on degrees 1 … N (d = 1): {n₁λ₁ + n₂λ₂ : 1 ≤ n₁ + n₂ ≤ N}, λ₁,₂ the roots
 * of λ² + γλ + ω₀² (eigenvalues of −Q, (4.5)), as floats.
 */
export function closedFormSpectrum(omega0Sq: number, gamma: number, maxDegree: number): { re: number; im: number }[] {
  const disc = gamma * gamma - 4 * omega0Sq;
  const s = Math.sqrt(Math.abs(disc));
  const l1 = disc >= 0 ? { re: (-gamma + s) / 2, im: 0 } : { re: -gamma / 2, im: s / 2 };
  const l2 = disc >= 0 ? { re: (-gamma - s) / 2, im: 0 } : { re: -gamma / 2, im: -s / 2 };
  const out: { re: number; im: number }[] = [];
  for (let n = 1; n <= maxDegree; n++) for (let n1 = n; n1 >= 0; n1--) out.push({ re: n1 * l1.re + (n - n1) * l2.re, im: n1 * l1.im + (n - n1) * l2.im });
  return out;
}
