import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { psdWitness } from '../../src/procedures/integral-inequality.ts';
import { Rational, q } from '../../symbolic/rational.ts';

/** The dense elimination psdWitness had before it ran over coupling components: the reference. */
function denseReference(D: Rational[][], strict: boolean): { pivots: Rational[]; witness?: Rational[] } {
  const n = D.length;
  const S = D.map((r) => [...r]);
  const T = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)));
  const pivots: Rational[] = [];
  for (let k = 0; k < n; k++) {
    const p = S[k][k];
    if (p.sign() < 0 || (strict && p.isZero())) return { pivots, witness: T[k] };
    if (p.isZero()) {
      const j = S[k].findIndex((x, jj) => jj > k && !x.isZero());
      if (j >= 0) {
        const t = S[j][j].add(Rational.ONE).neg().div(S[k][j].mul(q(2)));
        return { pivots, witness: T[k].map((x, i) => x.mul(t).add(T[j][i])) };
      }
      pivots.push(p);
      continue;
    }
    pivots.push(p);
    const f = Array.from({ length: n }, (_, i) => (i > k ? S[i][k].div(p) : Rational.ZERO));
    for (let i = k + 1; i < n; i++) {
      if (f[i].isZero()) continue;
      for (let j = i; j < n; j++) if (!S[k][j].isZero()) S[i][j] = S[i][j].sub(f[i].mul(S[k][j]));
      for (let j = 0; j <= k; j++) if (!T[k][j].isZero()) T[i][j] = T[i][j].sub(f[i].mul(T[k][j]));
    }
    for (let i = k + 1; i < n; i++) for (let j = i + 1; j < n; j++) S[j][i] = S[i][j];
    for (let i = k + 1; i < n; i++) S[i][k] = Rational.ZERO;
  }
  return { pivots };
}

/** A symmetric n×n rational matrix, mostly zeros off the diagonal (many coupling components), sometimes PSD by construction (AᵀA). */
const sparseSymmetric = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    entries: fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 })), { minLength: n * n, maxLength: n * n }),
    gram: fc.boolean(),
  }).map(({ n, entries, gram }) => {
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
      const [a, b, keep] = entries[i * n + j];
      return i === j || keep === 0 ? q(a, b) : Rational.ZERO;
    }));
    if (gram) return A.map((_, i) => A.map((__, j) => A.reduce((s, row) => s.add(row[i].mul(row[j])), Rational.ZERO)));
    return A.map((row, i) => row.map((x, j) => (j < i ? A[j][i] : x)));
  }),
);

describe('psdWitness over coupling components', () => {
  it('gives the dense elimination\'s pivots and witness, bit for bit', () => {
    fc.assert(
      fc.property(sparseSymmetric, fc.boolean(), (D, strict) => {
        const got = psdWitness(D, strict);
        const want = denseReference(D, strict);
        expect(got.pivots.map(String)).toEqual(want.pivots.map(String));
        expect(got.witness?.map(String)).toEqual(want.witness?.map(String));
        if (got.witness) {
          // the witness fails the claimed ⪰ 0 (or ≻ 0) exactly
          const v = got.witness;
          const val = D.reduce((s, row, i) => row.reduce((t, x, j) => t.add(x.mul(v[i]).mul(v[j])), s), Rational.ZERO);
          expect(strict ? val.sign() <= 0 : val.sign() < 0).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });
  it('a coupling between two blocks is not dropped: diag blocks PSD, the link makes it indefinite', () => {
    // [[1, 0, 2], [0, 1, 0], [2, 0, 1]]: indices 0 and 2 couple; 1 alone
    const D = [[q(1), q(0), q(2)], [q(0), q(1), q(0)], [q(2), q(0), q(1)]];
    const { witness } = psdWitness(D, false);
    expect(witness).toBeDefined();
  });
});
