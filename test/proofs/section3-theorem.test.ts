import { afterAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';
import { q } from '../../symbolic/rational.ts';
import { DELTA, GAMMA, OMEGA0, S } from '../../symbolic/lyapunov.ts';
import { checkCase, checkConstants, checkCritical, checkRemark32, claims, printedCase, printedConstantsSpec, printedCritical } from '../../proofs/section3-theorem.ts';

const registry = createServiceRegistry({ z3: createZ3Service });
const ctx: CheckContext = { seed: 1, effort: 0.1, backend: 'auto', services: registry, progress: () => {} };
const noZ3: CheckContext = { ...ctx, services: createServiceRegistry({}) };
afterAll(() => registry.disposeAll());
const claim = (id: string) => claims.find((c) => c.id === id)!;

describe('thm:3.1:case1', () => {
  it('refutes μ = γ with a re-checked witness and proves μ = γ/2 is the largest', async () => {
    const r = await claim('thm:3.1:case1').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('z3');
    expect(r.corrected?.verdict).toBe('proved');
    expect((r.evidence.closedForm as Record<string, unknown>)['K = γP']).toBe(true);
  });
  it('still refutes without Z3, from an exact sample point', async () => {
    const r = await claim('thm:3.1:case1').check(noZ3);
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('exact');
  });
  it('proves the planted μ = γ/2', async () => {
    const spec = printedCase('case1');
    expect((await checkCase({ ...spec, printed: { ...spec.printed, mu: GAMMA.scale(q(1, 2)) } }, ctx)).verdict).toBe('proved');
  });
  it('refutes μ = γ/2 with a halved C = ω₀²/2', async () => {
    const spec = printedCase('case1');
    const bad = { ...spec.printed, mu: GAMMA.scale(q(1, 2)), C: OMEGA0.mul(OMEGA0).scale(q(1, 2)) };
    expect((await checkCase({ ...spec, printed: bad }, ctx)).verdict).toBe('refuted');
  });
});

describe('thm:3.1:case2', () => {
  it('refutes μ = γ − √(γ² − 4ω₀²) and proves (γ − s)/2 is the largest μ', async () => {
    const r = await claim('thm:3.1:case2').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).toBe('proved');
  });
  it('proves the planted μ = (γ − s)/2', async () => {
    const spec = printedCase('case2');
    expect((await checkCase({ ...spec, printed: { ...spec.printed, mu: GAMMA.sub(S).scale(q(1, 2)) } }, ctx)).verdict).toBe('proved');
  });
});

describe('thm:3.1:case3', () => {
  it('refutes rate γ − δ for small δ and proves the constructed C(δ), Ĉ(δ) for γ/2 − δ', async () => {
    const r = await claim('thm:3.1:case3').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).toBe('proved');
    expect((r.corrected?.evidence as { exactDeterminantProof: boolean }).exactDeterminantProof).toBe(true);
  });
  it('refutes without Z3 by the exact trace identity at ω₀ = 1, δ = 1/2', async () => {
    const r = await claim('thm:3.1:case3').check(noZ3);
    expect(r.verdict).toBe('refuted');
    expect((r.witness as { delta: string }).delta).toBe('1/2');
  });
  it('proves the planted rate γ/2 − δ (= ω₀ − δ)', async () => {
    expect((await checkCritical({ ...printedCritical, mu: OMEGA0.sub(DELTA) }, ctx)).verdict).toBe('proved');
  });
  it('refutes a planted construction C = ω₀² + 8δ² (det < 0)', async () => {
    const construction = { ...printedCritical.construction, C: OMEGA0.mul(OMEGA0).add(DELTA.mul(DELTA).scale(8)) };
    const r = await checkCritical({ ...printedCritical, construction }, ctx);
    expect(r.corrected?.verdict).toBe('refuted');
  });
});

describe('thm:3.1:constants', () => {
  it('refutes the printed C₁ (extra ε₀) and proves the proof’s steps', async () => {
    const r = await claim('thm:3.1:constants').check(ctx);
    expect(r.verdict).toBe('refuted');
    // hand: C = 1, Ĉ = 1/4, C₂ = 1, ε/ε₀ = (103/4)·(16/15) = 412/15; ε₀ = 1/100
    const w = r.witness as { epsTheorem: string; epsProof: string };
    expect(w.epsProof).toBe('103/375'); // ε₀ · 412/15
    expect(w.epsTheorem).toBe('103/37500'); // ε₀² · 412/15
    expect(r.corrected?.verdict).toBe('proved');
  });
  it('proves the C₁ without ε₀ (planted correction)', async () => {
    const spec = { ...printedConstantsSpec, c1TimesDen: printedConstantsSpec.c1TimesDen.subs({ eps0: 1 }) };
    expect((await checkConstants(spec, ctx)).verdict).toBe('proved');
  });
  it('refutes a completed square with a flipped sign', async () => {
    const spec = { ...printedConstantsSpec, c1TimesDen: printedConstantsSpec.c1TimesDen.subs({ eps0: 1 }), completedSquaresTimesC: printedConstantsSpec.completedSquaresTimesC.neg() };
    expect((await checkConstants(spec, ctx)).verdict).toBe('refuted');
  });
});

describe('Remarks 3.1 and 3.2', () => {
  it('proves (3.7) from (3.6) and records the halved rate', async () => {
    const r = await claim('rem:3.1').check(ctx);
    expect(r.verdict).toBe('proved');
    expect(Object.values(r.evidence.identities as Record<string, boolean>).every(Boolean)).toBe(true);
  });
  it('proves (1 − κ)m > 1 under the printed rates, and again with the proved μ for both SGD and ASGD', async () => {
    const r = await claim('rem:3.2').check(ctx);
    expect(r.verdict).toBe('proved');
    expect(r.corrected?.verdict).toBe('proved');
    expect(r.corrected?.statement).toContain('(1−κ)m > 1');
    // the inconsistent mix (ASGD corrected, SGD as printed) needs threshold 2
    expect((r.evidence.mixedRates as { threshold: string }).threshold).toBe('(1−κ)m > 2');
  });
  it('refutes a planted threshold (1 − κ)m > 1 when only the ASGD rate is halved', async () => {
    expect((await checkRemark32(ctx, q(1), q(1), q(2))).verdict).toBe('refuted');
  });
  it('refutes a planted threshold (1 − κ)m > 2 when both rates are halved', async () => {
    expect((await checkRemark32(ctx, q(1), q(2), q(1))).verdict).toBe('refuted');
  });
});


describe('derive thm:3.1 cases', () => {
  it('shows K = γP in case 1, so K − 2μP vanishes at μ = γ/2', async () => {
    const { deriveCase } = await import('../../proofs/section3-theorem.ts');
    const steps = deriveCase('case1');
    expect(steps.map((s) => s.title)).toContain('K − 2μP with the printed μ = γ');
    expect(steps.at(-1)!.text).toContain('K − 2μP = [[0, 0], [0, 0]]');
  });
  it('gives det(K − 2μP) = 4δ⁴ with the constructed C(δ), Ĉ(δ) in case 3', async () => {
    const { deriveCase } = await import('../../proofs/section3-theorem.ts');
    expect(deriveCase('case3').at(-1)!.text).toContain('det = 4*δ^4');
  });
});

describe('without Z3', () => {
  const noZ3 = { seed: 1, effort: 0.1, backend: 'auto' as const, services: { has: () => false, get: async <T,>(): Promise<T> => { throw new Error('no z3'); } }, progress: () => {} };
  it('proves the threshold of Remark 3.1 by the exact factorisation (2ω₀u − w)(2ω₀u + w)', async () => {
    const r = await claim('rem:3.1').check(noZ3);
    expect(r.verdict).toBe('proved');
  });
  it('does not call the corrected constants proved when the per-case signs could not be decided', async () => {
    const r = await claim('thm:3.1:constants').check(noZ3);
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).not.toBe('proved');
  });
});
