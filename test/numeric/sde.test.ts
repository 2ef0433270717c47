import { describe, expect, it } from 'vitest';
import { PhiloxRng } from '../../numeric/rng.ts';
import { simulateSme, simulateSmeSplitting, simulateSmeSplittingShared, smeParameters, stationaryCovariance } from '../../numeric/sde.ts';

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

describe('simulateSmeSplitting', () => {
  // ω₀² = 4, γ = 5: B = [[0, 1], [−4, −5]] has eigenvalues −1, −4; ℓ = (4, 1) is the left
  // eigenvector of −1 and (1, −1) the right one, so E[4Θ + Y](t) = 3s·e^{−t} exactly at ε = 0.
  const base = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.05, steps: 40, paths: 4000, shift: [2, -2] as const, observable: [4, 1] as const };

  it('has no time-step bias at ε = 0: the mean follows e^{Bt} (exact OU step)', () => {
    const r = simulateSmeSplitting({ ...base, rng: new PhiloxRng(11, 0) });
    for (const k of [0, 10, 20, 40]) {
      const exact = 6 * Math.exp(-r.t[k]);
      expect(Math.abs(r.mean[k] - exact)).toBeLessThan(4 * r.stderr[k]);
    }
    expect(r.groupSizes.reduce((s, n) => s + n, 0)).toBe(4000);
  });

  it('keeps the stationary covariance at ε = 0 (S − e^{Bdt}S e^{Bdt}ᵀ is the step noise)', () => {
    const r = simulateSmeSplitting({ ...base, shift: [0, 0], observable: [1, 0], steps: 20, rng: new PhiloxRng(12, 0) });
    const S = stationaryCovariance(4, 5, 0.5); // Var Θ = 1/40 + 5/32 = 29/160
    expect(S.varTheta).toBeCloseTo(29 / 160, 14);
    // MC: se of a sample variance ≈ Var·√(2/n) = 2.2 % at n = 4000
    expect(Math.abs((r.stderr[20] ** 2 * 4000) / S.varTheta - 1)).toBeLessThan(0.1);
  });

  it('is reproducible by seed and changes with it', () => {
    const run = (seed: number) => Array.from(simulateSmeSplitting({ ...base, steps: 5, paths: 40, perturbation: (t) => 0.1 * Math.tanh(t), rng: new PhiloxRng(seed, 0) }).mean);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('decays faster under a stiffening odd perturbation', () => {
    // ε = a·tanh θ raises ω₀² near 0, so the slow root −1 moves left: E[4Θ + Y] decays faster
    const plain = simulateSmeSplitting({ ...base, rng: new PhiloxRng(13, 0) });
    const stiff = simulateSmeSplitting({ ...base, perturbation: (t) => 0.4 * Math.tanh(t), rng: new PhiloxRng(13, 0) });
    expect(stiff.mean[40]).toBeLessThan(plain.mean[40]);
  });

  it('rejects τ = 0 and too few paths for the groups', () => {
    expect(() => simulateSmeSplitting({ ...base, tau: 0, rng: new PhiloxRng(1, 0) })).toThrow(RangeError);
    expect(() => simulateSmeSplitting({ ...base, paths: 10, groups: 10, rng: new PhiloxRng(1, 0) })).toThrow(RangeError);
  });
});

describe('simulateSmeSplittingShared', () => {
  it('equals one simulateSmeSplitting per perturbation (common random numbers), bit for bit', () => {
    const base = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.05, steps: 30, paths: 60, groups: 3, shift: [1, -1] as const, observable: [2, 1] as const };
    const perts = [undefined, (t: number) => 0.3 * Math.tanh(t), (t: number) => 0.2 * Math.sin(2 * t)];
    const shared = simulateSmeSplittingShared({ ...base, rng: new PhiloxRng(5, 9) }, perts);
    perts.forEach((perturbation, i) => {
      const alone = simulateSmeSplitting({ ...base, perturbation, rng: new PhiloxRng(5, 9) });
      expect(Array.from(shared[i].mean)).toStrictEqual(Array.from(alone.mean));
      expect(shared[i].groupSums.map((g) => Array.from(g))).toStrictEqual(alone.groupSums.map((g) => Array.from(g)));
    });
    expect(Array.from(shared[1].mean)).not.toStrictEqual(Array.from(shared[0].mean));
  });

  it('gives the same numbers, bit for bit, path block by path block (a jumping source) as in one pass (a source that cannot jump)', () => {
    // 2500 paths: two full blocks of 1024 and a partial one; groups 7 straddle the blocks
    const base = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.05, steps: 12, paths: 2500, groups: 7, recordEvery: 2, shift: [1, -1] as const, observable: [2, 1] as const };
    const tanh = (t: number) => 0.3 * Math.tanh(t);
    const withFill = Object.assign((t: number) => 0.2 * Math.sin(2 * t), { fill: (th: Float64Array, out: Float64Array) => { for (let p = 0; p < th.length; p++) out[p] = 0.2 * Math.sin(2 * th[p]); } });
    const perts = [undefined, tanh, withFill];
    const jumping = new PhiloxRng(5, 9);
    const inner = new PhiloxRng(5, 9);
    const sequential = { normal: () => inner.normal(), normals: (out: Float64Array, o: number, c: number) => inner.normals(out, o, c) };
    const blocked = simulateSmeSplittingShared({ ...base, rng: jumping }, perts);
    const onePass = simulateSmeSplittingShared({ ...base, rng: sequential }, perts);
    const bits = (r: (typeof blocked)[number]) => [r.t, r.mean, r.stderr, ...r.groupSums].map((a) => Array.from(a));
    blocked.forEach((r, i) => expect(bits(r)).toStrictEqual(bits(onePass[i])));
    expect(jumping.state()).toStrictEqual(inner.state()); // the stream continues where one pass leaves it
    expect(jumping.normal()).toBe(inner.normal());
    // ε's fill gives the numbers of ε itself
    const scalarOnly = simulateSmeSplittingShared({ ...base, rng: new PhiloxRng(5, 9) }, [(t: number) => 0.2 * Math.sin(2 * t)]);
    expect(bits(scalarOnly[0])).toStrictEqual(bits(blocked[2]));
  });

  it('keeps its numbers: the values of the version before path blocks (a change here changes every report)', () => {
    const base = { omega0Sq: 4, gamma: 5, tau: 0.5, dt: 0.05, steps: 12, paths: 2500, groups: 7, recordEvery: 2, shift: [1, -1] as const, observable: [2, 1] as const };
    const r = simulateSmeSplittingShared({ ...base, rng: new PhiloxRng(5, 9) }, [undefined, (t: number) => 0.3 * Math.tanh(t)]);
    expect(r.map((s) => [s.mean[6], s.stderr[6], s.groupSums[3][6]])).toStrictEqual([
      [0.5245606724808929, 0.011607615890269192, 194.57431271049524],
      [0.4766578886551393, 0.011233756048954428, 177.75668678005022],
    ]);
  });
});
