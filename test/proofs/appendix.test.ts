/**
 * The exact sides of the Appendix steps (A.4)–(A.6) at polynomial instances (proofs/appendix.ts),
 * read by the module checks of proofs/appendix-steps.ts and by `hypocheck search`. The Appendix's
 * claims themselves are records, tested through the paper file (test/src/mutate-paper.test.ts,
 * test/procedures/identity-paper.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { a4ChainRuleSides, a4YoungSides, a5SignSides, a6Coefficients, a6PoincareSides, constantC2 } from '../../proofs/appendix.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

describe('Appendix steps that fail, with exact witnesses', () => {
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
