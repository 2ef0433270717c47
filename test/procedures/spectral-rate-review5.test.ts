/**
 * Review 5 of spectral-rate (dz = −C z dt + √(2D) dW). (1) Only S = (D + Dᵀ)/2 enters the
 * operator (∇·(A∇f) = 0 for a constant antisymmetric A): Kalman's condition is read on S, so a
 * non-symmetric D whose symmetric part is degenerate is not refuted by a mode h₀ = x₂ that vanishes
 * on the support of the invariant law. (2) A parameter found only off the diagonal of C (a Jordan
 * block [[a, c], [0, a]]) gets a value at every sampled point (was: an `error`).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-sr5-');
function decide(parameters: string, claim: string): Promise<CheckResult> {
  return files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { ${parameters} }\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: spectral-rate, ${claim} }\n`);
}
const ab = 'a: { domain: "> 0" }, b: { domain: "> 0" }';
const acd = 'a: { domain: "> 0" }, c: { domain: "real" }, delta: { domain: "> 0" }';

describe('spectral-rate reads D through its symmetric part (D + Dᵀ)/2', () => {
  // C = diag(a, b), b < a; D = [[1, 1], [−1, 0]] has symmetric part diag(1, 0): (C, S) fails Kalman
  // (x₂ is deterministic, the invariant law lives on x₂ = 0), exactly as D = diag(1, 0) does.
  const skew = 'drift: [["a", "0"], ["0", "b"]], diffusion: [["1", "1"], ["-1", "0"]], forall: ["b < a"]';
  const sym = 'drift: [["a", "0"], ["0", "b"]], diffusion: [["1", "0"], ["0", "0"]], forall: ["b < a"]';
  it('does not refute rate 2a with the mode h₀ = x₂ (zero on the support of ρ∞): inconclusive, like D = diag(1, 0)', async () => {
    const r = await decide(ab, `${skew}, rate: "2*a", sharp: false`);
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/Kalman/);
    expect((await decide(ab, `${sym}, rate: "2*a", sharp: false`)).verdict).toBe('inconclusive');
  }, 30_000);
  it('does not support the sharp rate 2b either (the same hypothesis fails)', async () => {
    const r = await decide(ab, `${skew}, rate: "2*b", sharp: true`);
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/Kalman/);
  }, 30_000);
  // Planted pair: with C = [[a + 1, 0], [−1, a]] the pair (C, diag(1, 0)) is controllable, so the
  // same non-symmetric D gives a non-degenerate law; σ(C) = {a + 1, a}: ρ = 2a.
  const coupled = 'drift: [["a + 1", "0"], ["-1", "a"]], diffusion: [["1", "1"], ["-1", "0"]]';
  it('proves the true bound 2a when Kalman holds on the symmetric part', async () => {
    expect((await decide(ab, `${coupled}, rate: "2*a", sharp: false`)).verdict).toBe('proved');
  }, 30_000);
  it('refutes the planted bound 2a + 1 there', async () => {
    expect((await decide(ab, `${coupled}, rate: "2*a + 1", sharp: false`)).verdict).toBe('refuted');
  }, 30_000);
});

describe('spectral-rate samples every parameter of the printed data (one only off the diagonal of C)', () => {
  // C = [[a, c], [0, a]], D = I: a Jordan block for c ≠ 0, ‖h(t)‖² ~ t²e^{−2at} [arnold_erb_2014].
  const jordan = 'drift: [["a", "c"], ["0", "a"]], diffusion: [["1", "0"], ["0", "1"]]';
  it('refutes the bound 2a at a point with c ≠ 0 (defective), with c in the witness', async () => {
    const r = await decide(acd, `${jordan}, rate: "2*a", sharp: false`);
    expect(r.verdict).toBe('refuted');
    const c = (r.witness as Record<string, string>).c;
    expect(c).toBeDefined();
    expect(c).not.toBe('0');
  }, 30_000);
  it('proves the corrected 2a − δ for every δ > 0, sharp as δ → 0', async () => {
    expect((await decide(acd, `${jordan}, rate: "2*a - delta", slack: delta, sharp: true`)).verdict).toBe('proved');
  }, 30_000);
  // Planted pair with c the only parameter: σ(C) = {2, 1} (non-defective for every c), ρ = 2.
  const tri = 'drift: [["2", "c"], ["0", "1"]], diffusion: [["1", "0"], ["0", "1"]]';
  it('proves the true bound 2 of an upper-triangular drift', async () => {
    expect((await decide('c: { domain: "real" }', `${tri}, rate: "2", sharp: false`)).verdict).toBe('proved');
  }, 30_000);
  it('refutes the planted bound 3 there', async () => {
    expect((await decide('c: { domain: "real" }', `${tri}, rate: "3", sharp: false`)).verdict).toBe('refuted');
  }, 30_000);
});
