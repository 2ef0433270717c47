/**
 * Seventh planted-error review (aimed at the fifth and sixth reviews' fixes): each false `proved`
 * / `supported` and each false refutation it found, as a test that fails without the fix.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, ClaimReport } from '../../src/claims.ts';
import { headlines, propagate } from '../../src/graph.ts';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-review7-');
const decide = (symbols: string, claim: string): Promise<CheckResult> => files.decide(oneClaimFile(symbols, claim, 'r7'));

describe('stationary-density: the sign of ρ, with a generic exponent and with square roots', () => {
  const gibbs = '  parameters:\n    beta: { domain: "> 0" }\n    c: { domain: "real" }\n  dimension: { name: d, check: all }\n  variables: { x: { vector: true } }\n  functions:\n    V: { args: [x] }\n  definitions:\n    - "FPV(f) = lap(f, x) + beta*div(grad(V, x)*f, x)"\ncited:\n  - { id: "cite:int", bib: "x_2020", statement: "exp(-beta V) integrable" }\n';
  it('−e^{−βV} and c·e^{−βV} (c real) are refuted; e^{−βV} is proved, given the cited integrability', async () => {
    expect((await decide(gibbs, 'kind: stationary-density, operator: FPV, density: "-exp(-beta*V)", uses: ["cite:int"]')).verdict).toBe('refuted');
    expect((await decide(gibbs, 'kind: stationary-density, operator: FPV, density: "c*exp(-beta*V)", uses: ["cite:int"]')).verdict).toBe('refuted');
    expect((await decide(gibbs, 'kind: stationary-density, operator: FPV, density: "exp(-beta*V)", uses: ["cite:int"]')).verdict).toBe('proved');
  });
  it('√a·e^{−|x|²/2} (a > 0) is proved, not refuted at a negative value of √a', async () => {
    const ou = '  parameters:\n    a: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables: { x: { vector: true } }\n  definitions:\n    - "FP(f) = lap(f, x) + div(x*f, x)"\n';
    expect((await decide(ou, 'kind: stationary-density, operator: FP, density: "sqrt(a)*exp(-|x|^2/2)"')).verdict).toBe('proved');
    expect((await decide(ou, 'kind: stationary-density, operator: FP, density: "-sqrt(a)*exp(-|x|^2/2)"')).verdict).toBe('refuted');
  });
});

describe('a square root written as a half-integer power is a square root', () => {
  it('matrix-identity ((a−1)^(1/2))² = a − 1 for a real is not proved; for a ≥ 1 it is', async () => {
    const m = (dom: string) => `  parameters:\n    a: { domain: "${dom}" }\n  matrices:\n    P: [["(a - 1)^(1/2) * (a - 1)^(1/2)", "0"], ["0", "1"]]\n    Q: [["a - 1", "0"], ["0", "1"]]\n`;
    expect((await decide(m('real'), 'kind: matrix-identity, lhs: "P", rhs: "Q"')).verdict).not.toBe('proved');
    expect((await decide(m('>= 1'), 'kind: matrix-identity, lhs: "P", rhs: "Q"')).verdict).toBe('proved');
  });
});

describe('expectation-bound: one parameter large while another is small', () => {
  it('E|z| ≤ 1/2 + 1000b + 1000/a is refuted (false where a ≫ 1000 and b ≪ 1/1000: a far trial that moved only parameters of the bound — the weight e^{−z²/2} has neither — review 10); with 1/2 → 1 it is supported', async () => {
    const symbols = '  parameters:\n    a: { domain: "> 0" }\n    b: { domain: "> 0" }\n  variables: { z: {} }\n';
    const r = await decide(symbols, 'kind: expectation-bound, weight: "exp(-z^2/2)", relation: "E(abs(z)) <= 1/2 + 1000*b + 1000/a", dimension: 1');
    expect(r.verdict).toBe('refuted');
    expect((await decide(symbols, 'kind: expectation-bound, weight: "exp(-z^2/2)", relation: "E(abs(z)) <= 1 + 1000*b + 1000/a", dimension: 1')).verdict).toBe('supported');
  });
});

describe('integral-inequality: options.dimensions narrows the check, not the claim', () => {
  const symbols = '  parameters:\n    a: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables: { x: { vector: true } }\n  definitions: ["W = exp(-|x|^2/2)"]\n';
  const claim = 'kind: integral-inequality, weight: "W", relation: "norm2(h, W) <= 1/d*norm2(grad(h, x), W)", constraint: "mean(h, W) = 0"';
  it('‖h‖² ≤ (1/d)‖∇h‖² checked in d = 1 only is not supported for every d; stated for d = 1 it is', async () => {
    const narrowed = await decide(symbols, `${claim}, options: { dimensions: [1] }`);
    expect(narrowed.verdict).toBe('inconclusive');
    expect(narrowed.summary).toMatch(/not every dimension/);
    expect((await decide(symbols, `${claim}, dimension: 1`)).verdict).toBe('supported');
    expect((await decide(symbols, claim)).verdict).toBe('refuted');
  });
});

describe('headline: a conditional result names the corrected readings it rests on', () => {
  it('conditional — rests on supported claims and on the corrected reading of A', () => {
    const row = (id: string, verdict: ClaimReport['verdict'], uses: string[] = [], kind = 'identity', extra: Partial<ClaimReport> = {}): ClaimReport => ({
      id, source: id, statement: id, verdict, method: 'exact', witness: null, corrected: null, evidence: {}, reproduce: '', ms: 0, summary: '', hypotheses: [], uses, kind, basis: verdict === 'proved' ? 'kernel' : undefined, ...extra,
    });
    const corrected = { statement: 'c', verdict: 'proved' as const, method: 'exact' as const, summary: '', evidence: {}, witness: null, basis: 'kernel' as const };
    const rows = propagate([row('A', 'refuted', [], 'inequality', { corrected }), row('S', 'supported'), row('T', 'inconclusive', ['A:corrected', 'S'], 'conjunction')], []);
    expect(headlines(rows, ['T'])[0]).toMatch(/conditional — rests on supported \(numerical\) claims and on the corrected readings of A, not as printed/);
  });
});

describe('inequality: every divisor nonzero on the domain (found after the seventh review)', () => {
  const symbols = '  parameters:\n    a: { domain: "real" }\n    b: { domain: ">= 0" }\n';
  it('1/(√b² − b) > 0 (defined nowhere) and 1/(a − 1)² > 0 (undefined at a = 1) are not proved; with a != 1 it is', async () => {
    expect((await decide(symbols, 'kind: inequality, relation: "1/(sqrt(b)^2 - b) > 0"')).verdict).not.toBe('proved');
    expect((await decide(symbols, 'kind: inequality, relation: "1/(a-1)^2 > 0"')).verdict).toBe('inconclusive');
    expect((await decide(symbols, 'kind: inequality, relation: "1/(a-1)^2 > 0", forall: ["a != 1"]')).verdict).toBe('proved');
    expect((await decide(symbols, 'kind: inequality, relation: "(a-1)/(a-1) >= 1"')).verdict).toBe('inconclusive');
  });
  it('a matrix entry whose denominator is identically 0 is a lint error, not an internal error', () => {
    expect(() => files.load('paper: { id: r7, title: R7 }\nsymbols:\n  parameters:\n    b: { domain: ">= 0" }\n  matrices:\n    Z: [["0/(sqrt(b)^2 - b)"]]\n    I: [["1"]]\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: matrix-identity, lhs: "Z", rhs: "I" }\n')).toThrow(/divides by zero/);
  });
});

describe('expectation-bound: never refuted where the weight\'s scale is extreme (eighth review)', () => {
  it('E e^{−z²} > 2a/(a + 2) on a ∈ (0, 10⁻¹²) (true: √(a/(a + 2)) ≫ 2a/(a + 2)) is not refuted', async () => {
    const symbols = '  parameters:\n    a: { domain: "(0, 1/1000000000000)" }\n  variables: { z: {} }\n';
    expect((await decide(symbols, 'kind: expectation-bound, weight: "exp(-a*z^2/2)", relation: "E(exp(-z^2)) > 2*a/(a + 2)", dimension: 1')).verdict).not.toBe('refuted');
  });
  it('(a − 1)^3/2 is ((a − 1)³)/2, not a square root: proved for a real', async () => {
    expect((await decide('  parameters:\n    a: { domain: "real" }\n', 'kind: formula-identity, lhs: "(a - 1)^3/2", rhs: "(a - 1)^2*(a - 1)/2"')).verdict).toBe('proved');
  });
});
