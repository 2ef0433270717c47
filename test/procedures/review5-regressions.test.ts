/**
 * Fifth planted-error review: each false `proved` / `supported` it found, as a regression test
 * that fails without the fix. (1) norm-inequality's whole-domain decision read the file's
 * definitions but not the record's `define`. (2) Its trials never reached a parameter far out.
 * (3) stationary-density proved densities that are negative somewhere. (4) An integral-identity
 * witness omitted the parameters its value depends on through the weight. (5) change-of-variables
 * and integral-identity proved "every d" from d = 1…6.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { Rational } from '../../symbolic/rational.ts';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-review5-');
const decide = (symbols: string, claim: string): Promise<CheckResult> => files.decide(oneClaimFile(symbols, claim, 'r5'));

describe('norm-inequality reads the record\'s define everywhere', () => {
  const symbols = '  parameters:\n    a: { domain: "> 0" }\n  definitions: ["K = 0"]\n';
  it('refutes N(1 − K·a) ≥ 0 with define K = 1/1000 (false for a > 1000), though the file defines K = 0', async () => {
    const r = await decide(symbols, 'kind: norm-inequality, relation: "N*(1 - K*a) >= 0", nonnegative: [N], define: ["K = 1/1000"]');
    expect(r.verdict).toBe('refuted');
  });
  it('refutes it with a constant the file does not define (whole-domain check and far trials)', async () => {
    const r = await decide('  parameters:\n    a: { domain: "> 0" }\n', 'kind: norm-inequality, relation: "N*(1 - L*a) >= 0", nonnegative: [N], define: ["L = 1/1000"]');
    expect(r.verdict).toBe('refuted');
    expect(Rational.parse((r.witness as Record<string, string>).a).toNumber()).toBeGreaterThan(1000);
  });
  it('still proves the true reading N(1 + K·a) ≥ 0', async () => {
    const r = await decide(symbols, 'kind: norm-inequality, relation: "N*(1 + K*a) >= 0", nonnegative: [N], define: ["K = 1/1000"]');
    expect(r.verdict).toBe('proved');
  });
});

describe('stationary-density: a density is ≥ 0', () => {
  const symbols = '  parameters:\n    a: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables:\n    x: { vector: true }\n  definitions: ["P(f) = lap(f, x) + a*div(x*f, x) + 2*a*f", "FP(f) = lap(f, x) + a*div(x*f, x)"]\n';
  it('refutes (a|x|² − d)e^{−a|x|²/2} (P(ρ) = 0 holds, but ρ < 0 at x = 0)', async () => {
    const r = await decide(symbols, 'kind: stationary-density, operator: P, density: "(a*|x|^2 - d)*exp(-a*|x|^2/2)"');
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/negative/);
  });
  it('refutes −e^{−a|x|²/2}; proves e^{−a|x|²/2} and 3a·e^{−a|x|²/2}', async () => {
    expect((await decide(symbols, 'kind: stationary-density, operator: FP, density: "-exp(-a*|x|^2/2)"')).verdict).toBe('refuted');
    expect((await decide(symbols, 'kind: stationary-density, operator: FP, density: "exp(-a*|x|^2/2)"')).verdict).toBe('proved');
    expect((await decide(symbols, 'kind: stationary-density, operator: FP, density: "3*a*exp(-a*|x|^2/2)"')).verdict).toBe('proved');
  });
});

describe('integral-identity witnesses name the parameters their value depends on', () => {
  it('∫|x|²e^{−a|x|²} = d/a is refuted with a in the witness (the value depends on a through the weight)', async () => {
    const r = await decide('  parameters:\n    a: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables:\n    x: { vector: true }\n', 'kind: integral-identity, lhs: "|x|^2", rhs: "d/a", weight: "exp(-a*|x|^2)", over: [x]');
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    expect(w.a).toBeDefined();
    // E|x|² = d/(2a) under e^{−a|x|²}: (d/(2a) − d/a) at d = 1 is −1/(2a)
    expect(w.value).toBe(Rational.parse(w.a).mul(Rational.of(2)).inv().neg().toString());
  });
});

describe('every d asked for: a check in d = 1…6 does not prove it', () => {
  const symbols = '  parameters:\n    b: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables:\n    x: { vector: true }\n  functions:\n    h: { args: [x] }\n';
  it('integral-identity with a (d−1)…(d−10) term is not proved; the true identity is, for every d', async () => {
    // ∫x·∇h e^{−b|x|²} = ∫(2b|x|² − d)h e^{−b|x|²}; the planted term vanishes in d = 1…10
    const truth = 'kind: integral-identity, lhs: "dot(x, grad(h, x))", rhs: "(2*b*|x|^2 - d)*h", weight: "exp(-b*|x|^2)", over: [x]';
    const t = await decide(symbols, truth);
    expect(t.verdict).toBe('proved');
    expect(t.dimensions).toBe('all');
    const planted = await decide(symbols, truth.replace('(2*b*|x|^2 - d)*h', '(2*b*|x|^2 - d)*h + (d-1)*(d-2)*(d-3)*(d-4)*(d-5)*(d-6)*(d-7)*(d-8)*(d-9)*(d-10)*h'));
    expect(planted.verdict).toBe('inconclusive');
    expect(planted.summary).toMatch(/not every dimension/);
  });
});
