import { describe, expect, it } from 'vitest';
import { checkAssumption, epsilon0Of, poincareConstantPrinted, poincareSides, vacuityProof } from '../../proofs/section3-poincare.ts';
import { tanhPerturbation, zeroPerturbation } from '../../numeric/families.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';


describe('(3.5) helpers (the claims are data: test/procedures/bounds-claims.test.ts)', () => {
  it('re-checks the witness exactly', () => {
    const s = poincareSides(pv('x1'), 2, { omega0Sq: q(1, 4), beta: q(2) }, poincareConstantPrinted(2, q(1, 4), q(2)));
    // ‖x₁‖² = 1/(βω₀²) = 2; RHS = 1/(2·2·1/4)·1 = 1
    expect([s.lhs.toString(), s.rhs.toString(), s.holds]).toEqual(['2', '1', false]);
  });
});

describe('Assumption 3.1', () => {
  it('is vacuous: the construction keeps θ fixed and makes ε·v = t|ε(θ*)|²', () => {
    expect(vacuityProof(2).holds).toBe(true);
    expect(checkAssumption().verdict).toBe('vacuous');
  });
  it('is no longer vacuous when the construction is planted wrong', () => {
    expect(vacuityProof(2, q(2)).holds).toBe(false);
    expect(checkAssumption(q(2)).verdict).not.toBe('vacuous');
  });
  it('gives ϵ₀ = +∞ for a·tanh(bθ) and 0 for ε ≡ 0', () => {
    expect(epsilon0Of(tanhPerturbation([0.1], [1]))).toBe(Infinity);
    expect(epsilon0Of(zeroPerturbation(2))).toBe(0);
  });
});
