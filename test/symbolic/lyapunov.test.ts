import { describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { PolyMatrix, isPsdAt, reduceRoots } from '../../symbolic/matrix.ts';
import {
  DELTA,
  GAMMA,
  OMEGA0,
  S,
  criticalGamma,
  discriminantRoot,
  driftMatrixQ,
  eigenvectorBoundResidual,
  lyapunovGap,
  lyapunovMatrixK,
  lyapunovMatrixP,
  printedConstants,
  provedConstants,
  traceBoundResidual,
} from '../../symbolic/lyapunov.ts';

describe('K, P, Q of (4.4)–(4.5)', () => {
  it('satisfies K = QP + PQᵀ exactly', () => {
    const P = lyapunovMatrixP();
    const Q = driftMatrixQ();
    expect(lyapunovMatrixK().equals(Q.mul(P).add(P.mul(Q.transpose())))).toBe(true);
  });

  it('gives K = γP with case 1’s C = ω₀², Ĉ = γ/2 (the lead’s hint, confirmed)', () => {
    const k = printedConstants('case1');
    const p = { C: k.C, Ch: k.Ch };
    expect(lyapunovMatrixK(p).equals(lyapunovMatrixP(p).scale(GAMMA))).toBe(true);
  });

  it('has det(K − 2μ*P) = 0 and (K − 2μ*P)₁₁ = s in case 2 at μ* = (γ − s)/2', () => {
    const k = provedConstants('case2');
    const M = lyapunovGap(k.mu, { C: k.C, Ch: k.Ch });
    expect(reduceRoots(M.det(), discriminantRoot).isZero()).toBe(true);
    expect(M.get(0, 0).equals(S)).toBe(true);
  });

  it('has det(K − 2μP) = 4δ⁴ for our critical-case C = ω₀² + 2δ², Ĉ = ω₀, μ = γ/2 − δ', () => {
    const k = provedConstants('case3');
    const M = lyapunovGap(k.mu, { C: k.C, Ch: k.Ch }).subs(criticalGamma);
    expect(M.det().equals(DELTA.pow(4).scale(4))).toBe(true);
  });
});

describe('upper bounds on μ', () => {
  it('tr(adj P (K − 2μP)) = (2γ − 4μ) det P identically', () => {
    expect(traceBoundResidual().isZero()).toBe(true);
  });
  it('wᵀ(K − 2μP)w = 2(λ₋ − μ)wᵀPw for the left eigenvector at λ₋ = (γ − s)/2', () => {
    expect(eigenvectorBoundResidual(GAMMA.sub(S).scale(q(1, 2)), discriminantRoot).isZero()).toBe(true);
  });
  it('is not an identity for a wrong eigenvalue (γ − s)', () => {
    expect(eigenvectorBoundResidual(GAMMA.sub(S), discriminantRoot).isZero()).toBe(false);
  });
});

describe('printed μ at exact points', () => {
  it('fails K ⪰ 2μP in case 2 at ω₀ = 2, γ = 5 (s = 3): det = −18', () => {
    const k = printedConstants('case2');
    const M = lyapunovGap(k.mu, { C: k.C, Ch: k.Ch });
    const at = { omega0: q(2), gamma: q(5) };
    expect(isPsdAt(M, at, discriminantRoot)).toBe(false);
    // hand: μ = 2, K − 4P = [[1, 7], [7, 31]], det = 31 − 49
    expect(reduceRoots(M.det(), discriminantRoot).subs({ s: 3 }).evaluate(at).toString()).toBe('-18');
  });
  it('builds Q’s Jordan block at γ = 2ω₀', () => {
    const N = driftMatrixQ().subs(criticalGamma).sub(PolyMatrix.identity(2).scale(OMEGA0));
    expect(N.isZero()).toBe(false);
    expect(N.mul(N).isZero()).toBe(true);
  });
});

