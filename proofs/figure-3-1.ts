/**
 * # Section 3 — Figure 3.1: ASGD on a quadratic loss, simulated (data and panels)
 *
 * The setting is read from a record (`figureSpec`): the printed loss and its components (the
 * curvature ω₀² and the offsets of ∇fᵢ = ω₀²θ + bᵢ are derived from them exactly), the number of
 * runs, θ₀, and each panel's printed η or κ; the η and κ values of the legends, which the text does
 * not print, are run settings (`options`). Measured quantity: the mean E θ_k over runs, whose decay
 * rate is that of the degree-one Hermite component of h, so ‖h‖²_* ∝ e^{−2μt} predicts
 * E θ_k ∝ e^{−μt}.
 *
 * ## References
 * [an_lu_ying_2020] (ASGD with geometric staleness).
 */
import type { PlotSpec } from '../src/claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../src/claim-record.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { Poly } from '../symbolic/poly.ts';
import { LangError } from '../symbolic/lang/index.ts';
import { parseParamExpr } from '../symbolic/lang/param.ts';
import { langSymbols } from '../src/procedures/common.ts';
import { meanRecurrenceFacts, simulateAsgd, type PathStats } from '../numeric/asgd.ts';
import { simulateSme, smeParameters } from '../numeric/sde.ts';
import { geometricRate, jackknife, pronyRate, signalWindow, type RateEstimate } from '../numeric/stats.ts';
import { PhiloxRng } from '../numeric/rng.ts';
import { runTasks } from '../numeric/parallel.ts';
import { sharedPromise } from '../numeric/shared-promise.ts';

/** The setting of Figure 3.1 and its panels. */
export interface FigureSpec {
  /** ω₀² = f″ of the loss. */
  omega0Sq: number;
  /** bᵢ of ∇fᵢ = ω₀²θ + bᵢ. */
  offsets: number[];
  theta0: number;
  /** Runs at effort 1. */
  runs: number;
  a: { kappa: number; etas: number[]; steps: number };
  b: { eta: number; kappas: number[]; steps: number };
  c: { kappa: number; eta: number; steps: number; workers: number[] };
}

/**
 * The figure command's setting (`hypocheck figure`); the claims read theirs from their records
 * (test/proofs/figure-3-1.test.ts checks that the paper's records give this one).
 */
export const DEFAULT_FIGURE_SPEC: FigureSpec = {
  omega0Sq: 2,
  offsets: [-2, 2],
  theta0: 1,
  runs: 1000,
  a: { kappa: 0.98, etas: [0.02, 0.01, 0.004, 0.002, 0.001], steps: 3000 },
  b: { eta: 0.01, kappas: [0.97, 0.98, 0.99], steps: 2000 },
  c: { kappa: 0.96, eta: 0.01, steps: 1500, workers: [1, 2, 4] },
};

/** Printed data that parse but cannot hold (κ ∉ [0, 1), components not averaging to the loss): the claim is read, and undecidable as printed. */
export class PrintedDataError extends Error {}

/** A printed number (a decimal, a fraction or any constant expression) exactly. */
export function printedRational(v: unknown, what: string, record: ClaimRecord, env: ProcedureEnv): Rational {
  const e = parseParamExpr(String(v), langSymbols(env, record));
  const n = e.num.constantValue(), d = e.den.constantValue();
  if (!n || !d || Object.keys(e.roots).length) throw new PrintedDataError(`${what}: expected a number, got ${JSON.stringify(v)}`);
  return n.div(d);
}

const inUnit = (x: Rational, what: string): number => {
  if (x.sign() < 0 || !x.lt(q(1))) throw new PrintedDataError(`${what} = ${x} is outside [0, 1)`);
  return x.toNumber();
};
const positive = (x: Rational, what: string): number => {
  if (x.sign() <= 0) throw new PrintedDataError(`${what} = ${x} must be > 0`);
  return x.toNumber();
};

/**
 * The loss as printed: `loss: "theta^2"`, `components: ["(theta - 1)^2 - 1", …]`. Each component
 * must be quadratic with the loss's curvature, and their average must be the loss (exact).
 */
export function lossModel(record: ClaimRecord, env: ProcedureEnv, setup: Record<string, unknown>): { omega0Sq: number; offsets: number[] } {
  // theta is the loss's own variable: the file's definitions (which may name theta) do not apply.
  const syms = { ...langSymbols(env, record), definitions: [] };
  const poly = (t: unknown) => {
    const e = parseParamExpr(String(t), syms, ['theta']);
    const c = e.den.constantValue();
    if (!c || Object.keys(e.roots).length) throw new LangError(`loss "${String(t)}" must be a polynomial in theta`);
    return e.num.scale(c.inv());
  };
  const loss = poly(setup.loss);
  const comps = (setup.components as unknown[] | undefined ?? []).map(poly);
  if (comps.length === 0) throw new LangError('setup.components: the loss components are needed (the gradient noise)');
  const curv = loss.diff('theta').diff('theta');
  if (!curv.constantValue() || loss.totalDegree() > 2 || curv.constantValue()!.sign() <= 0) throw new PrintedDataError(`the loss ${loss.toString()} must be a convex quadratic in theta`);
  const avg = comps.reduce((a, p) => a.add(p), Poly.ZERO).scale(q(1, comps.length));
  if (!avg.equals(loss)) throw new PrintedDataError(`the components average to ${avg.toString()}, not the loss ${loss.toString()}`);
  const offsets = comps.map((p) => {
    if (!p.diff('theta').diff('theta').equals(curv)) throw new PrintedDataError('every component must have the loss\'s curvature');
    return p.diff('theta').subs({ theta: 0 }).constantValue()!.toNumber();
  });
  return { omega0Sq: curv.constantValue()!.toNumber(), offsets };
}

/**
 * The figure's setting from a record: `setup` (the printed caption) and, for the panel the record
 * is about, its printed `kappa` (a, c) or `eta` (b); the legends' values are `options`. Panels the
 * record does not speak of keep the figure command's setting (they share its simulations).
 */
export function figureSpec(record: ClaimRecord, env: ProcedureEnv, panel?: 'a' | 'b' | 'c'): FigureSpec {
  const setup = (record.setup ?? {}) as Record<string, unknown>;
  const o = (record.options ?? {}) as Record<string, unknown>;
  const { omega0Sq, offsets } = lossModel(record, env, setup);
  const arr = (v: unknown, d: number[]) => (Array.isArray(v) ? v.map((x) => Number(x)) : d);
  const D = DEFAULT_FIGURE_SPEC;
  const rat = (v: unknown, what: string) => printedRational(v, what, record, env);
  const runs = Math.round(positive(rat(setup.runs, 'setup.runs'), 'setup.runs'));
  const theta0 = rat(setup.theta0, 'setup.theta0');
  if (theta0.isZero()) throw new PrintedDataError('setup.theta0 = 0: the mean stays 0, no rate to measure');
  return {
    omega0Sq,
    offsets,
    theta0: theta0.toNumber(),
    runs,
    a: { kappa: panel === 'a' ? inUnit(rat(record.kappa, 'kappa'), 'kappa') : D.a.kappa, etas: arr(o.etas, D.a.etas), steps: Number(o.stepsA ?? D.a.steps) },
    b: { eta: panel === 'b' ? positive(rat(record.eta, 'eta'), 'eta') : D.b.eta, kappas: arr(o.kappas, D.b.kappas), steps: Number(o.stepsB ?? D.b.steps) },
    c: { kappa: panel === 'c' ? inUnit(rat(record.kappa, 'kappa'), 'kappa') : D.c.kappa, eta: Number(o.etaC ?? D.c.eta), steps: Number(o.stepsC ?? D.c.steps), workers: arr(o.workers, D.c.workers) },
  };
}

/** The outcome of a module whose printed data cannot hold: inconclusive, with the reason as decisive evidence. */
export function printedDataFailure(e: unknown): { verdict: 'inconclusive'; method: 'simulation'; summary: string; evidence: Record<string, unknown>; decisive: string } | undefined {
  if (!(e instanceof PrintedDataError)) return undefined;
  return { verdict: 'inconclusive', method: 'simulation', summary: `printed data cannot hold: ${e.message}`, evidence: { reason: e.message }, decisive: `printed data: ${e.message}` };
}

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
  spec: FigureSpec;
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
  /** The setting; read from a record with `figureSpec`. @defaultValue DEFAULT_FIGURE_SPEC (the figure command) */
  spec?: FigureSpec;
  /** Ctrl-C: the simulations stop (the promise rejects with its reason). */
  signal?: AbortSignal;
}

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

const settingCache = new Map<string, Promise<SimSetting>>();

/** One ASGD setting of the figure: everything its simulation depends on (a worker task, numeric/parallel.ts). */
export interface SettingTask {
  spec: Pick<FigureSpec, 'omega0Sq' | 'offsets' | 'theta0'>;
  eta: number;
  kappa: number;
  steps: number;
  runs: number;
  seed: number;
  stream: number;
}

const simulationKey = (t: SettingTask): string => JSON.stringify([t.spec.omega0Sq, t.spec.offsets, t.spec.theta0, t.eta, t.kappa, t.steps, t.runs, t.seed, t.stream]);

/**
 * The settings of `tasks`, cached by everything they depend on (a planted panel datum re-simulates
 * only that panel); the uncached ones on worker threads (numeric/parallel.ts runTasks: the calling
 * thread checks other claims meanwhile). Concurrent callers share each setting's computation.
 */
function simulateSettings(tasks: readonly SettingTask[], progress: (message: string) => void, signal?: AbortSignal): Promise<SimSetting[]> {
  const missing = tasks.filter((t, i) => !settingCache.has(simulationKey(t)) && tasks.findIndex((u) => simulationKey(u) === simulationKey(t)) === i);
  if (missing.length) {
    let finished = 0;
    const fresh = runTasks('asgdSetting', missing, {
      inThread: simulateSettingTask,
      signal,
      onResult: (i) => progress(`figure 3.1: ${++finished}/${missing.length} settings (η = ${missing[i].eta}, κ = ${missing[i].kappa}, ${missing[i].runs} runs)`),
    });
    missing.forEach((t, i) => sharedPromise(settingCache, simulationKey(t), () => fresh.then((all) => all[i])));
  }
  return Promise.all(tasks.map((t) => settingCache.get(simulationKey(t))!));
}

/** One setting simulated (in-thread, or on a worker: same code, same numbers). */
export function simulateSettingTask(t: SettingTask): SimSetting {
  const { spec, eta, kappa, steps, runs, seed, stream } = t;
  const stats = simulateAsgd({ eta, kappa, steps, runs, theta0: spec.theta0, omega0Sq: spec.omega0Sq, offsets: spec.offsets, rng: new PhiloxRng(seed, stream) });
  const { fit, window } = fitMean(stats, kappa === 0);
  const ex = meanRecurrenceFacts(q(String(eta)), q(String(kappa)), q(String(spec.omega0Sq)));
  return { eta, kappa, steps, stats, fit, window, exactRate: ex.ratePerStep, complexRoots: ex.complex };
}

const figureCache = new Map<string, Promise<Figure31Data>>();
const smeCache = new Map<string, Figure31Data['sme']>();

/** The SME (2.2) by Euler–Maruyama at (η, κ) = (0.01, 0.98), noise Σ = 2 (sd of ∇fᵢ − ∇f): evidence for rem:3.1. */
function smeRun(omega0Sq: number, runs: number, seed: number): Figure31Data['sme'] {
  const key = JSON.stringify([omega0Sq, runs, seed]);
  const hit = smeCache.get(key);
  if (hit) return hit;
  const smeEta = 0.01, smeKappa = 0.98;
  const { gamma, deltaT } = smeParameters(smeEta, smeKappa);
  const tau = (smeEta ** 0.75 / (1 - smeKappa) ** 0.25) * 2;
  const dt = 0.01;
  const sme = simulateSme({ omega0Sq: omega0Sq, gamma, tau, dt, steps: 1500, paths: runs, rng: new PhiloxRng(seed, 300) });
  const end = Math.max(24, signalWindow(sme.meanTheta, sme.stderrTheta, 0, FIT_SNR));
  const smeFull = pronyRate(sme.meanTheta, 0, end).rate / dt;
  const smeHalf = [0, 1].map((h) => {
    const r = simulateSme({ omega0Sq: omega0Sq, gamma, tau, dt, steps: end, paths: Math.max(50, Math.floor(runs / 2)), rng: new PhiloxRng(seed, 301 + h) });
    return pronyRate(r.meanTheta, 0, end).rate / dt;
  });
  const smeSe = Math.abs(smeHalf[0] - smeHalf[1]) / Math.SQRT2;
  const out = { eta: smeEta, kappa: smeKappa, gamma, deltaT, paths: runs, ratePerTime: { rate: smeFull, se: smeSe, ci95: [smeFull - 1.96 * smeSe, smeFull + 1.96 * smeSe] as [number, number] }, ratePerStep: smeFull * deltaT };
  smeCache.set(key, out);
  return out;
}

/** All simulations behind Figure 3.1 and Remarks 3.1–3.2 (cached per seed, effort and spec; concurrent callers share one computation). */
export function figure31Data(options: Figure31Options): Promise<Figure31Data> {
  const { seed, effort = 1, spec = DEFAULT_FIGURE_SPEC } = options;
  if (!(effort > 0)) return Promise.reject(new RangeError(`figure31Data: effort must be > 0, got ${effort}`));
  return sharedPromise(figureCache, `${seed}:${effort}:${JSON.stringify(spec)}`, () => computeFigure31Data(options));
}

async function computeFigure31Data(options: Figure31Options): Promise<Figure31Data> {
  const { seed, effort = 1, progress = () => {}, spec = DEFAULT_FIGURE_SPEC, signal } = options;
  const FIG_A = spec.a, FIG_B = spec.b, FIG_C = spec.c;
  const t0 = performance.now();
  const runs = Math.max(100, Math.round(spec.runs * Math.min(effort, 1)));
  // Streams as numbered since the first version: (a) 0, 1, …; (b) 100 + the running count, for the
  // κ not shared with (a); (c) 200 (ASGD) and 201 (SGD).
  const sim = (eta: number, kappa: number, steps: number, stream: number): SettingTask => ({ spec: { omega0Sq: spec.omega0Sq, offsets: spec.offsets, theta0: spec.theta0 }, eta, kappa, steps, runs, seed, stream });
  let stream = 0;
  const aTasks = FIG_A.etas.map((eta) => sim(eta, FIG_A.kappa, FIG_A.steps, stream++));
  const bTasks = FIG_B.kappas.map((kappa) => aTasks.find((t) => t.kappa === kappa && t.eta === FIG_B.eta) ?? sim(FIG_B.eta, kappa, FIG_B.steps, 100 + stream++));
  const cTasks = [sim(FIG_C.eta, FIG_C.kappa, FIG_C.steps, 200), sim(FIG_C.eta, 0, FIG_C.steps, 201)];
  progress(`figure 3.1: ${aTasks.length + bTasks.length + cTasks.length} ASGD settings, ${runs} runs each`);
  const settings = await simulateSettings([...aTasks, ...bTasks, ...cTasks], progress, signal);
  const a = settings.slice(0, aTasks.length);
  const b = settings.slice(aTasks.length, aTasks.length + bTasks.length);
  const [cAsgd, cSgd] = settings.slice(aTasks.length + bTasks.length);
  progress('SME (2.2): Euler–Maruyama');
  const sme = smeRun(spec.omega0Sq, runs, seed);
  const data: Figure31Data = {
    spec,
    runs,
    seed,
    a,
    b,
    cAsgd,
    cSgd,
    workers: FIG_C.workers,
    sme,
    ms: Math.round(performance.now() - t0),
  };
  return data;
}

/** Per-step decay rate of the mean as printed in (3.7) (μt/k), for loss ω₀². */
export function printedMeanRate(eta: number, kappa: number, omega0Sq: number = DEFAULT_FIGURE_SPEC.omega0Sq): number {
  const disc = (1 - kappa) ** 2 - 4 * omega0Sq * (1 - kappa) * eta;
  return disc <= 0 ? 1 - kappa : 1 - kappa - Math.sqrt(disc);
}

/** The same with the corrected μ = min Re λ(Q) (half of (3.7)). */
export function correctedMeanRate(eta: number, kappa: number, omega0Sq: number = DEFAULT_FIGURE_SPEC.omega0Sq): number {
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
  const FIG_A = data.spec.a, FIG_B = data.spec.b, FIG_C = data.spec.c;
  const seriesFor = (settings: SimSetting[], label: (s: SimSetting) => string, upTo: number): Series[] =>
    settings.flatMap((s, i) => [
      { name: label(s), points: thin(s.stats.mean, 1, 300, Math.min(upTo, s.steps + 1)), color: COLORS[i % COLORS.length] },
      { name: `(3.7) e^{−μt}, ${label(s)}`, points: envelope(printedMeanRate(s.eta, s.kappa, data.spec.omega0Sq), Math.min(upTo, s.steps), 1), color: COLORS[i % COLORS.length], dashed: true },
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

/** The printed setting as it enters every decisive string (runs, θ₀, the loss's ω₀² and offsets). */
export function settingKey(data: { runs: number; spec: FigureSpec }): string {
  return `runs ${data.runs}, θ₀ ${data.spec.theta0}, ω₀² ${data.spec.omega0Sq}, b ${data.spec.offsets.join(',')}`;
}
