/**
 * Matrices with rational-function entries: decided after scaling by an even power of the common
 * denominator L, where L ≠ 0. B = [[a, 1], [1, 1/a]] is ⪰ 0 but not ≻ 0 (det 0, strictness as
 * printed); diag(1/c, 1/c²) is not ⪰ 0 for c < 0 while its square is ≻ 0 wherever defined; a
 * rank-one identity B² = (a + 1/a)B is proved and a planted B² = aB refuted.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: m, title: "M" }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
    c: { domain: "real" }
  matrices:
    A: [["a", "1"], ["1", "1/a + b"]]
    B: [["a", "1"], ["1", "1/a"]]
    C: [["1/c", "0"], ["0", "1/c^2"]]
claims:
`;
const { decide } = claimFiles(HEADER);
const ineq = (c: string) => `  - { id: "c:1", source: "(1)", statement: "s", kind: matrix-inequality, claims: ["${c}"] }\n`;
const ident = (l: string, r: string) => `  - { id: "c:1", source: "(1)", statement: "s", kind: matrix-identity, lhs: "${l}", rhs: "${r}" }\n`;

describe('matrices with rational entries', () => {
  it('proves A ≻ 0 and B ⪰ 0, refutes B ≻ 0 (det B = 0)', async () => {
    expect((await decide(ineq('A > 0'))).verdict).toBe('proved');
    expect((await decide(ineq('B >= 0'))).verdict).toBe('proved');
    expect((await decide(ineq('B > 0'))).verdict).toBe('refuted');
  });
  it('refutes diag(1/c, 1/c²) ⪰ 0 at c < 0 and does not prove its square ≻ 0 for c real (undefined at c = 0)', async () => {
    const r = await decide(ineq('C >= 0'));
    expect(r.verdict).toBe('refuted');
    expect(Number(eval(String((r.witness as Record<string, string>).c)))).toBeLessThan(0);
    expect((await decide(ineq('C*C > 0'))).verdict).toBe('inconclusive');
  });
  it('proves B² = (a + 1/a)B and refutes B² = aB', async () => {
    expect((await decide(ident('B*B', '(a + 1/a)*B'))).verdict).toBe('proved');
    expect((await decide(ident('B*B', 'a*B'))).verdict).toBe('refuted');
  });
});
