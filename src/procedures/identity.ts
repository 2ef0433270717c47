/**
 * `kind: identity` — `lhs = rhs` (or `expr = 0`) as an identity in the parameters, the space
 * variables (scalars and vectors in ℝ^d) and the jets of the generic functions: polynomial,
 * rational in the parameters, square roots of parameter expressions reduced.
 *
 * Proved: every weight class of lhs − rhs is exactly 0 (basis `kernel`), in every dimension the
 * all-d reduction requires (docs/all-dimensions.md): for an expression whose terms have at most
 * k index summations, d = 1, …, k+1 suffice, and `dimensions: 'all'`. Refuted: an exact rational
 * point (parameters in the domain, variables, jet values — jets of a generic function at one
 * point are free) where the residual is not 0, re-evaluated exactly. Expressions with a variable
 * in a denominator and no vectors or functions are decided as rational functions (cross-multiplied).
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { LangSpace, type Scalar, type Value, type WTerm } from '../../symbolic/lang/expr.ts';
import type { Roots } from '../../symbolic/matrix.ts';
import { difference, parameterEqualities, parseParamExprs, signAt, signWithRootMulti } from '../../symbolic/lang/param.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { badInput, divisorsUndefined, domainPoints, emptyDomain, identifiersUsed, langSymbols, pointStrings, recordRng } from './common.ts';

/** Dimensions beyond this are not checked (the evidence then lists what was). */
export const MAX_DIMENSION = 6;

const textOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export const identityFields = z.looseObject({
  lhs: textOrList.optional(),
  rhs: textOrList.optional(),
  expr: z.string().min(1).optional(),
});

/** Does the file use vectors (so the dimension enters)? */
export function dimensionMatters(symbols: LangSymbols): boolean {
  return Object.values(symbols.variables).some((v) => v.vector) || Object.values(symbols.functions).some((f) => f.vector);
}

/** The all-dimensions reduction checks d = 1 … k+1 up to this k + 1 (docs/all-dimensions.md). */
export const ALL_DIMENSIONS_CAP = 10;

/**
 * The dimensions to check: the file's explicit list, else 1 … k+1 from the summation bound k (every
 * d). `incomplete` says why every d was asked for (no list) but cannot be decided: d enters
 * non-polynomially, or k + 1 exceeds ALL_DIMENSIONS_CAP; a `proved` then stands for the dimensions
 * checked only, so it is not reported (inconclusive, with the reason).
 */
export function dimensionsFor(env: ProcedureEnv, record: ClaimRecord, sums: number, nonPolynomialInD = false): { dims: number[]; all: boolean; k: number; incomplete?: string } {
  const syms = langSymbols(env, record);
  if (!dimensionMatters(syms) && sums === 0) return { dims: [1], all: false, k: 0 };
  const opt = (record.options as { dimensions?: number[] } | undefined)?.dimensions;
  const declared = env.set.symbols.dimension?.check;
  const name = syms.dimension?.name ?? 'd';
  // options.dimensions is a run setting: it narrows what is checked, never what is claimed (the
  // file's `check` list, printed data, does)
  if (opt) {
    const covered = Array.isArray(declared) && declared.every((d) => opt.includes(d));
    return { dims: [...opt], all: false, k: sums, ...(covered ? {} : { incomplete: `options.dimensions (a run setting) checks ${name} = ${opt.join(', ')}, but the file claims ${Array.isArray(declared) ? `${name} = ${declared.join(', ')}` : `every ${name}`}` }) };
  }
  if (Array.isArray(declared)) return { dims: [...declared], all: false, k: sums };
  const top = Math.max(1, sums + 1);
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const limit = `print \`check: [1, 2, …]\` in the file's dimension to claim only the dimensions checked`;
  // d inside an exponent, exp, sqrt or a denominator: not polynomial in d, the reduction does not apply
  if (nonPolynomialInD) {
    const dims = upTo(Math.min(MAX_DIMENSION, Math.max(3, top)));
    return { dims, all: false, k: sums, incomplete: `${name} enters non-polynomially (an exponent, exp, sqrt or a denominator): checked in ${name} = ${dims.join(', ')} only, not every ${name}; ${limit}` };
  }
  if (top > ALL_DIMENSIONS_CAP) return { dims: upTo(MAX_DIMENSION), all: false, k: sums, incomplete: `every ${name} needs ${name} = 1…${top} (≤ ${sums} index sums per term), beyond the cap ${ALL_DIMENSIONS_CAP}: checked in ${name} = 1…${MAX_DIMENSION} only; ${limit}` };
  return { dims: upTo(top), all: true, k: sums };
}

/** A `proved` that holds only in the dimensions checked, where every dimension was asked for: inconclusive with the reason. */
export function incompleteDimensions<R extends CheckResult>(result: R, incomplete: string | undefined): R | CheckResult {
  if (result.verdict !== 'proved' || !incomplete) return result;
  return { verdict: 'inconclusive', method: result.method, summary: `${result.summary}; not every dimension: ${incomplete}`, evidence: { ...result.evidence, notEveryDimension: incomplete }, ...(result.dimensions ? { dimensions: result.dimensions } : {}), decisive: `not every dimension: ${result.decisive ?? ''}` };
}

/**
 * lhs − rhs texts of an identity record, joined by `;` when several equalities are printed
 * together (`lhs: [a1, a2]`, `rhs: [b1, b2]`: each a_i = b_i).
 */
export function sides(record: ClaimRecord): [string, string] {
  if (typeof record.expr === 'string') return [record.expr, '0'];
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : typeof x === 'string' ? [x] : undefined);
  const l = list(record.lhs);
  const r = list(record.rhs);
  if (!l || !r) throw new LangError('identity: give lhs and rhs, or expr');
  if (l.length !== r.length) throw new LangError(`identity: ${l.length} left-hand sides but ${r.length} right-hand sides`);
  return [l.join(';'), r.join(';')];
}

/** The residual lhs − rhs in one dimension (several equalities: all components together). */
export function residualIn(syms: LangSymbols, d: number, lhs: string, rhs: string): { S: LangSpace; value: Value } {
  const S = new LangSpace(syms, d);
  const ls = lhs.split(';');
  const rs = rhs.split(';');
  const comps = [];
  let sums = 0, tjets = 0, wsums = 0, vector = ls.length > 1;
  for (let k = 0; k < ls.length; k++) {
    const a = S.compileText(ls[k], new Map());
    const b = S.compileText(rs[k], new Map());
    if (a.vector !== b.vector) throw new LangError(`one side is a vector and the other a scalar ("${ls[k]}" vs "${rs[k]}")`);
    comps.push(...a.comps.map((s, i) => S.reduce(S.add(s, S.neg(b.comps[i])))));
    sums = Math.max(sums, a.sums, b.sums) + 0;
    if (a.vector) sums = Math.max(sums, Math.max(a.sums, b.sums) + 1);
    vector ||= a.vector;
    tjets = Math.max(tjets, a.tjets, b.tjets);
    wsums = Math.max(wsums, a.wsums, b.wsums);
  }
  return { S, value: { comps, vector, sums, tjets, wsums } };
}

/** Short text of a polynomial for evidence. */
export function short(p: Poly, n = 400): string {
  const s = unicodeString(p);
  return s.length > n ? `${s.slice(0, n)}… (${p.size()} terms)` : s;
}

/**
 * An exact point where the coefficient N of a weight class e^Q is nonzero, with the classes whose
 * exponent equals Q at that parameter point added to it (`siblings`: the other classes of the same
 * component). e^{√a·√a·z} and e^{a·z}, or e^{γt/2} and e^{ωt} under γ = 2ω, are one function there,
 * so their coefficients add; exponents that differ at the point, even by a constant, give linearly
 * independent functions (Lindemann–Weierstrass: the values are algebraic), so a nonzero merged
 * coefficient there means lhs − rhs ≢ 0.
 */
export function nonzeroPoint(S: LangSpace, N: Poly, den: Poly, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, siblings: readonly WTerm[] = [], Q: Poly = Poly.ZERO): { at: Record<string, Rational>; value?: Rational; sign: number; merged: number } | undefined {
  const params = domainPoints(record, env, ctx, 20);
  const rng = recordRng(ctx, `${record.id}#jets`);
  const draw = () => q(BigInt(Math.floor(rng() * 19) - 9), BigInt(1 + Math.floor(rng() * 4)));
  for (const p of params) {
    const paramAt = parameterPoint(S, p);
    const at = { ...paramAt };
    for (const v of N.variables()) if (at[v] === undefined && !(v in S.roots)) at[v] = draw();
    if (Object.values(S.roots).some((r) => r.evaluate(at).sign() < 0)) continue;
    const same = siblings.filter((o) => sameExponentAt(o.Q.sub(Q), paramAt, S.roots));
    const Neff = same.reduce((acc, o) => acc.add(o.N), N);
    for (const v of Neff.variables()) if (at[v] === undefined && !(v in S.roots)) at[v] = draw();
    const dv = den.evaluate(at);
    if (dv.isZero()) continue;
    if (Object.keys(S.roots).some((r) => Neff.degreeIn(r) > 0)) {
      const s = signWithRootMulti(Neff, at, S.roots);
      if (s !== 0) return { at, sign: s * dv.sign(), merged: same.length };
      continue;
    }
    const value = Neff.evaluate(at).div(dv);
    if (!value.isZero()) return { at, value, sign: value.sign(), merged: same.length };
  }
  return undefined;
}

/** Classes of a residual with a nonzero coefficient that coincide with another class at the first domain point (√a·√a·z and a·z; γ/2 and ω under γ = 2ω). */
function coincidingClasses(S: LangSpace, comps: readonly Scalar[], record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): boolean {
  const p = domainPoints(record, env, ctx, 20)[0];
  if (!p) return false;
  const at = parameterPoint(S, p);
  if (Object.values(S.roots).some((r) => !r.variables().every((v) => v in at) || r.evaluate(at).sign() < 0)) return false;
  return comps.some((c) => c.terms.some((t, k) => !t.N.isZero() && c.terms.some((o, j) => j !== k && sameExponentAt(o.Q.sub(t.Q), at, S.roots))));
}

/** A domain point with the values of the inverse symbols (ainv = 1/a) the space uses. */
function parameterPoint(S: LangSpace, p: Readonly<Record<string, Rational>>): Record<string, Rational> {
  const at: Record<string, Rational> = { ...p };
  for (const [a, inv] of S.inverses) if (at[a] && !at[a].isZero()) at[inv] = at[a].inv();
  return at;
}

/** D ≡ 0 as a polynomial in its variables at a parameter point (exactly; square roots by their signs). */
function sameExponentAt(D: Poly, paramAt: Readonly<Record<string, Rational>>, roots: Roots): boolean {
  const known = (v: string) => v in paramAt || v in roots;
  const vars = D.variables().filter((v) => !known(v));
  for (const { coef } of D.collect(vars).values()) {
    if (!coef.variables().every(known)) return false;
    const sign = coef.variables().some((v) => v in roots) ? signWithRootMulti(coef, paramAt, roots) : coef.evaluate(paramAt).sign();
    if (sign !== 0) return false;
  }
  return true;
}

/**
 * The first weight class of a residual with a nonzero coefficient and an exact point that shows
 * lhs − rhs ≢ 0 there (nonzeroPoint, classes equal at the point merged), trying each class in
 * turn; `pt` undefined when none has one (then the first class, for the report).
 */
export function separatingClass(S: LangSpace, comps: readonly Scalar[], record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): { comp: number; term: WTerm; den: Poly; pt?: NonNullable<ReturnType<typeof nonzeroPoint>> } | undefined {
  let first: { comp: number; term: WTerm; den: Poly } | undefined;
  for (let i = 0; i < comps.length; i++)
    for (const [k, term] of comps[i].terms.entries()) {
      if (term.N.isZero()) continue;
      const here = { comp: i, term, den: comps[i].den };
      first ??= here;
      const pt = nonzeroPoint(S, term.N, comps[i].den, record, env, ctx, comps[i].terms.filter((_, j) => j !== k), term.Q);
      if (pt) return { ...here, pt };
    }
  return first;
}

/**
 * lhs = rhs is printed for every point of the domain: a divisor of either side (a polynomial in the
 * parameters) that is 0 somewhere there leaves the identity undefined at that point. Returns why,
 * or undefined when every divisor is nonzero on the domain. A parameter behind an inverse symbol
 * (1/a) must be nonzero itself; divisors with square roots are not decided here (left as they were).
 */
export async function undefinedWhere(divisors: readonly Poly[], inverses: readonly (readonly [string, string])[], roots: readonly string[], record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<string | undefined> {
  const invOf = new Map(inverses.map(([p, inv]) => [inv, p]));
  const needed = new Map<string, Poly>();
  for (const B of divisors) {
    const vars = B.variables();
    if (vars.some((v) => roots.includes(v))) continue;
    for (const v of vars) if (invOf.has(v)) needed.set(invOf.get(v)!, pv(invOf.get(v)!));
    if (!vars.some((v) => invOf.has(v))) needed.set(B.toString(), B);
  }
  return divisorsUndefined([...needed.values()], {}, record, env, ctx);
}

export const undefinedResult = (why: string, evidence: Record<string, unknown>): CheckResult => ({ verdict: 'inconclusive', method: 'exact', summary: `lhs − rhs = 0, but ${why}: the printed identity is not defined there (state the hypothesis that excludes it)`, evidence: { ...evidence, undefinedWhere: why }, decisive: `undefined: ${why}` });

/** Rational-function identity in parameters and scalar variables (the scalar fallback). */
async function decideScalarRational(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, lhs: string, rhs: string): Promise<CheckResult> {
  const syms = langSymbols(env, record);
  // the scalar variables (a vector the file declares beside them is not the claim's: decideIdentityWith)
  const vars = Object.keys(syms.variables).filter((v) => !syms.variables[v].vector);
  const { exprs } = parseParamExprs([lhs, rhs], syms, vars);
  const diff = difference(exprs[0], exprs[1]);
  const evidence = { 'numerator of lhs − rhs': unicodeString(diff.num), method: 'rational functions, cross-multiplied' };
  if (diff.num.isZero()) {
    // the denominators' dependence on the parameters: a denominator that is 0 for every value of the
    // variables at a parameter point (every coefficient in the variables 0 there; (a − 1)·z at a = 1)
    // leaves the identity undefined there; Σ cᵢ² ≠ 0 says that no such point is in the domain. (Zeros
    // at particular values of a variable, z/z at z = 0, are those of the printed rational function.)
    const parameterParts = exprs.flatMap((e) => {
      if (e.den.constantValue()) return [];
      const coefs = [...e.den.collect(vars).values()].map((t) => t.coef);
      return [coefs.reduce((acc, c) => acc.add(c.mul(c)), Poly.ZERO)];
    });
    const why = await undefinedWhere(parameterParts, [], Object.keys(diff.roots), record, env, ctx);
    if (why) return undefinedResult(why, evidence);
    return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: 'lhs − rhs = 0 as rational functions', evidence, decisive: 'identity (rational)' };
  }
  const rng = recordRng(ctx, `${record.id}#vars`);
  for (const at of domainPoints(record, env, ctx, 30)) {
    for (const v of vars) at[v] = q(BigInt(Math.floor(rng() * 41) - 20), BigInt(1 + Math.floor(rng() * 6)));
    const s = signAt(diff, at);
    if (s === undefined || s === 0) continue;
    return { verdict: 'refuted', method: 'exact', summary: `lhs ≠ rhs at ${Object.entries(at).map(([k, v]) => `${k}=${v}`).join(', ')} (exact)`, evidence, witness: { ...pointStrings(at), sign: s > 0 ? 'lhs > rhs' : 'lhs < rhs' }, decisive: `residual ${unicodeString(diff.num)}` };
  }
  return { verdict: 'inconclusive', method: 'exact', summary: 'lhs − rhs ≠ 0 as a polynomial but no sampled point separates them', evidence, decisive: `undecided ${unicodeString(diff.num)}` };
}

/**
 * A hypothesis `p = expr` (p a parameter, expr free of p) holds at every point the claim is about:
 * p is read as expr there (a definition, which shadows the parameter), so e^{γt/2} and e^{ωt} are
 * one class under γ = 2ω. The sampled points set p from expr too (samplePoints), so a witness
 * satisfies the hypothesis. The first equality for a parameter counts.
 */
export function withEqualityHypotheses(syms: LangSymbols, record: ClaimRecord): LangSymbols {
  const defs = new Map<string, string>();
  for (const { name, rhs } of parameterEqualities(((record.forall as unknown[] | undefined) ?? []).map(String), syms)) if (!defs.has(name)) defs.set(name, `${name} = ${rhs}`);
  return defs.size ? { ...syms, definitions: [...syms.definitions, ...defs.values()] } : syms;
}

/**
 * Decided as printed first; when that decides nothing, with the equality hypotheses read as
 * definitions (withEqualityHypotheses). The first keeps what p's own domain says (√(p²) = p for
 * p > 0 under p = c − 1), the second sees that e^{γt/2} and e^{ωt} are one function under γ = 2ω.
 */
export async function underEqualityHypotheses(record: ClaimRecord, syms: LangSymbols, decide: (syms: LangSymbols) => Promise<CheckResult>): Promise<CheckResult> {
  const first = await decide(syms);
  const substituted = withEqualityHypotheses(syms, record);
  if (substituted === syms || first.verdict !== 'inconclusive') return first;
  const second = await decide(substituted);
  return second.verdict === 'proved' || second.verdict === 'refuted' ? second : first;
}

/** Decide an identity record. */
export async function decideIdentity(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, symbolsOverride?: LangSymbols): Promise<CheckResult> {
  if (symbolsOverride) return decideIdentityWith(record, env, ctx, symbolsOverride);
  return underEqualityHypotheses(record, langSymbols(env, record), (syms) => decideIdentityWith(record, env, ctx, syms));
}

async function decideIdentityWith(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, syms: LangSymbols): Promise<CheckResult> {
  let lhs: string, rhs: string;
  try {
    [lhs, rhs] = sides(record);
    const probe = residualIn(syms, 1, lhs, rhs);
    void probe;
  } catch (e) {
    // the scalar rational fallback when the claim itself (not the file) names no vector and no function
    const used = identifiersUsed(JSON.stringify([record.lhs, record.rhs, record.define ?? [], record.forall ?? []]), env);
    const scalarOnly = ![...used].some((n) => syms.variables[n]?.vector || n in syms.functions);
    if (e instanceof LangError && /division by an expression in the variables/.test(e.message) && scalarOnly) {
      try {
        return await decideScalarRational(record, env, ctx, sides(record)[0], sides(record)[1]);
      } catch (e2) {
        return badInput('exact', e2);
      }
    }
    return badInput('exact', e);
  }
  try {
    const first = residualIn(syms, 1, lhs, rhs);
    const plan = dimensionsFor(env, record, first.value.sums, first.S.nonPolynomialInD);
    const perDimension: Record<string, string> = {};
    const spaces: { d: number; S: LangSpace }[] = [];
    for (const d of plan.dims) {
      const { S, value } = d === 1 ? first : residualIn(syms, d, lhs, rhs);
      spaces.push({ d, S });
      const bad = separatingClass(S, value.comps, record, env, ctx);
      if (!bad) {
        perDimension[`d=${d}`] = 'residual 0';
        continue;
      }
      const { comp, term, den, pt } = bad;
      const where = plan.dims.length > 1 || dimensionMatters(syms) ? ` in d = ${d}` : '';
      const residual = short(term.N);
      const evidence = { perDimension, dimension: d, ...(value.vector ? { component: comp + 1 } : {}), weight: term.Q.isZero() ? '1' : `exp(${unicodeString(term.Q)})`, residual, denominator: unicodeString(den), summationBound: plan.k };
      if (!pt) {
        // no point at all: an empty domain makes the claim vacuous, not undecided
        const empty = await emptyDomain(record, env, ctx);
        if (empty) return empty;
        const coincide = coincidingClasses(S, value.comps, record, env, ctx);
        return { verdict: 'inconclusive', method: 'exact', summary: coincide ? `lhs − rhs${where} has nonzero coefficients in exponential classes that are equal on the domain (e.g. e^{√a·√a·z} and e^{a·z}, or under a printed equality): their sum vanished at every exact point tried, but it is not decided` : `lhs − rhs ≠ 0${where} as a polynomial, but no exact point found`, evidence: { ...evidence, ...(coincide ? { coincidingClasses: true } : {}) }, decisive: `residual d=${d}: ${residual}` };
      }
      return {
        verdict: 'refuted',
        method: 'exact',
        summary: `lhs ≠ rhs${where}: residual ${residual.length > 120 ? `${residual.slice(0, 120)}…` : residual}${pt.merged ? ` plus the coefficient${pt.merged > 1 ? 's' : ''} of ${pt.merged} other class${pt.merged > 1 ? 'es' : ''} equal to exp(${unicodeString(term.Q)}) at that point` : ''} is ${pt.value ? `${pt.value} ≠ 0` : pt.sign > 0 ? '> 0' : '< 0'} at an exact point`,
        evidence,
        witness: {
          dimension: d,
          // the point as printed: the inverse symbols (1/a) are internal
          ...pointStrings(Object.fromEntries(Object.entries(pt.at).filter(([k]) => !S.inverses.some(([, inv]) => inv === k)))),
          ...(pt.value ? { residual: pt.value.toString() } : { sign: String(pt.sign) }),
          ...(term.Q.isZero() && !pt.merged ? {} : { weightClass: `exp(${unicodeString(term.Q)})`, reading: `the residual is the coefficient of this exponential class in lhs − rhs${pt.merged ? `, with the ${pt.merged} other class${pt.merged > 1 ? 'es' : ''} whose exponent equals it at this point added` : ''}; exponentials of exponents that differ at the point are linearly independent, so lhs − rhs is not identically 0` }),
        },
        decisive: `residual d=${d}: ${residual}`,
      };
    }
    const dims = plan.all ? 'all' : plan.dims;
    // each side defined on the whole domain, at every dimension checked: the divisors its space met
    // while compiling both sides (definitions included) nonzero there
    for (const { d, S } of spaces) {
      const why = await undefinedWhere(S.divisors, S.inverses, Object.keys(S.roots), record, env, ctx);
      if (why) return undefinedResult(`${why}${plan.dims.length > 1 ? ` (d = ${d})` : ''}`, { perDimension });
    }
    return incompleteDimensions({
      verdict: 'proved',
      method: 'exact',
      basis: 'kernel',
      ...(dimensionMatters(syms) || plan.k > 0 ? { dimensions: dims } : {}),
      summary: `lhs − rhs = 0 exactly${dimensionMatters(syms) ? (plan.all ? ` for every d ≥ 1 (≤ ${plan.k} index sums per term: d = 1…${plan.k + 1} checked)` : ` in d = ${plan.dims.join(', ')}`) : ''}`,
      evidence: { perDimension, summationBound: plan.k, checked: plan.dims, dimensions: dims },
      decisive: `identity d=${plan.dims.join(',')}`,
    }, plan.incomplete);
  } catch (e) {
    return badInput('exact', e);
  }
}

/** Field paths of undefined symbols or bad syntax (validated in d = 1). */
export function validateTexts(fields: Record<string, unknown>, syms: LangSymbols): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [path, text] of Object.entries(fields)) {
    if (typeof text !== 'string') continue;
    try {
      new LangSpace(syms, 1).compileText(text, new Map());
    } catch (e) {
      if (!(e instanceof LangError)) throw e;
      if (/division by an expression in the variables/.test(e.message)) continue;
      out.push({ path, message: e.message });
    }
  }
  return out;
}

registerProcedure({
  kind: 'identity',
  summary: 'lhs = rhs (or expr = 0) identically in the parameters, variables (vectors in every dimension) and the jets of generic functions',
  method: 'exact',
  fields: identityFields,
  validate(record, env) {
    if (record.expr === undefined && (record.lhs === undefined || record.rhs === undefined)) return [{ path: 'lhs', message: 'identity: give lhs and rhs, or expr' }];
    const count = (x: unknown) => (Array.isArray(x) ? x.length : 1);
    if (record.expr === undefined && count(record.lhs) !== count(record.rhs)) return [{ path: 'rhs', message: `identity: ${count(record.lhs)} left-hand sides but ${count(record.rhs)} right-hand sides` }];
    try {
      const fields: Record<string, unknown> = { expr: record.expr };
      for (const side of ['lhs', 'rhs'] as const) {
        const v = record[side];
        if (Array.isArray(v)) v.forEach((t, i) => (fields[`${side}[${i}]`] = t));
        else fields[side] = v;
      }
      return validateTexts(fields, langSymbols(env, record));
    } catch (e) {
      return [{ path: 'lhs', message: (e as Error).message }];
    }
  },
  decide: decideIdentity,
});
