// Bug 4: a conjunction's `corrected: { statement, uses }` (documented) was never assembled: the
// corrected main result came out inconclusive and the graph drew its edges to the printed parts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { proofGraph } from '../../src/commands/graph.ts';
import { lintClaimFile } from '../../src/claim-file.ts';
import type { HypocheckReport } from '../../src/report.ts';

const quiet = { out: () => {}, err: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'hc-conj-corr-'));
const FILE = (fixedUses: string) => `paper:
  id: conj-corrected
  title: "t"
  authors: [R]
  year: 2026
  main: ["c:fixed", "c:plain"]
symbols:
  parameters:
    a: { domain: "> 0" }
cited:
  - { id: "cite:a", bib: "x", statement: "a cited fact" }
claims:
  - { id: "p:ok", source: x, statement: x, kind: formula-identity, lhs: "a + a", rhs: "2*a" }
  - { id: "p:bad", source: x, statement: x, kind: formula-identity, lhs: "a + a", rhs: "3*a", corrected: { statement: y, rhs: "2*a" } }
  - { id: "c:fixed", source: x, statement: x, kind: conjunction, uses: ["p:bad"], corrected: { statement: y, uses: ${fixedUses} } }
  - { id: "c:plain", source: x, statement: x, kind: conjunction, uses: ["p:bad", "p:ok"], corrected: { statement: y } }
`;

describe("a conjunction's corrected.uses", () => {
  it('is assembled from the parts it names, and the graph draws those edges', async () => {
    writeFileSync(join(dir, 'c.claims.yaml'), FILE('["p:ok", "cite:a"]'));
    expect(await main(['check', join(dir, 'c.claims.yaml'), '--report', join(dir, 'r')], quiet)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as HypocheckReport;
    const c = report.claims.find((r) => r.id === 'c:fixed')!;
    expect(c.verdict).toBe('refuted');
    expect(c.corrected).toMatchObject({ verdict: 'proved', basis: 'given-cited', summary: 'every part holds: p:ok, cite:a' });
    const mermaid = proofGraph(report, 'mermaid');
    expect(mermaid).toContain('n_c_fixed_corrected --> n_p_ok');
    expect(mermaid).toContain('n_c_fixed_corrected --> n_cite_a');
    expect(mermaid).not.toMatch(/n_c_fixed_corrected -\.?-?>? ?n_p_bad\b/);
    // without uses: the parts' corrected statements (p:bad:corrected) and the others as printed
    const plain = report.claims.find((r) => r.id === 'c:plain')!;
    expect(plain.verdict).toBe('refuted');
    expect(plain.corrected).toMatchObject({ verdict: 'proved', summary: 'every part holds: p:bad:corrected, p:ok' });
  });

  it('an unknown id in corrected.uses is a lint error with a did-you-mean', () => {
    writeFileSync(join(dir, 'bad.claims.yaml'), FILE('["p:okk", "cite:a"]'));
    const { errors } = lintClaimFile(join(dir, 'bad.claims.yaml'));
    expect(errors.map((e) => e.message).join('\n')).toMatch(/corrected: uses\[0\]: "p:okk" is neither a claim nor a cited result \(did you mean "p:ok"\?\)/);
  });
});
