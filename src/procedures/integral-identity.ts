/**
 * `kind: integral-identity` — ∫ lhs·weight = ∫ rhs·weight over the variables `over`, for every
 * choice of the generic functions (smooth, derivatives of polynomial growth). Optional `along:
 * "diff(h, t) = …"` restricts to solutions of a PDE: every t-derivative of h is replaced by the
 * right-hand side (differentiated as needed) before deciding.
 *
 * Proved (basis `kernel`): (lhs − rhs)·weight = Σ N_k e^{Q_k}, and for every k the weighted
 * Euler operator E^{Q_k}_u(N_k) vanishes for every dependent u (plain functions of the
 * integration variables) and the dependent-free part of N_k is 0 (symbolic/euler.ts), in every
 * dimension the all-d reduction requires. Refuted only with a concrete witness: the dependents
 * and the coefficient functions replaced by fixed polynomials, the weight a centred diagonal
 * Gaussian, and the exact Gaussian integral of the residual non-zero at an exact domain point.
 * Otherwise inconclusive.
 */
import { z } from 'zod';
import type { Basis, CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, rationalSqrt } from '../../symbolic/rational.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { eliminateTimeDerivative, polyDeterminant, samplePolynomial } from '../../symbolic/jet.ts';
import { isDivergence } from '../../symbolic/euler.ts';
import { gaussianExpectation } from '../../symbolic/gaussian.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { LangSpace, type Value } from '../../symbolic/lang/expr.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { badInput, citedUses, domainPoints, genericSymbols, langSymbols, pointStrings, restrictPoint } from './common.ts';
import { dimensionMatters, dimensionsFor, incompleteDimensions, short, undefinedResult, undefinedWhere, validateTexts, withEqualityHypotheses } from './identity.ts';
import { signOnDomain, weakerBasis } from './fokker-planck.ts';

const textOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export const integralIdentityFields = z.looseObject({
  lhs: textOrList,
  rhs: textOrList.optional(),
  weight: z.string().min(1).default('1'),
  over: z.array(z.string()).min(1),
  along: z.string().optional(),
});

interface Built {
  S: LangSpace;
  /** Weight classes of (lhs − rhs)·weight after the `along` substitution. */
  classes: { N: Poly; Q: Poly }[];
  den: Poly;
  sums: number;
  coords: string[];
  dependents: string[];
}

/** The printed equalities: lhs[i] = rhs[i] (rhs default 0). */
export function pairs(record: ClaimRecord): [string, string][] {
  const l = Array.isArray(record.lhs) ? record.lhs.map(String) : [String(record.lhs)];
  const r = record.rhs === undefined ? l.map(() => '0') : Array.isArray(record.rhs) ? record.rhs.map(String) : [String(record.rhs)];
  if (l.length !== r.length) throw new LangError(`integral-identity: ${l.length} left-hand sides but ${r.length} right-hand sides`);
  return l.map((x, i) => [x, r[i]]);
}

function build(syms: LangSymbols, d: number, record: ClaimRecord, pair: [string, string]): Built {
  const S = new LangSpace(syms, d);
  const rhsText = pair[1];
  const weightText = typeof record.weight === 'string' ? record.weight : '1';
  const a = S.compileText(pair[0], new Map());
  const b = S.compileText(rhsText, new Map());
  const w = S.compileText(weightText, new Map());
  if (a.vector || b.vector || w.vector) throw new LangError('integral-identity: lhs, rhs and weight must be scalars (write dot(·,·) for vector integrands)');
  // an exponent with a square root: its classes are not compared exactly (√a·√a and a would be two classes)
  for (const [field, v] of [['lhs', a], ['rhs', b], ['weight', w]] as const)
    for (const t of v.comps[0].terms)
      if (t.Q.variables().some((x) => x in S.roots)) throw new LangError(`integral-identity: a square root in the exponent of exp(…) in ${field} is not supported; write the exponent without sqrt (e.g. a for sqrt(a)*sqrt(a))`);
  const F = S.reduce(S.mul(S.add(a.comps[0], S.neg(b.comps[0])), w.comps[0]));
  let sums = Math.max(a.sums, b.sums) + w.sums;
  let classes = F.terms.map((t) => ({ N: t.N, Q: t.Q }));
  const over = (record.over as string[]).map(String);
  for (const x of over) if (!(x in S.components)) throw new LangError(`over: "${x}" is not a variable`);
  const coords = over.flatMap((x) => S.components[x]);
  if (typeof record.along === 'string') {
    const rel = splitRelation(record.along);
    const m = rel && rel.rel === '=' ? /^diff\(\s*([A-Za-z]\w*)\s*,\s*([A-Za-z]\w*)\s*\)$/.exec(rel.lhs.trim()) : null;
    if (!rel || !m) throw new LangError(`along: expected "diff(h, t) = right-hand side", got "${record.along}"`);
    const [, fn, t] = m;
    if (!(fn in S.functionComponents) || syms.functions[fn].vector) throw new LangError(`along: ${fn} is not a scalar generic function`);
    const r: Value = S.compileText(rel.rhs, new Map());
    const rs = r.comps[0];
    if (r.vector || rs.terms.length > 1 || (rs.terms[0] && !rs.terms[0].Q.isZero()) || !rs.den.constantValue()) throw new LangError('along: the right-hand side must be a scalar without weights or parameter denominators other than products of parameters');
    const rhsPoly = (rs.terms[0]?.N ?? Poly.ZERO).scale(rs.den.constantValue()!.inv());
    classes = classes.map((c) => ({ N: S.normalize(eliminateTimeDerivative(S.space, c.N, fn, rhsPoly, t)), Q: c.Q }));
    sums += Math.max(a.tjets, b.tjets) * r.sums;
  }
  // Dependents: plain functions of every integration coordinate. A function of a subset (a potential
  // f(x) under ∫dx dv) or of composite arguments (ε(θ)) is a coefficient: the divergence test then
  // holds for each fixed such function, hence for all of them (symbolic/euler.ts).
  const dependents = Object.keys(syms.functions).flatMap((f) => {
    const comps = S.functionComponents[f];
    const plain = comps.every((c) => {
      const fn = S.space.getFunction(c);
      return Object.entries(fn.argMap).every(([arg, p]) => p.equals(pv(arg))) && coords.every((z) => fn.args.includes(z));
    });
    return plain ? comps : [];
  });
  // A function inside a weight exponent (e^{−βV}) is a coefficient too: E_u(F e^Q) = e^Q E^Q_u(F)
  // needs Q free of the dependents u.
  const inWeights = new Set(classes.flatMap((c) => S.space.jetVariables(c.Q).map((v) => S.space.parseJet(v)!.fn)));
  // A derivative of a dependent in a variable that is not integrated cannot be moved by parts.
  for (const c of classes) {
    for (const u of dependents) {
      const f = S.space.getFunction(u);
      for (const jv of S.space.jetVariables(c.N, u)) {
        const j = S.space.parseJet(jv)!;
        const a = f.args.find((arg, i) => j.counts[i] > 0 && !coords.includes(arg));
        if (a === undefined) continue;
        const name = Object.entries(S.functionComponents).find(([, cs]) => cs.includes(u))?.[0] ?? u;
        const variable = Object.entries(S.components).find(([, cs]) => cs.includes(a))?.[0] ?? a;
        throw new LangError(`the integrand differentiates ${name} in ${variable}, which is not integrated (over: [${over.join(', ')}]): add ${variable} to over, or give along: "diff(${name}, ${variable}) = …" to replace that derivative`);
      }
    }
  }
  return { S, classes: classes.filter((c) => !c.N.isZero()), den: F.den, sums, coords, dependents: dependents.filter((u) => !inWeights.has(u)) };
}

/** Variances of a centred diagonal Gaussian e^Q (Q = Σ −c_z z²/2, c_z a monomial), else undefined. */
function gaussianVariances(S: LangSpace, Q: Poly, coords: readonly string[]): Record<string, Poly> | undefined {
  const out: Record<string, Poly> = {};
  for (const t of Q.termList()) {
    const cs = t.mono.filter(([v]) => coords.includes(v));
    if (cs.length !== 1 || cs[0][1] !== 2) return undefined;
  }
  for (const z of coords) {
    const c = Q.collect([z]).get(`${z}^2`)?.coef;
    if (!c || c.size() !== 1) return undefined;
    const [term] = c.termList();
    // variance = −1/(2c): invert the monomial with the inverse symbols
    const inv = Poly.monomial(
      term.coef.mul(Rational.of(-2)).inv(),
      term.mono.map(([v, e]) => {
        const pair = S.inverses.find(([p, i]) => p === v || i === v);
        if (!pair) throw new LangError('weight: cannot invert the coefficient');
        return [pair[0] === v ? pair[1] : pair[0], e] as [string, number];
      }),
    );
    out[z] = inv;
  }
  return out;
}

/**
 * Whether a weight class e^Q decays in every direction of the integration coordinates, so that
 * the boundary terms of a divergence vanish (for functions of polynomial growth): Q of degree ≤ 2
 * in them with a negative definite quadratic part (Sylvester's minors of −∇²Q > 0 on the domain),
 * or, in one coordinate z, a leading term c·z^(2m) with c < 0 on the domain. No weight (Q = 0), a
 * linear or indefinite exponent, or anything undecided: not shown (`why`).
 */
async function weightDecays(Q: Poly, B: Built, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<{ ok: true; basis?: Basis } | { ok: false; why: string }> {
  const { S, coords } = B;
  const degreeIn = (m: ReadonlyArray<readonly [string, number]>) => m.reduce((s, [x, e]) => s + (coords.includes(x) ? e : 0), 0);
  const deg = Math.max(0, ...Q.termList().map((t) => degreeIn(t.mono)));
  const shown = Q.isZero() ? '1' : `exp(${unicodeString(Q)})`;
  if (deg === 0) return { ok: false, why: `the weight ${shown} does not decay in ${coords.join(', ')}` };
  let basis: Basis | undefined = 'kernel';
  if (deg <= 2) {
    const M = coords.map((a) => coords.map((b) => S.normalize(Q.diff(a).diff(b).neg())));
    for (let k = 1; k <= coords.length; k++) {
      const minor = S.normalize(polyDeterminant(M.slice(0, k).map((r) => r.slice(0, k))));
      const o = await signOnDomain(minor, '>', S, record, env, ctx);
      if (o.status !== 'holds') return { ok: false, why: `the weight ${shown} is not shown to decay in every direction of ${coords.join(', ')}: leading minor ${k} of −∇²Q = ${unicodeString(minor)} is ${o.status === 'fails' ? `not > 0${o.at ? ` at ${Object.entries(o.at).map(([a, b]) => `${a} = ${b}`).join(', ')}` : ''}` : 'not decided > 0'}` };
      basis = weakerBasis(basis, o.basis);
    }
    return { ok: true, basis };
  }
  const lead = Q.termList().filter((t) => degreeIn(t.mono) === deg);
  if (coords.length === 1 && deg % 2 === 0) {
    const z = coords[0];
    const c = lead.reduce((acc, t) => acc.add(Poly.monomial(t.coef, t.mono.filter(([x]) => x !== z))), Poly.ZERO);
    const o = await signOnDomain(S.normalize(c.neg()), '>', S, record, env, ctx);
    if (o.status === 'holds') return { ok: true, basis: weakerBasis(basis, o.basis) };
    return { ok: false, why: `the weight ${shown}: the leading coefficient ${unicodeString(c)} of ${z}^${deg} is not shown < 0 on the domain` };
  }
  return { ok: false, why: `the weight ${shown} has degree ${deg} in ${coords.join(', ')}: its decay is not decided` };
}

async function decideIntegral(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  // a hypothesis p = expr: p read as expr (e^{az²/2} and e^{cz²/2} are one class under a = c)
  const syms = withEqualityHypotheses(langSymbols(env, record), record);
  let firsts: Built[];
  let eqs: [string, string][];
  try {
    eqs = pairs(record);
    firsts = eqs.map((p) => build(syms, 1, record, p));
  } catch (e) {
    return badInput('exact', e);
  }
  const first = firsts[0];
  const plan = dimensionsFor(env, record, Math.max(...firsts.map((f) => f.sums)), firsts.some((f) => f.S.nonPolynomialInD));
  const perDimension: Record<string, string> = {};
  try {
    for (const d of plan.dims) {
     const divergenceUsed: boolean[] = [];
     for (let k = 0; k < eqs.length; k++) {
      const B = d === 1 ? firsts[k] : build(syms, d, record, eqs[k]);
      divergenceUsed[k] = B.classes.length > 0;
      for (const c of B.classes) {
        const test = isDivergence(B.S.space, c.N, B.dependents, B.coords, { weight: c.Q });
        if (test.divergence) continue;
        const residuals = Object.fromEntries(Object.entries(test.residuals).filter(([, p]) => !p.isZero()).map(([k, p]) => [k, short(p, 300)]));
        const evidence = { perDimension, dimension: d, ...(eqs.length > 1 ? { equality: k + 1 } : {}), eulerResiduals: residuals, weight: c.Q.isZero() ? '1' : `exp(${unicodeString(c.Q)})`, summationBound: plan.k };
        const decisive = `euler d=${d}${eqs.length > 1 ? ` #${k + 1}` : ''}: ${Object.values(residuals).join(' | ')}`;
        // one weight class: its Gaussian integral is the whole integral; several: decaying functions, all classes together
        const w = (B.classes.length === 1 ? witness(B, c, record, env, ctx) : undefined) ?? decayWitness(B, record, env, ctx);
        const g = w ? undefined : growthWitness(B, record, env, ctx);
        // every class is part of the evidence (the finite side too): a change to either side shows
        const allClasses = () => B.classes.map((k2) => { const t2 = isDivergence(B.S.space, k2.N, B.dependents, B.coords, { weight: k2.Q }); return `exp(${unicodeString(k2.Q)}): ${t2.divergence ? 'divergence' : Object.values(t2.residuals).filter((r) => !r.isZero()).map((r) => short(r, 200)).join(' | ')}`; }).join('; ');
        if (g) return { verdict: 'refuted', method: 'exact', decisive: `growth d=${d}: ${allClasses()}`, summary: `∫(lhs − rhs)·weight diverges in d = ${d}: the class ${g.weightClass} grows along ${g.along} with a non-zero coefficient (${g.functions ? Object.entries(g.functions).map(([k, v]) => `${k} = ${v}`).join(', ') : 'any functions'}), so the printed sides are not both finite`, evidence, witness: { dimension: d, ...g } };
        if (w) return { verdict: 'refuted', method: 'exact', summary: `∫(lhs − rhs)·weight ≠ 0 in d = ${d}: with ${Object.entries(w.functions).map(([k, v]) => `${k} = ${v}`).join(', ')} the exact integral is ${w.value}·Z ≠ 0`, evidence, witness: { dimension: d, ...w }, decisive };
        return { verdict: 'inconclusive', method: 'exact', summary: `the integrand is not a weighted divergence in d = ${d}, but no concrete witness was found (weight not a centred Gaussian, or every tried instance integrates to 0)`, evidence, decisive };
      }
     }
      // A divergence integrates to 0 only when its boundary terms vanish: each printed side must be
      // finite on its own. A side with a growing weight class (a non-zero coefficient) diverges.
      // (Sides that are equal term by term, lhs − rhs = 0 before any integration, need no such argument.)
      if (d === plan.dims[0]) {
        for (let k = 0; k < eqs.length; k++) {
          if (!divergenceUsed[k]) continue;
          for (const [side, text] of [['lhs', eqs[k][0]], ['rhs', eqs[k][1]]] as const) {
            const g = growthWitness(build(syms, d, record, [text, '0']), record, env, ctx);
            if (!g) continue;
            const which = `${side}${eqs.length > 1 ? ` #${k + 1}` : ''}`;
            return {
              verdict: 'refuted',
              method: 'exact',
              decisive: `growth d=${d}: ${which} ${g.weightClass} along ${g.along}`,
              summary: `∫${which}·weight diverges in d = ${d}: the class ${g.weightClass} grows along ${g.along} with a non-zero coefficient (${g.functions && Object.keys(g.functions).length ? Object.entries(g.functions).map(([f, v]) => `${f} = ${v}`).join(', ') : 'any functions'}); (lhs − rhs)·weight is a total divergence, but its boundary terms do not vanish, so the printed sides are not finite`,
              evidence: { perDimension, dimension: d, side: which },
              witness: { dimension: d, side: which, ...g, note: `the coefficient of a growing weight class in the ${side} is a non-zero polynomial: ∫${side}·weight is not absolutely convergent` },
            };
          }
        }
      }
      perDimension[`d=${d}`] = 'weighted Euler operator 0';
    }
  } catch (e) {
    return badInput('exact', e);
  }
  const dims = plan.all ? 'all' : plan.dims;
  // Each printed side's weight classes, at every dimension checked (a coefficient of the weight may
  // depend on d): a divergence integrates to 0 only when its boundary terms vanish. Sides equal term
  // by term (no class left in lhs − rhs) need no such argument.
  // (every side is built: its space's divisors are checked below, divergence or not)
  let built: { d: number; divergence: boolean; side: Built }[];
  try {
    built = plan.dims.flatMap((d) => eqs.flatMap(([l, r], k) => [l, r].map((text) => ({ d, divergence: firsts[k].classes.length > 0, side: build(syms, d, record, [text, '0']) }))));
  } catch (e) {
    return badInput('exact', e);
  }
  const sides = built.filter((b) => b.divergence);
  const cited = citedUses(record, env);
  // A generic function in a weight's exponent (e^{−βV}), even in a class that cancels in lhs − rhs:
  // the boundary terms vanish only for a confining V, a hypothesis a proof may rest on only where a
  // cited result states it.
  const generic = [...new Set(sides.flatMap(({ side }) => side.classes.filter((c) => !c.N.isZero()).flatMap((c) => genericSymbols(side.S, syms, c.Q))))];
  const cites = generic.length ? cited : [];
  if (generic.length && !cites.length) {
    const why = `the weight's exponent has a generic function (${generic.join(', ')}): the boundary terms vanish only under a decay hypothesis on it, which no cited result in uses states`;
    return { verdict: 'inconclusive', method: 'exact', summary: `(lhs − rhs)·weight is a total divergence, but ${why}`, evidence: { perDimension, dependents: first.dependents, hypothesisFails: why }, decisive: `divergence d=${plan.dims.join(',')}; decay unstated` };
  }
  let decayBasis: Basis | undefined = 'kernel';
  let decayFromCited: string | undefined;
  try {
    for (const { d, side } of sides) {
      for (const c of side.classes) {
        if (c.N.isZero() || genericSymbols(side.S, syms, c.Q).length) continue;
        const dec = await weightDecays(c.Q, side, record, env, ctx);
        const why = dec.ok ? '' : `${dec.why}${plan.dims.length > 1 ? ` (d = ${d})` : ''}`;
        // a cited result may state the function class (test functions of compact support, decay)
        if (!dec.ok && cited.length) {
          decayFromCited ??= why;
          decayBasis = 'given-cited';
          continue;
        }
        if (!dec.ok) return { verdict: 'inconclusive', method: 'exact', summary: `(lhs − rhs)·weight is a total divergence, but ${why}, so its boundary terms need not vanish (a cited result in uses may state the function class)`, evidence: { perDimension, dependents: first.dependents, hypothesisFails: why }, decisive: `divergence d=${plan.dims.join(',')}; decay not shown` };
        decayBasis = weakerBasis(decayBasis, dec.basis);
      }
    }
  } catch (e) {
    return badInput('exact', e);
  }
  // each side, the weight and the `along` equation defined on the whole domain, at every dimension
  // checked: the divisors in the parameters that each side's space met while compiling them, nonzero there
  try {
    for (const d of plan.dims) {
      const spaces = built.filter((b) => b.d === d).map((b) => b.side.S);
      const why = await undefinedWhere(spaces.flatMap((S) => S.divisors), spaces[0]?.inverses ?? [], spaces.flatMap((S) => Object.keys(S.roots)), record, env, ctx);
      if (why) return undefinedResult(`${why}${plan.dims.length > 1 ? ` (d = ${d})` : ''}`, { perDimension });
    }
  } catch (e) {
    return badInput('exact', e);
  }
  return incompleteDimensions({
    verdict: 'proved',
    method: 'exact',
    basis: generic.length ? 'given-cited' : (decayBasis ?? 'kernel'),
    ...(dimensionMatters(syms) ? { dimensions: dims } : {}),
    summary: `(lhs − rhs)·weight is a total divergence (weighted Euler operator 0 for ${first.dependents.join(', ') || 'no dependent'})${dimensionMatters(syms) ? (plan.all ? `, every d ≥ 1 (d = 1…${plan.k + 1} checked)` : `, d = ${plan.dims.join(', ')}`) : ''}${cites.length ? `; the boundary terms vanish by the cited result${cites.length > 1 ? 's' : ''} ${cites.join(', ')} (a generic function in the weight)` : decayFromCited ? `; the boundary terms vanish by the cited result${cited.length > 1 ? 's' : ''} ${cited.join(', ')} (${decayFromCited})` : ''}`,
    evidence: { perDimension, dependents: first.dependents, summationBound: plan.k, checked: plan.dims, dimensions: dims, ...(cites.length ? { decayRestsOn: cites } : decayFromCited ? { decayRestsOn: cited, weightNotDecaying: decayFromCited } : {}) },
    decisive: `divergence d=${plan.dims.join(',')}${cites.length ? `; decay: ${cites.join(', ')}` : ''}`,
  }, plan.incomplete);
}

/**
 * A witness across several weight classes (e.g. a printed line with the weight dropped from one
 * term): every dependent u ↦ P_u·e^{−|z|²/2} (decaying, so every class is a Gaussian integral),
 * coefficient functions ↦ polynomials; at an exact point the classes' normalisations differ by
 * Π√(a_ref/a) — used only where that ratio is rational — and the exact total is ≠ 0.
 */
function decayWitness(B: Built, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext) {
  const S = B.S;
  const G = B.coords.reduce((acc, c) => acc.sub(pv(c).pow(2).scale(Rational.of(1, 2))), Poly.ZERO);
  const marker = 'decayFactorMarker';
  const points = domainPoints(record, env, ctx, 12);
  for (let salt = 0; salt < 3; salt++) {
    const concrete: Record<string, Poly> = {};
    S.space.functionNames().forEach((u, i) => (concrete[u] = samplePolynomial(S.space.getFunction(u).args.filter((a) => !S.coordinates.includes(a) || B.coords.includes(a)), 1, salt + 3 * i)));
    // jets of dependents: D^α(P e^G) = P_α e^G, the e^G counted by the marker
    const parts: { N: Poly; Q: Poly }[] = [];
    for (const c of B.classes) {
      const map: Record<string, Poly> = {};
      for (const v of c.N.variables()) {
        const j = S.space.parseJet(v);
        if (!j || !B.dependents.includes(j.fn)) continue;
        const f = S.space.getFunction(j.fn);
        let P = concrete[j.fn];
        j.counts.forEach((k, i) => {
          for (let r = 0; r < k; r++) P = S.space.D(P, f.args[i]).add(P.mul(G.diff(f.args[i])));
        });
        map[v] = P.mul(pv(marker));
      }
      let N = c.N.subs(map);
      N = S.space.instantiate(N, Object.fromEntries(Object.entries(concrete).filter(([u]) => !B.dependents.includes(u))));
      const zero: Record<string, Poly> = {};
      for (const v of N.variables()) if (S.coordinates.includes(v) && !B.coords.includes(v)) zero[v] = Poly.ZERO;
      N = N.subs(zero);
      for (const t of N.collect([marker]).values()) {
        const m = t.mono.find(([v]) => v === marker)?.[1] ?? 0;
        parts.push({ N: t.coef, Q: S.normalize(c.Q.add(G.scale(m))) });
      }
    }
    for (const p of points) {
      const at: Record<string, Rational> = { ...p };
      for (const [a, inv] of S.inverses) if (at[a] && !at[a].isZero()) at[inv] = at[a].inv();
      let total: Rational | undefined = Rational.ZERO;
      let ref: Rational[] | undefined;
      for (const part of parts) {
        // a_c = −2·(coefficient of c² in Q) at the point; Q must be diagonal
        const a: Rational[] = [];
        for (const t of part.Q.termList()) {
          const cs = t.mono.filter(([v]) => B.coords.includes(v));
          if (cs.length !== 1 || cs[0][1] !== 2) total = undefined;
        }
        if (!total) break;
        for (const z of B.coords) {
          const coef = part.Q.collect([z]).get(`${z}^2`)?.coef;
          const val = coef ? coef.evaluate(at).mul(Rational.of(-2)) : Rational.ZERO;
          if (val.sign() <= 0) total = undefined;
          a.push(val);
        }
        if (!total) break;
        ref ??= a;
        const ratio = rationalSqrt(ref.reduce((acc, r, i) => acc.mul(r).div(a[i]), Rational.ONE));
        if (!ratio) {
          total = undefined;
          break;
        }
        const vars = Object.fromEntries(B.coords.map((z, i) => [z, Poly.constant(a[i].inv())]));
        const e = gaussianExpectation(part.N, vars);
        if (e.variables().some((v) => at[v] === undefined)) {
          total = undefined;
          break;
        }
        total = total.add(ratio.mul(e.evaluate(at)));
      }
      if (total && !total.isZero()) {
        return {
          functions: Object.fromEntries(Object.entries(concrete).filter(([k]) => B.classes.some((c) => c.N.variables().some((v) => S.space.parseJet(v)?.fn === k))).map(([k, p2]) => [k, B.dependents.includes(k) ? `(${unicodeString(p2)})·exp(−|z|²/2)` : unicodeString(p2)])),
          ...pointStrings(restrictPoint(p, [...B.classes.flatMap((c) => [c.N, c.Q]), B.den])),
          value: total.div(B.den.evaluate(at)).toString(),
          note: 'value = ∫(lhs − rhs)·weight / Z_ref, Z_ref the Gaussian normalisation of the first weight class (exact)',
        };
      }
    }
  }
  return undefined;
}

/**
 * A witness that ∫(lhs − rhs)·weight does not exist: a weight class e^{Q}, Q a diagonal quadratic
 * form in the integration variables with a positive coefficient of z² at an exact domain point
 * (growth along z), whose coefficient N is a non-zero polynomial once the generic functions are
 * fixed polynomials. Then |N|e^{Q} → ∞ along z off N's zero set while every other class decays or
 * grows at another rate (classes have distinct Q), so the integrand is not integrable and the
 * printed sides cannot both be finite (e.g. a weight 1/M printed for M).
 */
function growthWitness(B: Built, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext) {
  const points = domainPoints(record, env, ctx, 6);
  for (const c of B.classes) {
    if (c.Q.isZero()) continue;
    if (c.Q.termList().some((t) => { const cs = t.mono.filter(([v]) => B.coords.includes(v)); return cs.length !== 1 || cs[0][1] !== 2; })) continue;
    const concrete: Record<string, Poly> = {};
    B.S.space.functionNames().forEach((u, i) => (concrete[u] = samplePolynomial(B.S.space.getFunction(u).args.filter((a) => !B.S.coordinates.includes(a) || B.coords.includes(a)), 2, 3 * i)));
    let inst = B.S.space.instantiate(c.N, concrete);
    const zero: Record<string, Poly> = {};
    for (const v of inst.variables()) if (B.S.space.parseJet(v) || (B.S.coordinates.includes(v) && !B.coords.includes(v))) zero[v] = Poly.ZERO;
    inst = inst.subs(zero);
    for (const p of points) {
      const at: Record<string, Rational> = { ...p };
      for (const [a, inv] of B.S.inverses) if (at[a] && !at[a].isZero()) at[inv] = at[a].inv();
      const params = Object.fromEntries(Object.entries(at).filter(([k]) => !B.coords.includes(k)));
      if ([...c.Q.variables(), ...inst.variables()].some((v) => !B.coords.includes(v) && at[v] === undefined)) continue;
      const along = B.coords.find((z) => {
        const coef = c.Q.collect([z]).get(`${z}^2`)?.coef;
        return coef !== undefined && coef.subs(params).constantValue()?.sign() === 1;
      });
      if (!along) continue;
      const N = inst.subs(params);
      if (N.isZero()) continue;
      return {
        weightClass: `exp(${unicodeString(c.Q)})`,
        along,
        functions: Object.fromEntries(Object.entries(concrete).filter(([k]) => c.N.variables().some((v) => B.S.space.parseJet(v)?.fn === k)).map(([k, p2]) => [k, unicodeString(p2)])),
        ...pointStrings(restrictPoint(p, [c.N, c.Q, B.den])),
        coefficient: unicodeString(N),
        note: 'the coefficient of a growing weight class is a non-zero polynomial: ∫(lhs − rhs)·weight is not absolutely convergent',
      };
    }
  }
  return undefined;
}

function witness(B: Built, c: { N: Poly; Q: Poly }, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext) {
  const variances = gaussianVariances(B.S, c.Q, B.coords);
  if (!variances) return undefined;
  const points = domainPoints(record, env, ctx, 6);
  for (let salt = 0; salt < 4; salt++) {
    const concrete: Record<string, Poly> = {};
    // every generic function (dependents and coefficient functions such as ε(θ)) a fixed polynomial in its own arguments
    B.S.space.functionNames().forEach((u, i) => (concrete[u] = samplePolynomial(B.S.space.getFunction(u).args.filter((a) => !B.S.coordinates.includes(a) || B.coords.includes(a)), 2, salt + 3 * i)));
    let inst = B.S.space.instantiate(c.N, concrete);
    // remaining non-integrated coordinates (t) set to 0
    const zero: Record<string, Poly> = {};
    for (const v of inst.variables()) if (B.S.space.parseJet(v) || (B.S.coordinates.includes(v) && !B.coords.includes(v))) zero[v] = Poly.ZERO;
    inst = inst.subs(zero);
    const integral = B.S.normalize(gaussianExpectation(inst, variances));
    for (const p of points) {
      const at: Record<string, Rational> = { ...p };
      for (const [a, inv] of B.S.inverses) if (at[a] && !at[a].isZero()) at[inv] = at[a].inv();
      if (integral.variables().some((v) => at[v] === undefined)) break;
      const den = B.den.evaluate(at);
      if (den.isZero()) continue;
      const value = integral.evaluate(at).div(den);
      if (!value.isZero()) {
        return {
          functions: Object.fromEntries(Object.entries(concrete).filter(([k]) => c.N.variables().some((v) => B.S.space.parseJet(v)?.fn === k)).map(([k, p2]) => [k, unicodeString(p2)])),
          // every parameter the value depends on (through the weight's variances too; 1/a as a)
          ...pointStrings(restrictPoint(p, [c.N, c.Q, B.den, integral, ...B.S.inverses.filter(([, inv]) => integral.variables().includes(inv)).map(([a]) => Poly.variable(a))])),
          value: value.toString(),
          note: 'value = ∫(lhs − rhs)·weight / Z with Z = ∫ weight > 0 (exact Gaussian moments)',
        };
      }
    }
  }
  return undefined;
}

registerProcedure({
  kind: 'integral-identity',
  summary: '∫ lhs·weight = ∫ rhs·weight over the listed variables for every choice of the generic functions (weighted Euler operator), optionally along a PDE',
  method: 'exact',
  fields: integralIdentityFields,
  validate(record, env) {
    try {
      const syms = langSymbols(env, record);
      const fields: Record<string, unknown> = { weight: record.weight };
      for (const side of ['lhs', 'rhs'] as const) {
        const v = record[side];
        if (Array.isArray(v)) v.forEach((t, i) => (fields[`${side}[${i}]`] = t));
        else fields[side] = v;
      }
      const out = validateTexts(fields, syms);
      for (const [i, x] of ((record.over as string[]) ?? []).entries()) if (!(x in syms.variables)) out.push({ path: `over[${i}]`, message: `"${x}" is not a declared variable` });
      if (out.length) return out;
      // the integrand as the check builds it (d = 1): derivatives the integration cannot move, a bad `along`
      for (const pair of pairs(record)) {
        try {
          build(syms, 1, record, pair);
        } catch (e) {
          if (e instanceof LangError) return [{ path: /^along:/.test(e.message) ? 'along' : (/ in (lhs|rhs|weight) is not supported/.exec(e.message)?.[1] ?? 'over'), message: e.message }];
          throw e;
        }
      }
      return out;
    } catch (e) {
      return [{ path: 'lhs', message: (e as Error).message }];
    }
  },
  decide: decideIntegral,
});
