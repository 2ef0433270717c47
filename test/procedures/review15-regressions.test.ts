/**
 * Review 15 (the irrational-point / undefined-point class across every kind). A pole inside a
 * max/min argument was outside every case (each case's hypotheses are cross-multiplied with the
 * divisor ≠ 0), so max(1, b/(a − 2)²) ≥ 1 was proved; a case's counterexample with no exact form was
 * dropped with the case's evidence (max(4N², N⁴ + 4) > 4N² supported); the sampled kinds
 * (integral-inequality, expectation-bound by Monte Carlo) checked the printed data only at their
 * trials, so a coefficient undefined at a = 7/3 or a weight not integrable there was supported.
 * Each false verdict comes with its planted pair.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-r15-');
const params = '  parameters: { a: { domain: "> 0" }, b: { domain: "> 0" } }\n';

describe('max/min: a pole of an argument makes the claim undefined there (finding 1)', () => {
  it('max(1, b/(a − 2)²) ≥ 1 is inconclusive (undefined at a = 2), max(1, b/(a + 2)²) ≥ 1 proved', async () => {
    const r = await files.decide(oneClaimFile(params, 'kind: inequality, relation: "max(1, b/(a - 2)^2) >= 1"'));
    expect(r.verdict).toBe('inconclusive');
    expect(String(r.evidence.undefinedWhere)).toMatch(/is 0 on the domain/);
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "max(1, b/(a + 2)^2) >= 1"'))).verdict).toBe('proved');
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "min(1, b/(a^2 - 2)^2) <= 1"'))).verdict).toBe('inconclusive');
  });
  it('formula-identity max(1, b/(a − 2)²)·0 = 0 is inconclusive, through a definition too', async () => {
    expect((await files.decide(oneClaimFile(params, 'kind: formula-identity, lhs: "max(1, b/(a - 2)^2)*0", rhs: "0"'))).verdict).toBe('inconclusive');
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, define: ["m = max(1, b/(a - 2)^2)"], relation: "m >= 1"'))).verdict).toBe('inconclusive');
  });
});

describe('max/min: a case\'s counterexample at an irrational point blocks supported (finding 2)', () => {
  it('norm-inequality max(4Nx², Nx⁴ + 4) > 4Nx² (false at Nx = √2) is inconclusive; ≥ is proved', async () => {
    const norm = (rel: string) => files.decide(oneClaimFile(params, `kind: norm-inequality, relation: "${rel}", nonnegative: [Nx]`));
    expect((await norm('max(4*Nx^2, Nx^4 + 4) > 4*Nx^2')).verdict).toBe('inconclusive');
    expect((await norm('max(4*Nx^2, Nx^4 + 4) >= 4*Nx^2')).verdict).toBe('proved');
  });
});

describe('sampled kinds: the printed data defined on the whole domain before supported (findings 4, 5)', () => {
  const syms = `${params}  variables: { x: {}, z: {} }\n  functions: { h: { args: [x] } }\n  definitions: ["W = exp(-x^2/2)"]\n`;
  const poincare = (coef: string, weight = 'W') =>
    files.decide(oneClaimFile(syms, `kind: integral-inequality, weight: "${weight}", dimension: 1, constraint: "mean(h, ${weight}) = 0", relation: "norm2(h, ${weight}) <= ${coef}*norm2(grad(h, x), ${weight})"`));
  it('integral-inequality: a coefficient 1 + 1/(3a − 7)² (undefined at a = 7/3) is inconclusive; 1 + 1/(3a + 7)² supported', async () => {
    const r = await poincare('(1 + 1/(3*a - 7)^2)');
    expect(r.verdict).toBe('inconclusive');
    expect(String(r.evidence.undefinedWhere)).toMatch(/9\*a\^2 - 42\*a \+ 49/);
    expect((await poincare('(1 + 1/(3*a + 7)^2)')).verdict).toBe('supported');
    expect((await poincare('(1 + 1/(a^2 - 2)^2)')).verdict).toBe('inconclusive');
  });
  it('integral-inequality: a weight not integrable at a = 7/3 is inconclusive; one integrable everywhere is not', async () => {
    const w = (c: string) => `exp(-${c}*x^2/2)`;
    const r = await files.decide(oneClaimFile(syms, `kind: integral-inequality, weight: "${w('(3*a-7)^2')}", dimension: 1, constraint: "mean(h, ${w('(3*a-7)^2')}) = 0", relation: "(3*a-7)^2*norm2(h, ${w('(3*a-7)^2')}) <= norm2(grad(h, x), ${w('(3*a-7)^2')})"`));
    expect(r.verdict).toBe('inconclusive');
    expect(String(r.summary)).toMatch(/not integrable in x at a=7\/3/);
    const ok = await files.decide(oneClaimFile(syms, `kind: integral-inequality, weight: "${w('(3*a+7)^2')}", dimension: 1, constraint: "mean(h, ${w('(3*a+7)^2')}) = 0", relation: "(3*a+7)^2*norm2(h, ${w('(3*a+7)^2')}) <= norm2(grad(h, x), ${w('(3*a+7)^2')})"`));
    expect(ok.verdict).toBe('supported');
  });
  it('expectation-bound by Monte Carlo: E cos z ≤ 1 + 1/(3a − 7)² is inconclusive; with 3a + 7 supported; a violation where defined still refutes', async () => {
    const eb = (rel: string) => files.decide(oneClaimFile(syms, `kind: expectation-bound, dimension: 1, weight: "exp(-z^2/2)", relation: "${rel}"`));
    expect((await eb('E(cos(z)) <= 1 + 1/(3*a - 7)^2')).verdict).toBe('inconclusive');
    expect((await eb('E(cos(z)) <= 1 + 1/(3*a + 7)^2')).verdict).toBe('supported');
    expect((await eb('E(abs(z)) <= 1/(a^2 - 2)^2 + 1/2')).verdict).toBe('refuted');
  });
});

describe('identity: a scalar claim in a file that also declares a vector and a function (finding 6)', () => {
  const syms = `${params}  variables: { y: {}, z: { vector: true } }\n  functions: { h: { args: [y] } }\n`;
  it('(y² − 2)/(y² − 2) = 1 is decided as rational functions (was an error); a false one is refuted at a scalar point', async () => {
    expect((await files.decide(oneClaimFile(syms, 'kind: identity, lhs: "(y^2 - 2)/(y^2 - 2)", rhs: "1"'))).verdict).toBe('proved');
    const r = await files.decide(oneClaimFile(syms, 'kind: identity, lhs: "(y^2 - 2)/(y - 2)", rhs: "y + 2"'));
    expect(r.verdict).toBe('refuted');
    expect(Object.keys(r.witness ?? {})).not.toContain('z');
  });
});

describe('integral-inequality: a strict bound tight at one parameter value (finding 3)', () => {
  const syms = `${params}  variables: { x: {} }\n  functions: { h: { args: [x] } }\n  definitions: ["W = exp(-x^2/2)"]\n`;
  const strict = (coef: string) =>
    files.decide(oneClaimFile(syms, `kind: integral-inequality, weight: "W", dimension: 1, constraint: "mean(h, W) = 0", relation: "norm2(h, W) < ${coef}*norm2(grad(h, x), W)"`));
  it('Var h < (1 + (a − 2)²)E|h′|² is refuted at a = 2, h = x (exactly); tight at a = √2 inconclusive; with room supported', async () => {
    const r = await strict('(1 + (a - 2)^2)');
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ a: '2', lhs: '1', rhs: '1' });
    expect((await strict('(1 + (a^2 - 2)^2)')).verdict).toBe('inconclusive');
    expect((await strict('(11/10 + (a - 2)^2)')).verdict).toBe('supported');
  });
});

describe('expectation-bound by Monte Carlo: a strict bound tight at a value of its own parameter (finding 5)', () => {
  const syms = `${params}  variables: { z: {} }\n`;
  const eb = (rel: string) => files.decide(oneClaimFile(syms, `kind: expectation-bound, dimension: 1, weight: "exp(-z^2/2)", relation: "${rel}"`));
  it('E cos z·4a < (4a² + 1)E cos z (equal at a = 1/2) is not supported; with (4a² + 2) it is', async () => {
    const r = await eb('E(cos(z))*4*a < (4*a^2 + 1)*E(cos(z))');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/a ≈ 0\.5/);
    expect((await eb('E(cos(z))*4*a < (4*a^2 + 2)*E(cos(z))')).verdict).toBe('supported');
  });
});
