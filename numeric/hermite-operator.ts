/**
 * The ε = 0 generator A = −T + L of the microscopic equation (3.2), ∂ₜh = Ah, on a Hermite
 * basis of L²(M), with EXACT rational entries.
 *
 * With X = √β ω₀ x, V = √β v (standard normals under M of (3.1)) and probabilists' Hermite
 * polynomials Heₙ, per coordinate
 *   −T = ω₀ (X∂_V − V∂_X),   L = γ (∂²_V − V∂_V),
 * and (V∂_X − X∂_V) He_i He_j = i He_{i−1}He_{j+1} − j He_{i+1}He_{j−1} (the degree i+j−2
 * terms cancel). In the rescaled, unnormalised basis f_{ij} = ω₀^{−i} He_i(X) He_j(V)
 *   A f_{ij} = −i f_{i−1,j+1} + ω₀² j f_{i+1,j−1} − γ j f_{ij},            (⋆)
 * so entries are rational in (ω₀², γ); β drops out, and ω₀ itself (possibly irrational)
 * never appears. ‖f_{ij}‖²_* = ω₀^{−2i} i! j! (rational). In d dimensions the basis is the
 * tensor product and A the sum over coordinates. A maps each total degree n to itself, so
 * its matrix is block diagonal by degree; floats enter only in numeric/spectral.ts.
 *
 * @see (3.1), (3.2), (3.3); Q of (4.5); [arnold_erb_2014] for OU-type spectra.
 */
import { Rational, q } from '../symbolic/rational.ts';

/** Parameters of the ε = 0 generator; exact rationals. */
export interface GeneratorParams {
  /** ω₀² > 0 of ∇f = ω₀²θ. */
  omega0Sq: Rational;
  /** γ > 0 of (2.2). */
  gamma: Rational;
  /** Dimension d of θ (x, v ∈ ℝᵈ). */
  d: number;
}

/** A basis index: Hermite degrees in x (i) and v (j), per coordinate. */
export interface HermiteIndex {
  i: readonly number[];
  j: readonly number[];
}

/** The generator restricted to total degree n: `matrix[r][c]` = coefficient of basis[r] in A basis[c]. */
export interface HermiteBlock {
  degree: number;
  basis: HermiteIndex[];
  matrix: Rational[][];
}

function checkParams(fn: string, p: GeneratorParams): void {
  if (p.omega0Sq.sign() <= 0) throw new RangeError(`${fn}: omega0Sq must be > 0, got ${p.omega0Sq}`);
  if (p.gamma.sign() <= 0) throw new RangeError(`${fn}: gamma must be > 0, got ${p.gamma}`);
  if (!Number.isInteger(p.d) || p.d < 1) throw new RangeError(`${fn}: d must be a positive integer, got ${p.d}`);
}

/** All compositions of n into k non-negative parts, in lexicographic order. */
function compositions(n: number, k: number): number[][] {
  if (k === 1) return [[n]];
  const out: number[][] = [];
  for (let a = n; a >= 0; a--) for (const rest of compositions(n - a, k - 1)) out.push([a, ...rest]);
  return out;
}

/** Basis indices of total degree n in d dimensions (2d Hermite degrees summing to n). */
export function hermiteBasis(d: number, n: number): HermiteIndex[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`hermiteBasis: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`hermiteBasis: d must be a positive integer, got ${d}`);
  return compositions(n, 2 * d).map((c) => ({ i: c.slice(0, d), j: c.slice(d) }));
}

export function indexKey(ix: HermiteIndex): string {
  return `${ix.i.join(',')}|${ix.j.join(',')}`;
}

function factorial(n: number): bigint {
  let f = 1n;
  for (let k = 2n; k <= BigInt(n); k++) f *= k;
  return f;
}

/** ‖f_ix‖²_* = Π_k ω₀^{−2 i_k} i_k! j_k! (exact). */
export function basisNormSq(omega0Sq: Rational, ix: HermiteIndex): Rational {
  let r = Rational.ONE;
  for (let k = 0; k < ix.i.length; k++) {
    r = r.mul(q(factorial(ix.i[k]) * factorial(ix.j[k]))).div(omega0Sq.pow(ix.i[k]));
  }
  return r;
}

/**
 * The image A f_ix as a sparse list of (index, coefficient), by (⋆) summed over coordinates.
 * @example generatorAction({omega0Sq: q(2), gamma: q(3), d: 1}, {i:[0], j:[1]}) // 2·f_{10} − 3·f_{01}
 */
export function generatorAction(p: GeneratorParams, ix: HermiteIndex): { index: HermiteIndex; coef: Rational }[] {
  const out: { index: HermiteIndex; coef: Rational }[] = [];
  for (let k = 0; k < p.d; k++) {
    const i = ix.i[k];
    const j = ix.j[k];
    if (i > 0) out.push({ index: shift(ix, k, -1, +1), coef: q(-i) });
    if (j > 0) {
      out.push({ index: shift(ix, k, +1, -1), coef: p.omega0Sq.mul(q(j)) });
      out.push({ index: ix, coef: p.gamma.mul(q(-j)) });
    }
  }
  return out;
}

function shift(ix: HermiteIndex, k: number, di: number, dj: number): HermiteIndex {
  const i = [...ix.i];
  const j = [...ix.j];
  i[k] += di;
  j[k] += dj;
  return { i, j };
}

/** The exact degree-n block of A = −T + L (ε = 0). */
export function generatorBlock(p: GeneratorParams, n: number): HermiteBlock {
  checkParams('generatorBlock', p);
  const basis = hermiteBasis(p.d, n);
  const pos = new Map(basis.map((b, k) => [indexKey(b), k]));
  const m = basis.length;
  const matrix: Rational[][] = Array.from({ length: m }, () => Array.from({ length: m }, () => Rational.ZERO));
  basis.forEach((b, c) => {
    for (const { index, coef } of generatorAction(p, b)) {
      const r = pos.get(indexKey(index))!;
      matrix[r][c] = matrix[r][c].add(coef);
    }
  });
  return { degree: n, basis, matrix };
}

/** Blocks of degree 0…N (the truncation of A to polynomials of degree ≤ N). */
export function generatorBlocks(p: GeneratorParams, maxDegree: number): HermiteBlock[] {
  checkParams('generatorBlocks', p);
  if (!Number.isInteger(maxDegree) || maxDegree < 0) throw new RangeError(`generatorBlocks: maxDegree must be a non-negative integer, got ${maxDegree}`);
  return Array.from({ length: maxDegree + 1 }, (_, n) => generatorBlock(p, n));
}

/**
 * The degree-1 block in d = 1 on (f₁₀, f₀₁) = (√β x, √β v): B = [[0, ω₀²], [−1, −γ]],
 * characteristic polynomial λ² + γλ + ω₀², i.e. the eigenvalues of −Q of (4.5).
 */
export function degreeOneMatrix(omega0Sq: Rational, gamma: Rational): Rational[][] {
  return generatorBlock({ omega0Sq, gamma, d: 1 }, 1).matrix;
}
