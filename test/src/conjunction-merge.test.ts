// Bug: report.json did not store the paper's `main`, so `merge` took every conjunction for a main
// result and its headline differed from the unsharded run's (sec:2:sde-scaling, rem:3.1, rem:3.2).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { mergeReports } from '../../src/commands/merge.ts';
import { buildReport, type HypocheckReport } from '../../src/report.ts';
import { shardItems } from '../../src/shard.ts';
import type { ClaimReport } from '../../src/claims.ts';

const quiet = { out: () => {}, err: () => {} };
const json = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as HypocheckReport;
const msFree = (dir: string) => readFileSync(join(dir, 'report.json'), 'utf8').replace(/"ms": \d+/g, '"ms": 0');

function row(id: string, verdict: ClaimReport['verdict'], uses: string[] = [], kind = 'inequality'): ClaimReport {
  return { id, source: id, statement: id, verdict, method: 'exact', witness: null, corrected: null, evidence: {}, reproduce: '', ms: 0, summary: '', hypotheses: [], kind, uses, basis: verdict === 'proved' ? 'kernel' : undefined };
}
const meta = { version: 't', seed: 1, backends: { gpu: 'none', z3: 'none' }, paper: 'p', main: ['thm:a'] };

describe('merge keeps the main results', () => {
  it('report.json stores paper.main and the merged headline is the unsharded one', () => {
    const rows = () => [row('p:1', 'proved'), row('p:2', 'refuted'), row('thm:a', 'inconclusive', ['p:1'], 'conjunction'), row('rem:b', 'inconclusive', ['p:2'], 'conjunction')];
    const whole = buildReport(rows(), meta);
    expect(whole.main).toEqual(['thm:a']);
    expect(whole.headline).toHaveLength(1);
    for (const n of [2, 3]) {
      const shards = Array.from({ length: n }, (_, k) => {
        const mine = shardItems(rows(), { index: k + 1, count: n });
        return { ...buildReport(mine, meta), shard: { index: k + 1, count: n, total: 4, run: 'x' } };
      });
      const merged = mergeReports(shards.reverse());
      expect(merged.headline).toEqual(whole.headline);
      expect(merged.main).toEqual(['thm:a']);
    }
  });

  it('merge refuses shards that declare different main results', () => {
    const a = { ...buildReport([row('p:1', 'proved')], meta), shard: { index: 1, count: 2, total: 2, run: 'x' } };
    const b = { ...buildReport([row('p:2', 'proved')], { ...meta, main: ['thm:b'] }), shard: { index: 2, count: 2, total: 2, run: 'x' } };
    expect(() => mergeReports([a, b])).toThrow(/different run/);
  });

  it('the paper: verify --shard k/2 then merge equals one run (headline included)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'hc-merge-main-'));
    expect(await main(['verify', '--only', 'sec:2', '--report', join(tmp, 'whole')], quiet)).toBe(0);
    for (const k of [1, 2]) expect(await main(['verify', '--only', 'sec:2', '--shard', `${k}/2`, '--report', join(tmp, `s${k}`)], quiet)).toBe(0);
    expect(await main(['merge', join(tmp, 's1'), join(tmp, 's2'), '--report', join(tmp, 'merged')], quiet)).toBe(0);
    expect(json(join(tmp, 'whole')).main).toEqual(['thm:3.1', 'thm:3.1:corrected', 'thm:3.1:small-eps']);
    expect(json(join(tmp, 'merged')).headline).toEqual(json(join(tmp, 'whole')).headline);
    expect(msFree(join(tmp, 'merged'))).toBe(msFree(join(tmp, 'whole')));
  }, 120_000);
});
