import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix, determinant } from 'ml-matrix';
import { realMatrixEigenvalues, type ComplexEigenvalue } from '../../numeric/eigenvalues.ts';

type Mat = number[][];

/** Seeded uniforms in [0, 1) (mulberry32). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n×n matrix with entries uniform in [−1, 1). */
function randomMatrix(n: number, seed: number): Mat {
  const u = uniforms(seed);
  return Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * u() - 1));
}

const frobenius = (a: Mat): number => Math.sqrt(a.flat().reduce((s, x) => s + x * x, 0));

/** Reference eigenvalues: ml-matrix (JAMA orthes + hqr2, unbalanced). */
function referenceEigenvalues(a: Mat): ComplexEigenvalue[] {
  const evd = new EigenvalueDecomposition(new Matrix(a), { assumeSymmetric: false });
  return evd.realEigenvalues.map((re, i) => ({ re, im: evd.imaginaryEigenvalues[i] }));
}

/**
 * Distance between two eigenvalue multisets: each λ (in (re, im) order) is paired with the
 * nearest unused μ, and the largest |λ − μ| is returned; Infinity if the sizes differ.
 * (Plain sorting by (re, im) mispairs eigenvalues whose real parts agree only to rounding.)
 */
function multisetDistance(lambda: ComplexEigenvalue[], mu: ComplexEigenvalue[]): number {
  if (lambda.length !== mu.length) return Infinity;
  const unused = [...mu];
  let worst = 0;
  for (const x of [...lambda].sort((p, q) => p.re - q.re || p.im - q.im)) {
    let best = 0;
    for (let i = 1; i < unused.length; i++) {
      if (Math.hypot(x.re - unused[i].re, x.im - unused[i].im) < Math.hypot(x.re - unused[best].re, x.im - unused[best].im)) best = i;
    }
    worst = Math.max(worst, Math.hypot(x.re - unused[best].re, x.im - unused[best].im));
    unused.splice(best, 1);
  }
  return worst;
}

const real = (...xs: number[]): ComplexEigenvalue[] => xs.map((re) => ({ re, im: 0 }));

/** Companion matrix of the monic polynomial with roots given as real numbers and conjugate pairs (re ± i·im). */
function companionOf(roots: ComplexEigenvalue[]): Mat {
  // Coefficients of Π (x − λ), highest degree first, expanded over the reals.
  let c = [1];
  const times = (f: number[]) => {
    const out = new Array<number>(c.length + f.length - 1).fill(0);
    c.forEach((ci, i) => f.forEach((fj, j) => { out[i + j] += ci * fj; }));
    c = out;
  };
  for (const { re, im } of roots) {
    if (im === 0) times([1, -re]);
    else if (im > 0) times([1, -2 * re, re * re + im * im]);
  }
  const n = c.length - 1;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === 0 ? -c[j + 1] : i === j + 1 ? 1 : 0)));
}

describe('realMatrixEigenvalues against ml-matrix', () => {
  for (const n of [1, 2, 3, 5, 10, 40, 150]) {
    it(`agrees on seeded random ${n}×${n} matrices`, () => {
      for (const seed of n <= 10 ? [1, 2, 3, 4, 5] : [7]) {
        const a = randomMatrix(n, 1000 * n + seed);
        const ours = realMatrixEigenvalues(a);
        expect(ours).toHaveLength(n);
        expect(multisetDistance(ours, referenceEigenvalues(a))).toBeLessThan(1e-8 * frobenius(a));
      }
    });
  }

  it('returns complex eigenvalues as adjacent exact conjugate pairs, positive imaginary part first', () => {
    const ev = realMatrixEigenvalues(randomMatrix(40, 99));
    expect(ev.some((e) => e.im !== 0)).toBe(true);
    for (let i = 0; i < ev.length; i++) {
      if (ev[i].im === 0) continue;
      expect(ev[i].im).toBeGreaterThan(0);
      expect(ev[i + 1]).toEqual({ re: ev[i].re, im: -ev[i].im });
      i++;
    }
  });

  it('detects a planted error: a perturbed matrix has different eigenvalues', () => {
    const a = randomMatrix(10, 42);
    const planted = a.map((row) => [...row]);
    planted[3][7] += 0.1;
    expect(multisetDistance(realMatrixEigenvalues(planted), referenceEigenvalues(a))).toBeGreaterThan(1e-3);
  });
});

describe('realMatrixEigenvalues on known spectra', () => {
  it('1×1', () => {
    expect(realMatrixEigenvalues([[5]])).toEqual(real(5));
  });

  it('diagonal', () => {
    expect(multisetDistance(realMatrixEigenvalues([[3, 0, 0, 0], [0, -1, 0, 0], [0, 0, 2.5, 0], [0, 0, 0, 0]]), real(3, -1, 2.5, 0))).toBe(0);
  });

  it('zero matrix', () => {
    expect(realMatrixEigenvalues([[0, 0, 0], [0, 0, 0], [0, 0, 0]]).every((e) => e.re === 0 && e.im === 0)).toBe(true);
  });

  it('upper triangular: the diagonal, exactly', () => {
    const a = [[1, 2, 3, 4], [0, -5, 6, 7], [0, 0, 0.25, 8], [0, 0, 0, 9]];
    expect(multisetDistance(realMatrixEigenvalues(a), real(1, -5, 0.25, 9))).toBe(0);
  });

  it('rotation by π/2: ±i', () => {
    expect(realMatrixEigenvalues([[0, -1], [1, 0]])).toEqual([{ re: 0, im: 1 }, { re: 0, im: -1 }]);
  });

  it('Jordan block: a single eigenvalue with multiplicity', () => {
    const j = [[2, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 2]];
    expect(realMatrixEigenvalues(j)).toEqual(real(2, 2, 2, 2));
    // Rotated (so nothing is isolated by balancing): the defective eigenvalue is only accurate to
    // ~eps^(1/3) each, but their mean (trace/3) is accurate to rounding.
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const q = [[c, -s, 0], [s, c, 0], [0, 0, 1]];
    const q2 = [[1, 0, 0], [0, c, -s], [0, s, c]];
    const mul = (x: Mat, y: Mat): Mat => x.map((row) => y[0].map((_, k) => row.reduce((acc, xi, i) => acc + xi * y[i][k], 0)));
    const tr = (x: Mat): Mat => x[0].map((_, k) => x.map((row) => row[k]));
    const qq = mul(q, q2);
    const ev = realMatrixEigenvalues(mul(mul(qq, [[2, 1, 0], [0, 2, 1], [0, 0, 2]]), tr(qq)));
    for (const e of ev) expect(Math.hypot(e.re - 2, e.im)).toBeLessThan(1e-4);
    expect(ev.reduce((acc, e) => acc + e.re, 0) / 3).toBeCloseTo(2, 12);
  });

  it('companion matrix of (x − 1)(x − 2)(x − 3)(x + 4)(x² + 1)(x² − 2x + 5)', () => {
    const roots = [...real(1, 2, 3, -4), { re: 0, im: 1 }, { re: 0, im: -1 }, { re: 1, im: 2 }, { re: 1, im: -2 }];
    expect(multisetDistance(realMatrixEigenvalues(companionOf(roots)), roots)).toBeLessThan(1e-10);
  });

  it('cyclic permutation (the shifts stall; needs the exceptional shift): the 4th roots of unity', () => {
    const p = [[0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    expect(multisetDistance(realMatrixEigenvalues(p), [...real(1, -1), { re: 0, im: 1 }, { re: 0, im: -1 }])).toBeLessThan(1e-12);
  });

  it('a badly scaled similarity D A D⁻¹ (entries spanning 2^±40) has the spectrum of A', () => {
    const a = randomMatrix(12, 5);
    const d = a.map((_, i) => 2 ** (8 * (i % 11) - 40));
    const scaled = a.map((row, i) => row.map((x, j) => (d[i] * x) / d[j]));
    expect(multisetDistance(realMatrixEigenvalues(scaled), realMatrixEigenvalues(a))).toBeLessThan(1e-10);
  });

  it('trace = Σλ and det = Πλ on random 6×6 matrices', () => {
    for (const seed of [11, 12, 13, 14]) {
      const a = randomMatrix(6, seed);
      const ev = realMatrixEigenvalues(a);
      const trace = a.reduce((acc, row, i) => acc + row[i], 0);
      expect(ev.reduce((acc, e) => acc + e.re, 0)).toBeCloseTo(trace, 12);
      expect(Math.abs(ev.reduce((acc, e) => acc + e.im, 0))).toBeLessThan(1e-12);
      let pr = 1, pi = 0;
      for (const e of ev) [pr, pi] = [pr * e.re - pi * e.im, pr * e.im + pi * e.re];
      expect(pr).toBeCloseTo(determinant(new Matrix(a)), 12);
      expect(Math.abs(pi)).toBeLessThan(1e-12);
    }
  });
});

describe('realMatrixEigenvalues input validation', () => {
  const cases: [string, unknown][] = [
    ['empty', []],
    ['not square', [[1, 2]]],
    ['ragged', [[1, 2], [3]]],
    ['NaN entry', [[Number.NaN]]],
    ['infinite entry', [[Infinity, 0], [0, 1]]],
    ['non-number entry', [[1, '2'], [3, 4]]],
    ['non-array row', [[1, 2], 3]],
  ];
  for (const [name, input] of cases) {
    it(`throws a RangeError naming the function: ${name}`, () => {
      expect(() => realMatrixEigenvalues(input as number[][])).toThrow(RangeError);
      expect(() => realMatrixEigenvalues(input as number[][])).toThrow(/^realMatrixEigenvalues: /);
    });
  }
});
