import { constantC2 } from '../../symbolic/constants.ts';
import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckResult } from '../../src/claims.ts';
import {
  PRINTED_ENERGY,
  PRINTED_PROP41,
  claims,
  commutatorResiduals,
  lemma41Violation,
  makeCommutatorsClaim,
  makeLemma41EnergyClaim,
  makeLemma42EnergyClaim,
  makeLemma42EpsFreeClaim,
  makeProp41aClaim,
  makeProp41bClaim,
} from '../../proofs/section4-lemmas.ts';
import { betainv, gamma } from '../../symbolic/operators.ts';
import { q } from '../../symbolic/rational.ts';

const ctx = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services: { get: async () => undefined as never, has: () => false } } as CheckContext;
const run = async (c: { check: (ctx: CheckContext) => CheckResult | Promise<CheckResult> }) => c.check(ctx);
const byId = (id: string) => claims.find((c) => c.id === id)!;

describe('Proposition 4.1 (a), (b)', () => {
  it('proves ⟨Tg,h⟩_* = −⟨g,Th⟩_* and ⟨Th,h⟩_* = 0', async () => {
    expect((await run(makeProp41aClaim())).verdict).toBe('proved');
  });

  it('refutes (a) with T = v·∇x + ω₀²x·∇v, with an exact Gaussian integral', async () => {
    const r = await run(makeProp41aClaim({ ...PRINTED_PROP41, transportSign: 1 }));
    expect(r.verdict).toBe('refuted');
    const w = r.witness as { kind: string; value: string };
    expect(w.kind).toBe('integral');
    expect(w.value).not.toBe('0');
  });

  it('proves (b) ⟨Lg,h⟩_* = −(γ/β)⟨∇vg,∇vh⟩_*', async () => {
    expect((await run(makeProp41bClaim())).verdict).toBe('proved');
  });

  it('refutes (b) with the constant halved', async () => {
    const r = await run(makeProp41bClaim({ ...PRINTED_PROP41, bFactor: gamma.mul(betainv).scale(q(1, 2)) }));
    expect(r.verdict).toBe('refuted');
    expect((r.witness as { kind: string }).kind).toBe('integral');
  });
});

describe('commutators', () => {
  it('proves all four, every component, d = 1, 2, 3', async () => {
    expect((await run(makeCommutatorsClaim())).verdict).toBe('proved');
    expect(Object.values(commutatorResiduals(3).res).every((p) => p.isZero())).toBe(true);
  });

  it('refutes them with the sign of ω₀² in T flipped', async () => {
    expect((await run(makeCommutatorsClaim(1))).verdict).toBe('refuted');
  });
});

describe('Lemma 4.1', () => {
  it('proves the two energy displays along (3.2), generic ε', async () => {
    expect((await run(makeLemma41EnergyClaim())).verdict).toBe('proved');
  });

  it('refutes the first display with the sign of ω₀²⟨∇vh,∇xh⟩ flipped', async () => {
    const r = await run(makeLemma41EnergyClaim({ ...PRINTED_ENERGY, omegaSign: 1 }, [1]));
    expect(r.verdict).toBe('refuted');
  });

  it('refutes the second display without the −γ‖∇vh‖² term’s sign', async () => {
    const r = await run(makeLemma41EnergyClaim({ ...PRINTED_ENERGY, frictionSign: 1 }, [1]));
    expect(r.verdict).toBe('refuted');
  });

  it('refutes the printed statement (‖∇xh‖² + C‖∇xh‖²) at ε = 0 with h = v1² − 1/β', async () => {
    const r = await run(byId('lem:4.1'));
    expect(r.verdict).toBe('refuted');
    // case 1 (γ = ω₀ = β = C = 1): LHS = 8γC/β, RHS = −8γC/β + 4(4+11C)ε₀C₂/β
    expect(r.witness).toMatchObject({ h: 'v1² − 1/β', lhs: '8', rhs: '-397/50' });
    expect(r.corrected?.verdict).toBe('proved');
  });

  it('finds no ε = 0 violation once the second norm is ‖∇vh‖²', () => {
    expect(lemma41Violation(true)).toBeUndefined();
  });

  it('computes C₂ exactly', () => {
    expect(constantC2({ gamma: q(3), beta: q(2), omega0Sq: q(1, 4) }).toString()).toBe('36');
  });
});

describe('Lemma 4.2', () => {
  it('proves the displays and (4.2) before Prop. 4.1(f)', async () => {
    expect((await run(makeLemma42EnergyClaim())).verdict).toBe('proved');
  });

  it('refutes (4.2) with +ω₀²‖∇vh‖² replaced by −ω₀²‖∇vh‖²', async () => {
    expect((await run(makeLemma42EnergyClaim(-1))).verdict).toBe('refuted');
    expect((await run(makeLemma42EpsFreeClaim(-1))).verdict).toBe('refuted');
  });

  it('proves the ε = 0 case; the lemma is vacuous beyond it (Assumption 3.1 admits only ε ≡ 0)', async () => {
    expect((await run(byId('lem:4.2:eps-free'))).verdict).toBe('proved');
    // lem:4.2 itself is data now: test/procedures/bounds-claims.test.ts
  });
});
