import { afterAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';
import { pc } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';
import { PolyMatrix } from '../../symbolic/matrix.ts';
import { CH_SYM, GAMMA, OMEGA0, S, lyapunovMatrixK } from '../../symbolic/lyapunov.ts';
import { checkArnoldErb, checkEigenvalues, checkEpsilonCoefficients, checkKCollected, checkKDecomposition, claims, printedCombination } from '../../proofs/section4-lyapunov.ts';

const registry = createServiceRegistry({ z3: createZ3Service });
const ctx: CheckContext = { seed: 1, effort: 0.1, backend: 'auto', services: registry, progress: () => {} };
afterAll(() => registry.disposeAll());
const claim = (id: string) => claims.find((c) => c.id === id)!;

describe('eq:4.3 and eq:4.4', () => {
  it('proves the ε-coefficients (11 + 4C + 15Ĉ), (4 + 11C + 15Ĉ)', async () => {
    expect((await claim('eq:4.3').check(ctx)).verdict).toBe('proved');
  });
  it('refutes a planted 14Ĉ in the ε-coefficient of ‖∇ₓh‖²', async () => {
    const planted = { ...printedCombination, epsX: printedCombination.epsX.sub(CH_SYM) };
    expect((await checkEpsilonCoefficients(planted, ctx)).verdict).toBe('refuted');
  });
  it('proves K and P of (4.4) collect Lemma 4.1 + 2Ĉ·Lemma 4.2', async () => {
    expect((await claim('eq:4.4').check(ctx)).verdict).toBe('proved');
  });
  it('refutes K with a flipped sign of ω₀² in the off-diagonal', () => {
    const K = lyapunovMatrixK();
    const bad = PolyMatrix.from([[K.get(0, 0), K.get(0, 1).add(OMEGA0.mul(OMEGA0).scale(2))], [K.get(1, 0).add(OMEGA0.mul(OMEGA0).scale(2)), K.get(1, 1)]]);
    const r = checkKCollected({ ...printedCombination, K: bad });
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toBeDefined();
  });
});

describe('eq:4.5 and eq:4.6', () => {
  it('proves K = QP + PQᵀ', async () => {
    expect((await claim('eq:4.5').check(ctx)).verdict).toBe('proved');
  });
  it('refutes K = QP + PQᵀ for a Q with the sign of γ flipped', () => {
    const Qbad = PolyMatrix.from([[0, 1], [OMEGA0.mul(OMEGA0).neg(), GAMMA.neg()]]);
    expect(checkKDecomposition(lyapunovMatrixK(), Qbad).verdict).toBe('refuted');
  });
  it('refutes the printed K = QP + QᵀP with an exact witness', async () => {
    const r = await claim('eq:4.6').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).toBe('proved');
  });
});

describe('eq:4.6:eigenvalues', () => {
  it('refutes the printed μ: twice min Re λ(Q) in cases 1 and 2', async () => {
    const r = await claim('eq:4.6:eigenvalues').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.printedOverMinRe).toEqual({ case1: '2', case2: '2' });
  });
  it('proves the corrected μ = γ/2, (γ − s)/2 (planted correction flips to proved)', () => {
    expect(checkEigenvalues({ case1: GAMMA.scale(q(1, 2)), case2: GAMMA.sub(S).scale(q(1, 2)) }).verdict).toBe('proved');
  });
});

describe('eq:4.6:arnold-erb', () => {
  it('refutes existence at γ = 2ω₀ and proves it for γ ≠ 2ω₀', async () => {
    const r = await claim('eq:4.6:arnold-erb').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect((r.evidence.case1 as { status: string }).status).toBe('proved');
    expect((r.evidence.case2 as { status: string }).status).toBe('proved');
    expect((r.evidence.case3 as { status: string }).status).toBe('proved');
  });
  it('refutes a planted μ = γ in case 1 (no P from (3.6) works)', async () => {
    const r = await checkArnoldErb(ctx, { case1: GAMMA, case2: GAMMA.sub(S).scale(q(1, 2)), case3: OMEGA0 });
    expect(r.verdict).toBe('refuted');
    expect((r.evidence.case1 as { status: string }).status).toBe('refuted');
  });
});

describe('without Z3', () => {
  const noZ3: CheckContext = { seed: 1, effort: 0.1, backend: 'auto', services: createServiceRegistry({}), progress: () => {} };
  it('still proves eq:4.3 by the exact factorisation (11+4C)ε₀C₂(C₂−1) ≥ 0', async () => {
    const r = await claim('eq:4.3').check(noZ3);
    expect(r.verdict).toBe('proved');
    expect(r.method).toBe('exact');
    expect((r.evidence.exactDominance as { holds: boolean }).holds).toBe(true);
  });
  it('refutes a planted coefficient without Z3 too', async () => {
    const planted = { ...printedCombination, epsX: printedCombination.epsX.add(pc(1)) };
    const r = await checkEpsilonCoefficients(planted, noZ3);
    expect(r.verdict).toBe('refuted');
  });
});
