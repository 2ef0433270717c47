import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../symbolic/rational.ts';
import { generatorBlock } from '../../numeric/hermite-operator.ts';
import { charPolyExact, checkClosedFormBlock, eigenvaluesFloat, polyEquals, predictedCharPoly, printedRateNormSq, rationalSqrt, sharpnessCertificate, spectralGapFloat } from '../../numeric/spectral.ts';

describe('charPolyExact', () => {
  it('computes det(λ − A) of a 3×3 rational matrix', () => {
    // [[2,1,0],[1,2,1],[0,1,2]]: λ³ − 6λ² + 10λ − 4
    const A = [[2, 1, 0], [1, 2, 1], [0, 1, 2]].map((r) => r.map((x) => q(x)));
    expect(charPolyExact(A).map(String)).toEqual(['-4', '10', '-6', '1']);
  });
});

describe('closed form of the spectrum', () => {
  it('has eigenvalues n₁λ₁ + n₂λ₂ with λ = −1, −4 for ω₀ = 2, γ = 5', () => {
    const ev = eigenvaluesFloat(generatorBlock({ omega0Sq: q(4), gamma: q(5), d: 1 }, 2).matrix).map((e) => e.re).sort((a, b) => a - b);
    expect(ev[0]).toBeCloseTo(-8, 10);
    expect(ev[1]).toBeCloseTo(-5, 10);
    expect(ev[2]).toBeCloseTo(-2, 10);
  });

  it('matches the characteristic polynomial exactly in all three regimes, d = 1 and 2', () => {
    for (const [w, g] of [[4, 2], [4, 4], [4, 5], [1, 3]]) {
      for (let n = 1; n <= 4; n++) expect(checkClosedFormBlock({ omega0Sq: q(w), gamma: q(g), d: 1 }, n).equal).toBe(true);
      for (let n = 1; n <= 3; n++) expect(checkClosedFormBlock({ omega0Sq: q(w), gamma: q(g), d: 2 }, n).equal).toBe(true);
    }
  });

  it('detects a planted sign error in the transport part', () => {
    const p = { omega0Sq: q(4), gamma: q(2), d: 1 };
    const block = generatorBlock(p, 2);
    const wrong = block.matrix.map((r) => [...r]);
    wrong[0][1] = wrong[0][1].neg(); // −T with a flipped ω₀² term
    expect(polyEquals(charPolyExact(wrong), predictedCharPoly(p, 2))).toBe(false);
  });
});

describe('spectral gap and sharpness certificates', () => {
  it('has rate of ‖h‖² equal to γ in the underdamped case, constant in N', () => {
    for (const N of [1, 3]) expect(spectralGapFloat({ omega0Sq: q(4), gamma: q(2), d: 2 }, N).rateNormSq).toBeCloseTo(2, 10);
  });

  it('certifies the exact rates ρ = γ, γ, γ − √(γ²−4ω₀²)', () => {
    const under = sharpnessCertificate(q(4), q(2));
    const crit = sharpnessCertificate(q(4), q(4));
    const over = sharpnessCertificate(q(4), q(5));
    expect([under.valid, crit.valid, over.valid]).toEqual([true, true, true]);
    expect([under.rho!.toString(), crit.rho!.toString(), over.rho!.toString()]).toEqual(['2', '4', '2']);
    expect(over.eigenvector!.map(String)).toEqual(['4', '-1']);
  });

  it('finds the printed 2μ of (3.6) twice the exact rate', () => {
    expect(printedRateNormSq(q(4), q(2))!.toString()).toBe('4');
    expect(printedRateNormSq(q(4), q(5))!.toString()).toBe('4');
    expect(printedRateNormSq(q(1), q(3))).toBeUndefined();
  });

  it('takes exact rational square roots only', () => {
    expect(rationalSqrt(q(9, 4))!.toString()).toBe('3/2');
    expect(rationalSqrt(q(5))).toBeUndefined();
    expect(rationalSqrt(Rational.ZERO)!.toString()).toBe('0');
  });
});
