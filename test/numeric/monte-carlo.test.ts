import { describe, expect, it } from 'vitest';
import { add, cst, mul, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { CompensatedSums, MomentAccumulator, SUM_BLOCK, createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { workerCount } from '../../numeric/parallel.ts';

const integrand = (d: number, exprs: Expr[]): Integrand => ({ d, names: exprs.map((_, k) => `f${k}`), exprs, params: {} });
const W = { omega0: 2, beta: 3 };
const SX2 = 1 / 12;
const SV2 = 1 / 3;

function smoothFamily(d: number): { f: Integrand; exact: number[] } {
  const a = [0.7, -0.4, 0.3].slice(0, d);
  const ax = add(...a.map((ai, i) => mul(cst(ai), xv(i))));
  return {
    f: integrand(d, [powi(xv(0), 2), powi(xv(d - 1), 4), un('exp', ax), un('cos', mul(cst(1.5), vv(d - 1)))]),
    // E[x₁²] = 1/(βω₀²); Isserlis E[x⁴] = 3σ⁴; E[e^{a·x}] = e^{|a|²σ_x²/2}; E[cos bv] = e^{−b²σ_v²/2}
    exact: [SX2, 3 * SX2 * SX2, Math.exp((a.reduce((s, ai) => s + ai * ai, 0) * SX2) / 2), Math.exp((-2.25 * SV2) / 2)],
  };
}

describe('CompensatedSums', () => {
  it('keeps the low-order parts a naive sum loses', () => {
    const s = new CompensatedSums(1);
    for (const x of [1, 1e100, 1, -1e100]) s.add(0, x);
    expect(s.value(0)).toBe(2);
  });

  it('adds the exact rounding error of each sum: the same numbers as Neumaier (Fast2Sum on the larger operand)', () => {
    // Neumaier's step as it was, the reference: a different error would change every report's Monte Carlo digits.
    const neumaier = (terms: number[]) => {
      let sum = 0, comp = 0;
      for (const x of terms) {
        const t = sum + x;
        comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
      return [sum, comp];
    };
    let state = 12345;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let trial = 0; trial < 200; trial++) {
      const terms = Array.from({ length: 500 }, () => {
        const r = rnd();
        if (r < 0.05) return 0;
        if (r < 0.1) return -0;
        return (rnd() < 0.5 ? -1 : 1) * rnd() * 2 ** Math.floor(rnd() * 120 - 60);
      });
      const s = new CompensatedSums(1);
      for (const x of terms) s.add(0, x);
      const [sum, comp] = neumaier(terms);
      expect([s.sum[0], s.comp[0]]).toEqual([sum, comp]);
    }
  });
});

describe('MomentAccumulator', () => {
  it('pushRows gives the numbers of push, row by row (same additions, same order)', () => {
    let state = 99;
    const rnd = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 2 ** Math.floor(((state >>> 7) % 40) - 20);
    for (const [m, given] of [[1, false], [3, true], [18, true], [5, false]] as const) {
      const one = given ? MomentAccumulator.withShift(Array.from({ length: m }, rnd)) : new MomentAccumulator(m);
      const rowsAcc = given ? MomentAccumulator.withShift(Array.from({ length: m }, (_, k) => (one as unknown as { shift: Float64Array }).shift[k])) : new MomentAccumulator(m);
      const centred = new Float64Array(64 * m);
      for (const n of [0, 1, 7, 64, 33]) {
        const rows = Float64Array.from({ length: n * m }, rnd);
        for (let i = 0; i < n; i++) one.push(rows.subarray(i * m, (i + 1) * m));
        rowsAcc.pushRows(rows, n, centred);
      }
      expect(Array.from(rowsAcc.sums())).toEqual(Array.from(one.sums()));
      expect(rowsAcc.result()).toEqual(one.result());
    }
  });

  it('keeps the variance of data with a large mean (shifted sums)', () => {
    const acc = new MomentAccumulator(1);
    for (let i = 0; i < 1000; i++) acc.push([1e9 + (i % 2 === 0 ? 1 : -1)]);
    const r = acc.result();
    expect(r.mean[0]).toBe(1e9);
    // sample variance 1000/999, stderr² = variance / n
    expect(r.stderr[0] ** 2).toBeCloseTo(1000 / 999 / 1000, 15);
  });
});

describe('createMonteCarlo', () => {
  it('agrees with exact values within 5 standard errors in d = 1, 2, 3', async () => {
    const mc = createMonteCarlo();
    for (const d of [1, 2, 3]) {
      const { f, exact } = smoothFamily(d);
      const e = await mc.integrate(f, W, { samples: 100_000, seed: 10 + d });
      e.mean.forEach((m, k) => expect(Math.abs(m - exact[k])).toBeLessThan(5 * e.stderr[k]));
      expect(e.samples).toBe(100_000);
    }
  });

  it('puts a planted wrong value (σ_x² halved) beyond 6 standard errors', async () => {
    const e = await createMonteCarlo().integrate(integrand(1, [powi(xv(0), 2)]), W, { samples: 100_000, seed: 3 });
    expect(Math.abs(e.mean[0] - SX2 / 2)).toBeGreaterThan(6 * e.stderr[0]);
  });

  it('is reproducible from the seed and changes with the seed and the stream', async () => {
    const f = smoothFamily(2).f;
    const a = await createMonteCarlo().integrate(f, W, { samples: 5000, seed: 4 });
    const b = await createMonteCarlo({ batchSize: 777 }).integrate(f, W, { samples: 5000, seed: 4 });
    const c = await createMonteCarlo().integrate(f, W, { samples: 5000, seed: 5 });
    const s = await createMonteCarlo({ stream: 1 }).integrate(f, W, { samples: 5000, seed: 4 });
    expect(b.mean).toEqual(a.mean);
    expect(b.stderr).toEqual(a.stderr);
    expect(c.mean[2]).not.toBe(a.mean[2]);
    expect(s.mean[2]).not.toBe(a.mean[2]);
  });

  it('cancels odd integrands exactly with antithetic pairs', async () => {
    const e = await createMonteCarlo({ antithetic: true }).integrate(integrand(2, [add(xv(0), mul(cst(3), powi(vv(1), 3)))]), W, { samples: 1001 });
    expect(e.mean).toEqual([0]);
    expect(e.stderr).toEqual([0]);
    expect(e.samples).toBe(1000);
  });

  it('returns the covariance of the means (error bar of a difference)', async () => {
    const e = await createMonteCarlo().integrate(integrand(1, [powi(xv(0), 2), add(powi(xv(0), 2), cst(1))]), W, { samples: 20_000 });
    expect(e.cov[0][1]).toBeCloseTo(e.stderr[0] ** 2, 18);
    expect(e.mean[1] - e.mean[0]).toBeCloseTo(1, 12);
    // Var(f₁ − f₀) = 0
    expect(e.cov[0][0] + e.cov[1][1] - 2 * e.cov[0][1]).toBeCloseTo(0, 15);
  });

  it('allocates the same scratch memory for every sample count (streaming)', async () => {
    const f = smoothFamily(3).f;
    // d = 3, 4 outputs: per thread the 6 normals of 256 draws + 3 + 3 + 4 + 4 doubles and
    // (3·4 + 2·10 + 4) moment slots (it sums one block at a time), and the run's moment slots:
    // nothing grows with N.
    const threads = 1 + workerCount(Number.MAX_SAFE_INTEGER);
    const expected = () => threads * (8 * (256 * 6 + 3 + 3 + 4 + 4) + 8 * (4 + 8 + 20 + 4)) + 8 * (4 + 8 + 20 + 4);
    for (const samples of [2000, 20_000, 200_000]) {
      const e = await createMonteCarlo({ batchSize: 1000 }).integrate(f, W, { samples });
      expect(e.scratchBytes).toBe(expected());
    }
  });

  it('gives the same numbers on one thread and on several, for any batch size (blocks summed in order)', async () => {
    const f = smoothFamily(2).f;
    const many = await createMonteCarlo({ batchSize: 500 }).integrate(f, W, { samples: 3 * SUM_BLOCK + 17, seed: 8 });
    const saved = process.env.HYPOCHECK_WORKERS;
    process.env.HYPOCHECK_WORKERS = '0';
    try {
      const one = await createMonteCarlo({ batchSize: 5000 }).integrate(f, W, { samples: 3 * SUM_BLOCK + 17, seed: 8 });
      expect(many.mean).toStrictEqual(one.mean);
      expect(many.cov).toStrictEqual(one.cov);
    } finally {
      if (saved === undefined) delete process.env.HYPOCHECK_WORKERS;
      else process.env.HYPOCHECK_WORKERS = saved;
    }
  });

  it('reports progress up to 1 and stops when aborted', async () => {
    const f = integrand(1, [xv(0)]);
    const seen: number[] = [];
    await createMonteCarlo({ batchSize: 100 }).integrate(f, W, { samples: 5 * SUM_BLOCK, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((p, i) => i === 0 || p > seen[i - 1])).toBe(true);
    expect(seen.at(-1)).toBe(1);
    const ctl = new AbortController();
    const run = createMonteCarlo({ batchSize: 100 }).integrate(f, W, {
      samples: 1e9,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p > 1e-6) ctl.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('names the output and sample where the integrand is not finite', async () => {
    await expect(createMonteCarlo().integrate(integrand(1, [cst(1), un('log', xv(0))]), W, { samples: 1000, seed: 1 })).rejects.toThrow(/output "f1" is NaN at sample \d+ \(seed 1, stream 0\)/);
  });

  it('rejects fewer than 2 samples', async () => {
    await expect(createMonteCarlo().integrate(integrand(1, [xv(0)]), W, { samples: 1 })).rejects.toThrow(/monteCarlo: samples must be an integer ≥ 2, got 1/);
  });
});
