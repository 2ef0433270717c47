import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckResult } from '../../src/claims.ts';
import {
  PRINTED_APPENDIX,
  a4ChainRuleSides,
  a4YoungSides,
  a5SignSides,
  a6Coefficients,
  a6PoincareSides,
  appendixClaims,
  appendixIntegrands,
  claims,
  constantC2,
  driftDivergence,
  expansionResidualsJet,
  genericPoly,
  genericPerturbation,
  type PrintedAppendix,
} from '../../proofs/appendix.ts';
import { isDivergence } from '../../symbolic/euler.ts';
import { phaseSpace } from '../../symbolic/operators.ts';
import { composePolyPerturbation, perturbationOperatorPoly } from '../../numeric/families.ts';
import { expectation } from '../../symbolic/moments.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

const ctx = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services: { get: async () => undefined as never, has: () => false } } as CheckContext;
const run = async (id: string): Promise<CheckResult> => [...claims, ...appendixClaims()].find((c) => c.id === id)!.check(ctx);

describe('Appendix identities (exact for all ω₀, γ, β > 0 and all smooth g, h, ε: jets + weighted Euler operator)', () => {
  it('proves (A.1) pointwise', async () => expect((await run('app:A.1')).verdict).toBe('proved'));
  it('proves (A.2) and ⟨Rg,g⟩_* = −½⟨βε·(ω₀²x−γv), g²⟩_*, with the rational-point cross-check zero', async () => {
    const r = await run('app:A.2');
    expect(r.verdict).toBe('proved');
    expect(r.evidence.rggAfterInserting).toBe(true);
    expect((r.evidence.crossCheck as { holds: boolean }).holds).toBe(true);
    expect((r.evidence.perDimension as unknown[]).length).toBe(3);
  });
  it('proves ⟨Rg,h⟩_* = −⟨εg,(∇_x−γ∇_v)h⟩_* and the symmetrised identity', async () => {
    expect((await run('app:rg-h')).verdict).toBe('proved');
    expect((await run('app:rg-h-symmetrised')).verdict).toBe('proved');
  });
  it('proves the expansions of ∇_x(Rh) (A.3) and ∇_v(Rh) (e) pointwise', async () => {
    expect((await run('app:A.3')).verdict).toBe('proved');
    expect((await run('app:e:expansion')).verdict).toBe('proved');
  });
  it('finds (∇_x − γ∇_v)·ε(θ(x,v)) identically 0 on jets in d = 1, 2, 3', () => {
    for (const d of [1, 2, 3]) expect(driftDivergence(phaseSpace(d, { staticFunctions: ['g', 'h'] })).isZero()).toBe(true);
  });
  it('finds every printed integrand a weighted divergence and every expansion residual 0 in d = 2', () => {
    const ps = phaseSpace(2, { staticFunctions: ['g', 'h'] });
    for (const F of Object.values(appendixIntegrands(ps))) expect(isDivergence(ps.space, F, ['g', 'h'], [...ps.xs, ...ps.vs], { weight: ps.Q }).divergence).toBe(true);
    for (const kind of ['x', 'v'] as const) for (const r of Object.values(expansionResidualsJet(ps, kind))) expect(r.isZero()).toBe(true);
  });
  it('rejects the Appendix M (+β|v|²/2) as the weight of ⟨Rg,h⟩_* = −⟨εg,(∇_x−γ∇_v)h⟩_*', () => {
    const ps = phaseSpace(1, { staticFunctions: ['g', 'h'] });
    const appendixQ = ps.Q.add(pv('beta').mul(pv('v1').pow(2)));
    const F = appendixIntegrands(ps)['⟨Rg,h⟩_*'];
    expect(isDivergence(ps.space, F, ['g', 'h'], [...ps.xs, ...ps.vs], { weight: appendixQ }).divergence).toBe(false);
  });
});

describe('Planted errors turn proved into refuted with an exact, re-checked witness', () => {
  const planted: [string, Partial<PrintedAppendix>][] = [
    ['app:A.2', { a2: q(-1, 2) }],
    ['app:A.2', { rgg: q(-1, 4) }],
    ['app:rg-h', { rgh: q(1) }],
    ['app:rg-h-symmetrised', { sym: q(1) }],
    ['app:rg-h-symmetrised', { sym: q(-1, 2) }],
    ['app:A.3', { a3: q(1) }],
    ['app:e:expansion', { e: q(-1) }],
  ];
  for (const [id, change] of planted) {
    it(`refutes ${id} with ${JSON.stringify(change)}`, async () => {
      const claim = appendixClaims({ ...PRINTED_APPENDIX, ...change }).find((c) => c.id === id)!;
      const r = await claim.check(ctx);
      expect(r.verdict).toBe('refuted');
      const w = r.witness as { value: string; recheck: string; recheckAgrees: boolean; parameters: Record<string, string> };
      expect(w.value).not.toBe('0');
      expect(w.recheck).toBe(w.value);
      expect(w.recheckAgrees).toBe(true);
      expect(w.parameters).toEqual({ gamma: '3/2', beta: '5/3', omega0: '7/5' });
      expect((r.evidence.crossCheck as { holds: boolean }).holds).toBe(false);
    });
  }
  it('gives a witness that re-evaluates to the same exact value by an independent route', async () => {
    const r = await appendixClaims({ ...PRINTED_APPENDIX, a3: q(1) }).find((c) => c.id === 'app:A.3')!.check(ctx);
    expect((r.witness as { value: string }).value).toBe('-482990553/60025');
  });
  it('detects a planted sign error in the symmetrised identity on a rational polynomial instance', () => {
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
  });
  it('holds the Young step for γ ≤ 1 (the printed coefficient is enough there)', () => {
    const s = a4YoungSides(q(-1), pv('x1').sub(pv('v1')), { d: 1, omega0Sq: q(1), gamma: q(1), beta: q(1) });
    expect(s.lhs.le(s.rhs)).toBe(true);
  });
  it('refutes the sign of (A.5) line 2: 1 vs −1', async () => {
    const s = a5SignSides(pv('th1'), pv('x1'), { d: 1, omega0Sq: q(1), gamma: q(1), beta: q(1) });
    expect([s.lhs.toString(), s.printed.toString()]).toEqual(['1', '-1']);
  });
  it('refutes the (A.6) ‖h‖² coefficient at ω₀² = 4, γ = 1, β = 1/8 (C₂ = 1)', async () => {
    const p = { omega0Sq: q(4), gamma: q(1), beta: q(1, 8) };
    expect(constantC2(p).toString()).toBe('1');
    const c = a6Coefficients(p, 1);
    // ϵ₀dβ(C₂ + ω₀²/2) = (1/8)(1 + 2) = 3/8 > (3/2)·1·(1/8) = 3/16
    expect([c.sum.h.toString(), c.printed.h.toString()]).toEqual(['3/8', '3/16']);
  });
  it('refutes the use of (3.5) after (A.6) for d = 2 and accepts it for d = 1', async () => {
    const p = { omega0Sq: q(1), gamma: q(1), beta: q(1) };
    const s2 = a6PoincareSides(pv('v1'), 2, p);
    expect([s2.lhs.toString(), s2.rhs.toString()]).toEqual(['2', '1']);
    const s1 = a6PoincareSides(pv('v1'), 1, p);
    expect(s1.lhs.le(s1.rhs)).toBe(true);
  });
});
