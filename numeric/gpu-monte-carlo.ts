/// <reference types="@webgpu/types" />
/**
 * WebGPU Monte Carlo for E_M[f(x, v)] with M of (3.1): the `GaussianIntegrator` of
 * numeric/integrator.ts on a `GPUDevice` passed in (acquisition is src/gpu-device.ts).
 *
 * Sample i of the run is the sample i of numeric/rng.ts (Philox4x32-10, stream 0, the run's
 * seed), so the GPU and the CPU backend draw the same points up to f32 rounding. The
 * kernel (numeric/wgsl.ts) accumulates y = f − c per output (and cross products, for
 * covariances) in compensated f32 pairs and reduces them per workgroup; the host finishes
 * in f64. The shift c is f at the origin for a pilot batch, then the pilot's mean, so the
 * f32 sums stay small and the variance Σy² − (Σy)²/n does not cancel.
 *
 * Limits of f32: each sample is evaluated with ~1e-7 relative rounding (more for exp/sin of
 * large arguments), so a mean is trustworthy to about that level whatever its error bar;
 * values that overflow f32 make `integrate` throw (use the CPU backend for such integrands).
 *
 * @example
 * const mc = createGpuMonteCarlo({ device, adapterName: 'llvmpipe' });
 * await mc.integrate({ d: 1, names: ['x²'], exprs: [powi(xv(0), 2)], params: {} }, { omega0: 2, beta: 1 });
 * // returns { mean: [≈0.25], stderr: [≈0.0002], … }   (E[x²] = 1/(βω₀²))
 */
import { evalExpr, validateIntegrand, type Integrand } from './expr.ts';
import { weightScales, type Estimate, type GaussianIntegrator, type GaussianWeight, type IntegrateOptions } from './integrator.ts';
import { seedKey } from './rng.ts';
import { sharedPromise } from './shared-promise.ts';
import { PARTIAL_BYTES, SAMPLES_PER_THREAD, WORKGROUP_SIZE, monteCarloKernelWgsl, type MonteCarloKernel } from './wgsl.ts';

// WebGPU spec constants (GPUBufferUsage, GPUMapMode), so this module needs no globals installed.
const USAGE_MAP_READ = 0x0001;
const USAGE_COPY_SRC = 0x0004;
const USAGE_COPY_DST = 0x0008;
const USAGE_UNIFORM = 0x0040;
const USAGE_STORAGE = 0x0080;
const MAP_MODE_READ = 0x0001;

/** An Estimate with the covariance of the outputs' means (when the kernel accumulated it). */
export interface GpuEstimate extends Estimate {
  /** cov[j][k] of the estimates of mean j and mean k (cov[k][k] = stderr[k]²); NaN where not accumulated (> MAX_COVARIANCE_OUTPUTS outputs). */
  cov: number[][];
  seed: number;
}

export interface GpuMonteCarloOptions {
  /** The device (from src/gpu-device.ts, or any WebGPU implementation). */
  device: GPUDevice;
  /** Adapter description for `Estimate.backend`. @defaultValue 'unknown adapter' */
  adapterName?: string;
  /** Threads per workgroup (power of two, ≤ the device's limits). @defaultValue WORKGROUP_SIZE (128) */
  workgroupSize?: number;
  /** Samples per thread. @defaultValue SAMPLES_PER_THREAD (64) */
  samplesPerThread?: number;
  /** Samples of one dispatch (bounds the time of one GPU submission). @defaultValue 2²⁴ */
  samplesPerDispatch?: number;
  /** Samples between two read-backs (progress, abort). @defaultValue 2²⁶ */
  samplesPerRound?: number;
  /** Samples of the pilot batch that fixes the shift. @defaultValue 2¹⁶ */
  pilotSamples?: number;
  /** Samples when `integrate` is not given any. @defaultValue 2²² */
  defaultSamples?: number;
  /** Counter word 1 of numeric/rng.ts (another stream gives an independent confirmation). @defaultValue 0 */
  stream?: number;
}

/** Running (n, mean, comoment) of the outputs, merged by Chan et al.'s pairwise formula in f64. */
interface Moments {
  n: number;
  mean: number[];
  /** C[j][k] = Σ (f_j − mean_j)(f_k − mean_k); NaN where not accumulated. */
  co: number[][];
}

function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean.map((m, k) => m - a.mean[k]);
  const mean = a.mean.map((m, k) => m + (delta[k] * b.n) / n);
  const co = a.co.map((row, j) => row.map((c, k) => c + b.co[j][k] + (delta[j] * delta[k] * a.n * b.n) / n));
  return { n, mean, co };
}

export interface GpuMonteCarlo extends GaussianIntegrator {
  integrate(f: Integrand, weight: GaussianWeight, options?: IntegrateOptions): Promise<GpuEstimate>;
  /** The kernel WGSL for an integrand (for inspection and the code-generator tests). */
  kernelFor(f: Integrand): MonteCarloKernel;
}

/**
 * A Monte Carlo integrator on a WebGPU device. One compiled pipeline per integrand shape
 * (the tree with its constants; parameter values and the weight go in a uniform buffer).
 */
export function createGpuMonteCarlo(options: GpuMonteCarloOptions): GpuMonteCarlo {
  const {
    device,
    adapterName = 'unknown adapter',
    workgroupSize = WORKGROUP_SIZE,
    samplesPerThread = SAMPLES_PER_THREAD,
    samplesPerDispatch = 1 << 24,
    samplesPerRound = 1 << 26,
    pilotSamples = 1 << 16,
    defaultSamples = 1 << 22,
    stream = 0,
  } = options;
  if (!Number.isInteger(stream) || stream < 0 || stream >= 2 ** 32) throw new RangeError(`createGpuMonteCarlo: stream must be an integer in [0, 2^32), got ${stream}`);
  if (!device) throw new RangeError('createGpuMonteCarlo: device is required');
  const limits = device.limits;
  if (workgroupSize > limits.maxComputeWorkgroupSizeX || workgroupSize > limits.maxComputeInvocationsPerWorkgroup) {
    throw new RangeError(`createGpuMonteCarlo: workgroupSize ${workgroupSize} exceeds the device limit ${Math.min(limits.maxComputeWorkgroupSizeX, limits.maxComputeInvocationsPerWorkgroup)}`);
  }
  const perWorkgroup = workgroupSize * samplesPerThread;
  // Whole workgroups per dispatch, within maxComputeWorkgroupsPerDimension, and u32 thread arithmetic.
  const dispatchWorkgroups = Math.max(1, Math.min(limits.maxComputeWorkgroupsPerDimension, Math.floor(samplesPerDispatch / perWorkgroup), Math.floor(2 ** 31 / perWorkgroup)));
  const roundDispatches = Math.max(1, Math.floor(samplesPerRound / (dispatchWorkgroups * perWorkgroup)));
  const backend = `gpu (${adapterName}, Philox4x32-10, f32)`;

  const pipelines = new Map<string, Promise<{ kernel: MonteCarloKernel; pipeline: GPUComputePipeline }>>();
  const kernelFor = (f: Integrand) => monteCarloKernelWgsl(f, { workgroupSize, samplesPerThread });

  async function compile(kernel: MonteCarloKernel): Promise<GPUComputePipeline> {
    const module = device.createShaderModule({ code: kernel.code, label: 'hypocheck monte carlo' });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) throw new Error(`gpu monte carlo: WGSL compilation failed: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
    return device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  }

  function pipelineFor(f: Integrand) {
    const kernel = kernelFor(f);
    return sharedPromise(pipelines, kernel.code, () => compile(kernel).then((pipeline) => ({ kernel, pipeline })));
  }

  async function integrate(f: Integrand, weight: GaussianWeight, opts: IntegrateOptions = {}): Promise<GpuEstimate> {
    const t0 = performance.now();
    const { samples = defaultSamples, seed = 1, onProgress, signal } = opts;
    validateIntegrand(f);
    const { sx, sv } = weightScales(weight);
    if (!Number.isSafeInteger(samples) || samples < 2) throw new RangeError(`gpu integrate: samples must be an integer ≥ 2, got ${samples}`);
    const [seedLo, seedHi] = seedKey(seed);
    signal?.throwIfAborted();
    const { kernel, pipeline } = await pipelineFor(f);
    const K = f.exprs.length;
    const acc = kernel.accumulators;
    const { uniforms } = kernel;

    const uniformBuffer = device.createBuffer({ size: uniforms.bytes, usage: USAGE_UNIFORM | USAGE_COPY_DST });
    const roundWorkgroups = roundDispatches * dispatchWorkgroups;
    const partialBytes = roundWorkgroups * acc.count * PARTIAL_BYTES;
    const partials = device.createBuffer({ size: partialBytes, usage: USAGE_STORAGE | USAGE_COPY_SRC });
    const readback = device.createBuffer({ size: partialBytes, usage: USAGE_MAP_READ | USAGE_COPY_DST });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: uniformBuffer } },
        { binding: 1, resource: { buffer: partials } },
      ],
    });
    const raw = new ArrayBuffer(uniforms.bytes);
    const u32 = new Uint32Array(raw);
    const f32 = new Float32Array(raw);
    u32[4] = seedLo;
    u32[5] = seedHi;
    u32[6] = stream;
    f32[8] = sx;
    f32[9] = sv;
    kernel.paramNames.forEach((p, k) => (f32[uniforms.paramOffset / 4 + k] = f.params[p]));

    /** Samples [first, first + count) with shift c, in ≤ roundDispatches dispatches; one read-back. */
    async function round(first: number, count: number, shift: number[]): Promise<Moments> {
      shift.forEach((c, k) => (f32[uniforms.shiftOffset / 4 + k] = c));
      let done = 0;
      let wg = 0;
      while (done < count) {
        const n = Math.min(count - done, dispatchWorkgroups * perWorkgroup);
        const start = first + done;
        u32[0] = start % 2 ** 32;
        u32[1] = Math.floor(start / 2 ** 32);
        u32[2] = n;
        u32[3] = wg;
        device.queue.writeBuffer(uniformBuffer, 0, raw);
        const groups = Math.ceil(n / perWorkgroup);
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(groups);
        pass.end();
        device.queue.submit([enc.finish()]);
        done += n;
        wg += groups;
      }
      const enc = device.createCommandEncoder();
      enc.copyBufferToBuffer(partials, 0, readback, 0, wg * acc.count * PARTIAL_BYTES);
      device.queue.submit([enc.finish()]);
      await readback.mapAsync(MAP_MODE_READ, 0, wg * acc.count * PARTIAL_BYTES);
      const data = new Float32Array(readback.getMappedRange(0, wg * acc.count * PARTIAL_BYTES).slice(0));
      readback.unmap();
      // Host reduction in f64 of the (sum, correction) pairs.
      const sums = new Float64Array(acc.count);
      for (let g = 0; g < wg; g++) {
        const o = g * acc.count * 2;
        for (let a = 0; a < acc.count; a++) sums[a] += data[o + 2 * a] + data[o + 2 * a + 1];
      }
      if (sums[acc.badIndex] > 0) {
        throw new RangeError(`gpu integrate: ${sums[acc.badIndex]} non-finite integrand values in f32 (overflow or a singularity); use a CPU backend for this integrand`);
      }
      const s1 = Array.from({ length: K }, (_, k) => sums[k]);
      const co: number[][] = Array.from({ length: K }, () => new Array<number>(K).fill(NaN));
      acc.products.forEach(([j, k], m) => {
        co[j][k] = co[k][j] = sums[K + m] - (s1[j] * s1[k]) / count;
      });
      return { n: count, mean: s1.map((s, k) => shift[k] + s / count), co };
    }

    try {
      const origin = new Float64Array(f.d);
      const f0 = f.exprs.map((e) => Math.fround(evalExpr(e, origin, origin, f.params)));
      const pilotN = Math.min(samples, pilotSamples);
      let m = await round(0, pilotN, f0.map((c) => (Number.isFinite(c) ? c : 0)));
      const shift = m.mean.map((c) => (Number.isFinite(Math.fround(c)) ? Math.fround(c) : 0));
      const perRound = roundDispatches * dispatchWorkgroups * perWorkgroup;
      onProgress?.(m.n / samples);
      while (m.n < samples) {
        signal?.throwIfAborted();
        const count = Math.min(samples - m.n, perRound);
        m = mergeMoments(m, await round(m.n, count, shift));
        onProgress?.(m.n / samples);
      }
      const n = m.n;
      const cov = m.co.map((row) => row.map((c) => c / (n - 1) / n));
      return {
        mean: m.mean,
        stderr: m.co.map((row, k) => Math.sqrt(Math.max(0, row[k]) / (n - 1) / n)),
        samples: n,
        backend,
        ms: performance.now() - t0,
        cov,
        seed,
      };
    } finally {
      uniformBuffer.destroy();
      partials.destroy();
      readback.destroy();
    }
  }

  return { name: 'gpu', integrate, kernelFor };
}
