/**
 * Small exact matrices whose entries are polynomials (`Poly`) in the paper's parameters
 * (ω₀, γ, C, Ĉ, μ, δ, …), with products, determinants, characteristic polynomials,
 * principal minors and exact PSD/PD tests at rational points.
 *
 * Square-root symbols: a variable `s` standing for √R (R a polynomial, s ≥ 0) is handled
 * by reducing modulo s² − R (`reduceRoots`) and, at a rational point, by the exact sign of
 * A + B√R in ℚ(√R) (`signWithRoot`). Used for s = √(γ² − 4ω₀²) of Theorem 3.1, case 2.
 *
 * Block reduction: the matrices K, P, Q of (4.4)–(4.5) are A ⊗ I_d with A 2×2. The perfect
 * shuffle Π satisfies Π (A ⊗ I_d) Πᵀ = I_d ⊗ A = diag(A, …, A) (`perfectShuffle`), so
 * A ⊗ I_d ⪰ 0 ⟺ A ⪰ 0 and det(λ − A ⊗ I_d) = det(λ − A)^d.
 */
import { Rational, q, rationalSqrt } from './rational.ts';
import { Poly, lift, pc, pv } from './poly.ts';

export type Entry = Poly | Rational | number;

/** An immutable rows × cols matrix of polynomials. */
export class PolyMatrix {
  readonly rows: number;
  readonly cols: number;
  private readonly data: readonly (readonly Poly[])[];

  private constructor(data: Poly[][]) {
    this.rows = data.length;
    this.cols = data.length ? data[0].length : 0;
    this.data = data;
  }

  /** @example PolyMatrix.from([[1, pv('C')], [pv('C'), 2]]).det().toString() // returns "-C^2 + 2" */
  static from(rows: readonly (readonly Entry[])[]): PolyMatrix {
    if (rows.length === 0) throw new RangeError('PolyMatrix.from: need at least one row, got 0');
    const n = rows[0].length;
    for (const r of rows) if (r.length !== n) throw new RangeError(`PolyMatrix.from: ragged rows (${r.length} vs ${n})`);
    return new PolyMatrix(rows.map((r) => r.map(lift)));
  }
  static identity(n: number): PolyMatrix {
    return PolyMatrix.build(n, n, (i, j) => (i === j ? Poly.ONE : Poly.ZERO));
  }
  static zeros(rows: number, cols: number): PolyMatrix {
    return PolyMatrix.build(rows, cols, () => Poly.ZERO);
  }
  static build(rows: number, cols: number, f: (i: number, j: number) => Entry): PolyMatrix {
    if (!(rows > 0 && cols > 0)) throw new RangeError(`PolyMatrix.build: size must be positive, got ${rows}×${cols}`);
    return new PolyMatrix(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => lift(f(i, j)))));
  }

  get(i: number, j: number): Poly {
    return this.data[i][j];
  }
  toRows(): Poly[][] {
    return this.data.map((r) => [...r]);
  }
  map(f: (p: Poly, i: number, j: number) => Poly): PolyMatrix {
    return new PolyMatrix(this.data.map((r, i) => r.map((p, j) => f(p, i, j))));
  }

  add(o: PolyMatrix): PolyMatrix {
    this.sameShape(o, 'add');
    return this.map((p, i, j) => p.add(o.get(i, j)));
  }
  sub(o: PolyMatrix): PolyMatrix {
    this.sameShape(o, 'sub');
    return this.map((p, i, j) => p.sub(o.get(i, j)));
  }
  /** Multiply every entry by a polynomial or a number. */
  scale(c: Entry): PolyMatrix {
    const k = lift(c);
    return this.map((p) => p.mul(k));
  }
  mul(o: PolyMatrix): PolyMatrix {
    if (this.cols !== o.rows) throw new RangeError(`PolyMatrix.mul: shapes ${this.rows}×${this.cols} and ${o.rows}×${o.cols} do not chain`);
    return PolyMatrix.build(this.rows, o.cols, (i, j) => {
      let s = Poly.ZERO;
      for (let k = 0; k < this.cols; k++) s = s.add(this.data[i][k].mul(o.data[k][j]));
      return s;
    });
  }
  transpose(): PolyMatrix {
    return PolyMatrix.build(this.cols, this.rows, (i, j) => this.data[j][i]);
  }
  isSymmetric(): boolean {
    if (this.rows !== this.cols) return false;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < i; j++) if (!this.data[i][j].equals(this.data[j][i])) return false;
    return true;
  }
  equals(o: PolyMatrix): boolean {
    if (this.rows !== o.rows || this.cols !== o.cols) return false;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < this.cols; j++) if (!this.data[i][j].equals(o.data[i][j])) return false;
    return true;
  }
  isZero(): boolean {
    return this.data.every((r) => r.every((p) => p.isZero()));
  }

  /** The submatrix on the given rows and columns. */
  submatrix(rowIdx: readonly number[], colIdx: readonly number[]): PolyMatrix {
    return PolyMatrix.build(rowIdx.length, colIdx.length, (i, j) => this.data[rowIdx[i]][colIdx[j]]);
  }

  /**
   * Determinant by Laplace expansion along rows with memoised column subsets: O(n·2ⁿ)
   * polynomial products, exact, no division (fine for n ≤ 8).
   */
  det(): Poly {
    if (this.rows !== this.cols) throw new RangeError(`PolyMatrix.det: matrix must be square, got ${this.rows}×${this.cols}`);
    const n = this.rows;
    const memo = new Map<number, Poly>();
    const rec = (row: number, mask: number): Poly => {
      if (row === n) return Poly.ONE;
      const hit = memo.get(mask);
      if (hit) return hit;
      let s = Poly.ZERO;
      let sign = 1;
      for (let j = 0; j < n; j++) {
        if (mask & (1 << j)) continue;
        const a = this.data[row][j];
        if (!a.isZero()) {
          const t = a.mul(rec(row + 1, mask | (1 << j)));
          s = sign > 0 ? s.add(t) : s.sub(t);
        }
        sign = -sign;
      }
      memo.set(mask, s);
      return s;
    };
    return rec(0, 0);
  }

  /** det(λI − A) in the variable `lambda`. @example Q of (4.5): λ² − γλ + ω₀² */
  charPoly(lambda = 'lambda'): Poly {
    const L = pv(lambda);
    return PolyMatrix.identity(this.rows).scale(L).sub(this).det();
  }

  /** All 2ⁿ − 1 principal minors, keyed by their index set. */
  principalMinors(): { indices: number[]; minor: Poly }[] {
    const n = this.rows;
    const out: { indices: number[]; minor: Poly }[] = [];
    for (let mask = 1; mask < 1 << n; mask++) {
      const idx = [...Array(n).keys()].filter((i) => mask & (1 << i));
      out.push({ indices: idx, minor: this.submatrix(idx, idx).det() });
    }
    return out.sort((a, b) => a.indices.length - b.indices.length);
  }
  /** Leading principal minors Δ₁, …, Δₙ (Sylvester's criterion). */
  leadingPrincipalMinors(): Poly[] {
    return Array.from({ length: this.rows }, (_, k) => {
      const idx = [...Array(k + 1).keys()];
      return this.submatrix(idx, idx).det();
    });
  }

  /** Substitute polynomials for variables in every entry. */
  subs(map: Readonly<Record<string, Entry>>): PolyMatrix {
    return this.map((p) => p.subs(map));
  }
  /** Exact values at a rational point. */
  evaluate(at: Readonly<Record<string, Rational>>): Rational[][] {
    return this.data.map((r) => r.map((p) => p.evaluate(at)));
  }
  evaluateNumber(at: Readonly<Record<string, number>>): number[][] {
    return this.data.map((r) => r.map((p) => p.evaluateNumber(at)));
  }

  toString(): string {
    return `[${this.data.map((r) => `[${r.map((p) => p.toString()).join(', ')}]`).join(', ')}]`;
  }
  toLatex(name?: (v: string) => string): string {
    return `\\begin{bmatrix} ${this.data.map((r) => r.map((p) => p.toLatex(name)).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
  }

  private sameShape(o: PolyMatrix, op: string): void {
    if (this.rows !== o.rows || this.cols !== o.cols) throw new RangeError(`PolyMatrix.${op}: shapes ${this.rows}×${this.cols} and ${o.rows}×${o.cols} differ`);
  }
}

/** Kronecker product A ⊗ B. */
export function kron(a: PolyMatrix, b: PolyMatrix): PolyMatrix {
  return PolyMatrix.build(a.rows * b.rows, a.cols * b.cols, (i, j) => a.get(Math.floor(i / b.rows), Math.floor(j / b.cols)).mul(b.get(i % b.rows, j % b.cols)));
}

/**
 * The block matrix [[a I_d, b I_d], [c I_d, e I_d]] of (4.4)–(4.5), i.e. A ⊗ I_d for A = [[a, b], [c, e]]
 * (generally: each entry of A times I_d).
 */
export function blockLift(a: PolyMatrix, d: number): PolyMatrix {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`blockLift: d must be a positive integer, got ${d}`);
  return kron(a, PolyMatrix.identity(d));
}

/**
 * The perfect-shuffle permutation Π with Π (A ⊗ I_d) Πᵀ = I_d ⊗ A for n×n A:
 * row i·d + k of A ⊗ I_d goes to row k·n + i.
 */
export function perfectShuffle(n: number, d: number): PolyMatrix {
  return PolyMatrix.build(n * d, n * d, (r, c) => {
    const k = Math.floor(r / n);
    const i = r % n;
    return c === i * d + k ? 1 : 0;
  });
}

/** Block reduction check: Π (A ⊗ I_d) Πᵀ equals I_d ⊗ A = diag(A, …, A), exactly. */
export function blockReductionHolds(a: PolyMatrix, d: number): boolean {
  const pi = perfectShuffle(a.rows, d);
  return pi.mul(blockLift(a, d)).mul(pi.transpose()).equals(kron(PolyMatrix.identity(d), a));
}

/** Auxiliary square-root symbols: name ↦ radicand (the symbol is the non-negative root). */
/** Radicand text by root name: a canonical name never stands for two radicands. */
const ROOT_NAMES = new Map<string, string>();

/**
 * The canonical name of √radicand: `sqrt_` and a 48-bit hash of the radicand's canonical text, so
 * expressions parsed separately (a claim, its hypotheses, definitions, matrices) share a symbol
 * exactly when the radicands are equal, and never clash.
 */
export function rootName(radicand: Poly): string {
  const text = radicand.toString();
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = (Math.imul(h2 ^ c, 2246822519) + 0x9e3779b9) >>> 0;
  }
  const name = `sqrt_${h1.toString(16).padStart(8, '0')}${(h2 & 0xffff).toString(16).padStart(4, '0')}`;
  const seen = ROOT_NAMES.get(name);
  if (seen !== undefined && seen !== text) throw new Error(`rootName: hash collision between ${seen} and ${text}`);
  ROOT_NAMES.set(name, text);
  return name;
}

/** The radicand's canonical text of a square-root symbol made by rootName (undefined for any other name). */
export function rootRadicand(name: string): string | undefined {
  return ROOT_NAMES.get(name);
}

export type Roots = Readonly<Record<string, Poly>>;

/** Reduce p modulo s² − R for each root symbol s (so p becomes affine in each root). */
export function reduceRoots(p: Poly, roots: Roots): Poly {
  let out = p;
  for (const [s, radicand] of Object.entries(roots)) {
    const deg = out.degreeIn(s);
    if (deg < 2) continue;
    let acc = Poly.ZERO;
    for (const t of out.termList()) {
      const e = t.mono.find(([v]) => v === s)?.[1] ?? 0;
      const rest = Poly.monomial(t.coef, t.mono.filter(([v]) => v !== s));
      acc = acc.add(rest.mul(radicand.pow(Math.floor(e / 2))).mul(e % 2 ? pv(s) : Poly.ONE));
    }
    out = acc;
  }
  return out;
}

/** Exact sign of a + b√r (r ≥ 0) in ℚ(√r). */
export function signOfSurd(a: Rational, b: Rational, r: Rational): -1 | 0 | 1 {
  if (r.sign() < 0) throw new RangeError(`signOfSurd: radicand must be ≥ 0, got ${r}`);
  const sa = a.sign();
  const sb = r.isZero() ? 0 : b.sign();
  if (sb === 0) return sa;
  if (sa === 0 || sa === sb) return sb;
  // opposite signs: compare a² with b²r
  const c = a.mul(a).compare(b.mul(b).mul(r));
  return c === 0 ? 0 : c > 0 ? sa : sb;
}

/**
 * Exact sign of p at a rational point, where at most one root symbol of `roots` occurs
 * in p after reduction; the root's value is √(radicand at the point).
 */
export function signWithRoot(p: Poly, at: Readonly<Record<string, Rational>>, roots: Roots = {}): -1 | 0 | 1 {
  const red = reduceRoots(p, roots);
  const present = Object.keys(roots).filter((s) => red.degreeIn(s) > 0);
  if (present.length === 0) return red.evaluate(at).sign();
  if (present.length > 1) return signWithRoots(red, at, roots, present);
  const s = present[0];
  const coeffs = red.collect([s]);
  const a = coeffs.get('')?.coef.evaluate(at) ?? Rational.ZERO;
  const b = coeffs.get(s)?.coef.evaluate(at) ?? Rational.ZERO;
  return signOfSurd(a, b, roots[s].evaluate(at));
}

/**
 * The exact sign in ℚ(√r₁, √r₂, …): roots whose radicand is a rational square at the point are
 * substituted; with s = √r irrational, p = X + Y·s and the signs of X, Y (recursively) decide,
 * and where they differ the sign of X² − Y²r says which dominates.
 */
function signWithRoots(red: Poly, at: Readonly<Record<string, Rational>>, roots: Roots, present: string[]): -1 | 0 | 1 {
  const exact: Record<string, Rational> = {};
  const rest: Record<string, Poly> = {};
  for (const s of present) {
    const value = roots[s].evaluate(at);
    if (value.sign() < 0) throw new RangeError(`signWithRoot: the radicand of ${s} is negative at this point`);
    const v = rationalSqrt(value);
    if (v) exact[s] = v;
    else rest[s] = roots[s];
  }
  const p = reduceRoots(Object.keys(exact).length ? red.subs(exact) : red, rest);
  const names = Object.keys(rest).filter((s) => p.degreeIn(s) > 0);
  if (names.length <= 1) return signWithRoot(p, at, rest);
  const s = names[names.length - 1];
  const others = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== s));
  const X = p.subs({ [s]: Poly.ZERO });
  const Y = p.diff(s);
  const sX = signWithRoot(X, at, others);
  const sY = signWithRoot(Y, at, others);
  if (sY === 0 || sX === sY) return sX;
  if (sX === 0) return sY;
  const d = signWithRoot(reduceRoots(X.mul(X).sub(Y.mul(Y).mul(rest[s])), others), at, others);
  return d === 0 ? 0 : d > 0 ? sX : sY;
}

/** Exact PSD test at a rational point: every principal minor ≥ 0. */
export function isPsdAt(m: PolyMatrix, at: Readonly<Record<string, Rational>>, roots: Roots = {}): boolean {
  if (!m.isSymmetric()) throw new RangeError('isPsdAt: matrix must be symmetric');
  return m.principalMinors().every(({ minor }) => signWithRoot(minor, at, roots) >= 0);
}

/** Exact PD test at a rational point (Sylvester): every leading principal minor > 0. */
export function isPdAt(m: PolyMatrix, at: Readonly<Record<string, Rational>>, roots: Roots = {}): boolean {
  if (!m.isSymmetric()) throw new RangeError('isPdAt: matrix must be symmetric');
  return m.leadingPrincipalMinors().every((minor) => signWithRoot(minor, at, roots) > 0);
}

/** Quadratic form ξᵀ A ξ for a vector of polynomials. */
export function quadraticForm(m: PolyMatrix, xi: readonly Entry[]): Poly {
  if (xi.length !== m.rows || m.rows !== m.cols) throw new RangeError(`quadraticForm: vector length ${xi.length} does not match ${m.rows}×${m.cols}`);
  const v = xi.map(lift);
  let s = Poly.ZERO;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) s = s.add(v[i].mul(m.get(i, j)).mul(v[j]));
  return s;
}

/** Rational point helper: { omega0: '1', gamma: '1/2' } → Rationals. */
export function ratPoint(values: Readonly<Record<string, string | number | Rational>>): Record<string, Rational> {
  const out: Record<string, Rational> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v instanceof Rational ? v : typeof v === 'number' ? Rational.fromNumber(v) : q(v);
  return out;
}

export { pc, pv };
