import { describe, expect, it } from 'vitest';
import type { CheckContext, Claim, ClaimReport } from '../../src/claims.ts';
import type { RealQuery } from '../../symbolic/z3.ts';
import { decideQuery, type SolverSet } from '../../src/procedures/common.ts';
import { combineVerdicts } from '../../src/claims.ts';
import { rowQueries, runClaims, selectClaims } from '../../src/runner.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { buildReport, toJson, toMarkdown } from '../../src/report.ts';

const ctx: CheckContext = { seed: 7, backend: 'auto', effort: 1, progress: () => {}, services: createServiceRegistry({}) };

const claims: Claim[] = [
  { id: 'eq:1.1', source: '(1.1)', statement: 'one', hypotheses: [], check: () => ({ verdict: 'proved', method: 'exact', summary: 'ok', evidence: { residual: '0' } }) },
  { id: 'eq:1.10', source: '(1.10)', statement: 'ten', hypotheses: [], check: () => ({ verdict: 'refuted', method: 'exact', summary: 'bad', evidence: {}, witness: { kappa: '1/2' } }) },
  {
    id: 'thm:1.1',
    source: 'Theorem 1.1',
    statement: 'throws',
    hypotheses: ['hPos: x > 0'],
    check: () => {
      throw new Error('boom');
    },
  },
];

describe('runClaims', () => {
  it('turns a thrown error into the error verdict with the message', async () => {
    const rows = await runClaims(claims, ctx);
    expect(rows.map((r) => r.verdict)).toEqual(['proved', 'refuted', 'error']);
    expect(rows[2].summary).toBe('check failed: boom');
  });
  it('filters by id prefix', () => {
    expect(selectClaims(claims, 'eq:').map((c) => c.id)).toEqual(['eq:1.1', 'eq:1.10']);
    expect(selectClaims(claims, 'thm').map((c) => c.id)).toEqual(['thm:1.1']);
    expect(selectClaims(claims, 'eq:1.1').map((c) => c.id)).toEqual(['eq:1.1', 'eq:1.10']);
  });
  it('writes a reproduce command with the seed', async () => {
    const [row] = await runClaims(claims, ctx, { only: 'eq:1.1' });
    expect(row.reproduce).toBe('hypocheck show eq:1.1 --seed 7');
  });
});

describe('report', () => {
  it('keeps the DESIGN.md schema fields and counts verdicts', async () => {
    const rows = await runClaims(claims, ctx);
    const report = buildReport(rows, { version: '0.1.0', seed: 7, backends: { gpu: 'none', z3: 'not used' } });
    const json = JSON.parse(toJson(report));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['tool', 'version', 'paper', 'seed', 'backends', 'claims']));
    expect(json.tool).toBe('hypocheck');
    expect(json.paper).toBe('zhu-ying-2021');
    expect(Object.keys(json.claims[0])).toEqual(
      expect.arrayContaining(['id', 'source', 'statement', 'verdict', 'method', 'witness', 'corrected', 'evidence', 'reproduce', 'ms']),
    );
    expect(json.summary).toMatchObject({ proved: 1, refuted: 1, error: 1 });
    expect(json.claims[1].witness).toEqual({ kappa: '1/2' });
  });
  it('serialises bigints and infinities as strings', () => {
    expect(JSON.parse(toJson({ a: 10n ** 30n, b: Infinity }))).toEqual({ a: '1000000000000000000000000000000', b: 'Infinity' });
  });
  it('renders a Markdown table row per claim', async () => {
    const rows = await runClaims(claims, ctx);
    const md = toMarkdown(buildReport(rows, { version: '0.1.0', seed: 7, backends: { gpu: 'none', z3: 'not used' } }));
    expect(md).toContain('| `eq:1.10` | (1.10) | **refuted** | exact | bad |');
  });
});

describe('combineVerdicts', () => {
  it('lets a refutation dominate and needs every part proved for proved', () => {
    expect(combineVerdicts(['proved', 'refuted', 'supported'])).toBe('refuted');
    expect(combineVerdicts(['proved', 'proved'])).toBe('proved');
    expect(combineVerdicts(['proved', 'supported'])).toBe('supported');
  });
});

describe('runClaims with claims in flight together', () => {
  const solverAfter = (ms: number) => ({ decide: () => new Promise<{ status: 'proved'; ms: number }>((r) => setTimeout(() => r({ status: 'proved', ms }), ms)) });
  const query = (v: string): RealQuery => ({ variables: [v], assumptions: { kind: 'const', value: true }, goal: { kind: 'const', value: true } });
  /** A claim that asks `k` solver queries on variable `v`, each answered after `ms`. */
  const solverClaim = (id: string, v: string, k: number, ms: number): Claim => ({
    id, source: id, statement: id, hypotheses: [],
    check: async () => {
      for (let i = 0; i < k; i++) await decideQuery({ z3: solverAfter(ms) } as unknown as SolverSet, query(v));
      return { verdict: 'proved', method: 'z3', summary: id, evidence: {} };
    },
  });

  it('reports rows in claim order and keeps each claim’s solver queries its own', async () => {
    const set = [solverClaim('a:1', 'x', 3, 30), solverClaim('a:2', 'y', 1, 1), solverClaim('a:3', 'z', 2, 10)];
    const seen: string[] = [];
    const rows = await runClaims(set, ctx, { concurrency: 3, onResult: (r) => seen.push(r.id) });
    expect(rows.map((r) => r.id)).toEqual(['a:1', 'a:2', 'a:3']);
    expect(seen).toEqual(['a:1', 'a:2', 'a:3']);
    for (const [i, v] of ['x', 'y', 'z'].entries()) {
      const qs = rowQueries.get(rows[i]) ?? [];
      expect(qs.length).toBe([3, 1, 2][i]);
      expect(qs.every((q) => q.variables[0] === v)).toBe(true);
    }
  });

  it('gives the same rows as one at a time (apart from ms)', async () => {
    const set = [solverClaim('b:1', 'x', 2, 20), ...claims, solverClaim('b:2', 'y', 1, 5)];
    const strip = (rows: ClaimReport[]) => rows.map((r) => ({ ...r, ms: 0 }));
    expect(strip(await runClaims(set, ctx, { concurrency: 4 }))).toEqual(strip(await runClaims(set, ctx)));
  });
});

describe('runClaims start order', () => {
  const quick = (id: string, started: string[]): Claim => ({
    id, source: id, statement: id, hypotheses: [],
    check: async () => {
      started.push(id);
      await new Promise((r) => setTimeout(r, 5));
      return { verdict: 'proved', method: 'exact', summary: id, evidence: {} };
    },
  });

  it('starts the longest expected claims first and still reports in claim order', async () => {
    const started: string[] = [];
    const set = ['c:1', 'c:2', 'c:3', 'c:4'].map((id) => quick(id, started));
    const starts: string[] = [];
    const rows = await runClaims(set, ctx, { concurrency: 1, expectedMs: new Map([['c:3', 900], ['c:2', 50]]), onStart: (c, n) => starts.push(`${n}:${c.id}`) });
    expect(started).toEqual(['c:3', 'c:2', 'c:1', 'c:4']);
    expect(starts).toEqual(['1:c:3', '2:c:2', '3:c:1', '4:c:4']);
    expect(rows.map((r) => r.id)).toEqual(['c:1', 'c:2', 'c:3', 'c:4']);
  });

  it('keeps every finished claim, in claim order, when stopped with earlier claims never started', async () => {
    const ctl = new AbortController();
    const started: string[] = [];
    const set = ['d:1', 'd:2', 'd:3'].map((id) => quick(id, started));
    const interrupted: string[] = [];
    const rows = await runClaims(set, { ...ctx, signal: ctl.signal }, {
      expectedMs: new Map([['d:3', 10]]),
      onStart: () => ctl.abort(),
      onInterrupted: (r) => interrupted.push(r.id),
    });
    expect(started).toEqual(['d:3']);
    expect(rows.map((r) => r.id)).toEqual(['d:3']);
    expect(interrupted).toEqual(['d:3']);
  });
});
