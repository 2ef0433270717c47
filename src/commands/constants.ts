/**
 * `hypocheck constants`: the regime, eigenvalues of Q, μ (printed and proved), C, Ĉ, P, C₂, C₁,
 * ε/ε₀ and decay exponents for given parameters; `--grid` sweeps γ/ω₀ and writes CSV + SVG.
 * Computation in symbolic/constants.ts; here only flags, files and printing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError, echoArg, parseNumberFlag, prepareOutputDir } from '../errors.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { asgdParameters, computeConstants, constantsGrid, type ConstantsReport, type GridRow } from '../../symbolic/constants.ts';
import { linePlot } from '../plot.ts';

export interface ConstantsFlags {
  omega0?: string;
  gamma?: string;
  beta?: string;
  eta?: string;
  kappa?: string;
  sigma?: string;
  delta?: string;
  eps0?: string;
  grid?: boolean;
  from: string;
  to: string;
  points: string;
  out: string;
  json?: boolean;
}

/** Magnitudes the constants stay finite for (C₂² · max{1, C} overflows doubles well before 1e308). */
export const MAGNITUDE = { min: 1e-6, max: 1e6 } as const;
const RANGE_TEXT = "[1e-6, 1e6]";

/** A positive parameter outside MAGNITUDE is a usage error naming the range. */
function inRange(flag: string, value: string, x: number): void {
  if (x !== 0 && (Math.abs(x) < MAGNITUDE.min || Math.abs(x) > MAGNITUDE.max)) {
    throw new UsageError(`${flag} must have magnitude in ${RANGE_TEXT}, got ${echoArg(value)}`);
  }
}

/** Parse a flag as an exact rational (after the finite-number and range checks). */
function exact(flag: string, value: string, opts: { positive?: boolean; nonNegative?: boolean } = {}): Rational {
  inRange(flag, value, parseNumberFlag(flag, value));
  const r = Rational.parse(value);
  if (opts.positive && r.sign() <= 0) throw new UsageError(`${flag} must be > 0, got ${value}`);
  if (opts.nonNegative && r.sign() < 0) throw new UsageError(`${flag} must be ≥ 0, got ${value}`);
  return r;
}

export interface Resolved {
  omega0: Rational;
  gammaSquared?: Rational;
  beta: number;
  steps?: { eta: number; kappa: number };
  asgd?: { eta: number; kappa: number; sigma: number; tau: number };
}

/** Validate flags: either --gamma and --beta, or --eta, --kappa, --sigma (β derived); --omega0 always. */
export function resolveFlags(f: ConstantsFlags): Resolved {
  if (f.omega0 === undefined) throw new UsageError('constants: --omega0 is required');
  const omega0 = exact('--omega0', f.omega0, { positive: true });
  const asgd = f.eta !== undefined || f.kappa !== undefined || f.sigma !== undefined;
  if (asgd) {
    if (f.gamma !== undefined || f.beta !== undefined) throw new UsageError('constants: give either --gamma/--beta or --eta/--kappa/--sigma, not both');
    if (f.eta === undefined || f.kappa === undefined || f.sigma === undefined) throw new UsageError('constants: the ASGD parametrisation needs --eta, --kappa and --sigma');
    const eta = exact('--eta', f.eta, { positive: true });
    const kappa = exact('--kappa', f.kappa);
    if (kappa.sign() <= 0 || kappa.compare(q(1)) >= 0) throw new UsageError(`--kappa must be in (0, 1), got ${f.kappa}`);
    const sigma = parseNumberFlag('--sigma', f.sigma, { min: 0, exclusiveMin: true });
    inRange('--sigma', f.sigma, sigma);
    const p = asgdParameters(eta, kappa, sigma, omega0);
    return { omega0, gammaSquared: p.gammaSquared, beta: p.beta, steps: { eta: eta.toNumber(), kappa: kappa.toNumber() }, asgd: { eta: eta.toNumber(), kappa: kappa.toNumber(), sigma, tau: p.tau } };
  }
  if (f.beta === undefined) throw new UsageError('constants: --beta is required (or use --eta/--kappa/--sigma)');
  const beta = parseNumberFlag('--beta', f.beta, { min: 0, exclusiveMin: true });
  inRange('--beta', f.beta, beta);
  if (f.grid) return { omega0, beta };
  if (f.gamma === undefined) throw new UsageError('constants: --gamma is required (or --grid, or --eta/--kappa/--sigma)');
  const gamma = exact('--gamma', f.gamma, { positive: true });
  return { omega0, gammaSquared: gamma.mul(gamma), beta };
}

const fmt = (x: number | null): string => (x === null ? '—' : Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x));

/** NaN or ±Infinity anywhere in what would be printed: the inputs left the computable range. */
export function assertFinite(value: unknown): void {
  const bad = (v: unknown): boolean =>
    typeof v === 'number' ? !Number.isFinite(v) : Array.isArray(v) ? v.some(bad) : v !== null && typeof v === 'object' ? Object.values(v).some(bad) : false;
  if (bad(value)) throw new UsageError(`constants: these parameters overflow double precision; keep ω₀, γ, β, η, Σ, ε₀ with magnitudes in ${RANGE_TEXT} and ratios moderate`);
}

/** --delta and --eps0, validated (after resolveFlags, before any grid or point work). */
export function pointOptions(f: ConstantsFlags, r: Resolved): { delta?: Rational; eps0?: number } {
  const delta = f.delta === undefined ? undefined : exact('--delta', f.delta, { positive: true });
  const eps0 = f.eps0 === undefined ? undefined : parseNumberFlag('--eps0', f.eps0, { min: 0, exclusiveMin: true });
  if (eps0 !== undefined) inRange('--eps0', f.eps0!, eps0);
  // Case 3 (γ = 2ω₀) decays at γ/2 − δ = ω₀ − δ: δ must lie in (0, ω₀).
  if (delta !== undefined && delta.compare(r.omega0) >= 0) {
    throw new UsageError(`--delta must be in (0, ω₀) = (0, ${r.omega0.toNumber()}) so that the rate γ/2 − δ of case γ = 2ω₀ is positive, got ${echoArg(f.delta!)}`);
  }
  return { delta, eps0 };
}

/** The object `constants --json` prints: `asgd` (ASGD parametrisation only) then the report. */
export type ConstantsJson = { asgd?: NonNullable<Resolved['asgd']> } & ConstantsReport;

/**
 * One point of `hypocheck constants` (not --grid), pure: flags as strings in, the report and the
 * exact object `--json` prints out; bad flags throw the CLI's UsageError. The explorer page
 * (`hypocheck explore`, src/explore/page.ts) runs this same function in the browser.
 */
export function constantsPoint(f: ConstantsFlags, resolved: Resolved = resolveFlags(f)): { report: ConstantsReport; json: ConstantsJson } {
  const { delta, eps0 } = pointOptions(f, resolved);
  if (resolved.gammaSquared === undefined) throw new UsageError('constants: --gamma is required (or --grid, or --eta/--kappa/--sigma)');
  const report = computeConstants({ omega0: resolved.omega0, gammaSquared: resolved.gammaSquared, beta: resolved.beta, delta, eps0, steps: resolved.steps });
  assertFinite(report);
  return { report, json: { ...(resolved.asgd ? { asgd: resolved.asgd } : {}), ...report } };
}

export function formatReport(r: ConstantsReport, asgd?: Resolved['asgd']): string[] {
  const lines: string[] = [];
  if (asgd) lines.push(`ASGD: η = ${asgd.eta}, κ = ${asgd.kappa}, Σ = ${asgd.sigma} → γ = √((1−κ)/η) = ${fmt(r.gamma)}, τ = ${fmt(asgd.tau)}, β = 2γ/(τ²ω₀⁴) = ${fmt(r.beta)}`);
  lines.push(`${pc.bold('regime')}       ${r.regimeText}   (ω₀ = ${fmt(r.omega0)}, γ = ${fmt(r.gamma)}, β = ${fmt(r.beta)})`);
  lines.push(`${pc.bold('eigenvalues')}  λ(Q) = ${r.eigenvalues.map((e) => (e.im === 0 ? fmt(e.re) : `${fmt(e.re)} ${e.im < 0 ? '−' : '+'} ${fmt(Math.abs(e.im))}i`)).join(', ')};  min Re λ = ${fmt(r.minReLambda)}`);
  lines.push(`${pc.bold('μ printed')}    ${r.muPrinted === null ? '— (case 3 prints μ = γ − δ for all δ > 0: impossible for δ ≤ γ/2)' : `${fmt(r.muPrinted)}  ${pc.red('(refuted: K − 2μP ⋡ 0)')}`}`);
  lines.push(`${pc.bold('μ proved')}     ${fmt(r.muProved)}  ${pc.green(r.regime === 'case3' ? `(= γ/2 − δ, δ = ${fmt(r.delta)}; thm:3.1:case3)` : `(= min Re λ(Q); thm:3.1:${r.regime})`)}`);
  lines.push(`${pc.bold('C, Ĉ')}         C = ${fmt(r.C)}, Ĉ = ${fmt(r.Ch)}   [${r.constantsSource}]`);
  lines.push(`${pc.bold('P')}            [[${fmt(r.P[0][0])}, ${fmt(r.P[0][1])}], [${fmt(r.P[1][0])}, ${fmt(r.P[1][1])}]]   det P = C − Ĉ² = ${fmt(r.C - r.Ch * r.Ch)}`);
  lines.push(`${pc.bold('C₂')}           ${fmt(r.C2)}   (max{1, γ, γ², βγ, βω₀²}/min{1, ω₀²})`);
  lines.push(`${pc.bold('ε/ε₀')}         ${fmt(r.epsOverEps0)}   (proof after (4.7): (11+11C+15Ĉ)C₂²max{1,C}/(C−Ĉ²) — the corrected C₁)`);
  lines.push(`${pc.bold('C₁ printed')}   ${r.c1Printed === null ? `${fmt(r.epsOverEps0)}·ε₀ (contains ε₀; give --eps0)` : `${fmt(r.c1Printed)}  (ε₀·ε/ε₀; printed ε = ε₀C₁ = ${fmt(r.c1Printed * (r.eps! / r.epsOverEps0))})`}`);
  if (r.eps !== null) lines.push(`${pc.bold('ε')}            ${fmt(r.eps)}   (proof)`);
  lines.push(
    `${pc.bold('decay in t')}   ‖h‖² ≲ e^{−r t}: r = ${fmt(r.timeExponent.proved)} proved (2μ)${r.timeExponent.printed === null ? '' : `, ${fmt(r.timeExponent.printed)} printed`}${r.timeExponent.provedWithEps === null ? '' : `, ${fmt(r.timeExponent.provedWithEps)} with ε (2(μ − ε))`}`,
  );
  lines.push(
    r.stepExponent
      ? `${pc.bold('decay in k')}   e^{−r k}, t = k√(η(1−κ)) = ${fmt(r.stepExponent.dt)}k: r = ${fmt(r.stepExponent.proved)} proved${r.stepExponent.printed === null ? '' : `, ${fmt(r.stepExponent.printed)} printed`}`
      : `${pc.bold('decay in k')}   needs --eta/--kappa (t = k√(η(1−κ)))`,
  );
  const ex = r.exactCheck;
  lines.push(
    `${pc.bold('exact check')}  ${typeof ex === 'string' ? ex : `K − 2μP ⪰ 0 at proved μ: ${ex.provedMuHolds}${ex.printedMuFails === null ? '' : `; fails at printed μ: ${ex.printedMuFails}`}`}`,
  );
  return lines;
}

export function gridCsv(rows: GridRow[]): string {
  const head = 'gamma_over_omega0,regime,mu_printed,mu_proved,C,Ch,C2,eps_over_eps0';
  return [head, ...rows.map((r) => [r.ratio, r.regime, r.muPrinted ?? '', r.muProved, r.C, r.Ch, r.C2, r.epsOverEps0].join(','))].join('\n') + '\n';
}

export function gridPlots(rows: GridRow[], omega0: number): { mu: string; c1: string } {
  const mu = linePlot({
    title: `μ against γ/ω₀ (ω₀ = ${omega0})`,
    xLabel: 'γ/ω₀',
    yLabel: 'μ',
    series: [
      { name: 'printed (3.6)', points: rows.filter((r) => r.muPrinted !== null).map((r) => [r.ratio, r.muPrinted!] as const) },
      { name: 'proved', points: rows.map((r) => [r.ratio, r.muProved] as const), dashed: true },
    ],
  });
  const c1 = linePlot({
    title: `ε/ε₀ = C₁ (corrected) against γ/ω₀`,
    xLabel: 'γ/ω₀',
    yLabel: 'ε/ε₀',
    logY: true,
    series: [{ name: 'ε/ε₀ (proof)', points: rows.map((r) => [r.ratio, r.epsOverEps0] as const) }],
  });
  return { mu, c1 };
}

export function registerConstants(program: Command, io: CliIo, _state: CliState): void {
  program
    .command('constants')
    .description('μ, C, Ĉ, P, C₁, C₂, ε/ε₀ and decay exponents of Theorem 3.1 for given parameters')
    .option('--omega0 <x>', 'ω₀ > 0')
    .option('--gamma <x>', `γ > 0 (magnitudes in ${RANGE_TEXT})`)
    .option('--beta <x>', 'β > 0')
    .option('--eta <x>', 'learning rate η > 0 (ASGD parametrisation)')
    .option('--kappa <x>', 'staleness rate κ ∈ (0, 1)')
    .option('--sigma <x>', 'Σ > 0')
    .option('--delta <x>', 'critical case γ = 2ω₀: rate γ/2 − δ (default ω₀/10)')
    .option('--eps0 <x>', 'ε₀ of Assumption 3.1 (for ε and the printed C₁)')
    .option('--grid', 'sweep γ/ω₀ and write CSV and SVG plots')
    .option('--from <x>', 'grid: smallest γ/ω₀', '0.2')
    .option('--to <x>', 'grid: largest γ/ω₀', '4')
    .option('--points <n>', 'grid: number of points', '39')
    .option('--out <dir>', 'grid: output directory', 'constants')
    .option('--json', 'print JSON')
    .action((f: ConstantsFlags) => {
      const r = resolveFlags(f);
      if (f.grid) {
        const { delta } = pointOptions(f, r);
        const from = exact('--from', f.from, { positive: true });
        const to = exact('--to', f.to, { positive: true });
        if (to.compare(from) <= 0) throw new UsageError(`--to must be > --from, got ${f.to} ≤ ${f.from}`);
        const points = parseNumberFlag('--points', f.points, { integer: true, min: 2 });
        const dir = prepareOutputDir('--out', f.out);
        const rows = constantsGrid({ omega0: r.omega0, beta: r.beta, from, to, points, delta });
        assertFinite(rows);
        const plots = gridPlots(rows, r.omega0.toNumber());
        writeFileSync(join(dir, 'constants-grid.csv'), gridCsv(rows));
        writeFileSync(join(dir, 'mu.svg'), plots.mu);
        writeFileSync(join(dir, 'eps-over-eps0.svg'), plots.c1);
        if (f.json) io.out(JSON.stringify({ omega0: r.omega0.toNumber(), beta: r.beta, rows }, null, 2));
        else io.out(`${rows.length} points, γ/ω₀ ∈ [${from.toNumber()}, ${to.toNumber()}]: ${join(f.out, 'constants-grid.csv')}, mu.svg, eps-over-eps0.svg`);
        return;
      }
      const point = constantsPoint(f, r);
      if (f.json) io.out(JSON.stringify(point.json, null, 2));
      else for (const l of formatReport(point.report, r.asgd)) io.out(l);
    });
}
