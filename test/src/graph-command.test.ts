import { describe, expect, it } from 'vitest';
import { proofGraph } from '../../src/commands/graph.ts';
import { propagate } from '../../src/graph.ts';
import type { ClaimReport } from '../../src/claims.ts';

const row = (id: string, verdict: ClaimReport['verdict'], uses: string[] = [], kind = 'identity'): ClaimReport => ({
  id, source: 's', statement: 's', verdict, method: 'exact', witness: null, corrected: null, evidence: {}, reproduce: '', ms: 0, summary: '', hypotheses: [], uses, kind,
  // a proved row states its basis (a proved without one is no proof: src/graph.ts)
  ...(verdict === 'proved' ? { basis: 'kernel' as const } : {}),
});

describe('hypocheck graph', () => {
  it('one node per claim and cited result; a refuted leaf breaks the edges above it, a cited leaf does not', () => {
    const claims = propagate([row('lem:1', 'proved', ['cite:x']), row('lem:2', 'refuted'), row('thm:1', 'inconclusive', ['lem:1', 'lem:2'], 'conjunction')], [{ id: 'cite:x', bib: 'x', statement: 'x' }]);
    const dot = proofGraph({ claims, cited: [{ id: 'cite:x', bib: 'x', statement: 'x' }] }, 'dot');
    expect(dot.match(/\[label=/g)).toHaveLength(4);
    expect(dot).toContain('n_thm_1 -> n_lem_2 [color="#c62828", style=dashed');
    expect(dot).toMatch(/n_thm_1 -> n_lem_1;/);
    expect(dot).toMatch(/n_lem_1 -> n_cite_x;/);
    expect(claims.find((c) => c.id === 'thm:1')!.brokenAt).toEqual(['lem:2']);
    const mermaid = proofGraph({ claims, cited: [] }, 'mermaid');
    expect(mermaid).toContain('n_thm_1 -.-> n_lem_2');
  });
});
