/**
 * # Appendix — the proof of Proposition 4.1, step by step
 *
 * ## Main claims
 * The identities of (c), (d), (e) are decided EXACTLY for every ω₀, γ, β > 0 and every smooth g, h, ε
 * (symbolic/jet.ts, symbolic/euler.ts): γ, β, ω₀ are symbols (β⁻¹, ω₀⁻¹ inverse symbols), g, h generic
 * jet functions of (x, v), ε_1…ε_d a generic field at θ = −(v + γx)/ω₀². An integral identity
 * ∫ F M = 0 holds for all g, h iff the weighted Euler operator E^Q of F vanishes in g and in h
 * (boundary terms vanish for polynomial growth); the expansions (A.3), (e) are pointwise. Decided in
 * d = 1, 2, 3. The former check — g, h, ε generic polynomials, E_M by Isserlis at 3 rational
 * (ω₀², γ, β) — runs as a cross-check. Displayed steps that fail get an exact rational witness.
 *
 * - `app:M-sign`: the Appendix's M = exp(−βω₀²|x|²/2 + β|v|²/2) vs (3.1)'s — which one (A.2) uses.
 * - `app:A.1`, `app:A.2`, `app:rg-h`, `app:rg-h-symmetrised`: the identities of part (c).
 * - `app:A.3`, `app:e:expansion`: ∇_x(Rh), ∇_v(Rh) expanded (product rule).
 * - `app:A.4:chain-rule` (index j dropped), `app:A.4:young`, `app:A.5:sign`, `app:A.5`,
 *   `app:A.6` (inserting (A.4), (A.5) into (A.3)), `app:A.6:poincare` (the use of (3.5)).
 *
 * ## References
 * [zhu_ying_2021] Appendix, (A.1)–(A.6); Proposition 4.1; (3.1), (3.3), (3.5).
 */
import { constantC2 } from '../symbolic/constants.ts';
import type { CheckResult, Claim } from '../src/claims.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { Poly, pv } from '../symbolic/poly.ts';
import { expectation, expectationValue, normStarSq, gradNormsStarSq, phaseVariables, type MomentWeight } from '../symbolic/moments.ts';
import { composePolyPerturbation, jacobianPolyPerturbation, perturbationOperatorPoly, type ExactParams } from '../numeric/families.ts';
import { gaussianIntegral } from './section4-lemmas.ts';
import { concreteWitness, samplePolynomial, sumPolys, withInverses } from '../symbolic/jet.ts';
import { isDivergence } from '../symbolic/euler.ts';
import { beta as betaP, gamma as gammaP, omega0, perturbationR, phaseSpace, type PhaseSpace } from '../symbolic/operators.ts';

// ---------------------------------------------------------------- exact helpers

const weightOf = (p: ExactParams): MomentWeight => ({ omega0Sq: p.omega0Sq, beta: p.beta });
const E = (f: Poly, p: ExactParams): Poly => expectation(f, weightOf(p));
/** ⟨f, g⟩_* as a polynomial in the coefficient symbols. */
const ip = (f: Poly, g: Poly, p: ExactParams): Poly => E(f.mul(g), p);

export { constantC2 } from '../symbolic/constants.ts';

/** A generic polynomial Σ_{|α| ≤ deg} c_α y^α in `vars` with symbolic coefficients `${prefix}0`, `${prefix}1`, …. */
export function genericPoly(vars: readonly string[], deg: number, prefix: string): Poly {
  const monos: [string, number][][] = [[]];
  for (const v of vars) {
    const next: [string, number][][] = [];
    for (const m of monos) {
      const used = m.reduce((s, [, e]) => s + e, 0);
      for (let e = 0; e + used <= deg; e++) next.push(e ? [...m, [v, e]] : m);
    }
    monos.splice(0, monos.length, ...next);
  }
  return monos.reduce((acc, m, k) => acc.add(pv(`${prefix}${k}`).mul(Poly.monomial(Rational.ONE, m))), Poly.ZERO);
}

/** Generic polynomial perturbation ε_i(θ) of degree ≤ deg in th1…thd, coefficient symbols e{i}_k. */
export function genericPerturbation(d: number, deg: number): Poly[] {
  const th = Array.from({ length: d }, (_, j) => `th${j + 1}`);
  return Array.from({ length: d }, (_, i) => genericPoly(th, deg, `e${i + 1}_`));
}

/** Rational parameter points at which the identities are checked. */
export const PARAM_POINTS: readonly Omit<ExactParams, 'd'>[] = [
  { omega0Sq: q(1), gamma: q(1), beta: q(1) },
  { omega0Sq: q(2), gamma: q(1, 3), beta: q(3, 2) },
  { omega0Sq: q(1, 4), gamma: q(3), beta: q(1, 2) },
];

/** An exact instance: params, composed ε, generic g and h. */
interface Instance {
  p: ExactParams;
  eps: Poly[];
  g: Poly;
  h: Poly;
  label: string;
}

/** d = 1: ε of degree ≤ 2, g, h of degree ≤ 2; d = 2: ε affine (generic Jacobian), g, h of degree ≤ 1 (effort < 1) or 2. */
function instances(effort: number): Instance[] {
  const out: Instance[] = [];
  for (const base of PARAM_POINTS) {
    for (const d of [1, 2]) {
      const p: ExactParams = { d, ...base };
      const { x, v } = phaseVariables(d);
      const degF = d === 1 ? 2 : effort >= 1 ? 2 : 1;
      const degE = d === 1 ? 2 : 1;
      out.push({
        p,
        eps: composePolyPerturbation(genericPerturbation(d, degE), p),
        g: genericPoly([...x, ...v], degF, 'g'),
        h: genericPoly([...x, ...v], degF, 'h'),
        label: `d=${d}, ω₀²=${base.omega0Sq}, γ=${base.gamma}, β=${base.beta}, deg ε ≤ ${degE}, deg g,h ≤ ${degF}`,
      });
    }
  }
  return out;
}

/** ε·(∇_x f − γ∇_v f) (the drift part of R). */
function driftPart(eps: readonly Poly[], f: Poly, p: ExactParams): Poly {
  return eps.reduce((s, e, i) => s.add(e.mul(f.diff(`x${i + 1}`).sub(f.diff(`v${i + 1}`).scale(p.gamma)))), Poly.ZERO);
}

/** βε·(ω₀²x − γv) (the multiplier part of R). */
function fieldPart(eps: readonly Poly[], p: ExactParams): Poly {
  return eps.reduce((s, e, i) => s.add(e.mul(pv(`x${i + 1}`).scale(p.omega0Sq).sub(pv(`v${i + 1}`).scale(p.gamma)))), Poly.ZERO).scale(p.beta);
}

/** Run an identity (returns LHS − RHS after E_M) on every instance; it holds iff every result is the zero polynomial. */
function identityOnInstances(effort: number, diff: (i: Instance) => Poly): { rows: { instance: string; zero: boolean; residual?: string }[]; holds: boolean } {
  const rows = instances(effort).map((i) => {
    const r = diff(i);
    return r.isZero() ? { instance: i.label, zero: true } : { instance: i.label, zero: false, residual: r.toString().slice(0, 200) };
  });
  return { rows, holds: rows.every((r) => r.zero) };
}

const SCOPE_INSTANCES =
  'cross-check only: exact (E_M by Isserlis) for every polynomial g, h, ε of the stated degrees (generic symbolic coefficients) at the stated rational (ω₀², γ, β)';

// ---------------------------------------------------------------- exact for ALL parameters and functions (jets)

/**
 * How the identities of (c), (d), (e) are printed; tests plant errors in a copy.
 * Each factor multiplies the printed right-hand side (see the claim statements).
 */
export interface PrintedAppendix {
  /** (A.2): ½⟨ε,(∇_x−γ∇_v)g²⟩_* = a2·⟨βε·(ω₀²x−γv), g²⟩_*. @defaultValue ½ */
  a2: Rational;
  /** (A.2) inserted into (A.1): ⟨Rg,g⟩_* = rgg·⟨βε·(ω₀²x−γv), g²⟩_*. @defaultValue −½ */
  rgg: Rational;
  /** After (A.2): ⟨Rg,h⟩_* = rgh·⟨εg, (∇_x−γ∇_v)h⟩_*. @defaultValue −1 */
  rgh: Rational;
  /** ⟨Rg,h⟩_* + ⟨Rh,g⟩_* = sym·⟨βε·(ω₀²x−γv)h, g⟩_*. @defaultValue −1 */
  sym: Rational;
  /** (A.3): last term a3·βω₀²⟨εh, ∇_x h⟩_*. @defaultValue −1 */
  a3: Rational;
  /** (e): last term e·βγ⟨εh, ∇_v h⟩_*. @defaultValue +1 */
  e: Rational;
}

export const PRINTED_APPENDIX: PrintedAppendix = { a2: q(1, 2), rgg: q(-1, 2), rgh: q(-1), sym: q(-1), a3: q(-1), e: q(1) };

/** Dimensions decided by the jet checks. */
export const JET_DIMENSIONS = [1, 2, 3] as const;

/** Rational parameters of the concrete witnesses (ω₀ itself; ω₀² = 49/25). */
export const JET_WITNESS_POINT: Readonly<Record<string, Rational>> = { gamma: q(3, 2), beta: q(5, 3), omega0: q(7, 5) };

const w2 = omega0.pow(2);

/** The jet space of the Appendix: g, h generic of (x, v), ε_1…ε_d generic of θ = −(v + γx)/ω₀². */
function appendixSpace(d: number): PhaseSpace {
  return phaseSpace(d, { staticFunctions: ['g', 'h'] });
}

/** ε·(∇_x f − γ∇_v f) on jets. */
function driftJet(ps: PhaseSpace, f: Poly): Poly {
  const S = ps.space;
  return sumPolys(ps.eps.map((e, i) => pv(e).mul(S.D(f, ps.xs[i]).sub(gammaP.mul(S.D(f, ps.vs[i]))))));
}

/** βε·(ω₀²x − γv) on jets. */
function fieldJet(ps: PhaseSpace): Poly {
  return betaP.mul(sumPolys(ps.eps.map((e, i) => pv(e).mul(w2.mul(pv(ps.xs[i])).sub(gammaP.mul(pv(ps.vs[i])))))));
}

const rp = (r: Rational) => Poly.constant(r);

/** r·text as printed: '', '−', '½·' … (for summaries). */
const coefText = (r: Rational): string => {
  const named: [Rational, string][] = [[Rational.ONE, ''], [q(-1), '−'], [q(1, 2), '½'], [q(-1, 2), '−½']];
  return named.find(([k]) => k.equals(r))?.[1] ?? `(${r})·`;
};
/** '+ text', '− text', '+ (r)·text' (for summaries). */
const termText = (r: Rational, text: string): string => (r.sign() < 0 ? `− ${coefText(r.neg())}${text}` : `+ ${coefText(r)}${text}`);

/** Integrands F with ∫ F M dx dv = 0 claimed, per identity (LHS − RHS). */
export function appendixIntegrands(ps: PhaseSpace, printed: PrintedAppendix = PRINTED_APPENDIX): Record<string, Poly> {
  const S = ps.space;
  const g = S.fn('g');
  const h = S.fn('h');
  const R = (f: Poly) => perturbationR(ps, f);
  const field = fieldJet(ps);
  const g2 = g.mul(g);
  const norm = (p: Poly) => S.normalize(p);
  return {
    '(A.2)': norm(driftJet(ps, g2).scale(q(1, 2)).sub(rp(printed.a2).mul(field).mul(g2))),
    '⟨Rg,g⟩_*': norm(R(g).mul(g).sub(rp(printed.rgg).mul(field).mul(g2))),
    '⟨Rg,h⟩_*': norm(R(g).mul(h).sub(rp(printed.rgh).mul(g).mul(driftJet(ps, h)))),
    'symmetrised': norm(R(g).mul(h).add(R(h).mul(g)).sub(rp(printed.sym).mul(field).mul(h).mul(g))),
  };
}

/** (∇_x − γ∇_v)·ε(θ(x,v)) on jets (zero by the chain rule: ∂_{x_j} = γ∂_{v_j} on functions of θ). */
export function driftDivergence(ps: PhaseSpace): Poly {
  const S = ps.space;
  return S.normalize(sumPolys(ps.eps.map((e, i) => S.D(pv(e), ps.xs[i]).sub(gammaP.mul(S.D(pv(e), ps.vs[i]))))));
}

/**
 * Pointwise residuals of (A.3) (kind 'x') or (e) (kind 'v'), one per component j:
 * ∂_{y_j}(Rh) − [R∂_{y_j}h + Σ_i ∂_{y_j}ε_i(∂_{x_i}h − γ∂_{v_i}h) − βΣ_i ∂_{y_j}ε_i(ω₀²x_i − γv_i)h + c·ε_j h],
 * c = a3·βω₀² (x) or e·βγ (v).
 */
export function expansionResidualsJet(ps: PhaseSpace, kind: 'x' | 'v', printed: PrintedAppendix = PRINTED_APPENDIX): Record<string, Poly> {
  const S = ps.space;
  const h = S.fn('h');
  const R = (f: Poly) => perturbationR(ps, f);
  const ys = kind === 'x' ? ps.xs : ps.vs;
  const last = kind === 'x' ? rp(printed.a3).mul(betaP).mul(w2) : rp(printed.e).mul(betaP).mul(gammaP);
  const out: Record<string, Poly> = {};
  ys.forEach((y, j) => {
    const dEps = ps.eps.map((e) => S.D(pv(e), y));
    const drift = sumPolys(dEps.map((de, i) => de.mul(S.D(h, ps.xs[i]).sub(gammaP.mul(S.D(h, ps.vs[i]))))));
    const field = betaP.mul(sumPolys(dEps.map((de, i) => de.mul(w2.mul(pv(ps.xs[i])).sub(gammaP.mul(pv(ps.vs[i])))))));
    const rhs = R(S.D(h, y)).add(drift).sub(field.mul(h)).add(last.mul(pv(ps.eps[j])).mul(h));
    out[`∂${y}(Rh)`] = S.normalize(S.D(R(h), y).sub(rhs));
  });
  return out;
}

/** A concrete exact witness that ∫ F M ≠ 0: sample polynomials for g, h and ε, exact Gaussian moments, rational parameters. */
export function appendixIntegralWitness(ps: PhaseSpace, F: Poly, point: Readonly<Record<string, Rational>> = JET_WITNESS_POINT) {
  const S = ps.space;
  const xv = [...ps.xs, ...ps.vs];
  for (let salt = 0; salt < 6; salt++) {
    const used = new Set(S.jetVariables(F).map((v) => S.parseJet(v)!.fn));
    const concrete: Record<string, Poly> = {};
    if (used.has('g')) concrete.g = samplePolynomial(xv, 2, salt + 1);
    if (used.has('h')) concrete.h = samplePolynomial(xv, 2, salt + 2);
    ps.eps.forEach((e, i) => {
      if (used.has(e)) concrete[e] = samplePolynomial(ps.ths, 1 + (salt % 2), salt + i + 3);
    });
    const integral = gaussianIntegral(ps, F, concrete);
    const at = withInverses(S, { ...point });
    if (integral.variables().some((v) => at[v] === undefined)) continue;
    const value = integral.evaluate(at);
    if (value.isZero()) continue;
    // independent re-check: parameters first, then E_M by symbolic/moments.ts at rational (ω₀², β)
    const inst = S.normalize(S.instantiate(F, concrete));
    const paramSubs: Record<string, Rational> = {};
    for (const v of inst.variables()) if (at[v] !== undefined) paramSubs[v] = at[v];
    const recheck = expectationValue(inst.subs(paramSubs), { omega0Sq: point.omega0.mul(point.omega0), beta: point.beta });
    return {
      d: ps.d,
      functions: Object.fromEntries(Object.entries(concrete).map(([k, p]) => [k === 'g' || k === 'h' ? `${k}(x,v)` : `${k}(θ)`, p.toString()])),
      theta: 'θ = −(v + γx)/ω₀²',
      parameters: Object.fromEntries(Object.entries(point).map(([k, r]) => [k, r.toString()])),
      integralOfFM: integral.toString().slice(0, 400),
      value: value.toString(),
      recheck: recheck.toString(),
      recheckAgrees: recheck.equals(value),
    };
  }
  return undefined;
}

/** Outcome of the jet checks in d = 1, 2, 3. */
interface JetOutcome {
  perDimension: Record<string, unknown>[];
  failed?: { d: number; name: string; witness: unknown };
  /** (A.3)/(e): pointwise residual ≠ 0 although its pairing with ∇h integrates to 0. */
  pointwiseOnly?: Record<string, unknown>;
  ms: number;
}

/** Decide integral identities by the weighted Euler operator in g and h (ε a generic coefficient field). */
function jetIntegralIdentities(names: readonly string[], printed: PrintedAppendix): JetOutcome {
  const t0 = Date.now();
  const out: JetOutcome = { perDimension: [], ms: 0 };
  for (const d of JET_DIMENSIONS) {
    const ps = appendixSpace(d);
    const all = appendixIntegrands(ps, printed);
    const row: Record<string, unknown> = { d };
    const div = driftDivergence(ps);
    row['(∇_x−γ∇_v)·ε'] = div.isZero() ? '0 (chain rule)' : div.toString();
    if (!div.isZero() && !out.failed) out.failed = { d, name: '(∇_x−γ∇_v)·ε = 0', witness: { residual: div.toString() } };
    for (const name of names) {
      const F = all[name];
      const t = isDivergence(ps.space, F, ['g', 'h'], [...ps.xs, ...ps.vs], { weight: ps.Q });
      row[name] = t.divergence ? 'E^Q_g = E^Q_h = 0' : Object.fromEntries(Object.entries(t.residuals).map(([k, v]) => [k, v.toString().slice(0, 300)]));
      if (!t.divergence && !out.failed) {
        const residual = sumPolys(Object.values(t.residuals));
        out.failed = { d, name, witness: appendixIntegralWitness(ps, F) ?? { kind: 'euler-residual', residual: residual.toString().slice(0, 400) } };
      }
    }
    out.perDimension.push(row);
  }
  out.ms = Date.now() - t0;
  return out;
}

/** Decide the pointwise expansions (A.3) / (e) on jets. */
function jetExpansion(kind: 'x' | 'v', printed: PrintedAppendix): JetOutcome {
  const t0 = Date.now();
  const out: JetOutcome = { perDimension: [], ms: 0 };
  for (const d of JET_DIMENSIONS) {
    const ps = appendixSpace(d);
    const res = expansionResidualsJet(ps, kind, printed);
    const row: Record<string, unknown> = { d };
    for (const [name, r] of Object.entries(res)) row[name] = r.isZero() ? '0' : r.toString().slice(0, 300);
    const bad = Object.entries(res).find(([, r]) => !r.isZero());
    if (bad && !out.failed) {
      // the printed line is integrated against ∇_y h: refute it by an exact integral, not by the pointwise residual alone
      const S = ps.space;
      const ys = kind === 'x' ? ps.xs : ps.vs;
      const F = S.normalize(sumPolys(ys.map((y) => res[`∂${y}(Rh)`].mul(S.D(S.fn('h'), y)))));
      const integral = isDivergence(S, F, ['h'], [...ps.xs, ...ps.vs], { weight: ps.Q });
      const pointwise = { component: bad[0], residual: bad[1].toString().slice(0, 400), instance: concreteWitness(S, bad[1], JET_WITNESS_POINT) ?? null };
      row.integrated = integral.divergence ? 'pointwise residual ≠ 0 but Σ_j⟨residual_j, ∂_{y_j}h⟩_* = 0 (E^Q_h = 0)' : 'Σ_j⟨residual_j, ∂_{y_j}h⟩_* ≠ 0 (E^Q_h ≠ 0)';
      if (!integral.divergence) {
        const w = appendixIntegralWitness(ps, F);
        out.failed = { d, name: `Σ_j⟨${bad[0]} − RHS_j, ∂_{y_j}h⟩_*`, witness: w ? { ...w, pointwise } : { kind: 'euler-residual', residual: integral.residuals.h.toString().slice(0, 400), pointwise } };
      } else out.pointwiseOnly = { d, ...pointwise };
    }
    out.perDimension.push(row);
  }
  out.ms = Date.now() - t0;
  return out;
}

const SCOPE_JET_INTEGRAL =
  'decided exactly for d = 1, 2, 3, symbolic γ, β, ω₀ (inverse symbols β⁻¹, ω₀⁻¹ with ββ⁻¹ = ω₀ω₀⁻¹ = 1: every ω₀, γ, β > 0), g and h generic smooth functions of (x, v) (jet variables), ε_1…ε_d a generic smooth vector field evaluated at θ = −(v + γx)/ω₀² (a coefficient, its θ-jets independent symbols), M of (3.1): the integrand·M is a total divergence iff the weighted Euler operator E^Q in g and in h vanishes (Olver Thm 4.7; symbolic/euler.ts), so ∫·M = 0 whenever the boundary terms vanish, i.e. for g, h, ε smooth with derivatives of polynomial growth. Every d (argument, not machine-checked): the integrand is Σ_i of terms that differentiate only in (x_i, v_i), with ε_i entering through ∂_{θ_i}, and M = M_i·M_rest factors, so the d = 1 computation with the other coordinates frozen covers each i (Fubini)';

const SCOPE_JET_POINTWISE =
  'pointwise identity of differential polynomials, decided exactly for d = 1, 2, 3, symbolic γ, β, ω₀ (inverse symbols), h generic smooth (jet variables), ε generic smooth at θ = −(v + γx)/ω₀²: holds for every C² h and C¹ ε; pairing with ∇h and integrating against M gives the printed line. Every d (argument, not machine-checked): the residual of component j is Σ_i ρ_ij, ρ_ij built from ε_i, x_i, v_i, y_j only; up to renaming d = 1 realises ρ_jj and d = 2 realises ρ_ij, i ≠ j';

/** Combine the jet decision with the rational-point cross-check. */
function decided(name: string, jet: JetOutcome, cross: ReturnType<typeof identityOnInstances>, scope: string, pointwise = false): CheckResult {
  const crossCheck = { scope: SCOPE_INSTANCES, holds: cross.holds, rows: cross.rows };
  const evidence = { scope, dimensions: [...JET_DIMENSIONS], perDimension: jet.perDimension, jetMs: jet.ms, crossCheck };
  if (jet.failed) {
    // `refuted` only with a concrete witness whose independent re-check agrees; a bare non-zero Euler
    // residual shows the integrand is not a divergence, not that some admissible g, h, ε break it.
    const w = jet.failed.witness as { recheckAgrees?: boolean };
    if (w.recheckAgrees === true) {
      return { verdict: 'refuted', method: 'exact', summary: `${name}: fails in d=${jet.failed.d} (${jet.failed.name}), exact witness re-checked`, evidence, witness: jet.failed.witness };
    }
    return {
      verdict: 'inconclusive',
      method: 'exact',
      summary: `${name}: not a weighted divergence in d=${jet.failed.d} (${jet.failed.name}), but no concrete witness re-checked`,
      evidence: { ...evidence, failure: jet.failed.witness },
    };
  }
  if (!cross.holds) {
    const bad = cross.rows.find((r) => !r.zero);
    return { verdict: 'error', method: 'exact', summary: `${name}: jet check passes but the rational-point cross-check fails at ${bad?.instance}`, evidence };
  }
  if (jet.pointwiseOnly) {
    return { verdict: 'proved', method: 'exact', summary: `∀ω₀,γ,β > 0, ∀ smooth h,ε, d=1,2,3: the integrated line holds (E^Q_h = 0), the pointwise expansion does not: ${name}`, evidence: { ...evidence, pointwiseOnly: jet.pointwiseOnly } };
  }
  return {
    verdict: 'proved',
    method: 'exact',
    summary: `∀ω₀,γ,β > 0, ∀ smooth ${pointwise ? 'h,ε' : 'g,h,ε'}, d=1,2,3 (${pointwise ? 'pointwise on jets' : 'weighted Euler op. = 0'}): ${name}; cross-check 0 on ${cross.rows.length} rational instances`,
    evidence,
  };
}

// ---------------------------------------------------------------- app:M-sign

/** ∇ log M for M = exp(−βω₀²|x|²/2 + s·β|v|²/2), s = −1 for (3.1), s = +1 as printed in the Appendix. */
function logDerivativeCheck(s: 1 | -1, d: number): { residual: Poly } {
  // (∇_x − γ∇_v)·(ε log M) needs (∇_x − γ∇_v) log M = −β(ω₀²x − γv) componentwise (A.2).
  const b = pv('beta');
  const w = pv('w');
  const g = pv('gamma');
  let logM = Poly.ZERO;
  for (let i = 1; i <= d; i++) logM = logM.add(pv(`x${i}`).pow(2).mul(b).mul(w).scale(q(-1, 2))).add(pv(`v${i}`).pow(2).mul(b).scale(q(s, 2)));
  let residual = Poly.ZERO;
  for (let i = 1; i <= d; i++) {
    const lhs = logM.diff(`x${i}`).sub(g.mul(logM.diff(`v${i}`)));
    const rhs = b.neg().mul(w.mul(pv(`x${i}`)).sub(g.mul(pv(`v${i}`))));
    residual = residual.add(pv(`e${i}`).mul(lhs.sub(rhs)));
  }
  return { residual };
}

/** Formal: is the ⟨Rg,h⟩_* integrand a divergence against e^Q for the Appendix's Q = −βω₀²|x|²/2 + β|v|²/2? (d = 1, 2) */
function printedMEulerRows(): Record<string, string>[] {
  return [1, 2].map((d) => {
    const ps = appendixSpace(d);
    const appendixQ = ps.Q.add(betaP.mul(sumPolys(ps.vs.map((v) => pv(v).pow(2)))));
    const t = isDivergence(ps.space, appendixIntegrands(ps)['⟨Rg,h⟩_*'], ['g', 'h'], [...ps.xs, ...ps.vs], { weight: appendixQ });
    return {
      d: String(d),
      rghIdentity: t.divergence ? 'E^Q = 0' : `E^Q_g = ${t.residuals.g.toString().slice(0, 200)} ≠ 0: with the printed M the integration by parts of ⟨Rg,h⟩ does not close (the same integrand is proved a divergence for M of (3.1), app:rg-h)`,
    };
  });
}

function checkMSign(): CheckResult {
  const printed = logDerivativeCheck(1, 2);
  const eq31 = logDerivativeCheck(-1, 2);
  const ok31 = eq31.residual.isZero();
  return {
    verdict: printed.residual.isZero() ? 'proved' : 'refuted',
    method: 'exact',
    summary: `with the printed M, (∇_x−γ∇_v)log M − (−β(ω₀²x−γv)) = ${printed.residual.toString()} ≠ 0 (against e); with (3.1)'s M it is ${ok31 ? '0' : 'nonzero'}`,
    evidence: {
      needed: '(∇_x − γ∇_v) M = −β(ω₀²x − γv) M, used in (A.2) and in ⟨Rg,h⟩ to turn −½⟨ε·(∇_x−γ∇_v)M, g²⟩ into +½⟨βε·(ω₀²x−γv), g²⟩_*',
      printedM: 'exp(−βω₀²|x|²/2 + β|v|²/2) (not normalisable: ∫M dv = ∞)',
      residualPrinted: printed.residual.toString(),
      residualEq31: eq31.residual.toString(),
      conclusion: 'the Appendix computes with M of (3.1); the "+β|v|²/2" is a typo (symbolic β, ω₀², γ)',
      formalEulerWithPrintedM: printedMEulerRows(),
    },
    witness: { residual: printed.residual.toString(), meaning: 'the e_i-weighted sum of the componentwise residuals; nonzero for any v ≠ 0' },
    corrected: { statement: 'M = exp(−βω₀²|x|²/2 − β|v|²/2)/Z as in (3.1)', verdict: ok31 ? 'proved' : 'refuted', method: 'exact', evidence: { residual: eq31.residual.toString() } },
  };
}

// ---------------------------------------------------------------- (A.1), (A.2), ⟨Rg,h⟩

/** Pointwise (A.1): ε·(∇_x g − γ∇_v g) g = ½ ε·(∇_x − γ∇_v) g², symbolic γ, β, ω₀², ε values, generic g. */
function checkA1(): CheckResult {
  const rows: { d: number; zero: boolean }[] = [];
  for (const d of [1, 2, 3]) {
    const { x, v } = phaseVariables(d);
    const g = genericPoly([...x, ...v], 2, 'g');
    const gam = pv('gamma');
    const eps = Array.from({ length: d }, (_, i) => pv(`e${i + 1}`));
    let lhs = Poly.ZERO;
    let rhs = Poly.ZERO;
    const g2 = g.mul(g);
    for (let i = 0; i < d; i++) {
      lhs = lhs.add(eps[i].mul(g.diff(x[i]).sub(gam.mul(g.diff(v[i])))).mul(g));
      rhs = rhs.add(eps[i].mul(g2.diff(x[i]).sub(gam.mul(g2.diff(v[i])))));
    }
    rows.push({ d, zero: lhs.sub(rhs.scale(q(1, 2))).isZero() });
  }
  // the same on jets: g generic smooth, ε generic at θ(x,v)
  const jetRows = JET_DIMENSIONS.map((d) => {
    const ps = appendixSpace(d);
    const g = ps.space.fn('g');
    return { d, zero: ps.space.normalize(driftJet(ps, g).mul(g).sub(driftJet(ps, g.mul(g)).scale(q(1, 2)))).isZero() };
  });
  const ok = rows.every((r) => r.zero) && jetRows.every((r) => r.zero);
  return {
    verdict: ok ? 'proved' : 'refuted',
    method: 'exact',
    summary: ok ? 'pointwise: ε·(∇_x g − γ∇_v g)·g = ½ε·(∇_x − γ∇_v)g² (product rule), symbolic γ, ε, generic g, d = 1…3' : 'pointwise identity fails',
    evidence: { rows, jetRows, scope: 'the identity is pointwise in the 1-jet (g, ∇g): exact on jets (g generic smooth, ε generic at θ, symbolic γ) and on the generic quadratic g (which realises every 1-jet), so it holds for every C¹ g; the ⟨·⟩_* terms then agree' },
  };
}

function checkA2(effort: number, printed: PrintedAppendix = PRINTED_APPENDIX): CheckResult {
  // (i) (∇_x − γ∇_v)·ε(θ(x,v)) = 0 pointwise for generic polynomial ε (chain rule), (ii) the integrated identity, (iii) ⟨Rg,g⟩ = −½⟨βε·(ω₀²x−γv), g²⟩_*.
  const divRows = instances(effort).map((i) => {
    let div = Poly.ZERO;
    for (let k = 0; k < i.p.d; k++) div = div.add(i.eps[k].diff(`x${k + 1}`)).sub(i.eps[k].diff(`v${k + 1}`).scale(i.p.gamma));
    return div.isZero();
  });
  const a2 = identityOnInstances(effort, (i) => {
    const g2 = i.g.mul(i.g);
    return E(driftPart(i.eps, g2, i.p).scale(q(1, 2)).sub(fieldPart(i.eps, i.p).mul(g2).scale(printed.a2)), i.p);
  });
  const rgg = identityOnInstances(effort, (i) => ip(perturbationOperatorPoly(i.eps, i.g, i.p), i.g, i.p).sub(E(fieldPart(i.eps, i.p).mul(i.g.mul(i.g)), i.p).scale(printed.rgg)));
  const cross = { rows: [...a2.rows, ...rgg.rows], holds: a2.holds && rgg.holds && divRows.every(Boolean) };
  const jet = jetIntegralIdentities(['(A.2)', '⟨Rg,g⟩_*'], printed);
  const res = decided(`½⟨ε,(∇_x−γ∇_v)g²⟩_* = ${coefText(printed.a2)}⟨βε·(ω₀²x−γv), g²⟩_*, ⟨Rg,g⟩_* = ${coefText(printed.rgg)}⟨βε·(ω₀²x−γv), g²⟩_*`, jet, cross, SCOPE_JET_INTEGRAL);
  res.evidence = {
    ...res.evidence,
    divergenceFreeDrift: '(∇_x − γ∇_v)·ε(θ(x,v)) ≡ 0: jets (per dimension above) and every rational instance (chain rule: ∂_{x_j} = γ∂_{v_j} on functions of θ)',
    rggAfterInserting: !jet.failed,
    printedM: 'with the Appendix\'s M (+β|v|²/2) the integration by parts fails (app:M-sign); decided here with M of (3.1)',
  };
  return res;
}

function checkRgh(effort: number, printed: PrintedAppendix = PRINTED_APPENDIX): CheckResult {
  const cross = identityOnInstances(effort, (i) => ip(perturbationOperatorPoly(i.eps, i.g, i.p), i.h, i.p).sub(ip(driftPart(i.eps, i.h, i.p), i.g, i.p).scale(printed.rgh)));
  const res = decided(`⟨Rg,h⟩_* = ${coefText(printed.rgh)}⟨εg, (∇_x − γ∇_v)h⟩_*`, jetIntegralIdentities(['⟨Rg,h⟩_*'], printed), cross, SCOPE_JET_INTEGRAL);
  res.evidence = { ...res.evidence, zeros: 'the two printed 0s: −⟨((∇_x−γ∇_v)·ε)g, h⟩_* = 0 (divergence-free drift, pointwise) and −⟨ε·((∇_x−γ∇_v)M)g, h⟩ − ⟨βε·(ω₀²x−γv)g, h⟩_* = 0 (pointwise with M of (3.1), app:M-sign)' };
  return res;
}

function checkRghSym(effort: number, printed: PrintedAppendix = PRINTED_APPENDIX): CheckResult {
  const cross = identityOnInstances(effort, (i) =>
    ip(perturbationOperatorPoly(i.eps, i.g, i.p), i.h, i.p)
      .add(ip(perturbationOperatorPoly(i.eps, i.h, i.p), i.g, i.p))
      .sub(ip(fieldPart(i.eps, i.p).mul(i.h), i.g, i.p).scale(printed.sym)),
  );
  return decided(`⟨Rg,h⟩_* + ⟨Rh,g⟩_* = ${coefText(printed.sym)}⟨βε·(ω₀²x−γv)h, g⟩_*`, jetIntegralIdentities(['symmetrised'], printed), cross, SCOPE_JET_INTEGRAL);
}

// ---------------------------------------------------------------- (A.3), (e): the expansions of ∇(Rh)

/** ∂_{y_j}(Rh) − [R∂_{y_j}h + ∂_{y_j}ε·(∇_x h − γ∇_v h) − β∂_{y_j}ε·(ω₀²x − γv)h + extra_j], pointwise. */
function expansionResidual(i: Instance, kind: 'x' | 'v', printed: PrintedAppendix): Poly {
  let res = Poly.ZERO;
  const { p, eps, h } = i;
  const R = (f: Poly) => perturbationOperatorPoly(eps, f, p);
  for (let j = 1; j <= p.d; j++) {
    const yj = `${kind}${j}`;
    const dEps = eps.map((e) => e.diff(yj));
    let rhs = R(h.diff(yj)).add(driftPart(dEps, h, p)).sub(fieldPart(dEps, p).mul(h));
    // ∂_{x_j}: a3·βω₀²ε_j h (A.3), printed a3 = −1;  ∂_{v_j}: e·βγε_j h (e), printed e = +1
    rhs = kind === 'x' ? rhs.add(eps[j - 1].mul(h).scale(p.beta.mul(p.omega0Sq).mul(printed.a3))) : rhs.add(eps[j - 1].mul(h).scale(p.beta.mul(p.gamma).mul(printed.e)));
    res = res.add(pv(`w${j}`).mul(R(h).diff(yj).sub(rhs)));
  }
  return res;
}

function checkExpansion(kind: 'x' | 'v', effort: number, printed: PrintedAppendix = PRINTED_APPENDIX): CheckResult {
  const cross = identityOnInstances(effort, (i) => expansionResidual(i, kind, printed));
  const name =
    kind === 'x'
      ? `∇_x(Rh) = R∇_x h + ∇_xε(∇_x h − γ∇_v h) − β∇_xε(ω₀²x−γv)h ${termText(printed.a3, 'βω₀²εh')}`
      : `∇_v(Rh) = R∇_v h + ∇_vε(∇_x h − γ∇_v h) − β∇_vε(ω₀²x−γv)h ${termText(printed.e, 'βγεh')}`;
  return decided(name, jetExpansion(kind, printed), cross, SCOPE_JET_POINTWISE, true);
}

// ---------------------------------------------------------------- (A.4) line 2: the chain rule with the index j dropped

/** LHS Σ_{ij}⟨∂_{x_j}ε_i(∂_{x_i}h − γ∂_{v_i}h), ∂_{x_j}h⟩_* and the printed −(γ/ω₀²)Σ_{ij}⟨ε′_i(…), ∂_{x_j}h⟩_* (ε′_i = ∂_iε_i), plus the Jacobian version. */
export function a4ChainRuleSides(epsTheta: readonly Poly[], h: Poly, p: ExactParams): { lhs: Rational; printed: Rational; jacobian: Rational } {
  const w = weightOf(p);
  const eps = composePolyPerturbation(epsTheta, p);
  const jac = jacobianPolyPerturbation(epsTheta, p);
  const k = p.gamma.div(p.omega0Sq).neg();
  let lhs = Poly.ZERO;
  let printed = Poly.ZERO;
  let jacobian = Poly.ZERO;
  for (let i = 1; i <= p.d; i++) {
    const wi = h.diff(`x${i}`).sub(h.diff(`v${i}`).scale(p.gamma));
    for (let j = 1; j <= p.d; j++) {
      const hj = h.diff(`x${j}`);
      lhs = lhs.add(eps[i - 1].diff(`x${j}`).mul(wi).mul(hj));
      printed = printed.add(jac[i - 1][i - 1].mul(wi).mul(hj).scale(k));
      jacobian = jacobian.add(jac[i - 1][j - 1].mul(wi).mul(hj).scale(k));
    }
  }
  return { lhs: expectationValue(lhs, w), printed: expectationValue(printed, w), jacobian: expectationValue(jacobian, w) };
}

// ---------------------------------------------------------------- (A.4) line 3: the Young step

/**
 * The printed step (d = 1): −(γ/ω₀²)⟨ε′(∂_x h − γ∂_v h), ∂_x h⟩_* ≤ (γ/ω₀²)‖ε′‖∞(½‖∂_x h‖² + (γ/2)‖∂_v h‖² + ‖∂_x h‖²),
 * with ‖ε′‖∞ exact for ε(θ) = kθ (‖ε′‖∞ = |k|). Returns both sides and the corrected RHS (coefficient (1+γ)/2).
 */
export function a4YoungSides(k: Rational, h: Poly, p: ExactParams, factor: Rational = Rational.ONE): { lhs: Rational; rhs: Rational; corrected: Rational } {
  if (p.d !== 1) throw new RangeError(`a4YoungSides: d must be 1, got ${p.d}`);
  const w = weightOf(p);
  const c = p.gamma.div(p.omega0Sq);
  const hx = h.diff('x1');
  const hv = h.diff('v1');
  const lhs = expectationValue(hx.sub(hv.scale(p.gamma)).mul(hx), w).mul(k).mul(c).neg();
  const nx = normStarSq(hx, w);
  const nv = normStarSq(hv, w);
  const kk = k.abs();
  const rhs = c.mul(kk).mul(nx.mul(q(1, 2)).add(nv.mul(p.gamma).mul(q(1, 2))).add(nx)).mul(factor);
  const corrected = c.mul(kk).mul(nx.mul(q(1, 2)).add(nv.mul(p.gamma).mul(q(1, 2))).add(nx.mul(Rational.ONE.add(p.gamma)).mul(q(1, 2))));
  return { lhs, rhs, corrected };
}

// ---------------------------------------------------------------- (A.5) line 2: the sign

/** d = 1: −β⟨∂_xε(ω₀²x − γv)h, ∂_x h⟩_* and the printed −(γβ/ω₀²)⟨ε′(ω₀²x − γv)h, ∂_x h⟩_*. */
export function a5SignSides(epsTheta: Poly, h: Poly, p: ExactParams): { lhs: Rational; printed: Rational } {
  const w = weightOf(p);
  const [eps] = composePolyPerturbation([epsTheta], p);
  const [[jac]] = jacobianPolyPerturbation([epsTheta], p);
  const field = pv('x1').scale(p.omega0Sq).sub(pv('v1').scale(p.gamma));
  const lhs = expectationValue(eps.diff('x1').mul(field).mul(h).mul(h.diff('x1')), w).mul(p.beta).neg();
  const printed = expectationValue(jac.mul(field).mul(h).mul(h.diff('x1')), w).mul(p.gamma.mul(p.beta).div(p.omega0Sq)).neg();
  return { lhs, printed };
}

// ---------------------------------------------------------------- (A.6): inserting (A.4), (A.5) into (A.3)

/** Coefficients (of ϵ₀) obtained by adding the bounds of (A.3) [with (c)], (A.4), (A.5), vs (A.6) as printed. */
export function a6Coefficients(p: Omit<ExactParams, 'd'>, d: number): { sum: { gx: Rational; gv: Rational; h: Rational }; printed: { gx: Rational; gv: Rational; h: Rational } } {
  const C2 = constantC2(p);
  const dq = q(d);
  const half = q(1, 2);
  const bw = p.beta.mul(p.omega0Sq);
  // (c): C₂‖∇_x h‖²; (A.4): C₂(3/2‖∇_x h‖² + ½‖∇_v h‖²); (A.5): C₂(dβ‖h‖² + ‖∇_x h‖²); last term of (A.3): ½βω₀²(d‖h‖² + ‖∇_x h‖²)
  const sum = {
    gx: C2.add(C2.mul(q(3, 2))).add(C2).add(half.mul(bw)),
    gv: C2.mul(half),
    h: C2.mul(dq).mul(p.beta).add(half.mul(bw).mul(dq)),
  };
  const printed = { gx: C2.mul(q(4)), gv: C2.mul(half), h: q(3, 2).mul(C2).mul(dq).mul(p.beta) };
  return { sum, printed };
}

// ---------------------------------------------------------------- after (A.6): the use of (3.5)

/** The step (3/2)ϵ₀C₂ dβ‖h‖²_* ≤ (3/2)ϵ₀C₂²(‖∇_x h‖²_* + ‖∇_v h‖²_*), i.e. dβ‖h‖² ≤ C₂‖∇h‖², for mean-zero h. */
export function a6PoincareSides(h: Poly, d: number, p: Omit<ExactParams, 'd'>): { lhs: Rational; rhs: Rational; mean: Rational } {
  const w = { omega0Sq: p.omega0Sq, beta: p.beta };
  const n = normStarSq(h, w);
  const g = gradNormsStarSq(h, d, w);
  return { lhs: q(d).mul(p.beta).mul(n), rhs: constantC2(p).mul(g.x.add(g.v)), mean: expectationValue(h, w) };
}

// ---------------------------------------------------------------- claims

const APP_HYP = ['hGammaPos: γ > 0', 'hOmegaPos: ω₀ > 0', 'hBetaPos: β > 0', 'hTheta: ε = ε(−(v + γx)/ω₀²)', 'hM: M of (3.1)'];
/** Integral identities: boundary terms of the integration by parts vanish. */
const APP_HYP_DECAY = [...APP_HYP, 'hDecay: g, h, ε smooth with derivatives of polynomial growth (boundary terms vanish against M)'];

/** The Appendix claims in paper order; `printed` switches the identities' constants (tests plant errors). */
export function appendixClaims(printed: PrintedAppendix = PRINTED_APPENDIX): Claim[] {
  return [
    {
      id: 'app:A.1',
      source: 'Appendix (c), (A.1)',
      statement: '⟨Rg, g⟩_* = ⟨ε·(∇_x g − γ∇_v g), g⟩_* − ⟨βε·(ω₀²x − γv)g, g⟩_* = ½⟨ε, (∇_x − γ∇_v)g²⟩_* − ⟨βε·(ω₀²x − γv)g, g⟩_*',
      latex: String.raw`\langle Rg, g \rangle_* = \frac{1}{2} \langle \varepsilon, (\nabla_x - \gamma \nabla_v) g^2 \rangle_* - \langle \beta \varepsilon \cdot (\omega_0^2 x - \gamma v) g, g \rangle_*`,
      hypotheses: APP_HYP,
      check: checkA1,
    },
    {
      id: 'app:M-sign',
      source: 'Appendix (c), before (A.2)',
      statement: 'M = exp(−βω₀²|x|²/2 + β|v|²/2), used to integrate (A.2) by parts: (∇_x − γ∇_v)M = −β(ω₀²x − γv)M',
      hypotheses: APP_HYP.slice(0, 4),
      check: checkMSign,
    },
    {
      id: 'app:A.2',
      source: 'Appendix (c), (A.2)',
      statement: '½⟨ε, (∇_x − γ∇_v)g²⟩_* = ½⟨βε·(ω₀²x − γv), g²⟩_*, hence ⟨Rg, g⟩_* = −½⟨βε·(ω₀²x − γv), g²⟩_*',
      latex: String.raw`\frac{1}{2} \langle \varepsilon, (\nabla_x - \gamma \nabla_v) g^2 \rangle_* = \frac{1}{2} \langle \beta \varepsilon \cdot (\omega_0^2 x - \gamma v), g^2 \rangle_*`,
      hypotheses: APP_HYP_DECAY,
      check: (ctx) => checkA2(ctx.effort, printed),
    },
    {
      id: 'app:rg-h',
      source: 'Appendix (c), after (A.2)',
      statement: '⟨Rg, h⟩_* = 0 − ⟨εg, (∇_x − γ∇_v)h⟩_* + 0',
      hypotheses: APP_HYP_DECAY,
      check: (ctx) => checkRgh(ctx.effort, printed),
    },
    {
      id: 'app:rg-h-symmetrised',
      source: 'Appendix (c), after (A.2)',
      statement: '⟨Rg, h⟩_* + ⟨Rh, g⟩_* = −⟨βε·(ω₀²x − γv)h, g⟩_*',
      latex: String.raw`\langle Rg, h \rangle_* + \langle Rh, g \rangle_* = -\langle \beta \varepsilon \cdot (\omega_0^2 x - \gamma v) h, g \rangle_*`,
      hypotheses: APP_HYP_DECAY,
      check: (ctx) => checkRghSym(ctx.effort, printed),
    },
    {
      id: 'app:A.3',
      source: 'Appendix (d), (A.3), first line',
      statement: '⟨∇_x(Rh), ∇_x h⟩_* = ⟨R∇_x h, ∇_x h⟩_* + ⟨∇_xε(∇_x h − γ∇_v h), ∇_x h⟩_* − β⟨∇_xε(ω₀²x − γv)h, ∇_x h⟩_* − βω₀²⟨εh, ∇_x h⟩_*',
      hypotheses: APP_HYP,
      check: (ctx) => checkExpansion('x', ctx.effort, printed),
    },
    // app:A.4:chain-rule, app:A.4:young, app:A.5:sign are data now (bounds.claims.yaml, modules of proofs/appendix-steps.ts)
    // app:A.5 is data now (proofs/zhu-ying-2021/bounds.claims.yaml, kind vacuous-claim; its last step app:A.5:last)
    // app:A.6 is data now (proofs/zhu-ying-2021/bounds.claims.yaml, kind norm-inequality)
    // app:A.6:poincare is data now (proofs/zhu-ying-2021/bounds.claims.yaml, kind integral-inequality)
    {
      id: 'app:e:expansion',
      source: 'Appendix (e), first line',
      statement: '⟨∇_v(Rh), ∇_v h⟩_* = ⟨R∇_v h, ∇_v h⟩_* + ⟨∇_vε(∇_x h − γ∇_v h), ∇_v h⟩_* − β⟨∇_vε(ω₀²x − γv)h, ∇_v h⟩_* + βγ⟨εh, ∇_v h⟩_*',
      hypotheses: APP_HYP,
      check: (ctx) => checkExpansion('v', ctx.effort, printed),
    },
  ];
}

/** Data now (proofs/zhu-ying-2021/identities.claims.yaml, every d); the builders stay for the tests. */
const AS_RECORDS = new Set(['app:A.1', 'app:M-sign', 'app:A.2', 'app:rg-h', 'app:rg-h-symmetrised', 'app:A.3', 'app:e:expansion']);
export const claims: Claim[] = appendixClaims().filter((c) => !AS_RECORDS.has(c.id));
