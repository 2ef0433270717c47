/**
 * Review 13: `check` on a user's file takes --shard like verify (the shards merge to the whole
 * report), its reports' reproduce lines rerun the claim through `check FILE --only ID` (`show`
 * knows the shipped paper only), and a main result resting on a claim the run did not check says
 * so instead of "broken at" that claim.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: () => {} });
  return { code, out: out.join('\n') };
}
const FILE = `paper: { id: u, title: U, main: ["thm:1"] }
symbols:
  parameters: { a: { domain: "> 0" } }
claims:
  - { id: "lem:a", source: "1", statement: "s", kind: inequality, relation: "a^2 + 1 >= 2*a" }
  - { id: "lem:b", source: "2", statement: "s", kind: inequality, relation: "a + 1 > a" }
  - { id: "lem:c", source: "3", statement: "s", kind: formula-identity, lhs: "(a + 1)^2", rhs: "a^2 + 2*a + 1" }
  - { id: "thm:1", source: "4", statement: "s", kind: conjunction, uses: ["lem:a", "lem:b", "lem:c"] }
`;

describe('check on a user file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-userfile-'));
  const file = join(dir, 'u.claims.yaml');
  writeFileSync(file, FILE);
  const report = (d: string) => JSON.parse(readFileSync(join(d, 'report.json'), 'utf8')) as { claims: { id: string; verdict: string; reproduce: string }[]; headline: string[] };
  it('takes --shard, and the merged shards give the whole report', async () => {
    const [all, s1, s2, merged] = ['all', 's1', 's2', 'merged'].map((x) => join(dir, x));
    await run(['check', file, '--report', all]);
    await run(['check', file, '--shard', '1/2', '--report', s1]);
    await run(['check', file, '--shard', '2/2', '--report', s2]);
    await run(['merge', join(s1, 'report.json'), join(s2, 'report.json'), '--report', merged]);
    const strip = (r: ReturnType<typeof report>) => JSON.stringify(r.claims, (k, v) => (k === 'ms' ? undefined : v));
    expect(strip(report(merged))).toBe(strip(report(all)));
    expect(report(all).headline[0]).toMatch(/established/);
  }, 120_000);
  it('reproduce lines rerun one claim of the file', async () => {
    const d = join(dir, 'r');
    await run(['check', file, '--report', d, '--seed', '4']);
    expect(report(d).claims.find((c) => c.id === 'lem:a')!.reproduce).toBe(`hypocheck check ${file} --only lem:a --seed 4`);
  }, 120_000);
  it('with --only, a main result resting on claims not run is not "broken at" them', async () => {
    const d = join(dir, 'o');
    await run(['check', file, '--only', 'thm:1', '--report', d]);
    const line = report(d).headline[0];
    expect(line).not.toMatch(/broken at lem/);
    expect(line).toMatch(/did not check: lem:a, lem:b, lem:c/);
  }, 120_000);
});
