/**
 * Counter-based random numbers: Philox4x32-10 of [salmon_2011] (Random123).
 *
 * A counter-based generator is a keyed bijection of a 128-bit counter, so the n-th draw is
 * computed directly (random access) and streams with different keys or counter words are
 * independent: batches and threads need no shared state, and a run is reproducible from
 * (seed, stream) alone. The GPU backend implements the same definition in WGSL; keep both
 * in step with this header.
 *
 * ## Definition (shared with the WGSL kernel)
 *
 * - key = (seed_lo, seed_hi) with seed_lo = seed mod 2³², seed_hi = ⌊seed / 2³²⌋
 *   (seed an integer in [0, 2⁵³)).
 * - Sample i of stream s, block j uses counter = (i_lo, s, j, i_hi), i_lo = i mod 2³²,
 *   i_hi = ⌊i / 2³²⌋. For d ≤ 2 and i < 2³² this is (i, s, 0, 0).
 * - One block gives words (u0, u1, u2, u3) → uniforms uₖ = (wₖ + ½)·2⁻³² ∈ (0, 1) →
 *   two Box–Muller pairs: r = √(−2 ln u0), z0 = r cos 2πu1, z1 = r sin 2πu1, and likewise
 *   (u2, u3) → (z2, z3). So 4 normals per counter.
 * - Sample i needs 2d normals n₀ … n₂d₋₁, with n₄ⱼ₊ₖ = zₖ of block j (blocks j = 0 …
 *   ⌈2d/4⌉ − 1); then x_k = σ_x n_k and v_k = σ_v n_{d+k} (numeric/integrator.ts, (3.1)).
 *
 * @see [salmon_2011] J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random
 *   numbers: as easy as 1, 2, 3", SC'11 — Philox4x32, constants and round function.
 */
import { UNIFORMS_MAX_BLOCKS, WORDS_MAX_BLOCKS, philoxUniformsWasm, philoxWordsWasm } from './philox-wasm.ts';

/** Philox4x32 round multipliers and Weyl key increments of [salmon_2011]. */
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;
/** Rounds of Philox4x32-10. */
export const PHILOX_ROUNDS = 10;

const TWO_POW_32 = 4294967296;
const TWO_PI = 2 * Math.PI;

/**
 * High 32 bits of the 64-bit product of two unsigned 32-bit integers, in 16-bit limbs
 * (the same integer arithmetic the WGSL kernel uses; every partial product is < 2³²).
 * @example mulhi32(0xffffffff, 0xffffffff) // returns 0xfffffffe
 */
export function mulhi32(a: number, b: number): number {
  const aL = a & 0xffff;
  const aH = a >>> 16;
  const bL = b & 0xffff;
  const bH = b >>> 16;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const hh = aH * bH;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (hh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 of one counter under one key, written to `out` as unsigned 32-bit words.
 * Round: (c0, c1, c2, c3) → (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)),
 * then k += (W0, W1).
 * @example philox4x32([0, 0, 0, 0], [0, 0]) // returns [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32(counter: ArrayLike<number>, key: ArrayLike<number>, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  philoxBlock(counter[0] >>> 0, counter[1] >>> 0, counter[2] >>> 0, counter[3] >>> 0, key[0] >>> 0, key[1] >>> 0, out);
  return out;
}

/** Halves of the multipliers and the key increments as int32, for `philoxBlock`. */
const M0_L = PHILOX_M0 & 0xffff;
const M0_H = PHILOX_M0 >>> 16;
const M1_L = PHILOX_M1 & 0xffff;
const M1_H = PHILOX_M1 >>> 16;
const W0_I32 = PHILOX_W0 | 0;
const W1_I32 = PHILOX_W1 | 0;

/**
 * The block function on scalar words (no allocation: the samplers call it per sample). The state
 * is kept in int32 (the same bits as the unsigned words); hi(M·c) by 16-bit limbs with `Math.imul`,
 * as `mulhi32` (every partial product < 2³², so its 32 bits are exact), and lo(M·c) = imul(M, c).
 * The words written to `out` (a Uint32Array) are the unsigned ones.
 */
export function philoxBlock(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  c0 |= 0; c1 |= 0; c2 |= 0; c3 |= 0; k0 |= 0; k1 |= 0;
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    let aL = c0 & 0xffff, aH = c0 >>> 16;
    let ll = Math.imul(aL, M0_L), lh = Math.imul(aL, M0_H), hl = Math.imul(aH, M0_L);
    let mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
    const hi0 = (Math.imul(aH, M0_H) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
    const lo0 = Math.imul(PHILOX_M0, c0);
    aL = c2 & 0xffff; aH = c2 >>> 16;
    ll = Math.imul(aL, M1_L); lh = Math.imul(aL, M1_H); hl = Math.imul(aH, M1_L);
    mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
    const hi1 = (Math.imul(aH, M1_H) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
    const lo1 = Math.imul(PHILOX_M1, c2);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 = (k0 + W0_I32) | 0;
    k1 = (k1 + W1_I32) | 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** A 32-bit word to a uniform in the open interval (0, 1): (w + ½)·2⁻³². */
export function wordToUniform(w: number): number {
  return (w + 0.5) / TWO_POW_32;
}

/** The Philox key of a seed: (seed mod 2³², ⌊seed / 2³²⌋). */
export function seedKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seedKey: seed must be an integer in [0, 2^53), got ${seed}`);
  return [seed % TWO_POW_32 >>> 0, Math.floor(seed / TWO_POW_32) >>> 0];
}

/**
 * Random access to the normals of the header's definition: `fill(i, out, offset, count)`
 * writes the first `count` normals of sample i (count ≤ 4·blocks) to `out[offset …]`.
 * One object per (seed, stream); it keeps a 4-word scratch buffer only.
 */
export class NormalStream {
  readonly seed: number;
  readonly stream: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly words = new Uint32Array(4);

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) throw new RangeError(`NormalStream: stream must be an integer in [0, 2^32), got ${stream}`);
    [this.k0, this.k1] = seedKey(seed);
    this.seed = seed;
    this.stream = stream;
  }

  /** The 4 raw words of block j of sample i. */
  words4(i: number, j = 0, out: Uint32Array = new Uint32Array(4)): Uint32Array {
    philoxBlock(i % TWO_POW_32 >>> 0, this.stream, j >>> 0, Math.floor(i / TWO_POW_32) >>> 0, this.k0, this.k1, out);
    return out;
  }

  /** The 4 uniforms in (0, 1) of block j of sample i. */
  uniforms(i: number, j: number, out: Float64Array, offset = 0): void {
    const w = this.words;
    philoxBlock(i % TWO_POW_32 >>> 0, this.stream, j >>> 0, Math.floor(i / TWO_POW_32) >>> 0, this.k0, this.k1, w);
    out[offset] = wordToUniform(w[0]);
    out[offset + 1] = wordToUniform(w[1]);
    out[offset + 2] = wordToUniform(w[2]);
    out[offset + 3] = wordToUniform(w[3]);
  }

  /** The first `count` standard normals of sample i (Box–Muller on blocks 0, 1, …). */
  fill(i: number, out: Float64Array, offset: number, count: number): void {
    const w = this.words;
    const lo = i % TWO_POW_32 >>> 0;
    const hi = Math.floor(i / TWO_POW_32) >>> 0;
    for (let j = 0; 4 * j < count; j++) {
      philoxBlock(lo, this.stream, j, hi, this.k0, this.k1, w);
      boxMuller(w, 0, out, offset + 4 * j, count - 4 * j);
    }
  }

  /**
   * `fill` for samples i … i + n − 1: the first `count` normals of sample i + s at
   * `out[s·count …]`, the same numbers bit for bit (the blocks from the WebAssembly kernel when it runs).
   */
  samples(i: number, n: number, count: number, out: Float64Array): void {
    const J = Math.ceil(count / 4);
    const chunk = Math.max(1, Math.floor(WORDS_MAX_BLOCKS / J));
    for (let s0 = 0; s0 < n; s0 += chunk) {
      const m = Math.min(chunk, n - s0);
      const w = J > 0 && J <= WORDS_MAX_BLOCKS ? philoxWordsWasm(this.k0, this.k1, this.stream, i + s0, m, J) : undefined;
      if (!w) {
        for (let s = s0; s < s0 + m; s++) this.fill(i + s, out, s * count, count);
        continue;
      }
      for (let s = 0; s < m; s++) {
        const at = (s0 + s) * count;
        for (let j = 0; 4 * j < count; j++) boxMuller(w, 4 * (J * s + j), out, at + 4 * j, count - 4 * j);
      }
    }
  }
}

/**
 * The header's Box–Muller pairs of one block (words w[at … at + 3]): z0, z1 from (u0, u1), z2, z3
 * from (u2, u3), the first min(4, count) written to out[offset …].
 */
function boxMuller(w: Uint32Array, at: number, out: Float64Array, offset: number, count: number): void {
  let r = Math.sqrt(-2 * Math.log(wordToUniform(w[at])));
  let t = TWO_PI * wordToUniform(w[at + 1]);
  out[offset] = r * Math.cos(t);
  if (count < 2) return;
  out[offset + 1] = r * Math.sin(t);
  if (count < 3) return;
  r = Math.sqrt(-2 * Math.log(wordToUniform(w[at + 2])));
  t = TWO_PI * wordToUniform(w[at + 3]);
  out[offset + 2] = r * Math.cos(t);
  if (count < 4) return;
  out[offset + 3] = r * Math.sin(t);
}

/**
 * A sequential seeded generator on top of the same counter space, for code that wants
 * "the next number" (searches, simulators): draw n uses block ⌊n/4⌋ of stream `stream`.
 * Reproducible from (seed, stream); `at(position)` jumps anywhere.
 */
export class PhiloxRng {
  private readonly k0: number;
  private readonly k1: number;
  private readonly stream: number;
  private readonly words = new Uint32Array(4);
  private block = -1;
  private position = 0;
  // Monomorphic (a number and a flag, not number | undefined): normal() is the SDE simulators' hot call.
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number, stream = 0) {
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) throw new RangeError(`PhiloxRng: stream must be an integer in [0, 2^32), got ${stream}`);
    [this.k0, this.k1] = seedKey(seed);
    this.stream = stream;
  }

  /** (seed, stream, word position): a generator built from them and jumped there draws the same words; undefined while a normal is cached. */
  state(): { seed: number; stream: number; position: number } | undefined {
    return this.hasSpare ? undefined : { seed: this.k0 + this.k1 * TWO_POW_32, stream: this.stream, position: this.position };
  }

  /** Jump to word number `position` of the stream (drops a cached normal). */
  at(position: number): this {
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`PhiloxRng.at: position must be a non-negative integer, got ${position}`);
    this.position = position;
    this.hasSpare = false;
    return this;
  }

  /** Next unsigned 32-bit word. */
  nextU32(): number {
    const b = (this.position - (this.position % 4)) / 4;
    if (b !== this.block) {
      philoxBlock(b % TWO_POW_32 >>> 0, this.stream, 0, Math.floor(b / TWO_POW_32) >>> 0, this.k0, this.k1, this.words);
      this.block = b;
    }
    return this.words[this.position++ % 4];
  }

  /** The words of the block at the current position (a multiple of 4), which moves past it. */
  private takeBlock(): Uint32Array {
    const b = this.position / 4;
    philoxBlock(b % TWO_POW_32 >>> 0, this.stream, 0, Math.floor(b / TWO_POW_32) >>> 0, this.k0, this.k1, this.words);
    this.block = b;
    this.position += 4;
    return this.words;
  }

  /** Uniform in (0, 1), 32 random bits. */
  uniform(): number {
    return wordToUniform(this.nextU32());
  }

  /**
   * `out[offset … offset + count − 1]` ← the next `count` values of `uniform()`, in order (the same
   * numbers and the same state after): whole Philox blocks inline, edges by `uniform()`.
   */
  uniforms(out: Float64Array, offset: number, count: number): void {
    let k = offset;
    const end = offset + count;
    while (k < end && this.position % 4 !== 0) out[k++] = this.uniform();
    while (end - k >= 8) {
      const blocks = Math.min(Math.floor((end - k) / 4), UNIFORMS_MAX_BLOCKS);
      const u = philoxUniformsWasm(this.k0, this.k1, this.stream, this.position / 4, blocks);
      if (!u) break;
      out.set(u.subarray(0, 4 * blocks), k);
      k += 4 * blocks;
      this.position += 4 * blocks;
      this.block = -1;
    }
    while (end - k >= 4) {
      const w = this.takeBlock();
      out[k] = wordToUniform(w[0]);
      out[k + 1] = wordToUniform(w[1]);
      out[k + 2] = wordToUniform(w[2]);
      out[k + 3] = wordToUniform(w[3]);
      k += 4;
    }
    while (k < end) out[k++] = this.uniform();
  }

  /** Uniform in [0, 1) with 53 random bits (two words). */
  uniform53(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Integer uniform in [0, n), n ≤ 2³², without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`PhiloxRng.int: n must be an integer in [1, 2^32], got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const w = this.nextU32();
      if (w < limit) return w % n;
    }
  }

  /** Standard normal by Box–Muller (pairs; the second is cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const t = TWO_PI * this.uniform();
    this.spareNormal = r * Math.sin(t);
    this.hasSpare = true;
    return r * Math.cos(t);
  }

  /**
   * `out[offset … offset + count − 1]` ← the next `count` values of `normal()`, in order (the same
   * numbers, bit for bit, and the same state after): whole Philox blocks inline, edges by `normal()`.
   */
  normals(out: Float64Array, offset: number, count: number): void {
    let k = offset;
    const end = offset + count;
    while (k < end && (this.hasSpare || this.position % 4 !== 0)) out[k++] = this.normal();
    while (end - k >= 8) {
      const blocks = Math.min(Math.floor((end - k) / 4), WORDS_MAX_BLOCKS);
      const w = philoxWordsWasm(this.k0, this.k1, this.stream, this.position / 4, blocks, 1);
      if (!w) break;
      for (let b = 0; b < blocks; b++) boxMuller(w, 4 * b, out, k + 4 * b, 4);
      k += 4 * blocks;
      this.position += 4 * blocks;
      this.block = -1;
    }
    while (end - k >= 4) {
      boxMuller(this.takeBlock(), 0, out, k, 4);
      k += 4;
    }
    while (k < end) out[k++] = this.normal();
  }
}
