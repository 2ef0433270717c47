/**
 * Sixth planted-error review (proof graph, substitutions, run settings, sampling with nothing to
 * sample): each false `proved` / `supported` / established it found, as a regression test that
 * fails without the fix.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { CheckResult, ClaimReport } from '../../src/claims.ts';
import { headlines, propagate } from '../../src/graph.ts';
import { lintClaimFile } from '../../src/claim-file.ts';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-review6-');
const decide = (symbols: string, claim: string): Promise<CheckResult> => files.decide(oneClaimFile(symbols, claim, 'r6'));

describe('substitute: the new parameter is fresh, and the map is onto', () => {
  it('rejects a new parameter that the claim uses through a file definition (√a = s, s = q, a = q²)', () => {
    const symbols = '  parameters:\n    a: { domain: ">= 0" }\n    q: { domain: ">= 0" }\n  definitions: ["s = q"]\n';
    expect(() => files.load(`paper: { id: r6, title: R6 }\nsymbols:\n${symbols}claims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: formula-identity, lhs: "sqrt(a)", rhs: "s", substitute: ["a = q^2"] }\n`)).toThrow(/fresh/);
  });
  it('does not decide a != 1 over q with q > 0, q != 1 (the map a = q misses nothing but the hole)', async () => {
    const symbols = '  parameters:\n    a: { domain: "> 0" }\n    q: { domain: "> 0, != 1" }\n';
    expect(() => files.load(`paper: { id: r6, title: R6 }\nsymbols:\n${symbols}claims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, relation: "a != 1", substitute: ["a = q"] }\n`)).toThrow(/onto/);
    // without the substitution a != 1 is refuted at a = 1
    expect((await decide(symbols, 'kind: inequality, relation: "a != 1"')).verdict).toBe('refuted');
  });
});

describe('options.dimensions is a run setting: it narrows the check, not the claim', () => {
  const symbols = '  parameters:\n    a: { domain: "> 0" }\n  dimension: { name: d, check: all }\n  variables:\n    x: { vector: true }\n    v: { vector: true }\n';
  it('|x|²|v|² = (x·v)² with options.dimensions [1] is not proved (false for d ≥ 2)', async () => {
    const r = await decide(symbols, 'kind: identity, lhs: "|x|^2*|v|^2", rhs: "dot(x, v)^2", options: { dimensions: [1] }');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/not every dimension/);
  });
  it('the file printing check: [1] claims d = 1 only: proved', async () => {
    const r = await decide(symbols.replace('check: all', 'check: [1]'), 'kind: identity, lhs: "|x|^2*|v|^2", rhs: "dot(x, v)^2", options: { dimensions: [1] }');
    expect(r.verdict).toBe('proved');
  });
});

describe('supported needs at least one trial', () => {
  it('a Poincaré bound under a² = 2 (no rational point) is not supported', async () => {
    const r = await decide('  parameters:\n    a: { domain: "> 0" }\n  variables: { z: {} }\n  definitions: ["W = exp(-a*z^2/2)"]\n', 'kind: integral-inequality, weight: "W", relation: "norm2(h, W) <= 1/(2*a)*norm2(grad(h, z), W)", constraint: "mean(h, W) = 0", dimension: 1, forall: ["a^2 = 2"]');
    expect(r.verdict).not.toBe('supported');
    expect(r.verdict).not.toBe('proved');
  });
  it('E cos z ≤ 1/2 under a² = 2 (false: ≈ 0.70) is not supported', async () => {
    const r = await decide('  parameters:\n    a: { domain: "> 0" }\n  variables:\n    z: {}\n', 'kind: expectation-bound, weight: "exp(-a*z^2/2)", relation: "E(cos(z)) <= 1/2", dimension: 1, forall: ["a^2 = 2"]');
    expect(r.verdict).not.toBe('supported');
  });
});

describe('the proof graph', () => {
  const row = (id: string, verdict: ClaimReport['verdict'], uses: string[] = [], kind = 'identity', extra: Partial<ClaimReport> = {}): ClaimReport => ({
    id, source: id, statement: id, verdict, method: 'exact', witness: null, corrected: null, evidence: {}, reproduce: '', ms: 0, summary: '', hypotheses: [], uses, kind, basis: verdict === 'proved' ? 'kernel' : undefined, ...extra,
  });
  it('a main result resting on a corrected reading counts that reading\'s parts, and says so', () => {
    const corrected = { statement: 'c', verdict: 'proved' as const, method: 'exact' as const, summary: '', evidence: { uses: ['P1'] }, witness: null, basis: 'kernel' as const };
    const rows = propagate([row('P1', 'proved'), row('R1', 'refuted'), row('R2', 'refuted'), row('T2', 'inconclusive', ['R1', 'R2'], 'conjunction', { corrected }), row('T5', 'inconclusive', ['T2:corrected'], 'conjunction')], []);
    const line = headlines(rows, ['T5'])[0];
    expect(line).toMatch(/established — from 1 proved claims/);
    expect(line).toMatch(/under the corrected readings of T2/);
  });
  it('lint finds a cycle through a corrected statement', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-review6-cycle-'));
    const file = join(dir, 'c.claims.yaml');
    writeFileSync(file, 'paper: { id: r6, title: R6 }\nsymbols:\n  parameters:\n    a: { domain: "> 0" }\nclaims:\n  - { id: "P1", source: x, statement: x, kind: inequality, relation: "a^2 + 1 >= 2*a", uses: ["T1"], corrected: { statement: y, relation: "a + 1 > 0" } }\n  - { id: "T1", source: x, statement: x, kind: conjunction, uses: ["P1:corrected"] }\n');
    expect(lintClaimFile(file).errors.map((e) => e.message).join('\n')).toMatch(/cycle in uses: T1 → P1:corrected → T1/);
  });
});
