import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { pc, pv } from '../../symbolic/poly.ts';
import { PolyMatrix, blockLift, blockReductionHolds, isPdAt, isPsdAt, kron, perfectShuffle, reduceRoots, signOfSurd, signWithRoot } from '../../symbolic/matrix.ts';

const w = pv('omega0');
const g = pv('gamma');

describe('PolyMatrix', () => {
  it('computes the characteristic polynomial of Q of (4.5) as λ² − γλ + ω₀²', () => {
    const Q = PolyMatrix.from([[0, 1], [w.mul(w).neg(), g]]);
    const l = pv('lambda');
    expect(Q.charPoly('lambda').equals(l.mul(l).sub(g.mul(l)).add(w.mul(w)))).toBe(true);
  });

  it('multiplies, transposes and takes 3×3 determinants exactly', () => {
    const A = PolyMatrix.from([[1, 2, 3], [0, 1, 4], [5, 6, 0]]);
    expect(A.det().constantValue()!.toString()).toBe('1'); // classic example: det = 1
    expect(A.mul(PolyMatrix.identity(3)).equals(A)).toBe(true);
    expect(A.transpose().get(0, 2).constantValue()!.toString()).toBe('5');
  });

  it('lists all 2ⁿ − 1 principal minors and the leading ones', () => {
    const A = PolyMatrix.from([[2, 1], [1, pv('C')]]);
    expect(A.principalMinors().map((m) => m.minor.toString())).toEqual(['2', 'C', '2*C - 1']);
    expect(A.leadingPrincipalMinors().map(String)).toEqual(['2', '2*C - 1']);
  });
});

describe('exact PSD/PD tests at rational points', () => {
  const A = PolyMatrix.from([[1, pv('x')], [pv('x'), 1]]);
  it('accepts [[1, x], [x, 1]] ⪰ 0 at x = 1 but not ≻ 0', () => {
    expect(isPsdAt(A, { x: q(1) })).toBe(true);
    expect(isPdAt(A, { x: q(1) })).toBe(false);
  });
  it('rejects x = 3/2', () => {
    expect(isPsdAt(A, { x: q(3, 2) })).toBe(false);
  });
  it('needs all principal minors: [[0, 0], [0, −1]] has leading minors ≥ 0 but is not PSD', () => {
    expect(isPsdAt(PolyMatrix.from([[0, 0], [0, -1]]), {})).toBe(false);
  });
});

describe('square-root symbols', () => {
  const roots = { s: g.mul(g).sub(w.mul(w).scale(4)) };
  it('reduces s² to γ² − 4ω₀²', () => {
    expect(reduceRoots(pv('s').pow(3), roots).equals(pv('s').mul(roots.s))).toBe(true);
  });
  it('decides signs in ℚ(√r) exactly', () => {
    expect(signOfSurd(q(3), q(-2), q(2))).toBe(1); // 3 − 2√2 > 0
    expect(signOfSurd(q(1), q(-1), q(2))).toBe(-1); // 1 − √2 < 0
    expect(signOfSurd(q(-2), q(1), q(4))).toBe(0); // −2 + √4 = 0
  });
  it('evaluates γ − 2s at ω₀ = 1/4, γ = 1 (s = √(3/4)) as negative', () => {
    expect(signWithRoot(g.sub(pv('s').scale(2)), { omega0: q(1, 4), gamma: q(1) }, roots)).toBe(-1);
  });
});

describe('block reduction A ⊗ I_d', () => {
  const K = PolyMatrix.from([[pv('a'), pv('b')], [pv('b'), pv('e')]]);
  it.each([1, 2, 3])('permutes A ⊗ I_%i to diag(A, …, A) by the perfect shuffle', (d) => {
    expect(blockReductionHolds(K, d)).toBe(true);
    const pi = perfectShuffle(2, d);
    expect(pi.mul(pi.transpose()).equals(PolyMatrix.identity(2 * d))).toBe(true);
  });
  it('gives det(λ − A ⊗ I_d) = det(λ − A)^d for d = 2', () => {
    const A = PolyMatrix.from([[0, 1], [pc(-2), 3]]);
    expect(blockLift(A, 2).charPoly().equals(A.charPoly().pow(2))).toBe(true);
  });
  it('builds the Kronecker product entrywise', () => {
    expect(kron(PolyMatrix.from([[2]]), PolyMatrix.identity(2)).equals(PolyMatrix.from([[2, 0], [0, 2]]))).toBe(true);
  });
});
