/**
 * The paper's differential operators on jet variables, in d = 1, 2, 3, ….
 *
 * Phase space (x, v) ∈ ℝ^{2d} with time t; parameters γ, β, ω₀ (symbols `gamma`, `beta`,
 * `omega0`) and their inverses `gammainv`, `betainv`, `omega0inv` (Laurent-reduced). The
 * perturbation ε(θ) of ∇f(θ) = ω₀²θ + ε(θ) is a generic vector field composed with
 * θ = −(v + γx)/ω₀², so ∂_{x_j} ε_i = −(γ/ω₀²) ε_{i,j} and ∂_{v_j} ε_i = −(1/ω₀²) ε_{i,j}.
 *
 * Each operator acting on a polynomial p may be conjugated by a Gaussian weight: with
 * `weight` Q it returns e^{−Q} Op(p e^Q), i.e. every D_c is replaced by D^Q_c.
 */
import { Poly, pv } from './poly.ts';
import { JetSpace, coords, sumPolys } from './jet.ts';
import { steadyStateExponent, weightedTotalDerivative } from './gaussian.ts';

/** Parameter/inverse pairs reduced by every phase space. */
export const PARAMETER_INVERSES: ReadonlyArray<readonly [string, string]> = [
  ['beta', 'betainv'],
  ['omega0', 'omega0inv'],
  ['gamma', 'gammainv'],
  ['tau', 'tauinv'],
];

/** Options of a phase space. */
export interface PhaseSpaceOptions {
  /** Generic functions of (t, x, v) to register (e.g. ['g', 'h']). @defaultValue [] */
  timeFunctions?: readonly string[];
  /** Generic functions of (x, v) only (e.g. the steady state F). @defaultValue [] */
  staticFunctions?: readonly string[];
  /** Register ε_1…ε_d as generic functions of θ = −(v + γx)/ω₀². @defaultValue true */
  perturbation?: boolean;
}

/** The (t, x, v) jet space of Sections 3–4 with the steady-state exponent Q = log(Z₁Z₂M). */
export interface PhaseSpace {
  readonly d: number;
  readonly space: JetSpace;
  readonly xs: readonly string[];
  readonly vs: readonly string[];
  readonly ths: readonly string[];
  /** Q = −βω₀²|x|²/2 − β|v|²/2 of (3.1). */
  readonly Q: Poly;
  /** Names of ε_1…ε_d (empty without perturbation). */
  readonly eps: readonly string[];
}

export const gamma = pv('gamma');
export const beta = pv('beta');
export const betainv = pv('betainv');
export const omega0 = pv('omega0');
export const omega0inv = pv('omega0inv');
export const tau = pv('tau');

/**
 * Build the phase space in dimension d.
 * @example phaseSpace(1, { timeFunctions: ['h'] }).space.jet('h', 'x1').toString() // returns "h_x1"
 */
export function phaseSpace(d: number, options: PhaseSpaceOptions = {}): PhaseSpace {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`phaseSpace: d must be a positive integer, got ${d}`);
  const { timeFunctions = [], staticFunctions = [], perturbation = true } = options;
  const xs = coords('x', d);
  const vs = coords('v', d);
  const ths = coords('th', d);
  const space = new JetSpace(['t', ...xs, ...vs], { inverses: PARAMETER_INVERSES });
  for (const f of timeFunctions) space.addFunction(f, ['t', ...xs, ...vs]);
  for (const f of staticFunctions) space.addFunction(f, [...xs, ...vs]);
  const eps: string[] = [];
  if (perturbation) {
    // θ = −(v + γx)/ω₀², the point where ε is evaluated in (2.4)
    const argMap: Record<string, Poly> = {};
    ths.forEach((th, k) => {
      argMap[th] = omega0inv.pow(2).mul(pv(vs[k]).add(gamma.mul(pv(xs[k])))).neg();
    });
    for (let i = 1; i <= d; i++) {
      space.addComposite(`eps${i}`, argMap);
      eps.push(`eps${i}`);
    }
  }
  return { d, space, xs, vs, ths, Q: steadyStateExponent(xs, vs), eps };
}

/** A total derivative, optionally conjugated by e^Q. */
export function derivative(space: JetSpace, weight?: Poly): (p: Poly, c: string) => Poly {
  return weight ? (p, c) => weightedTotalDerivative(space, p, c, weight) : (p, c) => space.D(p, c);
}

/** Options shared by the operators. */
export interface OperatorOptions {
  /** Conjugate by e^Q: return e^{−Q} Op(p e^Q). @defaultValue undefined (no weight) */
  weight?: Poly;
}

/**
 * Transport operator T = v·∇x − ω₀² x·∇v of (3.3).
 * @see (3.3)
 */
export function transportOperator(ps: PhaseSpace, p: Poly, options: OperatorOptions = {}): Poly {
  const D = derivative(ps.space, options.weight);
  const w2 = omega0.pow(2);
  return sumPolys(ps.xs.map((x, i) => pv(ps.vs[i]).mul(D(p, x)).sub(w2.mul(pv(x)).mul(D(p, ps.vs[i])))));
}

/**
 * Linearised Fokker–Planck operator L = (γ/β)(1/M)∇v·(M∇v) of (3.3), computed literally
 * as (γ/β) Σ_i D^{Q}_{v_i} D_{v_i} (so that (1/M)∂_v(M ·) is the weighted derivative).
 * @see (3.3)
 */
export function linearizedFokkerPlanck(ps: PhaseSpace, p: Poly, options: OperatorOptions = {}): Poly {
  const D = derivative(ps.space, options.weight);
  const Q = options.weight ? options.weight.add(ps.Q) : ps.Q;
  const DM = derivative(ps.space, Q);
  return ps.space.normalize(gamma.mul(betainv).mul(sumPolys(ps.vs.map((v) => DM(D(p, v), v)))));
}

/**
 * Perturbation operator Rh = ε·(∇x h − γ∇v h) − β ε·(ω₀² x − γ v) h of (3.3).
 * @see (3.3)
 */
export function perturbationR(ps: PhaseSpace, p: Poly, options: OperatorOptions = {}): Poly {
  if (ps.eps.length === 0) return Poly.ZERO;
  const D = derivative(ps.space, options.weight);
  const w2 = omega0.pow(2);
  return sumPolys(
    ps.eps.map((e, i) => {
      const ei = pv(e);
      const x = ps.xs[i];
      const v = ps.vs[i];
      const transport = ei.mul(D(p, x).sub(gamma.mul(D(p, v))));
      const potential = beta.mul(ei).mul(w2.mul(pv(x)).sub(gamma.mul(pv(v)))).mul(p);
      return transport.sub(potential);
    }),
  );
}

/**
 * Residual of (2.4) as printed, LHS − RHS:
 * ∂t g + v·∇x g − ω₀² x·∇v g − γ∇v·(v g + (1/β)∇v g) − ε(−(v+γx)/ω₀²)·(∇x g − γ∇v g).
 * @see (2.4)
 */
export function densityOperator24(ps: PhaseSpace, p: Poly, options: OperatorOptions & { timeDerivative?: boolean } = {}): Poly {
  const { timeDerivative = true } = options;
  const D = derivative(ps.space, options.weight);
  const lhs = (timeDerivative ? D(p, 't') : Poly.ZERO).add(transportOperator(ps, p, options));
  const fp = gamma.mul(sumPolys(ps.vs.map((v) => D(pv(v).mul(p).add(betainv.mul(D(p, v))), v))));
  const eps = sumPolys(ps.eps.map((e, i) => pv(e).mul(D(p, ps.xs[i]).sub(gamma.mul(D(p, ps.vs[i]))))));
  return ps.space.normalize(lhs.sub(fp).sub(eps));
}
