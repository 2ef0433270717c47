/**
 * Z3 decision backend for universally quantified real-polynomial claims.
 *
 * A `RealQuery` states: for all real values of `variables` (and root symbols s = √R ≥ 0)
 * satisfying `assumptions`, `goal` holds. The decider asks Z3 (nonlinear real arithmetic)
 * for a model of the negation `assumptions ∧ s ≥ 0 ∧ s² = R ∧ ¬goal`:
 *
 * - `unsat` → `proved` (Z3's nlsat procedure is complete for real closed fields);
 * - `sat` → the model is turned into an exact rational point (algebraic values are rounded
 *   to rationals at growing precision; roots are recomputed as √R of the rounded point), and
 *   the exact kernel re-checks assumptions and ¬goal there, signs taken exactly in ℚ(√R)
 *   (`signWithRoot`). `refuted` only if this re-check agrees;
 * - `unknown`, timeout, or a model that does not survive the exact re-check → `unknown`.
 *
 * Variables listed in `integers` (parameters with an `integer` domain) are Int constants, used in
 * the real terms through to_real: nonlinear integer arithmetic is undecidable, so Z3 may answer
 * `unknown` there (→ `unknown`, never `proved`); a model must give them integer values.
 *
 * Matrix claims A(p) ⪰ 0 are encoded as "every principal minor ≥ 0" (a complete criterion
 * for symmetric matrices; leading minors alone are not), A ≻ 0 as "every leading principal
 * minor > 0" (Sylvester). This keeps the query quantifier-free in the parameters only,
 * instead of adding a vector ξ with ξᵀAξ < 0 (more variables, higher degree).
 *
 * The Z3 API is passed in (`createZ3Decider(await init())`); tests pass fakes of `Z3Decider`.
 */
import { Rational, q } from './rational.ts';
import { Poly } from './poly.ts';
import { PolyMatrix, reduceRoots, signWithRoot, type Roots } from './matrix.ts';
import { unicodeString } from './lyapunov.ts';

export type Relation = '>' | '>=' | '<' | '<=' | '=' | '!=';

export type Formula =
  | { kind: 'atom'; poly: Poly; rel: Relation }
  | { kind: 'and'; args: Formula[] }
  | { kind: 'or'; args: Formula[] }
  | { kind: 'not'; arg: Formula }
  | { kind: 'const'; value: boolean };

export const atom = (poly: Poly, rel: Relation): Formula => ({ kind: 'atom', poly, rel });
export const and = (...args: Formula[]): Formula => ({ kind: 'and', args });
export const or = (...args: Formula[]): Formula => ({ kind: 'or', args });
export const not = (arg: Formula): Formula => ({ kind: 'not', arg });
export const TRUE: Formula = { kind: 'const', value: true };

/** A ⪰ 0 for symmetric A: every principal minor ≥ 0. */
export function psd(m: PolyMatrix): Formula {
  return and(...m.principalMinors().map(({ minor }) => atom(minor, '>=')));
}
/** A ≻ 0 (Sylvester): every leading principal minor > 0. */
export function pd(m: PolyMatrix): Formula {
  return and(...m.leadingPrincipalMinors().map((minor) => atom(minor, '>')));
}

/** ∀ variables (and roots) with `assumptions`: `goal`. */
export interface RealQuery {
  /** Free real variables, e.g. ['omega0', 'gamma']. */
  variables: string[];
  /** Root symbols: s ↦ R means s ≥ 0 and s² = R (s is not a free variable). @defaultValue {} */
  roots?: Roots;
  /**
   * Those of `variables` that range over the integers (an `integer` parameter domain): declared
   * `Int` for the solvers, and a counterexample must give each an integer value. @defaultValue []
   */
  integers?: string[];
  assumptions: Formula;
  goal: Formula;
}

export type DecisionStatus = 'proved' | 'refuted' | 'unknown';

export interface Decision {
  status: DecisionStatus;
  /** Exact rational counterexample (re-checked), variables as strings; roots as "√(R)" with R's value. */
  witness?: Record<string, string>;
  /** Why `unknown` (Z3 answer, timeout, failed re-check). */
  reason?: string;
  /**
   * `unknown` although the solver answered sat: it has a counterexample, but none of its roundings
   * to rationals re-checks exactly (an irrational point, typically). Evidence against the claim,
   * never for it: a kind must not call such a claim proved or supported.
   */
  sat?: true;
  /** Wall time of the Z3 call. */
  ms: number;
}

export interface DecideOptions {
  /** Z3 time limit for this query. @defaultValue 10_000 */
  timeoutMs?: number;
  /**
   * A deterministic limit in the solver's own resource units, where it has one (cvc5's `--rlimit`):
   * the same answer however loaded the machine is; `timeoutMs` stays a backstop.
   */
  resourceLimit?: number;
}

/** The decision interface checks depend on (the real one is `createZ3Decider`). */
export interface Z3Decider {
  decide(query: RealQuery, options?: DecideOptions): Promise<Decision>;
  /** Z3 version, e.g. "4.16.0". */
  readonly version: string;
}

/** Exact truth value of a formula at a rational point (roots evaluated in ℚ(√R)). */
export function evaluateFormula(f: Formula, at: Readonly<Record<string, Rational>>, roots: Roots = {}): boolean {
  switch (f.kind) {
    case 'const':
      return f.value;
    case 'not':
      return !evaluateFormula(f.arg, at, roots);
    case 'and':
      return f.args.every((a) => evaluateFormula(a, at, roots));
    case 'or':
      return f.args.some((a) => evaluateFormula(a, at, roots));
    case 'atom': {
      const s = signWithRoot(f.poly, at, roots);
      switch (f.rel) {
        case '>':
          return s > 0;
        case '>=':
          return s >= 0;
        case '<':
          return s < 0;
        case '<=':
          return s <= 0;
        case '=':
          return s === 0;
        case '!=':
          return s !== 0;
      }
    }
  }
}

/**
 * Exact re-check of a candidate counterexample: integer variables are integers, assumptions hold,
 * goal fails, radicands ≥ 0.
 */
export function recheckCounterexample(query: RealQuery, at: Readonly<Record<string, Rational>>): boolean {
  const roots = query.roots ?? {};
  for (const v of query.integers ?? []) if (!at[v]?.isInteger()) return false;
  for (const r of Object.values(roots)) if (r.evaluate(at).sign() < 0) return false;
  return evaluateFormula(query.assumptions, at, roots) && !evaluateFormula(query.goal, at, roots);
}

/** Witness as strings, with each root shown as √(value of its radicand), under the key √(radicand). */
export function witnessStrings(query: RealQuery, at: Readonly<Record<string, Rational>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of query.variables) out[v] = at[v].toString();
  for (const r of Object.values(query.roots ?? {})) out[`√(${unicodeString(r)})`] = `√(${r.evaluate(at)})`;
  return out;
}

/** Simplify a formula's polynomials modulo the root relations (fewer high powers for Z3). */
function reduceFormula(f: Formula, roots: Roots): Formula {
  switch (f.kind) {
    case 'atom':
      return atom(reduceRoots(f.poly, roots), f.rel);
    case 'and':
    case 'or':
      return { kind: f.kind, args: f.args.map((a) => reduceFormula(a, roots)) };
    case 'not':
      return not(reduceFormula(f.arg, roots));
    default:
      return f;
  }
}

// Minimal structural view of the z3-solver high-level API we use (its generics are heavy).
interface ZArith {
  add(o: ZArith): ZArith;
  mul(o: ZArith): ZArith;
  gt(o: ZArith | number): ZBool;
  ge(o: ZArith | number): ZBool;
  lt(o: ZArith | number): ZBool;
  le(o: ZArith | number): ZBool;
  eq(o: ZArith | number): ZBool;
  neq(o: ZArith | number): ZBool;
  ast: unknown;
}
type ZBool = unknown;
interface ZContext {
  ptr: unknown;
  Real: { const(name: string): ZArith; val(v: { numerator: bigint; denominator: bigint } | number | string): ZArith };
  Int: { const(name: string): ZArith };
  ToReal(e: ZArith): ZArith;
  And(...args: ZBool[]): ZBool;
  Or(...args: ZBool[]): ZBool;
  Not(a: ZBool): ZBool;
  Bool: { val(b: boolean): ZBool };
  Solver: new () => ZSolver;
}
interface ZSolver {
  set(key: string, value: number): void;
  add(...f: ZBool[]): void;
  check(): Promise<'sat' | 'unsat' | 'unknown'>;
  model(): { eval(e: ZArith, completion?: boolean): { ast: unknown } };
  reasonUnknown?: () => string;
}
/** The subset of `await (await import('z3-solver')).init()` we need. */
export interface Z3Api {
  Context(name: string): unknown;
  Z3: {
    get_full_version?: () => string;
    is_algebraic_number(ctx: unknown, a: unknown): boolean;
    get_numeral_decimal_string(ctx: unknown, a: unknown, precision: number): string;
    get_numeral_string(ctx: unknown, a: unknown): string;
  };
}

/** Options of `createZ3Decider`. */
export interface Z3DeciderOptions {
  /** Decimal digits tried, in turn, when rounding algebraic model values. @defaultValue [12, 30, 60] */
  roundingDigits?: number[];
  /**
   * The scope of a query (any object, e.g. the claim being checked): each scope gets a Z3 context
   * of its own, so its answers depend on its own queries only, whatever other scopes asked in
   * between. @defaultValue one context for all
   */
  scope?: () => object | undefined;
}

/**
 * The real decider over an initialised z3-solver API. Queries run one at a time (Z3 runs one
 * operation at a time), in one context per scope (`options.scope`).
 * @example const z3 = createZ3Decider(await init()); await z3.decide(query) // returns { status: 'proved', … }
 */
export function createZ3Decider(api: Z3Api, options: Z3DeciderOptions = {}): Z3Decider {
  const { roundingDigits = [12, 30, 60], scope } = options;
  const version = (api.Z3.get_full_version?.() ?? 'Z3').replace(/^Z3\s*/, '').replace(/\.0$/, '');
  let queue: Promise<unknown> = Promise.resolve();
  const shared = contextRunner(api, api.Context('hypocheck') as ZContext, roundingDigits);
  const scoped = new WeakMap<object, ReturnType<typeof contextRunner>>();
  const runnerFor = (key: object | undefined) => {
    if (!key) return shared;
    let r = scoped.get(key);
    if (!r) scoped.set(key, (r = contextRunner(api, api.Context('hypocheck') as ZContext, roundingDigits)));
    return r;
  };

  return {
    version,
    decide(query, opts = {}) {
      const { timeoutMs = 10_000 } = opts;
      const run = runnerFor(scope?.());
      const next = queue.then(() => run(query, timeoutMs));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** Decides queries in one Z3 context. */
function contextRunner(api: Z3Api, Z: ZContext, roundingDigits: number[]): (query: RealQuery, timeoutMs: number) => Promise<Decision> {

  const toZ3 = (p: Poly, vars: Map<string, ZArith>): ZArith => {
    let sum: ZArith = Z.Real.val(0);
    for (const t of p.termList()) {
      let term: ZArith = Z.Real.val({ numerator: t.coef.num, denominator: t.coef.den });
      for (const [v, e] of t.mono) {
        const x = vars.get(v);
        if (!x) throw new RangeError(`createZ3Decider: variable "${v}" is not declared in the query`);
        for (let k = 0; k < e; k++) term = term.mul(x);
      }
      sum = sum.add(term);
    }
    return sum;
  };
  const formulaToZ3 = (f: Formula, vars: Map<string, ZArith>): ZBool => {
    switch (f.kind) {
      case 'const':
        return Z.Bool.val(f.value);
      case 'not':
        return Z.Not(formulaToZ3(f.arg, vars));
      case 'and':
        return f.args.length ? Z.And(...f.args.map((a) => formulaToZ3(a, vars))) : Z.Bool.val(true);
      case 'or':
        return f.args.length ? Z.Or(...f.args.map((a) => formulaToZ3(a, vars))) : Z.Bool.val(false);
      case 'atom': {
        const e = toZ3(f.poly, vars);
        switch (f.rel) {
          case '>':
            return e.gt(0);
          case '>=':
            return e.ge(0);
          case '<':
            return e.lt(0);
          case '<=':
            return e.le(0);
          case '=':
            return e.eq(0);
          case '!=':
            return e.neq(0);
        }
      }
    }
  };
  const valueAt = (ast: unknown, digits: number): Rational => {
    if (api.Z3.is_algebraic_number(Z.ptr, ast)) return Rational.parse(api.Z3.get_numeral_decimal_string(Z.ptr, ast, digits).replace('?', ''));
    return q(api.Z3.get_numeral_string(Z.ptr, ast));
  };

  const run = async (query: RealQuery, timeoutMs: number): Promise<Decision> => {
    const roots = query.roots ?? {};
    const vars = new Map<string, ZArith>();
    // an integer variable is an Int constant, used as a real (to_real): the terms stay real-sorted
    const integers = new Set(query.integers ?? []);
    for (const v of [...query.variables, ...Object.keys(roots)]) vars.set(v, integers.has(v) ? Z.ToReal(Z.Int.const(v)) : Z.Real.const(v));
    const solver = new Z.Solver();
    solver.set('timeout', timeoutMs);
    for (const [s, r] of Object.entries(roots)) {
      const x = vars.get(s)!;
      solver.add(x.ge(0), x.mul(x).eq(toZ3(r, vars)));
    }
    solver.add(formulaToZ3(reduceFormula(query.assumptions, roots), vars));
    solver.add(Z.Not(formulaToZ3(reduceFormula(query.goal, roots), vars)));
    const t0 = performance.now();
    const answer = await solver.check();
    const ms = Math.round(performance.now() - t0);
    if (answer === 'unsat') return { status: 'proved', ms };
    if (answer === 'unknown') return { status: 'unknown', ms, reason: `z3 unknown (${solver.reasonUnknown?.() ?? 'timeout or incomplete'})` };
    const model = solver.model();
    for (const digits of roundingDigits) {
      const at: Record<string, Rational> = {};
      for (const v of query.variables) at[v] = valueAt(model.eval(vars.get(v)!, true).ast, digits);
      if (recheckCounterexample(query, at)) return { status: 'refuted', ms, witness: witnessStrings(query, at) };
    }
    return { status: 'unknown', ms, sat: true, reason: 'z3 found a model, but no rational rounding of it re-checked exactly' };
  };
  return run;
}
