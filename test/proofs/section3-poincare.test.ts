import { describe, expect, it } from 'vitest';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import { claims, checkAssumption, checkPoincare, epsilon0Of, poincareConstantPrinted, poincareSides, vacuityProof } from '../../proofs/section3-poincare.ts';
import { tanhPerturbation, zeroPerturbation } from '../../numeric/families.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
const ctx: CheckContext = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services };
const byId = (id: string) => claims.find((c) => c.id === id)!;

describe('(3.5) Poincaré inequality', () => {
  it('supports the printed constant for d = 1 (it is the sharp one), exactly on polynomials but not `proved` for all of H¹', async () => {
    const r = await byId('eq:3.5:d1').check(ctx);
    expect(r.verdict).toBe('supported');
    expect(r.method).toBe('exact');
    expect(r.evidence.sharpOverPrinted).toBe('1');
  });
  it('refutes d = 2 with h = v₁ at ω₀² = β = 1: ‖h‖² = 1 > 1/2, and corrects the constant', async () => {
    const r = await byId('eq:3.5:d2').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ h: 'v1', normSq: '1', rhs: '1/2', meanOfH: '0' });
    expect(r.corrected?.verdict).toBe('supported');
  });
  it('refutes d = 3 by the factor 3', async () => {
    const r = await byId('eq:3.5:d3').check(ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.sharpOverPrinted).toBe('3');
  });
  it('refutes a planted halved constant in d = 1', () => {
    expect(checkPoincare(1, ctx, q(1, 2)).verdict).toBe('refuted');
  });
  it('supports d = 2 once the constant is multiplied by d', () => {
    expect(checkPoincare(2, ctx, q(2)).verdict).toBe('supported');
  });
  it('re-checks the witness exactly', () => {
    const s = poincareSides(pv('x1'), 2, { omega0Sq: q(1, 4), beta: q(2) }, poincareConstantPrinted(2, q(1, 4), q(2)));
    // ‖x₁‖² = 1/(βω₀²) = 2; RHS = 1/(2·2·1/4)·1 = 1
    expect([s.lhs.toString(), s.rhs.toString(), s.holds]).toEqual(['2', '1', false]);
  });
  it('sees the printed constant fail on non-polynomial h for d ≥ 2 and the sharp one hold (CPU MC, quadrature confirms)', async () => {
    const r = await byId('eq:3.5:numeric').check(ctx);
    expect(r.verdict).toBe('refuted');
    const rows = r.evidence.rows as { d: number; printedSigmas: number; sharpMargin: number; sharpStderr: number }[];
    expect(rows.filter((x) => x.d === 1).every((x) => x.printedSigmas > -6)).toBe(true);
    expect(rows.every((x) => x.sharpMargin > -6 * x.sharpStderr)).toBe(true);
  });
  it('is inconclusive without integrators', async () => {
    const none: CheckContext = { ...ctx, services: { has: () => false, get: async () => undefined as never } };
    expect((await byId('eq:3.5:numeric').check(none)).verdict).toBe('inconclusive');
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
