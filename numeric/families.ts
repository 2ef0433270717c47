/**
 * Test-function and perturbation families with exact derivatives, as numeric/expr.ts trees.
 *
 * Test functions g, h: ℝ^{2d} → ℝ (Hermite products, trigonometric sums, Gaussian bumps), with
 * closed-form means under M of (3.1) for the mean-zero normalisation ∫hM = 0 of (3.5).
 * Perturbations ε: ℝ^d → ℝ^d (a·tanh(bθ), a·sin(bθ)e^{−cθ²}, polynomials), evaluated at
 * θ = −(v + γx)/ω₀² as in (2.4); derivatives are symbolic (`diffExpr`), so the chain rule
 * ∂_{x_j}ε_i = −(γ/ω₀²)∂_jε_i(θ) is computed, not assumed.
 *
 * @see (2.4), (3.1), (3.3), (3.5), Assumption 3.1 of [zhu_ying_2021]
 */
import { add, cst, mul, neg, powi, un, vv, xv, type Expr } from './expr.ts';
import { Poly, pc, pv } from '../symbolic/poly.ts';
import { Rational } from '../symbolic/rational.ts';

/** A coordinate of phase space: x_i or v_i (0-based, as in numeric/expr.ts). */
export interface Coord {
  kind: 'x' | 'v';
  index: number;
}

const isConst = (e: Expr, c?: number): e is { op: 'const'; value: number } => e.op === 'const' && (c === undefined || e.value === c);

/** a + b … with constant folding and zero dropping (keeps trees small for the hot loops). */
export function sumE(...args: Expr[]): Expr {
  let c = 0;
  const rest: Expr[] = [];
  for (const a of args) {
    if (isConst(a)) c += a.value;
    else if (a.op === 'add') rest.push(...a.args);
    else rest.push(a);
  }
  if (c !== 0 || rest.length === 0) rest.push(cst(c));
  return rest.length === 1 ? rest[0] : add(...rest);
}

/** a · b … with constant folding; 0 absorbs. */
export function prodE(...args: Expr[]): Expr {
  let c = 1;
  const rest: Expr[] = [];
  for (const a of args) {
    if (isConst(a)) c *= a.value;
    else if (a.op === 'mul') rest.push(...a.args);
    else rest.push(a);
  }
  if (c === 0) return cst(0);
  if (c !== 1 || rest.length === 0) rest.unshift(cst(c));
  return rest.length === 1 ? rest[0] : mul(...rest);
}

export const negE = (e: Expr): Expr => (isConst(e) ? cst(-e.value) : e.op === 'neg' ? e.arg : neg(e));
export const scaleE = (c: number, e: Expr): Expr => prodE(cst(c), e);

/** The exact derivative ∂e/∂(coordinate), by the usual rules. */
export function diffExpr(e: Expr, wrt: Coord): Expr {
  switch (e.op) {
    case 'const':
    case 'param':
      return cst(0);
    case 'x':
    case 'v':
      return cst(e.op === wrt.kind && e.index === wrt.index ? 1 : 0);
    case 'add':
      return sumE(...e.args.map((a) => diffExpr(a, wrt)));
    case 'mul':
      return sumE(...e.args.map((a, i) => prodE(...e.args.map((b, j) => (i === j ? diffExpr(a, wrt) : b)))));
    case 'div': {
      const dn = diffExpr(e.num, wrt);
      const dd = diffExpr(e.den, wrt);
      return { op: 'div', num: sumE(prodE(dn, e.den), negE(prodE(e.num, dd))), den: powi(e.den, 2) };
    }
    case 'powi':
      if (e.exp === 0) return cst(0);
      return prodE(cst(e.exp), e.exp === 1 ? cst(1) : e.exp === 2 ? e.base : powi(e.base, e.exp - 1), diffExpr(e.base, wrt));
    case 'neg':
      return negE(diffExpr(e.arg, wrt));
    case 'exp':
      return prodE(e, diffExpr(e.arg, wrt));
    case 'log':
      return { op: 'div', num: diffExpr(e.arg, wrt), den: e.arg };
    case 'sin':
      return prodE(un('cos', e.arg), diffExpr(e.arg, wrt));
    case 'cos':
      return negE(prodE(un('sin', e.arg), diffExpr(e.arg, wrt)));
    case 'tanh':
      return prodE(sumE(cst(1), negE(powi(e, 2))), diffExpr(e.arg, wrt));
    case 'sqrt':
      return { op: 'div', num: diffExpr(e.arg, wrt), den: prodE(cst(2), e) };
    case 'abs':
      throw new RangeError('diffExpr: |·| is not differentiable; families do not use it');
  }
}

/** Replace x_i / v_i leaves (simultaneously) by other trees. */
export function substExpr(e: Expr, leaf: (c: Coord) => Expr | undefined): Expr {
  switch (e.op) {
    case 'const':
    case 'param':
      return e;
    case 'x':
    case 'v':
      return leaf({ kind: e.op, index: e.index }) ?? e;
    case 'add':
      return sumE(...e.args.map((a) => substExpr(a, leaf)));
    case 'mul':
      return prodE(...e.args.map((a) => substExpr(a, leaf)));
    case 'div':
      return { op: 'div', num: substExpr(e.num, leaf), den: substExpr(e.den, leaf) };
    case 'powi':
      return powi(substExpr(e.base, leaf), e.exp);
    default:
      return { op: e.op, arg: substExpr(e.arg, leaf) };
  }
}

export const gradX = (f: Expr, d: number): Expr[] => Array.from({ length: d }, (_, i) => diffExpr(f, { kind: 'x', index: i }));
export const gradV = (f: Expr, d: number): Expr[] => Array.from({ length: d }, (_, i) => diffExpr(f, { kind: 'v', index: i }));

// ---------------------------------------------------------------- test functions g, h

/** A test function on ℝ^{2d} with its mean under M (closed form) and, if polynomial, its exact form. */
export interface TestFunction {
  family: 'hermite' | 'trig' | 'bump' | 'poly';
  d: number;
  expr: Expr;
  /** E_M[f] for M of (3.1) with the given (ω₀², β), in floating point (closed form). */
  mean: (omega0Sq: number, beta: number) => number;
  /** The same function as an exact polynomial in x1…xd, v1…vd (polynomial families only). */
  poly?: Poly;
  /** Short description for reports. */
  label: string;
}

/** He_k(y) (probabilists', unit variance) as a tree in y. */
function hermiteExpr(k: number, y: Expr): Expr {
  if (k === 0) return cst(1);
  let prev: Expr = cst(1);
  let cur: Expr = y;
  for (let j = 1; j < k; j++) {
    const next = sumE(prodE(y, cur), scaleE(-j, prev));
    prev = cur;
    cur = next;
  }
  return cur;
}

/**
 * c · Π_i He_{α_i}(x_i) He_{β_i}(v_i) (unit-variance Hermite); mean 0 under the standard Gaussian
 * only, so the mean for M is computed from the exact polynomial.
 */
export function hermiteTestFunction(d: number, alpha: readonly number[], betaExp: readonly number[], coef = 1): TestFunction {
  if (alpha.length !== d || betaExp.length !== d) throw new RangeError(`hermiteTestFunction: need ${d} exponents per block, got ${alpha.length}, ${betaExp.length}`);
  const factors: Expr[] = [cst(coef)];
  let poly = pc(Rational.fromNumber(coef));
  for (let i = 0; i < d; i++) {
    factors.push(hermiteExpr(alpha[i], xv(i)), hermiteExpr(betaExp[i], vv(i)));
    poly = poly.mul(hermiteUnitPoly(alpha[i], `x${i + 1}`)).mul(hermiteUnitPoly(betaExp[i], `v${i + 1}`));
  }
  return polyTestFunction(d, poly, `hermite(α=[${alpha}], β=[${betaExp}])·${coef}`, 'hermite', prodE(...factors));
}

function hermiteUnitPoly(k: number, name: string): Poly {
  let prev = Poly.ONE;
  if (k === 0) return prev;
  let cur = pv(name);
  for (let j = 1; j < k; j++) {
    const next = pv(name).mul(cur).sub(prev.scale(j));
    prev = cur;
    cur = next;
  }
  return cur;
}

/** A polynomial test function from an exact `Poly` in x1…xd, v1…vd. */
export function polyTestFunction(d: number, poly: Poly, label = poly.toString(), family: TestFunction['family'] = 'poly', expr?: Expr): TestFunction {
  const e = expr ?? polyToExpr(poly);
  return {
    family,
    d,
    expr: e,
    poly,
    label,
    mean: (omega0Sq, beta) => polyMeanNumber(poly, omega0Sq, beta),
  };
}

/** Floating E_M of a polynomial (closed-form moments; display and float searches only). */
export function polyMeanNumber(p: Poly, omega0Sq: number, beta: number): number {
  const sx = 1 / (beta * omega0Sq);
  const sv = 1 / beta;
  let s = 0;
  for (const t of p.termList()) {
    let c = t.coef.toNumber();
    for (const [name, e] of t.mono) {
      if (e % 2 === 1) {
        c = 0;
        break;
      }
      let df = 1;
      for (let k = e - 1; k > 1; k -= 2) df *= k;
      c *= df * (name.startsWith('x') ? sx : sv) ** (e / 2);
    }
    s += c;
  }
  return s;
}

/** A polynomial in x1…, v1… (and nothing else) as a tree. */
export function polyToExpr(p: Poly): Expr {
  const terms: Expr[] = [];
  for (const t of p.termList()) {
    const f: Expr[] = [cst(t.coef.toNumber())];
    for (const [name, e] of t.mono) {
      const m = /^([xv])(\d+)$/.exec(name);
      if (!m) throw new RangeError(`polyToExpr: not a phase variable: ${name}`);
      const leaf = m[1] === 'x' ? xv(Number(m[2]) - 1) : vv(Number(m[2]) - 1);
      f.push(e === 1 ? leaf : powi(leaf, e));
    }
    terms.push(prodE(...f));
  }
  return sumE(...terms);
}

/** One term a·sin(k_x·x + k_v·v + φ) of a trigonometric sum. */
export interface TrigTerm {
  amp: number;
  kx: number[];
  kv: number[];
  phase: number;
}

/** Σ a sin(k_x·x + k_v·v + φ); E_M = Σ a sin φ · exp(−½(|k_x|²σ_x² + |k_v|²σ_v²)). */
export function trigTestFunction(d: number, terms: readonly TrigTerm[]): TestFunction {
  const parts = terms.map((t) => {
    const arg = sumE(cst(t.phase), ...t.kx.map((k, i) => scaleE(k, xv(i))), ...t.kv.map((k, i) => scaleE(k, vv(i))));
    return scaleE(t.amp, un('sin', arg));
  });
  return {
    family: 'trig',
    d,
    expr: sumE(...parts),
    label: `trig(${terms.length} terms)`,
    mean: (omega0Sq, beta) => {
      const sx = 1 / (beta * omega0Sq);
      const sv = 1 / beta;
      return terms.reduce((s, t) => s + t.amp * Math.sin(t.phase) * Math.exp(-0.5 * (sq(t.kx) * sx + sq(t.kv) * sv)), 0);
    },
  };
}

const sq = (a: readonly number[]) => a.reduce((s, k) => s + k * k, 0);

/** a·exp(−c(|x−x₀|² + |v−v₀|²)); E_M = a Π_i (1+2cσ²)^{−1/2} exp(−c y₀²/(1+2cσ²)). */
export function bumpTestFunction(d: number, amp: number, width: number, cx: readonly number[], cvv: readonly number[]): TestFunction {
  if (!(width > 0)) throw new RangeError(`bumpTestFunction: width must be > 0, got ${width}`);
  const q2 = sumE(...cx.map((c, i) => powi(sumE(xv(i), cst(-c)), 2)), ...cvv.map((c, i) => powi(sumE(vv(i), cst(-c)), 2)));
  return {
    family: 'bump',
    d,
    expr: scaleE(amp, un('exp', scaleE(-width, q2))),
    label: `bump(a=${amp}, c=${width})`,
    mean: (omega0Sq, beta) => {
      const sx = 1 / (beta * omega0Sq);
      const sv = 1 / beta;
      let m = amp;
      for (const c of cx) m *= Math.exp((-width * c * c) / (1 + 2 * width * sx)) / Math.sqrt(1 + 2 * width * sx);
      for (const c of cvv) m *= Math.exp((-width * c * c) / (1 + 2 * width * sv)) / Math.sqrt(1 + 2 * width * sv);
      return m;
    },
  };
}

/** f − E_M[f], so that ∫hM = 0 as (3.5) requires. */
export function meanZero(f: TestFunction, omega0Sq: number, beta: number): TestFunction {
  const m = f.mean(omega0Sq, beta);
  return {
    ...f,
    expr: sumE(f.expr, cst(-m)),
    poly: undefined,
    label: `${f.label} − mean`,
    mean: (w, b) => f.mean(w, b) - m,
  };
}

// ---------------------------------------------------------------- perturbations ε

/**
 * A perturbation ε: ℝ^d → ℝ^d as trees in θ (θ_j is written as the leaf x_j before composition).
 * `supAbs[i]`, `supAbsDeriv[i]` are sup_θ |ε_i| and sup_θ |∂_iε_i| (+∞ if unbounded), or
 * undefined where no closed form is known.
 */
export interface Perturbation {
  family: 'tanh' | 'sin-gauss' | 'poly' | 'zero';
  d: number;
  /** ε_i(θ), i = 0 … d−1, in the placeholder leaves x_j = θ_j. */
  components: Expr[];
  /** Exact ε_i(θ) as polynomials in th1…thd (polynomial family only). */
  polys?: Poly[];
  supAbs: number[];
  supAbsDeriv: number[];
  /** True when ε_i depends on θ_i only (ε' is then diagonal and ε'_i = dε_i/dθ_i). */
  componentwise: boolean;
  label: string;
}

const theta = (j: number): Expr => xv(j);

/** ε_i(θ) = a_i tanh(b_i θ_i): sup|ε_i| = |a_i| (not attained), sup|ε_i'| = |a_i b_i| at θ_i = 0. */
export function tanhPerturbation(a: readonly number[], b: readonly number[]): Perturbation {
  if (a.length !== b.length) throw new RangeError(`tanhPerturbation: a and b must have the same length, got ${a.length}, ${b.length}`);
  return {
    family: 'tanh',
    d: a.length,
    components: a.map((ai, i) => scaleE(ai, un('tanh', scaleE(b[i], theta(i))))),
    supAbs: a.map(Math.abs),
    supAbsDeriv: a.map((ai, i) => Math.abs(ai * b[i])),
    componentwise: true,
    label: `a·tanh(bθ), a=[${a}], b=[${b}]`,
  };
}

/** ε_i(θ) = a_i sin(b_i θ_i) e^{−c_i θ_i²}; the sups are found numerically (`supOnLine`). */
export function sinGaussPerturbation(a: readonly number[], b: readonly number[], c: readonly number[]): Perturbation {
  const d = a.length;
  if (b.length !== d || c.length !== d) throw new RangeError(`sinGaussPerturbation: a, b, c must have the same length`);
  for (const ci of c) if (!(ci > 0)) throw new RangeError(`sinGaussPerturbation: c must be > 0, got ${ci}`);
  const f = (i: number) => (t: number) => a[i] * Math.sin(b[i] * t) * Math.exp(-c[i] * t * t);
  const df = (i: number) => (t: number) => a[i] * Math.exp(-c[i] * t * t) * (b[i] * Math.cos(b[i] * t) - 2 * c[i] * t * Math.sin(b[i] * t));
  return {
    family: 'sin-gauss',
    d,
    components: a.map((ai, i) => prodE(cst(ai), un('sin', scaleE(b[i], theta(i))), un('exp', scaleE(-c[i], powi(theta(i), 2))))),
    supAbs: a.map((_, i) => supOnLine(f(i), 6 / Math.sqrt(c[i]))),
    supAbsDeriv: a.map((_, i) => supOnLine(df(i), 6 / Math.sqrt(c[i]))),
    componentwise: true,
    label: `a·sin(bθ)e^{−cθ²}, a=[${a}], b=[${b}], c=[${c}]`,
  };
}

/** ε_i(θ) a polynomial in th1…thd (exact); unbounded unless constant. */
export function polyPerturbation(d: number, polys: readonly Poly[]): Perturbation {
  if (polys.length !== d) throw new RangeError(`polyPerturbation: need ${d} components, got ${polys.length}`);
  const names = Array.from({ length: d }, (_, j) => `th${j + 1}`);
  const componentwise = polys.every((p, i) => p.variables().every((v) => v === names[i]));
  const asExpr = (p: Poly) => polyToExpr(p.subs(Object.fromEntries(names.map((n, j) => [n, pv(`x${j + 1}`)]))));
  return {
    family: 'poly',
    d,
    components: polys.map(asExpr),
    polys: [...polys],
    supAbs: polys.map((p) => (p.constantValue() !== undefined ? Math.abs(p.constantValue()!.toNumber()) : Infinity)),
    supAbsDeriv: polys.map((p, i) => {
      const dp = p.diff(names[i]);
      return dp.constantValue() !== undefined ? Math.abs(dp.constantValue()!.toNumber()) : Infinity;
    }),
    componentwise,
    label: `poly ε = (${polys.map((p) => p.toString()).join(', ')})`,
  };
}

/** ε ≡ 0 (the unperturbed quadratic loss). */
export function zeroPerturbation(d: number): Perturbation {
  return { family: 'zero', d, components: Array(d).fill(cst(0)), polys: Array(d).fill(Poly.ZERO), supAbs: Array(d).fill(0), supAbsDeriv: Array(d).fill(0), componentwise: true, label: 'ε ≡ 0' };
}

/** sup_t |f(t)| over [−T, T] by a dense grid and golden-section refinement (floating; display only). */
export function supOnLine(f: (t: number) => number, T: number, grid = 4001): number {
  let best = 0;
  let arg = 0;
  for (let k = 0; k < grid; k++) {
    const t = -T + (2 * T * k) / (grid - 1);
    const y = Math.abs(f(t));
    if (y > best) {
      best = y;
      arg = t;
    }
  }
  const h = (2 * T) / (grid - 1);
  let lo = arg - h;
  let hi = arg + h;
  for (let k = 0; k < 60; k++) {
    const m1 = lo + (hi - lo) * 0.382;
    const m2 = lo + (hi - lo) * 0.618;
    if (Math.abs(f(m1)) > Math.abs(f(m2))) hi = m2;
    else lo = m1;
  }
  return Math.max(best, Math.abs(f((lo + hi) / 2)));
}

/** ε evaluated along θ = −(v + γx)/ω₀² of (2.4), with its x- and v-Jacobians and ε'. */
export interface ComposedPerturbation {
  d: number;
  /** ε_i(θ(x, v)). */
  eps: Expr[];
  /** ∂_{x_j}[ε_i(θ(x,v))] as jx[i][j] (computed by the chain rule on the tree). */
  jx: Expr[][];
  /** ∂_{v_j}[ε_i(θ(x,v))] as jv[i][j]. */
  jv: Expr[][];
  /** The θ-Jacobian (ε')_{ij} = ∂_jε_i at θ(x, v). */
  jac: Expr[][];
  /** ε'_i := ∂_iε_i(θ) at θ(x, v) (the diagonal; the scalar derivative for componentwise ε). */
  diag: Expr[];
}

/** Compose ε with θ = −(v + γx)/ω₀² (2.4). */
export function composePerturbation(eps: Perturbation, gamma: number, omega0Sq: number): ComposedPerturbation {
  if (!(omega0Sq > 0)) throw new RangeError(`composePerturbation: omega0Sq must be > 0, got ${omega0Sq}`);
  const d = eps.d;
  const th = (j: number) => scaleE(-1 / omega0Sq, sumE(vv(j), scaleE(gamma, xv(j))));
  const at = (e: Expr) => substExpr(e, (c) => (c.kind === 'x' ? th(c.index) : undefined));
  const comp = eps.components.map(at);
  const jacTheta = eps.components.map((e) => Array.from({ length: d }, (_, j) => at(diffExpr(e, { kind: 'x', index: j }))));
  return {
    d,
    eps: comp,
    jx: comp.map((e) => gradX(e, d)),
    jv: comp.map((e) => gradV(e, d)),
    jac: jacTheta,
    diag: jacTheta.map((row, i) => row[i]),
  };
}

// ---------------------------------------------------------------- exact polynomial forms

/** Exact parameters of (2.4)/(3.3). */
export interface ExactParams {
  d: number;
  omega0Sq: Rational;
  gamma: Rational;
  beta: Rational;
}

/** θ_j = −(v_j + γx_j)/ω₀² as a polynomial (2.4). */
export function thetaPoly(j: number, p: ExactParams): Poly {
  return pv(`v${j + 1}`).add(pv(`x${j + 1}`).scale(p.gamma)).scale(p.omega0Sq.inv().neg());
}

/** ε_i(θ(x,v)) for a polynomial perturbation, exactly. */
export function composePolyPerturbation(eps: readonly Poly[], p: ExactParams): Poly[] {
  const map = Object.fromEntries(Array.from({ length: p.d }, (_, j) => [`th${j + 1}`, thetaPoly(j, p)]));
  return eps.map((e) => e.subs(map));
}

/** The θ-Jacobian (ε')_{ij} = ∂_jε_i at θ(x,v), exactly. */
export function jacobianPolyPerturbation(eps: readonly Poly[], p: ExactParams): Poly[][] {
  const map = Object.fromEntries(Array.from({ length: p.d }, (_, j) => [`th${j + 1}`, thetaPoly(j, p)]));
  return eps.map((e) => Array.from({ length: p.d }, (_, j) => e.diff(`th${j + 1}`).subs(map)));
}

/** Rh = ε·(∇_x h − γ∇_v h) − βε·(ω₀²x − γv)h of (3.3), exactly (ε already composed). */
export function perturbationOperatorPoly(eps: readonly Poly[], h: Poly, p: ExactParams): Poly {
  let out = Poly.ZERO;
  for (let i = 0; i < p.d; i++) {
    const xi = `x${i + 1}`;
    const vi = `v${i + 1}`;
    const drift = h.diff(xi).sub(h.diff(vi).scale(p.gamma));
    const field = pv(xi).scale(p.omega0Sq).sub(pv(vi).scale(p.gamma)).scale(p.beta);
    out = out.add(eps[i].mul(drift.sub(field.mul(h))));
  }
  return out;
}

/** Th = v·∇_x h − ω₀² x·∇_v h of (3.3), exactly. */
export function transportOperatorPoly(h: Poly, p: ExactParams): Poly {
  let out = Poly.ZERO;
  for (let i = 1; i <= p.d; i++) out = out.add(pv(`v${i}`).mul(h.diff(`x${i}`))).sub(pv(`x${i}`).mul(h.diff(`v${i}`)).scale(p.omega0Sq));
  return out;
}

/** Lh = (γ/β)(1/M)∇_v·(M∇_v h) = (γ/β)(Δ_v h − βv·∇_v h) of (3.3), exactly (M of (3.1)). */
export function fokkerPlanckOperatorPoly(h: Poly, p: ExactParams): Poly {
  let out = Poly.ZERO;
  for (let i = 1; i <= p.d; i++) out = out.add(h.diff(`v${i}`).diff(`v${i}`)).sub(pv(`v${i}`).mul(h.diff(`v${i}`)).scale(p.beta));
  return out.scale(p.gamma.div(p.beta));
}

/** The tree of Rh (3.3) for a composed ε and a test function tree h. */
export function perturbationOperatorExpr(eps: ComposedPerturbation, h: Expr, gamma: number, omega0Sq: number, beta: number): Expr {
  const terms: Expr[] = [];
  for (let i = 0; i < eps.d; i++) {
    const drift = sumE(diffExpr(h, { kind: 'x', index: i }), scaleE(-gamma, diffExpr(h, { kind: 'v', index: i })));
    const field = scaleE(beta, sumE(scaleE(omega0Sq, xv(i)), scaleE(-gamma, vv(i))));
    terms.push(prodE(eps.eps[i], sumE(drift, negE(prodE(field, h)))));
  }
  return sumE(...terms);
}
