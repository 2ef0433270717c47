/**
 * The constants explorer's computation (`hypocheck constants`): for given ω₀, γ, β the regime
 * of (3.6), the eigenvalues of Q (4.5), μ as printed and as proved (min Re λ(Q); γ/2 − δ in the
 * critical case), C, Ĉ, P (4.4), C₂, C₁, ε/ε₀ and the decay exponents in time t and in steps k.
 *
 * The regime is decided exactly from γ² (rational: from --gamma g it is g², from the ASGD
 * parametrisation it is (1 − κ)/η). Values are doubles for display; where γ is rational,
 * K − 2μP ⪰ 0 (proved μ) and its failure for the printed μ are re-checked exactly.
 *
 * @see (3.6), (3.7), (4.4)–(4.7), thm:3.1:case1–3, thm:3.1:constants
 */
import { Rational, q, rationalSqrt } from './rational.ts';
import { isPsdAt, type Roots } from './matrix.ts';
import { discriminantRoot, lyapunovGap, printedConstants, provedConstants, type CaseConstants } from './lyapunov.ts';

export type Regime = 'case1' | 'case2' | 'case3';

export interface ConstantsInput {
  /** ω₀ > 0, exact. */
  omega0: Rational;
  /** γ² ≥ 0, exact (γ = √γ²). */
  gammaSquared: Rational;
  /** β > 0 (enters C₂ only). */
  beta: number;
  /** Critical case only: our rate γ/2 − δ with C = ω₀² + 2δ², Ĉ = ω₀. @defaultValue ω₀/10 */
  delta?: Rational;
  /** ε₀ for ε = ε₀·(ε/ε₀) and the printed C₁ (which contains ε₀). @defaultValue undefined (not applied) */
  eps0?: number;
  /** Learning rate and staleness for exponents per step: t = k√(η(1 − κ)). @defaultValue undefined */
  steps?: { eta: number; kappa: number };
}

export interface ConstantsReport {
  regime: Regime;
  regimeText: string;
  omega0: number;
  gamma: number;
  beta: number;
  /** Eigenvalues of Q: re ± i·im. */
  eigenvalues: { re: number; im: number }[];
  minReLambda: number;
  muPrinted: number | null;
  muProved: number;
  /** Which constants: printed (cases 1–2) or ours (case 3). */
  constantsSource: string;
  C: number;
  Ch: number;
  P: [[number, number], [number, number]];
  C2: number;
  /** (11 + 11C + 15Ĉ) C₂² max{1, C}/(C − Ĉ²): ε/ε₀ of the proof (= the corrected C₁). */
  epsOverEps0: number;
  /** The printed C₁ = ε₀ · epsOverEps0 (needs ε₀). */
  c1Printed: number | null;
  eps: number | null;
  delta: number | null;
  /** Exponents: ‖h‖² ≲ e^{−(rate)·t}; rate = 2μ (2(μ − ε) with ε₀). */
  timeExponent: { printed: number | null; proved: number; provedWithEps: number | null };
  /** Exponents per step k (t = k√(η(1 − κ))), when η, κ are given. */
  stepExponent: { printed: number | null; proved: number; dt: number } | null;
  /** Exact re-check at this point (when γ is rational). */
  exactCheck: { provedMuHolds: boolean; printedMuFails: boolean | null } | 'skipped (γ irrational)';
}

export { rationalSqrt } from './rational.ts';

/** Regime of (3.6), decided exactly: sign of γ² − 4ω₀². */
export function regimeOf(omega0: Rational, gammaSquared: Rational): Regime {
  const c = gammaSquared.compare(omega0.mul(omega0).mul(q(4)));
  return c < 0 ? 'case1' : c > 0 ? 'case2' : 'case3';
}

/** C₂ = max{1, γ, γ², βγ, βω₀²}/min{1, ω₀²} of Proposition 4.1 (c), exactly. */
export function constantC2(p: { omega0Sq: Rational; gamma: Rational; beta: Rational }): Rational {
  const { omega0Sq, gamma, beta } = p;
  const max = [Rational.ONE, gamma, gamma.mul(gamma), beta.mul(gamma), beta.mul(omega0Sq)].reduce((a, b) => (a.lt(b) ? b : a));
  return max.div(omega0Sq.lt(Rational.ONE) ? omega0Sq : Rational.ONE);
}

/** C₂ of Proposition 4.1 (c) in floating point (display and margins only). */
export function constantC2Number(omega0Sq: number, gamma: number, beta: number): number {
  return Math.max(1, gamma, gamma * gamma, beta * gamma, beta * omega0Sq) / Math.min(1, omega0Sq);
}

/** ε/ε₀ of the proof after (4.7): (11 + 11C + 15Ĉ) C₂² max{1, C}/(C − Ĉ²). */
export function epsOverEps0(C: number, Ch: number, C2: number): number {
  return ((11 + 11 * C + 15 * Ch) * C2 * C2 * Math.max(1, C)) / (C - Ch * Ch);
}

function num(k: CaseConstants, at: Record<string, number>) {
  return { mu: k.mu.evaluateNumber(at), C: k.C.evaluateNumber(at), Ch: k.Ch.evaluateNumber(at) };
}

/**
 * Compute the explorer's report.
 * @example computeConstants({ omega0: q(1), gammaSquared: q(1, 4), beta: 2 }).muProved // returns 0.25
 */
export function computeConstants(input: ConstantsInput): ConstantsReport {
  const { omega0, gammaSquared, beta, eps0, steps } = input;
  if (omega0.sign() <= 0) throw new RangeError(`computeConstants: omega0 must be > 0, got ${omega0}`);
  if (gammaSquared.sign() < 0) throw new RangeError(`computeConstants: gammaSquared must be ≥ 0, got ${gammaSquared}`);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new RangeError(`computeConstants: beta must be > 0, got ${beta}`);
  const delta = input.delta ?? omega0.mul(q(1, 10));
  if (delta.sign() <= 0) throw new RangeError(`computeConstants: delta must be > 0, got ${delta}`);
  const regime = regimeOf(omega0, gammaSquared);
  const w = omega0.toNumber();
  const g2 = gammaSquared.toNumber();
  const g = Math.sqrt(g2);
  const disc = g2 - 4 * w * w;
  const s = Math.sqrt(Math.max(disc, 0));
  const at = { omega0: w, gamma: g, s, delta: delta.toNumber() };
  const eigenvalues =
    regime === 'case2'
      ? [{ re: (g - s) / 2, im: 0 }, { re: (g + s) / 2, im: 0 }]
      : regime === 'case1'
        ? [{ re: g / 2, im: -Math.sqrt(-disc) / 2 }, { re: g / 2, im: Math.sqrt(-disc) / 2 }]
        : [{ re: g / 2, im: 0 }, { re: g / 2, im: 0 }];
  const proved = regime === 'case3' ? num(provedConstants('case3'), at) : num(provedConstants(regime), at);
  // Case 3 prints no single μ (μ = γ − δ for every δ > 0, refuted for δ ≤ γ/2).
  const muP = regime === 'case3' ? null : printedConstants(regime).mu.evaluateNumber(at);
  const { C, Ch } = proved;
  const C2 = constantC2Number(w * w, g, beta);
  const ratio = epsOverEps0(C, Ch, C2);
  const eps = eps0 === undefined ? null : eps0 * ratio;
  const dt = steps ? Math.sqrt(steps.eta * (1 - steps.kappa)) : undefined;
  // Exact check at rational γ.
  const gExact = rationalSqrt(gammaSquared);
  let exactCheck: ConstantsReport['exactCheck'] = 'skipped (γ irrational)';
  if (gExact) {
    const point: Record<string, Rational> = { omega0, gamma: gExact, delta };
    const kc = regime === 'case3' ? provedConstants('case3') : provedConstants(regime);
    const roots: Roots = regime === 'case2' ? discriminantRoot : {};
    const gap = (k: CaseConstants) => lyapunovGap(k.mu, { C: k.C, Ch: k.Ch });
    const provedMuHolds = isPsdAt(gap(kc), point, roots);
    const printedMuFails = regime === 'case3' ? null : !isPsdAt(gap(printedConstants(regime)), point, roots);
    exactCheck = { provedMuHolds, printedMuFails };
  }
  return {
    regime,
    regimeText: regime === 'case1' ? 'γ < 2ω₀ (underdamped, case 1)' : regime === 'case2' ? 'γ > 2ω₀ (overdamped, case 2)' : 'γ = 2ω₀ (critical, case 3)',
    omega0: w,
    gamma: g,
    beta,
    eigenvalues,
    minReLambda: eigenvalues[0].re,
    muPrinted: muP,
    muProved: proved.mu,
    constantsSource: regime === 'case3' ? `ours: C = ω₀² + 2δ², Ĉ = ω₀ (δ = ${delta}; the paper gives none)` : 'printed (3.6)',
    C,
    Ch,
    P: [
      [1, Ch],
      [Ch, C],
    ],
    C2,
    epsOverEps0: ratio,
    c1Printed: eps0 === undefined ? null : eps0 * ratio,
    eps,
    delta: regime === 'case3' ? delta.toNumber() : null,
    timeExponent: { printed: muP === null ? null : 2 * muP, proved: 2 * proved.mu, provedWithEps: eps === null ? null : 2 * (proved.mu - eps) },
    stepExponent: dt === undefined ? null : { printed: muP === null ? null : 2 * muP * dt, proved: 2 * proved.mu * dt, dt },
    exactCheck,
  };
}

/** One row of the `--grid` sweep. */
export interface GridRow {
  ratio: number;
  regime: Regime;
  muPrinted: number | null;
  muProved: number;
  C: number;
  Ch: number;
  C2: number;
  epsOverEps0: number;
}

/**
 * Sweep γ/ω₀ over [from, to] in `points` steps (exact rational ratios; γ/ω₀ = 2 lands on case 3).
 * @example constantsGrid({ omega0: q(1), beta: 1, from: q(1), to: q(3), points: 3 }).map((r) => r.regime) // returns ['case1', 'case3', 'case2']
 */
export function constantsGrid(options: { omega0: Rational; beta: number; from: Rational; to: Rational; points: number; delta?: Rational }): GridRow[] {
  const { omega0, beta, from, to, points, delta } = options;
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`constantsGrid: points must be an integer ≥ 2, got ${points}`);
  if (from.sign() <= 0 || to.compare(from) <= 0) throw new RangeError(`constantsGrid: need 0 < from < to, got ${from}, ${to}`);
  const rows: GridRow[] = [];
  for (let i = 0; i < points; i++) {
    const ratio = from.add(to.sub(from).mul(q(i, points - 1)));
    const gamma = ratio.mul(omega0);
    const r = computeConstants({ omega0, gammaSquared: gamma.mul(gamma), beta, delta });
    rows.push({ ratio: ratio.toNumber(), regime: r.regime, muPrinted: r.muPrinted, muProved: r.muProved, C: r.C, Ch: r.Ch, C2: r.C2, epsOverEps0: r.epsOverEps0 });
  }
  return rows;
}

/** ASGD parametrisation (2.2), (2.4): γ² = (1 − κ)/η, τ = η^{3/4}(1 − κ)^{−1/4}Σ, β = 2γ/(τ²ω₀⁴). */
export function asgdParameters(eta: Rational, kappa: Rational, sigma: number, omega0: Rational): { gammaSquared: Rational; gamma: number; tau: number; beta: number } {
  if (eta.sign() <= 0) throw new RangeError(`asgdParameters: eta must be > 0, got ${eta}`);
  if (kappa.sign() <= 0 || kappa.compare(q(1)) >= 0) throw new RangeError(`asgdParameters: kappa must be in (0, 1), got ${kappa}`);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`asgdParameters: sigma must be > 0, got ${sigma}`);
  if (omega0.sign() <= 0) throw new RangeError(`asgdParameters: omega0 must be > 0, got ${omega0}`);
  const oneMinus = q(1).sub(kappa);
  const gammaSquared = oneMinus.div(eta);
  const gamma = Math.sqrt(gammaSquared.toNumber());
  const tau = (eta.toNumber() ** 0.75 / oneMinus.toNumber() ** 0.25) * sigma;
  const w = omega0.toNumber();
  return { gammaSquared, gamma, tau, beta: (2 * gamma) / (tau * tau * w ** 4) };
}

