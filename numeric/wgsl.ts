/**
 * Expr → WGSL: the GPU half of numeric/expr.ts. The integrand tree the CPU backend compiles
 * with `compileJs` becomes a WGSL function here, and `monteCarloKernelWgsl` wraps it in the
 * Monte Carlo kernel: Philox4x32-10 normals (definition in numeric/rng.ts), the weight M of
 * (3.1), compensated per-thread sums and a per-workgroup reduction.
 *
 * Pure: returns strings; the device work is in numeric/gpu-monte-carlo.ts.
 */
import { scan, validateIntegrand, type Expr, type Integrand } from './expr.ts';
import { PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1 } from './rng.ts';

/** Threads per workgroup: the kernel's @workgroup_size and the host's dispatch arithmetic. */
export const WORKGROUP_SIZE = 128;
/** Samples each thread draws (consecutive sample indices) before the workgroup reduction. */
export const SAMPLES_PER_THREAD = 64;
/** Outputs up to this count also accumulate the cross products y_j·y_k (covariances). */
export const MAX_COVARIANCE_OUTPUTS = 6;

/** Bytes of one WGSL vec4<u32> / vec4<f32>, the unit of the uniform struct below. */
export const VEC4_BYTES = 16;
/** Bytes of the fixed head of `struct Uniforms`: `range`, `key`, `scale` (three vec4). */
export const UNIFORM_HEAD_BYTES = 3 * VEC4_BYTES;
/** Bytes of one accumulator in `partials`: a compensated pair vec2<f32> (sum, correction). */
export const PARTIAL_BYTES = 8;

/** f32 range (for literals). */
const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;

/** Layout of the uniform buffer of a kernel for `outputs` outputs and `params` parameters. */
export interface UniformLayout {
  /** vec4 slots of `shift` (one f32 per output, packed by 4, at least one slot). */
  shiftSlots: number;
  /** vec4 slots of `p` (one f32 per parameter, packed by 4, at least one slot). */
  paramSlots: number;
  /** Byte offset of `shift` and of `p`; total size in bytes. */
  shiftOffset: number;
  paramOffset: number;
  bytes: number;
}

export function uniformLayout(outputs: number, params: number): UniformLayout {
  const shiftSlots = Math.max(1, Math.ceil(outputs / 4));
  const paramSlots = Math.max(1, Math.ceil(params / 4));
  const shiftOffset = UNIFORM_HEAD_BYTES;
  const paramOffset = shiftOffset + shiftSlots * VEC4_BYTES;
  return { shiftSlots, paramSlots, shiftOffset, paramOffset, bytes: paramOffset + paramSlots * VEC4_BYTES };
}

/**
 * The accumulators of a kernel with K outputs, in `partials` order: Σy_k (k < K), then
 * Σy_j·y_k for j ≤ k (all pairs when K ≤ MAX_COVARIANCE_OUTPUTS, else the diagonal only),
 * then the count of non-finite outputs. y_k = f_k − shift_k.
 */
export interface AccumulatorLayout {
  outputs: number;
  /** Pairs [j, k] of the second-moment sums, in order. */
  products: [number, number][];
  /** Index of the non-finite counter; also the count of accumulators minus one. */
  badIndex: number;
  count: number;
}

export function accumulatorLayout(outputs: number): AccumulatorLayout {
  const products: [number, number][] = [];
  for (let j = 0; j < outputs; j++) {
    if (outputs > MAX_COVARIANCE_OUTPUTS) products.push([j, j]);
    else for (let k = j; k < outputs; k++) products.push([j, k]);
  }
  const badIndex = outputs + products.length;
  return { outputs, products, badIndex, count: badIndex + 1 };
}

/**
 * A WGSL f32 literal for a finite number (an abstract-float decimal with an `f` suffix).
 * @example wgslF32(2) // returns '2.0f'
 * @example wgslF32(-0.5) // returns '(-0.5f)'
 */
export function wgslF32(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) > F32_MAX) throw new RangeError(`wgslF32: constant must be a finite f32, got ${value}`);
  // f32 has no subnormal guarantee on GPUs; such constants are 0 there anyway.
  const v = Math.abs(value) < F32_MIN_NORMAL ? 0 : value;
  let s = String(Math.abs(v));
  if (!/[.e]/.test(s)) s += '.0';
  return v < 0 ? `(-${s}f)` : `${s}f`;
}

/** How the generated function reads the leaves. */
export interface WgslNames {
  /** Name of the WGSL function. @defaultValue 'integrand' */
  fnName?: string;
  /** WGSL expression of parameter number k (in `paramNames` order). @defaultValue k ↦ `U.p[k/4].xyzw[k%4]` */
  param?: (k: number) => string;
}

/** A generated integrand function and what it needs from the host. */
export interface WgslIntegrand {
  /** `fn integrand(x: array<f32, D>, v: array<f32, D>) -> array<f32, K>` plus its helpers. */
  code: string;
  /** Parameter names in uniform order (sorted). */
  paramNames: string[];
  /** Helper functions the code calls (e.g. 'sin_rr'); their text is in `code`. */
  helpers: string[];
}

const HELPERS: Record<string, string> = {
  // Cody–Waite reduction to [−π, π]: GPUs guarantee sin/cos accuracy only there
  // (WGSL and Vulkan: absolute error ≤ 2⁻¹¹ inside [−π, π]); 6.28125 has 8 bits, so k·6.28125 is exact.
  reduce_2pi: `fn reduce_2pi(a: f32) -> f32 {
  let k = round(a * 0.15915494309189535f);
  return (a - k * 6.28125f) - k * 0.0019353071795864769f;
}`,
  sin_rr: `fn sin_rr(a: f32) -> f32 { return sin(reduce_2pi(a)); }`,
  cos_rr: `fn cos_rr(a: f32) -> f32 { return cos(reduce_2pi(a)); }`,
  // tanh(±15) = ±1 in f32; clamping avoids exp overflow (inf/inf = NaN) in tanh implementations.
  tanh_c: `fn tanh_c(a: f32) -> f32 { return tanh(clamp(a, -15.0f, 15.0f)); }`,
};

/**
 * The WGSL function of an integrand: one `let` per distinct subtree (common subexpressions
 * are computed once, e.g. h shared by h² and ∇h·h), leaves inline.
 * Throws a RangeError naming an unsupported node or an invalid integrand.
 * @example integrandToWgsl({ d: 1, names: ['f'], exprs: [mul(xv(0), xv(0))], params: {} }).code
 * // returns 'fn integrand(x: array<f32, 1>, v: array<f32, 1>) -> array<f32, 1> {\n  let t0 = x[0] * x[0];\n  return array<f32, 1>(t0);\n}'
 */
export function integrandToWgsl(f: Integrand, names: WgslNames = {}): WgslIntegrand {
  validateIntegrand(f);
  const { fnName = 'integrand', param = (k: number) => `U.p[${k >> 2}].${'xyzw'[k & 3]}` } = names;
  const paramSet = new Set<string>();
  for (const e of f.exprs) for (const p of scan(e).params) paramSet.add(p);
  const paramNames = [...paramSet].sort();
  const paramIndex = new Map(paramNames.map((p, k) => [p, k]));
  const lines: string[] = [];
  const named = new Map<string, string>();
  const helpers = new Set<string>();
  const bind = (rhs: string): string => {
    let name = named.get(rhs);
    if (!name) {
      name = `t${named.size}`;
      named.set(rhs, name);
      lines.push(`  let ${name} = ${rhs};`);
    }
    return name;
  };
  const call = (helper: string, a: string): string => {
    helpers.add(helper);
    if (helper === 'sin_rr' || helper === 'cos_rr') helpers.add('reduce_2pi');
    return bind(`${helper}(${a})`);
  };
  const gen = (e: Expr): string => {
    switch (e.op) {
      case 'const':
        return wgslF32(e.value);
      case 'x':
      case 'v':
        return `${e.op}[${e.index}]`;
      case 'param':
        return param(paramIndex.get(e.name)!);
      case 'add':
      case 'mul': {
        if (e.args.length === 0) return e.op === 'add' ? '0.0f' : '1.0f';
        const parts = e.args.map(gen);
        return parts.length === 1 ? parts[0] : bind(parts.join(e.op === 'add' ? ' + ' : ' * '));
      }
      case 'div':
        return bind(`${gen(e.num)} / ${gen(e.den)}`);
      case 'powi':
        return powiWgsl(gen(e.base), e.exp, bind);
      case 'neg':
        return bind(`-${gen(e.arg)}`);
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'abs':
        return bind(`${e.op}(${gen(e.arg)})`);
      case 'sin':
      case 'cos':
        return call(`${e.op}_rr`, gen(e.arg));
      case 'tanh':
        return call('tanh_c', gen(e.arg));
      default:
        throw new RangeError(`integrandToWgsl: unsupported node "${(e as { op: string }).op}"`);
    }
  };
  const outs = f.exprs.map(gen);
  const K = f.exprs.length;
  const D = f.d;
  const fn = [
    `fn ${fnName}(x: array<f32, ${D}>, v: array<f32, ${D}>) -> array<f32, ${K}> {`,
    ...lines,
    `  return array<f32, ${K}>(${outs.join(', ')});`,
    '}',
  ].join('\n');
  const order = Object.keys(HELPERS).filter((h) => helpers.has(h));
  return { code: [...order.map((h) => HELPERS[h]), fn].join('\n'), paramNames, helpers: order };
}

/** b^n by repeated squaring (⌊log₂ n⌋ squarings + popcount(n) − 1 products). */
function powiWgsl(base: string, n: number, bind: (rhs: string) => string): string {
  if (n === 0) return '1.0f';
  let result: string | undefined;
  let sq = base;
  for (let m = n; m > 0; m >>= 1) {
    if (m & 1) result = result === undefined ? sq : bind(`${result} * ${sq}`);
    if (m > 1) sq = bind(`${sq} * ${sq}`);
  }
  return result!;
}

/** Philox4x32-10 and Box–Muller in WGSL, the definition of numeric/rng.ts (header there). */
export const PHILOX_WGSL = `// 32×32 → high 32 bits in 16-bit limbs (WGSL has no mul-hi); every partial product < 2^32.
fn mulhi32(a: u32, b: u32) -> u32 {
  let aL = a & 0xffffu;
  let aH = a >> 16u;
  let bL = b & 0xffffu;
  let bH = b >> 16u;
  let lh = aL * bH;
  let hl = aH * bL;
  let mid = ((aL * bL) >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  return aH * bH + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
}

// Philox4x32-10 [salmon_2011]: round (c0,c1,c2,c3) → (hi(M1·c2)^c1^k0, lo(M1·c2), hi(M0·c0)^c3^k1, lo(M0·c0)).
fn philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var r = 0u; r < ${PHILOX_ROUNDS}u; r++) {
    let hi0 = mulhi32(0x${PHILOX_M0.toString(16)}u, c.x);
    let lo0 = 0x${PHILOX_M0.toString(16)}u * c.x;
    let hi1 = mulhi32(0x${PHILOX_M1.toString(16)}u, c.z);
    let lo1 = 0x${PHILOX_M1.toString(16)}u * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    k = k + vec2<u32>(0x${PHILOX_W0.toString(16)}u, 0x${PHILOX_W1.toString(16)}u);
  }
  return c;
}

// Four words → uniforms (w + 1/2)·2^-32 → two Box–Muller pairs (z0, z1), (z2, z3):
// r = sqrt(−2 ln u0), z0 = r cos 2πu1, z1 = r sin 2πu1. The angle is taken as
// t = 2π(u1 − 1/2) ∈ [−π, π] (where GPU sin/cos are accurate) with cos 2πu = −cos t, sin 2πu = −sin t.
fn box_muller(w: vec4<u32>) -> vec4<f32> {
  let u = (vec4<f32>(w) + vec4<f32>(0.5f)) * 2.3283064365386963e-10f;
  let r01 = sqrt(-2.0f * log(u.x));
  let r23 = sqrt(-2.0f * log(u.z));
  let t01 = 6.283185307179586f * (u.y - 0.5f);
  let t23 = 6.283185307179586f * (u.w - 0.5f);
  return vec4<f32>(-r01 * cos(t01), -r01 * sin(t01), -r23 * cos(t23), -r23 * sin(t23));
}
`;

/** Compensated (Knuth TwoSum) accumulation in f32 pairs (sum, correction). */
export const COMPENSATED_WGSL = `// a + y with the rounding error of the sum kept in .y (branch-free TwoSum).
fn acc_add(a: vec2<f32>, y: f32) -> vec2<f32> {
  let s = a.x + y;
  let bp = s - a.x;
  let e = (a.x - (s - bp)) + (y - bp);
  return vec2<f32>(s, a.y + e);
}

fn acc_merge(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let s = acc_add(a, b.x);
  return vec2<f32>(s.x, s.y + b.y);
}

// 1 when y is ±inf or NaN (exponent bits all ones); compilers may not fold this away as they may y != y.
fn non_finite(y: f32) -> f32 {
  return select(0.0f, 1.0f, (bitcast<u32>(y) & 0x7f800000u) == 0x7f800000u);
}
`;

/** Kernel shape: what the host must know to dispatch and read it. */
export interface MonteCarloKernel {
  code: string;
  paramNames: string[];
  uniforms: UniformLayout;
  accumulators: AccumulatorLayout;
  /** Philox blocks per sample: ⌈2d/4⌉. */
  blocks: number;
  workgroupSize: number;
  samplesPerThread: number;
}

/** Options of `monteCarloKernelWgsl`. */
export interface KernelOptions {
  /** @defaultValue WORKGROUP_SIZE */
  workgroupSize?: number;
  /** @defaultValue SAMPLES_PER_THREAD */
  samplesPerThread?: number;
}

/**
 * The Monte Carlo kernel for an integrand: thread t of a dispatch draws samples
 * i = first + t·S + s (s < S, i < first + count) of stream `key.z`, maps normals to (x, v) by
 * x_k = σ_x n_k, v_k = σ_v n_{d+k} (numeric/rng.ts), evaluates every output once per sample,
 * accumulates y = f − shift, y_j·y_k and a non-finite count in compensated f32 pairs, and
 * reduces them per workgroup into `partials[(range.w + workgroup) · A + a]`.
 */
export function monteCarloKernelWgsl(f: Integrand, options: KernelOptions = {}): MonteCarloKernel {
  const { workgroupSize = WORKGROUP_SIZE, samplesPerThread = SAMPLES_PER_THREAD } = options;
  if (!Number.isInteger(workgroupSize) || workgroupSize < 1 || (workgroupSize & (workgroupSize - 1)) !== 0) {
    throw new RangeError(`monteCarloKernelWgsl: workgroupSize must be a power of two, got ${workgroupSize}`);
  }
  if (!Number.isInteger(samplesPerThread) || samplesPerThread < 1) {
    throw new RangeError(`monteCarloKernelWgsl: samplesPerThread must be a positive integer, got ${samplesPerThread}`);
  }
  const fn = integrandToWgsl(f);
  const K = f.exprs.length;
  const D = f.d;
  const uniforms = uniformLayout(K, fn.paramNames.length);
  const acc = accumulatorLayout(K);
  const blocks = Math.ceil((2 * D) / 4);
  const comp = (k: number, arr: string) => `${arr}[${k >> 2}].${'xyzw'[k & 3]}`;
  const body: string[] = [];
  for (let j = 0; j < blocks; j++) body.push(`      let z${j} = box_muller(philox4x32(vec4<u32>(i_lo, U.key.z, ${j}u, i_hi), key));`);
  body.push(`      var x: array<f32, ${D}>;`, `      var v: array<f32, ${D}>;`);
  for (let k = 0; k < D; k++) body.push(`      x[${k}] = U.scale.x * z${k >> 2}.${'xyzw'[k & 3]};`);
  for (let k = 0; k < D; k++) body.push(`      v[${k}] = U.scale.y * z${(D + k) >> 2}.${'xyzw'[(D + k) & 3]};`);
  body.push('      let f = integrand(x, v);');
  for (let k = 0; k < K; k++) body.push(`      let y${k} = f[${k}] - ${comp(k, 'U.shift')};`);
  for (let k = 0; k < K; k++) body.push(`      a${k} = acc_add(a${k}, y${k});`);
  acc.products.forEach(([j, k], m) => body.push(`      a${K + m} = acc_add(a${K + m}, y${j} * y${k});`));
  body.push(`      bad = bad + ${Array.from({ length: K }, (_, k) => `non_finite(f[${k}])`).join(' + ')};`);
  const decls = Array.from({ length: acc.badIndex }, (_, a) => `  var a${a} = vec2<f32>(0.0f, 0.0f);`);
  const reduce: string[] = [];
  for (let a = 0; a < acc.count; a++) {
    const value = a === acc.badIndex ? 'vec2<f32>(bad, 0.0f)' : `a${a}`;
    reduce.push(`  reduce_store(lid.x, base + ${a}u, ${value});`);
  }
  const code = `// Generated by numeric/wgsl.ts: Monte Carlo over M of (3.1), d = ${D}, ${K} output(s).
struct Uniforms {
  range: vec4<u32>,   // first sample index (lo, hi), samples in this dispatch, first partials workgroup
  key: vec4<u32>,     // seed (lo, hi), stream, 0
  scale: vec4<f32>,   // σ_x, σ_v, 0, 0
  shift: array<vec4<f32>, ${uniforms.shiftSlots}>,
  p: array<vec4<f32>, ${uniforms.paramSlots}>,
}

const WORKGROUP_SIZE: u32 = ${workgroupSize}u;
const SAMPLES_PER_THREAD: u32 = ${samplesPerThread}u;
const ACCUMULATORS: u32 = ${acc.count}u;

@group(0) @binding(0) var<uniform> U: Uniforms;
@group(0) @binding(1) var<storage, read_write> partials: array<vec2<f32>>;
var<workgroup> red: array<vec2<f32>, WORKGROUP_SIZE>;

${PHILOX_WGSL}
${COMPENSATED_WGSL}
${fn.code}

// Tree reduction of one accumulator over the workgroup; thread 0 stores it. Called in uniform control flow.
fn reduce_store(t: u32, slot: u32, value: vec2<f32>) {
  red[t] = value;
  workgroupBarrier();
  for (var s = WORKGROUP_SIZE / 2u; s > 0u; s = s / 2u) {
    if (t < s) {
      red[t] = acc_merge(red[t], red[t + s]);
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    partials[slot] = red[0];
  }
  workgroupBarrier();
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
${decls.join('\n')}
  var bad = 0.0f;
  let key = U.key.xy;
  let first = (wid.x * WORKGROUP_SIZE + lid.x) * SAMPLES_PER_THREAD;
  if (first < U.range.z) {
    let n = min(SAMPLES_PER_THREAD, U.range.z - first);
    for (var s = 0u; s < n; s++) {
      let local = first + s;
      let i_lo = U.range.x + local;
      let i_hi = U.range.y + select(0u, 1u, i_lo < local);
${body.join('\n')}
    }
  }
  let base = (U.range.w + wid.x) * ACCUMULATORS;
${reduce.join('\n')}
}
`;
  return { code, paramNames: fn.paramNames, uniforms, accumulators: acc, blocks, workgroupSize, samplesPerThread };
}
