/**
 * `kind: expectation-bound` — a relation between Gaussian expectations and parameter expressions,
 * for every parameter point of the domain:
 *
 *   weight:    "M"                                (a definition exp(-a*|x|^2 - b*|v|^2), normalised)
 *   dimension: 1                                  (or a list)
 *   relation:  "E(|x|^2 + |v|^2) <= (d + 1)/beta" (E(·) = E_w[·]; any parameter expression around it)
 *
 * Integrands are written in the space variables: `|x|^2`, `dot(x, v)`, scalar variables, parameters,
 * and (non-polynomial) `exp`, `sin`, `cos`, `tanh`, `abs` of those.
 *
 * Polynomial integrands (exact): each E(·) is computed symbolically from exact Gaussian moments — a
 * rational function of the parameters — and the relation is decided like `inequality`: exact domain
 * points first (a violation there is a refutation, sign checked exactly), then Z3 and cvc5 on the
 * negation (`proved`, basis two-solvers / one-solver).
 *
 * Other integrands (Monte Carlo): seeded trials over exact domain points through the run's
 * integrators — uniform, shrunk toward the domain's ends, and each parameter alone (then all
 * together) moved 10, 100, 1000 times farther out or closer in (trialPoints) — worst margin with its
 * σ; `refuted` needs a > 6σ violation confirmed by a different backend; `supported` (never
 * `proved`) needs every trial to be evidence for the relation as printed AND every trial computed:
 * a trial that overflows (an f32 overflow on the GPU is first retried on the run's CPU sampler, in
 * f64) leaves its region unexamined, and the verdict is then `inconclusive`.
 */
import { z } from 'zod';
import type { MathNode } from 'mathjs';
import { inconclusive, type CheckContext, type CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, gcd, q } from '../../symbolic/rational.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { expectationWith } from '../../symbolic/moments.ts';
import { LangError, type LangSymbols, type ParamExpr } from '../../symbolic/lang/index.ts';
import { difference, farValues, parseDomain, parseMath, parseParamExpr, signAt, signFormula } from '../../symbolic/lang/param.ts';
import { PolyMatrix } from '../../symbolic/matrix.ts';
import { barsToAbs, splitRelation } from '../../symbolic/lang/text.ts';
import { cst, div as divE, powi, un, vv, xv, type Expr } from '../../numeric/expr.ts';
import { gridThenGolden, parameterGrid } from '../../numeric/line-search.ts';
import type { IntegratorSet } from '../../numeric/integrator.ts';
import { prodE, sumE, scaleE } from '../../numeric/families.ts';
import { chooseIntegrators, integrateMargins, marginShortfall, STRICT_SUPPORT_SIGMAS } from '../../numeric/search.ts';
import { registerProcedure } from './registry.ts';
import { answersEvidence, badInput, decideQuery, divisorsUndefined, domainPoints, domainPointsAtScales, getSolvers, inDomain, langSymbols, noTrials, paramText, pointText, recordDomain, recordRng, signByTerms, signOnWholeDomain } from './common.ts';
import { gaussianWeight, weightTerm, weightVariances, type GaussianWeight } from './integral-inequality.ts';

type Node = MathNode & { type: string; name?: string; fn?: unknown; args?: MathNode[]; op?: string; content?: MathNode; value?: unknown };
const fnName = (n: Node): string | undefined => (typeof n.fn === 'string' ? n.fn : (n.fn as { name?: string } | undefined)?.name);
const HOLDS: Record<string, (s: number) => boolean> = { '<': (s) => s < 0, '<=': (s) => s <= 0, '>': (s) => s > 0, '>=': (s) => s >= 0, '=': (s) => s === 0, '!=': (s) => s !== 0 };

/** Replace E(…) by symbols __E0, __E1, … and collect the integrands (a written weight, E(f, W), must be the record's). */
function extractExpectations(node: MathNode, found: MathNode[], weight: string): MathNode {
  const same = (w: MathNode) => w.toString().replace(/\s/g, '') === parseMath(barsToAbs(weight)).toString().replace(/\s/g, '');
  return (node as Node).transform((c) => {
    const m = c as Node;
    if (m.type === 'FunctionNode' && fnName(m) === 'E') {
      if (m.args?.length !== 1 && m.args?.length !== 2) throw new LangError(`E(·) takes one integrand (and optionally the weight), in "${m.toString()}"`);
      if (m.args.length === 2 && !same(m.args[1])) throw new LangError(`E(…, ${m.args[1].toString()}): the weight argument must be the record's weight "${weight}"`);
      found.push(m.args[0]);
      return parseMath(`__E${found.length - 1}`);
    }
    return c;
  });
}

/** Integrand → polynomial in the coordinates with parameter-polynomial coefficients over a common parameter denominator. */
function integrandPoly(node: MathNode, syms: LangSymbols, d: number): { num: Poly; den: Poly } | undefined {
  const vars = Object.keys(syms.variables);
  let nonPoly = false;
  const t = (node as Node).transform((c) => {
    const m = c as Node;
    // |y|^k, k even, is a polynomial (|x|^2 = dot(x, x) for a vector x, z^k for a scalar z); any
    // other |·| (|z|, |x|, |z|^3) is not: sampled (visited parent first, so an even power is replaced before its abs)
    if (m.type === 'OperatorNode' && m.op === '^') {
      const [b, e] = m.args! as Node[];
      const k = e.type === 'ConstantNode' ? Number(e.value) : NaN;
      const y = b.type === 'FunctionNode' && fnName(b) === 'abs' && (b.args?.[0] as Node)?.type === 'SymbolNode' ? (b.args![0] as Node).name! : undefined;
      if (y && y in syms.variables && Number.isInteger(k) && k > 0 && k % 2 === 0) return parseMath(syms.variables[y].vector ? `(__dot_${y}_${y})^${k / 2}` : `${y}^${k}`);
    }
    if (m.type === 'FunctionNode' && ['exp', 'sin', 'cos', 'tanh', 'abs', 'sqrt', 'log'].includes(fnName(m) ?? '')) nonPoly = true;
    if (m.type === 'FunctionNode' && fnName(m) === 'dot') {
      const [a, b] = (m.args ?? []) as Node[];
      if (a?.type === 'SymbolNode' && b?.type === 'SymbolNode') return parseMath(`__dot_${a.name}_${b.name}`);
    }
    return c;
  });
  if (nonPoly) return undefined;
  const extra: string[] = [];
  t.traverse((c) => {
    const m = c as Node;
    if (m.type === 'SymbolNode' && m.name!.startsWith('__dot_')) extra.push(m.name!);
  });
  const scalars = vars.filter((v) => !syms.variables[v].vector);
  const e = parseParamExpr(t.toString(), syms, [...extra, ...scalars]);
  const subs: Record<string, Poly> = {};
  for (const name of extra) {
    const [, a, b] = /^__dot_(\w+?)_(\w+)$/.exec(name)!;
    if (!syms.variables[a]?.vector || !syms.variables[b]?.vector) throw new LangError(`dot(${a}, ${b}) / |${a}|^2 of non-vector variables`);
    let s = Poly.ZERO;
    for (let i = 1; i <= d; i++) s = s.add(pv(`${a}${i}`).mul(pv(`${b}${i}`)));
    subs[name] = s;
  }
  for (const v of [...extra, ...scalars]) if (e.den.degreeIn(v) > 0) return undefined;
  if (Object.keys(e.roots).length) return undefined;
  return { num: e.num.subs(subs), den: e.den };
}

/**
 * The weight's law, read exactly (gaussianWeight): exp(−½ zᵀAz + bᵀz + c) with A, b parameter
 * expressions over a common denominator. Independent and centred (A diagonal, b = 0): a variance
 * σ² = den/A_vv per variable, moments one coordinate at a time (Isserlis). Otherwise the general
 * Gaussian: covariance A⁻¹ = den·adj(A)/det A, mean A⁻¹b = adj(A)·b/det A, moments by Stein's
 * identity. A ≻ 0 on the domain is decided separately (weightIntegrable).
 */
interface WeightLaw {
  g: GaussianWeight;
  variances?: Map<string, ParamExpr>;
  /** numerators over det: covariance S (of the variables; I_d for a vector's coordinates) and mean */
  general?: { S: Poly[][]; mean: Poly[]; det: Poly };
}

function weightLaw(record: ClaimRecord, syms: LangSymbols, dimName: string, d: number): WeightLaw {
  const weight = String(record.weight);
  // the dimension may enter the coefficients: read at this d
  const raw = gaussianWeight(weight, syms, [dimName]);
  const at = (p: Poly) => p.subs({ [dimName]: q(d) });
  const g: GaussianWeight = { ...raw, A: raw.A.map((row) => row.map(at)), b: raw.b.map(at), den: at(raw.den) };
  if (g.den.isZero()) throw new LangError(`weight "${weight}" is undefined at ${dimName} = ${d}`);
  const n = g.variables.length;
  if (!n) throw new LangError(`weight "${weight}" involves no variable: not a Gaussian`);
  const independent = g.b.every((x) => x.isZero()) && g.A.every((row, i) => row.every((x, j) => i === j || x.isZero()));
  // σ² = −den/(−A_vv) (= −1/(2c) for the term c·|v|^2, the form these moments have always had)
  if (independent) return { g, variances: new Map(g.variables.map((v, i) => [v, { num: g.den.neg(), den: g.A[i][i].neg(), roots: {} }])) };
  const A = PolyMatrix.from(g.A);
  const all = [...Array(n).keys()];
  const adj = n === 1 ? [[Poly.ONE]] : all.map((i) => all.map((j) => A.submatrix(all.filter((r) => r !== j), all.filter((c) => c !== i)).det().scale((i + j) % 2 ? -1 : 1)));
  return { g, general: { S: adj.map((row) => row.map((x) => x.mul(g.den))), mean: adj.map((row) => row.reduce((acc, x, j) => acc.add(x.mul(g.b[j])), Poly.ZERO)), det: A.det() } };
}

/**
 * A ≻ 0 (the weight is integrable) on the whole domain ∧ forall, by Sylvester's criterion: each
 * diagonal entry and, for a correlated weight, each leading principal minor is > 0 — by its signs
 * (coefficients of one sign in positive parameters), else by the solvers. A point where it fails
 * makes the claim `inconclusive` (the expectations do not exist there: the statement is undefined); undecided is `inconclusive` too.
 */
async function weightIntegrable(law: WeightLaw, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, syms: LangSymbols): Promise<CheckResult | undefined> {
  const { g } = law;
  const weight = String(record.weight);
  const square = (v: string) => (syms.variables[v]?.vector ? `|${v}|^2` : `${v}^2`);
  const conditions = g.variables.map((v, i) => ({ what: `the coefficient A of -A*${square(v)}/2 in the exponent`, where: ` in ${v}`, e: { num: g.A[i][i], den: g.den, roots: {} } as ParamExpr }));
  if (law.general) {
    const A = PolyMatrix.from(g.A);
    for (let k = 2; k <= g.variables.length; k++) {
      const idx = [...Array(k).keys()];
      conditions.push({ what: `the leading ${k}×${k} minor of the precision matrix A (exponent −½ zᵀAz + bᵀz, z = ${g.variables.slice(0, k).join(', ')})`, where: '', e: { num: A.submatrix(idx, idx).det(), den: g.den.pow(k), roots: {} } });
    }
  }
  // not integrable anywhere (exp(+a·z²/2), a > 0): an input error, as lint says
  const nowhere = weightSignProblem(g, syms);
  if (nowhere) throw new LangError(nowhere);
  const points = domainPoints(record, env, ctx, 16);
  for (const c of conditions) {
    if (c.e.num.isZero()) throw new LangError(`weight "${weight}" is not integrable${c.where}: ${c.what} is 0`);
    const sign = await signOnWholeDomain(c.e, '>', record, env, ctx, points);
    if (sign.holds) continue;
    if (sign.holds === false) {
      // a point of the domain where the expectations do not exist: the printed statement is undefined there
      const text = `weight "${weight}" is not integrable${c.where} at ${sign.where} of the domain: ${c.what} is ${paramText(c.e)}, not > 0; the printed statement is not defined there (state the hypothesis that excludes it)`;
      return { verdict: 'inconclusive', method: 'exact', summary: text, evidence: { undefinedAt: sign.where, reason: text }, decisive: `undefined: ${text}` };
    }
    const outcome = sign.outcome!;
    const text = `weight "${weight}": integrability${c.where} on the whole domain is not established (${c.what} = ${paramText(c.e)} > 0: ${outcome.reason ?? 'undecided'}); no expectation is computed`;
    return { verdict: 'inconclusive', method: 'exact', summary: text, evidence: { reason: text, ...answersEvidence(outcome) }, decisive: `undecided: ${text}` };
  }
  return undefined;
}

/** The general Gaussian's mean and covariance as text (evidence), each N/det with the integer content of N and det divided out. */
function lawText(law: WeightLaw, syms: LangSymbols): string {
  const { g } = law;
  const { S, mean, det } = law.general!;
  const v = g.variables;
  const text = (num: Poly) => {
    const coefs = [...num.termList(), ...det.termList()].map((t) => t.coef);
    const c = coefs.every((x) => x.isInteger()) ? coefs.reduce((acc, x) => gcd(acc, x.num < 0n ? -x.num : x.num), 0n) : 1n;
    const k = c > 1n ? Rational.of(1n, c) : Rational.ONE;
    return paramText({ num: num.scale(k), den: det.scale(k), roots: {} });
  };
  const name = (x: string) => (syms.variables[x]?.vector ? `${x}_i` : x);
  const m = v.map((x, i) => `${name(x)}: ${text(mean[i])}`).join(', ');
  const c = v.flatMap((x, i) => v.slice(i).map((y, j) => `${name(x)}·${name(y)}: ${text(S[i][i + j])}`)).join(', ');
  return `Gaussian with mean A⁻¹b (${m}) and covariance A⁻¹ (${c})${v.some((x) => syms.variables[x]?.vector) ? ', per coordinate i of the vectors' : ''}`;
}

/** E of a polynomial integrand under the general Gaussian, by Stein's identity E[z_i q] = μ_i E[q] + Σ_j C_ij E[∂_j q]. */
function expectationGeneral(ip: { num: Poly; den: Poly }, law: WeightLaw, syms: LangSymbols, d: number): ParamExpr {
  const { g } = law;
  const { S, mean, det } = law.general!;
  const coords = new Map<string, { i: number; k: number }>();
  g.variables.forEach((v, i) => {
    if (syms.variables[v].vector) for (let k = 1; k <= d; k++) coords.set(`${v}${k}`, { i, k });
    else coords.set(v, { i, k: 0 });
  });
  for (const name of ip.num.variables()) if (!coords.has(name) && !name.startsWith('__') && Object.keys(syms.variables).some((v) => name === v || new RegExp(`^${v}\\d+$`).test(name))) throw new LangError(`the integrand depends on ${name}, which the weight does not integrate`);
  // symbols for the entries of the covariance and the mean, each a numerator over det
  const numerators = new Map<string, Poly>();
  const symbol = (name: string, value: Poly): Poly => {
    if (value.isZero()) return Poly.ZERO;
    numerators.set(name, value);
    return pv(name);
  };
  const cov = (a: string, b: string): Poly => {
    const [p, r] = [coords.get(a)!, coords.get(b)!];
    if (p.k !== r.k) return Poly.ZERO; // different coordinates of vectors, or a scalar and a vector
    const [i, j] = p.i <= r.i ? [p.i, r.i] : [r.i, p.i];
    return symbol(`__S_${i}_${j}`, S[i][j]);
  };
  const memo = new Map<string, Poly>();
  const E = (mono: readonly (readonly [string, number])[]): Poly => {
    if (!mono.length) return Poly.ONE;
    const key = mono.map(([c, e]) => `${c}^${e}`).join('*');
    const hit = memo.get(key);
    if (hit) return hit;
    const [c, e] = mono[0];
    const rest = e > 1 ? [[c, e - 1] as const, ...mono.slice(1)] : mono.slice(1);
    const i = coords.get(c)!.i;
    let out = symbol(`__m_${i}`, mean[i]).mul(E(rest));
    rest.forEach(([c2, e2], j) => {
      const s = cov(c, c2);
      if (s.isZero()) return;
      const lower = e2 > 1 ? rest.map((t, jj) => (jj === j ? ([c2, e2 - 1] as const) : t)) : rest.filter((_, jj) => jj !== j);
      out = out.add(s.mul(E(lower)).scale(e2));
    });
    memo.set(key, out);
    return out;
  };
  let e = Poly.ZERO;
  for (const { mono, coef } of ip.num.collect([...coords.keys()]).values()) e = e.add(coef.mul(E(mono)));
  // every symbol is N/det: homogenise to the highest degree K, over ip.den·det^K
  const groups = [...e.collect([...numerators.keys()]).values()];
  const degree = (mono: readonly (readonly [string, number])[]) => mono.reduce((s, [, k]) => s + k, 0);
  const K = groups.reduce((m, t) => Math.max(m, degree(t.mono)), 0);
  let num = Poly.ZERO;
  for (const { mono, coef } of groups) num = num.add(mono.reduce((acc, [s, k]) => acc.mul(numerators.get(s)!.pow(k)), coef).mul(det.pow(K - degree(mono))));
  return { num, den: ip.den.mul(det.pow(K)), roots: {} };
}

function expectationParam(ip: { num: Poly; den: Poly }, variances: Map<string, ParamExpr>, syms: LangSymbols, d: number): ParamExpr {
  const sym = (v: string) => `__s_${v}`;
  const coordVar = (name: string): string | undefined => {
    for (const v of variances.keys()) {
      if (syms.variables[v].vector ? new RegExp(`^${v}\\d+$`).test(name) && Number(name.slice(v.length)) <= d : name === v) return v;
    }
    return undefined;
  };
  const e = expectationWith(ip.num, (name) => {
    const v = coordVar(name);
    return v ? pv(sym(v)) : undefined;
  });
  for (const name of e.variables()) if (Object.keys(syms.variables).some((v) => name === v || new RegExp(`^${v}\\d+$`).test(name)) && !name.startsWith('__')) throw new LangError(`the integrand depends on ${name}, which the weight does not integrate`);
  // substitute σ² = N/D: multiply through by D^K
  let num = e;
  let den = ip.den;
  for (const [v, s] of variances) {
    const K = num.degreeIn(sym(v));
    if (!K) continue;
    let acc = Poly.ZERO;
    // coefficient of s^k by repeated differentiation at 0
    let f = num;
    let fact = Rational.ONE;
    for (let k = 0; k <= K; k++) {
      if (k > 0) fact = fact.mul(q(k));
      const ck = f.subs({ [sym(v)]: 0 }).scale(fact.inv());
      acc = acc.add(ck.mul(s.num.pow(k)).mul(s.den.pow(K - k)));
      f = f.diff(sym(v));
    }
    num = acc;
    den = den.mul(s.den.pow(K));
  }
  return { num, den, roots: {} };
}

const INTEGRAND_FUNCTIONS = ['exp', 'sin', 'cos', 'tanh', 'abs', 'sqrt', 'log', 'dot'];

/**
 * What toExpr / integrandPoly would reject at check time, found from the text (for `lint`): a vector
 * variable standing alone (E(cos(x)) with x a vector: only |x|^2, |x|^(2k) and dot(x, v) read a
 * vector), dot(·, ·) of anything but two vector variables, a function outside the integrand language.
 */
function integrandProblem(node: MathNode, syms: LangSymbols): string | undefined {
  const isVector = (n: Node) => n.type === 'SymbolNode' && !!syms.variables[n.name!]?.vector;
  let problem: string | undefined;
  const masked = (node as Node).transform((c) => {
    const m = c as Node;
    if (m.type === 'OperatorNode' && m.op === '^') {
      const [b, e] = m.args! as Node[];
      const k = e.type === 'ConstantNode' ? Number(e.value) : NaN;
      if (b.type === 'FunctionNode' && fnName(b) === 'abs' && isVector(b.args?.[0] as Node) && Number.isInteger(k) && k > 0 && k % 2 === 0) return parseMath('__vec');
    }
    if (m.type === 'FunctionNode' && fnName(m) === 'dot') {
      const [a, b] = (m.args ?? []) as Node[];
      if (m.args?.length !== 2 || !isVector(a) || !isVector(b)) problem ??= `dot(·, ·) of two vector variables only, got "${m.toString()}"`;
      return parseMath('__vec');
    }
    return c;
  });
  (masked as Node).traverse((c, path) => {
    const m = c as Node;
    if (path === 'fn') return;
    if (m.type === 'FunctionNode' && !INTEGRAND_FUNCTIONS.includes(fnName(m) ?? '')) problem ??= `unsupported in an integrand: "${m.toString()}" (functions: ${INTEGRAND_FUNCTIONS.join(', ')})`;
    if (isVector(m)) problem ??= `the vector variable "${m.name}" stands alone in "${node.toString()}": write |${m.name}|^2, dot(${m.name}, ·) or a coordinate expression`;
  });
  return problem;
}

/**
 * A weight that is not integrable anywhere on the domain, decidable from the parameters' domains
 * alone (for `lint`): a diagonal coefficient A of −A·z²/2 that is 0, or whose numerator and
 * denominator have coefficients of one sign each in positive parameters, with A < 0 (exp(+a|x|^2/2), a > 0).
 */
function weightSignProblem(g: GaussianWeight, syms: LangSymbols): string | undefined {
  for (const [i, v] of g.variables.entries()) {
    const square = syms.variables[v]?.vector ? `|${v}|^2` : `${v}^2`;
    const e: ParamExpr = { num: g.A[i][i], den: g.den, roots: {} };
    if (e.num.isZero()) return `weight "${g.weight}" is not integrable in ${v}: the coefficient A of -A*${square}/2 in the exponent is 0`;
    if (signByTerms(e, syms) < 0) return `weight "${g.weight}" is not integrable in ${v} anywhere on the domain: the coefficient A of -A*${square}/2 in the exponent is ${paramText(e)} < 0 (the weight grows)`;
  }
  return undefined;
}

/** No term of e holds two expectations (E(f)·E(g) and E(f)² alike) and none is in its denominator: the sampled margin is linear in them. */
function linearInExpectations(e: ParamExpr, eNames: readonly string[]): boolean {
  const names = new Set(eNames);
  return !e.num.termList().some((t) => t.mono.reduce((k, [v, n]) => k + (names.has(v) ? n : 0), 0) > 1) && !eNames.some((v) => e.den.degreeIn(v) > 0);
}

/** Integrand → numeric Expr (x ↦ xv, v ↦ vv by the weight's two vector variables). */
function toExpr(node: MathNode, syms: LangSymbols, at: Readonly<Record<string, Rational>>, d: number, kindOf: (v: string) => 'x' | 'v'): Expr {
  const n = node as Node;
  const coord = (v: string, i: number) => (kindOf(v) === 'x' ? xv(i) : vv(i));
  switch (n.type) {
    case 'ParenthesisNode':
      return toExpr(n.content!, syms, at, d, kindOf);
    case 'ConstantNode':
      return cst(Number(n.value));
    case 'SymbolNode': {
      // a scalar space variable is its one coordinate; a vector one needs |x|^2 or dot(x, v)
      const variable = syms.variables[n.name!];
      if (variable && !variable.vector) return coord(n.name!, 0);
      if (variable) throw new LangError(`the vector variable "${n.name}" stands alone in "${n.toString()}": write |${n.name}|^2, dot(${n.name}, ·) or a coordinate expression`);
      const e = parseParamExpr(n.name!, syms);
      return cst(e.num.evaluate(at).div(e.den.evaluate(at)).toNumber());
    }
    case 'OperatorNode': {
      const a = n.args!;
      if (n.op === '^') {
        const [b, e] = a as Node[];
        const k2 = Number((e as Node).value);
        if (b.type === 'FunctionNode' && fnName(b) === 'abs' && (b.args?.[0] as Node)?.type === 'SymbolNode' && syms.variables[(b.args![0] as Node).name!]?.vector && Number.isInteger(k2) && k2 > 0 && k2 % 2 === 0) {
          const v = (b.args![0] as Node).name!;
          return powi(sumE(...Array.from({ length: d }, (_, i) => prodE(coord(v, i), coord(v, i)))), k2 / 2);
        }
        const k = Number((e as Node).value);
        if (!Number.isInteger(k) || k < 0) throw new LangError(`integer exponents only in "${n.toString()}"`);
        return powi(toExpr(b, syms, at, d, kindOf), k);
      }
      const xs = a.map((x) => toExpr(x, syms, at, d, kindOf));
      if (xs.length === 1) return n.op === '-' ? scaleE(-1, xs[0]) : xs[0];
      if (n.op === '+') return sumE(xs[0], xs[1]);
      if (n.op === '-') return sumE(xs[0], scaleE(-1, xs[1]));
      if (n.op === '*') return prodE(xs[0], xs[1]);
      if (n.op === '/') return divE(xs[0], xs[1]);
      break;
    }
    case 'FunctionNode': {
      const f = fnName(n)!;
      if (f === 'dot') {
        const [a, b] = (n.args ?? []) as Node[];
        return sumE(...Array.from({ length: d }, (_, i) => prodE(coord(a.name!, i), coord(b.name!, i))));
      }
      if (['exp', 'sin', 'cos', 'tanh', 'abs', 'sqrt', 'log'].includes(f)) return un(f as 'exp', toExpr(n.args![0], syms, at, d, kindOf));
    }
  }
  throw new LangError(`unsupported in an integrand: "${n.toString()}"`);
}

registerProcedure({
  kind: 'expectation-bound',
  summary: 'E_w[f] REL bound over the parameter domain: exact Gaussian moments + solvers for polynomial f; seeded Monte Carlo (6σ + a different backend) otherwise',
  method: 'exact',
  needs: ['z3', 'cvc5', 'integrators'],
  fields: z.looseObject({
    relation: z.string().min(1).describe('"E(f) <= bound" (E(·) = E_w[·]), as printed'),
    weight: z.string().min(1),
    dimension: z.union([z.number().int().positive(), z.array(z.number().int().positive())]),
  }),
  validate(record, env) {
    // the weight's form (exp of a quadratic form), caught by `hypocheck lint`; integrability depends on the domain
    try {
      const syms = langSymbols(env, record);
      gaussianWeight(String(record.weight), syms, [syms.dimension?.name ?? 'd']);
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'weight', message: e.message }];
      throw e;
    }
    try {
      const syms = langSymbols(env, record);
      const notIntegrable = weightSignProblem(gaussianWeight(String(record.weight), syms, [syms.dimension?.name ?? 'd']), syms);
      if (notIntegrable) return [{ path: 'weight', message: notIntegrable }];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'weight', message: e.message }];
      throw e;
    }
    try {
      const rel = splitRelation(barsToAbs(String(record.relation)));
      const integrands: MathNode[] = [];
      const sides = rel ? [rel.lhs, rel.rhs].map((side) => extractExpectations(parseMath(side), integrands, String(record.weight))) : [];
      const syms = langSymbols(env, record);
      for (const n of integrands) {
        const problem = integrandProblem(n, syms);
        if (problem) return [{ path: 'relation', message: problem }];
      }
      const g = gaussianWeight(String(record.weight), syms, [syms.dimension?.name ?? 'd']);
      for (const n of integrands)
        (n as Node).traverse((c, path) => {
          const m = c as Node;
          if (path !== 'fn' && m.type === 'SymbolNode' && m.name! in syms.variables && !g.variables.includes(m.name!)) throw new LangError(`the integrand depends on ${m.name}, which the weight does not integrate`);
        });
      // a non-polynomial integrand is sampled: the samplers draw an independent, centred Gaussian in at most two variables
      if (integrands.some((n) => !integrandPoly(n, syms, 1))) {
        // …and the margin is linear in the expectations (a product E(f)·E(g) is not sampled)
        const eNames = integrands.map((_, k) => `__E${k}`);
        if (sides.some((side) => !linearInExpectations(parseParamExpr(side.toString(), syms, [...eNames, syms.dimension?.name ?? 'd']), eNames)))
          return [{ path: 'relation', message: 'Monte Carlo (a non-polynomial integrand): the relation must be linear in the expectations (no product or quotient of E(·))' }];
        const sampled = (what: string) => [{ path: 'weight', message: `Monte Carlo (a non-polynomial integrand) samples an independent, centred Gaussian in at most two variables: ${what}` }];
        if (g.variables.length > 2) return sampled(`the weight has ${g.variables.length} variables (${g.variables.join(', ')})`);
        for (let i = 0; i < g.variables.length; i++) {
          if (!g.b[i].isZero()) return sampled(`the linear term ${weightTerm(g, syms, i)} shifts the mean`);
          for (let j = i + 1; j < g.variables.length; j++) if (!g.A[i][j].isZero()) return sampled(`the cross term ${weightTerm(g, syms, i, j)} correlates ${g.variables[i]} and ${g.variables[j]}`);
        }
      }
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'relation', message: e.message }];
      throw e;
    }
  },
  async decide(record, env, ctx) {
    try {
      return await decideExpectation(record, env, ctx);
    } catch (e) {
      if (e instanceof LangError) return badInput('exact', e);
      throw e;
    }
  },
});

async function decideExpectation(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  const syms = langSymbols(env, record);
  const rel = splitRelation(barsToAbs(String(record.relation)));
  if (!rel) throw new LangError(`relation: expected "lhs REL rhs", got "${String(record.relation)}"`);
  const r = rel.rel === '==' ? '=' : rel.rel;
  const dims = (Array.isArray(record.dimension) ? record.dimension : [record.dimension]).map(Number);
  const dimName = syms.dimension?.name ?? 'd';
  const integrands: MathNode[] = [];
  const lhs = extractExpectations(parseMath(rel.lhs), integrands, String(record.weight));
  const rhs = extractExpectations(parseMath(rel.rhs), integrands, String(record.weight));
  const eNames = integrands.map((_, k) => `__E${k}`);
  for (const d of dims) {
    const law = weightLaw(record, syms, dimName, d);
    const notIntegrable = await weightIntegrable(law, record, env, ctx, syms);
    if (notIntegrable) return notIntegrable;
    const polys = integrands.map((n) => integrandPoly(n, syms, d));
    if (polys.every((p) => p)) {
      // exact: E(·) as rational functions of the parameters
      const values = polys.map((p) => (law.variances ? expectationParam(p!, law.variances, syms, d) : expectationGeneral(p!, law, syms, d)));
      const subsSide = (node: MathNode): ParamExpr => {
        const e = parseParamExpr(node.toString(), syms, [...eNames, dimName]);
        // substitute E_k = N_k/D_k and d
        let num = e.num.subs({ [dimName]: q(d) });
        let den = e.den.subs({ [dimName]: q(d) });
        for (const [k, v] of values.entries()) {
          const name = eNames[k];
          const K = Math.max(num.degreeIn(name), den.degreeIn(name));
          if (!K) continue;
          const lift = (p: Poly) => {
            let acc = Poly.ZERO;
            let f = p;
            let fact = Rational.ONE;
            for (let j = 0; j <= K; j++) {
              if (j > 0) fact = fact.mul(q(j));
              acc = acc.add(f.subs({ [name]: 0 }).scale(fact.inv()).mul(v.num.pow(j)).mul(v.den.pow(K - j)));
              f = f.diff(name);
            }
            return acc;
          };
          num = lift(num);
          den = lift(den);
        }
        return { num, den, roots: e.roots };
      };
      const L = subsSide(lhs);
      const R = subsSide(rhs);
      const diff = difference(L, R);
      const evidence: Record<string, unknown> = { d, expectations: values.map((v, k) => `E(${integrands[k].toString()}) = ${paramText(v)}`), 'lhs − rhs': paramText(diff), ...(law.general ? { weight: lawText(law, syms) } : {}) };
      for (const at of domainPoints(record, env, ctx, 16)) {
        const s = signAt(diff, at);
        if (s === undefined || HOLDS[r](s)) continue;
        const used = new Set([...diff.num.variables(), ...diff.den.variables()]);
        const shown = Object.fromEntries(Object.entries(at).filter(([k]) => used.has(k)));
        return { verdict: 'refuted', method: 'exact', summary: `d=${d}, ${pointText(shown)}: lhs − rhs has sign ${s}, printed ${r} (exact Gaussian moments)`, evidence, witness: { d: String(d), ...Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.toString()])) }, dimensions: [d], decisive: `violated d=${d}: ${r} ${evidence['lhs − rhs']}` };
      }
      if (diff.num.isZero()) {
        if (r === '<' || r === '>' || r === '!=') {
          const at = domainPoints(record, env, ctx, 1)[0] ?? {};
          return { verdict: 'refuted', method: 'exact', summary: `d=${d}: lhs = rhs identically (exact Gaussian moments), printed ${r}`, evidence, witness: { d: String(d), ...Object.fromEntries(Object.entries(at).slice(0, 0)) }, dimensions: [d], decisive: `violated d=${d}: lhs ≡ rhs, printed ${r}` };
        }
        if (d === dims[dims.length - 1]) return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: `lhs = rhs identically (exact Gaussian moments), d = ${dims.join(', ')}`, evidence, dimensions: dims, decisive: `identity d=${dims.join(',')}: ${r} ${values.map(paramText).join('; ')}` };
        continue;
      }
      // the bound defined on the whole domain before the solvers (a solver's model at a pole, where
      // the division is total in the solver, is no violation: E z² ≤ 1 + 1/(a − 2)² at a = 2)
      const dens = [L.den, R.den].filter((p) => p.constantValue() === undefined);
      const undefinedWhy = dens.length ? await divisorsUndefined(dens, { ...L.roots, ...R.roots }, record, env, ctx) : undefined;
      if (undefinedWhy) return { verdict: 'inconclusive', method: 'exact', summary: `d=${d}: ${undefinedWhy}: the printed bound is not defined there (state the hypothesis that excludes it)`, evidence: { ...evidence, undefinedWhere: undefinedWhy }, dimensions: [d], decisive: `undefined: ${undefinedWhy}` };
      const dom = recordDomain(record, env);
      const outcome = await decideQuery(await getSolvers(ctx), { variables: dom.variables, roots: { ...dom.roots, ...diff.roots }, assumptions: dom.assumptions, goal: signFormula(diff, r as '<') });
      Object.assign(evidence, answersEvidence(outcome));
      if (outcome.status === 'refuted') return { verdict: 'refuted', method: 'z3', summary: `d=${d}: fails at ${JSON.stringify(outcome.witness)} (solver model, re-checked)`, evidence, witness: outcome.witness, dimensions: [d], decisive: `violated d=${d}: ${r} ${evidence['lhs − rhs']}` };
      if (outcome.status !== 'proved') return { verdict: 'inconclusive', method: 'z3', summary: `d=${d}: undecided (${outcome.reason ?? 'no solver'}); holds at the exact domain points`, evidence, dimensions: [d], decisive: `undecided d=${d}: ${r} ${evidence['lhs − rhs']}` };
      if (d === dims[dims.length - 1]) return { verdict: 'proved', method: 'z3', basis: outcome.basis, summary: `exact Gaussian moments; ${r} holds on the whole domain, d = ${dims.join(', ')}`, evidence, dimensions: dims, decisive: `holds d=${dims.join(',')}: ${r} ${evidence['lhs − rhs']}` };
      continue;
    }
    return decideMonteCarlo(record, env, ctx, lhs, rhs, integrands, r, dims, syms, dimName);
  }
  return inconclusive('exact', 'no dimension');
}

async function decideMonteCarlo(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, lhs: MathNode, rhs: MathNode, integrands: MathNode[], r: string, dims: number[], syms: LangSymbols, dimName: string): Promise<CheckResult> {
  if (!ctx.services.has('integrators')) return { ...inconclusive('monte-carlo', 'no integrators service in this run'), decisive: 'no integrators' };
  const set = await ctx.services.get<IntegratorSet>('integrators');
  const choice = chooseIntegrators(set, ctx.backend);
  if (!choice) return { ...inconclusive('monte-carlo', `no integrator for --backend ${ctx.backend}`), decisive: 'no integrators' };
  // the GPU samples in f32: where an integrand overflows there, the run's CPU sampler (f64) takes the trial
  const f64 = set.gpu && choice.primary === set.gpu && set.cpu ? chooseIntegrators({ ...set, gpu: undefined }, 'cpu') : undefined;
  if (r === '=' || r === '!=') return { ...inconclusive('monte-carlo', 'Monte Carlo decides inequalities only'), decisive: 'equality by sampling' };
  // margin = rhs − lhs (≥ 0 claimed for <, <=): linear in the E's only.
  const eNames = integrands.map((_, k) => `__E${k}`);
  const side = (n: MathNode) => parseParamExpr(n.toString(), syms, [...eNames, dimName]);
  const sgn = r === '<' || r === '<=' ? 1 : -1;
  const L = side(lhs);
  const R = side(rhs);
  if (![L, R].every((e) => linearInExpectations(e, eNames))) throw new LangError('Monte Carlo (a non-polynomial integrand): the relation must be linear in the expectations (no product or quotient of E(·)); write a product of expectations as one E(·) where that is what is meant');

  const trials = Number((record.options as { points?: number } | undefined)?.points ?? Math.max(2, Math.round(6 * Math.min(1, ctx.effort))));
  const samples = Number((record.options as { samples?: number } | undefined)?.samples ?? Math.max(20_000, Math.round(200_000 * ctx.effort)));
  const rows: Record<string, unknown>[] = [];
  let worst: { sigmas: number; text: string } = { sigmas: Infinity, text: '' };
  const strict = r === '<' || r === '>';
  // the first trial whose estimate is not evidence for the claim as printed (marginShortfall)
  let shortfall: { text: string; reason: string } | undefined;
  let farViolation: string | undefined;
  let undefinedTrial: string | undefined;
  // trials that could not be computed (an overflow, a non-finite value): their region is unexamined
  const unexamined: { text: string; reason: string }[] = [];
  // the parameters the claim reads: the bound and the weight (the others do not change a trial)
  const weightLaw0 = gaussianWeight(String(record.weight), syms, [dimName]);
  const relevant = new Set<string>();
  // the parameters the expectations themselves depend on (the weight's and the integrands'); the rest enter the bound only
  const integralParams = new Set<string>();
  for (const p of [weightLaw0.den, ...weightLaw0.A.flat(), ...weightLaw0.b]) for (const v of p.variables()) if (v in syms.parameters) integralParams.add(v);
  for (const p of [L.num, L.den, R.num, R.den, ...Object.values(L.roots), ...Object.values(R.roots), weightLaw0.den, ...weightLaw0.A.flat(), ...weightLaw0.b]) for (const v of p.variables()) if (v in syms.parameters) relevant.add(v);
  // and the integrands' (E(exp(c*z)): c), through definitions as parseParamExpr reads them
  for (const n of integrands)
    (n as Node).traverse((c, path) => {
      const m = c as Node;
      if (path === 'fn' || m.type !== 'SymbolNode' || m.name! in syms.variables) return;
      if (m.name! in syms.parameters) {
        relevant.add(m.name!);
        integralParams.add(m.name!);
      } else {
        try {
          const e = parseParamExpr(m.name!, syms);
          for (const p of [e.num, e.den, ...Object.values(e.roots)]) for (const v of p.variables()) if (v in syms.parameters) {
            relevant.add(v);
            integralParams.add(v);
          }
        } catch (err) {
          if (!(err instanceof LangError)) throw err;
        }
      }
    });
  const shownText = `${String(record.relation)} ${String(record.weight)} ${syms.definitions.join(' ')}`;
  const points = trialPoints(record, env, ctx, trials, [...relevant]);
  /**
   * The smallest margin − 3σ over each parameter of the bound alone (a grid over its domain, then
   * golden section), the expectations those parameters do not move estimated once, each with its
   * error, at the first uniform trial (σ bounded by Σ|c_k|σ_k); a text when it falls below 0 (the
   * strict relation is not supported there), else undefined.
   */
  const boundOnlyTightness = async (): Promise<string | undefined> => {
    const boundOnly = [...relevant].filter((v) => !integralParams.has(v) && !String(syms.parameters[v]?.domain ?? '').includes('integer'));
    const trial = points.find((t) => t.scale === 'uniform');
    if (!boundOnly.length || !trial || !choice) return undefined;
    const d = dims[0];
    const atd = { ...trial.at, [dimName]: q(d) };
    const vars = [...weightVariances(String(record.weight), syms, atd)];
    const xName = vars.find(([v]) => v === 'x')?.[0] ?? vars[0][0];
    const sx2 = vars.find(([v]) => v === xName)![1].toNumber();
    const sv2 = (vars.find(([v]) => v !== xName)?.[1] ?? q(1)).toNumber();
    const kindOf = (v: string): 'x' | 'v' => (v === xName ? 'x' : 'v');
    let est;
    try {
      est = await choice.primary.integrate({ d, names: eNames, exprs: integrands.map((n) => toExpr(n, syms, atd, d, kindOf)), params: {} }, { omega0: Math.sqrt(sv2 / sx2), beta: 1 / sv2 }, { samples: choice.primary.name.startsWith('quadrature') ? (d === 1 ? 64 : d === 2 ? 16 : 8) : samples, seed: ctx.seed + 7907, signal: ctx.signal });
    } catch {
      return undefined;
    }
    const diff = difference(R, L);
    const e0 = Object.fromEntries(eNames.map((n) => [n, 0]));
    const dom = recordDomain(record, env);
    const slack = (at: Record<string, Rational>): number => {
      if (!inDomain(dom, at)) return Infinity;
      let num: Record<string, number>;
      try {
        num = numericPoint({ ...at, [dimName]: q(d) }, diff.roots);
      } catch {
        return Infinity;
      }
      const den = diff.den.evaluateNumber(num);
      if (!Number.isFinite(den) || den === 0) return Infinity;
      const c0 = diff.num.subs(e0).evaluateNumber(num) / den;
      const cs = eNames.map((n) => diff.num.diff(n).evaluateNumber(num) / den);
      const m = sgn * (c0 + cs.reduce((acc, c, k) => acc + c * est.mean[k], 0));
      const sigma = cs.reduce((acc, c, k) => acc + Math.abs(c) * est.stderr[k], 0);
      const value = m - STRICT_SUPPORT_SIGMAS * sigma;
      return Number.isFinite(value) ? value : Infinity;
    };
    let best: Record<string, Rational> = { ...trial.at };
    let bestS = slack(best);
    for (const v of boundOnly) {
      const dv = parseDomain(v, String(syms.parameters[v].domain));
      const f = (x: number) => slack({ ...best, [v]: Rational.fromNumber(x) });
      // the closed ends of its domain too (c·E cos z < 2c fails only at c = 0 of c ≥ 0)
      const grid = parameterGrid(best[v]?.toNumber() ?? 1, { lo: dv.lo?.toNumber(), hi: dv.hi?.toNumber(), loOpen: dv.loOpen, hiOpen: dv.hiOpen });
      for (const { x, value } of gridThenGolden(f, grid)) if (value < bestS) [best, bestS] = [{ ...best, [v]: Rational.fromNumber(x) }, value];
    }
    // strict: supported needs margin > 3σ, so margin − 3σ ≤ 0 anywhere (0 at an exact end) is not support
    if (!(bestS <= 0)) return undefined;
    const where = boundOnly.map((v) => `${v} ≈ ${best[v].toNumber().toPrecision(8)}`).join(', ');
    return `the strict bound's margin comes within ${STRICT_SUPPORT_SIGMAS}σ of 0 (or below) near ${where}, a value of the bound's own parameters no trial took (the expectations there are those of the trial at ${pointText(trial.at)}, d=${d}): it may be tight there, not supported`;
  };
  for (const d of dims) {
    for (const [k, { at, scale, scaled, base }] of points.entries()) {
      const atd = { ...at, [dimName]: q(d) };
      let vars: [string, Rational][];
      try {
        vars = [...weightVariances(String(record.weight), syms, atd)];
      } catch (e) {
        if (e instanceof LangError) throw new LangError(`Monte Carlo (a non-polynomial integrand): ${e.message}`);
        throw e;
      }
      // the samplers draw x and v: at most two variables, and the integrand in the weight's variables only
      if (vars.length > 2) throw new LangError(`Monte Carlo: the weight has ${vars.length} variables (${vars.map(([v]) => v).join(', ')}); the samplers draw two (x and v)`);
      for (const n of integrands)
        (n as Node).traverse((c) => {
          const m = c as Node;
          if (m.type === 'SymbolNode' && m.name! in syms.variables && !vars.some(([v]) => v === m.name)) throw new LangError(`the integrand depends on ${m.name}, which the weight does not integrate`);
        });
      const shown = pointText(Object.fromEntries(Object.entries(at).filter(([kk]) => new RegExp(`\\b${kk}\\b`).test(shownText))));
      const skip = (reason: string) => {
        rows.push({ d, at: shown, scale, unexamined: reason });
        unexamined.push({ text: `d=${d}, ${shown} (${scale})`, reason });
      };
      const xName = vars.find(([v]) => v === 'x')?.[0] ?? vars[0][0];
      const sx2 = vars.find(([v]) => v === xName)![1].toNumber();
      const sv2 = (vars.find(([v]) => v !== xName)?.[1] ?? q(1)).toNumber();
      const kindOf = (v: string): 'x' | 'v' => (v === xName ? 'x' : 'v');
      // margin integrand: Σ_k c_k f_k + c_0, c_k = ∂(R − L)/∂E_k
      const diff = difference(R, L);
      // parameter values in floating point, square roots of parameter expressions included
      let num: Record<string, number>;
      try {
        num = numericPoint(atd, diff.roots);
      } catch (e) {
        // far out, a radicand may round below 0: that trial is not computed; at an ordinary point the bound is undefined
        if (e instanceof LangError && scaled) {
          skip(`the bound is not computable in floating point: ${e.message}`);
          continue;
        }
        throw e;
      }
      const den = diff.den.evaluateNumber(num);
      if (!Number.isFinite(den) || den === 0) {
        const exactZero = !Object.keys(diff.roots).some((root) => diff.den.degreeIn(root) > 0) && diff.den.evaluate(atd).isZero();
        if (exactZero || (!scaled && den === 0)) {
          // the bound is undefined at this trial: not an error, and no evidence (a violation at another trial still refutes)
          undefinedTrial ??= `the bound is undefined at ${pointText(atd)}`;
          continue;
        }
        skip(`the bound's denominator is ${den} in floating point (overflow or underflow)`);
        continue;
      }
      let margin: Expr;
      try {
        const c0 = diff.num.subs(Object.fromEntries(eNames.map((n) => [n, 0]))).evaluateNumber(num) / den;
        const coefs = integrands.map((_, j) => diff.num.diff(eNames[j]).evaluateNumber(num) / den);
        const bad = [c0, ...coefs].find((c) => !Number.isFinite(c));
        if (bad !== undefined) {
          skip(`a coefficient of the bound is ${bad} in floating point (overflow)`);
          continue;
        }
        const terms = integrands.map((n, j) => scaleE(coefs[j], toExpr(n, syms, atd, d, kindOf)));
        margin = scaleE(sgn, sumE(cst(c0), ...terms));
      } catch (e) {
        if (e instanceof RangeError || (e instanceof LangError && scaled)) {
          skip(`the integrand is not computable here: ${e.message}`);
          continue;
        }
        throw e;
      }
      const integrate = (c: NonNullable<typeof choice>) =>
        integrateMargins(c, { d, names: ['margin'], exprs: [margin], params: {} }, { omega0: Math.sqrt(sv2 / sx2), beta: 1 / sv2 }, [0], { samples, quadratureNodes: d === 1 ? 64 : d === 2 ? 16 : 8, seed: ctx.seed + 37 * k + d, signal: ctx.signal });
      let res: Awaited<ReturnType<typeof integrate>> | undefined;
      let fallback: string | undefined;
      // away from the uniform draws, values like cos(tz) − 1 at t = 10⁻³ are below f32's resolution:
      // those trials sample in f64 where the run has a CPU sampler
      const first = scale !== 'uniform' && f64 ? f64 : choice;
      try {
        res = await integrate(first);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        fallback = `${first.primary.name}: ${e.message}`;
      }
      // an f32 sum of squares may overflow with every integrand value finite: an infinite error bar, retried in f64 too
      const est = res?.margins[0].primary;
      if (est && f64 && first !== f64 && !(Number.isFinite(est.margin) && Number.isFinite(est.stderr))) {
        fallback = `${choice.primary.name}: the estimate is not finite in f32 (margin ${est.margin} ± ${est.stderr})`;
        res = undefined;
      }
      if (!res && f64 && first !== f64) {
        try {
          res = await integrate(f64);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          fallback = `${fallback}; ${f64.primary.name}: ${e.message}`;
        }
      }
      if (!res) {
        skip(`not computed (${fallback})`);
        continue;
      }
      const m = res.margins[0];
      if (!Number.isFinite(m.primary.margin) || !Number.isFinite(m.primary.stderr)) {
        skip(`the estimate is not finite (margin ${m.primary.margin} ± ${m.primary.stderr}, ${m.primary.backend}): overflow`);
        continue;
      }
      rows.push({ d, at: shown, scale, margin: m.primary.margin, stderr: m.primary.stderr, sigmas: Number(m.primary.sigmas.toFixed(1)), backend: m.primary.backend, ...(fallback ? { fallback } : {}) });
      const text = `d=${d}, ${shown}: margin ${m.primary.margin.toPrecision(4)} ± ${m.primary.stderr.toPrecision(2)}`;
      if (m.primary.sigmas < worst.sigmas) worst = { sigmas: m.primary.sigmas, text };
      const why = marginShortfall(m.primary, strict);
      if (why && !shortfall) shortfall = { text: `d=${d}, ${shown}`, reason: why };
      const otherBackend = first === f64 || fallback ? f64!.independentIsOtherBackend : choice.independentIsOtherBackend;
      // far out, or wherever the weight's variances leave [10⁻⁴, 10⁴] (a printed domain (0, 10⁻¹²)
      // too), neither estimate's error is established: a Gauss–Hermite rule misses an integrand 10³
      // times narrower than the weight, and a Monte Carlo error bar from the few samples that hit it
      // is too small (E e^{−|x|²} > a/(a + 4), true, showed −6σ at a = 4·10⁻⁷ on both): a violation
      // there blocks `supported`, never refutes
      const ordinaryScale = [sx2, sv2].every((s) => s >= 1e-4 && s <= 1e4);
      // a trial that moved only parameters of the bound has the expectations of its uniform draw,
      // where the integrators' accuracy is as at any ordinary point: a confirmed violation refutes
      const integralsOfBase = scaled && !!base && [...integralParams].every((p) => (base[p] === undefined ? at[p] === undefined : at[p] !== undefined && base[p].equals(at[p])));
      if (m.confirmed && otherBackend && ((scaled && !integralsOfBase) || !ordinaryScale)) {
        farViolation ??= `${text} (${m.primary.sigmas.toFixed(1)}σ, ${m.independent!.backend} agrees)`;
        continue;
      }
      if (m.confirmed && otherBackend) return { verdict: 'refuted', method: 'monte-carlo', summary: `${text} (${m.primary.sigmas.toFixed(1)}σ), confirmed by ${m.independent!.backend}`, evidence: { rows }, witness: { d, at: shown, margin: m.primary.margin, stderr: m.primary.stderr, independent: m.independent }, dimensions: [d], decisive: `violated: ${text}` };
    }
  }
  if (undefinedTrial) return { verdict: 'inconclusive', method: 'monte-carlo', summary: `${undefinedTrial}: the printed bound is not defined there (state the hypothesis that excludes it)`, evidence: { rows, undefinedAt: undefinedTrial, rule: SUPPORT_RULE }, dimensions: dims, decisive: `undefined: ${undefinedTrial}` };
  if (farViolation) return { verdict: 'inconclusive', method: 'monte-carlo', summary: `a violation at a trial far out or where the weight's scale is extreme, where the integrators' accuracy is not established (not a refutation; the claim is not supported): ${farViolation}`, evidence: { rows, farViolation, rule: SUPPORT_RULE }, dimensions: dims, decisive: `far violation: ${farViolation}` };
  if (worst.sigmas < -6) return { verdict: 'inconclusive', method: 'monte-carlo', summary: `a > 6σ violation not confirmed by a different backend: ${worst.text}`, evidence: { rows, ...(unexamined.length ? { unexamined } : {}) }, dimensions: dims, decisive: `unconfirmed: ${worst.text}` };
  if (unexamined.length) {
    const text = `${unexamined.length} of ${rows.length} trials not computed, their region unexamined: ${unexamined[0].text}: ${unexamined[0].reason}${shortfall ? `; also ${shortfall.text}: ${shortfall.reason}` : ''}`;
    return { verdict: 'inconclusive', method: 'monte-carlo', summary: text, evidence: { rows, unexamined, rule: SUPPORT_RULE }, dimensions: dims, decisive: `unexamined: ${unexamined[0].text}` };
  }
  if (shortfall) {
    const text = `${shortfall.text}: ${shortfall.reason} (printed ${r}); worst ${worst.text}`;
    return { verdict: 'inconclusive', method: 'monte-carlo', summary: text, evidence: { rows, rule: SUPPORT_RULE }, dimensions: dims, decisive: `within error: ${text}` };
  }
  if (rows.length === 0) return noTrials('monte-carlo', record);
  // a strict bound may be tight at a value of a parameter that enters the bound only (E cos z·4a <
  // (4a² + 1)E cos z at a = 1/2), where no trial lands: with the expectations of the first uniform
  // trial (they do not depend on such a parameter), the margin is an explicit function of it
  const tight = strict ? await boundOnlyTightness() : undefined;
  if (tight) return { verdict: 'inconclusive', method: 'monte-carlo', summary: tight, evidence: { rows, tightness: tight, rule: SUPPORT_RULE }, dimensions: dims, decisive: `tight? ${tight}` };
  // supported only where the bound is defined on the WHOLE domain, not only at the trials (they
  // never land on a = 7/3 or a = √2); a violation at a trial where it is defined refutes regardless
  // the integrands' own parameter divisors too (E(cos z/(a − 2)²) is undefined at a = 2)
  const integrandDivisors: Poly[] = [];
  const integrandRoots: Record<string, Poly> = {};
  for (const n of integrands)
    (n as Node).traverse((c) => {
      const m = c as Node & { op?: string; args?: MathNode[] };
      if (m.type !== 'OperatorNode' || m.op !== '/' || !m.args?.[1]) return;
      const den = m.args[1];
      let onlyParameters = true;
      den.traverse((x) => {
        const y = x as Node;
        if (y.type === 'SymbolNode' && y.name! in syms.variables) onlyParameters = false;
      });
      if (!onlyParameters) return;
      try {
        const e = parseParamExpr(den.toString(), syms, [dimName]);
        integrandDivisors.push(e.num, e.den);
        Object.assign(integrandRoots, e.roots);
      } catch {
        // not a parameter expression: the integrand compiler reports it
      }
    });
  const divisors = dims.flatMap((d) => [L.den, R.den, ...integrandDivisors].map((den) => den.subs({ [dimName]: q(d) }))).filter((den) => den.constantValue() === undefined || den.isZero());
  const undefinedWhy = divisors.length ? await divisorsUndefined(divisors, { ...L.roots, ...R.roots, ...integrandRoots }, record, env, ctx) : undefined;
  if (undefinedWhy) return { verdict: 'inconclusive', method: 'monte-carlo', summary: `${undefinedWhy}: the printed bound is not defined there (state the hypothesis that excludes it); no trial violated it`, evidence: { rows, undefinedWhere: undefinedWhy, rule: SUPPORT_RULE }, dimensions: dims, decisive: `undefined: ${undefinedWhy}` };
  return { verdict: 'supported', method: 'monte-carlo', summary: `${rows.length} seeded trials over the domain; worst ${worst.text}`, evidence: { rows, rule: SUPPORT_RULE }, dimensions: dims, decisive: `holds: worst ${worst.text}` };
}

/** Factors of the far trials: each parameter alone, all together, and one grown while another shrinks, this many times farther from (or nearer to) its domain's end. */
const FAR_SCALES = [10, 100, 1000, 1_000_000];

interface Trial {
  at: Record<string, Rational>;
  /** how the point was drawn (evidence) */
  scale: string;
  /** moved to another scale by a factor (floating point may fail there: such a trial is unexamined, not an error) */
  scaled: boolean;
  /** the uniform draw a scaled trial was moved from */
  base?: Record<string, Rational>;
}

/**
 * The Monte Carlo trial points, all exact points of the domain ∧ forall, seeded: `trials` uniform
 * ones; half as many with every value's distance to its domain's end shrunk (domainPointsAtScales,
 * 'shrink'); then, from uniform points, each relevant parameter ALONE moved by 10, 100, 1000 while
 * the others stay ordinary — grown on an unbounded side (a half-line away from its end, ℝ both
 * ways), shrunk toward each finite end (ℝ: toward 0) — and all unbounded ones grown together. A
 * bound false only far out in one parameter (E|z| ≤ (1 + 1000/a)/(5√a), false for a > 334) or for
 * one parameter large against another (… − b/(1000a)) shows there.
 */
function trialPoints(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, trials: number, relevant: readonly string[]): Trial[] {
  const base = domainPoints(record, env, ctx, trials);
  const out: Trial[] = [...base.map((at) => ({ at, scale: 'uniform', scaled: false })), ...domainPointsAtScales(record, env, ctx, Math.ceil(trials / 2), 'shrink').map((at) => ({ at, scale: 'shrunk toward the ends', scaled: false }))];
  if (!base.length || !relevant.length) return out;
  const syms = langSymbols(env, record);
  const dom = recordDomain(record, env);
  const key = (at: Readonly<Record<string, Rational>>) => Object.entries(at).map(([k, v]) => `${k}=${v.toString()}`).sort().join(',');
  const seen = new Set(out.map((t) => key(t.at)));
  const push = (at: Record<string, Rational>, scale: string, from: Record<string, Rational>) => {
    const k = key(at);
    if (seen.has(k) || !inDomain(dom, at)) return;
    seen.add(k);
    out.push({ at, scale, scaled: true, base: from });
  };
  const domains = new Map(relevant.map((p) => [p, parseDomain(p, syms.parameters[p].domain)]));
  const rng = recordRng(ctx, `${record.id}#far`);
  const pick = () => base[Math.floor(rng() * base.length)];
  for (const f of FAR_SCALES) {
    // each parameter alone, grown and shrunk (symbolic/lang/param.ts farValues)
    for (const p of relevant) {
      const b = pick();
      if (b[p] === undefined) continue;
      for (const { value, label } of farValues(p, domains.get(p)!, b[p], f)) push({ ...b, [p]: value }, label, b);
    }
    // every unbounded parameter grown together
    const b = pick();
    const together = { ...b };
    let moved = 0;
    for (const p of relevant) {
      if (together[p] === undefined) continue;
      // grown away from its end (ℝ: on the side of its sign); a bounded parameter stays
      const grown = farValues(p, domains.get(p)!, together[p], f).filter((m) => !m.label.includes('×1/'));
      const y = grown.length === 2 ? grown[together[p].sign() < 0 ? 1 : 0] : grown[0];
      if (y) {
        together[p] = y.value;
        moved++;
      }
    }
    if (moved > 1) push(together, `all ×${f}`, b);
    // every parameter shrunk together toward its domain's end (ℝ: toward 0): a bound false only where all are small
    const shrunk = { ...b };
    let shrinking = 0;
    for (const p of relevant) {
      if (shrunk[p] === undefined) continue;
      const y = farValues(p, domains.get(p)!, shrunk[p], f).find((m) => m.label.includes('×1/'));
      if (y) {
        shrunk[p] = y.value;
        shrinking++;
      }
    }
    if (shrinking > 1) push(shrunk, `all ×1/${f}`, b);
    // one parameter grown while another shrinks (a bound false only where a ≫ 1 and b ≪ 1)
    for (const p of relevant) {
      for (const r of relevant) {
        if (p === r) continue;
        const b2 = pick();
        if (b2[p] === undefined || b2[r] === undefined) continue;
        const up = farValues(p, domains.get(p)!, b2[p], f).find((m) => !m.label.includes('×1/'));
        const down = farValues(r, domains.get(r)!, b2[r], f).find((m) => m.label.includes('×1/'));
        if (up && down) push({ ...b2, [p]: up.value, [r]: down.value }, `${up.label}, ${down.label}`, b2);
      }
    }
  }
  return out;
}

const SUPPORT_RULE = `supported: every trial's margin ≥ 0 (≤, ≥) or > ${STRICT_SUPPORT_SIGMAS}σ (<, >); refuted: < −6σ confirmed by a different backend; otherwise inconclusive`;

/** A point's parameters in floating point, with the values of the root symbols (√ of parameter expressions). */
function numericPoint(at: Readonly<Record<string, Rational>>, roots: Readonly<Record<string, Poly>>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toNumber()]));
  let pending = Object.entries(roots);
  while (pending.length) {
    const ready = pending.filter(([, p]) => p.variables().every((v) => v in out));
    if (!ready.length) throw new LangError(`a square root depends on ${pending[0][1].variables().filter((v) => !(v in out)).join(', ')}, which has no value here`);
    for (const [name, p] of ready) {
      const x = p.evaluateNumber(out);
      if (!(x >= 0)) throw new LangError(`the square root of ${p.toString()} is not real at ${pointText(at)}`);
      out[name] = Math.sqrt(x);
    }
    pending = pending.filter(([name]) => !(name in out));
  }
  return out;
}
