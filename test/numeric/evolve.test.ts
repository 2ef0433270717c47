import { describe, expect, it } from 'vitest';
import { evolveNormSq, expm } from '../../numeric/evolve.ts';
import { logLinearRate } from '../../numeric/stats.ts';

describe('expm', () => {
  it('exponentiates a diagonal and a nilpotent matrix', () => {
    const d = expm([[1, 0], [0, -2]]);
    expect(d[0][0]).toBeCloseTo(Math.E, 13);
    expect(d[1][1]).toBeCloseTo(Math.exp(-2), 13);
    const n = expm([[0, 3], [0, 0]]); // I + N
    expect(n[0][1]).toBeCloseTo(3, 13);
    expect(n[1][0]).toBe(0);
  });
});

describe('evolveNormSq', () => {
  it('starts at ‖h(0)‖²_* = e^{s²} − 1 minus the truncated tail', () => {
    const r = evolveNormSq({ omega0Sq: 4, gamma: 5, dt: 0.1, steps: 1, maxDegree: 8, sx: 0.5 });
    expect(r.normSq[0] + r.truncatedMass).toBeCloseTo(Math.expm1(0.25), 12);
  });

  it('decays at the ε = 0 spectral rate 2·min Re λ(Q) = 2 for ω₀² = 4, γ = 5', () => {
    const r = evolveNormSq({ omega0Sq: 4, gamma: 5, dt: 0.05, steps: 200, maxDegree: 6, sx: 0.5 });
    const fit = logLinearRate(r.t.slice(100), r.normSq.slice(100));
    expect(fit.rate).toBeCloseTo(2, 2);
  });

  it('rejects a non-positive γ', () => {
    expect(() => evolveNormSq({ omega0Sq: 1, gamma: 0, dt: 0.1, steps: 1 })).toThrow(RangeError);
  });
});
