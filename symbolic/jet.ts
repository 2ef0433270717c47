/**
 * Jet variables: a generic smooth function ψ of named coordinates is represented by one
 * independent polynomial variable per partial derivative, so differential expressions in
 * ψ are `Poly`s in coordinates, parameters and jet symbols.
 *
 * Naming (canonical): the function name followed by its differentiation multi-index,
 * each argument written once per order, in the function's argument order, joined by
 * `_`: for ψ(t, θ1, y1), `psi` is ψ, `psi_th1_y1` is ∂θ1∂y1 ψ, `psi_th1_th1` is ∂²θ1 ψ.
 * Function and argument names therefore contain no `_`.
 *
 * A function may be *composite*: g(x(c), v(c)) with arguments that are linear (affine) in
 * the coordinates c, coefficients polynomial in parameters. Its jets are jets of g in its
 * own arguments, evaluated at the map; the total derivative applies the chain rule
 * D_c g_α = Σ_k (∂a_k/∂c) g_{α+e_k}. A plain function is the case a_k = c_k.
 *
 * Rational functions of parameters are written with inverse symbols (`omega0inv` for
 * 1/ω₀) and reduced exactly in the Laurent ring Q[ω₀, ω₀⁻¹] by `normalize`: every
 * monomial containing both ω₀ and ω₀inv is cancelled down, which is the unique normal
 * form of Q[ω₀, u]/(ω₀u − 1). Zero tests are done after `normalize`.
 */
import { Rational } from './rational.ts';
import { Poly, pv } from './poly.ts';

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** A generic function: its arguments and the (affine) map from coordinates to them. */
export interface JetFunction {
  readonly name: string;
  /** Argument names, in the order used by jet names. */
  readonly args: readonly string[];
  /** Each argument as an affine polynomial in the coordinates (identity for plain functions). */
  readonly argMap: Readonly<Record<string, Poly>>;
  /** ∂a_k/∂c for each argument k and coordinate c (polynomials in parameters only). */
  readonly jacobian: ReadonlyMap<string, ReadonlyMap<string, Poly>>;
}

/** A parsed jet symbol: function and derivative counts per argument (aligned with `args`). */
export interface JetSymbol {
  readonly fn: string;
  readonly counts: readonly number[];
}

/** Options of a jet space. */
export interface JetSpaceOptions {
  /**
   * Pairs [p, pinv] of a parameter and its inverse symbol, reduced by `normalize`.
   * @defaultValue []
   */
  inverses?: ReadonlyArray<readonly [string, string]>;
}

/**
 * Sum many polynomials in a balanced tree (Poly.add copies its map, so a left fold is
 * quadratic in the number of terms).
 */
export function sumPolys(list: readonly Poly[]): Poly {
  if (list.length === 0) return Poly.ZERO;
  let layer = [...list];
  while (layer.length > 1) {
    const next: Poly[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(i + 1 < layer.length ? layer[i].add(layer[i + 1]) : layer[i]);
    layer = next;
  }
  return layer[0];
}

/**
 * The jet space over a list of coordinates: generic functions, total derivatives, the
 * chain rule for linear changes of variables, and exact Laurent normalisation.
 *
 * @example
 * const J = new JetSpace(['x1']);
 * J.addFunction('u', ['x1']);
 * J.D(J.fn('u').pow(2), 'x1').toString(); // returns "2*u*u_x1"
 */
export class JetSpace {
  readonly coordinates: readonly string[];
  readonly inverses: ReadonlyArray<readonly [string, string]>;
  private readonly functions = new Map<string, JetFunction>();
  private readonly parsed = new Map<string, JetSymbol | null>();

  constructor(coordinates: readonly string[], options: JetSpaceOptions = {}) {
    const { inverses = [] } = options;
    for (const c of coordinates) if (!NAME.test(c)) throw new RangeError(`JetSpace: coordinate names must match ${NAME}, got "${c}"`);
    if (new Set(coordinates).size !== coordinates.length) throw new RangeError(`JetSpace: duplicate coordinate in [${coordinates.join(', ')}]`);
    this.coordinates = [...coordinates];
    this.inverses = inverses.map(([a, b]) => [a, b] as const);
  }

  /** Register a plain function of some of the coordinates. */
  addFunction(name: string, args: readonly string[]): this {
    for (const a of args) if (!this.coordinates.includes(a)) throw new RangeError(`JetSpace.addFunction: argument "${a}" of ${name} is not a coordinate`);
    const argMap: Record<string, Poly> = {};
    for (const a of args) argMap[a] = pv(a);
    return this.addComposite(name, argMap);
  }

  /**
   * Register g(a_1(c), …, a_m(c)) with arguments affine in the coordinates.
   * @example J.addComposite('eps1', { th1: pv('omega0inv').pow(2).mul(pv('v1').add(pv('gamma').mul(pv('x1')))).neg() })
   */
  addComposite(name: string, argMap: Readonly<Record<string, Poly>>): this {
    if (!NAME.test(name)) throw new RangeError(`JetSpace.addComposite: function names must match ${NAME}, got "${name}"`);
    if (this.functions.has(name)) throw new RangeError(`JetSpace.addComposite: function "${name}" already registered`);
    const args = Object.keys(argMap);
    const jacobian = new Map<string, Map<string, Poly>>();
    for (const a of args) {
      if (!NAME.test(a)) throw new RangeError(`JetSpace.addComposite: argument names must match ${NAME}, got "${a}"`);
      const row = new Map<string, Poly>();
      for (const c of this.coordinates) {
        const entry = argMap[a].diff(c);
        if (entry.variables().some((v) => this.coordinates.includes(v))) {
          throw new RangeError(`JetSpace.addComposite: argument ${a} of ${name} must be affine in the coordinates, got ${argMap[a]}`);
        }
        if (!entry.isZero()) row.set(c, entry);
      }
      jacobian.set(a, row);
    }
    this.functions.set(name, { name, args, argMap: { ...argMap }, jacobian });
    this.parsed.clear();
    return this;
  }

  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }
  getFunction(name: string): JetFunction {
    const f = this.functions.get(name);
    if (!f) throw new RangeError(`JetSpace: unknown function "${name}"`);
    return f;
  }
  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  /** The jet symbol name of ∂^counts f. */
  jetName(fn: string, counts: readonly number[]): string {
    const f = this.getFunction(fn);
    if (counts.length !== f.args.length) throw new RangeError(`JetSpace.jetName: ${fn} has ${f.args.length} arguments, got ${counts.length} counts`);
    const parts = [fn];
    counts.forEach((k, i) => {
      if (!Number.isInteger(k) || k < 0) throw new RangeError(`JetSpace.jetName: counts must be non-negative integers, got ${k}`);
      for (let j = 0; j < k; j++) parts.push(f.args[i]);
    });
    return parts.join('_');
  }

  /** The function f itself (order-0 jet). */
  fn(name: string): Poly {
    this.getFunction(name);
    return pv(name);
  }

  /** ∂_{a1}∂_{a2}… f as a jet variable; `derivs` lists argument names, repeats allowed. */
  jet(name: string, ...derivs: string[]): Poly {
    const f = this.getFunction(name);
    const counts = f.args.map(() => 0);
    for (const a of derivs) {
      const i = f.args.indexOf(a);
      if (i < 0) throw new RangeError(`JetSpace.jet: "${a}" is not an argument of ${name}`);
      counts[i]++;
    }
    return pv(this.jetName(name, counts));
  }

  /** Parse a variable name as a jet symbol, or undefined if it is not one. */
  parseJet(symbol: string): JetSymbol | undefined {
    const cached = this.parsed.get(symbol);
    if (cached !== undefined) return cached ?? undefined;
    const parts = symbol.split('_');
    const f = this.functions.get(parts[0]);
    let out: JetSymbol | null = null;
    if (f) {
      const counts = f.args.map(() => 0);
      let last = 0;
      let ok = true;
      for (const p of parts.slice(1)) {
        const i = f.args.indexOf(p);
        if (i < last) {
          ok = false;
          break;
        }
        counts[i]++;
        last = i;
      }
      if (ok) out = { fn: f.name, counts };
    }
    this.parsed.set(symbol, out);
    return out ?? undefined;
  }

  /** Jet variables of `p` (all functions, or those of `fn`). */
  jetVariables(p: Poly, fn?: string): string[] {
    return p.variables().filter((v) => {
      const j = this.parseJet(v);
      return j !== undefined && (fn === undefined || j.fn === fn);
    });
  }

  /**
   * Total derivative D_c: explicit ∂/∂c plus the chain rule through every jet symbol,
   * D_c f_α = Σ_k (∂a_k/∂c) f_{α+e_k}.
   */
  D(p: Poly, coord: string): Poly {
    if (!this.coordinates.includes(coord)) throw new RangeError(`JetSpace.D: "${coord}" is not a coordinate`);
    const parts: Poly[] = [p.diff(coord)];
    for (const v of p.variables()) {
      const j = this.parseJet(v);
      if (!j) continue;
      const dj = this.jetDerivative(j, coord);
      if (dj.isZero()) continue;
      parts.push(p.diff(v).mul(dj));
    }
    return sumPolys(parts);
  }

  /** D_c of a single jet symbol. */
  private jetDerivative(j: JetSymbol, coord: string): Poly {
    const f = this.getFunction(j.fn);
    const parts: Poly[] = [];
    f.args.forEach((a, k) => {
      const entry = f.jacobian.get(a)!.get(coord);
      if (!entry) return;
      const counts = [...j.counts];
      counts[k]++;
      parts.push(entry.mul(pv(this.jetName(j.fn, counts))));
    });
    return sumPolys(parts);
  }

  /** D_{c1} D_{c2} … p. */
  Dmulti(p: Poly, coords: readonly string[]): Poly {
    return coords.reduce((acc, c) => this.D(acc, c), p);
  }

  /** (D_{c1} p, …, D_{cn} p). */
  grad(p: Poly, coords: readonly string[]): Poly[] {
    return coords.map((c) => this.D(p, c));
  }

  /** Σ_i D_{c_i} F_i. */
  div(field: readonly Poly[], coords: readonly string[]): Poly {
    if (field.length !== coords.length) throw new RangeError(`JetSpace.div: ${field.length} components for ${coords.length} coordinates`);
    return sumPolys(field.map((F, i) => this.D(F, coords[i])));
  }

  /** Σ_i D²_{c_i} p. */
  laplacian(p: Poly, coords: readonly string[]): Poly {
    return sumPolys(coords.map((c) => this.D(this.D(p, c), c)));
  }

  /** Exact Laurent normal form for the registered inverse pairs. */
  normalize(p: Poly): Poly {
    if (this.inverses.length === 0) return p;
    return laurentNormalize(p, this.inverses);
  }

  /**
   * Replace every jet of the named functions by the corresponding derivative of a concrete
   * polynomial (in the function's own arguments), composed with the argument map.
   * Used to turn a non-zero residual into a concrete witness.
   */
  instantiate(p: Poly, concrete: Readonly<Record<string, Poly>>): Poly {
    const map: Record<string, Poly> = {};
    for (const v of p.variables()) {
      const j = this.parseJet(v);
      if (!j || !(j.fn in concrete)) continue;
      const f = this.getFunction(j.fn);
      let d = concrete[j.fn];
      j.counts.forEach((k, i) => {
        for (let r = 0; r < k; r++) d = d.diff(f.args[i]);
      });
      map[v] = d.subs(f.argMap as Record<string, Poly>);
    }
    return p.subs(map);
  }
}

/** Cancel p·pinv pairs in every monomial (exact Laurent normal form). */
export function laurentNormalize(p: Poly, pairs: ReadonlyArray<readonly [string, string]>): Poly {
  const parts: Poly[] = [];
  let changed = false;
  for (const t of p.termList()) {
    let mono = t.mono.map(([v, e]) => [v, e] as [string, number]);
    for (const [a, b] of pairs) {
      const ia = mono.findIndex(([v]) => v === a);
      const ib = mono.findIndex(([v]) => v === b);
      if (ia < 0 || ib < 0) continue;
      const m = Math.min(mono[ia][1], mono[ib][1]);
      mono[ia][1] -= m;
      mono[ib][1] -= m;
      mono = mono.filter(([, e]) => e > 0);
      changed = true;
    }
    parts.push(Poly.monomial(t.coef, mono));
  }
  return changed ? sumPolys(parts) : p;
}

/** Coordinate names x1…xd (prefix + index). */
export function coords(prefix: string, d: number): string[] {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`coords: d must be a positive integer, got ${d}`);
  return Array.from({ length: d }, (_, i) => `${prefix}${i + 1}`);
}

/** Dot product of two lists of polynomials. */
export function dot(a: readonly Poly[], b: readonly Poly[]): Poly {
  if (a.length !== b.length) throw new RangeError(`dot: lengths differ, ${a.length} vs ${b.length}`);
  return sumPolys(a.map((ai, i) => ai.mul(b[i])));
}

/** A rational as a constant polynomial (readability helper). */
export function rc(n: number, d = 1): Poly {
  return Poly.constant(Rational.of(n, d));
}

/**
 * A fixed polynomial in `args` of total degree ≤ `degree` with distinct small non-zero
 * integer coefficients (deterministic in `salt`): a concrete function realising jets.
 */
export function samplePolynomial(args: readonly string[], degree: number, salt = 0): Poly {
  const monos: [string, number][][] = [[]];
  let frontier: [string, number][][] = [[]];
  for (let deg = 1; deg <= degree; deg++) {
    const next: [string, number][][] = [];
    for (const m of frontier) {
      const start = m.length ? args.indexOf(m[m.length - 1][0]) : 0;
      for (let i = start; i < args.length; i++) {
        const copy = m.map(([v, e]) => [v, e] as [string, number]);
        const last = copy[copy.length - 1];
        if (last && last[0] === args[i]) last[1]++;
        else copy.push([args[i], 1]);
        next.push(copy);
      }
    }
    monos.push(...next);
    frontier = next;
  }
  const parts = monos.map((m, k) => {
    const c = ((k * 7 + salt * 5 + 3) % 13) + 1;
    return Poly.monomial(Rational.of(k % 2 === 0 ? c : -c), m);
  });
  return sumPolys(parts);
}

/** A concrete instance of a non-zero residual: functions, rational point, exact value. */
export interface ConcreteWitness {
  /** Each generic function replaced by this polynomial in its own arguments. */
  functions: Record<string, string>;
  /** Coordinates and parameters (inverse symbols follow from their pair). */
  point: Record<string, string>;
  /** The exact non-zero value of the residual there. */
  value: string;
}

/** Values of the inverse symbols implied by a point (pinv = 1/p). */
export function withInverses(space: JetSpace, point: Readonly<Record<string, Rational>>): Record<string, Rational> {
  const out: Record<string, Rational> = { ...point };
  for (const [a, b] of space.inverses) if (out[a] !== undefined && out[b] === undefined && !out[a].isZero()) out[b] = out[a].inv();
  return out;
}

/**
 * Turn a residual that is non-zero as a jet polynomial into a concrete witness: replace
 * every generic function by a sample polynomial and evaluate exactly at `point`
 * (coordinates and parameters; missing variables default to small distinct rationals).
 * Returns undefined if every try vanished (the residual itself is then the witness).
 */
export function concreteWitness(space: JetSpace, residual: Poly, point: Readonly<Record<string, Rational>>, tries = 4): ConcreteWitness | undefined {
  const fns = new Set<string>();
  let order = 0;
  for (const v of residual.variables()) {
    const j = space.parseJet(v);
    if (!j) continue;
    fns.add(j.fn);
    order = Math.max(order, j.counts.reduce((s, k) => s + k, 0));
  }
  for (let salt = 0; salt < tries; salt++) {
    const concrete: Record<string, Poly> = {};
    for (const f of fns) concrete[f] = samplePolynomial(space.getFunction(f).args, order + 1, salt + f.length);
    const inst = space.normalize(space.instantiate(residual, concrete));
    const inverseOf = new Map(space.inverses.map(([a, b]) => [b, a] as const));
    const full: Record<string, Rational> = {};
    const needed = new Set(inst.variables().map((v) => inverseOf.get(v) ?? v));
    [...needed].sort().forEach((v, k) => {
      full[v] = point[v] ?? Rational.of(k + 2 + salt, k + 3);
    });
    const at = withInverses(space, full);
    const value = inst.evaluate(at);
    if (!value.isZero()) {
      const shown: Record<string, string> = {};
      for (const v of Object.keys(at).sort()) shown[v] = at[v].toString();
      return { functions: Object.fromEntries([...fns].map((f) => [f, concrete[f].toString()])), point: shown, value: value.toString() };
    }
  }
  return undefined;
}

/** Determinant of a small square matrix of polynomials (Laplace expansion). */
export function polyDeterminant(m: readonly (readonly Poly[])[]): Poly {
  const n = m.length;
  if (m.some((r) => r.length !== n)) throw new RangeError(`polyDeterminant: matrix must be square, got ${n} rows`);
  if (n === 0) return Poly.ONE;
  if (n === 1) return m[0][0];
  const parts: Poly[] = [];
  for (let j = 0; j < n; j++) {
    if (m[0][j].isZero()) continue;
    const minor = m.slice(1).map((r) => r.filter((_, k) => k !== j));
    const term = m[0][j].mul(polyDeterminant(minor));
    parts.push(j % 2 === 0 ? term : term.neg());
  }
  return sumPolys(parts);
}

const GREEK: Record<string, string> = { gamma: '\\gamma', beta: '\\beta', tau: '\\tau', kappa: '\\kappa', eta: '\\eta', Sigma: '\\Sigma', omega0: '\\omega_0', psi: '\\psi', phi: '\\phi' };

/** LaTeX for a variable: omega0 → \omega_0, omega0inv → \omega_0^{-1}, g_x1_v1 → \partial_{x_1 v_1} g, th1 → \theta_1. */
export function latexName(v: string): string {
  const base = (s: string): string => {
    if (GREEK[s]) return GREEK[s];
    const inv = /^(.*)inv$/.exec(s);
    if (inv && inv[1]) return `${base(inv[1])}^{-1}`;
    const m = /^([A-Za-z]+?)(\d+)$/.exec(s);
    if (m) {
      const head = m[1] === 'th' ? '\\theta' : m[1] === 'eps' ? '\\varepsilon' : m[1] === 'gradf' ? '(\\nabla f)' : GREEK[m[1]] ?? m[1];
      return `${head}_{${m[2]}}`;
    }
    return s;
  };
  const parts = v.split('_');
  if (parts.length === 1) return base(v);
  return `\\partial_{${parts.slice(1).map(base).join(' ')}} ${base(parts[0])}`;
}

/**
 * Restrict to solutions of ∂_t u = rhs: replace every jet u_{t,α} (one t-derivative) by
 * D^α(rhs). Used for energy identities "d/dt ‖·‖² = …" along solutions of (3.2).
 */
export function eliminateTimeDerivative(space: JetSpace, p: Poly, fn: string, rhs: Poly, time = 't'): Poly {
  const f = space.getFunction(fn);
  const it = f.args.indexOf(time);
  if (it < 0) throw new RangeError(`eliminateTimeDerivative: ${fn} does not depend on ${time}`);
  const map: Record<string, Poly> = {};
  for (const v of space.jetVariables(p, fn)) {
    const j = space.parseJet(v)!;
    if (j.counts[it] === 0) continue;
    if (j.counts[it] > 1) throw new RangeError(`eliminateTimeDerivative: jet ${v} has ${j.counts[it]} time derivatives, expected 1`);
    const spatial: string[] = [];
    j.counts.forEach((k, i) => {
      if (i !== it) for (let r = 0; r < k; r++) spatial.push(f.args[i]);
    });
    map[v] = space.Dmulti(rhs, spatial);
  }
  return space.normalize(p.subs(map));
}
