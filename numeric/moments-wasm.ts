/**
 * The second moments of a block of Monte Carlo draws in WebAssembly (numeric/moments.wat, f64x2):
 * for k ≤ l, S[k,l] += c_k·c_l over the rows in order, each addition's error by TwoSum, four sums
 * at once. f64x2 arithmetic rounds each lane as scalar f64 does, so these are, bit for bit, the sums
 * of MomentAccumulator.pushRows in JavaScript (test/numeric/moments-wasm.test.ts); where WebAssembly
 * (or its SIMD) cannot start, `secondMomentsKernel` returns undefined and the caller uses JavaScript.
 */
import { MOMENTS_WASM_BASE64 } from './moments-wasm-binary.ts';
import { wasmExports } from './wasm-instance.ts';

interface MomentsExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  second(c: number, n: number, m: number, s: number, e: number): void;
}

/** Views into the kernel's memory, valid until the next `secondMomentsKernel` call on this thread. */
export interface SecondMomentsKernel {
  /** Rows of centred values (`rows` × m), written by the caller. */
  centred: Float64Array;
  /** The sums and their errors, upper triangle row-major (k ≤ l), zero at the start. */
  sum: Float64Array;
  comp: Float64Array;
  /** Adds rows 0 … n−1 of `centred`. */
  add(n: number): void;
}

let instance: MomentsExports | null | undefined;
let enabled = true;

function exportsOf(): MomentsExports | null {
  if (!enabled) return null;
  if (instance === undefined) instance = wasmExports<MomentsExports>(MOMENTS_WASM_BASE64);
  return instance;
}

/** Turn the WebAssembly kernel off (false) or back on, for tests and benchmarks of the JavaScript path. */
export function useMomentsWasm(on: boolean): void {
  enabled = on;
}

/** A kernel for m outputs and up to `rows` rows per `add`, its sums zeroed; undefined without WebAssembly. */
export function secondMomentsKernel(m: number, rows: number): SecondMomentsKernel | undefined {
  const x = exportsOf();
  if (!x) return undefined;
  const pairs = (m * (m + 1)) / 2;
  const bytes = 8 * (rows * m + 2 * pairs);
  const have = x.memory.buffer.byteLength;
  if (bytes > have) x.memory.grow(Math.ceil((bytes - have) / 65536));
  const buffer = x.memory.buffer;
  const centred = new Float64Array(buffer, 0, rows * m);
  const sum = new Float64Array(buffer, centred.byteLength, pairs);
  const comp = new Float64Array(buffer, centred.byteLength + sum.byteLength, pairs);
  sum.fill(0);
  comp.fill(0);
  return { centred, sum, comp, add: (n) => x.second(0, n, m, sum.byteOffset, comp.byteOffset) };
}
