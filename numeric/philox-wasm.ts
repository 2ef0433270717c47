/**
 * Philox4x32-10 in WebAssembly (numeric/philox.wat): the block function of numeric/rng.ts over many
 * counters per call, hi(M·c) and lo(M·c) from one exact 64-bit product (JavaScript has no 32×32 →
 * 64 multiply and builds it from 16-bit limbs): about 5× the JavaScript block here. The same words
 * bit for bit (test/philox-wasm.test.ts); where WebAssembly cannot start, both functions return
 * undefined and the callers use the JavaScript block.
 */
import { PHILOX_WASM_BASE64 } from './philox-wasm-binary.ts';
import { wasmExports } from './wasm-instance.ts';

/** The most blocks one `philoxWordsWasm` call writes (16 bytes each, 256 KiB of memory). */
export const WORDS_MAX_BLOCKS = 16384;
/** The most blocks one `philoxUniformsWasm` call writes (32 bytes each). */
export const UNIFORMS_MAX_BLOCKS = 8192;

interface PhiloxExports {
  memory: { buffer: ArrayBuffer };
  words(k0: number, k1: number, stream: number, ilo: number, ihi: number, n: number, J: number): void;
  uniforms(k0: number, k1: number, stream: number, blo: number, bhi: number, n: number): void;
}

const TWO_POW_32 = 4294967296;
let kernel: { exports: PhiloxExports; words: Uint32Array; doubles: Float64Array } | null | undefined;
let enabled = true;

function philoxKernel(): typeof kernel {
  if (!enabled) return null;
  if (kernel === undefined) {
    const exports = wasmExports<PhiloxExports>(PHILOX_WASM_BASE64);
    kernel = exports && { exports, words: new Uint32Array(exports.memory.buffer), doubles: new Float64Array(exports.memory.buffer) };
  }
  return kernel;
}

/** Turn the WebAssembly kernel off (false) or back on, for tests and benchmarks of the JavaScript path. */
export function usePhiloxWasm(on: boolean): void {
  enabled = on;
}

/**
 * The words of blocks j = 0 … J − 1 of samples i … i + n − 1 under key (k0, k1): counter
 * (i_lo, stream, j, i_hi) (NormalStream's layout), block j of sample i + s at words 4·(J·s + j) ….
 * A view into the kernel's memory, valid until the next call; undefined without WebAssembly.
 */
export function philoxWordsWasm(k0: number, k1: number, stream: number, i: number, n: number, J: number): Uint32Array | undefined {
  const k = philoxKernel();
  if (!k) return undefined;
  if (n * J > WORDS_MAX_BLOCKS) throw new RangeError(`philoxWordsWasm: ${n}·${J} blocks exceed ${WORDS_MAX_BLOCKS}`);
  k.exports.words(k0, k1, stream, i % TWO_POW_32, Math.floor(i / TWO_POW_32), n, J);
  return k.words;
}

/**
 * The uniforms (w + ½)·2⁻³² of blocks b … b + n − 1 of counter (b_lo, stream, 0, b_hi) (PhiloxRng's
 * layout), 4 per block in word order. A view into the kernel's memory, valid until the next call;
 * undefined without WebAssembly.
 */
export function philoxUniformsWasm(k0: number, k1: number, stream: number, b: number, n: number): Float64Array | undefined {
  const k = philoxKernel();
  if (!k) return undefined;
  if (n > UNIFORMS_MAX_BLOCKS) throw new RangeError(`philoxUniformsWasm: ${n} blocks exceed ${UNIFORMS_MAX_BLOCKS}`);
  k.exports.uniforms(k0, k1, stream, b % TWO_POW_32, Math.floor(b / TWO_POW_32), n);
  return k.doubles;
}
