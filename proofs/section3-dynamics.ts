/**
 * # Section 3 — is the rate sharp? Spectral gap, simulations and Figure 3.1 (issue 6)
 *
 * ## Main claims
 * - `thm:3.1:sharp`: the rate e^{−2μt} of Theorem 3.1 with μ of (3.6) is the sharp decay of
 *   ‖h(t)‖²_* (ε = 0) — decided on the exact spectrum of −T + L on Hermite polynomials.
 * - `fig:3.1`, `fig:3.1:a`, `fig:3.1:b`, `fig:3.1:c`: Figure 3.1 reproduced (ASGD on
 *   f = θ², 1000 runs, θ₀ = 1) with fitted rates and confidence intervals.
 * - `thm:3.1:perturbed`: ε ≠ 0, two methods: particles (γ = 5) and the Galerkin spectrum of
 *   −T + L + R (γ = 5 and γ = 2); the verdict is stronger only where they agree.
 * - `rem:3.1:simulation`, `rem:3.2:simulation`: the rates of (3.7) and Remark 3.2 against
 *   the simulations and the exact recurrence of the ASGD mean.
 *
 * Measured quantity: the mean m_k = E θ_k over runs. Its decay rate is that of the
 * degree-one Hermite component of h (the coefficients of h on x, v are the means), so the
 * paper's ‖h‖²_* ∝ e^{−2μt} predicts m_k ∝ e^{−μt}, μt as in (3.7).
 *
 * ## References
 * [arnold_erb_2014] (OU-type spectra, Lemma 4.3); [an_lu_ying_2020] (SME of ASGD).
 */
import { combineVerdicts, type CheckContext, type Verdict, type CheckResult, type Claim, type DerivationStep, type PlotSpec } from '../src/claims.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { checkClosedFormBlock, printedRateNormSq, ratesFloat, sharpnessCertificate, spectralGapFloat, type Regime } from '../numeric/spectral.ts';
import { evolveNormSq } from '../numeric/evolve.ts';
import { discreteThreshold, meanRecurrenceFacts, meanTrajectory, simulateAsgd, type PathStats } from '../numeric/asgd.ts';
import { simulateSme, simulateSmeSplitting, smeParameters } from '../numeric/sde.ts';
import { geometricRate, jackknife, logLinearRate, pronyRate, signalWindow, type RateEstimate } from '../numeric/stats.ts';
import { PhiloxRng } from '../numeric/rng.ts';
import { perturbedGap, type Perturbation } from '../numeric/perturbed-operator.ts';

/** ω₀² of Figure 3.1's loss: f = θ², ∇f = 2θ. */
export const FIG_OMEGA0_SQ = 2;

// ───────────────────────────── thm:3.1:sharp ─────────────────────────────

interface RegimeCase {
  label: string;
  omega0Sq: Rational;
  gamma: Rational;
}

const SHARP_CASES: RegimeCase[] = [
  { label: 'γ < 2ω₀ (ω₀² = 4, γ = 2)', omega0Sq: q(4), gamma: q(2) },
  { label: 'γ = 2ω₀ (ω₀² = 4, γ = 4)', omega0Sq: q(4), gamma: q(4) },
  { label: 'γ > 2ω₀ (ω₀² = 4, γ = 5)', omega0Sq: q(4), gamma: q(5) },
  { label: 'γ > 2ω₀, irrational √ (ω₀² = 1, γ = 3)', omega0Sq: q(1), gamma: q(3) },
];

/** 2μ of a statement under test, per (ω₀², γ, δ); undefined when irrational. */
export type Rate2MuFn = (omega0Sq: Rational, gamma: Rational, delta: Rational) => Rational | undefined;

/** The check of `thm:3.1:sharp` for a given 2μ (the printed one, or a planted variant in tests). */
export function makeSharpCheck(rate2mu: Rate2MuFn, rate2muFloat: (omega0Sq: number, gamma: number) => number): (ctx: CheckContext) => CheckResult {
  return (ctx) => sharpCheck(ctx, rate2mu, rate2muFloat);
}

function sharpCheck(ctx: CheckContext, rate2mu: Rate2MuFn, rate2muFloat: (omega0Sq: number, gamma: number) => number): CheckResult {
  const maxD1 = ctx.effort >= 0.5 ? 6 : 3;
  const maxD2 = ctx.effort >= 0.5 ? 4 : 2;
  const perRegime: Record<string, unknown>[] = [];
  let closedFormOk = true;
  let refutedBy: RegimeCase | undefined;
  const decaySeries: PlotSpec['series'] = [];
  for (const [ci, c] of SHARP_CASES.entries()) {
    ctx.progress(`thm:3.1:sharp: ${c.label}`);
    const blocks: { d: number; n: number; size: number; equal: boolean }[] = [];
    for (const [d, N] of [[1, maxD1], [2, maxD2]] as const) {
      for (let n = 1; n <= N; n++) {
        const r = checkClosedFormBlock({ omega0Sq: c.omega0Sq, gamma: c.gamma, d }, n);
        blocks.push({ d, n, size: r.size, equal: r.equal });
        closedFormOk &&= r.equal;
      }
    }
    const gapsInN = [1, 2].flatMap((d) => Array.from({ length: d === 1 ? maxD1 : maxD2 }, (_, k) => {
      const g = spectralGapFloat({ omega0Sq: c.omega0Sq, gamma: c.gamma, d }, k + 1);
      return { d, N: k + 1, size: g.size, rate: Number(g.rateNormSq.toPrecision(10)) };
    }));
    const cert = sharpnessCertificate(c.omega0Sq, c.gamma);
    const regime: Regime = cert.regime;
    const delta = regime === 'critical' ? c.gamma.div(q(4)) : Rational.ZERO;
    const printed = rate2mu(c.omega0Sq, c.gamma, delta);
    const fl = ratesFloat(c.omega0Sq.toNumber(), c.gamma.toNumber());
    const ev = evolveNormSq({ omega0Sq: c.omega0Sq.toNumber(), gamma: c.gamma.toNumber(), dt: 0.05, steps: 200, maxDegree: 8, sx: 0.5 });
    const win = Array.from({ length: 101 }, (_, k) => k + 100);
    const evFit = logLinearRate(win.map((k) => ev.t[k]), win.map((k) => ev.normSq[k]));
    if (ci < 3) {
      // ‖h(t)‖²_* of the evolved shifted Gaussian against e^{−2μt}, both normalised at t = 0
      const colour = ['#1f77b4', '#d62728', '#2ca02c'][ci];
      const pts = (f: (k: number) => number): [number, number][] => Array.from({ length: 41 }, (_, j) => j * 5).map((k) => [Number(ev.t[k].toFixed(3)), Number(f(k).toPrecision(5))]);
      const p2mu = rate2muFloat(c.omega0Sq.toNumber(), c.gamma.toNumber());
      decaySeries.push({ name: `‖h(t)‖²_*, ${c.label}`, points: pts((k) => ev.normSq[k] / ev.normSq[0]), color: colour });
      decaySeries.push({ name: `printed e^{−2μt}, 2μ = ${Number(p2mu.toPrecision(4))}`, points: pts((k) => Math.exp(-p2mu * ev.t[k])), color: colour, dashed: true });
    }
    const exactGap = printed && cert.valid && cert.rho ? printed.sub(cert.rho) : undefined;
    if (exactGap && exactGap.sign() > 0 && !refutedBy) refutedBy = c;
    perRegime.push({
      case: c.label,
      regime,
      printedMu: regime === 'underdamped' ? 'γ' : regime === 'critical' ? `γ − δ (δ = ${delta})` : 'γ − √(γ²−4ω₀²)',
      printed2mu: printed?.toString() ?? rate2muFloat(c.omega0Sq.toNumber(), c.gamma.toNumber()),
      spectralRateNormSq: cert.rho?.toString() ?? fl.spectral,
      ratio: rate2muFloat(c.omega0Sq.toNumber(), c.gamma.toNumber()) / fl.spectral,
      exactExcess2muMinusRate: exactGap?.toString() ?? '2μ − ρ = γ − √(γ²−4ω₀²) > 0 since γ² − (γ² − 4ω₀²) = 4ω₀² > 0',
      certificate: { kind: cert.kind, valid: cert.valid, checks: cert.checks, eigenvalue: cert.eigenvalue?.toString(), eigenvector: cert.eigenvector?.map(String), form: cert.form?.map((r) => r.map(String)), lowerConstant: cert.lowerConstant?.toString() },
      closedFormBlocks: blocks,
      gapConvergenceInN: gapsInN,
      evolvedShiftedGaussian: { window: 't ∈ [5, 10]', fittedRate: Number(evFit.rate.toPrecision(6)), se: Number(evFit.se.toPrecision(3)), truncatedMass: ev.truncatedMass },
    });
  }
  const evidence = {
    operator: 'A = −T + L on f_{ij} = ω₀^{−i}He_i(√βω₀x)He_j(√βv): A f_{ij} = −i f_{i−1,j+1} + ω₀² j f_{i+1,j−1} − γ j f_{ij} (exact rationals)',
    closedForm: 'spectrum on degree n = {n₁λ₁ + n₂λ₂ : n₁+n₂ = n}, λ₁,₂ roots of λ² + γλ + ω₀² (eigenvalues of −Q, (4.5)); char. polynomials equal exactly',
    closedFormAllBlocksEqual: closedFormOk,
    degreesChecked: { d1: maxD1, d2: maxD2 },
    epsilonZeroAdmissible: 'ε ≡ 0 satisfies Assumption 3.1 for every ε₀ > 0, so ε = ε₀C₁ can be made as small as wanted',
    regimes: perRegime,
    decayPlot: {
      kind: 'line-plot',
      title: 'thm:3.1:sharp — ‖h(t)‖²_* (ε = 0, evolved on the Hermite basis) vs the printed e^{−2μt}',
      xLabel: 't',
      yLabel: '‖h(t)‖²_* / ‖h(0)‖²_*',
      logY: true,
      series: decaySeries,
      width: 760,
      height: 420,
    } satisfies PlotSpec,
  };
  if (!closedFormOk) return { verdict: 'inconclusive', method: 'spectral', summary: 'closed form of the spectrum did not match on some block (see evidence)', evidence };
  if (!refutedBy) {
    return {
      verdict: 'supported',
      method: 'spectral',
      summary: 'no regime where 2μ exceeds the exact rate of ‖h‖²_*; upper bound on degrees ≤ N only',
      evidence,
    };
  }
  const w = refutedBy;
  const cert = sharpnessCertificate(w.omega0Sq, w.gamma);
  return {
    verdict: 'refuted',
    method: 'spectral',
    summary: 'printed 2μ is twice the exact rate of ‖h‖²_* in all 3 regimes (e.g. ω₀²=4, γ=5: ‖h(t)‖²=5e^{−2t}, printed e^{−4t})',
    evidence,
    witness: {
      omega0Sq: w.omega0Sq.toString(),
      gamma: w.gamma.toString(),
      epsilon: '0',
      certificate: cert.kind,
      h0: cert.kind === 'eigenvector' ? `${cert.eigenvector![0]}·f₁₀ + (${cert.eigenvector![1]})·f₀₁` : 'f₁₀ = √β x',
      rate: `‖h(t)‖²_* ≥ ${cert.lowerConstant}·e^{−${cert.rho}t}`,
      printed2mu: rate2mu(w.omega0Sq, w.gamma, w.gamma.div(q(4)))?.toString(),
      example: 'ω₀² = 4, γ = 5: h0 = 4f₁₀ − f₀₁ = √β(4x − v), (−T + L)h0 = −h0, ‖h(t)‖²_* = 5e^{−2t} vs printed e^{−4t}',
      violation: 'k·e^{−ρt} ≤ K·H(0)e^{−2(μ−ε)t} fails as t → ∞ for every K when ε < μ − ρ/2',
    },
    corrected: {
      statement: 'For ε = 0 the sharp rate is μ = min Re λ(Q) of (4.6), half of (3.6): μ = γ/2 (γ < 2ω₀), μ = (γ − √(γ²−4ω₀²))/2 (γ > 2ω₀), μ = γ/2 − δ (γ = 2ω₀, e^{−γt} up to a factor t²); ‖h(t)‖²_* decays exactly like e^{−2μt}',
      verdict: 'supported',
      method: 'spectral',
      evidence: {
        lowerBound: 'exact: degree-one eigenvector / conserved-form certificates give ‖h(t)‖²_* ≥ k·e^{−2μt} (rational k) at the rational cases',
        upperBound: `exact char. polynomials: every Hermite block of degree n ≤ ${maxD1} (d = 1) and ≤ ${maxD2} (d = 2) has spectrum with Re = −μ·n at most; all degrees rest on [arnold_erb_2014], not re-proved here`,
      },
    },
  };
}

function sharpDerivation(): DerivationStep[] {
  return [
    { title: 'Hermite action (scaling X = √βω₀x, V = √βv; He′ₙ = nHeₙ₋₁, XHeₙ = Heₙ₊₁ + nHeₙ₋₁)', text: '−T = ω₀(X∂_V − V∂_X), L = γ(∂²_V − V∂_V); on f_{ij} = ω₀^{−i}He_i(X)He_j(V): A f_{ij} = −i f_{i−1,j+1} + ω₀² j f_{i+1,j−1} − γ j f_{ij}' },
    { title: 'Degree is preserved; blocks are orthogonal in L²(M)', text: 'A maps span{f_{ij}: i + j = n} into itself; Hermite products of different degree are orthogonal under M (3.1), so ‖h‖²_* = Σₙ‖Pₙh‖²_*' },
    { title: 'Degree one', text: 'B = [[0, ω₀²], [−1, −γ]] on (f₁₀, f₀₁), det(λ − B) = λ² + γλ + ω₀²: the eigenvalues of −Q, Q of (4.5)' },
    { title: 'Degree n (OU theory; checked exactly for small n)', text: 'det(λ − Aₙ) = Π_{n₁+n₂=n} (λ − n₁λ₁ − n₂λ₂)^{C(n₁+d−1,d−1)C(n₂+d−1,d−1)}' },
    { title: 'Slowest mode', text: 'min over n ≥ 1 of −Re(n₁λ₁ + n₂λ₂) = −Re λ₁ = min Re λ(Q) = μ of (4.6); ‖P₁h(t)‖²_* ~ e^{−2μt}' },
    { title: 'Comparison with (3.6)', text: '(3.6) prints μ = γ (resp. γ − √(γ²−4ω₀²)), i.e. 2·min Re λ(Q): the claimed rate of ‖h‖²_* is twice the true one in every regime' },
  ];
}

// ───────────────────────────── thm:3.1:perturbed ─────────────────────────────

/**
 * Setting of `thm:3.1:perturbed`: the overdamped case of `thm:3.1:sharp` (ω₀² = 4, γ = 5:
 * λ(Q) = {1, 4}, printed 2μ = 4, 2·min Re λ(Q) = 2), τ = 1/2 (β = 5/2), paths scaled by effort.
 */
const PERTURBED = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.02, steps: 250, paths: 20000, shift: 2, fitStart: 1, snr: 10, stream: 400, groups: 20 };

/** An odd perturbation family a·φ(θ): the stationary law is symmetric, so E_∞Θ = E_∞Y = 0 exactly. */
interface PerturbationFamily {
  key: string;
  label: string;
  eps: (a: number) => (theta: number) => number;
  /** ε′(0)/a, the first-order shift of ω₀². */
  slope0: number;
  amplitudes: number[];
}

const PERTURBATION_FAMILIES: PerturbationFamily[] = [
  { key: 'tanh', label: 'a·tanh(θ)', eps: (a) => (th) => a * Math.tanh(th), slope0: 1, amplitudes: [0.4, 0.2, 0.1, 0.05] },
  { key: 'sin-gauss', label: 'a·sin(2θ)e^{−θ²/2}', eps: (a) => (th) => a * Math.sin(2 * th) * Math.exp(-0.5 * th * th), slope0: 2, amplitudes: [0.4, 0.2, 0.1, 0.05] },
];

/** One measured decay: ‖h‖²-rate ρ = 2r from the mean rate r of ℓ·(Θ, Y), with a jackknife error. */
export interface PerturbedRun {
  family: string;
  a: number;
  seed: number;
  /** ρ = 2r and its jackknife error (over path groups). */
  rate: RateEstimate;
  /** ρ without group g, for joint jackknives (extrapolation). */
  leaveOut: number[];
  window: [number, number];
  t: Float64Array;
  mean: Float64Array;
}

export interface PerturbedData {
  paths: number;
  runs: PerturbedRun[];
  ms: number;
}

/** ℓ and the shift: left and right eigenvectors of B = [[0, 1], [−ω₀², −γ]] for the slow root −λ_s, so at ε = 0 E[ℓ·(Θ, Y)](t) = ℓ·shift·e^{−λ_s t} exactly. */
function slowMode(omega0Sq: number, gamma: number): { lambda: number; ell: [number, number]; right: [number, number] } {
  const lambda = (gamma - Math.sqrt(Math.max(0, gamma * gamma - 4 * omega0Sq))) / 2;
  return { lambda, ell: [omega0Sq / lambda, 1], right: [1, -lambda] };
}

function measurePerturbed(family: string, a: number, eps: ((theta: number) => number) | undefined, seed: number, paths: number): PerturbedRun {
  const P = PERTURBED;
  const m = slowMode(P.omega0Sq, P.gamma);
  const stats = simulateSmeSplitting({
    omega0Sq: P.omega0Sq, gamma: P.gamma, tau: P.tau, dt: P.dt, steps: P.steps, paths,
    shift: [P.shift * m.right[0], P.shift * m.right[1]], observable: m.ell, perturbation: eps, groups: P.groups,
    rng: new PhiloxRng(seed, P.stream),
  });
  const start = Math.round(P.fitStart / P.dt);
  const end = Math.max(start + 10, signalWindow(stats.mean, stats.stderr, start, P.snr));
  const fit = (mean: ArrayLike<number>) => 2 * logLinearRate(stats.t.subarray(start, end), Array.prototype.slice.call(mean, start, end)).rate;
  const full = fit(stats.mean);
  const total = new Float64Array(stats.mean.length);
  for (const g of stats.groupSums) for (let k = 0; k < total.length; k++) total[k] += g[k];
  const leaveOut = stats.groupSums.map((g, gi) => {
    const n = paths - stats.groupSizes[gi];
    return fit(total.map((s, k) => (s - g[k]) / n));
  });
  return { family, a, seed, rate: jackknife(full, leaveOut), leaveOut, window: [stats.t[start], stats.t[end - 1]], t: stats.t, mean: stats.mean };
}

const perturbedCache = new Map<string, PerturbedData>();

/**
 * All simulations of `thm:3.1:perturbed` (cached per seed and effort): every family and
 * amplitude plus a = 0 at `seed` (common random numbers), and a = 0 and the smallest a of
 * each family again at seed + 1 (the reproduction DESIGN.md asks of a simulation refutation).
 */
export function perturbedData(seed: number, effort: number, progress: (message: string) => void = () => {}): PerturbedData {
  if (!(effort > 0)) throw new RangeError(`perturbedData: effort must be > 0, got ${effort}`);
  const key = `${seed}:${effort}`;
  const hit = perturbedCache.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const paths = Math.max(1000, Math.round(PERTURBED.paths * Math.min(effort, 1)));
  const runs: PerturbedRun[] = [];
  for (const s of [seed, seed + 1]) {
    progress(`thm:3.1:perturbed: seed ${s}, ε = 0`);
    runs.push(measurePerturbed('none', 0, undefined, s, paths));
    for (const f of PERTURBATION_FAMILIES) {
      const amps = s === seed ? f.amplitudes : [Math.min(...f.amplitudes)];
      for (const a of amps) {
        progress(`thm:3.1:perturbed: seed ${s}, ε = ${f.label}, a = ${a}`);
        runs.push(measurePerturbed(f.key, a, f.eps(a), s, paths));
      }
    }
  }
  const data = { paths, runs, ms: Math.round(performance.now() - t0) };
  perturbedCache.set(key, data);
  return data;
}

/** OLS intercept of ρ on a. */
function interceptAt0(as: readonly number[], rhos: readonly number[]): number {
  const n = as.length;
  const ma = as.reduce((s, x) => s + x, 0) / n, mr = rhos.reduce((s, x) => s + x, 0) / n;
  let saa = 0, sar = 0;
  for (let k = 0; k < n; k++) { saa += (as[k] - ma) ** 2; sar += (as[k] - ma) * (rhos[k] - mr); }
  return mr - (sar / saa) * ma;
}

/** Rate of ‖h(t)‖²_* under test at (ω₀², γ): 2μ as printed, or a corrected or planted variant. */
export type NormSqRateFn = (omega0Sq: number, gamma: number) => number;

/** Allowed model error of the linear extrapolation a → 0, relative to the rate (the a² term). */
const EXTRAPOLATION_TOL = 0.02;
/** z beyond which a simulated rate refutes (DESIGN.md: > 6 standard errors, another seed). */
const REFUTE_Z = 6;

/** The check of `thm:3.1:perturbed` for a given rate of ‖h‖²_* (printed 2μ, or a variant in tests). */
export function makePerturbedCheck(rate2: NormSqRateFn): (ctx: CheckContext) => CheckResult {
  return (ctx) => perturbedCheck(ctx, rate2);
}

// ── second method: Galerkin spectrum of −T + L + R (numeric/perturbed-operator.ts) ──

/** Regimes of the Galerkin evidence; τ = 1/2 as for the particles, β = 2γ/(τ²ω₀⁴). */
const GALERKIN_REGIMES = [
  { key: 'overdamped', label: 'γ > 2ω₀ (ω₀² = 4, γ = 5)', omega0Sq: 4, gamma: 5 },
  { key: 'underdamped', label: 'γ < 2ω₀ (ω₀² = 4, γ = 2)', omega0Sq: 4, gamma: 2 },
] as const;

/** The particle families (quadrature entries) and a·θ³ (exact rational entries). */
const GALERKIN_FAMILIES: { key: string; label: string; perturbation: (a: number) => Perturbation; amplitudes: number[] }[] = [
  ...PERTURBATION_FAMILIES.map((f) => ({ key: f.key, label: f.label, perturbation: (a: number): Perturbation => ({ kind: 'function', eps: f.eps(a) }), amplitudes: f.amplitudes })),
  { key: 'cube', label: 'a·θ³', perturbation: (a: number): Perturbation => ({ kind: 'odd-polynomial', coefficients: [q(0), q(0), q(0), q(Math.round(a * 1000), 1000)] }), amplitudes: [0.4, 0.2, 0.1, 0.05] },
];

/** Relative gap |rate − ρ_G|/rate beyond which a converged Galerkin rate counts as a clear margin. */
const GALERKIN_MARGIN = 0.1;
/** Relative change between the two largest N below which a Galerkin rate counts as converged. */
const GALERKIN_CONVERGED = 1e-6;
/** Particles and Galerkin agree when |ρ_particle − ρ_G| ≤ 4 se + this·ρ_G (window-fit and splitting bias). */
const METHODS_TOL = 0.03;

export interface GalerkinRow {
  family: string;
  a: number;
  byN: { N: number; size: number; rate: number }[];
  rate: number;
  slowest: { re: number; im: number };
  converged: boolean;
}

export interface GalerkinRegimeData {
  key: string;
  label: string;
  omega0Sq: number;
  gamma: number;
  beta: number;
  rows: GalerkinRow[];
  /** ε = 0 at the largest N: equals 2·min Re λ(Q) (closed form). */
  rateAtZero: number;
}

const galerkinCache = new Map<number, { Ns: number[]; regimes: GalerkinRegimeData[]; ms: number }>();

/** Galerkin rates of ‖h‖²_* per regime, family, amplitude and truncation N (cached per effort). */
export function galerkinData(effort: number): { Ns: number[]; regimes: GalerkinRegimeData[]; ms: number } {
  if (!(effort > 0)) throw new RangeError(`galerkinData: effort must be > 0, got ${effort}`);
  const Ns = effort >= 0.5 ? [8, 12, 16] : [6, 8];
  const key = Ns[Ns.length - 1];
  const hit = galerkinCache.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const regimes = GALERKIN_REGIMES.map((R) => {
    const model = { omega0Sq: R.omega0Sq, gamma: R.gamma, beta: (2 * R.gamma) / (PERTURBED.tau ** 2 * R.omega0Sq ** 2) };
    const rows: GalerkinRow[] = GALERKIN_FAMILIES.flatMap((f) => f.amplitudes.map((a) => {
      const gaps = Ns.map((N) => perturbedGap(model, f.perturbation(a), N));
      const last = gaps[gaps.length - 1], prev = gaps[gaps.length - 2];
      return {
        family: f.key, a,
        byN: gaps.map((g) => ({ N: g.N, size: g.size, rate: Number(g.rateNormSq.toPrecision(10)) })),
        rate: last.rateNormSq,
        slowest: { re: Number(last.slowest.re.toPrecision(8)), im: Number(last.slowest.im.toPrecision(8)) },
        converged: Math.abs(last.rateNormSq - prev.rateNormSq) <= GALERKIN_CONVERGED * last.rateNormSq,
      };
    }));
    return { key: R.key, label: R.label, ...model, rows, rateAtZero: perturbedGap(model, undefined, Ns[Ns.length - 1]).rateNormSq };
  });
  const out = { Ns, regimes, ms: Math.round(performance.now() - t0) };
  galerkinCache.set(key, out);
  return out;
}

/** What the Galerkin rates say of a rate under test at the smallest amplitudes (floats, truncated: never a proof). */
export type GalerkinReading = 'refutes' | 'supports' | 'undecided';

export function readGalerkin(rows: readonly GalerkinRow[], target: number): GalerkinReading {
  const smallest = rows.filter((r) => r.a === Math.min(...rows.filter((x) => x.family === r.family).map((x) => x.a)));
  if (smallest.length === 0 || !smallest.every((r) => r.converged)) return 'undecided';
  if (smallest.every((r) => target - r.rate > GALERKIN_MARGIN * target)) return 'refutes';
  if (smallest.every((r) => Math.abs(target - r.rate) <= GALERKIN_MARGIN * target)) return 'supports';
  return 'undecided';
}

/**
 * The verdict from both methods: stronger than `inconclusive` only when they agree (same
 * reading and consistent rates); a disagreement gives `inconclusive`.
 */
export function combinePerturbedMethods(particle: Verdict, galerkin: GalerkinReading, consistent: boolean): Verdict {
  if (particle === 'error') return 'error';
  if (!consistent) return 'inconclusive';
  if (particle === 'refuted') return galerkin === 'refutes' ? 'refuted' : 'inconclusive';
  if (particle === 'supported') return galerkin === 'supports' ? 'supported' : 'inconclusive';
  return 'inconclusive';
}

function perturbedCheck(ctx: CheckContext, rate2: NormSqRateFn): CheckResult {
  const particle = particlePerturbedCheck(ctx, rate2);
  const P = PERTURBED;
  ctx.progress('thm:3.1:perturbed: Galerkin spectra of −T + L + R');
  const gal = galerkinData(ctx.effort);
  const data = perturbedData(ctx.seed, ctx.effort, ctx.progress);
  const over = gal.regimes.find((r) => r.key === 'overdamped')!;
  // particles vs Galerkin, amplitude by amplitude (seed ctx.seed), overdamped case
  const comparisons = data.runs.filter((r) => r.seed === ctx.seed).map((r) => {
    const g = r.family === 'none' ? over.rateAtZero : over.rows.find((x) => x.family === r.family && x.a === r.a)!.rate;
    const diff = r.rate.rate - g;
    return { family: r.family, a: r.a, particle: Number(r.rate.rate.toPrecision(5)), se: Number(r.rate.se.toPrecision(2)), galerkin: Number(g.toPrecision(6)), zDiff: Number((diff / r.rate.se).toFixed(1)), agree: Math.abs(diff) <= 4 * r.rate.se + METHODS_TOL * g };
  });
  const consistent = comparisons.every((c) => c.agree);
  const readings = gal.regimes.map((R) => {
    const target = rate2(R.omega0Sq, R.gamma);
    const { printed2mu, spectral } = ratesFloat(R.omega0Sq, R.gamma);
    const reading = readGalerkin(R.rows, target);
    return {
      R, target, reading, correctedReading: readGalerkin(R.rows, spectral),
      evidence: {
        regime: R.label, beta: R.beta, rateUnderTest: target, printed2mu, corrected2mu: spectral,
        rateAtZero: Number(R.rateAtZero.toPrecision(10)),
        reading,
        rows: R.rows.map((r) => ({ ...r, rate: Number(r.rate.toPrecision(8)) })),
      },
    };
  });
  const overReading = readings.find((x) => x.R.key === 'overdamped')!;
  const under = readings.find((x) => x.R.key === 'underdamped')!;
  const verdict = combinePerturbedMethods(particle.verdict, overReading.reading, consistent);
  const minRate = (x: typeof under) => Math.min(...x.R.rows.filter((r) => r.a === 0.05).map((r) => r.rate));
  const maxRate = (x: typeof under) => Math.max(...x.R.rows.filter((r) => r.a === 0.05).map((r) => r.rate));
  const galSummary = readings.map((x) => `γ=${x.R.gamma} Galerkin ρ(a=0.05) ${minRate(x).toFixed(3)}–${maxRate(x).toFixed(3)} (N ≤ ${gal.Ns[gal.Ns.length - 1]})`).join('; ');
  const galerkin = {
    method: 'Galerkin on Hermite polynomials of degree ≤ N (d = 1) of A_ε* = T + L + R* (L²(M)-adjoint of −T + L + R, same spectrum), constant mode removed exactly (mass-zero space, see numeric/perturbed-operator.ts); eigenvalues by ml-matrix',
    entries: 'a·θ³: exact rational Gaussian moments; a·tanh θ, a·sin(2θ)e^{−θ²/2}: tensor Gauss–Hermite quadrature (N + 16 points per coordinate)',
    Ns: gal.Ns, ms: gal.ms,
    tolerances: { converged: `|ρ(N_max) − ρ(N_prev)| ≤ ${GALERKIN_CONVERGED}·ρ`, margin: `|rate − ρ_G| > ${GALERKIN_MARGIN}·rate at the smallest a`, agreement: `|ρ_particle − ρ_G| ≤ 4 se + ${METHODS_TOL}·ρ_G` },
    regimes: readings.map((x) => x.evidence),
    particlesVsGalerkin: { regime: over.label, consistent, comparisons },
    underdampedParticles: 'not simulated: the mean oscillates (complex slow pair), a complex-exponential fit would be needed; the underdamped regime rests on Galerkin alone, which never refutes alone',
    honesty: 'floating eigenvalues of a truncation: they never prove; they refute only together with the particle evidence and only with a clear margin and convergence in N',
  };
  const evidence = { ...particle.evidence, particleVerdict: particle.verdict, galerkin };
  const summary = verdict === particle.verdict
    ? `${particle.summary}; ${galSummary}`
    : `methods disagree (particles ${particle.verdict}, Galerkin ${overReading.reading}${consistent ? '' : ', rates inconsistent'}): ${particle.summary}; ${galSummary}`;
  const corrected = particle.corrected
    ? { ...particle.corrected,
      verdict: particle.corrected.verdict === 'supported' && readings.every((x) => x.correctedReading === 'supports') ? 'supported' as const : 'inconclusive' as const,
      evidence: { ...particle.corrected.evidence, galerkin: readings.map((x) => ({ regime: x.R.label, corrected2mu: ratesFloat(x.R.omega0Sq, x.R.gamma).spectral, rateAtSmallestA: `${minRate(x).toFixed(4)}–${maxRate(x).toFixed(4)}`, rateAtZero: x.R.rateAtZero, reading: x.correctedReading })) } }
    : particle.corrected;
  return { ...particle, verdict, summary, evidence, corrected };
}

function particlePerturbedCheck(ctx: CheckContext, rate2: NormSqRateFn): CheckResult {
  const P = PERTURBED;
  const data = perturbedData(ctx.seed, ctx.effort, ctx.progress);
  const target = rate2(P.omega0Sq, P.gamma);
  const { printed2mu, spectral } = ratesFloat(P.omega0Sq, P.gamma);
  const fmt = (r: RateEstimate) => ({ rate: Number(r.rate.toPrecision(5)), se: Number(r.se.toPrecision(2)), ci95: r.ci95.map((x) => Number(x.toPrecision(5))) });
  const zOf = (rho: number, r: RateEstimate) => (rho - r.rate) / r.se;
  const extrapolate = (family: PerturbationFamily) => {
    const rs = family.amplitudes.map((a) => data.runs.find((r) => r.seed === ctx.seed && r.family === family.key && r.a === a)!);
    const full = interceptAt0(rs.map((r) => r.a), rs.map((r) => r.rate.rate));
    const leave = rs[0].leaveOut.map((_, g) => interceptAt0(rs.map((r) => r.a), rs.map((r) => r.leaveOut[g])));
    return { runs: rs, limit: jackknife(full, leave) };
  };
  const approaches = (limit: RateEstimate, rho: number) => Math.abs(limit.rate - rho) <= 3 * limit.se + EXTRAPOLATION_TOL * rho;
  const families = PERTURBATION_FAMILIES.map((f) => {
    const ex = extrapolate(f);
    const smallest = Math.min(...f.amplitudes);
    const atSmallest = data.runs.filter((r) => r.family === f.key && r.a === smallest);
    return {
      family: f, ex, atSmallest,
      row: {
        perturbation: f.label,
        firstOrderShift: `ω₀² → ω₀² + ε′(0) = 4 + ${f.slope0}a near θ = 0`,
        rates: ex.runs.map((r) => ({ a: r.a, ...fmt(r.rate), window: r.window, zTargetMinusMeasured: Number(zOf(target, r.rate).toFixed(1)) })),
        limitAToZero: { ...fmt(ex.limit), method: 'OLS of ρ on a over the amplitudes, jackknife over path groups (common random numbers)' },
        approachesTarget: approaches(ex.limit, target),
        approachesCorrected: approaches(ex.limit, spectral),
        smallestA: atSmallest.map((r) => ({ seed: r.seed, a: r.a, ...fmt(r.rate), zTargetMinusMeasured: Number(zOf(target, r.rate).toFixed(1)) })),
      },
    };
  });
  const zeroRuns = data.runs.filter((r) => r.family === 'none');
  const refutedEverywhere = families.every((f) => f.atSmallest.length >= 2 && f.atSmallest.every((r) => zOf(target, r.rate) > REFUTE_Z));
  const approachesAll = families.every((f) => approaches(f.ex.limit, target));
  const correctedApproached = families.every((f) => approaches(f.ex.limit, spectral));
  // decay curves, seed ctx.seed: (E ℓ·(Θ,Y)(t) / E ℓ·(Θ,Y)(0))², a lower bound for ‖h(t)‖²_*/‖h(0)‖²_* up to ‖ℓ‖ constants
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
  const curveRuns = [zeroRuns.find((r) => r.seed === ctx.seed)!, ...families[0].ex.runs];
  const series: PlotSpec['series'] = curveRuns.map((r, k) => {
    const endIdx = Math.round(r.window[1] / P.dt);
    const pts: [number, number][] = [];
    for (let i = 0; i <= endIdx; i += 5) if (r.mean[i] > 0) pts.push([Number(r.t[i].toFixed(3)), Number(((r.mean[i] / r.mean[0]) ** 2).toPrecision(5))]);
    return { name: r.a === 0 ? 'ε = 0' : `ε = ${r.a}·tanh(θ)`, points: pts, color: colours[k % colours.length] };
  });
  const tMax = P.steps * P.dt;
  const line = (rho: number): [number, number][] => Array.from({ length: 41 }, (_, j) => { const t = (j * tMax) / 40; return [Number(t.toFixed(3)), Number(Math.exp(-rho * t).toPrecision(5))]; });
  series.push({ name: `printed e^{−2μt}, 2μ = ${printed2mu}`, points: line(printed2mu), dashed: true, color: '#000000' });
  series.push({ name: `corrected e^{−2μt}, 2μ = 2 min Re λ(Q) = ${spectral}`, points: line(spectral), dashed: true, color: '#7f7f7f' });
  if (Math.abs(target - printed2mu) > 1e-12 && Math.abs(target - spectral) > 1e-12) series.push({ name: `rate under test ${Number(target.toPrecision(4))}`, points: line(target), dashed: true, color: '#8c564b' });
  const evidence = {
    setting: { omega0Sq: P.omega0Sq, gamma: P.gamma, tau: P.tau, beta: (2 * P.gamma) / (P.tau ** 2 * P.omega0Sq ** 2), dt: P.dt, T: tMax, paths: data.paths, seeds: [ctx.seed, ctx.seed + 1], ms: data.ms },
    scheme: 'Strang splitting of (2.2): half kick −ε(Θ)dt/2, exact OU step of the linear part, half kick; exact in law at ε = 0',
    initialLaw: `ε = 0 stationary Gaussian M of (3.1) shifted by ${P.shift}·(1, −λ_s) (slow eigenvector of B), so h(0) ∈ L²(M)`,
    observable: `E[ℓ·(Θ_t, Y_t)], ℓ = (ω₀²/λ_s, 1) = (4, 1): E_∞ = 0 by the symmetry (θ, y) → (−θ, −y) of (2.2) for odd ε; at ε = 0 it equals 6e^{−t} exactly`,
    rateOfNormSq: 'ρ = 2r, r the fitted decay rate of the mean on t ∈ [1, SNR 10]: ⟨h, ℓ·(θ,y)⟩_* = E[ℓ·(Θ,Y)] − E_∞, so ‖h(t)‖²_* ≥ E[ℓ·(Θ,Y)]²/‖ℓ·(θ,y)‖²_* (Cauchy–Schwarz) and ‖h‖²_* cannot decay faster than e^{−ρt}',
    rateUnderTest: target,
    printed2mu,
    corrected2mu: spectral,
    epsilonZero: zeroRuns.map((r) => ({ seed: r.seed, ...fmt(r.rate), zVsCorrected: Number(zOf(spectral, r.rate).toFixed(1)) })),
    families: families.map((f) => f.row),
    assumption31: 'not satisfied: ‖ε·x‖_∞ = ∞ for these ε (x is free on {θ = const}); Assumption 3.1 admits only ε ≡ 0 (asm:3.1). Measured is what Remark 3.1 predicts: "when ε₀ is small, the decay rate is dominated by e^{−2μt}"',
    tolerances: { refuteZ: REFUTE_Z, extrapolation: `|ρ(a→0) − rate| ≤ 3 se + ${EXTRAPOLATION_TOL}·rate` },
    decayPlot: {
      kind: 'line-plot',
      title: 'thm:3.1:perturbed — (E ℓ·(Θ,Y))² normalised, ∇f = 4θ + a·tanh(θ), γ = 5, vs e^{−2μt}',
      xLabel: 't',
      yLabel: '(E ℓ·(Θ_t,Y_t) / E ℓ·(Θ_0,Y_0))²',
      logY: true,
      series,
      width: 760,
      height: 420,
    } satisfies PlotSpec,
  };
  const tanhMin = families[0].atSmallest;
  const summaryRates = families.map((f) => `${f.family.key} a→0: ${f.ex.limit.rate.toFixed(3)}±${f.ex.limit.se.toFixed(3)}`).join(', ');
  if (refutedEverywhere) {
    return {
      verdict: 'refuted',
      method: 'simulation',
      summary: `ω₀²=4, γ=5, ${data.paths} paths: ‖h‖² rate ${summaryRates} vs rate under test ${Number(target.toPrecision(4))} (z > ${REFUTE_Z} at a = ${Math.min(...families[0].family.amplitudes)}, 2 seeds)`,
      evidence,
      witness: {
        omega0Sq: '4', gamma: '5', tau: '1/2', perturbation: `ε(θ) = ${Math.min(...families[0].family.amplitudes)}·tanh(θ)`,
        measured: tanhMin.map((r) => ({ seed: r.seed, rate: Number(r.rate.rate.toPrecision(5)), se: Number(r.rate.se.toPrecision(2)), z: Number(zOf(target, r.rate).toFixed(1)) })),
        rateUnderTest: target,
        violation: '‖h(t)‖²_* ≥ c·e^{−ρt} with ρ < 2(μ − ε) for every ε below (rate − ρ)/2, so the bound fails as t → ∞ for small perturbations',
        reproduce: `hypocheck show thm:3.1:perturbed --seed ${ctx.seed}`,
      },
      corrected: {
        statement: 'For small odd bounded perturbations the decay rate of ‖h(t)‖²_* tends, as the perturbation → 0, to 2·min Re λ(Q) = the ε = 0 spectral rate (half of the printed 2μ), moving by O(ε′(0))',
        verdict: correctedApproached ? 'supported' : 'inconclusive',
        method: 'simulation',
        evidence: { limits: families.map((f) => ({ perturbation: f.family.label, ...fmt(f.ex.limit) })), corrected2mu: spectral },
      },
    };
  }
  if (approachesAll) return { verdict: 'supported', method: 'simulation', summary: `ω₀²=4, γ=5, ${data.paths} paths: ${summaryRates} → rate under test ${Number(target.toPrecision(4))}`, evidence };
  return { verdict: 'inconclusive', method: 'simulation', summary: `rate under test ${Number(target.toPrecision(4))} neither refuted nor approached: ${summaryRates}`, evidence };
}

function perturbedDerivation(): DerivationStep[] {
  return [
    { title: 'Simulated dynamics', text: '(2.2) with ∇f = ω₀²θ + ε(θ), ε odd and bounded (a·tanh θ, a·sin(2θ)e^{−θ²/2}); Strang splitting with the exact OU step' },
    { title: 'Observable', text: 'E[ℓ·(Θ,Y)] − E_∞ = ⟨h, ℓ·(θ,y)⟩_* with E_∞ = 0 by symmetry; Cauchy–Schwarz: ‖h‖²_* ≥ ⟨h, ℓ·(θ,y)⟩²_*/‖ℓ·(θ,y)‖²_*' },
    { title: 'Rate', text: 'ρ(a) = 2 × fitted decay rate of the mean; jackknife over path groups; ρ(a → 0) by a linear fit in a' },
    { title: 'Comparison', text: 'ρ(a) → 2·min Re λ(Q) = 2 as a → 0, while (3.6) and Remark 3.1 predict 2μ = 4' },
    { title: 'Second method: Galerkin (numeric/perturbed-operator.ts)', text: 'A_ε* = T + L + R*, R*φ = −ε(θ)(∂ₓ − γ∂ᵥ)φ (adjoint of R of (3.3) in L²(M)), on Hermite polynomials of degree ≤ N; A_ε*1 = 0, so the constant is dropped exactly (mass-zero space ∋ h)' },
    { title: 'Galerkin rates', text: 'ρ_G = 2·min(−Re spec G′), converged in N; γ = 5: ρ_G(a) → 2 agreeing with the particles amplitude by amplitude; γ = 2: ρ_G ≈ 2 = γ (Galerkin only), printed 2μ = 2γ = 4' },
    { title: 'Verdict', text: 'refuted only as both methods agree (floats and truncation never prove; Galerkin alone never refutes); a disagreement gives inconclusive' },
  ];
}

// ───────────────────────────── Figure 3.1 data ─────────────────────────────

/** One simulated setting with its fitted mean decay rate (per step). */
export interface SimSetting {
  eta: number;
  kappa: number;
  steps: number;
  stats: PathStats;
  fit: RateEstimate;
  window: [number, number];
  /** −ln max|z| of the exact mean recurrence. */
  exactRate: number;
  complexRoots: boolean;
}

export interface Figure31Data {
  runs: number;
  seed: number;
  a: SimSetting[];
  b: SimSetting[];
  cAsgd: SimSetting;
  cSgd: SimSetting;
  workers: number[];
  sme: { eta: number; kappa: number; gamma: number; deltaT: number; paths: number; ratePerTime: RateEstimate; ratePerStep: number };
  ms: number;
}

/** Options of `figure31Data`. */
export interface Figure31Options {
  seed: number;
  /** 1 = 1000 runs as in the paper. @defaultValue 1 */
  effort?: number;
  progress?: (message: string) => void;
}

const FIG_A = { kappa: 0.98, etas: [0.02, 0.01, 0.004, 0.002, 0.001], steps: 3000 };
const FIG_B = { eta: 0.01, kappas: [0.97, 0.98, 0.99], steps: 2000 };
const FIG_C = { kappa: 0.96, eta: 0.01, steps: 1500, workers: [1, 2, 4] };
/** Signal-to-noise ratio that ends a fitting window. */
const FIT_SNR = 10;

function fitMean(stats: PathStats, singleRoot: boolean): { fit: RateEstimate; window: [number, number] } {
  const end = Math.max(24, signalWindow(stats.mean, stats.stderr, 0, FIT_SNR));
  const est = (m: ArrayLike<number>) => (singleRoot ? geometricRate(m, 0, end).rate : pronyRate(m, 0, end).rate);
  const full = est(stats.mean);
  const total = new Float64Array(stats.steps + 1);
  for (const g of stats.groupSums) for (let k = 0; k <= stats.steps; k++) total[k] += g[k];
  const leaveOut = stats.groupSums.map((g, gi) => {
    const n = stats.runs - stats.groupSizes[gi];
    const m = new Float64Array(end);
    for (let k = 0; k < end; k++) m[k] = (total[k] - g[k]) / n;
    return est(m);
  });
  return { fit: jackknife(full, leaveOut), window: [0, end] };
}

function simulateSetting(eta: number, kappa: number, steps: number, runs: number, seed: number, stream: number): SimSetting {
  const stats = simulateAsgd({ eta, kappa, steps, runs, rng: new PhiloxRng(seed, stream) });
  const { fit, window } = fitMean(stats, kappa === 0);
  const ex = meanRecurrenceFacts(q(String(eta)), q(String(kappa)), q(FIG_OMEGA0_SQ));
  return { eta, kappa, steps, stats, fit, window, exactRate: ex.ratePerStep, complexRoots: ex.complex };
}

const figureCache = new Map<string, Figure31Data>();

/** All simulations behind Figure 3.1 and Remarks 3.1–3.2 (cached per seed and effort). */
export function figure31Data(options: Figure31Options): Figure31Data {
  const { seed, effort = 1, progress = () => {} } = options;
  if (!(effort > 0)) throw new RangeError(`figure31Data: effort must be > 0, got ${effort}`);
  const key = `${seed}:${effort}`;
  const hit = figureCache.get(key);
  if (hit) return hit;
  const t0 = performance.now();
  const runs = Math.max(100, Math.round(1000 * Math.min(effort, 1)));
  let stream = 0;
  const a = FIG_A.etas.map((eta) => {
    progress(`figure 3.1(a): η = ${eta}, κ = ${FIG_A.kappa}, ${runs} runs`);
    return simulateSetting(eta, FIG_A.kappa, FIG_A.steps, runs, seed, stream++);
  });
  const b = FIG_B.kappas.map((kappa) => {
    progress(`figure 3.1(b): η = ${FIG_B.eta}, κ = ${kappa}`);
    const shared = a.find((s) => s.kappa === kappa && s.eta === FIG_B.eta);
    return shared ?? simulateSetting(FIG_B.eta, kappa, FIG_B.steps, runs, seed, 100 + stream++);
  });
  progress(`figure 3.1(c): κ = ${FIG_C.kappa}, SGD and ASGD`);
  const cAsgd = simulateSetting(FIG_C.eta, FIG_C.kappa, FIG_C.steps, runs, seed, 200);
  const cSgd = simulateSetting(FIG_C.eta, 0, FIG_C.steps, runs, seed, 201);
  // SME (2.2) by Euler–Maruyama at (η, κ) = (0.01, 0.98); noise Σ = 2 (sd of ∇f_i − ∇f).
  const smeEta = 0.01, smeKappa = 0.98;
  const { gamma, deltaT } = smeParameters(smeEta, smeKappa);
  const tau = (smeEta ** 0.75 / (1 - smeKappa) ** 0.25) * 2;
  const dt = 0.01;
  progress('SME (2.2): Euler–Maruyama');
  const sme = simulateSme({ omega0Sq: FIG_OMEGA0_SQ, gamma, tau, dt, steps: 1500, paths: runs, rng: new PhiloxRng(seed, 300) });
  const end = Math.max(24, signalWindow(sme.meanTheta, sme.stderrTheta, 0, FIT_SNR));
  const smeFull = pronyRate(sme.meanTheta, 0, end).rate / dt;
  const smeHalf = [0, 1].map((h) => {
    const r = simulateSme({ omega0Sq: FIG_OMEGA0_SQ, gamma, tau, dt, steps: end, paths: Math.max(50, Math.floor(runs / 2)), rng: new PhiloxRng(seed, 301 + h) });
    return pronyRate(r.meanTheta, 0, end).rate / dt;
  });
  const smeSe = Math.abs(smeHalf[0] - smeHalf[1]) / Math.SQRT2;
  const data: Figure31Data = {
    runs,
    seed,
    a,
    b,
    cAsgd,
    cSgd,
    workers: FIG_C.workers,
    sme: { eta: smeEta, kappa: smeKappa, gamma, deltaT, paths: runs, ratePerTime: { rate: smeFull, se: smeSe, ci95: [smeFull - 1.96 * smeSe, smeFull + 1.96 * smeSe] }, ratePerStep: smeFull * deltaT },
    ms: Math.round(performance.now() - t0),
  };
  figureCache.set(key, data);
  return data;
}

/** Per-step decay rate of the mean as printed in (3.7) (μt/k), for loss ω₀². */
export function printedMeanRate(eta: number, kappa: number, omega0Sq: number = FIG_OMEGA0_SQ): number {
  const disc = (1 - kappa) ** 2 - 4 * omega0Sq * (1 - kappa) * eta;
  return disc <= 0 ? 1 - kappa : 1 - kappa - Math.sqrt(disc);
}

/** The same with the corrected μ = min Re λ(Q) (half of (3.7)). */
export function correctedMeanRate(eta: number, kappa: number, omega0Sq: number = FIG_OMEGA0_SQ): number {
  return printedMeanRate(eta, kappa, omega0Sq) / 2;
}

// ───────────────────────────── panels (as data) ─────────────────────────────

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];

function thin(values: ArrayLike<number>, xScale: number, maxPoints = 300, upTo = values.length): [number, number][] {
  const stride = Math.max(1, Math.ceil(upTo / maxPoints));
  const out: [number, number][] = [];
  for (let k = 0; k < upTo; k += stride) out.push([k * xScale, Number(values[k].toPrecision(5))]);
  return out;
}

function envelope(rate: number, upTo: number, xScale: number, maxPoints = 60): [number, number][] {
  const stride = Math.max(1, Math.ceil(upTo / maxPoints));
  const out: [number, number][] = [];
  for (let k = 0; k <= upTo; k += stride) out.push([k * xScale, Number(Math.exp(-rate * k).toPrecision(5))]);
  return out;
}

type Series = PlotSpec['series'][number];
const linePlot = (spec: Omit<PlotSpec, 'kind'>): PlotSpec => ({ kind: 'line-plot', ...spec });

/** The three panels of Figure 3.1 as plot data (theory envelopes dashed); src/ renders them. */
export function figure31Plots(data: Figure31Data): { a: PlotSpec; b: PlotSpec; c: PlotSpec } {
  const seriesFor = (settings: SimSetting[], label: (s: SimSetting) => string, upTo: number): Series[] =>
    settings.flatMap((s, i) => [
      { name: label(s), points: thin(s.stats.mean, 1, 300, Math.min(upTo, s.steps + 1)), color: COLORS[i % COLORS.length] },
      { name: `(3.7) e^{−μt}, ${label(s)}`, points: envelope(printedMeanRate(s.eta, s.kappa), Math.min(upTo, s.steps), 1), color: COLORS[i % COLORS.length], dashed: true },
    ]);
  const a = linePlot({
    title: `Fig. 3.1(a): ASGD, κ = ${FIG_A.kappa}, E θ_k over ${data.runs} runs (dashed: (3.7))`,
    xLabel: 'steps k',
    yLabel: 'E θ_k',
    series: seriesFor(data.a, (s) => `η = ${s.eta}`, 1500),
    width: 760,
    height: 420,
  });
  const b = linePlot({
    title: `Fig. 3.1(b): ASGD, η = ${FIG_B.eta}, E θ_k over ${data.runs} runs (dashed: (3.7))`,
    xLabel: 'steps k',
    yLabel: 'E θ_k',
    series: seriesFor(data.b, (s) => `κ = ${s.kappa}`, 1500),
    width: 760,
    height: 420,
  });
  const T = 300;
  const cSeries: Series[] = [
    { name: 'SGD', points: thin(data.cSgd.stats.mean, 1, 300, T + 1), color: '#000000' },
    { name: 'SGD, Remark 3.2: e^{−k}', points: envelope(1, 10, 1), color: '#000000', dashed: true },
    ...data.workers.flatMap((m, i) => [
      { name: `ASGD, m = ${m}`, points: thin(data.cAsgd.stats.mean, 1 / m, 300, Math.min(data.cAsgd.steps + 1, T * m + 1)), color: COLORS[i % COLORS.length] },
      { name: `m = ${m}: e^{−(1−κ)m t}`, points: envelope((1 - FIG_C.kappa) * m, T * m, 1 / m), color: COLORS[i % COLORS.length], dashed: true },
    ]),
  ];
  const c = linePlot({
    title: `Fig. 3.1(c): SGD vs ASGD (κ = ${FIG_C.kappa}, η = ${FIG_C.eta}) in time, m workers`,
    xLabel: 'time (gradients per worker)',
    yLabel: 'E θ',
    series: cSeries,
    width: 760,
    height: 420,
  });
  return { a, b, c };
}

// ───────────────────────────── checks on the simulations ─────────────────────────────

function fmtRate(s: SimSetting): Record<string, unknown> {
  return {
    eta: s.eta,
    kappa: s.kappa,
    window: s.window,
    measuredRate: Number(s.fit.rate.toPrecision(5)),
    se: Number(s.fit.se.toPrecision(3)),
    ci95: s.fit.ci95.map((x) => Number(x.toPrecision(5))),
    exactMeanRate: Number(s.exactRate.toPrecision(6)),
    complexRoots: s.complexRoots,
    printedRate37: Number(printedMeanRate(s.eta, s.kappa).toPrecision(6)),
    correctedRate: Number(correctedMeanRate(s.eta, s.kappa).toPrecision(6)),
  };
}

function z(a: RateEstimate, b: RateEstimate): number {
  return (a.rate - b.rate) / Math.hypot(a.se, b.se);
}

/**
 * The check of `fig:3.1:a` for a threshold (1−κ)/(4·w): as printed w = 1 (giving 0.005);
 * tests plant w = 2 (the loss's ω₀²) and expect no refutation.
 */
export function makeFig31aCheck(w: number): (ctx: CheckContext) => CheckResult {
  return (ctx) => fig31aCheck(ctx, w);
}

function fig31aCheck(ctx: CheckContext, w = 1): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const kappa = q('0.98');
  const printedThreshold = q(1).sub(kappa).div(q(4).mul(q(String(w))));
  const lossThreshold = q(1).sub(kappa).div(q(4).mul(q(FIG_OMEGA0_SQ)));
  const at = (eta: number) => data.a.find((s) => s.eta === eta)!;
  const s01 = at(0.01), s004 = at(0.004), s002 = at(0.002), s001 = at(0.001);
  // η = 0.004 lies between the true threshold (≈0.0025) and the printed one (0.005).
  const ex004 = meanRecurrenceFacts(q('0.004'), kappa, q(FIG_OMEGA0_SQ));
  const ex01 = meanRecurrenceFacts(q('0.01'), kappa, q(FIG_OMEGA0_SQ));
  const exactSameRate = ex004.complex && ex01.complex && ex004.det.equals(ex01.det);
  const ratio = s004.fit.rate / s01.fit.rate;
  const ratioSe = ratio * Math.hypot(s004.fit.se / s004.fit.rate, s01.fit.se / s01.fit.rate);
  const paperRatio = printedMeanRate(0.004, 0.98, w) / printedMeanRate(0.01, 0.98, w);
  const zRatio = (ratio - paperRatio) / ratioSe;
  const slowerBelow = z(s002.fit, s001.fit);
  const slowerAcross = z(s004.fit, s002.fit); // just above vs just below the true threshold
  const slowerOk = slowerAcross > 3 && slowerBelow > 2;
  const evidence = {
    loss: 'f = θ² (f₁ = (θ−1)² − 1, f₂ = (θ+1)² − 1): ∇f = 2θ, ω₀² = 2',
    printedThreshold: `(1−κ)/(4·${w}) = ${printedThreshold}${w === 1 ? ' (= (1−κ)/(4ω₀²) only for ω₀² = 1)' : ''}`,
    thresholdForThisLoss: `(1−κ)/(4ω₀²) = ${lossThreshold} = ${lossThreshold.toNumber()}`,
    exactDiscreteThreshold: `(1−√κ)/((1+√κ)ω₀²) ≈ ${discreteThreshold(0.98, FIG_OMEGA0_SQ).toPrecision(6)} (mean recurrence, complex roots above)`,
    witnessEta004: {
      exact: `η = 1/250: discriminant of the mean recurrence ${ex004.discriminant} < 0, det = ${ex004.det}: |z| = √κ, the same as at η = 1/100 (discriminant ${ex01.discriminant})`,
      exactSameRate,
      measuredRatio: Number(ratio.toPrecision(4)),
      ratioSe: Number(ratioSe.toPrecision(3)),
      paperPredictedRatio: Number(paperRatio.toPrecision(4)),
      zAgainstPaper: Number(zRatio.toFixed(1)),
    },
    slowerBelowThreshold: { rate004: fmtRate(s004).measuredRate, rate002: fmtRate(s002).measuredRate, rate001: fmtRate(s001).measuredRate, z004vs002: Number(slowerAcross.toFixed(1)), z002vs001: Number(slowerBelow.toFixed(1)), rule: 'z(0.004 vs 0.002) > 3 and z(0.002 vs 0.001) > 2' },
    settings: data.a.map(fmtRate),
    runs: data.runs,
    quantity: 'E θ_k (sample mean over runs), rate per step from a lag-L Prony fit on the window where |E θ| > 10 s.e.; 95 % CI by delete-a-group jackknife (20 groups)',
  };
  const thresholdWrong = !printedThreshold.equals(lossThreshold);
  const simAgrees = exactSameRate && Math.abs(zRatio) > 6;
  if (thresholdWrong && simAgrees) {
    return {
      verdict: 'refuted',
      method: 'exact',
      summary: `threshold for ω₀²=2 is 1/400 not 1/200; η=0.004 decays as fast as η=0.01 (ratio ${ratio.toFixed(2)}±${ratioSe.toFixed(2)}, (3.7) with 0.005 predicts ${paperRatio.toFixed(2)})`,
      evidence,
      witness: { kappa: '49/50', eta: '1/250', omega0Sq: '2', printedThreshold: printedThreshold.toString(), trueThreshold: lossThreshold.toString(), meanRecurrenceDiscriminant: ex004.discriminant.toString() },
      corrected: {
        statement: 'For κ = 0.98 and this loss (ω₀² = 2) the threshold is (1−κ)/(4ω₀²) = 0.0025 (discrete ASGD: ≈ 0.002525); above it the rate is the same, below it it slows down as η decreases',
        verdict: slowerOk && Math.abs(z(s004.fit, s01.fit)) < 3 ? 'supported' : 'inconclusive',
        method: 'simulation',
        evidence: { sameAbove_z_004_vs_001: Number(z(s004.fit, s01.fit).toFixed(2)), slowerAcross_z_004_vs_002: Number(slowerAcross.toFixed(1)), slowerBelow_z_002_vs_0001: Number(slowerBelow.toFixed(1)) },
      },
    };
  }
  const consistent = !thresholdWrong && Math.abs(zRatio) < 3 && slowerOk;
  return { verdict: consistent ? 'supported' : 'inconclusive', method: 'simulation', summary: `threshold ${printedThreshold} vs ${lossThreshold}; η=0.004 ratio ${ratio.toFixed(2)}±${ratioSe.toFixed(2)} (formula ${paperRatio.toFixed(2)})`, evidence };
}

function fig31bCheck(ctx: CheckContext): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const sorted = [...data.b].sort((x, y) => x.kappa - y.kappa);
  const zs = sorted.slice(1).map((s, i) => z(sorted[i].fit, s.fit));
  const allAbove = sorted.every((s) => s.complexRoots && FIG_B.eta > (1 - s.kappa) / 4);
  const ok = zs.every((x) => x > 3);
  const evidence = { settings: sorted.map(fmtRate), zDecreasingPairs: zs.map((x) => Number(x.toFixed(1))), allAboveThreshold: allAbove, runs: data.runs, exactRates: 'mean recurrence: |z| = √κ, rate −½ ln κ, decreasing in κ' };
  return {
    verdict: ok && allAbove ? 'supported' : 'inconclusive',
    method: 'simulation',
    summary: `η=0.01: rates ${sorted.map((s) => `κ=${s.kappa}: ${s.fit.rate.toFixed(4)}±${s.fit.se.toFixed(4)}`).join(', ')}; decreasing (z ≥ ${Math.min(...zs).toFixed(1)})`,
    evidence,
  };
}

function fig31cCheck(ctx: CheckContext): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const A = data.cAsgd, S = data.cSgd;
  const perWorkers = data.workers.map((m) => {
    const rate: RateEstimate = { rate: m * A.fit.rate, se: m * A.fit.se, ci95: [m * A.fit.ci95[0], m * A.fit.ci95[1]] };
    return { m, ratePerTime: Number(rate.rate.toPrecision(5)), se: Number(rate.se.toPrecision(3)), zVsSgd: Number(z(rate, S.fit).toFixed(1)) };
  });
  // Exact asymptotic comparison for m = 1: √κ < 1 − ηω₀²  ⇔  κ < (1 − ηω₀²)².
  const kappa = q('0.96');
  const sgdFactor = q(1).sub(q('0.01').mul(q(FIG_OMEGA0_SQ)));
  const exactM1Faster = meanRecurrenceFacts(q('0.01'), kappa, q(FIG_OMEGA0_SQ)).complex && kappa.lt(sgdFactor.mul(sgdFactor));
  const hitting = (m: Float64Array, tol: number): number => {
    let env = 0;
    for (let k = m.length - 1; k >= 0; k--) { env = Math.max(env, Math.abs(m[k])); if (env > tol) return k + 1; }
    return 0;
  };
  const tol = 0.1;
  const hitA = hitting(meanTrajectory(FIG_C.eta, FIG_C.kappa, FIG_OMEGA0_SQ, FIG_C.steps), tol);
  const hitS = hitting(meanTrajectory(FIG_C.eta, 0, FIG_OMEGA0_SQ, FIG_C.steps), tol);
  const simHitA = hitting(A.stats.mean, tol);
  const simHitS = hitting(S.stats.mean, tol);
  const m2 = perWorkers.find((p) => p.m === 2)!;
  const evidence = {
    timeModel: 'm workers each deliver one gradient per unit time: ASGD makes m updates per unit time, SGD one; staleness stays geometric(κ) (the model of Remark 3.2)',
    sgd: fmtRate(S),
    asgd: fmtRate(A),
    perWorkers,
    exactAsymptoticM1: `κ = 24/25 < (1 − ηω₀²)² = 2401/2500: one ASGD worker already decays (slightly) faster than SGD: ${exactM1Faster}`,
    hittingTimeMeanBelow01: { asgdM1Exact: hitA, sgdExact: hitS, asgdM1Simulated: simHitA, sgdSimulated: simHitS },
    stationaryLoss: { asgd: Number(A.stats.meanSq[A.steps].toPrecision(3)), sgd: Number(S.stats.meanSq[S.steps].toPrecision(3)), note: 'ASGD plateaus higher; a loss-level criterion could read the figure otherwise' },
  };
  const m2Faster = m2.zVsSgd > 3;
  const m1AlreadyFaster = exactM1Faster && hitA < hitS && simHitA < simHitS;
  if (m2Faster && m1AlreadyFaster) {
    // Not `refuted`: the paper gives neither η for panel (c) nor the plotted quantity, so the
    // claim cannot be encoded exactly; η = 0.01 and the mean are our reading (hypotheses).
    return {
      verdict: 'inconclusive',
      method: 'simulation',
      summary: `under our reading (η = 0.01, E θ): m=2 faster (z=${m2.zVsSgd}) and m=1 already faster (exact κ < (1−ηω₀²)²; E θ < 0.1 after ${hitA} vs ${hitS} steps); the paper states neither η nor the plotted quantity`,
      evidence: { ...evidence, whyNotRefuted: 'panel (c) does not state η or the plotted quantity; a loss-level reading (ASGD plateaus higher) could need 2 workers' },
      witness: { kappa: '24/25', eta: '1/100', omega0Sq: '2', m: 1, exact: '24/25 < (49/50)² = 2401/2500', hittingTimes: { asgd: hitA, sgd: hitS } },
      corrected: { statement: 'At κ = 0.96, η = 0.01, ASGD converges faster than SGD in time already with m = 1 worker (in the mean); with m = 2 about twice as fast', verdict: 'supported', method: 'simulation', evidence: { perWorkers } },
    };
  }
  return { verdict: m2Faster ? 'supported' : 'inconclusive', method: 'simulation', summary: `m=2 vs SGD z=${m2.zVsSgd}; m=1 hitting ${hitA} vs ${hitS}`, evidence };
}

function fig31Check(ctx: CheckContext): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const parts = { a: fig31aCheck(ctx, 1), b: fig31bCheck(ctx), c: fig31cCheck(ctx) };
  const svgs = figure31Plots(data);
  return {
    verdict: combineVerdicts([parts.a.verdict, parts.b.verdict, parts.c.verdict]),
    method: 'simulation',
    summary: `${data.runs} runs/setting, ${data.ms} ms: (a) ${parts.a.verdict}, (b) ${parts.b.verdict}, (c) ${parts.c.verdict}`,
    evidence: {
      parts: { a: parts.a.summary, b: parts.b.summary, c: parts.c.summary },
      verdicts: { a: parts.a.verdict, b: parts.b.verdict, c: parts.c.verdict },
      panelA: svgs.a,
      panelB: svgs.b,
      panelC: svgs.c,
      runs: data.runs,
      seed: data.seed,
    },
  };
}

/** The check of `rem:3.1:simulation` for a per-step mean-rate formula (printed (3.7) or a planted variant). */
export function makeRem31Check(rateFn: (eta: number, kappa: number) => number): (ctx: CheckContext) => CheckResult {
  return (ctx) => rem31Check(ctx, rateFn);
}

function rem31Check(ctx: CheckContext, rateFn: (eta: number, kappa: number) => number): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const settings = [...data.a, ...data.b.filter((s) => !data.a.includes(s))];
  const rows = settings.map((s) => ({
    ...fmtRate(s),
    zVsPrinted: Number(((s.fit.rate - rateFn(s.eta, s.kappa)) / s.fit.se).toFixed(1)),
    zVsCorrected: Number(((s.fit.rate - correctedMeanRate(s.eta, s.kappa)) / s.fit.se).toFixed(1)),
    ratioToPrinted: Number((s.fit.rate / rateFn(s.eta, s.kappa)).toPrecision(3)),
  }));
  const key = data.a.find((s) => s.eta === 0.01)!;
  const ex = meanRecurrenceFacts(q('0.01'), q('0.98'), q(FIG_OMEGA0_SQ));
  const printedKey = rateFn(0.01, 0.98);
  const zKey = (key.fit.rate - printedKey) / key.fit.se;
  const exactBelowPrinted = ex.complex && ex.ratePerStep < printedKey * 0.9; // −½ln(49/50) ≈ 0.0101 vs 0.02
  const corrTol = (s: SimSetting) => 3 * s.fit.se + 0.05 * correctedMeanRate(s.eta, s.kappa);
  const correctedOk = settings.every((s) => Math.abs(s.fit.rate - correctedMeanRate(s.eta, s.kappa)) <= corrTol(s));
  const smeRatePerStep = data.sme.ratePerStep;
  const evidence = {
    mapping: '‖h‖²_* ≥ c·|E(x, v)|² (degree-one Hermite part), so (3.7) predicts E θ_k ∝ e^{−μt}, rate μt/k per step',
    settings: rows,
    keySetting: { eta: 0.01, kappa: 0.98, measured: Number(key.fit.rate.toPrecision(4)), se: Number(key.fit.se.toPrecision(2)), printed: printedKey, exactMeanRecurrence: `complex roots, |z|² = det = ${ex.det}: rate −½ln(49/50) = ${ex.ratePerStep.toPrecision(5)}`, zVsPrinted: Number(zKey.toFixed(1)) },
    smeEulerMaruyama: { gamma: data.sme.gamma, deltaT: data.sme.deltaT, ratePerTime: Number(data.sme.ratePerTime.rate.toPrecision(4)), seTime: Number(data.sme.ratePerTime.se.toPrecision(2)), spectralPerTime: data.sme.gamma / 2, ratePerStep: Number(smeRatePerStep.toPrecision(4)), note: 'the SME mean decays at γ/2 = min Re λ(Q), i.e. (1−κ)/2 per step' },
    observations: 'threshold exists and rates slow below it; longer delay (larger κ) slows convergence: both seen (fig:3.1:a, fig:3.1:b)',
  };
  if (exactBelowPrinted && zKey < -6) {
    return {
      verdict: 'refuted',
      method: 'exact',
      summary: `(3.7) rates are 2× too fast: κ=0.98, η=0.01 mean rate ${key.fit.rate.toFixed(4)}±${key.fit.se.toFixed(4)}/step (exact −½ln κ = ${ex.ratePerStep.toFixed(4)}) vs printed ${printedKey.toFixed(3)}`,
      evidence,
      witness: { kappa: '49/50', eta: '1/100', omega0Sq: '2', exact: 'E θ_k obeys (m, z) ↦ G(m, z), det G = 49/50, complex roots: |E θ_k| ≤ C(49/50)^{k/2}, never faster', printed: 'μt = (1−κ)k ⇒ E θ_k ~ e^{−0.02k}' },
      corrected: {
        statement: '(3.7) with μ halved: μt = (1−κ)k/2 when η > (1−κ)/(4ω₀²), μt = [(1−κ) − √((1−κ)² − 4ω₀²(1−κ)η)]k/2 below',
        verdict: correctedOk ? 'supported' : 'inconclusive',
        method: 'simulation',
        evidence: { tolerance: '3 s.e. + 5 % (SME is an O(η) approximation)', zVsCorrected: rows.map((r) => r.zVsCorrected) },
      },
    };
  }
  const agree = settings.every((s) => Math.abs(s.fit.rate - rateFn(s.eta, s.kappa)) <= corrTol(s));
  return { verdict: agree ? 'supported' : 'inconclusive', method: 'simulation', summary: `κ=0.98, η=0.01: measured ${key.fit.rate.toFixed(4)}±${key.fit.se.toFixed(4)} vs formula ${printedKey.toFixed(4)}`, evidence };
}

function rem32Check(ctx: CheckContext): CheckResult {
  const data = figure31Data({ seed: ctx.seed, effort: ctx.effort, progress: ctx.progress });
  const S = data.cSgd, A = data.cAsgd;
  const eta = q('0.01');
  const sgdFactor = q(1).sub(eta.mul(q(FIG_OMEGA0_SQ))); // E θ_k = (49/50)^k exactly
  const printedSgdMeanRate = 1; // e^{−2k} for ‖h‖²_*, e^{−k} for the mean
  const zSgd = (S.fit.rate - printedSgdMeanRate) / S.fit.se;
  const breakEven = S.exactRate / A.exactRate;
  // Large-η check of the sufficient condition (1−κ)m > 1 (outside the SME's small-η regime).
  const bigEta = q(1, 4), bigKappa = q(24, 25), bigM = 26;
  const bigFacts = meanRecurrenceFacts(bigEta, bigKappa, q(FIG_OMEGA0_SQ));
  const sgdBig = q(1).sub(bigEta.mul(q(FIG_OMEGA0_SQ))).abs(); // 1/2
  const asgdPerTime = bigKappa.pow(bigM / 2); // (√κ)^m, m even
  const sufficiencyFailsBigEta = bigFacts.complex && sgdBig.lt(asgdPerTime);
  const evidence = {
    timeModel: 'm workers, one gradient per worker per unit time; staleness geometric(κ) whatever m',
    sgd: { ...fmtRate(S), printedMeanRate: printedSgdMeanRate, exact: `E θ_k = (${sgdFactor})^k exactly, rate ${(-Math.log(sgdFactor.toNumber())).toPrecision(5)}`, zVsPrinted: Number(zSgd.toFixed(1)) },
    asgd: fmtRate(A),
    printedBreakEven: 'm > 1/(1−κ) = 25',
    exactBreakEvenWorkers: Number(breakEven.toPrecision(4)),
    measuredBreakEvenWorkers: Number((S.fit.rate / A.fit.rate).toPrecision(3)),
    sufficiencyAtLargeEta: { eta: '1/4', kappa: '24/25', m: bigM, asgdEnvelopePerTime: `(24/25)^13 = ${asgdPerTime.toNumber().toPrecision(4)}`, sgdFactorPerTime: '1/2', sgdFaster: sufficiencyFailsBigEta, note: '(1−κ)m = 1.04 > 1 yet SGD is faster; η = 1/4 is outside the small-η regime the remark assumes' },
  };
  if (Math.abs(zSgd) > 6 && S.exactRate < printedSgdMeanRate) {
    return {
      verdict: 'refuted',
      method: 'exact',
      summary: `SGD at η=0.01 decays like (49/50)^k (rate ${S.fit.rate.toFixed(4)}±${S.fit.se.toFixed(4)}), not e^{−k}; break-even m ≈ ${breakEven.toFixed(2)}, not 25`,
      evidence,
      witness: { eta: '1/100', omega0Sq: '2', kappa: '0 (SGD)', exact: 'E θ_k = (49/50)^k, so (E θ_k)² = (2401/2500)^k ≫ e^{−2k}; ‖h_k‖²_* ≥ c(E θ_k)²' },
      corrected: {
        statement: 'With m workers ASGD beats SGD (same η, above threshold) in time iff m·(−½ ln κ) > −ln|1 − ηω₀²|; at κ = 0.96, η = 0.01 this is m > 0.99',
        verdict: Math.abs(z({ rate: A.fit.rate * 2, se: A.fit.se * 2, ci95: [0, 0] }, S.fit)) > 3 ? 'supported' : 'inconclusive',
        method: 'simulation',
        evidence: { measuredBreakEvenWorkers: evidence.measuredBreakEvenWorkers, exactBreakEvenWorkers: evidence.exactBreakEvenWorkers },
      },
    };
  }
  return { verdict: 'inconclusive', method: 'simulation', summary: `SGD rate ${S.fit.rate.toFixed(4)} vs printed 1`, evidence };
}

// ───────────────────────────── claims ─────────────────────────────

const H_EPS0 = 'hAssumption31: Assumption 3.1 with ε₀ small (ε ≡ 0 admissible)';

export const claims: Claim[] = [
  {
    id: 'thm:3.1:sharp',
    source: 'Theorem 3.1, (3.6); title and abstract ("a sharp convergence rate")',
    statement: '‖h(t)‖²_* ≲ e^{−2(μ−ε)t}H(0) with μ = γ (γ < 2ω₀), μ = γ − √(γ²−4ω₀²) (γ > 2ω₀), μ = γ − δ ∀δ > 0 (γ = 2ω₀), and this rate is sharp',
    latex: String.raw`\|h(t)\|_*^2 \lesssim e^{-2(\mu-\epsilon)t}H(0),\ \mu=\gamma\ (\gamma<2\omega_0),\ \mu=\gamma-\sqrt{\gamma^2-4\omega_0^2}\ (\gamma>2\omega_0),\ \mu=\gamma-\delta\ (\gamma=2\omega_0)`,
    hypotheses: ['hGammaPos: γ > 0', 'hOmegaPos: ω₀ > 0', H_EPS0],
    check: makeSharpCheck(printedRateNormSq, (w, g) => ratesFloat(w, g).printed2mu),
    derive: sharpDerivation,
  },
  {
    id: 'thm:3.1:perturbed',
    source: 'Theorem 3.1, (3.6), with ε ≠ 0; Remark 3.1 ("when the perturbation ε₀ is small, the decay rate is dominated by e^{−2μt}")',
    statement:
      'Remark 3.1, as printed: "When the perturbation ε₀ is small, the decay rate is dominated by e^{−2μt}" (μ of (3.6)), read for ∇f(θ) = ω₀²θ + ε(θ) with a small bounded smooth ε. ' +
      'Not Theorem 3.1 under its own hypothesis: Assumption 3.1 admits only ε ≡ 0 (asm:3.1), where thm:3.1:sharp decides the rate exactly.',
    latex: String.raw`\|h(t)\|_*^2 \lesssim e^{-2(\mu-\epsilon)t}H(0),\ \epsilon=\epsilon_0C_1,\ \nabla f(\theta)=\omega_0^2\theta+\varepsilon(\theta)`,
    hypotheses: ['hGammaPos: γ > 0', 'hOmegaPos: ω₀ > 0', 'hSmallPerturbation: ε odd, bounded, smooth, small (Assumption 3.1 itself admits only ε ≡ 0, asm:3.1)', 'hD1: d = 1'],
    check: makePerturbedCheck((w, g) => ratesFloat(w, g).printed2mu),
    derive: perturbedDerivation,
    uses: ['thm:3.1:sharp', 'asm:3.1'],
  },
  {
    id: 'fig:3.1',
    source: 'Figure 3.1 and the paragraph after Remark 3.2',
    statement: 'ASGD on f(θ) = θ² (f₁ = (θ−1)² − 1, f₂ = (θ+1)² − 1), averaged over 1000 simulations from θ₀ = 1, verifies Remarks 3.1 and 3.2: (a) rates vs η at κ = 0.98, (b) rates vs κ at η = 0.01, (c) ASGD vs SGD in time',
    hypotheses: ['hLoss: ∇f = 2θ (ω₀² = 2)', 'hStaleness: P(τ = l) = (1−κ)κ^l', 'hRuns: 1000 runs, θ₀ = 1'],
    check: fig31Check,
    uses: ['fig:3.1:a', 'fig:3.1:b', 'fig:3.1:c'],
  },
  {
    id: 'fig:3.1:a',
    source: 'Figure 3.1(a) and its discussion',
    statement: 'When κ = 0.98, the threshold for the learning rate is (1−κ)/4 = 0.005: above it the convergence rate is the same; below it, as the learning rate becomes smaller, the convergence of ASGD becomes slower',
    hypotheses: ['hKappa: κ = 0.98', 'hLoss: ∇f = 2θ (ω₀² = 2)'],
    check: makeFig31aCheck(1),
  },
  {
    id: 'fig:3.1:b',
    source: 'Figure 3.1(b) and its discussion',
    statement: 'When the learning rates are all above the threshold (η = 0.01), as the staleness rate becomes larger, it takes a longer time for ASGD to converge',
    hypotheses: ['hEta: η = 0.01', 'hAbove: η > (1−κ)/(4ω₀²) for every κ shown'],
    check: fig31bCheck,
  },
  {
    id: 'fig:3.1:c',
    source: 'Figure 3.1(c) and its discussion',
    statement: 'When the staleness rate is 0.96, it takes 2 local workers for ASGD to converge faster than SGD in time',
    hypotheses: ['hKappa: κ = 0.96', 'hEta: η = 0.01 (as in (b); not stated for (c))', 'hTime: m workers, one gradient per worker per unit time'],
    check: fig31cCheck,
  },
  {
    id: 'rem:3.1:simulation',
    source: 'Remark 3.1, (3.7), against simulation',
    statement: 'The dominant decay e^{−2μt} of ASGD after k steps has μt = (1−κ)k when η > (1−κ)/(4ω₀²) and μt = (1−κ)k − √((1−κ)² − 4ω₀²(1−κ)η)·k when η < (1−κ)/(4ω₀²)',
    latex: String.raw`\mu t=(1-\kappa)k\ (\eta>\tfrac{1-\kappa}{4\omega_0^2}),\quad \mu t=(1-\kappa)k-\sqrt{(1-\kappa)^2-4\omega_0^2(1-\kappa)\eta}\,k`,
    hypotheses: ['hSmallEta: η small (SME valid)', 'hEps0: ε₀ small'],
    check: makeRem31Check(printedMeanRate),
    uses: ['thm:3.1:sharp'],
  },
  {
    id: 'rem:3.2:simulation',
    source: 'Remark 3.2, against simulation',
    statement: 'For single batch SGD the decay rate is e^{−2k} after k steps, for ASGD e^{−2(1−κ)k} after k gradients, e^{−2(1−κ)mk} with m workers in the same time; so ASGD is more efficient than SGD as long as (1−κ)m > 1',
    hypotheses: ['hAbove: η > (1−κ)/(4ω₀²)', 'hWorkers: m local workers', 'hEps0: ε₀ small'],
    check: rem32Check,
    uses: ['rem:3.1:simulation'],
  },
];
