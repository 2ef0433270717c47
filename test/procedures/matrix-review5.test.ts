/**
 * Review 5 of the matrix kinds: (1) a matrix claim is proved only where its printed data is defined
 * — every divisor of the matrices and scalars it uses (one that cancels, (a² − 1)/(a − 1) or 1/(1/a),
 * included) nonzero on the whole domain under the hypotheses, as for `identity` and
 * `formula-identity`; (2) a parameter that cancels from the claimed matrix (Q − R ≡ 0 with a rational
 * entry in a) still gets a value at every sampled point (no `Poly.evaluate` error). Each false
 * `proved` comes with its planted pair: the same data defined on the domain is proved, and a genuinely
 * false claim is refuted at a point where everything is defined.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-mk5-');

/** One claim over parameters and matrices (YAML flow maps). */
function decide(parameters: string, matrices: string, claim: string): Promise<CheckResult> {
  return files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { ${parameters} }\n  matrices: { ${matrices} }\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", ${claim} }\n`);
}

const REAL = 'a: { domain: "real" }';
const ABOVE1 = 'a: { domain: "> 1" }';
const QR = 'Q: [["(a^2 - 1)/(a - 1)"]], R: [["a + 1"]]';
const ident = (lhs: string, rhs: string, forall?: string) => `kind: matrix-identity, lhs: "${lhs}", rhs: "${rhs}"${forall ? `, forall: [${forall}]` : ''}`;
const ineq = (claims: string, forall?: string) => `kind: matrix-inequality, claims: [${claims}]${forall ? `, forall: [${forall}]` : ''}`;
const undefinedWhy = (r: CheckResult) => String((r.evidence as Record<string, unknown>).undefinedWhere ?? '');

describe('matrix-identity is proved only where every divisor of its entries is nonzero on the domain', () => {
  it('Q = R and QR = R² with Q = (a² − 1)/(a − 1), a real: not proved, undefined at a = 1', async () => {
    for (const [l, r] of [['Q', 'R'], ['Q*R', 'R*R']]) {
      const res = await decide(REAL, QR, ident(l, r));
      expect(res.verdict).toBe('inconclusive');
      expect(undefinedWhy(res)).toMatch(/a - 1/);
    }
  });
  it('the same identities are proved on a > 1, and under forall a ≠ 1 or a > 1', async () => {
    expect((await decide(ABOVE1, QR, ident('Q', 'R'))).verdict).toBe('proved');
    expect((await decide(ABOVE1, QR, ident('Q*R', 'R*R'))).verdict).toBe('proved');
    expect((await decide(REAL, QR, ident('Q', 'R', '"a != 1"'))).verdict).toBe('proved');
    expect((await decide(REAL, QR, ident('Q*R', 'R*R', '"a > 1"'))).verdict).toBe('proved');
  });
  it('a planted error (Q = R + 1) is refuted at a point where Q is defined', async () => {
    const res = await decide(REAL, 'Q: [["(a^2 - 1)/(a - 1)"]], R: [["a + 2"]]', ident('Q', 'R'));
    expect(res.verdict).toBe('refuted');
    expect((res.witness as Record<string, string>).a).toBeDefined();
    expect((res.witness as Record<string, string>).a).not.toBe('1');
  });
  it('a divisor that cancels (1/(1/a) = a) still leaves the entry undefined at a = 0', async () => {
    const M = 'M: [["1/(1/a)", "0"], ["0", "1"]], N: [["a", "0"], ["0", "1"]]';
    expect((await decide(REAL, M, ident('M', 'N'))).verdict).toBe('inconclusive');
    expect((await decide('a: { domain: "> 0" }', M, ident('M', 'N'))).verdict).toBe('proved');
  });
  it('a divisor in a scalar factor counts too: ((a² − 1)/(a − 1))·R = (a + 1)·R', async () => {
    const R = 'R: [["1", "a"], ["0", "1"]]';
    expect((await decide(REAL, R, ident('((a^2 - 1)/(a - 1))*R', '(a + 1)*R'))).verdict).toBe('inconclusive');
    expect((await decide(REAL, R, ident('((a^2 - 1)/(a - 1))*R', '(a + 1)*R', '"a < 1"'))).verdict).toBe('proved');
  });
});

describe('matrix-inequality is proved only where every divisor of its entries is nonzero on the domain', () => {
  const P = 'P: [["1/(a - 1)^2", "0"], ["0", "1"]]';
  it('P = diag(1/(a − 1)², 1) ≻ 0 with a real: not proved (undefined at a = 1)', async () => {
    const res = await decide(REAL, P, ineq('"P > 0"'));
    expect(res.verdict).toBe('inconclusive');
    expect(undefinedWhy(res)).toMatch(/a\^2 - 2\*a \+ 1|a - 1/);
  });
  it('P ≻ 0 is proved under forall a ≠ 1 and on a > 1', async () => {
    expect((await decide(REAL, P, ineq('"P > 0"', '"a != 1"'))).verdict).toBe('proved');
    expect((await decide(ABOVE1, P, ineq('"P > 0"'))).verdict).toBe('proved');
  });
  it('a planted error (−1/(a − 1)² on the diagonal) is refuted at a point where it is defined', async () => {
    const res = await decide(REAL, 'P: [["-1/(a - 1)^2", "0"], ["0", "1"]]', ineq('"P > 0"'));
    expect(res.verdict).toBe('refuted');
    expect((res.witness as Record<string, string>).a).toBeDefined();
    expect((res.witness as Record<string, string>).a).not.toBe('1');
  });
  it('C·C ≻ 0 for C = diag(1/c, 1/c²): not proved for c real, proved under c ≠ 0', async () => {
    const C = 'C: [["1/c", "0"], ["0", "1/c^2"]]';
    expect((await decide('c: { domain: "real" }', C, ineq('"C*C > 0"'))).verdict).toBe('inconclusive');
    expect((await decide('c: { domain: "real" }', C, ineq('"C*C > 0"', '"c != 0"'))).verdict).toBe('proved');
  });
});

describe('a parameter that cancels from the claimed matrix still gets a value (no error verdict)', () => {
  it('Q − R ⪰ 0 with Q − R ≡ 0, Q rational in a real: inconclusive (undefined at a = 1), never error', async () => {
    for (const claims of ['"Q - R >= 0"', '"R - Q >= 0", "Q >= R"']) {
      const res = await decide(REAL, QR, ineq(claims));
      expect(res.verdict).toBe('inconclusive');
      expect(undefinedWhy(res)).toMatch(/a - 1/);
    }
  });
  it('the 2×2 version (review file mat2, MA3f) too', async () => {
    const M = 'Q: [["(a^2 - 1)/(a - 1)", "0"], ["0", "1"]], R: [["a + 1", "0"], ["0", "1"]]';
    const res = await decide(REAL, M, ineq('"Q - R >= 0"'));
    expect(res.verdict).not.toBe('error');
    expect(res.verdict).not.toBe('proved');
  });
  it('on a > 1: Q − R ⪰ 0 is proved, and Q − R ≻ 0 refuted with a value of a in the witness', async () => {
    expect((await decide(ABOVE1, QR, ineq('"Q - R >= 0"'))).verdict).toBe('proved');
    expect((await decide(ABOVE1, QR, ineq('"R - Q >= 0", "Q >= R"'))).verdict).toBe('proved');
    const res = await decide(ABOVE1, QR, ineq('"Q - R > 0"'));
    expect(res.verdict).toBe('refuted');
    const a = (res.witness as Record<string, string>).a;
    expect(a).toBeDefined();
    expect(Number(eval(a))).toBeGreaterThan(1);
  });
});

describe('spectral-abscissa: the printed data must be defined on the domain', () => {
  const M = 'M: [["1/(1/a)", "1"], ["-1", "a"]]';
  it('min Re λ of [[1/(1/a), 1], [−1, a]] = a: not proved for a real (undefined at a = 0), proved on a > 0', async () => {
    expect((await decide(REAL, M, 'kind: spectral-abscissa, matrix: "M", value: "a"')).verdict).not.toBe('proved');
    expect((await decide('a: { domain: "> 0" }', M, 'kind: spectral-abscissa, matrix: "M", value: "a"')).verdict).toBe('proved');
  });
  it('a value (a² − a)/(a − 1) for min Re λ = a: not proved for a real, proved under a > 1', async () => {
    const N = 'M: [["a", "1"], ["-1", "a"]]';
    expect((await decide(REAL, N, 'kind: spectral-abscissa, matrix: "M", value: "(a^2 - a)/(a - 1)"')).verdict).not.toBe('proved');
    expect((await decide(REAL, N, 'kind: spectral-abscissa, matrix: "M", value: "(a^2 - a)/(a - 1)", forall: ["a > 1"]')).verdict).toBe('proved');
  });
});

describe('a square root printed only in a matrix the claim does not use', () => {
  const params = 'a: { domain: "> 0" }, b: { domain: "< 0" }';
  const mats = 'A: [["1 + a", "0"], ["0", "a"]], U: [["sqrt(b)", "0"], ["0", "1"]]';
  it('does not have to be defined: A ≻ 0 is proved beside U = diag(√b, 1), b < 0', async () => {
    expect((await decide(params, mats, ineq('"A > 0"'))).verdict).toBe('proved');
    expect((await decide(params, mats, ident('A*A', 'A*A'))).verdict).toBe('proved');
  });
  it('a used one does, even where it cancels: A + 0·U ≻ 0 and A + U − U = A are not proved', async () => {
    expect((await decide(params, mats, ineq('"A + 0*U > 0"'))).verdict).toBe('inconclusive');
    expect((await decide(params, mats, ident('A + U - U', 'A'))).verdict).toBe('inconclusive');
  });
});
