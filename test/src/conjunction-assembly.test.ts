/**
 * Conjunctions (main results) assembled from their parts:
 * - bug 1: weakestBasis skipped missing bases (a part proved without a basis counted);
 * - bug 6: a conjunction row said `proved` while its headline said not established.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { propagate, weakestBasis } from '../../src/graph.ts';
import type { HypocheckReport } from '../../src/report.ts';
import type { ClaimReport } from '../../src/claims.ts';

const quiet = { out: () => {}, err: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'hc-conj-'));

const MODULES = `
export function simProved(record) { return { verdict: 'proved', method: 'simulation', summary: 'sim ' + record.rate, evidence: {} }; }
export function exactNoBasis(record) { return { verdict: 'proved', method: 'exact', summary: 'trust me ' + record.rate, evidence: {} }; }
export function mcProved(record) { return { verdict: 'proved', method: 'monte-carlo', summary: 'mc ' + record.rate, evidence: {} }; }
export function badBasis(record) { return { verdict: 'proved', method: 'exact', basis: 'kernal', summary: 'typo ' + record.rate, evidence: {} }; }
export function exactKernel(record) { return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: 'exact ' + record.rate, evidence: {} }; }
export function simSupported(record) { return { verdict: 'supported', method: 'simulation', summary: 'sim ' + record.rate, evidence: {} }; }
`;

const FILE = `paper:
  id: conj
  title: "conjunctions"
  authors: [R]
  year: 2026
  main: ["c:sim", "c:exact", "c:mc", "c:kernel", "c:rests-on-refuted", "c:rests-on-supported", "c:badbasis"]
symbols:
  parameters:
    a: { domain: "> 0" }
cited:
  - { id: "cite:a", bib: "x", statement: "a cited fact" }
claims:
  - { id: "p:ok", source: x, statement: x, kind: formula-identity, lhs: "a + a", rhs: "2*a" }
  - { id: "p:bad", source: x, statement: x, kind: formula-identity, lhs: "a + a", rhs: "3*a" }
  - { id: "p:uses-bad", source: x, statement: x, kind: formula-identity, lhs: "a*a", rhs: "a^2", uses: ["p:bad"] }
  - { id: "m:sup", source: x, statement: x, kind: module, module: "mods.mjs#simSupported", rate: "2" }
  - { id: "p:uses-sup", source: x, statement: x, kind: formula-identity, lhs: "a*a", rhs: "a^2", uses: ["m:sup"] }
  - { id: "m:sim", source: x, statement: x, kind: module, module: "mods.mjs#simProved", rate: "2" }
  - { id: "m:exact", source: x, statement: x, kind: module, module: "mods.mjs#exactNoBasis", rate: "2" }
  - { id: "m:mc", source: x, statement: x, kind: module, module: "mods.mjs#mcProved", rate: "2" }
  - { id: "m:badbasis", source: x, statement: x, kind: module, module: "mods.mjs#badBasis", rate: "2" }
  - { id: "m:kernel", source: x, statement: x, kind: module, module: "mods.mjs#exactKernel", rate: "2" }
  - { id: "c:sim", source: x, statement: x, kind: conjunction, uses: ["m:sim", "p:ok"] }
  - { id: "c:exact", source: x, statement: x, kind: conjunction, uses: ["m:exact", "p:ok"] }
  - { id: "c:mc", source: x, statement: x, kind: conjunction, uses: ["m:mc"] }
  - { id: "c:badbasis", source: x, statement: x, kind: conjunction, uses: ["m:badbasis"] }
  - { id: "c:kernel", source: x, statement: x, kind: conjunction, uses: ["m:kernel", "p:ok", "cite:a"] }
  - { id: "c:rests-on-refuted", source: x, statement: x, kind: conjunction, uses: ["p:uses-bad"] }
  - { id: "c:rests-on-supported", source: x, statement: x, kind: conjunction, uses: ["p:uses-sup"] }
`;

writeFileSync(join(dir, 'mods.mjs'), MODULES);
writeFileSync(join(dir, 'c.claims.yaml'), FILE);

let report: HypocheckReport;
const byId = (id: string) => report.claims.find((c) => c.id === id)!;
const headline = (id: string) => report.headline.find((h) => h.includes(`(${id})`))!;

async function run(): Promise<HypocheckReport> {
  if (report) return report;
  await main(['check', '--allow-modules', join(dir, 'c.claims.yaml'), '--report', join(dir, 'r')], quiet);
  report = JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as HypocheckReport;
  return report;
}

describe('bug 1: a proved counts only with a stated basis (graph)', () => {
  it('weakestBasis: a proved part without a basis leaves none; propagate does not count it', () => {
    expect(weakestBasis([{ verdict: 'proved', basis: 'kernel' }, { verdict: 'proved', basis: 'one-solver' }])).toBe('one-solver');
    expect(weakestBasis([{ verdict: 'proved', basis: 'kernel' }, { verdict: 'proved' }])).toBeUndefined();
    expect(weakestBasis([{ verdict: 'proved', basis: 'kernel' }, { verdict: 'cited' }])).toBe('given-cited');
    const row = (id: string, verdict: ClaimReport['verdict'], uses: string[] = [], kind = 'identity', basis?: ClaimReport['basis']): ClaimReport => ({
      id, source: id, statement: id, verdict, method: 'exact', witness: null, corrected: null, evidence: {}, reproduce: '', ms: 0, summary: '', hypotheses: [], uses, kind, basis,
    });
    const rows = propagate([row('p:1', 'proved', [], 'custom', 'kernel'), row('p:2', 'proved', [], 'custom'), row('thm', 'inconclusive', ['p:1', 'p:2'], 'conjunction')], []);
    expect(rows[2]).toMatchObject({ verdict: 'inconclusive', established: 'no', brokenAt: ['p:2'] });
    expect(rows[2].summary).toContain('p:2 (proved without a basis)');
  });
});

describe('bug 6: a conjunction row agrees with its headline', () => {
  it('a part proved but resting on a refuted claim: the conjunction is inconclusive and not established', async () => {
    await run();
    expect(byId('p:uses-bad').verdict).toBe('proved');
    expect(byId('c:rests-on-refuted')).toMatchObject({ verdict: 'inconclusive', established: 'no', brokenAt: ['p:bad'] });
    expect(byId('c:rests-on-refuted').summary).toBe('inconclusive: p:uses-bad (proved, rests on p:bad)');
    expect(headline('c:rests-on-refuted')).toMatch(/not established — broken at p:bad$/);
  });
  it('a part resting on supported claims: supported and conditional', async () => {
    await run();
    expect(byId('c:rests-on-supported')).toMatchObject({ verdict: 'supported', established: 'conditional' });
    expect(headline('c:rests-on-supported')).toMatch(/conditional/);
  });
  it('every conjunction row: proved exactly when established, supported exactly when conditional', async () => {
    await run();
    for (const r of report.claims.filter((c) => c.kind === 'conjunction')) {
      expect(r.verdict === 'proved', r.id).toBe(r.established === 'yes');
      expect(r.verdict === 'supported', r.id).toBe(r.established === 'conditional');
    }
  });
});
