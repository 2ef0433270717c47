/**
 * The WebGPU Monte Carlo backend, on whatever adapter src/gpu-device.ts finds (llvmpipe in CI).
 * No adapter: the suite skips, unless HYPOCHECK_REQUIRE_GPU=1, when it fails.
 * HYPOCHECK_GPU_BACKEND=vulkan forces a real adapter (test/bench/gpu-real.sh).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { add, cst, mul, par, powi, un, vv, xv, type Integrand } from '../../numeric/expr.ts';
import type { GaussianWeight } from '../../numeric/integrator.ts';
import { createGpuMonteCarlo, type GpuMonteCarlo } from '../../numeric/gpu-monte-carlo.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { acquireGpuIntegrator } from '../../src/gpu-device.ts';

const acquired = await acquireGpuIntegrator();
const required = process.env.HYPOCHECK_REQUIRE_GPU === '1';
if (!acquired.ok && !required) console.warn(`gpu-monte-carlo tests skipped: ${acquired.reason}`);

if (!acquired.ok && required) {
  describe('GPU required (HYPOCHECK_REQUIRE_GPU=1)', () => {
    it('finds a WebGPU adapter', () => {
      expect.fail(acquired.ok ? '' : `no GPU adapter: ${acquired.reason}`);
    });
  });
}

describe.runIf(acquired.ok)('GPU Monte Carlo', () => {
  if (!acquired.ok) return;
  const { device, adapter } = acquired;
  const gpu: GpuMonteCarlo = createGpuMonteCarlo({ device, adapterName: adapter });
  afterAll(() => acquired.dispose());

  const w: GaussianWeight = { omega0: 2, beta: 1.5 };
  const sx2 = 1 / (w.beta * w.omega0 ** 2); // σ_x² = 1/(βω₀²)
  const sv2 = 1 / w.beta; // σ_v² = 1/β
  /** |estimate − exact| ≤ z standard errors, per output. */
  const expectWithin = (mean: number[], stderr: number[], exact: number[], z = 5) => {
    exact.forEach((e, k) => {
      expect(stderr[k]).toBeGreaterThan(0);
      expect(Math.abs(mean[k] - e) / stderr[k], `output ${k}: ${mean[k]} vs ${e} ± ${stderr[k]}`).toBeLessThan(z);
    });
  };

  it('names its adapter in the estimate', async () => {
    expect(adapter.length).toBeGreaterThan(0);
    const e = await gpu.integrate({ d: 1, names: ['1'], exprs: [cst(1)], params: {} }, w, { samples: 1024 });
    expect(e.backend).toContain(adapter);
    // a constant has no variance: E[1] = 1 exactly, also in f32
    expect(e.mean).toEqual([1]);
    expect(e.stderr).toEqual([0]);
  });

  it('integrates polynomial moments in d = 1 in one pass', async () => {
    const f: Integrand = {
      d: 1,
      names: ['x²', 'v²', 'x⁴', 'x²v²'],
      exprs: [powi(xv(0), 2), powi(vv(0), 2), powi(xv(0), 4), mul(powi(xv(0), 2), powi(vv(0), 2))],
      params: {},
    };
    const e = await gpu.integrate(f, w, { samples: 1 << 18, seed: 3 });
    // Isserlis: E[x⁴] = 3σ_x⁴; x ⟂ v: E[x²v²] = σ_x²σ_v²
    expectWithin(e.mean, e.stderr, [sx2, sv2, 3 * sx2 ** 2, sx2 * sv2]);
    expect(e.samples).toBe(1 << 18);
    // a planted error is caught: a halved variance, and E[x⁴] with the Isserlis factor 3 dropped
    expect(Math.abs(e.mean[0] - sx2 / 2) / e.stderr[0]).toBeGreaterThan(100);
    expect(Math.abs(e.mean[2] - sx2 ** 2) / e.stderr[2]).toBeGreaterThan(100);
  });

  it('integrates e^{a·x} in d = 2, cos(b·v) in d = 4 and their product', async () => {
    const a = [0.8, -0.5];
    const b = [1.1, 0.3, -0.7, 0.4];
    const ax = add(mul(par('a0'), xv(0)), mul(par('a1'), xv(1)));
    const bv = add(...b.map((_, k) => mul(par(`b${k}`), vv(k))));
    const params = { a0: a[0], a1: a[1], ...Object.fromEntries(b.map((bk, k) => [`b${k}`, bk])) };
    const f: Integrand = { d: 4, names: ['exp', 'cos', 'prod'], exprs: [un('exp', ax), un('cos', bv), mul(un('exp', ax), un('cos', bv))], params };
    const e = await gpu.integrate(f, w, { samples: 1 << 18, seed: 5 });
    // E e^{a·x} = e^{σ_x²|a|²/2}, E cos(b·v) = e^{−σ_v²|b|²/2}; x ⟂ v, so the product's mean is the product
    const ea = Math.exp((sx2 * (a[0] ** 2 + a[1] ** 2)) / 2);
    const eb = Math.exp((-sv2 * b.reduce((s, t) => s + t * t, 0)) / 2);
    expectWithin(e.mean, e.stderr, [ea, eb, ea * eb]);
    const e2 = await gpu.integrate({ d: 2, names: ['exp'], exprs: [un('exp', ax)], params }, w, { samples: 1 << 18, seed: 5 });
    expectWithin(e2.mean, e2.stderr, [ea]);
  });

  it('reuses one pipeline for new parameter values', async () => {
    const f = (a: number): Integrand => ({ d: 1, names: ['e'], exprs: [un('exp', mul(par('a'), vv(0)))], params: { a } });
    for (const a of [0.5, -1.5]) {
      const e = await gpu.integrate(f(a), w, { samples: 1 << 17, seed: 11 });
      expectWithin(e.mean, e.stderr, [Math.exp((sv2 * a * a) / 2)]);
    }
    expect(gpu.kernelFor(f(0.5)).code).toBe(gpu.kernelFor(f(-1.5)).code);
  });

  it('reproduces an estimate bit for bit from its seed', async () => {
    const f: Integrand = { d: 2, names: ['h'], exprs: [un('sin', add(xv(0), mul(cst(2), vv(1))))], params: {} };
    const opts = { samples: 300_001, seed: 42 };
    const [e1, e2, e3] = [await gpu.integrate(f, w, opts), await gpu.integrate(f, w, opts), await gpu.integrate(f, w, { ...opts, seed: 43 })];
    expect(e1.mean).toEqual(e2.mean);
    expect(e1.stderr).toEqual(e2.stderr);
    expect(e3.mean).not.toEqual(e1.mean);
    expect(e1.samples).toBe(300_001);
  });

  it('draws the samples of numeric/rng.ts: the coordinates of 2 samples match the CPU backend', async () => {
    // d = 3 needs 6 normals: blocks j = 0, 1 of each sample
    const d = 3;
    const f: Integrand = { d, names: ['x0', 'x1', 'x2', 'v0', 'v1', 'v2'], exprs: [xv(0), xv(1), xv(2), vv(0), vv(1), vv(2)], params: {} };
    const g = await gpu.integrate(f, w, { samples: 2, seed: 9 });
    const c = await createMonteCarlo().integrate(f, w, { samples: 2, seed: 9 });
    g.mean.forEach((m, k) => expect(Math.abs(m - c.mean[k])).toBeLessThan(1e-5));
  });

  it('reproduces a 2²⁴-sample integral within its error bar (no f32 accumulation drift)', async () => {
    // E[3 + x₀²/100] = 3 + σ_x²/100; sd = √2 σ_x²/100, so the error bar is ~1e-6 of the mean: f32 has 24 bits
    const f: Integrand = { d: 1, names: ['g'], exprs: [add(cst(3), mul(cst(0.01), powi(xv(0), 2)))], params: {} };
    const n = 1 << 24;
    const e = await gpu.integrate(f, w, { samples: n, seed: 1 });
    expect(e.samples).toBe(n);
    expectWithin(e.mean, e.stderr, [3 + sx2 / 100], 4);
    // the error bar itself: σ/√n to 1%
    expect(e.stderr[0] / ((Math.SQRT2 * sx2) / 100 / Math.sqrt(n))).toBeCloseTo(1, 1);
  });

  it('agrees with the CPU backend: same seed, same points; another stream, within combined error bars', async () => {
    const f: Integrand = {
      d: 2,
      names: ['h²', 'xh'],
      exprs: [powi(add(un('sin', add(xv(0), vv(1))), mul(xv(0), vv(0))), 2), mul(xv(1), un('tanh', mul(cst(3), add(vv(0), xv(1)))))],
      params: {},
    };
    const n = 1 << 16;
    const c = await createMonteCarlo().integrate(f, w, { samples: n, seed: 21 });
    const g = await gpu.integrate(f, w, { samples: n, seed: 21 });
    // same Philox samples: f32 rounding only, far inside the error bar
    g.mean.forEach((m, k) => expect(Math.abs(m - c.mean[k]) / c.stderr[k]).toBeLessThan(0.01));
    g.cov.forEach((row, j) => row.forEach((v, k) => expect(v).toBeCloseTo(c.cov[j][k], 8)));
    const other = createGpuMonteCarlo({ device, adapterName: adapter, stream: 1 });
    const g1 = await other.integrate(f, w, { samples: 1 << 18, seed: 21 });
    g1.mean.forEach((m, k) => expect(Math.abs(m - c.mean[k]) / Math.hypot(g1.stderr[k], c.stderr[k])).toBeLessThan(5));
  });

  it('gives the covariance of two outputs, so LHS − RHS has a small error bar', async () => {
    // f = x², g = x² + v/10: cov(f̄, ḡ) = var(x²)/n, and f − g = −v/10 has sd σ_v/10
    const f: Integrand = { d: 1, names: ['lhs', 'rhs'], exprs: [powi(xv(0), 2), add(powi(xv(0), 2), mul(cst(0.1), vv(0)))], params: {} };
    const n = 1 << 18;
    const e = await gpu.integrate(f, w, { samples: n, seed: 4 });
    const varDiff = e.cov[0][0] + e.cov[1][1] - 2 * e.cov[0][1];
    expect(Math.sqrt(varDiff) / (Math.sqrt(sv2) / 10 / Math.sqrt(n))).toBeCloseTo(1, 1);
    expect(e.cov[0][0]).toBeCloseTo(e.stderr[0] ** 2, 15);
  });

  it('keeps only the variances beyond MAX_COVARIANCE_OUTPUTS outputs', async () => {
    // outputs x₀^k, k = 0 … 6: E[x^{2m}] = (2m−1)!! σ_x^{2m}, odd moments 0
    const exprs = [0, 1, 2, 3, 4, 5, 6].map((k) => powi(xv(0), k));
    const e = await gpu.integrate({ d: 1, names: exprs.map((_, k) => `x^${k}`), exprs, params: {} }, w, { samples: 1 << 16, seed: 2 });
    expectWithin(e.mean.slice(1), e.stderr.slice(1), [0, sx2, 0, 3 * sx2 ** 2, 0, 15 * sx2 ** 3]);
    expect(e.cov[1][1]).toBeCloseTo(e.stderr[1] ** 2, 15);
    expect(Number.isNaN(e.cov[1][2])).toBe(true);
  });

  it('refuses integrands that overflow f32 instead of returning inf', async () => {
    const f: Integrand = { d: 1, names: ['e'], exprs: [un('exp', mul(cst(200), xv(0)))], params: {} };
    await expect(gpu.integrate(f, w, { samples: 1 << 14 })).rejects.toThrow(/non-finite integrand values in f32/);
  });

  it('checks its arguments', async () => {
    const f: Integrand = { d: 1, names: ['x'], exprs: [xv(0)], params: {} };
    await expect(gpu.integrate(f, w, { samples: 1 })).rejects.toThrow(/samples must be an integer ≥ 2, got 1/);
    await expect(gpu.integrate(f, { omega0: 0, beta: 1 })).rejects.toThrow(/omega0 must be > 0, got 0/);
    await expect(gpu.integrate(f, w, { seed: -1 })).rejects.toThrow(RangeError);
    expect(() => createGpuMonteCarlo({ device, workgroupSize: 1 << 20 })).toThrow(/exceeds the device limit/);
  });

  it('stops when its signal is aborted', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const f: Integrand = { d: 1, names: ['x'], exprs: [xv(0)], params: {} };
    await expect(gpu.integrate(f, w, { samples: 1 << 20, signal: ctl.signal })).rejects.toThrow();
  });
});
