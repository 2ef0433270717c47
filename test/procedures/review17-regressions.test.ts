/**
 * Review 17 (the fixes of reviews 14–16, attacked). The domain hypotheses a parameter-named
 * definition adds were cross-multiplied, so they excluded the definition's own poles and the points
 * where its square roots are undefined (c ≥ 0, `c = b/(a − 2)²`: c ≥ 0 proved; `c = sqrt(a − 7)`:
 * a restricted to a ≥ 7); unused file definitions restricted every claim; a divisor inside a nested
 * max/min was not checked; the Monte Carlo tightness search missed closed ends; the exact
 * expectation path refuted at a pole of the bound.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';
import { Rational } from '../../symbolic/rational.ts';

const files = claimFiles('', 'hc-r17-');
const params = '  parameters: { c: { domain: ">= 0" }, a: { domain: "> 0" }, b: { domain: "> 0" }, gam: { domain: "> 0" } }\n  variables: { z: {} }\n';

describe('a definition in place of a parameter: its poles and roots are checked on the domain', () => {
  it('c = b/(a − 2)² (c ≥ 0): c ≥ 0 is inconclusive (undefined at a = 2), not proved; c = b/(a + 2)² proves it', async () => {
    const r = await files.decide(oneClaimFile(params, 'kind: inequality, define: ["c = b/(a - 2)^2"], relation: "c >= 0"'));
    expect(r.verdict).toBe('inconclusive');
    expect(String(r.evidence.undefinedWhere)).toMatch(/a\^2 - 4\*a \+ 4/);
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, define: ["c = b/(a + 2)^2"], relation: "c >= 0"'))).verdict).toBe('proved');
  });
  it('c = sqrt(a − 7) does not restrict a to a ≥ 7: a claim using it is inconclusive (undefined at a < 7)', async () => {
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, define: ["c = sqrt(a - 7)"], relation: "c^2 + 7 >= 7"'))).verdict).toBe('inconclusive');
  });
  it('an unused file definition in place of a parameter affects no claim', async () => {
    const syms = `${params}  definitions: ["c = sqrt(a - 7)"]\n`;
    expect((await files.decide(oneClaimFile(syms, 'kind: inequality, relation: "gam >= 0"'))).verdict).toBe('proved');
    expect((await files.decide(oneClaimFile(syms, 'kind: inequality, relation: "a >= 7"'))).verdict).toBe('refuted');
  });
});

describe('a divisor inside a nested max/min argument is checked', () => {
  it('min(1, b/(a − 2)² + max(0, a)) ≤ 1 is inconclusive; with (a + 2)² proved', async () => {
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "min(1, b/(a - 2)^2 + max(0, a)) <= 1"'))).verdict).toBe('inconclusive');
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "min(1, b/(a + 2)^2 + max(0, a)) <= 1"'))).verdict).toBe('proved');
  });
});

describe('expectation-bound', () => {
  const eb = (rel: string) => files.decide(oneClaimFile(params, `kind: expectation-bound, weight: "exp(-z^2/2)", dimension: 1, relation: "${rel}"`));
  it('Monte Carlo: c·E cos z < 2c (c ≥ 0; equal at c = 0) is not supported; 1 + c·E cos z < 2 + 2c is', async () => {
    expect((await eb('c*E(cos(z)) < 2*c')).verdict).toBe('inconclusive');
    expect((await eb('1 + c*E(cos(z)) < 2 + 2*c')).verdict).toBe('supported');
  });
  it('exact: E z² ≤ 1 + 1/(a − 2)² (true wherever defined) is inconclusive, not refuted at the pole a = 2', async () => {
    const r = await eb('E(z^2) <= 1 + 1/(a - 2)^2');
    expect(r.verdict).toBe('inconclusive');
    expect((await eb('E(z^2) <= 1 + 1/(a + 2)^2')).verdict).toBe('proved');
  });
});

describe('witnesses and undefined coefficients (severity 3)', () => {
  it('a witness shows a parameter read through its definition at the definition\'s value', async () => {
    const syms = '  parameters: { kappa: { domain: "(0, 1]" }, g: { domain: "[0, 1)" }, a: { domain: "> 0" } }\n';
    const r = await files.decide(oneClaimFile(syms, 'kind: inequality, define: ["kappa = g", "g = a - 1"], relation: "a > 3/2"'));
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    // g is read as a − 1: the witness shows that value, not a sampled g the check never used
    expect(Rational.parse(w.g).equals(Rational.parse(w.a).sub(Rational.ONE))).toBe(true);
    expect(r.summary).toContain(`g=${w.g}`);
  });
  it('integral-inequality with a cancelling pole (a² − 4)/(a − 2) is inconclusive, not an error', async () => {
    const syms = '  parameters: { a: { domain: "> 0" } }\n  variables: { x: {} }\n  functions: { h: { args: [x] } }\n  definitions: ["W = exp(-x^2/2)"]\n';
    const r = await files.decide(oneClaimFile(syms, 'kind: integral-inequality, weight: "W", dimension: 1, constraint: "mean(h, W) = 0", relation: "norm2(h, W) <= ((a^2 - 4)/(a - 2) - a - 1)*norm2(grad(h, x), W)"'));
    expect(r.verdict).toBe('inconclusive');
  });
});

describe('review 18: square roots in divisors, max/min as a divisor, divisors inside E(·)', () => {
  it('k = 1/(√a − 1)² in place of k > 0: k > 0 is inconclusive (undefined at a = 1), not proved', async () => {
    const syms = '  parameters: { k: { domain: "> 0" }, a: { domain: "> 0" } }\n';
    expect((await files.decide(oneClaimFile(syms, 'kind: inequality, define: ["k = 1/(sqrt(a) - 1)^2"], relation: "k > 0"'))).verdict).toBe('inconclusive');
    expect((await files.decide(oneClaimFile(syms, 'kind: inequality, define: ["k = 1/(sqrt(a) + 1)^2"], relation: "k > 0"'))).verdict).toBe('proved');
  });
  it('max(1, b/max(a − 2, 2a − 4)) ≥ 1 (a max/min as a divisor, 0 at a = 2) is inconclusive, not proved', async () => {
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "max(1, b/max(a - 2, 2*a - 4)) >= 1"'))).verdict).toBe('inconclusive');
  });
  it('max(1, b/(√a − 1)²) ≥ 1 is inconclusive, not an error', async () => {
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, relation: "max(1, b/(sqrt(a) - 1)^2) >= 1"'))).verdict).toBe('inconclusive');
  });
  const eb = (rel: string) => files.decide(oneClaimFile(params, `kind: expectation-bound, weight: "exp(-z^2/2)", dimension: 1, relation: "${rel}"`));
  it('expectation-bound: a root in the bound\'s divisor or a divisor inside E(·) is inconclusive, never supported nor refuted at the pole', async () => {
    expect((await eb('E(z^2) <= 1 + 1/(sqrt(a) - 1)^2')).verdict).toBe('inconclusive');
    expect((await eb('E(cos(z)) <= 1 + 1/(sqrt(a) - 1)^2')).verdict).toBe('inconclusive');
    expect((await eb('E(cos(z)/(a - 2)^2) >= -1')).verdict).toBe('inconclusive');
    expect((await eb('E(cos(z)/(a + 2)^2) >= -1')).verdict).toBe('supported');
  });
});

describe('review 19: spectral-rate reads its printed rate\'s divisors', () => {
  const sr = (rate: string, sharp = false) => files.decide(oneClaimFile(params, `kind: spectral-rate, drift: [["a"]], diffusion: [["1"]], rate: "${rate}", sharp: ${sharp}`));
  it('2a·(a − 1)/(a − 1) (undefined at a = 1) is inconclusive, not proved; 2a − 1 + 1/(10⁶(a − 1)²) not supported; 2a proved', async () => {
    expect((await sr('2*a*(a - 1)/(a - 1)', true)).verdict).toBe('inconclusive');
    expect((await sr('2*a - 1 + 1/(1000000*(a - 1)^2)')).verdict).toBe('inconclusive');
    expect((await sr('2*a', true)).verdict).toBe('proved');
  });
});

describe('review 20: vacuity reads the divisors of θ and of the bound', () => {
  const syms = '  parameters: { a: { domain: "> 0" }, gamma: { domain: "> 0" }, eps0: { domain: ">= 0" } }\n  variables: { x: { vector: true }, v: { vector: true } }\n  functions: { eps: { args: [theta] } }\n';
  const vac = (theta: string) => files.decide(oneClaimFile(syms, `kind: vacuity, function: eps, evaluatedAt: "${theta}", quantities: ["|dot(eps, v)|"], bound: "eps0"`));
  it('θ = −(v + x/(√a − 1)) (undefined at a = 1) is inconclusive, not supported; with √a + 1 vacuous', async () => {
    expect((await vac('-(v + x/(sqrt(a) - 1))')).verdict).toBe('inconclusive');
    expect((await vac('-(v + x/(sqrt(a) + 1))')).verdict).toBe('vacuous');
  });
});
