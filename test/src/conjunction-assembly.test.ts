/**
 * Conjunctions (main results) assembled from their parts:
 * - bug 1: weakestBasis skipped missing bases (a part proved without a basis counted);
 * - bug 6: a conjunction row said `proved` while its headline said not established.
 */
import { describe, expect, it } from 'vitest';
import { checkConjunctionFixture } from '../helpers/conjunction-fixture.ts';
import { propagate, weakestBasis } from '../../src/graph.ts';
import type { HypocheckReport } from '../../src/report.ts';
import type { ClaimReport } from '../../src/claims.ts';

let report: HypocheckReport;
const byId = (id: string) => report.claims.find((c) => c.id === id)!;
const headline = (id: string) => report.headline.find((h) => h.includes(`(${id})`))!;

async function run(): Promise<HypocheckReport> {
  report ??= await checkConjunctionFixture();
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
