import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { Poly, pc, pv } from '../../symbolic/poly.ts';
import { basisNormSq, degreeOneMatrix, generatorAction, generatorBlock, hermiteBasis } from '../../numeric/hermite-operator.ts';

/** Probabilists' Hermite He_n(z) as a Poly in the given linear form z. */
function hermite(n: number, z: Poly): Poly {
  let a = Poly.ONE;
  let b = z;
  if (n === 0) return a;
  for (let k = 1; k < n; k++) [a, b] = [b, z.mul(b).sub(a.scale(q(k)))];
  return b;
}

describe('generatorBlock', () => {
  it('gives the degree-one block [[0, ω₀²], [−1, −γ]] (eigenvalues of −Q)', () => {
    const B = degreeOneMatrix(q(4), q(5));
    expect(B.map((r) => r.map(String))).toEqual([['0', '4'], ['-1', '-5']]);
  });

  it('agrees with −T + L applied to Hermite polynomials in x, v (β = 1, ω₀ = 2, γ = 3)', () => {
    // f_ij = ω₀^{−i} He_i(√β ω₀ x) He_j(√β v); A h = −v h_x + ω₀² x h_v − γ v h_v + (γ/β) h_vv
    const w = q(4), g = q(3), x = pv('x'), v = pv('v');
    const f = (i: number, j: number) => hermite(i, x.scale(q(2))).mul(hermite(j, v)).scale(q(1, 2 ** i));
    const A = (h: Poly) => v.mul(h.diff('x')).neg().add(x.mul(h.diff('v')).scale(w)).sub(v.mul(h.diff('v')).scale(g)).add(h.diff('v').diff('v').scale(g));
    for (let n = 0; n <= 3; n++) {
      for (const b of hermiteBasis(1, n)) {
        const expected = generatorAction({ omega0Sq: w, gamma: g, d: 1 }, b).reduce((s, t) => s.add(f(t.index.i[0], t.index.j[0]).scale(t.coef)), pc(0));
        expect(A(f(b.i[0], b.j[0])).equals(expected)).toBe(true);
      }
    }
  });

  it('has C(n + 2d − 1, 2d − 1) basis elements on degree n', () => {
    expect(hermiteBasis(1, 4).length).toBe(5);
    expect(hermiteBasis(2, 3).length).toBe(20);
    expect(generatorBlock({ omega0Sq: q(2), gamma: q(1), d: 2 }, 2).matrix.length).toBe(10);
  });

  it('gives exact norms ω₀^{−2i} i! j!', () => {
    expect(basisNormSq(q(4), { i: [2], j: [3] }).toString()).toBe('3/4'); // 2!·3!/16
  });

  it('rejects a non-positive γ', () => {
    expect(() => generatorBlock({ omega0Sq: q(1), gamma: q(0), d: 1 }, 1)).toThrow(RangeError);
  });
});
