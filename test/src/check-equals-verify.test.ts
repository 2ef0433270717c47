/**
 * The paper file is the single source of its printed data: `hypocheck check
 * proofs/zhu-ying-2021.claims.yaml` and `hypocheck verify` decide the same claims with the same
 * verdicts (issue 10). Every claim of the paper is a record, so `verify` lists exactly the file's
 * claims. Decided on the exact (solver-free, simulation-free) part of the paper for speed; the ids
 * are compared for the whole file.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { PAPER_FILE, paper } from '../../src/paper-claims.ts';
import { loadClaimFile } from '../../src/claim-file.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: () => {} });
  return { code, out: out.join('\n') };
}
const verdicts = (dir: string) =>
  Object.fromEntries((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).claims as { id: string; verdict: string; corrected?: { verdict: string } }[]).map((c) => [c.id, `${c.verdict}/${c.corrected?.verdict ?? '-'}`]));

describe('check on the paper file agrees with verify', () => {
  it('lists the same claims: every claim of the paper is a record of the file', () => {
    const file = loadClaimFile(PAPER_FILE, { allowModules: true });
    expect(paper.claims.map((c) => c.id).sort()).toEqual(file.claims.map((c) => c.id).sort());
  });
  it.each(['rem:3', 'sec:2:sde', 'eq:2', 'app:A.1'])('gives the same verdicts for --only %s', async (only) => {
    const a = mkdtempSync(join(tmpdir(), 'hc-verify-'));
    const b = mkdtempSync(join(tmpdir(), 'hc-check-'));
    const v = await run(['verify', '--only', only, '--report', a, '--seed', '3', '--effort', '0.2']);
    const c = await run(['check', PAPER_FILE, '--allow-modules', '--only', only, '--report', b, '--seed', '3', '--effort', '0.2']);
    expect([v.code, c.code].every((x) => x === 0 || x === 1)).toBe(true);
    expect(Object.keys(verdicts(a)).length).toBeGreaterThan(0);
    expect(verdicts(b)).toEqual(verdicts(a));
  }, 120_000);
});

describe('--jobs', () => {
  it('gives the same report with claims side by side (apart from ms)', async () => {
    const one = mkdtempSync(join(tmpdir(), 'hc-jobs1-'));
    const three = mkdtempSync(join(tmpdir(), 'hc-jobs3-'));
    await run(['verify', '--only', 'rem:3', '--report', one, '--seed', '3', '--effort', '0.2']);
    await run(['verify', '--only', 'rem:3', '--report', three, '--seed', '3', '--effort', '0.2', '--jobs', '3']);
    const rows = (dir: string) => JSON.stringify(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).claims, (k, v: unknown) => (k === 'ms' ? 0 : v));
    expect(rows(three)).toBe(rows(one));
    // The same solver queries, claim by claim, byte for byte.
    const files = readdirSync(join(one, 'smt2')).sort();
    expect(files.length).toBeGreaterThan(0);
    expect(readdirSync(join(three, 'smt2')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(three, 'smt2', f), 'utf8')).toBe(readFileSync(join(one, 'smt2', f), 'utf8'));
  }, 120_000);
  it('rejects a count that is not a positive integer', async () => {
    for (const bad of ['0', '1.5', 'x']) expect((await run(['verify', '--only', 'eq:2.3', '--jobs', bad])).code).toBe(2);
  });
});
