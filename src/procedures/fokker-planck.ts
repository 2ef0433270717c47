/**
 * `kind: fokker-planck` — the printed PDE is the Fokker–Planck (Kolmogorov forward) equation of
 * the SDE d(state_k) = drift_k dt + σ_k dB_k with isotropic noise: `state` (variables), `drift`
 * (one expression per state variable), `diffusion` (σ_k², one per state variable; the generator
 * is Σ drift_k·∇_k + Σ (σ_k²/2)Δ_k), `density` (the generic function ψ(t, state)), `pde`
 * (`lhs = rhs` as printed).
 *
 * Decision: ∂ₜψ = L*ψ = −Σ ∇_k·(drift_k ψ) + Σ Δ_k((σ_k²/2)ψ) is the weak form ∫φ∂ₜψ = ∫ψ Lφ for
 * every test function φ (L* is the formal adjoint: the difference is a total divergence; with a
 * state-dependent σ_k² the second-order term is Δ_k(σ_k²ψ/2), Itô, not (σ_k²/2)Δ_kψ); the
 * printed pde.lhs − pde.rhs must equal ∂ₜψ − L*ψ identically — the `identity` decision, for every d.
 * First, each σ_k² must be ≥ 0 everywhere (parameter domain, `forall`, every state and time): a
 * diffusion matrix is positive semidefinite. Decided in the kernel (a sum of even powers with
 * nonnegative coefficients), else at sampled exact points and by the solvers (`nonnegative`); a
 * point where σ_k² < 0, or no decision, is `inconclusive` (the hypothesis fails), never proved.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { LangSpace } from '../../symbolic/lang/expr.ts';
import { parseDomain } from '../../symbolic/lang/param.ts';
import { Poly } from '../../symbolic/poly.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { and, atom, type Formula, type Relation } from '../../symbolic/z3.ts';
import { signWithRoot, type Roots } from '../../symbolic/matrix.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import type { Basis } from '../claims.ts';
import { registerProcedure } from './registry.ts';
import { answersEvidence, badInput, decideQuery, domainPoints, getSolvers, langSymbols, pointStrings, recordDomain, recordRng } from './common.ts';
import { decideIdentity, dimensionMatters, validateTexts } from './identity.ts';

export const fokkerPlanckFields = z.looseObject({
  state: z.array(z.string()).min(1),
  drift: z.array(z.string().min(1)).min(1),
  diffusion: z.array(z.string().min(1)).min(1),
  density: z.string().min(1),
  time: z.string().default('t'),
  pde: z.string().min(1),
});

/** ∂ₜψ − L*ψ as text, and the printed pde as lhs − rhs. */
export function forwardResidualTexts(record: ClaimRecord, syms: LangSymbols): { printed: string; forward: string } {
  const state = (record.state as string[]).map(String);
  const drift = (record.drift as string[]).map(String);
  const diff = (record.diffusion as string[]).map(String);
  if (drift.length !== state.length || diff.length !== state.length) throw new LangError(`fokker-planck: ${state.length} state variables, ${drift.length} drifts, ${diff.length} diffusions`);
  const psi = String(record.density);
  const t = typeof record.time === 'string' ? record.time : 't';
  const parts = [`diff(${psi}, ${t})`];
  state.forEach((x, k) => {
    const decl = syms.variables[x];
    if (!decl) throw new LangError(`state: "${x}" is not a declared variable`);
    parts.push(decl.vector ? `+ div((${drift[k]})*${psi}, ${x})` : `+ diff((${drift[k]})*${psi}, ${x})`);
    // Itô: the second-order term is Δ(σ²ψ/2), the derivatives act on the diffusion too
    parts.push(decl.vector ? `- lap((${diff[k]})/2*${psi}, ${x})` : `- diff((${diff[k]})/2*${psi}, ${x}, 2)`);
  });
  const r = splitRelation(String(record.pde));
  if (!r || r.rel !== '=') throw new LangError(`pde: expected "lhs = rhs", got "${record.pde}"`);
  return { printed: `(${r.lhs}) - (${r.rhs})`, forward: parts.join(' ') };
}


/** How a sign condition on the whole domain was decided. */
export interface SignOutcome {
  status: 'holds' | 'fails' | 'unknown';
  /** For `holds`: what it rests on. */
  basis?: Basis;
  /** For `fails`: an exact point (parameters and coordinates) where it fails. */
  at?: Record<string, string>;
  evidence: Record<string, unknown>;
}

/** Parameters whose domain excludes 0 (sign known: +1 / −1), or undefined. */
function knownSign(name: string, domain: string | undefined): 1 | -1 | undefined {
  if (domain === undefined) return undefined;
  try {
    const d = parseDomain(name, domain);
    if (d.lo && (d.lo.sign() > 0 || (d.lo.isZero() && d.loOpen))) return 1;
    if (d.hi && (d.hi.sign() < 0 || (d.hi.isZero() && d.hiOpen))) return -1;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * P rel 0 (rel ≥, > or ≠) for every point of the record's domain and every value of the other
 * symbols of P (coordinates, jets): in the kernel where every monomial has a sign fixed by the
 * domain (even powers, parameters of known sign, their inverse symbols), else a sampled exact point
 * that violates it, else Z3 and cvc5 (a parameter's inverse symbol `ainv` with a·ainv = 1).
 */
export async function signOnDomain(P: Poly, rel: '>=' | '>' | '!=', S: LangSpace, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<SignOutcome> {
  const syms = langSymbols(env, record);
  const invOf = new Map(S.inverses.map(([a, inv]) => [inv, a]));
  const sign = (v: string): 1 | -1 | undefined => knownSign(invOf.get(v) ?? v, syms.parameters[invOf.get(v) ?? v]?.domain);
  const nonzero = (v: string) => sign(v) !== undefined || invOf.has(v);
  // 1. kernel: the sign of each monomial is fixed on the domain
  const monoSign = (t: { mono: ReadonlyArray<readonly [string, number]>; coef: Rational }): { s: number; strict: boolean } | undefined => {
    let s = t.coef.sign();
    let strict = true;
    for (const [v, e] of t.mono) {
      const k = sign(v);
      if (k !== undefined) s *= e % 2 === 0 ? 1 : k;
      else if (e % 2 === 0) strict &&= nonzero(v);
      else return undefined;
    }
    return { s, strict };
  };
  const terms = P.termList().map(monoSign);
  const kernel = (() => {
    if (P.isZero()) return rel === '>=';
    if (terms.some((t) => !t)) return false;
    const allPos = terms.every((t) => t!.s > 0), allNeg = terms.every((t) => t!.s < 0), someStrict = terms.some((t) => t!.strict);
    if (rel === '>=') return allPos;
    if (rel === '>') return allPos && someStrict;
    return (allPos || allNeg) && someStrict;
  })();
  if (kernel) return { status: 'holds', basis: 'kernel', evidence: { decidedBy: 'kernel (the sign of every monomial is fixed on the domain)' } };
  const holdsAt = (v: Rational) => (rel === '>=' ? v.sign() >= 0 : rel === '>' ? v.sign() > 0 : !v.isZero());
  // 2. sampled exact points (coordinates and jets small rationals)
  // square roots of the parameters (√a as a symbol): never sampled, their sign decided exactly
  const roots: Roots = Object.fromEntries(Object.entries(S.roots).filter(([r]) => P.variables().includes(r)));
  const rng = recordRng(ctx, `${record.id}#sign`);
  for (const p of domainPoints(record, env, ctx, 24)) {
    const at: Record<string, Rational> = { ...p };
    for (const [a, inv] of S.inverses) if (at[a] && !at[a].isZero()) at[inv] = at[a].inv();
    let ok = true;
    for (const v of P.variables()) {
      if (at[v] !== undefined || v in roots) continue;
      if (invOf.has(v) || v in syms.parameters) ok = false;
      else at[v] = q(BigInt(Math.floor(rng() * 19) - 9), BigInt(1 + Math.floor(rng() * 4)));
    }
    if (!ok || Object.values(roots).some((R) => R.variables().some((v) => at[v] === undefined) || R.evaluate(at).sign() < 0)) continue;
    const sign = signWithRoot(P, at, roots);
    if (!holdsAt(Rational.of(sign))) {
      // the point as printed: an inverse symbol shown as its parameter
      const used = new Set([...P.variables(), ...Object.values(roots).flatMap((R) => R.variables())].map((v) => invOf.get(v) ?? v));
      const shown = Object.fromEntries(Object.entries(at).filter(([k]) => used.has(k) && !(k in roots)));
      return { status: 'fails', at: pointStrings(shown), evidence: { decidedBy: 'exact point', sign, ...(Object.keys(roots).length ? {} : { value: P.evaluate(at).toString() }) } };
    }
  }
  // 3. the solvers, on the whole domain
  let dom;
  try {
    dom = recordDomain(record, env);
  } catch (e) {
    return { status: 'unknown', evidence: { reason: (e as Error).message } };
  }
  const extra = P.variables().filter((v) => !dom.variables.includes(v) && !(v in roots));
  const inverses: Formula[] = extra.filter((v) => invOf.has(v)).map((v) => atom(Poly.variable(v).mul(Poly.variable(invOf.get(v)!)).sub(Poly.ONE), '='));
  const o = await decideQuery(await getSolvers(ctx), { variables: [...dom.variables, ...extra], roots: { ...dom.roots, ...roots }, assumptions: inverses.length ? and(dom.assumptions, ...inverses) : dom.assumptions, goal: atom(P, rel as Relation) });
  const evidence = { decidedBy: 'solvers', solvers: answersEvidence(o) };
  if (o.status === 'proved') return { status: 'holds', basis: o.basis, evidence };
  if (o.status === 'refuted' && o.witness) return { status: 'fails', at: Object.fromEntries(Object.entries(o.witness).filter(([k]) => !invOf.has(k))), evidence };
  return { status: 'unknown', evidence: { ...evidence, reason: o.reason ?? 'undecided' } };
}

/** The weaker of two bases (kernel < certificate < two-solvers < one-solver). */
export function weakerBasis(a: Basis | undefined, b: Basis | undefined): Basis | undefined {
  const order: Basis[] = ['kernel', 'certificate', 'two-solvers', 'one-solver', 'given-cited'];
  if (!a) return b;
  if (!b) return a;
  return order[Math.max(order.indexOf(a), order.indexOf(b))];
}

/**
 * Each σ_k² ≥ 0 on the whole domain, every state and time (checked in d = 1, 2, 3 where vectors
 * enter): undefined when it holds (with its basis in `basis`), else the `inconclusive` result.
 */
async function diffusionHypothesis(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, syms: LangSymbols): Promise<{ fail?: CheckResult; basis?: Basis; evidence: Record<string, unknown> }> {
  const diff = (record.diffusion as string[]).map(String);
  const dims = dimensionMatters(syms) ? [1, 2, 3] : [1];
  const evidence: Record<string, unknown> = {};
  let basis: Basis | undefined = 'kernel';
  for (const d of dims) {
    const S = new LangSpace(syms, d);
    for (const [k, text] of diff.entries()) {
      const v = S.compileText(text, new Map());
      if (v.vector) throw new LangError(`diffusion ${k + 1}: "${text}" is a vector (σₖ² is a scalar)`);
      const den = v.comps[0].den;
      // Σ (N_j/den) e^{Q_j} ≥ 0 when every N_j·den ≥ 0 (e^Q > 0)
      for (const t of v.comps[0].terms) {
        const P = S.normalize(t.N.mul(den));
        const o = await signOnDomain(P, '>=', S, record, env, ctx);
        evidence[`σ${k + 1}² ≥ 0${dims.length > 1 ? ` (d=${d})` : ''}`] = { polynomial: unicodeString(P), status: o.status, ...o.evidence };
        if (o.status === 'holds') {
          basis = weakerBasis(basis, o.basis);
          continue;
        }
        const where = o.at && Object.keys(o.at).length ? ` at ${Object.entries(o.at).map(([a, b]) => `${a} = ${b}`).join(', ')}` : '';
        const why = o.status === 'fails' ? `diffusion σ${k + 1}² = ${text} is negative${where}: not a diffusion (σₖ² ≥ 0 is required)` : `diffusion σ${k + 1}² = ${text} ≥ 0 is not decided on the domain`;
        return {
          evidence,
          fail: {
            verdict: 'inconclusive',
            method: 'exact',
            summary: `hypothesis fails: ${why}`,
            evidence: { hypothesisFails: why, ...evidence },
            ...(o.at ? { witness: { dimension: d, ...o.at } } : {}),
            decisive: `diffusion ${k + 1} ${o.status}${o.at ? ` at ${JSON.stringify(o.at)}` : ''}`,
          },
        };
      }
    }
  }
  return { basis, evidence };
}

async function decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let texts;
  let hyp;
  try {
    const syms = langSymbols(env, record);
    texts = forwardResidualTexts(record, syms);
    hyp = await diffusionHypothesis(record, env, ctx, syms);
  } catch (e) {
    return badInput('exact', e);
  }
  if (hyp.fail) return hyp.fail;
  const r = await decideIdentity({ ...record, kind: 'identity', lhs: texts.printed, rhs: texts.forward, expr: undefined }, env, ctx);
  const basis = r.verdict === 'proved' ? weakerBasis(r.basis, hyp.basis) : r.basis;
  return { ...r, ...(basis ? { basis } : {}), summary: `printed PDE vs the forward equation ∂ₜψ = L*ψ of the SDE: ${r.summary}`, evidence: { ...r.evidence, forwardEquation: `${texts.forward} = 0`, ...(hyp.basis === 'kernel' ? {} : { diffusionNonnegative: hyp.evidence }) } };
}

registerProcedure({
  kind: 'fokker-planck',
  summary: 'the printed PDE is the Fokker–Planck equation (adjoint generator) of the printed SDE drift and diffusion, every d',
  method: 'exact',
  fields: fokkerPlanckFields,
  validate(record, env) {
    try {
      const syms = langSymbols(env, record);
      const t = forwardResidualTexts(record, syms);
      return validateTexts({ pde: t.printed, drift: t.forward }, syms);
    } catch (e) {
      return [{ path: 'pde', message: (e as Error).message }];
    }
  },
  decide,
});
