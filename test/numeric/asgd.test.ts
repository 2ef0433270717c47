import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { PhiloxRng } from '../../numeric/rng.ts';
import { discreteThreshold, meanRecurrenceFacts, meanTrajectory, simulateAsgd } from '../../numeric/asgd.ts';
import { chiSquare, chiSquareQuantile, pronyRate } from '../../numeric/stats.ts';

describe('simulateAsgd', () => {
  it('draws staleness from the geometric law (1−κ)κ^l (χ² test, fixed seed)', () => {
    const kappa = 0.6, bins = 10;
    const st = simulateAsgd({ eta: 0.01, kappa, steps: 200, runs: 100, stalenessBins: bins, rng: new PhiloxRng(11, 0) });
    const total = st.staleness.reduce((s, x) => s + x, 0);
    expect(total).toBe(20000);
    const expected = st.staleness.map((_, l) => total * (l < bins - 1 ? (1 - kappa) * kappa ** l : kappa ** (bins - 1)));
    expect(chiSquare(st.staleness, expected)).toBeLessThan(chiSquareQuantile(bins - 1, 3.09)); // p = 0.001
  });

  it('is SGD for κ = 0: θ_k = (1 − ηω₀²)^k exactly without gradient noise', () => {
    const st = simulateAsgd({ eta: 0.125, kappa: 0, steps: 5, runs: 2, offsets: [0], rng: new PhiloxRng(1, 0) });
    expect(Array.from(st.mean)).toEqual([1, 0.75, 0.5625, 0.421875, 0.31640625, 0.2373046875]);
  });

  it('has a sample mean that follows the exact mean recurrence', () => {
    const st = simulateAsgd({ eta: 0.01, kappa: 0.9, steps: 300, runs: 400, rng: new PhiloxRng(5, 0) });
    const exact = meanTrajectory(0.01, 0.9, 2, 300);
    for (const k of [50, 100, 200, 300]) expect(Math.abs(st.mean[k] - exact[k])).toBeLessThan(5 * st.stderr[k] + 1e-12);
  });

  it('is reproducible by seed', () => {
    const run = (seed: number) => Array.from(simulateAsgd({ eta: 0.01, kappa: 0.9, steps: 30, runs: 10, rng: new PhiloxRng(seed, 2) }).mean);
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });

  it('rejects κ = 1', () => {
    expect(() => simulateAsgd({ eta: 0.01, kappa: 1, steps: 1, rng: new PhiloxRng(1, 0) })).toThrow(RangeError);
  });
});

describe('mean recurrence', () => {
  it('has det G = κ and complex roots above the discrete threshold', () => {
    const f = meanRecurrenceFacts(q(1, 100), q(49, 50), q(2));
    expect(f.det.toString()).toBe('49/50');
    expect(f.complex).toBe(true);
    expect(f.ratePerStep).toBeCloseTo(-0.5 * Math.log(0.98), 14);
    expect(meanRecurrenceFacts(q(1, 1000), q(49, 50), q(2)).complex).toBe(false);
    expect(discreteThreshold(0.98, 2)).toBeCloseTo(0.0025253, 6);
  });

  it('is recovered by a lagged Prony fit of the exact trajectory', () => {
    const m = meanTrajectory(0.01, 0.98, 2, 400);
    expect(pronyRate(m, 0, 400).rate).toBeCloseTo(-0.5 * Math.log(0.98), 8);
  });
});

describe('simulateAsgd on worker threads', () => {
  it('gives the in-thread numbers bit for bit (ranges of runs drawn at their places in the stream) and leaves the generator where one thread would', () => {
    const opts = { eta: 0.01, kappa: 0.9, steps: 600, runs: 640, stalenessBins: 4, groups: 7 };
    const rngA = new PhiloxRng(3, 0x5ad);
    rngA.nextU32(); // not at the start of the stream
    const parallel = simulateAsgd({ ...opts, rng: rngA });
    const saved = process.env.HYPOCHECK_WORKERS;
    process.env.HYPOCHECK_WORKERS = '0';
    try {
      const rngB = new PhiloxRng(3, 0x5ad);
      rngB.nextU32();
      const one = simulateAsgd({ ...opts, rng: rngB });
      expect(Array.from(parallel.mean)).toStrictEqual(Array.from(one.mean));
      expect(Array.from(parallel.stderr)).toStrictEqual(Array.from(one.stderr));
      expect(parallel.groupSums.map((g) => Array.from(g))).toStrictEqual(one.groupSums.map((g) => Array.from(g)));
      expect(parallel.staleness).toStrictEqual(one.staleness);
      expect(rngA.nextU32()).toBe(rngB.nextU32());
    } finally {
      if (saved === undefined) delete process.env.HYPOCHECK_WORKERS;
      else process.env.HYPOCHECK_WORKERS = saved;
    }
  }, 60_000);
});
