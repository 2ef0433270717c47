import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PHILOX_WASM_BASE64 } from '../../numeric/philox-wasm-binary.ts';
import { UNIFORMS_MAX_BLOCKS, WORDS_MAX_BLOCKS, philoxUniformsWasm, philoxWordsWasm, usePhiloxWasm } from '../../numeric/philox-wasm.ts';
import { NormalStream, PhiloxRng, philoxBlock, wordToUniform } from '../../numeric/rng.ts';
// @ts-expect-error: a plain .mjs build script without declarations
import { WAT, assemblePhilox, binaryModuleText } from '../../src/build-wasm.mjs';

const TWO_POW_32 = 2 ** 32;

/** The words of counter (c0 … c3) under (k0, k1) from the JavaScript block. */
function jsBlock(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number): number[] {
  const out = new Uint32Array(4);
  philoxBlock(c0 >>> 0, c1 >>> 0, c2 >>> 0, c3 >>> 0, k0 >>> 0, k1 >>> 0, out);
  return [...out];
}

/** A module assembled from WAT text, with the kernel's two exports. */
async function instantiate(wat: string): Promise<{ words: (...a: number[]) => void; memory: { buffer: ArrayBuffer } }> {
  const wabt = await (await import('wabt')).default();
  const m = wabt.parseWat('philox.wat', wat);
  const bytes = m.toBinary({}).buffer;
  m.destroy();
  const api = (globalThis as unknown as { WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> } }).WebAssembly;
  const { instance } = await api.instantiate(bytes);
  return instance.exports as never;
}

afterEach(() => usePhiloxWasm(true));

describe('Philox4x32-10 in WebAssembly (issue 13)', () => {
  it('ships the bytes that numeric/philox.wat assembles to', async () => {
    expect(await assemblePhilox()).toBe(PHILOX_WASM_BASE64);
    expect(readFileSync(new URL('../../numeric/philox-wasm-binary.ts', import.meta.url), 'utf8')).toBe(binaryModuleText(PHILOX_WASM_BASE64));
  });

  it('gives the JavaScript block\'s words for every sample and block, across i_lo = 2^32 − 1 → 0', () => {
    for (const [k0, k1, stream, J] of [[0, 0, 0, 1], [0xdeadbeef, 0x12345678, 7, 2], [0xffffffff, 0xffffffff, 0xffffffff, 3]]) {
      const i = 5 * TWO_POW_32 + TWO_POW_32 - 40;
      const n = 100;
      const w = philoxWordsWasm(k0, k1, stream, i, n, J)!;
      expect(w).toBeDefined();
      for (let s = 0; s < n; s++) {
        const at = i + s;
        for (let j = 0; j < J; j++) expect([...w.subarray(4 * (J * s + j), 4 * (J * s + j) + 4)]).toEqual(jsBlock(at % TWO_POW_32, stream, j, Math.floor(at / TWO_POW_32), k0, k1));
      }
    }
  });

  it('gives the uniforms (w + ½)·2⁻³² of PhiloxRng\'s blocks, across b_lo = 2^32 − 1 → 0', () => {
    const b = 3 * TWO_POW_32 - 17;
    const u = philoxUniformsWasm(99, 7, 5, b, 64)!;
    for (let s = 0; s < 64; s++) {
      const words = jsBlock((b + s) % TWO_POW_32, 5, 0, Math.floor((b + s) / TWO_POW_32), 99, 7);
      for (let k = 0; k < 4; k++) expect(u[4 * s + k]).toBe(wordToUniform(words[k]));
    }
  });

  it('refuses more blocks than its memory holds', () => {
    expect(() => philoxWordsWasm(1, 2, 3, 0, WORDS_MAX_BLOCKS + 1, 1)).toThrow(RangeError);
    expect(() => philoxUniformsWasm(1, 2, 3, 0, UNIFORMS_MAX_BLOCKS + 1)).toThrow(RangeError);
  });

  it('a planted error in the .wat (one multiplier changed) changes the words', async () => {
    const wat = readFileSync(WAT, 'utf8');
    expect(wat).toContain('0xd2511f53');
    for (const [text, same] of [[wat, true], [wat.replace('0xd2511f53', '0xd2511f55'), false]] as const) {
      const k = await instantiate(text);
      k.words(1, 2, 3, 10, 0, 1, 1);
      expect([...new Uint32Array(k.memory.buffer, 0, 4)].join() === jsBlock(10, 3, 0, 0, 1, 2).join()).toBe(same);
    }
  });

  it('PhiloxRng.normals and uniforms give the same numbers and state with and without it, across its chunks', () => {
    for (const [lead, count] of [[0, 4 * WORDS_MAX_BLOCKS + 13], [3, 4 * UNIFORMS_MAX_BLOCKS + 9], [1, 37]] as const) {
      const draws = (wasm: boolean) => {
        usePhiloxWasm(wasm);
        const rng = new PhiloxRng(2 ** 40 + 5, 9).at(4 * (TWO_POW_32 - 3));
        for (let k = 0; k < lead; k++) rng.normal();
        const z = new Float64Array(count);
        rng.normals(z, 0, count);
        const u = new Float64Array(count);
        rng.uniforms(u, 0, count);
        return { z, u, next: [rng.normal(), rng.nextU32()] };
      };
      const fast = draws(true);
      const slow = draws(false);
      expect(Buffer.from(fast.z.buffer).equals(Buffer.from(slow.z.buffer))).toBe(true);
      expect(Buffer.from(fast.u.buffer).equals(Buffer.from(slow.u.buffer))).toBe(true);
      expect(fast.next).toEqual(slow.next);
    }
  });

  it('NormalStream.samples equals fill per sample for every count, across its chunks and i_lo = 2^32 − 1 → 0', () => {
    const rng = new NormalStream(12345, 4);
    for (const [count, n] of [[1, 50], [2, 50], [3, 40], [4, 40], [6, 30], [9, 6000], [16, 20]] as const) {
      const i = TWO_POW_32 - 7;
      const out = new Float64Array(n * count);
      rng.samples(i, n, count, out);
      usePhiloxWasm(false);
      const slow = new Float64Array(n * count);
      rng.samples(i, n, count, slow);
      usePhiloxWasm(true);
      const one = new Float64Array(count);
      for (const s of [0, 6, 7, n - 1]) {
        rng.fill(i + s, one, 0, count);
        expect([...out.subarray(s * count, (s + 1) * count)]).toEqual([...one]);
      }
      expect(Buffer.from(out.buffer).equals(Buffer.from(slow.buffer))).toBe(true);
    }
    // more blocks per sample than one call holds: sample by sample (fill), no error
    const count = 4 * WORDS_MAX_BLOCKS + 3;
    const wide = new Float64Array(2 * count);
    rng.samples(9, 2, count, wide);
    const one = new Float64Array(count);
    rng.fill(10, one, 0, count);
    expect(Buffer.from(wide.buffer, 8 * count, 8 * count).equals(Buffer.from(one.buffer))).toBe(true);
  });
});
