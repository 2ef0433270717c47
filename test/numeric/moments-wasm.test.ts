import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MOMENTS_WASM_BASE64 } from '../../numeric/moments-wasm-binary.ts';
import { secondMomentsKernel, useMomentsWasm } from '../../numeric/moments-wasm.ts';
import { MomentAccumulator, SUM_BLOCK, integrandKey, monteCarloBlockSums } from '../../numeric/monte-carlo.ts';
import { add, cst, mul, powi, un, vv, xv, type Integrand } from '../../numeric/expr.ts';
// @ts-expect-error: a plain .mjs build script without declarations
import { MOMENTS_WAT, assembleWat, momentsModuleText } from '../../src/build-wasm.mjs';

afterEach(() => useMomentsWasm(true));

/** Random doubles of many magnitudes and both signs (a seeded LCG). */
function randomRows(count: number, seed: number): Float64Array {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Float64Array.from({ length: count }, () => ((next() / 2 ** 32 - 0.5) * 2 ** ((next() % 48) - 24)));
}

/** The second sums (sum + error per pair) of rows through the kernel, `chunks` rows at a time. */
function kernelSums(rows: Float64Array, m: number, chunks: number[]): { sum: number[]; comp: number[] } {
  const k = secondMomentsKernel(m, Math.max(...chunks))!;
  let at = 0;
  for (const n of chunks) {
    k.centred.set(rows.subarray(at * m, (at + n) * m));
    k.add(n);
    at += n;
  }
  return { sum: [...k.sum], comp: [...k.comp] };
}

/** The same through MomentAccumulator.pushRows (shift 0, so the centred rows are the rows). */
function jsSums(rows: Float64Array, m: number, chunks: number[]): { sum: number[]; comp: number[] } {
  const acc = MomentAccumulator.withShift(new Array(m).fill(0));
  const centred = new Float64Array(Math.max(...chunks) * m);
  let at = 0;
  for (const n of chunks) {
    acc.pushRows(rows.slice(at * m, (at + n) * m), n, centred);
    at += n;
  }
  const second = (acc as unknown as { second: { sum: Float64Array; comp: Float64Array } }).second;
  return { sum: [...second.sum], comp: [...second.comp] };
}

describe('second moments in WebAssembly (numeric/moments.wat, issue 13)', () => {
  it('ships the bytes that numeric/moments.wat assembles to', async () => {
    expect(await assembleWat(MOMENTS_WAT)).toBe(MOMENTS_WASM_BASE64);
    expect(readFileSync(new URL('../../numeric/moments-wasm-binary.ts', import.meta.url), 'utf8')).toBe(momentsModuleText(MOMENTS_WASM_BASE64));
  });

  it('gives MomentAccumulator.pushRows\' sums and errors bit for bit (m = 1 … 25, chunks of 1 … 256 rows)', () => {
    expect(secondMomentsKernel(3, 4)).toBeDefined();
    for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 18, 25]) {
      const chunks = [256, 1, 37, 256, 3];
      const rows = randomRows(chunks.reduce((a, b) => a + b) * m, 17 + m);
      expect(kernelSums(rows, m, chunks)).toEqual(jsSums(rows, m, chunks));
    }
  });

  it('a block of Monte Carlo draws gives the same sums with and without it', () => {
    const exprs = [powi(xv(0), 2), un('exp', mul(cst(0.3), xv(1))), add(vv(0), mul(xv(0), vv(1))), un('cos', vv(1)), mul(xv(1), xv(1), vv(0))];
    const f: Integrand = { d: 2, names: exprs.map((_, k) => `f${k}`), exprs, params: {} };
    const block = { f, key: integrandKey(f), sx: 0.4, sv: 0.7, seed: 3, stream: 0, antithetic: false, start: SUM_BLOCK, end: 2 * SUM_BLOCK - 5, shift: [0.1, 1, 0, 0.5, 0] };
    const withWasm = [...monteCarloBlockSums(block)];
    useMomentsWasm(false);
    expect([...monteCarloBlockSums(block)]).toEqual(withWasm);
  });

  it('a planted error in the .wat (the error term of a lane pair dropped) changes the sums', async () => {
    const wat = readFileSync(MOMENTS_WAT, 'utf8');
    const planted = wat.replace('(f64x2.sub (local.get $x0) (local.get $v0))', '(f64x2.sub (local.get $x0) (local.get $x0))');
    expect(planted).not.toBe(wat);
    const wabt = await (await import('wabt')).default();
    const mod = wabt.parseWat('moments.wat', planted, { simd: true });
    const bytes = mod.toBinary({}).buffer;
    mod.destroy();
    const api = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: { memory: { buffer: ArrayBuffer }; second(...a: number[]): void } } }> } }).WebAssembly;
    const { instance } = await api.instantiate(bytes);
    const m = 4, n = 64;
    const rows = randomRows(n * m, 5);
    const mem = new Float64Array(instance.exports.memory.buffer);
    mem.set(rows, 0);
    instance.exports.second(0, n, m, n * m * 8, (n * m + 10) * 8);
    const planted2 = { sum: [...mem.subarray(n * m, n * m + 10)], comp: [...mem.subarray(n * m + 10, n * m + 20)] };
    expect(planted2.sum).toEqual(jsSums(rows, m, [n]).sum); // the sums themselves are untouched
    expect(planted2.comp).not.toEqual(jsSums(rows, m, [n]).comp);
  });
});
