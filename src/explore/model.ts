/**
 * What the explorer page (`hypocheck explore`) shows, computed without the DOM: the object
 * `hypocheck constants --json` prints (through the very same `constantsPoint` of
 * src/commands/constants.ts), plus what the page adds around it — eigenvalues of K − 2μP, SGD's
 * rates and Remark 3.2's break-even m, and the sweeps behind the plots. Runs in Node (tests) and,
 * bundled by src/explore/bundle.ts, in the browser.
 */
import { constantsPoint, resolveFlags, pointOptions, MAGNITUDE, type ConstantsFlags, type ConstantsJson } from '../commands/constants.ts';
import { computeConstants, constantsGrid, type GridRow } from '../../symbolic/constants.ts';
import { lyapunovGap, printedConstants, provedConstants, type CaseConstants } from '../../symbolic/lyapunov.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { linePlot } from '../plot.ts';

/** The page's inputs: the flags of `hypocheck constants` (strings, as typed), without --grid. */
export type ExploreFlags = Pick<ConstantsFlags, 'omega0' | 'gamma' | 'beta' | 'eta' | 'kappa' | 'sigma' | 'delta' | 'eps0'>;

/** Exactly what `hypocheck constants … --json` prints for these flags (parsed); throws its UsageError. */
export function constantsJson(flags: ExploreFlags): ConstantsJson {
  return constantsPoint(cliFlags(flags)).json;
}

/** The flags object commander would hand `constants` (empty strings dropped, grid defaults filled). */
export function cliFlags(flags: ExploreFlags): ConstantsFlags {
  const f: ConstantsFlags = { from: '0.2', to: '4', points: '39', out: 'constants' };
  for (const k of ['omega0', 'gamma', 'beta', 'eta', 'kappa', 'sigma', 'delta', 'eps0'] as const) {
    const v = flags[k];
    if (v !== undefined && v.trim() !== '') f[k] = v;
  }
  return f;
}

/** The equivalent command line (for copying into a terminal). */
export function commandLine(flags: ExploreFlags): string {
  const f = cliFlags(flags);
  const parts = ['hypocheck', 'constants'];
  for (const k of ['omega0', 'gamma', 'beta', 'eta', 'kappa', 'sigma', 'delta', 'eps0'] as const) {
    if (f[k] !== undefined) parts.push(`--${k}`, /^[\w.+\-/]+$/.test(f[k]!) ? f[k]! : `'${f[k]!.replace(/'/g, "'\\''")}'`);
  }
  return [...parts, '--json'].join(' ');
}

/** Eigenvalues (ascending) of the symmetric 2×2 [[a, b], [b, d]]. */
export function symmetricEigenvalues(a: number, b: number, d: number): [number, number] {
  const mid = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  return [mid - r, mid + r];
}

/** Eigenvalues of K − 2μP (4.6) for a case's constants at the point (numbers). */
function gapEigenvalues(k: CaseConstants, at: Record<string, number>): [number, number] {
  const m = lyapunovGap(k.mu, { C: k.C, Ch: k.Ch });
  const e = (i: number, j: number) => m.get(i, j).evaluateNumber(at);
  return symmetricEigenvalues(e(0, 0), e(0, 1), e(1, 1));
}

export interface Rates {
  /** ‖h‖² ≲ e^{−r k}: r printed (3.7) / proved; null where not defined. */
  printed: number | null;
  proved: number;
}

export interface ExploreExtras {
  /** Eigenvalues of K − 2μP at the proved μ (≥ 0: (4.6) holds) and at the printed μ (one < 0: refuted). */
  gapProved: [number, number];
  gapPrinted: [number, number] | null;
  /** ASGD parametrisation only: per-step rates of ASGD (3.7), of SGD ((3.7) at κ = 0, same η), Remark 3.2's break-even m. */
  steps: null | {
    asgd: Rates;
    sgd: Rates & { regime: string };
    /** Remark 3.2: ASGD with m workers beats SGD when (1 − κ)m > 1, i.e. m > 1/(1 − κ). */
    breakEvenRemark: number;
    /** m* = SGD rate / ASGD rate with the printed rates of (3.7) and with the proved ones. */
    breakEvenPrinted: number | null;
    breakEvenProved: number;
  };
}

/** The page's additions around the constants JSON (same validation, same point). */
export function exploreExtras(flags: ExploreFlags, json: ConstantsJson = constantsJson(flags)): ExploreExtras {
  const f = cliFlags(flags);
  const resolved = resolveFlags(f);
  const { delta } = pointOptions(f, resolved);
  const w = json.omega0;
  const g = json.gamma;
  const at = { omega0: w, gamma: g, s: Math.sqrt(Math.max(g * g - 4 * w * w, 0)), delta: (delta ?? resolved.omega0.mul(q(1, 10))).toNumber() };
  const gapProved = gapEigenvalues(provedConstants(json.regime), at);
  const gapPrinted = json.regime === 'case3' ? null : gapEigenvalues(printedConstants(json.regime), at);
  let steps: ExploreExtras['steps'] = null;
  if (resolved.asgd && json.stepExponent) {
    const { eta, kappa } = resolved.asgd;
    const etaExact = Rational.parse(f.eta!);
    // SGD = (3.7) at κ = 0 with the same η and ω₀: γ² = 1/η (β does not enter the rates).
    const sgd = computeConstants({ omega0: resolved.omega0, gammaSquared: q(1).div(etaExact), beta: resolved.beta, delta, steps: { eta, kappa: 0 } });
    const sgdRates = sgd.stepExponent!;
    const asgd = json.stepExponent;
    steps = {
      asgd: { printed: asgd.printed, proved: asgd.proved },
      sgd: { printed: sgdRates.printed, proved: sgdRates.proved, regime: sgd.regimeText },
      breakEvenRemark: 1 / (1 - kappa),
      breakEvenPrinted: asgd.printed === null || sgdRates.printed === null ? null : sgdRates.printed / asgd.printed,
      breakEvenProved: sgdRates.proved / asgd.proved,
    };
  }
  return { gapProved, gapPrinted, steps };
}

/** One of 10^k·{1, 2, 5} at or below x (grid ends with short decimals, exact as rationals). */
function niceBelow(x: number): Rational {
  const k = Math.floor(Math.log10(x));
  const m = x / 10 ** k;
  const lead = m >= 5 ? 5 : m >= 2 ? 2 : 1;
  return k >= 0 ? q(lead * 10 ** k) : q(lead, 10 ** -k);
}

export interface Sweeps {
  /** γ/ω₀ sweep at the point's ω₀, β, δ (the rows of `constants --grid`). */
  ratio: GridRow[];
  /** β sweep (log-spaced, β/100 … 100β within [1e-6, 1e6]) at the point's ω₀, γ, δ. */
  beta: { beta: number; muPrinted: number | null; muProved: number; epsOverEps0: number }[];
  /** The point itself: γ/ω₀. */
  ratioAt: number;
}

/** The sweeps behind the page's four plots. */
export function exploreSweeps(flags: ExploreFlags, json: ConstantsJson = constantsJson(flags)): Sweeps {
  const f = cliFlags(flags);
  const resolved = resolveFlags(f);
  const { delta } = pointOptions(f, resolved);
  const ratioAt = json.gamma / json.omega0;
  // 0.2 … 4 in steps of 0.05 (γ/ω₀ = 2 lands on case 3), widened to hold the point.
  let from = q(1, 5);
  let to = q(4);
  let points = 77;
  if (ratioAt < 0.3 || ratioAt > 3.5) {
    from = ratioAt < 0.3 ? niceBelow(ratioAt / 2) : from;
    to = ratioAt > 3.5 ? niceBelow(ratioAt * 3) : to;
    points = 81;
  }
  const ratio = constantsGrid({ omega0: resolved.omega0, beta: resolved.beta, from, to, points, delta }).filter((r) => Number.isFinite(r.muProved) && Number.isFinite(r.epsOverEps0));
  const beta: Sweeps['beta'] = [];
  const lo = Math.max(MAGNITUDE.min, json.beta / 100);
  const hi = Math.min(MAGNITUDE.max, json.beta * 100);
  const n = 41;
  for (let i = 0; i < n; i++) {
    const b = lo * (hi / lo) ** (i / (n - 1));
    const r = computeConstants({ omega0: resolved.omega0, gammaSquared: resolved.gammaSquared!, beta: b, delta });
    if (Number.isFinite(r.epsOverEps0)) beta.push({ beta: b, muPrinted: r.muPrinted, muProved: r.muProved, epsOverEps0: r.epsOverEps0 });
  }
  return { ratio, beta, ratioAt };
}

/** The four SVG plots: μ and C₁ = ε/ε₀ against γ/ω₀ and against β, the current point marked. */
export function explorePlots(json: ConstantsJson, s: Sweeps): { muRatio: string; c1Ratio: string; muBeta: string; c1Beta: string } {
  const here = 'this point';
  const lb = Math.log10(json.beta);
  const muRatio = linePlot({
    title: `μ against γ/ω₀ (ω₀ = ${fmt(json.omega0)}, β = ${fmt(json.beta)})`,
    xLabel: 'γ/ω₀',
    yLabel: 'μ',
    width: 560,
    height: 340,
    series: [
      { name: 'printed (3.6)', points: s.ratio.filter((r) => r.muPrinted !== null).map((r) => [r.ratio, r.muPrinted!] as const) },
      { name: 'proved', points: s.ratio.map((r) => [r.ratio, r.muProved] as const), dashed: true },
      { name: here, points: [[s.ratioAt, json.muProved]], markers: true, color: '#000000' },
    ],
  });
  const c1Ratio = linePlot({
    title: `C₁ = ε/ε₀ (corrected) against γ/ω₀`,
    xLabel: 'γ/ω₀',
    yLabel: 'ε/ε₀',
    logY: true,
    width: 560,
    height: 340,
    series: [
      { name: 'ε/ε₀ (proof)', points: s.ratio.map((r) => [r.ratio, r.epsOverEps0] as const) },
      { name: here, points: [[s.ratioAt, json.epsOverEps0]], markers: true, color: '#000000' },
    ],
  });
  const muBeta = linePlot({
    title: `μ against β (γ = ${fmt(json.gamma)}; μ does not depend on β)`,
    xLabel: 'log₁₀ β',
    yLabel: 'μ',
    width: 560,
    height: 340,
    series: [
      ...(json.muPrinted === null ? [] : [{ name: 'printed (3.6)', points: s.beta.map((r) => [Math.log10(r.beta), r.muPrinted!] as const) }]),
      { name: 'proved', points: s.beta.map((r) => [Math.log10(r.beta), r.muProved] as const), dashed: true },
      { name: here, points: [[lb, json.muProved]], markers: true, color: '#000000' },
    ],
  });
  const c1Beta = linePlot({
    title: `C₁ = ε/ε₀ (corrected) against β (through C₂)`,
    xLabel: 'log₁₀ β',
    yLabel: 'ε/ε₀',
    logY: true,
    width: 560,
    height: 340,
    series: [
      { name: 'ε/ε₀ (proof)', points: s.beta.map((r) => [Math.log10(r.beta), r.epsOverEps0] as const) },
      { name: here, points: [[lb, json.epsOverEps0]], markers: true, color: '#000000' },
    ],
  });
  return { muRatio, c1Ratio, muBeta, c1Beta };
}

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

export interface ExploreResult {
  ok: true;
  json: ConstantsJson;
  extras: ExploreExtras;
  sweeps: Sweeps;
  command: string;
}

export interface ExploreError {
  ok: false;
  /** The line `hypocheck constants` prints on stderr for these flags (exit 2). */
  error: string;
  command: string;
}

/** Everything the page shows, or the CLI's error line. */
export function explore(flags: ExploreFlags): ExploreResult | ExploreError {
  const command = commandLine(flags);
  try {
    const json = constantsJson(flags);
    return { ok: true, json, extras: exploreExtras(flags, json), sweeps: exploreSweeps(flags, json), command };
  } catch (err) {
    const usage = err instanceof Error && (err.name === 'UsageError' || err instanceof RangeError);
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, error: usage ? `hypocheck: ${msg}` : `hypocheck: internal error: ${msg}`, command };
  }
}
