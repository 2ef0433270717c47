/**
 * Review 16 (definitions that reuse the name of a matrix or a parameter; two files at once). A
 * `define` named after a matrix was ignored by the matrix kinds (C > 0 proved on the file's matrix
 * with `define: ["C = -omega0^2"]`); one named after a parameter dropped its domain (κ ∈ (0, 1),
 * `kappa = 1 - gamma`: a true claim refuted outside the domain; `kappa = 2`: proved on an empty
 * domain); with two files, one without `paper.main` lost its conjunctions from the headline.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';
import { main } from '../../src/cli.ts';

const files = claimFiles('', 'hc-r16-');
const params = '  parameters: { kappa: { domain: "(0, 1)" }, gamma: { domain: "> 0" }, n: { domain: "integer >= 1" } }\n  matrices: { C: [["gamma", "0"], ["0", "1"]] }\n';

describe('a definition named after a matrix or an integer parameter is a load error', () => {
  it('define C (a matrix) and define n (an integer parameter) are refused; a fresh name loads', () => {
    expect(() => files.load(oneClaimFile(params, 'kind: matrix-inequality, define: ["C = -gamma"], claims: ["C > 0"]'))).toThrow(/is also a matrix/);
    expect(() => files.load(oneClaimFile(params, 'kind: inequality, define: ["n = gamma"], relation: "n^2 - 3*n + 2 >= 0"'))).toThrow(/integer parameter/);
    expect(files.load(oneClaimFile(params, 'kind: inequality, define: ["c0 = -gamma"], relation: "c0 < 0"')).claims).toHaveLength(1);
  });
});

describe('a definition named after a real parameter keeps its domain as hypotheses', () => {
  const ineq = (define: string, relation: string) => files.decide(oneClaimFile(params, `kind: inequality, define: ["${define}"], relation: "${relation}"`));
  it('kappa = 1 − gamma with κ ∈ (0, 1): κ(1 − κ) > 0 is proved (was refuted at γ outside), as the forall twin', async () => {
    expect((await ineq('kappa = 1 - gamma', 'kappa*(1 - kappa) > 0')).verdict).toBe('proved');
    expect((await files.decide(oneClaimFile(params, 'kind: inequality, forall: ["kappa = 1 - gamma"], relation: "kappa*(1 - kappa) > 0"'))).verdict).toBe('proved');
  });
  it('kappa = 2 contradicts κ ∈ (0, 1): vacuous, not proved; a false claim under a consistent definition is still refuted', async () => {
    expect((await ineq('kappa = 2', 'kappa > 1')).verdict).toBe('vacuous');
    expect((await ineq('kappa = gamma/(1 + gamma)', 'kappa > 1/2')).verdict).toBe('refuted');
  });
});

describe('check of two files: a file without paper.main keeps its conjunctions in the headline', () => {
  it('the broken theorem of the second file is named beside the first file\'s main result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-r16-two-'));
    const a = join(dir, 'a.claims.yaml');
    const b = join(dir, 'b.claims.yaml');
    writeFileSync(a, 'paper: { id: a, title: A, main: ["thm:A"] }\nsymbols:\n  parameters: { p: { domain: "> 0" } }\nclaims:\n  - { id: "x:1", source: "1", statement: "s", kind: inequality, relation: "p + 1 > p" }\n  - { id: "thm:A", source: "2", statement: "s", kind: conjunction, uses: ["x:1"] }\n');
    writeFileSync(b, 'paper: { id: b, title: B }\nsymbols:\n  parameters: { p: { domain: "> 0" } }\nclaims:\n  - { id: "y:1", source: "1", statement: "s", kind: inequality, relation: "p > 1" }\n  - { id: "thm:B", source: "2", statement: "s", kind: conjunction, uses: ["y:1"] }\n');
    const out: string[] = [];
    await main(['check', a, b, '--report', join(dir, 'r')], { out: (l) => out.push(l), err: () => {} });
    const headline = (JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as { headline: string[] }).headline.join('\n');
    expect(headline).toMatch(/thm:A\): established/);
    expect(headline).toMatch(/thm:B\): not established — broken at y:1/);
  });
});

describe('formula-identity tries the closed ends of the domain', () => {
  it('√((2n − 3)²) = 2n − 3 over integers n ≥ 1 is refuted at n = 1 (was inconclusive)', async () => {
    const r = await files.decide(oneClaimFile('  parameters: { n: { domain: "integer >= 1" } }\n', 'kind: formula-identity, lhs: "sqrt((2*n-3)^2)", rhs: "2*n - 3"'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ n: '1' });
  });
});

describe('matrix-inequality reads A < 0 and A <= 0 (the flipped 0 is not a scalar added to a matrix)', () => {
  const syms = '  parameters: { a: { domain: "> 0" } }\n  matrices: { A: [["-a", "0"], ["0", "-1"]], B: [["a", "0"], ["0", "-1"]] }\n';
  it('A = diag(−a, −1) < 0 is proved; B = diag(a, −1) <= 0 is refuted', async () => {
    expect((await files.decide(oneClaimFile(syms, 'kind: matrix-inequality, claims: ["A < 0"]'))).verdict).toBe('proved');
    expect((await files.decide(oneClaimFile(syms, 'kind: matrix-inequality, claims: ["B <= 0"]'))).verdict).toBe('refuted');
  });
});

describe('a main result that is itself a proved claim counts itself', () => {
  it('"established — from 1 proved claims", not from 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-r16-main-'));
    const f = join(dir, 'm.claims.yaml');
    writeFileSync(f, 'paper: { id: m, title: M, main: ["thm:1"] }\nsymbols:\n  parameters: { a: { domain: "> 0" } }\nclaims:\n  - { id: "thm:1", source: "1", statement: "s", kind: inequality, relation: "a + 1 > a" }\n');
    await main(['check', f, '--report', join(dir, 'r')], { out: () => {}, err: () => {} });
    const headline = (JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as { headline: string[] }).headline.join('\n');
    expect(headline).toMatch(/established — from 1 proved claims/);
  });
});
