/** Sobol points (Joe–Kuo) with Owen scrambling: known first points, net stratification kept by scrambling, unbiased smooth integration. */
import { describe, expect, it } from 'vitest';
import { add, cst, mul, un, vv, xv } from '../../numeric/expr.ts';
import { createQmc } from '../../numeric/qmc.ts';
import { SOBOL_MAX_DIMENSION, directionNumbers, sobolPoints } from '../../numeric/sobol.ts';

describe('sobol', () => {
  it('starts with the textbook points', () => {
    expect([...sobolPoints(4, 2)]).toEqual([0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75]);
    // dimension 3 (s = 2, a = 1, m = 1, 3): 0, 1/2, 1/4, 3/4 in Gray-code order
    expect([...sobolPoints(4, 3)].filter((_, i) => i % 3 === 2)).toEqual([0, 0.5, 0.25, 0.75]);
    expect(SOBOL_MAX_DIMENSION).toBeGreaterThanOrEqual(32);
    expect(directionNumbers(0)[0]).toBe(2 ** 31);
  });

  for (const scramble of [undefined, { seed: 7, stream: 3 }]) {
    it(`every 2-D projection of 2^8 points is a (t, 8, 2)-net with small t (${scramble ? 'Owen-scrambled' : 'plain'})`, () => {
      const m = 8;
      const n = 2 ** m;
      const s = 32;
      const p = sobolPoints(n, s, { scramble });
      for (let j = 0; j < s; j++) {
        // one-dimensional: one point in every [k/n, (k+1)/n)
        const seen = new Set<number>();
        for (let i = 0; i < n; i++) seen.add(Math.floor(p[i * s + j] * n));
        expect(seen.size).toBe(n);
      }
      // dimensions 1 and 2: a (0, m, 2)-net — every 2^-a × 2^-(m−a) box holds exactly one point
      for (let a = 0; a <= m; a++) {
        const boxes = new Set<number>();
        for (let i = 0; i < n; i++) boxes.add(Math.floor(p[i * s] * 2 ** a) * 2 ** (m - a) + Math.floor(p[i * s + 1] * 2 ** (m - a)));
        expect(boxes.size).toBe(n);
      }
    });
  }

  it('scrambled replicates integrate a smooth product in d = 16 without bias, far below Monte Carlo error', () => {
    const s = 16;
    const n = 1024;
    const f = (u: Float64Array, o: number) => {
      let prod = 1;
      for (let j = 0; j < s; j++) prod *= 1 + (u[o + j] - 0.5) / (j + 1);
      return prod; // exact integral 1
    };
    const means: number[] = [];
    for (let r = 0; r < 16; r++) {
      const p = sobolPoints(n, s, { scramble: { seed: 11, stream: r } });
      let sum = 0;
      for (let i = 0; i < n; i++) sum += f(p, i * s);
      means.push(sum / n);
    }
    const mean = means.reduce((a, b) => a + b, 0) / means.length;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / (means.length - 1));
    expect(Math.abs(mean - 1)).toBeLessThan(6 * (sd / 4) + 1e-12);
    // Monte Carlo's standard error at n = 1024 for this f is about 0.011; Sobol's spread is far below.
    expect(sd).toBeLessThan(2e-3);
    for (let r = 0; r < 2; r++) for (const x of sobolPoints(64, s, { scramble: { seed: 1, stream: r } })) expect(x > 0 && x < 1).toBe(true);
  });

  it('the QMC backend picks Sobol from 2d ≥ 16 and stays within its error bar of the exact mean', async () => {
    const d = 8;
    const a = 0.25;
    const factors = [];
    for (let j = 0; j < d; j++) factors.push(un('cos', mul(cst(a), xv(j))), un('cos', mul(cst(a), vv(j))));
    const e = await createQmc().integrate({ d, names: ['f'], exprs: [add(mul(...factors))], params: {} }, { omega0: 1, beta: 1 }, { samples: 2 ** 12, seed: 3 });
    expect(e.backend).toMatch(/Sobol/);
    expect(Math.abs(e.mean[0] - Math.exp(-a * a * d))).toBeLessThan(6 * e.stderr[0] + 1e-12);
  });
});
