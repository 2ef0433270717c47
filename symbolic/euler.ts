/**
 * The Euler operator and the divergence test, with an optional Gaussian weight.
 *
 * E_u(F) = Σ_α (−D)^α ∂F/∂u_α. Classical theorem (Olver, *Applications of Lie Groups to
 * Differential Equations*, Thm 4.7 [olver_1993]): on a jet space over ℝⁿ with smooth
 * coefficients in the coordinates, a differential function F is a total divergence
 * F = Σ_i D_i G_i iff E_u(F) = 0 for every dependent function u.
 *
 * Weighted integrals. To decide ∫ F e^Q dx = 0 for all u (boundary terms vanishing for u
 * and its derivatives of polynomial growth against the Gaussian e^Q), F e^Q must be a
 * divergence. Since (−D_i)(e^Q G) = e^Q (−D^Q_i G) with D^Q_i G = D_i G + (∂_i Q) G,
 * E_u(F e^Q) = e^Q E^Q_u(F), where E^Q_u uses −D^Q in place of −D. So we test
 * E^Q_u(F) = 0, entirely within polynomials: exact and sound.
 *
 * Functions that are not dependents (e.g. ε(θ) in (2.4), ∇f in (2.3)) are fixed smooth
 * coefficient functions of the coordinates: total derivatives act on them by the chain
 * rule, and the theorem applies with those coefficients (hypothesis: they are smooth with
 * derivatives of polynomial growth, so the boundary terms of the weighted flux vanish).
 */
import { Poly, pv } from './poly.ts';
import { JetSpace, sumPolys } from './jet.ts';
import { weightedTotalDerivative } from './gaussian.ts';

/** Options of the Euler operator. */
export interface EulerOptions {
  /** Exponent Q of the weight e^Q multiplying the integrand. @defaultValue 0 (Lebesgue measure) */
  weight?: Poly;
}

/**
 * E^Q_u(F) = Σ_α (−D^Q)^α ∂F/∂u_α over the integration coordinates `coords`.
 * Jets of u may only differentiate in `coords` (a t-derivative must be eliminated first).
 * The result is Laurent-normalised.
 */
export function eulerOperator(space: JetSpace, F: Poly, u: string, coords: readonly string[], options: EulerOptions = {}): Poly {
  const { weight } = options;
  const f = space.getFunction(u);
  for (const a of f.args) {
    if (!f.argMap[a].equals(pv(a))) {
      throw new RangeError(`eulerOperator: ${u} must be a plain function of the coordinates, argument ${a} is composite`);
    }
  }
  const parts: Poly[] = [];
  for (const s of space.jetVariables(F, u)) {
    const j = space.parseJet(s)!;
    let term = F.diff(s);
    j.counts.forEach((k, i) => {
      const a = f.args[i];
      if (k > 0 && !coords.includes(a)) throw new RangeError(`eulerOperator: jet ${s} differentiates in ${a}, which is not an integration coordinate`);
      for (let r = 0; r < k; r++) {
        term = (weight ? weightedTotalDerivative(space, term, a, weight) : space.D(term, a)).neg();
      }
    });
    parts.push(term);
  }
  return space.normalize(sumPolys(parts));
}

/** Outcome of the divergence test. */
export interface DivergenceTest {
  /** True iff every Euler residual is exactly 0. */
  divergence: boolean;
  /** E^Q_u(F) for each dependent u. */
  residuals: Record<string, Poly>;
}

/**
 * Is F·e^Q a total divergence in `coords` (so ∫ F e^Q = 0 for all dependents)?
 * @example
 * // ∫ u' dx = 0: u_x1 is a divergence
 * isDivergence(J, J.jet('u', 'x1'), ['u'], ['x1']).divergence // returns true
 */
export function isDivergence(space: JetSpace, F: Poly, dependents: readonly string[], coords: readonly string[], options: EulerOptions = {}): DivergenceTest {
  const residuals: Record<string, Poly> = {};
  let divergence = true;
  // The Euler operator only sees the part of F that depends on the dependents: a term F₀(x) free of
  // them has E(F₀) = 0 yet ∫F₀ e^Q need not vanish. The test decides only when F₀ = 0.
  const zero: Record<string, Poly> = {};
  for (const u of dependents) for (const v of space.jetVariables(F, u)) zero[v] = Poly.ZERO;
  const free = F.subs(zero);
  if (!free.isZero()) {
    residuals['(free of the dependents)'] = free;
    divergence = false;
  }
  for (const u of dependents) {
    const r = eulerOperator(space, F, u, coords, options);
    residuals[u] = r;
    if (!r.isZero()) divergence = false;
  }
  return { divergence, residuals };
}
