/**
 * # Appendix — exact sides of the displayed steps of the proof of Proposition 4.1
 *
 * The Appendix's claims are records (proofs/zhu-ying-2021/identities.claims.yaml and bounds);
 * here are the exact two sides of the steps (A.4)–(A.6) at polynomial instances, read by the
 * module checks of proofs/appendix-steps.ts and by `hypocheck search`.
 *
 * ## References
 * [zhu_ying_2021] Appendix, (A.4)–(A.6); Proposition 4.1; (3.5).
 */
import { constantC2 } from '../symbolic/constants.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { Poly, pv } from '../symbolic/poly.ts';
import { expectationValue, normStarSq, gradNormsStarSq, type MomentWeight } from '../symbolic/moments.ts';
import { composePolyPerturbation, jacobianPolyPerturbation, type ExactParams } from '../numeric/families.ts';

const weightOf = (p: ExactParams): MomentWeight => ({ omega0Sq: p.omega0Sq, beta: p.beta });

export { constantC2 } from '../symbolic/constants.ts';

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
