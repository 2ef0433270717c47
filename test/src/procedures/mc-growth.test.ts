/**
 * integral-inequality on an inverse-Poincaré bound (review 2): ‖f′‖² ≤ 7a‖f‖² (mean 0) holds on every
 * polynomial of degree ≤ 7 (Hermite He_k has ratio k·a) and was `supported … beyond polynomials it
 * rests on cited results` with nothing cited. Now the best constant on polynomials is compared at
 * two degrees: when it grows, the degree is raised while cheap (He_8 refutes 7a exactly) and
 * otherwise the claim is inconclusive; `supported` names the cited results it rests on, or says
 * none is cited.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles } from '../../helpers/decide-file.ts';

const header = `paper: { id: t, title: t, authors: [R], year: 2026 }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    v: { vector: true }
  functions:
    h: { args: [x, v] }
    f: { args: [x] }
  definitions:
    - "M = exp(-a*|x|^2/2 - b*|v|^2/2)"
    - "Mx = exp(-a*|x|^2/2)"
cited:
  - { id: "cite:gaussian-poincare", bib: "x", statement: "Gaussian Poincare" }
claims:
`;
const { decide } = claimFiles(header, 'hc-growth-');
const ii = (relation: string, extra = '') => decide(`  - { id: "i:1", source: x, statement: x, kind: integral-inequality, weight: "Mx", function: f, dimension: [1], relation: "${relation}", constraint: "mean(f, Mx) = 0"${extra} }\n`);

describe('integral-inequality: the best constant must not grow with the degree', () => {
  it('‖f′‖² ≤ 7a‖f‖² is refuted at a higher degree (Hermite He_8: ratio 8a)', async () => {
    const r = await ii('norm2(grad(f, x), Mx) <= 7*a*norm2(f, Mx)');
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/degree 8/);
  });
  it('‖f′‖² ≤ 100a‖f‖² (no witness at any cheap degree) is inconclusive: the constant grows', async () => {
    const r = await ii('norm2(grad(f, x), Mx) <= 100*a*norm2(f, Mx)');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/grows with the degree/);
  });
  it('the numeric family on an inverse-Poincaré bound is not supported either', async () => {
    const r = await decide(`  - { id: "n:1", source: x, statement: x, kind: integral-inequality, family: numeric, weight: "M", dimension: [1], relation: "norm2(grad(h, x), M) + norm2(grad(h, v), M) <= 20*(a + b)*norm2(h, M)", constraint: "mean(h, M) = 0" }\n`);
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/grows with the degree/);
  });
  it('the Gaussian Poincaré inequality stays supported, naming the cited result only when the record uses it', async () => {
    const plain = await ii('norm2(f, Mx) <= 1/a*norm2(grad(f, x), Mx)');
    expect(plain.verdict).toBe('supported');
    expect(plain.summary).toMatch(/did not grow/);
    expect(plain.summary).toMatch(/no result is cited/);
    expect(plain.summary).toMatch(/degree ≤ \d/);
    const cited = await ii('norm2(f, Mx) <= 1/a*norm2(grad(f, x), Mx)', ', uses: ["cite:gaussian-poincare"]');
    expect(cited.verdict).toBe('supported');
    expect(cited.summary).toMatch(/rests on the cited result cite:gaussian-poincare/);
  });
  it('options.degree is the largest degree of the space checked, as the summary prints it (it once ran one degree higher)', async () => {
    // He_4 has ratio 4a: on degree ≤ 3 the bound 3.5a holds, on degree ≤ 4 it fails
    const three = await ii('norm2(grad(f, x), Mx) <= 7/2*a*norm2(f, Mx)', ', options: { degree: 3 }');
    expect(three.verdict).toBe('refuted'); // by the growth check, after degree ≤ 3 held
    expect(three.summary).toMatch(/held on degree ≤ 3/);
    expect((three.witness as Record<string, string> | undefined)?.f).toMatch(/\^4/);
    const four = await ii('norm2(grad(f, x), Mx) <= 7/2*a*norm2(f, Mx)', ', options: { degree: 4 }');
    expect(four.verdict).toBe('refuted');
    expect(four.summary).not.toMatch(/held on degree/);
    expect(four.evidence).toMatchObject({ polynomialDegree: 4 });
  });
  it('a bound false only for small parameters is refuted: points at other scales beside the uniform ones (third review)', async () => {
    // f = x: 1/a ≤ (a + 7/8)/a fails exactly for a < 1/8, which uniform draws in (0, 10] seldom hit
    const r = await ii('norm2(f, Mx) <= (a + 7/8)/a*norm2(grad(f, x), Mx)', ', options: { points: 8 }');
    expect(r.verdict).toBe('refuted');
    expect(Number(eval((r.witness as Record<string, string>).a))).toBeLessThan(1 / 8);
  });
  it('a claim for every d whose data mention d is also checked at d = 4, 5, 6, 8, 12, 16 (third review: (5 − d)/(2a) holds for d ≤ 3 only)', async () => {
    const rec = (c: string) => `  - { id: "i:1", source: x, statement: x, kind: integral-inequality, weight: "Mx", function: f, relation: "norm2(f, Mx) <= ${c}*norm2(grad(f, x), Mx)", constraint: "mean(f, Mx) = 0" }\n`;
    const wrong = await decide(rec('(5 - d)/(2*a)'));
    expect(wrong.verdict).toBe('refuted');
    expect((wrong.witness as Record<string, string>).d).toBe('4');
    const right = await decide(rec('d/a'));
    expect(right.verdict).toBe('supported');
    expect(right.summary).toMatch(/and d = 4, 5, 6, 8, 12, 16/);
  });
});

describe('integral-inequality: coefficients are checked when the file loads (third review)', () => {
  it('a space variable in a constraint coefficient, mean(x*f), is a lint error, not an error verdict at check', async () => {
    await expect(decide(`  - { id: "i:1", source: x, statement: x, kind: integral-inequality, weight: "Mx", function: f, dimension: [1], relation: "norm2(f, Mx) <= 1/a*norm2(grad(f, x), Mx)", constraint: ["mean(f, Mx) = 0", "mean(x*f, Mx) = 0"] }\n`)).rejects.toThrow(/constraint: .*space variable/);
  });
});
