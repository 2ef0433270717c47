/**
 * Gaussian weights: expressions P·e^Q with Q a quadratic polynomial in the coordinates.
 * Derivatives keep that form exactly, D_c(P e^Q) = (D_c P + P ∂_c Q) e^Q, so the
 * steady state M = M_x M_v of (3.1) and everything multiplied by it stay polynomial.
 *
 * Also exact moments of centred product Gaussians, for exact witnesses of integral claims.
 */
import { Rational } from './rational.ts';
import { Poly } from './poly.ts';
import { JetSpace, sumPolys } from './jet.ts';
import { expectationWith } from './moments.ts';

/** P·e^Q (the constant normalisation, if any, is kept outside). */
export class Weighted {
  constructor(
    readonly P: Poly,
    readonly Q: Poly,
  ) {}

  /** D_c (P e^Q) = (D_c P + P ∂_c Q) e^Q. */
  D(space: JetSpace, coord: string): Weighted {
    return new Weighted(weightedTotalDerivative(space, this.P, coord, this.Q), this.Q);
  }
  mul(p: Poly): Weighted {
    return new Weighted(this.P.mul(p), this.Q);
  }
  add(o: Weighted): Weighted {
    if (!o.Q.equals(this.Q)) throw new RangeError('Weighted.add: weights differ');
    return new Weighted(this.P.add(o.P), this.Q);
  }
}

/**
 * D^Q_c G := e^{−Q} D_c(G e^Q) = D_c G + (∂_c Q) G, the total derivative conjugated by the
 * weight. Its formal adjoint for the measure e^Q dx is −D_c, and vice versa.
 */
export function weightedTotalDerivative(space: JetSpace, G: Poly, coord: string, Q: Poly): Poly {
  // total derivative of Q: a weight e^{−βV} with a generic V acts through V's jets
  return space.D(G, coord).add(G.mul(space.D(Q, coord)));
}

/**
 * The exponent of M in (3.1): Q = −βω₀²|x|²/2 − β|v|²/2 (normalisation 1/(Z₁Z₂) aside).
 * @see (3.1)
 */
export function steadyStateExponent(xs: readonly string[], vs: readonly string[]): Poly {
  const beta = Poly.variable('beta');
  const w2 = Poly.variable('omega0', 2);
  const half = Rational.of(-1, 2);
  const xx = sumPolys(xs.map((x) => Poly.variable(x, 2)));
  const vv = sumPolys(vs.map((v) => Poly.variable(v, 2)));
  return beta.mul(w2).mul(xx).scale(half).add(beta.mul(vv).scale(half));
}

/**
 * E[p(z)] for independent centred Gaussians z_i with variances `variances[z_i]`
 * (polynomials, e.g. 1/(βω₀²) written as betainv·omega0inv²). Exact.
 * @example gaussianExpectation(pv('x').pow(4), { x: pv('s2') }).toString() // returns "3*s2^2"
 */
export function gaussianExpectation(p: Poly, variances: Readonly<Record<string, Poly>>): Poly {
  return expectationWith(p, (name) => variances[name]);
}

/**
 * Treat M as a jet function with D_c M = (∂_c Q) M: replace every jet M_α by P_α·M where
 * D^α e^Q = P_α e^Q. Lets F + hM (two different weights) live in one polynomial.
 */
export function substituteGaussianJets(space: JetSpace, p: Poly, fn: string, Q: Poly): Poly {
  const f = space.getFunction(fn);
  const map: Record<string, Poly> = {};
  const M = Poly.variable(fn);
  for (const v of space.jetVariables(p, fn)) {
    const j = space.parseJet(v)!;
    let P = Poly.ONE;
    j.counts.forEach((k, i) => {
      for (let r = 0; r < k; r++) P = weightedTotalDerivative(space, P, f.args[i], Q);
    });
    map[v] = P.mul(M);
  }
  return space.normalize(p.subs(map));
}

/** Variances of M_x M_v: x_i ~ N(0, 1/(βω₀²)), v_i ~ N(0, 1/β) (Laurent symbols). */
export function steadyStateVariances(xs: readonly string[], vs: readonly string[]): Record<string, Poly> {
  const out: Record<string, Poly> = {};
  const bi = Poly.variable('betainv');
  for (const x of xs) out[x] = bi.mul(Poly.variable('omega0inv', 2));
  for (const v of vs) out[v] = bi;
  return out;
}
