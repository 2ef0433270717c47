import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { asgdParameters, constantC2Number, computeConstants, constantsGrid, epsOverEps0, rationalSqrt, regimeOf } from '../../symbolic/constants.ts';

describe('computeConstants', () => {
  it('case 1, ω₀ = 1, γ = 1/2, β = 2: hand values', () => {
    const r = computeConstants({ omega0: q(1), gammaSquared: q(1, 4), beta: 2 });
    expect(r.regime).toBe('case1');
    expect(r.muPrinted).toBe(0.5); // μ = γ
    expect(r.muProved).toBe(0.25); // γ/2
    expect([r.C, r.Ch]).toEqual([1, 0.25]);
    expect(r.C2).toBe(2); // max{1, 1/2, 1/4, 1, 2}/1
    // (11 + 11 + 15/4)·4·1/(1 − 1/16) = 103·16/15
    expect(r.epsOverEps0).toBeCloseTo((103 * 16) / 15, 10);
    expect(r.exactCheck).toEqual({ provedMuHolds: true, printedMuFails: true });
  });

  it('case 2, ω₀ = 2, γ = 5: μ printed 2, proved 1 (s = 3)', () => {
    const r = computeConstants({ omega0: q(2), gammaSquared: q(25), beta: 1 });
    expect(r.regime).toBe('case2');
    expect(r.muPrinted).toBe(2);
    expect(r.muProved).toBe(1);
    expect(r.C).toBe(8.5); // 25/2 − 4
    expect(r.eigenvalues.map((e) => e.re)).toEqual([1, 4]);
  });

  it('case 3 at γ = 2ω₀ uses C = ω₀² + 2δ², Ĉ = ω₀ and μ = γ/2 − δ', () => {
    const r = computeConstants({ omega0: q(1), gammaSquared: q(4), beta: 1, delta: q(1, 4) });
    expect(r.regime).toBe('case3');
    expect(r.muPrinted).toBeNull();
    expect(r.muProved).toBe(0.75);
    expect([r.C, r.Ch]).toEqual([1.125, 1]);
    expect(r.exactCheck).toEqual({ provedMuHolds: true, printedMuFails: null });
  });

  it('gives per-step exponents 2μ√(η(1 − κ)) = 1 − κ (proved) above the threshold', () => {
    const p = asgdParameters(q(1, 100), q(98, 100), 1, q(1));
    const r = computeConstants({ omega0: q(1), gammaSquared: p.gammaSquared, beta: p.beta, steps: { eta: 0.01, kappa: 0.98 } });
    expect(p.gammaSquared.toString()).toBe('2');
    expect(r.stepExponent!.proved).toBeCloseTo(0.02, 12);
    expect(r.stepExponent!.printed).toBeCloseTo(0.04, 12);
    expect(r.exactCheck).toBe('skipped (γ irrational)');
  });

  it('rejects ω₀ ≤ 0 with a RangeError naming the function', () => {
    expect(() => computeConstants({ omega0: q(0), gammaSquared: q(1), beta: 1 })).toThrow(/computeConstants: omega0 must be > 0/);
  });
});

describe('helpers', () => {
  it('decides the regime exactly at γ = 2ω₀', () => {
    expect(regimeOf(q(1, 10), q(4, 100))).toBe('case3');
  });
  it('takes exact rational square roots', () => {
    expect(rationalSqrt(q(9, 4))!.toString()).toBe('3/2');
    expect(rationalSqrt(q(2))).toBeUndefined();
  });
  it('computes C₂ and ε/ε₀', () => {
    expect(constantC2Number(0.25, 1, 3)).toBe(12); // max{1, 1, 1, 3, 0.75}/0.25
    expect(epsOverEps0(1, 0, 1)).toBe(22);
  });
  it('sweeps γ/ω₀ with γ/ω₀ = 2 in case 3', () => {
    expect(constantsGrid({ omega0: q(1), beta: 1, from: q(1), to: q(3), points: 3 }).map((r) => r.regime)).toEqual(['case1', 'case3', 'case2']);
  });
});
