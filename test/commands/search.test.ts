import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.ts';
import { runSearch } from '../../numeric/search.ts';
import { searchTargets } from '../../src/commands/search.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fixture = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8'));

describe('hypocheck search', () => {
  it('prints a shrunk, exactly re-checked counterexample to (3.5) with the command that reproduces it', async () => {
    const r = await run(['search', 'eq:3.5', '--seed', '1', '--budget', '50']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('counterexample');
    expect(r.out).toContain('"d": 2');
    expect(r.out).toContain('"rhs": "1/2"');
    expect(r.out).toContain('reproduce: hypocheck search eq:3.5 --seed 1 --budget 50');
  });
  it('prints the same text for the same seed', async () => {
    const a = await run(['search', 'app:A.6', '--seed', '4', '--budget', '30']);
    const b = await run(['search', 'app:A.6', '--seed', '4', '--budget', '30']);
    expect(a.out).toBe(b.out);
  });
  it('rejects an unknown id with exit code 2', async () => {
    const r = await run(['search', 'eq:9.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hypocheck: no claim "eq:9.9" in the paper \(searchable: eq:3.5/);
  });
  it('rejects a budget ≤ 0 with exit code 2', async () => {
    expect((await run(['search', 'eq:3.5', '--budget', '0'])).code).toBe(2);
    expect((await run(['search', 'eq:3.5', '--budget', '-3'])).code).toBe(2);
  });
});

describe('search fixtures (regression)', () => {
  for (const [id, file] of [
    ['eq:3.5', 'search-eq-3-5-seed1.json'],
    ['app:A.4:young', 'search-app-A-4-young-seed1.json'],
    ['app:A.6', 'search-app-A-6-seed1.json'],
  ] as const) {
    it(`reproduces the shrunk counterexample of ${id} (seed 1) and its exact re-check`, async () => {
      const f = fixture(file);
      const r = await runSearch(searchTargets()[id](), { seed: f.seed, budget: f.budget });
      expect(r.counterexample?.shrunk).toEqual(f.counterexample.shrunk);
      expect(r.counterexample?.recheck).toEqual(f.counterexample.recheck);
      expect(r.counterexample?.optimised?.confirmed).toBe(true);
    });
  }
});
