import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckResult } from '../../src/claims.ts';
import { a4ChainRuleSides, a4YoungSides, a5SignSides, a6Coefficients, a6PoincareSides, claims, constantC2, genericPoly, genericPerturbation } from '../../proofs/appendix.ts';
import { composePolyPerturbation, perturbationOperatorPoly } from '../../numeric/families.ts';
import { expectation } from '../../symbolic/moments.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

const ctx = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services: { get: async () => undefined as never, has: () => false } } as CheckContext;
const run = async (id: string): Promise<CheckResult> => claims.find((c) => c.id === id)!.check(ctx);

describe('Appendix identities (exact on generic polynomial instances)', () => {
  it('proves (A.1) pointwise', async () => expect((await run('app:A.1')).verdict).toBe('proved'));
  it('supports (A.2) and ⟨Rg,g⟩_* = −½⟨βε·(ω₀²x−γv), g²⟩_*', async () => {
    const r = await run('app:A.2');
    expect(r.verdict).toBe('supported');
    expect(r.evidence.rggAfterInserting).toBe(true);
  });
  it('supports ⟨Rg,h⟩_* = −⟨εg,(∇_x−γ∇_v)h⟩_* and the symmetrised identity', async () => {
    expect((await run('app:rg-h')).verdict).toBe('supported');
    expect((await run('app:rg-h-symmetrised')).verdict).toBe('supported');
  });
  it('supports the expansions of ∇_x(Rh) (A.3) and ∇_v(Rh) (e)', async () => {
    expect((await run('app:A.3')).verdict).toBe('supported');
    expect((await run('app:e:expansion')).verdict).toBe('supported');
  });
  it('detects a planted sign error in the symmetrised identity', () => {
    const p = { d: 1, omega0Sq: q(2), gamma: q(1, 3), beta: q(3, 2) };
    const eps = composePolyPerturbation(genericPerturbation(1, 1), p);
    const g = genericPoly(['x1', 'v1'], 1, 'g');
    const h = genericPoly(['x1', 'v1'], 1, 'h');
    const R = (f: typeof g) => perturbationOperatorPoly(eps, f, p);
    const field = eps[0].mul(pv('x1').scale(p.omega0Sq).sub(pv('v1').scale(p.gamma))).scale(p.beta);
    const right = expectation(R(g).mul(h).add(R(h).mul(g)).add(field.mul(h).mul(g)), p);
    const planted = expectation(R(g).mul(h).add(R(h).mul(g)).sub(field.mul(h).mul(g)), p);
    expect(right.isZero()).toBe(true);
    expect(planted.isZero()).toBe(false);
  });
});

describe('Appendix steps that fail, with exact witnesses', () => {
  it('refutes the Appendix M: (∇_x−γ∇_v)log M is off by −2βγv·ε', async () => {
    const r = await run('app:M-sign');
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).toBe('proved');
  });
  it('refutes (A.4) line 2 in d = 2 (index j dropped): LHS −2 vs printed −4; the Jacobian version gives −2', () => {
    const s = a4ChainRuleSides([pv('th1'), pv('th2')], pv('x1').add(pv('x2')), { d: 2, omega0Sq: q(1), gamma: q(1), beta: q(1) });
    expect([s.lhs.toString(), s.printed.toString(), s.jacobian.toString()]).toEqual(['-2', '-4', '-2']);
  });
  it('refutes the Young step of (A.4) for γ = 3: 12 > 9; the corrected (1+γ)/2 gives 12 ≤ 12', async () => {
    const s = a4YoungSides(q(-1), pv('x1').sub(pv('v1')), { d: 1, omega0Sq: q(1), gamma: q(3), beta: q(1) });
    expect([s.lhs.toString(), s.rhs.toString(), s.corrected.toString()]).toEqual(['12', '9', '12']);
    expect((await run('app:A.4:young')).verdict).toBe('refuted');
  });
  it('holds the Young step for γ ≤ 1 (the printed coefficient is enough there)', () => {
    const s = a4YoungSides(q(-1), pv('x1').sub(pv('v1')), { d: 1, omega0Sq: q(1), gamma: q(1), beta: q(1) });
    expect(s.lhs.le(s.rhs)).toBe(true);
  });
  it('refutes the sign of (A.5) line 2: 1 vs −1', async () => {
    const s = a5SignSides(pv('th1'), pv('x1'), { d: 1, omega0Sq: q(1), gamma: q(1), beta: q(1) });
    expect([s.lhs.toString(), s.printed.toString()]).toEqual(['1', '-1']);
    expect((await run('app:A.5:sign')).verdict).toBe('refuted');
  });
  it('calls (A.5) vacuous (it needs ‖ε′·x‖∞, ‖ε′·v‖∞ finite)', async () => expect((await run('app:A.5')).verdict).toBe('vacuous'));
  it('refutes the (A.6) ‖h‖² coefficient at ω₀² = 4, γ = 1, β = 1/8 (C₂ = 1)', async () => {
    const p = { omega0Sq: q(4), gamma: q(1), beta: q(1, 8) };
    expect(constantC2(p).toString()).toBe('1');
    const c = a6Coefficients(p, 1);
    // ϵ₀dβ(C₂ + ω₀²/2) = (1/8)(1 + 2) = 3/8 > (3/2)·1·(1/8) = 3/16
    expect([c.sum.h.toString(), c.printed.h.toString()]).toEqual(['3/8', '3/16']);
    expect((await run('app:A.6')).verdict).toBe('refuted');
  });
  it('refutes the use of (3.5) after (A.6) for d = 2 and accepts it for d = 1', async () => {
    const p = { omega0Sq: q(1), gamma: q(1), beta: q(1) };
    const s2 = a6PoincareSides(pv('v1'), 2, p);
    expect([s2.lhs.toString(), s2.rhs.toString()]).toEqual(['2', '1']);
    const s1 = a6PoincareSides(pv('v1'), 1, p);
    expect(s1.lhs.le(s1.rhs)).toBe(true);
    expect((await run('app:A.6:poincare')).verdict).toBe('refuted');
  });
});
