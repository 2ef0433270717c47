import { describe, expect, it } from 'vitest';
import { add, cst, mul, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createQmc, inverseNormalCdf, latticeGeneratingVector, latticeWorstCaseError2 } from '../../numeric/qmc.ts';
import { PhiloxRng } from '../../numeric/rng.ts';
import { Rational } from '../../symbolic/rational.ts';

const integrand = (d: number, exprs: Expr[]): Integrand => ({ d, names: exprs.map((_, k) => `f${k}`), exprs, params: {} });
const W = { omega0: 2, beta: 3 };
const SX2 = 1 / 12;
const SV2 = 1 / 3;

// ---- Φ to 70 digits in BigInt fixed point (independent of AS241) ----
const DIGITS = 70n;
const SCALE = 10n ** DIGITS;
// π to 76 significant digits
const PI = BigInt('3141592653589793238462643383279502884197169399375105820974944592307816406286') * SCALE / 10n ** 75n;

function isqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (let i = 0; i < 200; i++) {
    const y = (x + n / x) / 2n;
    if (y === x || y === x + 1n || y === x - 1n) {
      x = y;
      while (x * x > n) x--;
      while ((x + 1n) * (x + 1n) <= n) x++;
      return x;
    }
    x = y;
  }
  return x;
}

/** Φ(z) · SCALE for a rational z: ½ + φ(z) Σ_k z^{2k+1}/(2k+1)!!. */
function phiCdfFixed(z: Rational): bigint {
  const Z = (z.num * SCALE) / z.den;
  const Z2 = (Z * Z) / SCALE;
  let term = Z;
  let series = 0n;
  for (let k = 1n; term !== 0n; k++) {
    series += term;
    term = (term * Z2) / SCALE / (2n * k + 1n);
  }
  // e^{z²/2} by Taylor, then φ = 1 / (e^{z²/2} √(2π))
  const y = Z2 / 2n;
  let e = 0n;
  let t = SCALE;
  for (let k = 1n; t !== 0n; k++) {
    e += t;
    t = (t * y) / SCALE / k;
  }
  const sqrt2pi = isqrt(2n * PI * SCALE);
  const density = (SCALE * SCALE * SCALE) / (e * sqrt2pi);
  return SCALE / 2n + (density * series) / SCALE;
}

describe('inverseNormalCdf', () => {
  it('has backward error below 2 ulps of z against a 70-digit Φ (tails to p = 1e−12)', () => {
    const ps = [1e-12, 3e-11, 1e-8, 1e-5, 0.001, 0.02, 0.075, 0.0751, 0.1, 0.3, 0.49, 0.5, 0.6, 0.9, 0.925, 0.99, 0.999999, 1 - 2 ** -40];
    for (const p of ps) {
      const z = inverseNormalCdf(p);
      const err = phiCdfFixed(Rational.fromNumber(z)) - (Rational.fromNumber(p).num * SCALE) / Rational.fromNumber(p).den;
      const density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      const forward = Math.abs(Number(err) / Number(SCALE)) / density; // |z − Φ⁻¹(p)| to first order
      expect(forward).toBeLessThanOrEqual(2 * 2 ** -52 * Math.max(Math.abs(z), 0.25));
    }
  });

  it('is odd, exact at ½, infinite at 0 and 1, and refuses p outside [0, 1]', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.25)).toBe(-inverseNormalCdf(0.75));
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(() => inverseNormalCdf(1.5)).toThrow(/inverseNormalCdf: p must be in \[0, 1\], got 1.5/);
    expect(() => inverseNormalCdf(NaN)).toThrow(RangeError);
    // far tail region r > 5 of AS241: Φ⁻¹(1e−300) ≈ −37.047096
    expect(inverseNormalCdf(1e-300)).toBeCloseTo(-37.0470962993612, 10);
  });
});

describe('latticeGeneratingVector', () => {
  it('builds an odd vector starting at 1 whose reported error is its P₂ error', () => {
    const { z, error } = latticeGeneratingVector(1024, 6);
    expect(z[0]).toBe(1);
    for (const c of z) expect(c % 2).toBe(1);
    expect(latticeWorstCaseError2(z, 1024)).toBeCloseTo(error, 14);
    expect(latticeGeneratingVector(1024, 6).z).toBe(z); // cached, deterministic
  });

  it('beats random odd generating vectors on the worst-case error', () => {
    const n = 1024;
    const { error } = latticeGeneratingVector(n, 6);
    const rng = new PhiloxRng(17);
    const random = Array.from({ length: 15 }, () => latticeWorstCaseError2([1, ...Array.from({ length: 5 }, () => 2 * rng.int(n / 2) + 1)], n)).sort((a, b) => a - b);
    expect(error).toBeLessThan(random[0]);
  });
});

describe('createQmc', () => {
  it('agrees with exact values within 5 standard errors in d = 1, 2, 3', async () => {
    const qmc = createQmc();
    for (const d of [1, 2, 3]) {
      const a = [0.7, -0.4, 0.3].slice(0, d);
      const f = integrand(d, [powi(xv(0), 2), powi(xv(d - 1), 4), un('exp', add(...a.map((ai, i) => mul(cst(ai), xv(i))))), un('cos', mul(cst(1.5), vv(d - 1)))]);
      // E[x₁²] = 1/(βω₀²); Isserlis E[x⁴] = 3σ⁴; E[e^{a·x}] = e^{|a|²σ_x²/2}; E[cos bv] = e^{−b²σ_v²/2}
      const exact = [SX2, 3 * SX2 * SX2, Math.exp((a.reduce((s, ai) => s + ai * ai, 0) * SX2) / 2), Math.exp((-2.25 * SV2) / 2)];
      const e = await qmc.integrate(f, W, { samples: 2 ** 14, seed: 20 + d });
      e.mean.forEach((m, k) => expect(Math.abs(m - exact[k])).toBeLessThan(5 * e.stderr[k]));
      expect(e.samples).toBe(2 ** 14);
      expect(e.latticeSize).toBe(2 ** 10); // 2^14 points / 16 replicates
    }
  });

  it('puts a planted wrong value (σ_x² halved) beyond 6 standard errors', async () => {
    const e = await createQmc().integrate(integrand(1, [un('exp', xv(0))]), W, { samples: 2 ** 12, seed: 3 });
    expect(Math.abs(e.mean[0] - Math.exp(SX2 / 4))).toBeGreaterThan(6 * e.stderr[0]);
  });

  it('is reproducible from the seed and changes with it', async () => {
    const f = integrand(2, [un('exp', add(xv(0), vv(1)))]);
    const a = await createQmc().integrate(f, W, { samples: 4096, seed: 9 });
    const b = await createQmc().integrate(f, W, { samples: 4096, seed: 9 });
    const c = await createQmc().integrate(f, W, { samples: 4096, seed: 10 });
    expect(b.mean).toEqual(a.mean);
    expect(b.stderr).toEqual(a.stderr);
    expect(c.mean[0]).not.toBe(a.mean[0]);
  });

  it('shrinks its error faster than Monte Carlo on a smooth integrand (16× the points)', async () => {
    // f = e^{(x₁ + v₂)/2} in d = 2; replicate error bars, fixed seeds
    const f = integrand(2, [un('exp', mul(cst(0.5), add(xv(0), vv(1))))]);
    const qmc = createQmc({ replicates: 16 });
    const mc = createMonteCarlo();
    const q1 = await qmc.integrate(f, W, { samples: 2 ** 12, seed: 1 });
    const q2 = await qmc.integrate(f, W, { samples: 2 ** 16, seed: 1 });
    const m1 = await mc.integrate(f, W, { samples: 2 ** 12, seed: 1 });
    const m2 = await mc.integrate(f, W, { samples: 2 ** 16, seed: 1 });
    const qmcGain = q1.stderr[0] / q2.stderr[0];
    const mcGain = m1.stderr[0] / m2.stderr[0];
    expect(mcGain).toBeGreaterThan(3); // ≈ √16 = 4
    expect(mcGain).toBeLessThan(5.5);
    expect(qmcGain).toBeGreaterThan(2 * mcGain); // stretched lattice: far better than 4
    expect(q2.stderr[0]).toBeLessThan(m2.stderr[0] / 10);
  });

  it('uses more replicates beyond the largest lattice and refuses too few samples', async () => {
    const e = await createQmc({ maxLatticeSize: 256, replicates: 4 }).integrate(integrand(1, [powi(xv(0), 2)]), W, { samples: 5000 });
    expect(e.latticeSize).toBe(256);
    expect(e.replicates).toBe(19);
    expect(e.samples).toBe(256 * 19);
    await expect(createQmc().integrate(integrand(1, [xv(0)]), W, { samples: 10 })).rejects.toThrow(/qmc: samples must be an integer ≥ 2·replicates = 32, got 10/);
  });
});
