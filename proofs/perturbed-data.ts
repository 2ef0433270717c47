/**
 * # Section 3 — the data behind `thm:3.1:perturbed`: particles and Galerkin spectra
 *
 * Particles: (2.2) with ∇f = ω₀²θ + ε(θ), ε odd and bounded, by Strang splitting with the exact OU
 * step (numeric/sde.ts); the decay rate ρ of ‖h‖²_* from the mean of ℓ·(Θ, Y) (slow eigenvector).
 * Galerkin: the spectrum of −T + L + R on Hermite polynomials (numeric/perturbed-operator.ts).
 * The setting (ω₀² = 4, γ = 5, τ = 1/2, the perturbation families) is our reading, not printed:
 * the printed rate is read from the record by proofs/perturbed-rate.ts.
 *
 * ## References
 * [an_lu_ying_2020] (SME of ASGD).
 */
import type { Verdict } from '../src/claims.ts';
import { q } from '../symbolic/rational.ts';
import { simulateSmeSplittingShared, type BatchPerturbation, type ObservableStats } from '../numeric/sde.ts';
import { jackknife, logLinearRate, signalWindow, type RateEstimate } from '../numeric/stats.ts';
import { PhiloxRng } from '../numeric/rng.ts';
import { perturbedGap, type GalerkinGap, type Perturbation } from '../numeric/perturbed-operator.ts';
import { runTasks } from '../numeric/parallel.ts';
import { sharedPromise } from '../numeric/shared-promise.ts';


/**
 * Setting of `thm:3.1:perturbed`: the overdamped case of `thm:3.1:sharp` (ω₀² = 4, γ = 5:
 * λ(Q) = {1, 4}, printed 2μ = 4, 2·min Re λ(Q) = 2), τ = 1/2 (β = 5/2), paths scaled by effort.
 */
export const PERTURBED = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.02, steps: 250, paths: 20000, shift: 2, fitStart: 1, snr: 10, stream: 400, groups: 20 };

/** An odd perturbation family a·φ(θ): the stationary law is symmetric, so E_∞Θ = E_∞Y = 0 exactly. */
export interface PerturbationFamily {
  key: string;
  label: string;
  /** ε = a·φ, and its `fill` (the same numbers over an array, one loop: the particles' hot path). */
  eps: (a: number) => BatchPerturbation;
  /** ε′(0)/a, the first-order shift of ω₀². */
  slope0: number;
  amplitudes: number[];
}

export const PERTURBATION_FAMILIES: PerturbationFamily[] = [
  {
    key: 'tanh', label: 'a·tanh(θ)', slope0: 1, amplitudes: [0.4, 0.2, 0.1, 0.05],
    eps: (a) => Object.assign((th: number) => a * Math.tanh(th), {
      fill: (th: Float64Array, out: Float64Array) => {
        for (let p = 0; p < th.length; p++) out[p] = a * Math.tanh(th[p]);
      },
    }),
  },
  {
    key: 'sin-gauss', label: 'a·sin(2θ)e^{−θ²/2}', slope0: 2, amplitudes: [0.4, 0.2, 0.1, 0.05],
    eps: (a) => Object.assign((th: number) => a * Math.sin(2 * th) * Math.exp(-0.5 * th * th), {
      fill: (th: Float64Array, out: Float64Array) => {
        for (let p = 0; p < th.length; p++) out[p] = a * Math.sin(2 * th[p]) * Math.exp(-0.5 * th[p] * th[p]);
      },
    }),
  },
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

/** The particles of a group of runs at one seed: common random numbers (numeric/sde.ts simulateSmeSplittingShared). */
function simulatePerturbed(perturbations: readonly (BatchPerturbation | undefined)[], seed: number, paths: number): ObservableStats[] {
  const P = PERTURBED;
  const m = slowMode(P.omega0Sq, P.gamma);
  return simulateSmeSplittingShared({
    omega0Sq: P.omega0Sq, gamma: P.gamma, tau: P.tau, dt: P.dt, steps: P.steps, paths,
    shift: [P.shift * m.right[0], P.shift * m.right[1]], observable: m.ell, groups: P.groups,
    rng: new PhiloxRng(seed, P.stream),
  }, perturbations);
}

/** The decay rate ρ = 2r of a run's mean of ℓ·(Θ, Y), fitted on its signal window, with a jackknife over path groups. */
function measurePerturbed(family: string, a: number, seed: number, paths: number, stats: ObservableStats): PerturbedRun {
  const P = PERTURBED;
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

/** One particle run, as a worker thread receives it (numeric/parallel.ts): everything it depends on. */
export interface PerturbedTask {
  /** 'none' (ε = 0) or a key of PERTURBATION_FAMILIES. */
  family: string;
  a: number;
  seed: number;
  paths: number;
}

function familyOf(task: PerturbedTask): PerturbationFamily | undefined {
  const f = PERTURBATION_FAMILIES.find((x) => x.key === task.family);
  if (!f && task.family !== 'none') throw new RangeError(`runPerturbedTask: unknown family ${task.family}`);
  return f;
}

/** The run of one task (in-thread, or on a worker: same code, same numbers). */
export function runPerturbedTask(task: PerturbedTask): PerturbedRun {
  return runPerturbedBatch([task])[0];
}

/**
 * The runs of tasks at one seed and path count, on common random numbers: the normals are drawn
 * once; each run equals `runPerturbedTask` of its task, bit for bit.
 */
export function runPerturbedBatch(tasks: readonly PerturbedTask[]): PerturbedRun[] {
  if (tasks.length === 0) return [];
  const { seed, paths } = tasks[0];
  if (tasks.some((t) => t.seed !== seed || t.paths !== paths)) throw new RangeError('runPerturbedBatch: every task of a batch has the same seed and paths');
  const stats = simulatePerturbed(tasks.map((t) => familyOf(t)?.eps(t.a)), seed, paths);
  return tasks.map((t, i) => measurePerturbed(t.family, t.a, seed, paths, stats[i]));
}

/**
 * Runs per batch: the normals are shared within a batch, the batches go to different threads.
 * Nine keeps each seed's runs in one batch (9 at seed, 3 at seed + 1; the Galerkin spectra fill the
 * other thread), so each seed's normals are drawn once: 0.3–0.5 s less CPU than batches of 5.
 */
const BATCH_SIZE = 9;

/** Consecutive tasks of one seed in batches of at most BATCH_SIZE (in order: concatenated, they are `tasks`). */
export function perturbedBatches(tasks: readonly PerturbedTask[]): PerturbedTask[][] {
  const batches: PerturbedTask[][] = [];
  for (const t of tasks) {
    const last = batches[batches.length - 1];
    if (last && last.length < BATCH_SIZE && last[0].seed === t.seed && last[0].paths === t.paths) last.push(t);
    else batches.push([t]);
  }
  return batches;
}

/** The runs of `perturbedData` in order: every family and amplitude plus a = 0 at `seed`, and a = 0 and the smallest a of each family at seed + 1. */
export function perturbedTasks(seed: number, paths: number): PerturbedTask[] {
  const tasks: PerturbedTask[] = [];
  for (const s of [seed, seed + 1]) {
    tasks.push({ family: 'none', a: 0, seed: s, paths });
    for (const f of PERTURBATION_FAMILIES) {
      const amps = s === seed ? f.amplitudes : [Math.min(...f.amplitudes)];
      for (const a of amps) tasks.push({ family: f.key, a, seed: s, paths });
    }
  }
  return tasks;
}

function taskLabel(t: PerturbedTask): string {
  const f = PERTURBATION_FAMILIES.find((x) => x.key === t.family);
  return f ? `seed ${t.seed}, ε = ${f.label}, a = ${t.a}` : `seed ${t.seed}, ε = 0`;
}

const perturbedCache = new Map<string, Promise<PerturbedData>>();

/** Options of `perturbedData`. */
export interface PerturbedDataOptions {
  /** Worker threads for the (independent) runs besides the calling thread; 0: in-thread. @defaultValue numeric/parallel.ts workerCount */
  workers?: number;
  /** Ctrl-C: the simulations stop (the promise rejects with its reason). */
  signal?: AbortSignal;
}

/** One Galerkin spectrum: regime, family (a key of GALERKIN_FAMILIES, or 'none' for ε = 0), amplitude, degree. */
export interface GalerkinTask {
  regime: string;
  family: string;
  a: number;
  N: number;
}

/** A unit of the work of `thm:3.1:perturbed` for numeric/parallel.ts: a particle run or a Galerkin spectrum. */
export type PerturbedWork = { kind: 'particle'; batch: PerturbedTask[] } | { kind: 'galerkin'; task: GalerkinTask };

/** The result of one unit (in-thread, or on a worker: same code, same numbers). */
export function runPerturbedWork(work: PerturbedWork): PerturbedRun[] | GalerkinGap {
  return work.kind === 'particle' ? runPerturbedBatch(work.batch) : runGalerkinTask(work.task);
}

/**
 * All simulations of `thm:3.1:perturbed` (cached per seed and effort): every family and
 * amplitude plus a = 0 at `seed` (common random numbers), and a = 0 and the smallest a of
 * each family again at seed + 1 (the reproduction DESIGN.md asks of a simulation refutation).
 * The runs are independent (each is fixed by seed, stream, family, a, paths) and, with the Galerkin
 * spectra of `galerkinData(effort)` when those are not cached yet, go to worker threads
 * (numeric/parallel.ts runTasks: the calling thread checks other claims meanwhile); the numbers are
 * the in-thread ones. Concurrent callers share one computation.
 */
export function perturbedData(seed: number, effort: number, progress: (message: string) => void = () => {}, options: PerturbedDataOptions = {}): Promise<PerturbedData> {
  if (!(effort > 0)) return Promise.reject(new RangeError(`perturbedData: effort must be > 0, got ${effort}`));
  return sharedPromise(perturbedCache, `${seed}:${effort}`, () => computePerturbedData(seed, effort, progress, options));
}

async function computePerturbedData(seed: number, effort: number, progress: (message: string) => void, options: PerturbedDataOptions): Promise<PerturbedData> {
  const t0 = performance.now();
  const paths = Math.max(1000, Math.round(PERTURBED.paths * Math.min(effort, 1)));
  const batches = perturbedBatches(perturbedTasks(seed, paths));
  const galerkin = galerkinCache.has(galerkinDegrees(effort).at(-1)!) ? [] : galerkinTasks(effort);
  const work: PerturbedWork[] = [...batches.map((batch) => ({ kind: 'particle' as const, batch })), ...galerkin.map((task) => ({ kind: 'galerkin' as const, task }))];
  let finished = 0;
  const label = (w: PerturbedWork) => (w.kind === 'particle' ? w.batch.map(taskLabel).join('; ') : `Galerkin spectrum, ${w.task.regime}, ${w.task.family}, a = ${w.task.a}, N = ${w.task.N}`);
  const results = await runTasks('perturbedWork', work, {
    workers: options.workers,
    signal: options.signal,
    inThread: runPerturbedWork,
    onResult: (i) => progress(`thm:3.1:perturbed: ${++finished}/${work.length} done (${label(work[i])})`),
  });
  const t1 = performance.now();
  const runs = (results.slice(0, batches.length) as PerturbedRun[][]).flat();
  if (galerkin.length) assembleGalerkin(effort, galerkin, results.slice(batches.length) as GalerkinGap[], t1 - t0);
  return { paths, runs, ms: Math.round(t1 - t0) };
}

/** OLS intercept of ρ on a. */
export function interceptAt0(as: readonly number[], rhos: readonly number[]): number {
  const n = as.length;
  const ma = as.reduce((s, x) => s + x, 0) / n, mr = rhos.reduce((s, x) => s + x, 0) / n;
  let saa = 0, sar = 0;
  for (let k = 0; k < n; k++) { saa += (as[k] - ma) ** 2; sar += (as[k] - ma) * (rhos[k] - mr); }
  return mr - (sar / saa) * ma;
}

/** Rate of ‖h(t)‖²_* under test at (ω₀², γ): 2μ as printed, or a corrected or planted variant. */
export type NormSqRateFn = (omega0Sq: number, gamma: number) => number;

/** Allowed model error of the linear extrapolation a → 0, relative to the rate (the a² term). */
export const EXTRAPOLATION_TOL = 0.02;
/** z beyond which a simulated rate refutes (DESIGN.md: > 6 standard errors, another seed). */
export const REFUTE_Z = 6;


// ── second method: Galerkin spectrum of −T + L + R (numeric/perturbed-operator.ts) ──

/** Regimes of the Galerkin evidence; τ = 1/2 as for the particles, β = 2γ/(τ²ω₀⁴). */
export const GALERKIN_REGIMES = [
  { key: 'overdamped', label: 'γ > 2ω₀ (ω₀² = 4, γ = 5)', omega0Sq: 4, gamma: 5 },
  { key: 'underdamped', label: 'γ < 2ω₀ (ω₀² = 4, γ = 2)', omega0Sq: 4, gamma: 2 },
] as const;

/** The particle families (quadrature entries) and a·θ³ (exact rational entries). */
const GALERKIN_FAMILIES: { key: string; label: string; perturbation: (a: number) => Perturbation; amplitudes: number[] }[] = [
  ...PERTURBATION_FAMILIES.map((f) => ({ key: f.key, label: f.label, perturbation: (a: number): Perturbation => ({ kind: 'function', eps: f.eps(a) }), amplitudes: f.amplitudes })),
  { key: 'cube', label: 'a·θ³', perturbation: (a: number): Perturbation => ({ kind: 'odd-polynomial', coefficients: [q(0), q(0), q(0), q(Math.round(a * 1000), 1000)] }), amplitudes: [0.4, 0.2, 0.1, 0.05] },
];

/** Relative gap |rate − ρ_G|/rate beyond which a converged Galerkin rate counts as a clear margin. */
export const GALERKIN_MARGIN = 0.1;
/** Relative change between the two largest N below which a Galerkin rate counts as converged. */
export const GALERKIN_CONVERGED = 1e-6;
/** Particles and Galerkin agree when |ρ_particle − ρ_G| ≤ 4 se + this·ρ_G (window-fit and splitting bias). */
export const METHODS_TOL = 0.03;

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

/** Truncation degrees of the Galerkin evidence at an effort. */
function galerkinDegrees(effort: number): number[] {
  return effort >= 0.5 ? [8, 12, 16] : [6, 8];
}

function galerkinModel(regime: string): { omega0Sq: number; gamma: number; beta: number } {
  const R = GALERKIN_REGIMES.find((x) => x.key === regime);
  if (!R) throw new RangeError(`galerkin: unknown regime ${regime}`);
  return { omega0Sq: R.omega0Sq, gamma: R.gamma, beta: (2 * R.gamma) / (PERTURBED.tau ** 2 * R.omega0Sq ** 2) };
}

/** The spectrum of one Galerkin task (the family 'none': ε = 0). */
export function runGalerkinTask(t: GalerkinTask): GalerkinGap {
  const f = GALERKIN_FAMILIES.find((x) => x.key === t.family);
  if (!f && t.family !== 'none') throw new RangeError(`runGalerkinTask: unknown family ${t.family}`);
  return perturbedGap(galerkinModel(t.regime), f?.perturbation(t.a), t.N);
}

/** Every spectrum of `galerkinData(effort)`: per regime, ε = 0 at the largest N, then each family, amplitude and N (largest N first). */
function galerkinTasks(effort: number): GalerkinTask[] {
  const Ns = galerkinDegrees(effort);
  const tasks: GalerkinTask[] = [];
  for (const N of [...Ns].reverse()) {
    for (const R of GALERKIN_REGIMES) {
      if (N === Ns[Ns.length - 1]) tasks.push({ regime: R.key, family: 'none', a: 0, N });
      for (const f of GALERKIN_FAMILIES) for (const a of f.amplitudes) tasks.push({ regime: R.key, family: f.key, a, N });
    }
  }
  return tasks;
}

/** Files the spectra of `tasks` (in the order of `galerkinTasks`) as `galerkinData(effort)`. */
function assembleGalerkin(effort: number, tasks: readonly GalerkinTask[], gaps: readonly GalerkinGap[], ms: number): { Ns: number[]; regimes: GalerkinRegimeData[]; ms: number } {
  const Ns = galerkinDegrees(effort);
  const gapOf = (regime: string, family: string, a: number, N: number) => gaps[tasks.findIndex((t) => t.regime === regime && t.family === family && t.a === a && t.N === N)];
  const regimes = GALERKIN_REGIMES.map((R) => {
    const rows: GalerkinRow[] = GALERKIN_FAMILIES.flatMap((f) => f.amplitudes.map((a) => {
      const byN = Ns.map((N) => gapOf(R.key, f.key, a, N));
      const last = byN[byN.length - 1], prev = byN[byN.length - 2];
      return {
        family: f.key, a,
        byN: byN.map((g) => ({ N: g.N, size: g.size, rate: Number(g.rateNormSq.toPrecision(10)) })),
        rate: last.rateNormSq,
        slowest: { re: Number(last.slowest.re.toPrecision(8)), im: Number(last.slowest.im.toPrecision(8)) },
        converged: Math.abs(last.rateNormSq - prev.rateNormSq) <= GALERKIN_CONVERGED * last.rateNormSq,
      };
    }));
    return { key: R.key, label: R.label, ...galerkinModel(R.key), rows, rateAtZero: gapOf(R.key, 'none', 0, Ns[Ns.length - 1]).rateNormSq };
  });
  const out = { Ns, regimes, ms: Math.round(ms) };
  galerkinCache.set(Ns[Ns.length - 1], out);
  return out;
}

/** Galerkin rates of ‖h‖²_* per regime, family, amplitude and truncation N (cached per effort; spectra on worker threads). */
export function galerkinData(effort: number): Promise<{ Ns: number[]; regimes: GalerkinRegimeData[]; ms: number }> {
  if (!(effort > 0)) return Promise.reject(new RangeError(`galerkinData: effort must be > 0, got ${effort}`));
  const N = galerkinDegrees(effort).at(-1)!;
  const hit = galerkinCache.get(N);
  if (hit) return Promise.resolve(hit);
  let pending = galerkinPending.get(N);
  if (!pending) {
    const t0 = performance.now();
    const tasks = galerkinTasks(effort);
    pending = runTasks('perturbedWork', tasks.map((task): PerturbedWork => ({ kind: 'galerkin', task })), { inThread: runPerturbedWork }).then((gaps) => assembleGalerkin(effort, tasks, gaps as GalerkinGap[], performance.now() - t0));
    galerkinPending.set(N, pending);
    const forget = () => galerkinPending.delete(N);
    pending.then(forget, forget);
  }
  return pending;
}
/** Spectra being computed, by largest N: concurrent callers share them. */
const galerkinPending = new Map<number, Promise<{ Ns: number[]; regimes: GalerkinRegimeData[]; ms: number }>>();

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