/**
 * # Section 3 — the Poincaré inequality (3.5) and Assumption 3.1
 *
 * ## Main claims
 * - `eq:3.5:d1` … `eq:3.5:numeric` are data now (proofs/zhu-ying-2021/bounds.claims.yaml, kind
 *   integral-inequality); the helpers below remain for `hypocheck search eq:3.5`.
 * - `asm:3.1` is data now (kind vacuity); the helpers below (the quantities for sample perturbations,
 *   `assumption31IsVacuous`) remain for the TypeScript claims not yet ported. The vacuity proof:
 *   ‖ε·v‖_{L∞(ℝ^{2d})} = ∞ for every ε ≢ 0 (γ > 0), so only ε ≡ 0 satisfies it.
 *
 * ## References
 * [zhu_ying_2021] (3.1), (3.4), (3.5), Assumption 3.1 · [bakry_gentil_ledoux_2014] Gaussian
 * Poincaré inequality (Prop. 4.1.1 there: Var_γ(f) ≤ ∫|∇f|² dγ for the standard Gaussian γ).
 */
import { inconclusive, type CheckResult, type Claim } from '../src/claims.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { Poly, pv } from '../symbolic/poly.ts';
import { gradNormsStarSq, normStarSq, expectationValue, type MomentWeight } from '../symbolic/moments.ts';
import { polyPerturbation, sinGaussPerturbation, tanhPerturbation, zeroPerturbation, type Perturbation } from '../numeric/families.ts';

const STATEMENT_3_5 = '‖h‖²_* ≤ (1/(dβ min{ω₀², 1})) (‖∇_x h‖²_* + ‖∇_v h‖²_*)  for ∀h s.t. ∫hM dx dv = 0';
const LATEX_3_5 = String.raw`\|h\|_*^2 \leq \frac{1}{d\beta \min\{\omega_0^2, 1\}} \left( \|\nabla_x h\|_*^2 + \|\nabla_v h\|_*^2 \right), \quad \forall h \text{ s.t. } \int hM\,dx\,dv = 0`;
const HYP_3_5 = ['hOmegaPos: ω₀ > 0', 'hBetaPos: β > 0', 'hMeanZero: ∫hM dx dv = 0', 'hH1: h ∈ H¹(M)'];

/** 1/(dβ min{ω₀², 1}), the constant printed in (3.5). */
export function poincareConstantPrinted(d: number, omega0Sq: Rational, beta: Rational): Rational {
  const m = omega0Sq.lt(Rational.ONE) ? omega0Sq : Rational.ONE;
  return q(d).mul(beta).mul(m).inv();
}

/** 1/(β min{ω₀², 1}) = max(σ_x², σ_v²), the sharp Poincaré constant of M (any d). */
export function poincareConstantSharp(omega0Sq: Rational, beta: Rational): Rational {
  return poincareConstantPrinted(1, omega0Sq, beta);
}

/** The extremal function of the sharp constant: x1 if ω₀² < 1, else v1 (both are Hermite degree 1). */
export function poincareExtremal(omega0Sq: Rational): Poly {
  return omega0Sq.lt(Rational.ONE) ? pv('x1') : pv('v1');
}

/** Exact witness check of (3.5) at rational parameters: returns both sides exactly. */
export function poincareSides(h: Poly, d: number, w: MomentWeight, constant: Rational): { lhs: Rational; rhs: Rational; mean: Rational; holds: boolean } {
  const lhs = normStarSq(h, w);
  const g = gradNormsStarSq(h, d, w);
  const rhs = constant.mul(g.x.add(g.v));
  return { lhs, rhs, mean: expectationValue(h, w), holds: lhs.le(rhs) };
}

// ---------------------------------------------------------------- Assumption 3.1

/** One quantity of Assumption 3.1 for a given ε: a value or +∞ with the witnessing sequence. */
export interface AssumptionQuantity {
  name: string;
  value: number | 'unbounded';
  how: string;
}

/**
 * The seven quantities of Assumption 3.1 for a perturbation ε evaluated at θ = −(v+γx)/ω₀², sup over
 * all (x, v) ∈ ℝ^{2d}. Reading of the notation: ε'_i := ∂_iε_i (the scalar derivative for componentwise
 * ε), ε'·x := Σ_i ε'_i x_i; ‖·‖_{L∞} is the sup over ℝ^{2d}. Every (x, v) ↦ θ is onto ℝ^d, so ‖ε_i‖∞ is
 * sup_θ|ε_i(θ)|; the products with x, v are unbounded as soon as the factor is ≢ 0 (see `vacuityProof`).
 */
export function assumptionQuantities(eps: Perturbation): AssumptionQuantity[] {
  const nonzero = eps.family !== 'zero' && eps.supAbs.some((s) => s > 0);
  const derivNonzero = eps.family !== 'zero' && eps.supAbsDeriv.some((s) => s > 0);
  const maxE = Math.max(...eps.supAbs);
  const maxD = Math.max(...eps.supAbsDeriv);
  const sumD = eps.supAbsDeriv.reduce((a, b) => a + b, 0);
  const seq = (f: string) => `(x,v) = (−(ω₀²θ* + t·${f}(θ*))/γ, t·${f}(θ*)) keeps θ = θ*, gives t|${f}(θ*)|² → ∞`;
  const fin = (x: number, how: string): AssumptionQuantity['value'] => (Number.isFinite(x) ? x : 'unbounded');
  return [
    { name: 'max_i ‖ε_i‖∞', value: fin(maxE, ''), how: Number.isFinite(maxE) ? 'sup_θ |ε_i(θ)|' : 'polynomial of degree ≥ 1 in θ' },
    { name: '‖ε·x‖∞', value: nonzero ? 'unbounded' : 0, how: nonzero ? seq('ε').replace('t|ε(θ*)|²', '−(ω₀²ε(θ*)·θ* + t|ε(θ*)|²)/γ') : 'ε ≡ 0' },
    { name: '‖ε·v‖∞', value: nonzero ? 'unbounded' : 0, how: nonzero ? seq('ε') : 'ε ≡ 0' },
    { name: 'd·max_i ‖ε′_i‖∞', value: fin(eps.d * maxD, ''), how: 'd · sup_θ |∂_iε_i(θ)|' },
    { name: 'Σ_i ‖ε′_i‖∞', value: fin(sumD, ''), how: 'Σ_i sup_θ |∂_iε_i(θ)|' },
    { name: '‖ε′·x‖∞', value: derivNonzero ? 'unbounded' : 0, how: derivNonzero ? seq('ε′').replace("t|ε′(θ*)|²", "−(ω₀²ε′(θ*)·θ* + t|ε′(θ*)|²)/γ") : 'ε′ ≡ 0' },
    { name: '‖ε′·v‖∞', value: derivNonzero ? 'unbounded' : 0, how: derivNonzero ? seq('ε′') : 'ε′ ≡ 0' },
  ];
}

/** ε₀ := the largest quantity of Assumption 3.1 (+∞ when one is unbounded). */
export function epsilon0Of(eps: Perturbation): number {
  return Math.max(...assumptionQuantities(eps).map((a) => (a.value === 'unbounded' ? Infinity : a.value)));
}

/**
 * Exact kernel check of the vacuity construction, for symbolic t, γ (with ι = 1/γ), ω₀² and generic
 * values e_i = ε(θ*)_i (or ε′_i(θ*)): with v = t e and x = −ι(ω₀²θ* + v),
 *   v + γx + ω₀²θ* = (1 − γι)(ω₀²θ* + v)     (so θ(x, v) = θ* once γι = 1),
 *   e·v = t|e|²,   e·x = −ι(ω₀² e·θ* + t|e|²).
 * Needs γ ≠ 0 (γ > 0 in the paper) and e ≠ 0, i.e. ε(θ*) ≠ 0 for one θ*.
 */
export function vacuityProof(d: number, plantedXFactor: Rational = Rational.ONE): { identities: { name: string; holds: boolean }[]; holds: boolean } {
  const t = pv('t');
  const g = pv('gamma');
  const iota = pv('iota');
  const w = pv('w');
  const identities: { name: string; holds: boolean }[] = [];
  let dotV = Poly.ZERO;
  let dotX = Poly.ZERO;
  let norm2 = Poly.ZERO;
  let dotTheta = Poly.ZERO;
  let thetaOk = true;
  for (let i = 1; i <= d; i++) {
    const e = pv(`e${i}`);
    const th = pv(`th${i}`);
    const v = t.mul(e);
    const x = iota.neg().mul(w.mul(th).add(v)).scale(plantedXFactor);
    const lhs = v.add(g.mul(x)).add(w.mul(th));
    const rhs = Poly.ONE.sub(g.mul(iota)).mul(w.mul(th).add(v));
    if (!lhs.equals(rhs)) thetaOk = false;
    dotV = dotV.add(e.mul(v));
    dotX = dotX.add(e.mul(x));
    norm2 = norm2.add(e.mul(e));
    dotTheta = dotTheta.add(e.mul(th));
  }
  identities.push({ name: 'v + γx + ω₀²θ* = (1 − γι)(ω₀²θ* + v)', holds: thetaOk });
  identities.push({ name: 'ε(θ*)·v = t|ε(θ*)|²', holds: dotV.equals(t.mul(norm2)) });
  identities.push({ name: 'ε(θ*)·x = −ι(ω₀² ε(θ*)·θ* + t|ε(θ*)|²)', holds: dotX.equals(iota.neg().mul(w.mul(dotTheta).add(t.mul(norm2)))) });
  return { identities, holds: identities.every((i) => i.holds) };
}

/** Sample perturbations whose Assumption-3.1 quantities are reported. */
export function assumptionExamples(): Perturbation[] {
  return [
    tanhPerturbation([0.1], [1]),
    sinGaussPerturbation([0.1], [2], [0.5]),
    tanhPerturbation([0.1, 0.05], [1, 2]),
    polyPerturbation(1, [pv('th1').scale(q(1, 10))]),
    zeroPerturbation(2),
  ];
}

let vacuityCache: boolean | undefined;
/**
 * Whether the exact vacuity construction of asm:3.1 holds in d = 1, 2, 3 (computed once). Claims whose
 * `vacuous` verdict rests on Assumption 3.1 call this instead of asserting it.
 */
export function assumption31IsVacuous(): boolean {
  vacuityCache ??= [1, 2, 3].every((d) => vacuityProof(d).holds);
  return vacuityCache;
}

/** The asm:3.1 check; `plantedXFactor` ≠ 1 breaks the construction (tests: the verdict must leave `vacuous`). */
export function checkAssumption(plantedXFactor: Rational = Rational.ONE): CheckResult {
  const proofs = [1, 2, 3].map((d) => ({ d, ...vacuityProof(d, plantedXFactor) }));
  const ok = proofs.every((p) => p.holds);
  if (!ok) return inconclusive('exact', 'the vacuity construction does not keep θ fixed: no proof of vacuity', { proofs });
  const table = assumptionExamples().map((e) => ({ epsilon: e.label, d: e.d, quantities: assumptionQuantities(e).map((a) => ({ [a.name]: a.value })), epsilon0: String(epsilon0Of(e)) }));
  // A numeric instance of the sequence for a·tanh(bθ), d = 1: θ* = 1, γ = 1, ω₀² = 1.
  const e1 = 0.1 * Math.tanh(1);
  const sequence = [1, 10, 100, 1000].map((t) => ({ t, x: -(1 + t * e1), v: t * e1, theta: -(t * e1 + -(1 + t * e1)), epsDotV: e1 * t * e1 }));
  return {
    verdict: 'vacuous',
    method: 'exact',
    summary: 'only ε ≡ 0 satisfies it: for ε(θ*) ≠ 0, v = tε(θ*), x = −(ω₀²θ*+v)/γ keeps θ = θ* and ε·v = t|ε(θ*)|² → ∞ (exact, d = 1…3)',
    evidence: {
      reading: 'sup over all (x,v) ∈ ℝ^{2d}; ε, ε′ evaluated at θ = −(v+γx)/ω₀²; ε′_i := ∂_iε_i(θ) and ε′·x := Σ_i ε′_i x_i (the Jacobian reading |ε′(θ)x| is unbounded by the same construction)',
      needs: 'γ ≠ 0 (hGammaPos) to solve for x; ε(θ*) ≠ 0 for one θ* (ε ≢ 0); ω₀² > 0',
      kernelIdentities: proofs,
      consequence: 'for every ε ≢ 0 no finite ε₀ exists (‖ε·v‖∞ = ‖ε·x‖∞ = ∞); ε ≡ 0 satisfies it for every ε₀ > 0 — the unperturbed quadratic loss, where R = 0',
      examples: table,
      tanhSequence: { epsilon: '0.1·tanh(θ)', thetaStar: 1, gamma: 1, omega0Sq: 1, points: sequence },
    },
    witness: { construction: 'v = t·ε(θ*), x = −(ω₀²θ* + v)/γ', epsDotV: 't·|ε(θ*)|²' },
  };
}

export const claims: Claim[] = [
];
