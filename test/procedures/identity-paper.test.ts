/**
 * The paper's exact identities as data (proofs/zhu-ying-2021/identities.claims.yaml): each decided
 * as printed for every d, and a planted copy (one printed coefficient or sign changed) turns.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { createContext } from '../../src/cli.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';

const dir = mkdtempSync(join(tmpdir(), 'hc-zy-'));
mkdirSync(join(dir, 'frag'));
symlinkSync(resolve('proofs/zhu-ying-2021/identities.claims.yaml'), join(dir, 'frag', 'identities.claims.yaml'));
const header = readFileSync('proofs/zhu-ying-2021.claims.yaml', 'utf8')
  .replace(/"zhu-ying-2021\/\*\.claims\.yaml"/, '"frag/*.claims.yaml"')
  // the main results are not among the identities: this subset has none
  .replace(/^  main: \[.*\]\n/m, '');
writeFileSync(join(dir, 'zy.claims.yaml'), header);
const set: ClaimSet = loadClaimFile(join(dir, 'zy.claims.yaml'));
const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());

const record = (id: string): ClaimRecord => {
  const r = set.claims.find((c) => c.id === id);
  if (!r) throw new Error(`no record ${id}`);
  return r;
};
const decide = (r: ClaimRecord) => instantiate(r, { set }).check(ctx);

/** A copy with one printed string replaced (in lhs or rhs, string or list). */
function plant(id: string, field: string, from: string, to: string): ClaimRecord {
  const r = structuredClone(record(id));
  const v = r[field];
  const swap = (s: string) => {
    if (!s.includes(from)) return s;
    return s.replace(from, to);
  };
  const before = JSON.stringify(v);
  r[field] = Array.isArray(v) ? v.map((s) => swap(String(s))) : swap(String(v));
  expect(JSON.stringify(r[field])).not.toBe(before);
  delete r.corrected;
  return r;
}

describe('paper identities for all d, and planted copies', () => {
  const cases: [string, string, string, string][] = [
    ['eq:2.3', 'pde', 'tau^2/2', 'tau^2/3'],
    ['eq:2.4', 'to', '- omega0^2*dot(x', '+ omega0^2*dot(x'],
    ['eq:2.4', 'jacobian', 'omega0^(2*d)', 'omega0^(d+1)'],
    ['eq:3.1', 'rhs', '/beta', '/(2*beta)'],
    ['eq:3.1', 'lhs', 'dot(v, grad(M, x))', '2*dot(v, grad(M, x))'],
    ['eq:3.2', 'rhs', '- R(h)', '+ R(h)'],
    ['prop:4.1:a', 'rhs', '-g*T(h)', 'g*T(h)'],
    ['prop:4.1:b', 'rhs', '-(gamma/beta)', '-(gamma/(2*beta))'],
    ['lem:4.1:commutators', 'rhs', '- omega0^2*grad(h, v)', '+ omega0^2*grad(h, v)'],
    ['lem:4.1:energy', 'lhs', '- omega0^2*dot(grad(h, v), grad(h, x))', '+ omega0^2*dot(grad(h, v), grad(h, x))'],
    ['lem:4.2:energy', 'lhs', '- omega0^2*dot(grad(h, v), grad(h, v))', '+ omega0^2*dot(grad(h, v), grad(h, v))'],
    ['app:A.1', 'rhs', '/2 -', '/3 -'],
    ['app:A.2', 'rhs', 'beta*dot(eps, omega0^2*x - gamma*v)*g^2/2', 'beta*dot(eps, omega0^2*x + gamma*v)*g^2/2'],
    ['app:rg-h', 'rhs', '-g*dot(', 'g*dot('],
    ['app:rg-h-symmetrised', 'rhs', '-beta*', '-2*beta*'],
    ['app:A.3', 'rhs', '- beta*omega0^2*', '+ beta*omega0^2*'],
    ['app:e:expansion', 'rhs', '+ beta*gamma*', '- beta*gamma*'],
  ];
  for (const [id, field, from, to] of cases) {
    it(`${id}: proved; planted ${field}: ${from} → ${to} refuted`, async () => {
      const ok = await decide(record(id));
      expect(ok.verdict).toBe('proved');
      expect(ok.basis).toBe('kernel');
      if (id !== 'eq:2.4') expect(ok.dimensions).toBe('all');
      const bad = await decide(plant(id, field, from, to));
      expect(bad.verdict).toBe('refuted');
      expect(bad.decisive).toBeTruthy();
    });
  }
  for (const id of ['app:M-sign', 'app:rg-h:middle-line', 'prop:4.1:a:proof']) {
    it(`${id}: refuted as printed, the reading proved`, async () => {
      const r = await decide(record(id));
      expect(r.verdict).toBe('refuted');
      expect(r.corrected?.verdict).toBe('proved');
    });
  }
  it('eq:3.1:appendix-form: refuted as printed, the (3.1) reading proved', async () => {
    const r = await decide(record('eq:3.1:appendix-form'));
    expect(r.verdict).toBe('refuted');
    expect(r.corrected?.verdict).toBe('proved');
  });
});
