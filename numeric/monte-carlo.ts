/**
 * CPU Monte Carlo for E_M[f] under M of (3.1), f an `Integrand` of several outputs.
 *
 * Samples are the counter-based normals of numeric/rng.ts (sample i = counter i), so a run
 * is reproducible from (seed, stream) and any range of samples can be drawn on its own.
 * Memory is flat in N: per thread one sample's coordinates and a fixed set of running sums
 * (Neumaier-compensated Σ(f_k − c_k) and Σ(f_k − c_k)(f_l − c_l), shifted by the first
 * sample's values c_k so the variance does not cancel when |mean| ≫ sd), summed per block of
 * SUM_BLOCK draws and the blocks added in order (the same numbers for any thread count).
 */
import { compileJs, validateIntegrand, type Integrand } from './expr.ts';
import { weightScales, type Estimate, type GaussianIntegrator, type GaussianWeight, type IntegrateOptions } from './integrator.ts';
import { secondMomentsKernel } from './moments-wasm.ts';
import { NormalStream } from './rng.ts';
import { runTasks, workerCount } from './parallel.ts';

/**
 * Running sums with compensation, one slot per index: `add(k, x)` adds each addition's exact
 * rounding error (TwoSum) to a second sum, a few flops that keep the rounding error of Σx at O(ε)
 * independent of the count.
 */
export class CompensatedSums {
  readonly sum: Float64Array;
  readonly comp: Float64Array;
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.comp = new Float64Array(size);
  }
  add(k: number, x: number): void {
    const s = this.sum[k];
    const t = s + x;
    // The exact rounding error of s + x by Knuth's TwoSum, without a branch: the number Neumaier's
    // Fast2Sum on the larger operand gives (the error of a sum is unique), faster on random signs.
    const xv = t - s;
    this.comp[k] += s - (t - xv) + (x - xv);
    this.sum[k] = t;
  }
  value(k: number): number {
    return this.sum[k] + this.comp[k];
  }
  reset(): void {
    this.sum.fill(0);
    this.comp.fill(0);
  }
  get bytes(): number {
    return this.sum.byteLength + this.comp.byteLength;
  }
}

/**
 * Sample moments of m outputs: means, standard errors of the means and their covariance,
 * from shifted compensated sums. Shared by Monte Carlo (per sample) and QMC (per replicate).
 */
export class MomentAccumulator {
  readonly outputs: number;
  count = 0;
  private readonly shift: Float64Array;
  private readonly first: CompensatedSums;
  /** Upper triangle of Σ(f_k − c_k)(f_l − c_l), row-major, k ≤ l. */
  private readonly second: CompensatedSums;
  private readonly centred: Float64Array;

  constructor(outputs: number) {
    this.outputs = outputs;
    this.shift = new Float64Array(outputs);
    this.first = new CompensatedSums(outputs);
    this.second = new CompensatedSums((outputs * (outputs + 1)) / 2);
    this.centred = new Float64Array(outputs);
  }

  /**
   * An accumulator whose shift is given (the blocks of one run share the run's shift); without
   * `shift`, the first value pushed is the shift.
   */
  static withShift(shift: ArrayLike<number>): MomentAccumulator {
    const acc = new MomentAccumulator(shift.length);
    acc.shift.set(shift);
    acc.shiftGiven = true;
    return acc;
  }

  private shiftGiven = false;

  /** [count, Σ(f_k − c_k) …, Σ(f_k − c_k)(f_l − c_l) … (upper triangle)], each sum compensated: a block's part of a run. */
  sums(): Float64Array {
    const m = this.outputs, pairs = (m * (m + 1)) / 2;
    const out = new Float64Array(1 + m + pairs);
    out[0] = this.count;
    for (let k = 0; k < m; k++) out[1 + k] = this.first.value(k);
    for (let i = 0; i < pairs; i++) out[1 + m + i] = this.second.value(i);
    return out;
  }

  /** Adds a block's `sums()` (same shift), each sum as one compensated term. */
  addSums(block: Float64Array): void {
    const m = this.outputs, pairs = (m * (m + 1)) / 2;
    for (let k = 0; k < m; k++) this.first.add(k, block[1 + k]);
    for (let i = 0; i < pairs; i++) this.second.add(i, block[1 + m + i]);
    this.count += block[0];
  }

  push(values: ArrayLike<number>): void {
    const m = this.outputs;
    if (this.count === 0 && !this.shiftGiven) for (let k = 0; k < m; k++) this.shift[k] = values[k];
    const c = this.centred;
    for (let k = 0; k < m; k++) {
      c[k] = values[k] - this.shift[k];
      this.first.add(k, c[k]);
    }
    for (let k = 0, idx = 0; k < m; k++) for (let l = k; l < m; l++) this.second.add(idx++, c[k] * c[l]);
    this.count++;
  }

  /**
   * `push` of rows 0 … n−1 of `rows` (row-major, `outputs` numbers a row; `centred` is scratch of the
   * same size): each sum gets the same additions in the same order as n calls of `push`, so the same
   * numbers, with the running sum and its error in registers across the rows.
   */
  pushRows(rows: Float64Array, n: number, centred: Float64Array): void {
    if (n <= 0) return;
    this.firstRows(rows, n, centred);
    this.secondRows(centred, n);
    this.count += n;
  }

  /** The first moments of `pushRows` (and the centred rows into `centred`); the count is the caller's. */
  firstRows(rows: Float64Array, n: number, centred: Float64Array): void {
    const m = this.outputs;
    if (this.count === 0 && !this.shiftGiven) for (let k = 0; k < m; k++) this.shift[k] = rows[k];
    for (let k = 0; k < m; k++) {
      const c = this.shift[k];
      let sum = this.first.sum[k], comp = this.first.comp[k];
      for (let i = 0, o = k; i < n; i++, o += m) {
        const x = rows[o] - c;
        centred[o] = x;
        const t = sum + x, xv = t - sum;
        comp += sum - (t - xv) + (x - xv);
        sum = t;
      }
      this.first.sum[k] = sum;
      this.first.comp[k] = comp;
    }
  }

  /** The second moments of `pushRows`, from its centred rows. */
  private secondRows(centred: Float64Array, n: number): void {
    const m = this.outputs;
    const ss = this.second.sum, sc = this.second.comp;
    for (let k = 0, idx = 0; k < m; k++) {
      let l = k;
      // Four sums at once: four independent chains of additions (each still in row order).
      for (; l + 3 < m; l += 4, idx += 4) {
        let s0 = ss[idx], c0 = sc[idx], s1 = ss[idx + 1], c1 = sc[idx + 1], s2 = ss[idx + 2], c2 = sc[idx + 2], s3 = ss[idx + 3], c3 = sc[idx + 3];
        for (let i = 0, o = 0; i < n; i++, o += m) {
          const a = centred[o + k];
          const x0 = a * centred[o + l], x1 = a * centred[o + l + 1], x2 = a * centred[o + l + 2], x3 = a * centred[o + l + 3];
          const t0 = s0 + x0, v0 = t0 - s0;
          const t1 = s1 + x1, v1 = t1 - s1;
          const t2 = s2 + x2, v2 = t2 - s2;
          const t3 = s3 + x3, v3 = t3 - s3;
          c0 += s0 - (t0 - v0) + (x0 - v0);
          c1 += s1 - (t1 - v1) + (x1 - v1);
          c2 += s2 - (t2 - v2) + (x2 - v2);
          c3 += s3 - (t3 - v3) + (x3 - v3);
          s0 = t0;
          s1 = t1;
          s2 = t2;
          s3 = t3;
        }
        ss[idx] = s0; sc[idx] = c0; ss[idx + 1] = s1; sc[idx + 1] = c1; ss[idx + 2] = s2; sc[idx + 2] = c2; ss[idx + 3] = s3; sc[idx + 3] = c3;
      }
      for (; l < m; l++, idx++) {
        let sum = ss[idx], comp = sc[idx];
        for (let i = 0, o = 0; i < n; i++, o += m) {
          const x = centred[o + k] * centred[o + l];
          const t = sum + x, xv = t - sum;
          comp += sum - (t - xv) + (x - xv);
          sum = t;
        }
        ss[idx] = sum;
        sc[idx] = comp;
      }
    }
  }

  /** Means, standard errors of the means and covariance of the means (NaN with < 2 values). */
  result(): { mean: number[]; stderr: number[]; cov: number[][] } {
    const m = this.outputs;
    const n = this.count;
    const s1 = Array.from({ length: m }, (_, k) => this.first.value(k));
    const mean = s1.map((s, k) => this.shift[k] + s / n);
    const cov = Array.from({ length: m }, () => new Array<number>(m).fill(NaN));
    for (let k = 0, idx = 0; k < m; k++) {
      for (let l = k; l < m; l++, idx++) {
        const c = n > 1 ? Math.max(k === l ? 0 : -Infinity, (this.second.value(idx) - (s1[k] * s1[l]) / n) / (n - 1) / n) : NaN;
        cov[k][l] = c;
        cov[l][k] = c;
      }
    }
    return { mean, stderr: cov.map((row, k) => Math.sqrt(row[k])), cov };
  }

  get bytes(): number {
    return this.shift.byteLength + this.first.bytes + this.second.bytes + this.centred.byteLength;
  }
}

export interface MonteCarloOptions {
  /** Samples between progress reports, abort checks and event-loop yields. @defaultValue 65_536 */
  batchSize?: number;
  /** Pair each draw z with −z; one observation is the pair's average. @defaultValue false */
  antithetic?: boolean;
  /** Counter word 1 of numeric/rng.ts (independent streams for independent confirmations). @defaultValue 0 */
  stream?: number;
  /** Samples when `integrate` is not given `samples`. @defaultValue 1_000_000 */
  defaultSamples?: number;
}

/** A Monte Carlo estimate, with the bytes of scratch memory the run allocated. */
export interface MonteCarloEstimate extends Estimate {
  cov: number[][];
  /** Bytes of the typed arrays the run allocated (independent of the sample count). */
  scratchBytes: number;
}

/** Throws a RangeError naming the output and the sample where the integrand is not finite. */
export function assertFiniteOutputs(api: string, f: Integrand, out: Float64Array, x: Float64Array, v: Float64Array, where: string): void {
  for (let k = 0; k < out.length; k++) {
    if (!Number.isFinite(out[k])) {
      throw new RangeError(`${api}: output "${f.names[k]}" is ${out[k]} at ${where} (x = [${[...x].join(', ')}], v = [${[...v].join(', ')}])`);
    }
  }
}

/** Cooperative pause so timers and signals run during long CPU loops. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds of CPU work between event-loop yields. */
export const YIELD_EVERY_MS = 100;

/** Draws per block of a CPU Monte Carlo run: blocks are summed on their own and added in order. */
export const SUM_BLOCK = 8192;

/** Draws [start, end) of a Monte Carlo run, with the run's shift: a unit of work for numeric/parallel.ts. */
export interface MonteCarloBlock {
  f: Integrand;
  sx: number;
  sv: number;
  seed: number;
  stream: number;
  antithetic: boolean;
  start: number;
  end: number;
  /** The run's shift c (the observation at draw 0). */
  shift: number[];
  /** `integrandKey(f)`, computed once per run (a worker receives a copy of `f` per round). */
  key: string;
}

/** The text an integrand is compiled from (d, names, expressions, parameters; −0 kept): its cache key. */
export function integrandKey(f: Integrand): string {
  return JSON.stringify([f.d, f.names, f.exprs, f.params], (_, v: unknown) => (Object.is(v, -0) ? '-0' : v));
}

/** Compiled integrands by `integrandKey` (validated before the first compile). */
const compiledByText = new Map<string, ReturnType<typeof compileJs>>();

function compiled(f: Integrand, key: string): ReturnType<typeof compileJs> {
  let fn = compiledByText.get(key);
  if (!fn) {
    validateIntegrand(f);
    if (compiledByText.size > 64) compiledByText.clear();
    fn = compileJs(f);
    compiledByText.set(key, fn);
  }
  return fn;
}

/** Draws whose normals are computed in one call (NormalStream.samples). */
const DRAWS_AT_ONCE = 256;

/**
 * Calls `visit(out)` with the observation of each draw i in [start, end): f at (σ_x z, σ_v z′) for the
 * normals of sample i (numeric/rng.ts), averaged with its mirror image when antithetic. Throws a
 * RangeError naming the draw where an output is not finite.
 */
function forEachDraw(b: Omit<MonteCarloBlock, 'shift'>, visit: (out: Float64Array) => void): void {
  const { f, key, sx, sv, seed, stream, antithetic, start, end } = b;
  const fn = compiled(f, key);
  const d = f.d;
  const m = f.exprs.length;
  const rng = new NormalStream(seed, stream);
  const z = new Float64Array(DRAWS_AT_ONCE * 2 * d);
  const x = new Float64Array(d);
  const v = new Float64Array(d);
  const out = new Float64Array(m);
  const outMirror = new Float64Array(m);
  for (let i = start; i < end; i++) {
    const at = ((i - start) % DRAWS_AT_ONCE) * 2 * d;
    if (at === 0) rng.samples(i, Math.min(DRAWS_AT_ONCE, end - i), 2 * d, z);
    for (let k = 0; k < d; k++) {
      x[k] = sx * z[at + k];
      v[k] = sv * z[at + d + k];
    }
    fn(x, v, out);
    if (antithetic) {
      for (let k = 0; k < d; k++) {
        x[k] = -x[k];
        v[k] = -v[k];
      }
      fn(x, v, outMirror);
      for (let k = 0; k < m; k++) out[k] = 0.5 * (out[k] + outMirror[k]);
    }
    for (let k = 0; k < m; k++) {
      if (!Number.isFinite(out[k])) assertFiniteOutputs('monteCarlo', f, out, x, v, `sample ${i} (seed ${seed}, stream ${stream})`);
    }
    visit(out);
  }
}

/** The observation of draw i (the run's shift, at i = 0). */
function observationAt(b: Omit<MonteCarloBlock, 'start' | 'end' | 'shift'>, i: number): number[] {
  let values: number[] = [];
  forEachDraw({ ...b, start: i, end: i + 1 }, (out) => (values = Array.from(out)));
  return values;
}

/** A block's shifted, compensated sums (`MomentAccumulator.sums`): in-thread, or on a worker, the same numbers. */
export function monteCarloBlockSums(b: MonteCarloBlock): Float64Array {
  const acc = MomentAccumulator.withShift(b.shift);
  const m = b.f.exprs.length;
  const rows = new Float64Array(DRAWS_AT_ONCE * m);
  // The second moments in WebAssembly when it runs here (numeric/moments-wasm.ts: the same sums).
  const kernel = secondMomentsKernel(m, DRAWS_AT_ONCE);
  const centred = kernel?.centred ?? new Float64Array(DRAWS_AT_ONCE * m);
  const flush = (n: number) => {
    if (!kernel) return acc.pushRows(rows, n, centred);
    acc.firstRows(rows, n, centred);
    kernel.add(n);
    acc.count += n;
  };
  let n = 0;
  forEachDraw(b, (out) => {
    for (let k = 0, o = n * m; k < m; k++) rows[o + k] = out[k];
    if (++n === DRAWS_AT_ONCE) {
      flush(n);
      n = 0;
    }
  });
  if (n > 0) flush(n);
  const sums = acc.sums();
  if (kernel) for (let i = 0; i < kernel.sum.length; i++) sums[1 + m + i] = kernel.sum[i] + kernel.comp[i];
  return sums;
}

/** The backend with its estimate type. */
export interface MonteCarloIntegrator extends GaussianIntegrator {
  integrate(f: Integrand, weight: GaussianWeight, options?: IntegrateOptions): Promise<MonteCarloEstimate>;
}

/**
 * The CPU Monte Carlo backend (name 'cpu').
 * @example
 * const mc = createMonteCarlo();
 * const e = await mc.integrate({ d: 1, names: ['x2'], exprs: [powi(xv(0), 2)], params: {} }, { omega0: 1, beta: 1 }, { samples: 1e5 });
 * // e.mean[0] ≈ 1 ± e.stderr[0]
 */
export function createMonteCarlo(options: MonteCarloOptions = {}): MonteCarloIntegrator {
  const { batchSize = 65_536, antithetic = false, stream = 0, defaultSamples = 1_000_000 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`createMonteCarlo: batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isSafeInteger(defaultSamples) || defaultSamples < 2) throw new RangeError(`createMonteCarlo: defaultSamples must be an integer ≥ 2, got ${defaultSamples}`);
  return {
    name: 'cpu',
    async integrate(f: Integrand, weight: GaussianWeight, opts: IntegrateOptions = {}): Promise<MonteCarloEstimate> {
      const { samples = defaultSamples, seed = 1, onProgress, signal } = opts;
      if (!Number.isSafeInteger(samples) || samples < (antithetic ? 4 : 2)) throw new RangeError(`monteCarlo: samples must be an integer ≥ ${antithetic ? 4 : 2}, got ${samples}`);
      const t0 = performance.now();
      const { sx, sv } = weightScales(weight);
      const m = f.exprs.length;
      const draws = antithetic ? Math.floor(samples / 2) : samples;
      // Fixed blocks of SUM_BLOCK draws, each summed on its own (shifted by the values at draw 0)
      // on worker threads (runTasks: this thread checks other claims meanwhile), added here in
      // block order: the same numbers for every thread count and batch size. A round (progress, abort, event loop) is ≈ batchSize draws per thread.
      const job = { f, key: integrandKey(f), sx, sv, seed, stream, antithetic };
      const shift = observationAt(job, 0);
      const acc = MomentAccumulator.withShift(shift);
      const blocks = Math.ceil(draws / SUM_BLOCK);
      const threads = 1 + workerCount(blocks);
      const perRound = Math.max(1, Math.ceil(batchSize / SUM_BLOCK)) * threads;
      // Each round awaits runTasks, which returns to the event loop (worker replies, or one in-thread task per turn).
      for (let b = 0; b < blocks; b += perRound) {
        signal?.throwIfAborted();
        // The round's blocks only: memory stays flat in N.
        const round: MonteCarloBlock[] = [];
        for (let j = b; j < Math.min(blocks, b + perRound); j++) round.push({ ...job, start: j * SUM_BLOCK, end: Math.min(draws, (j + 1) * SUM_BLOCK), shift });
        const sums = await runTasks('monteCarloBlockSums', round, { inThread: monteCarloBlockSums, signal });
        for (const s of sums) acc.addSums(s);
        onProgress?.(round[round.length - 1].end / draws);
      }
      // Per thread that may take part: the normals of DRAWS_AT_ONCE draws, one draw's arrays and a block's sums; and the run's sums.
      const allThreads = 1 + workerCount(Number.MAX_SAFE_INTEGER);
      const scratchBytes = allThreads * (8 * (DRAWS_AT_ONCE * 2 * f.d + 2 * f.d + 2 * m) + acc.bytes) + acc.bytes;
      const { mean, stderr, cov } = acc.result();
      return {
        mean,
        stderr,
        cov,
        samples: antithetic ? 2 * draws : draws,
        backend: antithetic ? 'cpu (Philox4x32-10, antithetic)' : 'cpu (Philox4x32-10)',
        ms: performance.now() - t0,
        scratchBytes,
      };
    },
  };
}
