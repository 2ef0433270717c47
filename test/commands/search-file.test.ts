/**
 * `hypocheck search ID --file FILE` on claims as data: a false inequality gets a shrunk, exactly
 * re-checked counterexample; a true one and a weaker true one get none; strictness is read as
 * printed (γ² + ω₀² > 2γω₀ fails on the diagonal, ≥ holds); a kind it cannot search is a usage error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hc-search-'));
const file = join(dir, 'mine.claims.yaml');
writeFileSync(file, `paper: { id: mine, title: "Mine" }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    gamma: { domain: "> 0" }
    kappa: { domain: "(0, 1)" }
claims:
  - { id: "c:strict", source: "(1)", statement: "s", kind: inequality, relation: "gamma^2 + omega0^2 > 2*gamma*omega0" }
  - { id: "c:weak", source: "(2)", statement: "s", kind: inequality, relation: "gamma^2 + omega0^2 >= 2*gamma*omega0" }
  - { id: "c:false", source: "(3)", statement: "s", kind: inequality, relation: "gamma*kappa <= omega0", forall: ["omega0 < 1"] }
  - { id: "c:id", source: "(4)", statement: "s", kind: formula-identity, lhs: "(gamma - omega0)^2", rhs: "gamma^2 + omega0^2" }
  - { id: "c:conj", source: "(5)", statement: "s", kind: conjunction, uses: ["c:weak"] }
`);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const report = async (id: string) => JSON.parse((await run(['search', id, '--file', file, '--budget', '150', '--json'])).out);

describe('search on a claim file', () => {
  it('finds, shrinks and exactly re-checks a counterexample to a false inequality under its hypothesis', async () => {
    const r = await report('c:false');
    expect(r.counterexample.recheck.sign).toBe('lhs > rhs');
    const c = r.counterexample.shrunk;
    expect(Number(eval(c.omega0))).toBeLessThan(1);
  });
  it('reads strictness as printed: > fails on the diagonal γ = ω₀, ≥ holds', async () => {
    const s = await report('c:strict');
    expect(s.counterexample.recheck.sign).toBe('lhs = rhs');
    expect(s.counterexample.shrunk.gamma).toBe(s.counterexample.shrunk.omega0);
    expect((await report('c:weak')).counterexample).toBeUndefined();
  });
  it('refutes a formula identity (a dropped cross term) at an exact point', async () => {
    expect((await report('c:id')).counterexample.recheck.sign).toBe('lhs < rhs');
  });
  it('is a usage error for a kind it cannot search, and for an unknown id', async () => {
    expect((await run(['search', 'c:conj', '--file', file])).code).toBe(2);
    const u = await run(['search', 'c:nope', '--file', file]);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/c:strict/);
  });
  it('gives the same report for the same seed', async () => {
    expect(JSON.stringify(await report('c:false'))).toBe(JSON.stringify(await report('c:false')));
  });
});
