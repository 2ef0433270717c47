import { describe, expect, it } from 'vitest';
import { NormalStream, PhiloxRng, mulhi32, philox4x32, seedKey, wordToUniform } from '../../numeric/rng.ts';

const hex = (a: Uint32Array) => [...a].map((w) => w.toString(16).padStart(8, '0'));

describe('philox4x32', () => {
  // Random123 tests/kat_vectors, Philox4x32-10 (also in TensorFlow's and Boost's Philox tests)
  it('matches the Random123 known-answer vectors', () => {
    expect(hex(philox4x32([0, 0, 0, 0], [0, 0]))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    expect(hex(philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]))).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    expect(hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]))).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('computes the high word of 32×32-bit products exactly', () => {
    const edge = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xd2511f53, 0xcd9e8d57];
    const rng = new PhiloxRng(99);
    const values = [...edge, ...Array.from({ length: 2000 }, () => rng.nextU32())];
    for (let i = 0; i < values.length; i++) {
      const a = values[i];
      const b = values[(i * 7 + 3) % values.length];
      expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });
});

describe('NormalStream', () => {
  it('uses counter (i mod 2^32, stream, block, i div 2^32) under key (seed lo, seed hi)', () => {
    const seed = 2 ** 32 * 3 + 17;
    const s = new NormalStream(seed, 5);
    expect(seedKey(seed)).toEqual([17, 3]);
    expect(hex(s.words4(12, 1))).toEqual(hex(philox4x32([12, 5, 1, 0], [17, 3])));
    expect(hex(s.words4(2 ** 32 + 9, 0))).toEqual(hex(philox4x32([9, 5, 0, 1], [17, 3])));
  });

  it('turns each block into two Box–Muller pairs', () => {
    const s = new NormalStream(1, 0);
    const w = s.words4(4, 0);
    const u = [...w].map(wordToUniform);
    const z = new Float64Array(4);
    s.fill(4, z, 0, 4);
    const r0 = Math.sqrt(-2 * Math.log(u[0]));
    const r1 = Math.sqrt(-2 * Math.log(u[2]));
    expect([...z]).toEqual([r0 * Math.cos(2 * Math.PI * u[1]), r0 * Math.sin(2 * Math.PI * u[1]), r1 * Math.cos(2 * Math.PI * u[3]), r1 * Math.sin(2 * Math.PI * u[3])]);
  });

  it('gives normals 4..7 of a sample from block 1 (random access, no state)', () => {
    const s = new NormalStream(8, 2);
    const all = new Float64Array(6);
    s.fill(3, all, 0, 6);
    const block1 = new Float64Array(4);
    const other = new NormalStream(8, 2);
    other.fill(99, new Float64Array(4), 0, 4); // unrelated draw first: no hidden state
    const w = other.words4(3, 1);
    const u = [...w].map(wordToUniform);
    block1[0] = Math.sqrt(-2 * Math.log(u[0])) * Math.cos(2 * Math.PI * u[1]);
    block1[1] = Math.sqrt(-2 * Math.log(u[0])) * Math.sin(2 * Math.PI * u[1]);
    expect(all[4]).toBe(block1[0]);
    expect(all[5]).toBe(block1[1]);
  });

  it('maps words into the open interval (0, 1)', () => {
    expect(wordToUniform(0)).toBeGreaterThan(0);
    expect(wordToUniform(0xffffffff)).toBeLessThan(1);
  });

  it('draws standard normals (mean 0, variance 1 within 6 standard errors)', () => {
    const s = new NormalStream(3, 0);
    const z = new Float64Array(4);
    const n = 50_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      s.fill(i, z, 0, 4);
      for (const y of z) {
        s1 += y;
        s2 += y * y;
        s4 += y ** 4;
      }
    }
    const N = 4 * n;
    expect(Math.abs(s1 / N)).toBeLessThan(6 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(6 * Math.sqrt(2 / N));
    // E z⁴ = 3, Var z⁴ = 105 − 9 = 96
    expect(Math.abs(s4 / N - 3)).toBeLessThan(6 * Math.sqrt(96 / N));
  });

  it('gives different streams for different seeds and stream words', () => {
    const a = hex(new NormalStream(1, 0).words4(0));
    expect(hex(new NormalStream(1, 0).words4(0))).toEqual(a);
    expect(hex(new NormalStream(2, 0).words4(0))).not.toEqual(a);
    expect(hex(new NormalStream(1, 1).words4(0))).not.toEqual(a);
  });

  it('rejects a negative or fractional seed', () => {
    expect(() => new NormalStream(-1)).toThrow(RangeError);
    expect(() => seedKey(1.5)).toThrow(/seedKey: seed must be an integer/);
  });
});

describe('PhiloxRng', () => {
  it('reproduces its sequence from the seed and jumps with at()', () => {
    const a = new PhiloxRng(11, 3);
    const seq = Array.from({ length: 10 }, () => a.nextU32());
    const b = new PhiloxRng(11, 3);
    expect(Array.from({ length: 10 }, () => b.nextU32())).toEqual(seq);
    expect(b.at(6).nextU32()).toBe(seq[6]);
    expect(seq.slice(0, 4)).toEqual([...philox4x32([0, 3, 0, 0], [11, 0])]);
  });

  it('draws integers in range and uniforms in (0, 1)', () => {
    const r = new PhiloxRng(5);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[r.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(6 * Math.sqrt(1000));
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform53();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(() => r.int(0)).toThrow(RangeError);
  });
});

describe('philox multiply (issue 13)', () => {
  it('the double-arithmetic high word equals mulhi32 on random and extreme words', async () => {
    const { mulhi32, PHILOX_M0, PHILOX_M1 } = await import('../../numeric/rng.ts');
    const words = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];
    let s = 12345;
    for (let i = 0; i < 20000; i++) words.push((s = (Math.imul(s, 1664525) + 1013904223) >>> 0));
    for (const M of [PHILOX_M0, PHILOX_M1]) {
      for (const c of words) {
        const fast = Math.floor((c * (M >>> 16) + Math.floor((c * (M & 0xffff)) / 65536)) / 65536);
        expect(fast).toBe(mulhi32(M, c));
        expect(fast).toBe(Number((BigInt(c) * BigInt(M)) >> 32n));
      }
    }
  });
});

describe('PhiloxRng bulk draws', () => {
  it('normals(out, offset, count) and uniforms(…) give the numbers of normal() and uniform() one at a time, at any alignment', () => {
    for (const [lead, count] of [[0, 0], [0, 1], [1, 7], [3, 16], [2, 1001]] as const) {
      const one = new PhiloxRng(42, 3), bulk = new PhiloxRng(42, 3);
      for (let k = 0; k < lead; k++) expect(bulk.normal()).toBe(one.normal());
      const out = new Float64Array(count + 2);
      bulk.normals(out, 2, count);
      for (let k = 0; k < count; k++) expect(Object.is(out[2 + k], one.normal())).toBe(true);
      expect(bulk.normal()).toBe(one.normal()); // the same state after
      const u = new Float64Array(count + 1);
      for (let k = 0; k < lead; k++) expect(bulk.uniform()).toBe(one.uniform());
      bulk.uniforms(u, 1, count);
      for (let k = 0; k < count; k++) expect(u[1 + k]).toBe(one.uniform());
      expect(bulk.nextU32()).toBe(one.nextU32());
    }
  });
});
