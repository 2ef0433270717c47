import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckResult } from '../../src/claims.ts';
import {
  PRINTED_EQ23,
  PRINTED_EQ24,
  checkEq24InDimension,
  claims,
  deriveEq24,
  makeEq23Claim,
  makeEq24Claim,
  sdeScalingIdentities,
} from '../../proofs/section2.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

const ctx = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services: { get: async () => undefined as never, has: () => false } } as CheckContext;
const run = async (c: { check: (ctx: CheckContext) => CheckResult | Promise<CheckResult> }) => c.check(ctx);
const byId = (id: string) => claims.find((c) => c.id === id)!;

describe('Section 2 claims', () => {
  it('lists its claims in paper order with DESIGN.md ids', () => {
    expect(claims.map((c) => c.id)).toEqual(['sec:2:sde-scaling', 'eq:2.3', 'eq:2.4']);
  });

  it('proves (2.3): Itô line, weak form and strong form, d = 1, 2, 3', async () => {
    const r = await run(byId('eq:2.3'));
    expect(r.verdict).toBe('proved');
    expect((r.evidence.perDimension as { d: number; strongFormResidual: string }[]).map((x) => [x.d, x.strongFormResidual])).toEqual([
      [1, '0'],
      [2, '0'],
      [3, '0'],
    ]);
  });

  it('refutes (2.3) with the friction term’s sign flipped', async () => {
    const r = await run(makeEq23Claim({ ...PRINTED_EQ23, frictionSign: -1 }));
    expect(r.verdict).toBe('refuted');
    expect((r.witness as { d: number }).d).toBe(1);
  });

  it('refutes (2.3) with a halved diffusion constant', async () => {
    const r = await run(makeEq23Claim({ ...PRINTED_EQ23, diffusionFactor: q(1, 4) }));
    expect(r.verdict).toBe('refuted');
  });

  it('proves (2.4) with residual exactly 0 and Jacobian ω₀^{2d}', async () => {
    const r = await run(byId('eq:2.4'));
    expect(r.verdict).toBe('proved');
    const rows = r.evidence.perDimension as { d: number; residual: string; jacobianDeterminant: string }[];
    expect(rows.map((x) => x.residual)).toEqual(['0', '0', '0']);
    expect(rows.map((x) => x.jacobianDeterminant)).toEqual(['omega0^2', 'omega0^4', 'omega0^6']);
  });

  it('refutes (2.4) with β = γ/(τ²ω₀⁴): residual −(τ²ω₀⁴/2)∂²v g', async () => {
    const r = await run(makeEq24Claim({ ...PRINTED_EQ24, betaFactor: q(1) }));
    expect(r.verdict).toBe('refuted');
    const w = r.witness as { residual: string; instance: { value: string } };
    expect(w.residual).toBe('(1/2)*g_v1_v1*omega0^4*tau^2');
    expect(w.instance.value).not.toBe('0');
  });

  it('refutes (2.4) with the transport sign flipped', async () => {
    const r = await run(makeEq24Claim({ ...PRINTED_EQ24, transportSign: -1 }));
    expect(r.verdict).toBe('refuted');
    expect(checkEq24InDimension(1, { ...PRINTED_EQ24, transportSign: -1 }).residual.toString()).toBe('-2*g_x1*omega0^2*th1 - 2*g_x1*gamma*y1') // 2v·∂x g at v = −ω₀²θ − γy;
  });

  it('derives (2.4) step by step, ending in residual 0', () => {
    const steps = deriveEq24();
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.find((s) => s.title.startsWith('Difference'))!.text).toBe('0');
    expect(steps[0].text).toContain('∂θψ = -g_v1*omega0^2');
  });

  it('derives β = 2(1−κ)/(η²Σ²ω₀⁴) and γδt = 1−κ exactly', async () => {
    const s = sdeScalingIdentities();
    expect(s.betaResidual.isZero() && s.gammaDeltaResidual.isZero() && s.gammaOverDeltaResidual.isZero()).toBe(true);
    expect(s.beta.toString()).toBe('2*Sigmainv^2*ainv^8*b^4*omega0inv^4');
    expect((await run(byId('sec:2:sde-scaling'))).verdict).toBe('proved');
  });
});
