/**
 * Claims checked on claim workers (src/claim-workers.ts) give the rows the main thread gives: same
 * verdicts, evidence, witnesses and solver queries (the report does not depend on where a claim
 * ran); a claim that asks for the integrators is handed back and checked here; the runner's lanes
 * hand claims back and keep claim order (src/runner.ts `remote`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckContext, Claim, ClaimReport } from '../../src/claims.ts';
import { createContext } from '../../src/cli.ts';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { rowQueries, runClaims, type RemoteRunner } from '../../src/runner.ts';
import { remoteClaims } from '../../src/claim-workers.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { queryToSmt2 } from '../../symbolic/smt2.ts';

const FILE = `paper: { id: w, title: W }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
  definitions:
    - "Mx = exp(-a*|x|^2/2)"
  matrices:
    A: [["a", "1"], ["1", "b"]]
claims:
  - { id: "ineq:amgm", source: "1", statement: "s", kind: inequality, relation: "a*b + 1 > a*b" }
  - { id: "ineq:false", source: "2", statement: "s", kind: inequality, relation: "a^2 + b^2 >= 3*a*b" }
  - { id: "fi:square", source: "3", statement: "s", kind: formula-identity, lhs: "(a + b)^2", rhs: "a^2 + 2*a*b + b^2" }
  - { id: "fi:wrong", source: "4", statement: "s", kind: formula-identity, lhs: "(a + b)^2", rhs: "a^2 + a*b + b^2" }
  - { id: "mi:psd", source: "5", statement: "s", kind: matrix-inequality, forall: ["a*b >= 1"], claims: ["A >= 0"] }
  - { id: "eb:energy", source: "6", statement: "s", kind: expectation-bound, weight: "Mx", dimension: 1, relation: "E(exp(-|x|^2)) <= 1" }
  - { id: "conj", source: "7", statement: "s", kind: conjunction, uses: ["ineq:amgm", "fi:square"] }
`;

const strip = (rows: readonly ClaimReport[]) => JSON.stringify(rows, (k, v) => (k === 'ms' ? undefined : typeof v === 'bigint' ? String(v) : v));
const smt2 = (rows: readonly ClaimReport[]) => rows.map((r) => (rowQueries.get(r) ?? []).map((q) => queryToSmt2(q)));

describe('claim workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-claim-workers-'));
  const file = join(dir, 'w.claims.yaml');
  writeFileSync(file, FILE);
  const set = loadClaimFile(file);
  const claims = set.claims.map((r) => instantiate(r, { set }));
  const context = () => createContext({ seed: 3, backend: 'cpu', effort: 0.3, quiet: true }, { out: () => {}, err: () => {} });

  it('give the rows of the main thread; a claim that needs the integrators is handed back', async () => {
    const here = context();
    const expected = await runClaims(claims, here.ctx, { concurrency: 1 });
    await here.registry.disposeAll();

    const there = context();
    const remote = remoteClaims([set], there.ctx, { workers: 1 });
    expect(remote).toBeDefined();
    const ran: string[] = [];
    const spy: RemoteRunner = {
      lanes: remote!.lanes,
      accepts: (c) => remote!.accepts(c),
      run: async (c, t) => {
        const row = await remote!.run(c, t);
        if (row) ran.push(c.id);
        return row;
      },
    };
    try {
      const rows = await runClaims(claims, there.ctx, { concurrency: 1, remote: spy });
      expect(strip(rows)).toBe(strip(expected));
      expect(smt2(rows)).toEqual(smt2(expected));
      expect(smt2(rows).flat().length).toBeGreaterThan(0);
      // modules and conjunctions stay here; the expectation bound (integrators) came back
      expect(remote!.accepts(claims.find((c) => c.id === 'conj')!)).toBe(false);
      expect(ran.length).toBeGreaterThan(0);
      expect(ran).not.toContain('eb:energy');
      // asked directly: the expectation bound is handed back, an inequality is checked there
      expect(await remote!.run(claims.find((c) => c.id === 'eb:energy')!)).toBeUndefined();
      const row = await remote!.run(claims.find((c) => c.id === 'ineq:false')!);
      expect(strip([row!])).toBe(strip(expected.filter((r) => r.id === 'ineq:false')));
    } finally {
      remote!.close();
      await there.registry.disposeAll();
    }
  }, 120_000);
});

describe('runner lanes with a remote runner', () => {
  const ctx: CheckContext = { seed: 1, backend: 'auto', effort: 1, progress: () => {}, services: createServiceRegistry({}) };
  const claim = (id: string, kind = 'inequality'): Claim => ({ id, kind, source: id, statement: id, hypotheses: [], check: async () => ({ verdict: 'proved', method: 'exact', summary: `here ${id}`, evidence: {} }) });
  const claims = [claim('a'), claim('b', 'module'), claim('c'), claim('d'), claim('e', 'module')];
  it('hands declined claims back, starts each claim once and reports in claim order', async () => {
    const started: string[] = [];
    const remote: RemoteRunner = {
      lanes: 2,
      accepts: (c) => c.kind !== 'module',
      run: async (c) => {
        await new Promise((r) => setTimeout(r, 5));
        if (c.id === 'c') return undefined; // handed back
        return { ...(await (async () => (await runClaims([c], ctx))[0])()), summary: `there ${c.id}` };
      },
    };
    const rows = await runClaims(claims, ctx, { remote, concurrency: 1, onStart: (c) => started.push(c.id) });
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // b, e (modules) and c (handed back) here; a there; d wherever a lane was free first
    expect(rows.map((r) => r.summary)).toEqual(['there a', 'here b', 'here c', expect.stringMatching(/^(here|there) d$/), 'here e']);
    expect([...started].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('runs every claim here when the remote runner fails', async () => {
    const remote: RemoteRunner = { lanes: 1, accepts: () => true, run: async () => Promise.reject(new Error('gone')) };
    const rows = await runClaims(claims, ctx, { remote, concurrency: 2 });
    expect(rows.map((r) => r.summary)).toEqual(claims.map((c) => `here ${c.id}`));
  });
});
