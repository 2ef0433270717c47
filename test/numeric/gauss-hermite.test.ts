import { describe, expect, it } from 'vitest';
import { add, mul, cst, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { createGaussHermite, gaussHermiteRule } from '../../numeric/gauss-hermite.ts';

const integrand = (d: number, exprs: Expr[]): Integrand => ({ d, names: exprs.map((_, k) => `f${k}`), exprs, params: {} });
const W = { omega0: 2, beta: 3 };
const SX2 = 1 / 12; // 1/(βω₀²)
const SV2 = 1 / 3; // 1/β

describe('gaussHermiteRule', () => {
  it('has the closed-form small rules (n = 1, 2, 3)', () => {
    expect([...gaussHermiteRule(1).nodes]).toEqual([0]);
    expect([...gaussHermiteRule(1).weights]).toEqual([1]);
    const r2 = gaussHermiteRule(2);
    expect(r2.nodes[0]).toBeCloseTo(-1, 15);
    expect(r2.weights[1]).toBeCloseTo(0.5, 15);
    // He₃ = z³ − 3z: nodes 0, ±√3, weights 2/3, 1/6
    const r3 = gaussHermiteRule(3);
    expect(r3.nodes[2]).toBeCloseTo(Math.sqrt(3), 15);
    expect(r3.nodes[1]).toBe(0);
    expect(r3.weights[1]).toBeCloseTo(2 / 3, 15);
    expect(r3.weights[0]).toBeCloseTo(1 / 6, 15);
  });

  it('integrates z^{2k} = (2k−1)!! exactly up to degree 2n − 1 (n = 10, 40)', () => {
    for (const n of [10, 40]) {
      const { nodes, weights } = gaussHermiteRule(n);
      let dfact = 1;
      for (let k = 0; 2 * k <= 2 * n - 1; k++) {
        if (k > 0) dfact *= 2 * k - 1;
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** (2 * k);
        expect(Math.abs(s - dfact) / dfact).toBeLessThan(1e-12 * (1 + k));
      }
      // and misses degree 2n by exactly E[He_n²] = n! (z^{2n} = He_n² + lower degree)
      let s = 0;
      let nFact = 1;
      for (let i = 0; i < n; i++) s += weights[i] * nodes[i] ** (2 * n);
      for (let k = 2; k <= n; k++) nFact *= k;
      // (for n = 40 the deficit is below the rounding of (2n − 1)!!)
      if (n === 10) expect(Math.abs(dfact * (2 * n - 1) - s - nFact) / nFact).toBeLessThan(1e-9);
    }
  });

  it('is exactly symmetric', () => {
    const { nodes, weights } = gaussHermiteRule(7);
    for (let i = 0; i < 7; i++) {
      expect(nodes[i] + nodes[6 - i]).toBe(0);
      expect(weights[i]).toBe(weights[6 - i]);
    }
  });

  it('rejects n outside [1, 200]', () => {
    expect(() => gaussHermiteRule(0)).toThrow(/gaussHermiteRule: n must be an integer in \[1, 200\], got 0/);
  });
});

describe('createGaussHermite', () => {
  it('is exact (stderr 0) for polynomials within its degree in d = 1, 2, 3', async () => {
    const gh = createGaussHermite();
    for (const d of [1, 2, 3]) {
      const e = await gh.integrate(integrand(d, [powi(xv(0), 2), powi(xv(d - 1), 4), mul(powi(vv(d - 1), 2), powi(xv(0), 2))]), W);
      expect(e.exactForIntegrand).toBe(true);
      expect(e.pointsPerAxis).toBe(3); // degree 4 needs 2n − 1 ≥ 4
      expect(e.stderr).toEqual([0, 0, 0]);
      // E[x₁²] = 1/(βω₀²), Isserlis: E[x⁴] = 3σ_x⁴, E[v²x²] = σ_v²σ_x² (d = 1: E[v²x²] too)
      const want = [SX2, 3 * SX2 * SX2, SV2 * SX2];
      e.mean.forEach((m, k) => expect(Math.abs(m - want[k]) / want[k]).toBeLessThan(1e-14));
    }
  });

  it('agrees with E[e^{a·x}] = e^{|a|²σ²/2} and E[cos(b v)] = e^{−b²σ_v²/2} within its error estimate', async () => {
    const gh = createGaussHermite();
    for (const d of [1, 2, 3]) {
      const a = [0.7, -0.4, 0.3].slice(0, d);
      const ax = add(...a.map((ai, i) => mul(cst(ai), xv(i))));
      const e = await gh.integrate(integrand(d, [un('exp', ax), un('cos', mul(cst(1.5), vv(d - 1)))]), W, { samples: d === 3 ? 8 : 16 });
      const want = [Math.exp((a.reduce((s, ai) => s + ai * ai, 0) * SX2) / 2), Math.exp((-2.25 * SV2) / 2)];
      expect(e.exactForIntegrand).toBe(false);
      e.mean.forEach((m, k) => {
        expect(Math.abs(m - want[k])).toBeLessThanOrEqual(e.stderr[k] + 1e-15);
        expect(e.stderr[k]).toBeLessThan(1e-6);
      });
    }
  });

  it('tells a planted wrong value (σ² halved) from the right one', async () => {
    const e = await createGaussHermite().integrate(integrand(1, [un('exp', xv(0))]), W, { samples: 12 });
    const wrong = Math.exp(SX2 / 4);
    expect(Math.abs(e.mean[0] - wrong)).toBeGreaterThan(1e6 * e.stderr[0]);
  });

  it('refuses a grid beyond its node limit', async () => {
    const gh = createGaussHermite({ maxNodes: 1e6 });
    await expect(gh.integrate(integrand(4, [un('exp', xv(0))]), W, { samples: 10 })).rejects.toThrow(/10\^8 \+ 8\^8 = 116777216 nodes exceeds the limit 1000000/);
  });

  it('names the output and node where the integrand is not finite', async () => {
    await expect(createGaussHermite().integrate(integrand(1, [un('log', xv(0))]), W, { samples: 4 })).rejects.toThrow(/output "f0" is NaN at node 0/);
  });
});
