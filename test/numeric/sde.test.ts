import { describe, expect, it } from 'vitest';
import { PhiloxRng } from '../../numeric/rng.ts';
import { simulateSme, smeParameters, stationaryCovariance } from '../../numeric/sde.ts';

describe('simulateSme', () => {
  it('reaches the stationary law M of (3.1) after x = y, v = −ω₀²θ − γy', () => {
    const omega0Sq = 2, gamma = 1.5, tau = 0.5;
    const r = simulateSme({ omega0Sq, gamma, tau, dt: 0.005, steps: 3000, paths: 4000, theta0: 0, rng: new PhiloxRng(7, 0) });
    const n = r.theta.length;
    let vx = 0, vv = 0, cxv = 0;
    for (let p = 0; p < n; p++) {
      const x = r.y[p];
      const v = -omega0Sq * r.theta[p] - gamma * r.y[p];
      vx += x * x; vv += v * v; cxv += x * v;
    }
    vx /= n; vv /= n; cxv /= n;
    const beta = (2 * gamma) / (tau * tau * omega0Sq * omega0Sq); // (2.4)
    // M: Var x = 1/(βω₀²) = 1/24, Var v = 1/β = 1/12, Cov = 0; MC error ≈ √(2/4000) ≈ 2.2 % relative
    expect(Math.abs(vx * beta * omega0Sq - 1)).toBeLessThan(0.1);
    expect(Math.abs(vv * beta - 1)).toBeLessThan(0.1);
    expect(Math.abs(cxv) / Math.sqrt(vx * vv)).toBeLessThan(0.08);
    const cov = stationaryCovariance(omega0Sq, gamma, tau);
    expect(cov.varY).toBeCloseTo(1 / (beta * omega0Sq), 12);
  });

  it('is reproducible by seed', () => {
    const run = (seed: number) => simulateSme({ omega0Sq: 2, gamma: 1, tau: 0.3, dt: 0.01, steps: 50, paths: 20, rng: new PhiloxRng(seed, 0) }).meanTheta;
    expect(Array.from(run(3))).toEqual(Array.from(run(3)));
    expect(Array.from(run(3))).not.toEqual(Array.from(run(4)));
  });

  it('maps (η, κ) to γ = √((1−κ)/η) and δt = √(η(1−κ))', () => {
    const { gamma, deltaT } = smeParameters(0.01, 0.98);
    expect(gamma).toBeCloseTo(Math.SQRT2, 12);
    expect(gamma * deltaT).toBeCloseTo(0.02, 12); // γδt = 1 − κ
  });

  it('rejects a non-positive time step', () => {
    expect(() => simulateSme({ omega0Sq: 1, gamma: 1, tau: 1, dt: 0, steps: 1, rng: new PhiloxRng(1, 0) })).toThrow(RangeError);
  });
});
