/**
 * Test fixture: a claim file of conjunctions over modules (mods.mjs) that return proved by
 * simulation, without a basis, with a misspelled basis or with kernel, and over claims that rest
 * on refuted or supported parts; checked once per test file with --allow-modules.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.ts';
import type { HypocheckReport } from '../../src/report.ts';

const quiet = { out: () => {}, err: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'hc-conj-'));

const MODULES = `
export function simProved(record) { return { verdict: 'proved', method: 'simulation', summary: 'sim ' + record.rate, evidence: {} }; }
export function exactNoBasis(record) { return { verdict: 'proved', method: 'exact', summary: 'trust me ' + record.rate, evidence: {} }; }
export function mcProved(record) { return { verdict: 'proved', method: 'monte-carlo', summary: 'mc ' + record.rate, evidence: {} }; }
export function badBasis(record) { return { verdict: 'proved', method: 'exact', basis: 'kernal', summary: 'typo ' + record.rate, evidence: {} }; }
export function exactKernel(record) { return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: 'exact ' + record.rate, evidence: {} }; }
export function correctedNoBasis(record) { return { verdict: 'refuted', method: 'exact', summary: 'no ' + record.rate, evidence: {}, corrected: { statement: 'y', verdict: 'proved', method: 'exact', summary: 'fixed' } }; }
export function simSupported(record) { return { verdict: 'supported', method: 'simulation', summary: 'sim ' + record.rate, evidence: {} }; }
`;

const FILE = `paper:
  id: conj
  title: "conjunctions"
  authors: [R]
  year: 2026
  main: ["c:sim", "c:exact", "c:mc", "c:kernel", "c:rests-on-refuted", "c:rests-on-supported", "c:fixed", "c:badbasis"]
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
  - { id: "m:corr", source: x, statement: x, kind: module, module: "mods.mjs#correctedNoBasis", rate: "2" }
  - { id: "m:kernel", source: x, statement: x, kind: module, module: "mods.mjs#exactKernel", rate: "2" }
  - { id: "c:sim", source: x, statement: x, kind: conjunction, uses: ["m:sim", "p:ok"] }
  - { id: "c:exact", source: x, statement: x, kind: conjunction, uses: ["m:exact", "p:ok"] }
  - { id: "c:mc", source: x, statement: x, kind: conjunction, uses: ["m:mc"] }
  - { id: "c:badbasis", source: x, statement: x, kind: conjunction, uses: ["m:badbasis"] }
  - { id: "c:kernel", source: x, statement: x, kind: conjunction, uses: ["m:kernel", "p:ok", "cite:a"] }
  - { id: "c:rests-on-refuted", source: x, statement: x, kind: conjunction, uses: ["p:uses-bad"] }
  - { id: "c:rests-on-supported", source: x, statement: x, kind: conjunction, uses: ["p:uses-sup"] }
  - { id: "c:fixed", source: x, statement: x, kind: conjunction, uses: ["p:bad"], corrected: { statement: y, uses: ["p:ok", "cite:a"] } }
`;

writeFileSync(join(dir, 'mods.mjs'), MODULES);
writeFileSync(join(dir, 'c.claims.yaml'), FILE);

let checked: Promise<HypocheckReport> | undefined;

/** The fixture's report: checked once (with --allow-modules), then shared. */
export function checkConjunctionFixture(): Promise<HypocheckReport> {
  checked ??= main(['check', '--allow-modules', join(dir, 'c.claims.yaml'), '--report', join(dir, 'r')], quiet).then(
    () => JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as HypocheckReport,
  );
  return checked;
}
