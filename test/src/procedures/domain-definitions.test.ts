/**
 * The definedness check of square roots (every radicand ≥ 0 on the domain) reads only the
 * definitions a claim uses, directly or through other definitions: an unused `s = sqrt(g² − 4k)`
 * made every claim of its file `inconclusive` (and 6 of the 7 claims of the `init` template). A
 * used root that is undefined somewhere on the domain still makes the claim inconclusive.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { CheckResult } from '../../../src/claims.ts';
import { printedRoots, usedDefinitions } from '../../../src/procedures/common.ts';
import { loadClaimFile } from '../../../src/claim-file.ts';
import { instantiate } from '../../../src/procedures/index.ts';
import { createContext } from '../../../src/cli.ts';
import { TEMPLATE_FILE } from '../../../src/commands/files.ts';
import { claimFiles } from '../../helpers/decide-file.ts';

const HEADER = `paper: { id: defs, title: "Definitions" }
symbols:
  parameters:
    g: { domain: "> 0" }
    k: { domain: "> 0" }
  variables:
    x: {}
  definitions:
    - "s = sqrt(g^2 - 4*k)"
    - "t = s + 1"
    - "h = g + k"
claims:
`;
const files = claimFiles(HEADER, 'hc-defs-');
const decide = (fields: string, kind = 'inequality'): Promise<CheckResult> => files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields} }\n`);

describe('only the definitions a claim uses are checked for definedness', () => {
  it('usedDefinitions follows uses transitively, and a later definition shadows an earlier one', () => {
    const defs = ['s = sqrt(g^2 - 4*k)', 't = s + 1', 'h = g + k', 'T(f) = f*h'];
    expect(usedDefinitions(defs, ['g + k'])).toEqual([]);
    expect(usedDefinitions(defs, ['t >= 1'])).toEqual(['s = sqrt(g^2 - 4*k)', 't = s + 1']);
    expect(usedDefinitions(defs, ['T(x) = 0'])).toEqual(['h = g + k', 'T(f) = f*h']);
    // a record's `define: ["s = g"]` after the file's: the file's root is not used
    expect(usedDefinitions([...defs, 's = g'], ['t >= 1'])).toEqual(['t = s + 1', 's = g']);
  });

  it('printedRoots of a claim that does not use s has no root', () => {
    const set = files.load('  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, relation: "g^2 + k^2 >= 2*g*k" }\n  - { id: "c:2", source: "(2)", statement: "s", kind: inequality, relation: "t >= 1" }\n');
    expect(Object.keys(printedRoots(set.claims[0], { set }))).toEqual([]);
    expect(Object.values(printedRoots(set.claims[1], { set })).map(String)).toHaveLength(1);
  });

  it('claims that never use s are proved (identity, inequality, formula-identity)', async () => {
    expect((await decide('lhs: "(x + g)^2", rhs: "x^2 + 2*g*x + g^2"', 'identity')).verdict).toBe('proved');
    expect((await decide('relation: "g^2 + k^2 >= 2*g*k"')).verdict).toBe('proved');
    expect((await decide('lhs: "g*(g + k)", rhs: "g^2 + g*k"', 'formula-identity')).verdict).toBe('proved');
    expect((await decide('relation: "h > g"')).verdict).toBe('proved');
  });

  it('a claim that uses s, directly or through t, is still inconclusive: √(g² − 4k) is undefined where g² < 4k', async () => {
    for (const fields of ['relation: "s >= 0"', 'relation: "t >= 1"']) {
      const r = await decide(fields);
      expect(r.verdict).toBe('inconclusive');
      expect(r.summary).toMatch(/undefined/);
    }
    // with the hypothesis that makes it defined, it is proved
    expect((await decide('forall: ["g^2 > 4*k"], relation: "t >= 1"')).verdict).toBe('proved');
  });

  it('the init template: every claim is proved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-defs-init-'));
    const file = join(dir, 'my.claims.yaml');
    writeFileSync(file, readFileSync(TEMPLATE_FILE, 'utf8'));
    const set = loadClaimFile(file);
    const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
    try {
      const verdicts: Record<string, string> = {};
      for (const c of set.claims) if (c.kind !== 'conjunction') verdicts[c.id] = (await instantiate(c, { set }).check(ctx)).verdict;
      expect(Object.values(verdicts).length).toBeGreaterThan(3);
      expect(verdicts).toEqual(Object.fromEntries(Object.keys(verdicts).map((k) => [k, 'proved'])));
    } finally {
      await registry.disposeAll();
    }
  });
});
