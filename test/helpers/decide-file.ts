/**
 * Test helper: decide claim records written as small claim files (a header with the symbols, then
 * one or more claims), through the real loader and procedures, with one run context per test file.
 */
import { afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { createContext } from '../../src/cli.ts';
import type { CheckResult } from '../../src/claims.ts';
import type { ClaimSet } from '../../src/claim-record.ts';

/** `load(text)` writes HEADER + text and loads it; `decide(text)` decides its first claim. */
export function claimFiles(header: string, prefix = 'hc-test-'): { load: (claims: string) => ClaimSet; decide: (claims: string) => Promise<CheckResult> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
  afterAll(() => registry.disposeAll());
  let n = 0;
  const load = (claims: string) => {
    const file = join(dir, `c${n++}.claims.yaml`);
    writeFileSync(file, header + claims);
    return loadClaimFile(file);
  };
  const decide = async (claims: string): Promise<CheckResult> => {
    const set = load(claims);
    return instantiate(set.claims[0], { set }).check(ctx);
  };
  return { load, decide };
}

/** A one-claim file: its `symbols:` block (indented lines) and the claim's fields after id, source and statement. */
export function oneClaimFile(symbols: string, claim: string, paper = 't'): string {
  return `paper: { id: ${paper}, title: ${paper} }\nsymbols:\n${symbols}claims:\n  - { id: "c:1", source: "(1)", statement: "s", ${claim} }\n`;
}
