import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckResult } from '../../src/claims.ts';
import { PRINTED_EQ33, appendixExponent, makeAppendixFormClaim, checkEq32InDimension, claims, makeEq31Claim, makeEq32Claim, steadyStateParts } from '../../proofs/section3-microscopic.ts';
import { phaseSpace } from '../../symbolic/operators.ts';
import { pv } from '../../symbolic/poly.ts';

const ctx = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services: { get: async () => undefined as never, has: () => false } } as CheckContext;
const run = async (c: { check: (ctx: CheckContext) => CheckResult | Promise<CheckResult> }) => c.check(ctx);
const byId = (id: string) => [...claims, makeEq31Claim(), makeAppendixFormClaim(), makeEq32Claim()].find((c) => c.id === id)!;

describe('(3.1) steady state', () => {
  it('proves M_x M_v is a steady state with the printed Z₁, Z₂', async () => {
    const r = await run(byId('eq:3.1'));
    expect(r.verdict).toBe('proved');
    const rows = r.evidence.perDimension as { transportPart: string; fokkerPlanckPart: string; normalisation: { Z1SquaredResidual: string } }[];
    expect(rows.every((x) => x.transportPart === '0' && x.fokkerPlanckPart === '0' && x.normalisation.Z1SquaredResidual === '0')).toBe(true);
  });

  it('refutes the Appendix form exp(−βω₀²|x|²/2 + β|v|²/2)', async () => {
    const r = await run(byId('eq:3.1:appendix-form'));
    expect(r.verdict).toBe('refuted');
    const ps = phaseSpace(1, { perturbation: false });
    const parts = steadyStateParts(ps, appendixExponent(ps));
    // transport: v·(−βω₀²x) − ω₀²x·(βv) = −2βω₀² x v
    expect(parts.transport.toString()).toBe('-2*beta*omega0^2*v1*x1');
    expect((r.witness as { instance: { value: string } }).instance.value).toBe('22/15');
  });

  it('refutes (3.1) with a planted exponent (the Appendix sign)', async () => {
    expect((await run(makeEq31Claim(appendixExponent))).verdict).toBe('refuted');
  });
});

describe('(3.2) microscopic equation', () => {
  it('proves ∂th + Th = Lh + Rh exactly with generic ε, d = 1, 2, 3', async () => {
    const r = await run(byId('eq:3.2'));
    expect(r.verdict).toBe('proved');
    expect(checkEq32InDimension(2).residual.isZero()).toBe(true);
  });

  it('refutes (3.3) with the sign of βε·(ω₀²x − γv)h flipped', async () => {
    const r = await run(makeEq32Claim({ ...PRINTED_EQ33, potentialSign: 1 }));
    expect(r.verdict).toBe('refuted');
    expect((r.witness as { residual: string }).residual).toBe('2*M*beta*eps1*h*omega0^2*x1 - 2*M*beta*eps1*gamma*h*v1');
  });

  it('refutes (3.3) with L = γβ(1/M)∇v·(M∇v)', async () => {
    const r = await run(makeEq32Claim({ ...PRINTED_EQ33, lFactor: pv('gamma').mul(pv('beta')) }));
    expect(r.verdict).toBe('refuted');
  });
});
