import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { backwardGeneratorExact, closedFormSpectrum, eigenvaluesOf, galerkinBasis, multiplicationMatrix, perturbedGalerkinMatrix, perturbedGap, toOrthonormalMassZero } from '../../numeric/perturbed-operator.ts';

const over = { omega0Sq: 4, gamma: 5, beta: 2.5 };
const under = { omega0Sq: 4, gamma: 2, beta: 1 };

describe('perturbed Galerkin operator', () => {
  it('at a = 0 equals the closed form {n₁λ₁ + n₂λ₂} in both regimes', () => {
    for (const m of [over, under]) {
      const got = eigenvaluesOf(perturbedGalerkinMatrix(m, undefined, 6));
      const want = closedFormSpectrum(m.omega0Sq, m.gamma, 6);
      expect(got).toHaveLength(want.length); // 27 = (7·8)/2 − 1: the constant is removed
      // match each predicted eigenvalue to a distinct computed one (floats, 1e-6)
      for (const w of want) {
        const k = got.findIndex((g) => Math.hypot(g.re - w.re, g.im - w.im) < 1e-6);
        expect(k, `eigenvalue ${w.re} + ${w.im}i`).toBeGreaterThanOrEqual(0);
        got.splice(k, 1);
      }
      expect(got).toHaveLength(0);
    }
    // 2·min Re λ(Q): overdamped λ(Q) = {1, 4}, underdamped Re λ(Q) = γ/2 = 1
    expect(perturbedGap(over, undefined, 6).rateNormSq).toBeCloseTo(2, 10);
    expect(perturbedGap(under, { kind: 'function', eps: () => 0 }, 6).rateNormSq).toBeCloseTo(2, 10);
  });

  it('annihilates constants exactly (A_ε*1 = 0) for a·θ³', () => {
    const ex = backwardGeneratorExact({ omega0Sq: q(4), gamma: q(5), beta: q(5, 2) }, [q(0), q(0), q(0), q(1, 10)], 5);
    expect(ex.basis[0]).toEqual([0, 0]);
    expect(ex.matrix.every((row) => row[0].isZero())).toBe(true);
    // θ³ couples degree 1 to degree 3: the perturbation is really there
    expect(ex.matrix.some((row, r) => ex.basis[r][0] + ex.basis[r][1] === 3 && !row[1].isZero())).toBe(true);
  });

  it('quadrature entries reproduce the exact a·θ³ Galerkin matrix', () => {
    const N = 6;
    const ex = backwardGeneratorExact({ omega0Sq: q(4), gamma: q(2), beta: q(1) }, [q(0), q(0), q(0), q(3, 10)], N);
    const fromExact = toOrthonormalMassZero(4, ex.basis, ex.matrix);
    const fromQuad = perturbedGalerkinMatrix(under, { kind: 'function', eps: (t) => 0.3 * t ** 3 }, N);
    let worst = 0;
    fromExact.forEach((row, r) => row.forEach((x, c) => { worst = Math.max(worst, Math.abs(x - fromQuad[r][c])); }));
    expect(worst).toBeLessThan(1e-10);
  });

  it('gives a symmetric multiplication matrix on the basis with the constant', () => {
    const E = multiplicationMatrix(over, Math.tanh, 4);
    expect(E).toHaveLength(galerkinBasis(4, true).length);
    expect(E[2][5]).toBe(E[5][2]);
  });

  it('converges in N for a small a (tanh, overdamped): rates at N = 6, 8, 10 agree to 1e-7', () => {
    const rates = [6, 8, 10].map((N) => perturbedGap(over, { kind: 'function', eps: (t) => 0.1 * Math.tanh(t) }, N).rateNormSq);
    expect(Math.abs(rates[2] - rates[1])).toBeLessThan(1e-7);
    expect(Math.abs(rates[1] - rates[0])).toBeLessThan(1e-6);
    // first order in a: ω₀² → ω₀² + a·E sech² raises the slow root; far below the printed 2μ = 4
    expect(rates[2]).toBeGreaterThan(2.05);
    expect(rates[2]).toBeLessThan(2.07);
  });

  it('rejects bad parameters at the public entries', () => {
    expect(() => perturbedGap({ ...over, beta: 0 }, undefined, 3)).toThrow(/beta must be > 0, got 0/);
    expect(() => backwardGeneratorExact({ omega0Sq: q(4), gamma: q(5), beta: q(1) }, [q(0), q(0), q(1)], 3)).toThrow(/ε must be odd/);
    expect(() => galerkinBasis(0)).toThrow(RangeError);
  });
});

describe('parity blocks: the slowest mode from the two blocks equals the whole matrix\'s', () => {
  const model = { omega0Sq: 4, gamma: 5, beta: 2.5 };
  const slowestOfWhole = (G: number[][]) => Math.max(...eigenvaluesOf(G).map((e) => e.re));
  it('odd ε (tanh, quadrature; θ³, exact): same slowest mode as the full eigenvalue problem', () => {
    for (const p of [{ kind: 'function' as const, eps: (t: number) => 0.4 * Math.tanh(t) }, { kind: 'odd-polynomial' as const, coefficients: [q(0), q(0), q(0), q(1, 10)] }]) {
      const gap = perturbedGap(model, p, 8);
      expect(gap.slowest.re).toBeCloseTo(slowestOfWhole(perturbedGalerkinMatrix(model, p, 8)), 10);
    }
  });
  it('an ε that is not odd couples the parities: the whole matrix is used, and agrees', () => {
    const p = { kind: 'function' as const, eps: (t: number) => 0.4 * Math.tanh(t) + 0.3 * Math.exp(-t * t) };
    const G = perturbedGalerkinMatrix(model, p, 8);
    expect(perturbedGap(model, p, 8).slowest.re).toBe(slowestOfWhole(G));
  });
});
