/**
 * Sparse multivariate polynomials with exact rational coefficients over named variables.
 *
 * Variables are plain strings ("omega0", "x1", "psi_x1v1" for a jet coordinate); a
 * monomial is a sorted list of (variable, exponent ≥ 1) pairs, keyed by its canonical
 * string. Immutable: every operation returns a new polynomial.
 */
import { Rational, q } from './rational.ts';

export type Monomial = ReadonlyArray<readonly [string, number]>;

interface Term {
  readonly mono: Monomial;
  readonly coef: Rational;
}

export function monoKey(m: Monomial): string {
  return m.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
}

function monoMul(a: Monomial, b: Monomial): Monomial {
  const out: [string, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) out.push([a[i][0], a[i++][1]]);
    else if (i >= a.length || b[j][0] < a[i][0]) out.push([b[j][0], b[j++][1]]);
    else {
      out.push([a[i][0], a[i][1] + b[j][1]]);
      i++;
      j++;
    }
  }
  return out;
}

/** Add `coef`·`mono` into a term map, dropping the entry when it cancels. */
function accumulate(out: Map<string, Term>, mono: Monomial, coef: Rational, key: string = monoKey(mono)): void {
  const prev = out.get(key);
  if (!prev) out.set(key, { mono, coef });
  else {
    const s = prev.coef.add(coef);
    if (s.isZero()) out.delete(key);
    else out.set(key, { mono, coef: s });
  }
}

export class Poly {
  /** Terms by monomial key; never holds a zero coefficient. */
  private readonly terms: ReadonlyMap<string, Term>;

  private constructor(terms: Map<string, Term>) {
    this.terms = terms;
  }

  static readonly ZERO = new Poly(new Map());
  static readonly ONE = Poly.constant(Rational.ONE);

  static constant(c: Rational | number | bigint): Poly {
    const r = c instanceof Rational ? c : q(c);
    if (r.isZero()) return Poly.ZERO;
    return new Poly(new Map([['', { mono: [], coef: r }]]));
  }
  static variable(name: string, power = 1): Poly {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RangeError(`Poly.variable: invalid name "${name}"`);
    if (!Number.isInteger(power) || power < 0) throw new RangeError(`Poly.variable: power must be a non-negative integer, got ${power}`);
    if (power === 0) return Poly.ONE;
    const mono: Monomial = [[name, power]];
    return new Poly(new Map([[monoKey(mono), { mono, coef: Rational.ONE }]]));
  }
  static monomial(coef: Rational, mono: Monomial): Poly {
    if (coef.isZero()) return Poly.ZERO;
    // merge repeated variables (x·x² is x³) and reject negative or fractional exponents
    const merged = new Map<string, number>();
    for (const [v, e] of mono) {
      if (!Number.isInteger(e) || e < 0) throw new RangeError(`Poly.monomial: exponents must be non-negative integers, got ${v}^${e}`);
      merged.set(v, (merged.get(v) ?? 0) + e);
    }
    const sorted: Monomial = [...merged].filter(([, e]) => e !== 0).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new Poly(new Map([[monoKey(sorted), { mono: sorted, coef }]]));
  }

  /** The sum of `terms` (each monomial normalised as in `monomial`): e.g. `termList()` of a polynomial rebuilds it. */
  static fromTerms(terms: Iterable<{ readonly mono: Monomial; readonly coef: Rational }>): Poly {
    const out = new Map<string, Term>();
    for (const { mono, coef } of terms) {
      if (coef.isZero()) continue;
      const m = Poly.monomial(coef, mono).termList()[0];
      accumulate(out, m.mono, m.coef);
    }
    return out.size === 0 ? Poly.ZERO : new Poly(out);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }
  /** The constant value if this polynomial is constant, else undefined. */
  constantValue(): Rational | undefined {
    if (this.terms.size === 0) return Rational.ZERO;
    if (this.terms.size === 1 && this.terms.has('')) return this.terms.get('')!.coef;
    return undefined;
  }
  termList(): Term[] {
    return [...this.terms.values()];
  }
  size(): number {
    return this.terms.size;
  }

  add(o: Poly | Rational | number): Poly {
    const p = lift(o);
    if (p.isZero()) return this;
    if (this.isZero()) return p;
    const out = new Map(this.terms);
    for (const [k, t] of p.terms) accumulate(out, t.mono, t.coef, k);
    return new Poly(out);
  }
  sub(o: Poly | Rational | number): Poly {
    return this.add(lift(o).neg());
  }
  neg(): Poly {
    const out = new Map<string, Term>();
    for (const [k, t] of this.terms) out.set(k, { mono: t.mono, coef: t.coef.neg() });
    return new Poly(out);
  }
  scale(c: Rational | number): Poly {
    const r = c instanceof Rational ? c : q(c);
    if (r.isZero()) return Poly.ZERO;
    if (r.isOne()) return this;
    const out = new Map<string, Term>();
    for (const [k, t] of this.terms) out.set(k, { mono: t.mono, coef: t.coef.mul(r) });
    return new Poly(out);
  }
  mul(o: Poly | Rational | number): Poly {
    const p = lift(o);
    if (this.isZero() || p.isZero()) return Poly.ZERO;
    const out = new Map<string, Term>();
    for (const a of this.terms.values()) {
      for (const b of p.terms.values()) accumulate(out, monoMul(a.mono, b.mono), a.coef.mul(b.coef));
    }
    return new Poly(out);
  }
  pow(k: number): Poly {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`Poly.pow: exponent must be a non-negative integer, got ${k}`);
    let result: Poly = Poly.ONE;
    let base: Poly = this;
    while (k > 0) {
      if (k & 1) result = result.mul(base);
      base = base.mul(base);
      k >>= 1;
    }
    return result;
  }

  /** ∂/∂name, exactly. */
  diff(name: string): Poly {
    const out = new Map<string, Term>();
    for (const t of this.terms.values()) {
      const idx = t.mono.findIndex(([v]) => v === name);
      if (idx < 0) continue;
      const e = t.mono[idx][1];
      const mono: Monomial = e === 1 ? t.mono.filter((_, i) => i !== idx) : t.mono.map((m, i) => (i === idx ? [m[0], e - 1] as const : m));
      accumulate(out, mono, t.coef.mul(q(e)));
    }
    return new Poly(out);
  }

  /** Replace variables by polynomials (simultaneously). */
  subs(map: Readonly<Record<string, Poly | Rational | number>>): Poly {
    const lifted = new Map<string, Poly>();
    for (const [k, v] of Object.entries(map)) lifted.set(k, lift(v));
    const powCache = new Map<string, Poly>();
    let out: Poly = Poly.ZERO;
    for (const t of this.terms.values()) {
      let term = Poly.constant(t.coef);
      const keep: [string, number][] = [];
      for (const [v, e] of t.mono) {
        const r = lifted.get(v);
        if (!r) keep.push([v, e]);
        else {
          const key = `${v}^${e}`;
          let p = powCache.get(key);
          if (!p) {
            p = r.pow(e);
            powCache.set(key, p);
          }
          term = term.mul(p);
        }
      }
      if (keep.length) term = term.mul(Poly.monomial(Rational.ONE, keep));
      out = out.add(term);
    }
    return out;
  }

  /** Exact value at a full rational assignment; throws if a variable is missing. */
  evaluate(at: Readonly<Record<string, Rational>>): Rational {
    let s = Rational.ZERO;
    for (const t of this.terms.values()) {
      let c = t.coef;
      for (const [v, e] of t.mono) {
        const val = at[v];
        if (val === undefined) throw new RangeError(`Poly.evaluate: no value for variable "${v}"`);
        c = c.mul(val.pow(e));
      }
      s = s.add(c);
    }
    return s;
  }
  /** Floating value (display / cross-checks only). */
  evaluateNumber(at: Readonly<Record<string, number>>): number {
    let s = 0;
    for (const t of this.terms.values()) {
      let c = t.coef.toNumber();
      for (const [v, e] of t.mono) {
        const val = at[v];
        if (val === undefined) throw new RangeError(`Poly.evaluateNumber: no value for variable "${v}"`);
        c *= val ** e;
      }
      s += c;
    }
    return s;
  }

  variables(): string[] {
    const s = new Set<string>();
    for (const t of this.terms.values()) for (const [v] of t.mono) s.add(v);
    return [...s].sort();
  }
  degreeIn(name: string): number {
    let d = 0;
    for (const t of this.terms.values()) for (const [v, e] of t.mono) if (v === name && e > d) d = e;
    return d;
  }
  totalDegree(): number {
    let d = 0;
    for (const t of this.terms.values()) d = Math.max(d, t.mono.reduce((s, [, e]) => s + e, 0));
    return d;
  }

  /**
   * Group by monomials in `vars`: returns map from the monomial key in `vars` to its
   * coefficient polynomial in the remaining variables.
   */
  collect(vars: readonly string[]): Map<string, { mono: Monomial; coef: Poly }> {
    const vs = new Set(vars);
    const out = new Map<string, { mono: Monomial; coef: Poly }>();
    for (const t of this.terms.values()) {
      const inV = t.mono.filter(([v]) => vs.has(v));
      const rest = t.mono.filter(([v]) => !vs.has(v));
      const k = monoKey(inV);
      const c = Poly.monomial(t.coef, rest);
      const prev = out.get(k);
      out.set(k, { mono: inV, coef: prev ? prev.coef.add(c) : c });
    }
    for (const [k, v] of out) if (v.coef.isZero()) out.delete(k);
    return out;
  }

  equals(o: Poly): boolean {
    return this.sub(o).isZero();
  }

  toString(): string {
    if (this.isZero()) return '0';
    const parts = this.sortedTerms().map((t, i) => {
      const m = t.mono.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');
      const c = t.coef;
      const neg = c.sign() < 0;
      const a = c.abs();
      const body = m === '' ? a.toString() : a.isOne() ? m : `${a.den === 1n ? a.toString() : `(${a})`}*${m}`;
      return i === 0 ? (neg ? `-${body}` : body) : neg ? ` - ${body}` : ` + ${body}`;
    });
    return parts.join('');
  }

  /** LaTeX with an optional variable-name renderer (e.g. omega0 → \omega_0). */
  toLatex(name: (v: string) => string = (v) => v): string {
    if (this.isZero()) return '0';
    return this.sortedTerms()
      .map((t, i) => {
        const m = t.mono.map(([v, e]) => (e === 1 ? name(v) : `${name(v)}^{${e}}`)).join(' ');
        const c = t.coef;
        const neg = c.sign() < 0;
        const a = c.abs();
        const body = m === '' ? a.toLatex() : a.isOne() ? m : `${a.toLatex()} ${m}`;
        return i === 0 ? (neg ? `-${body}` : body) : neg ? ` - ${body}` : ` + ${body}`;
      })
      .join('');
  }

  private sortedTerms(): Term[] {
    const deg = (t: Term) => t.mono.reduce((s, [, e]) => s + e, 0);
    return [...this.terms.values()].sort((a, b) => deg(b) - deg(a) || (monoKey(a.mono) < monoKey(b.mono) ? -1 : 1));
  }
}

export function lift(o: Poly | Rational | number): Poly {
  if (o instanceof Poly) return o;
  return Poly.constant(o);
}

/** Shorthand for a variable. */
export const pv = (name: string): Poly => Poly.variable(name);
/** Shorthand for a constant. */
export const pc = (c: Rational | number | bigint): Poly => Poly.constant(c);
