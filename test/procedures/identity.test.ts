/**
 * kind: identity on vectors and jets, with the all-dimensions reduction: true claims proved with
 * `dimensions: 'all'`, planted errors that show only in high dimension refuted with the witness
 * dimension and the exact residual.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { createContext } from '../../src/cli.ts';
import type { CheckResult } from '../../src/claims.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    gamma: { domain: "> 0" }
    beta: { domain: "> 0" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    v: { vector: true }
    t: {}
  functions:
    h: { args: [t, x, v] }
    g: { args: [x, v] }
  definitions:
    - "T(f) = dot(v, grad(f, x)) - omega0^2*dot(x, grad(f, v))"
cited:
  - { id: "cite:x", bib: "x", statement: "x" }
claims:
`;

const dir = mkdtempSync(join(tmpdir(), 'hc-identity-'));
const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());

let n = 0;
async function decide(fields: string, header = HEADER): Promise<CheckResult> {
  const file = join(dir, `c${n++}.claims.yaml`);
  writeFileSync(file, header + `  - { id: "c:1", source: "(1)", statement: "s", kind: identity, ${fields} }\n`);
  const set = loadClaimFile(file);
  return instantiate(set.claims[0], { set }).check(ctx);
}

describe('identity on vectors and jets', () => {
  it('proves a commutator for all d and refutes a planted sign', async () => {
    const ok = await decide('lhs: "grad(T(h), v)", rhs: "T(grad(h, v)) + grad(h, x)"');
    expect(ok.verdict).toBe('proved');
    expect(ok.basis).toBe('kernel');
    expect(ok.dimensions).toBe('all');
    const bad = await decide('lhs: "grad(T(h), v)", rhs: "T(grad(h, v)) - grad(h, x)"');
    expect(bad.verdict).toBe('refuted');
    expect(bad.decisive).toMatch(/^residual d=1/);
  });
  it('scalar polynomial identities and rational cross-multiplication', async () => {
    expect((await decide('lhs: "(t + gamma)^2", rhs: "t^2 + 2*gamma*t + gamma^2"')).verdict).toBe('proved');
    expect((await decide('lhs: "(t + gamma)^2", rhs: "t^2 + gamma^2"')).verdict).toBe('refuted');
    expect((await decide('lhs: "(|x|^2 + gamma)/gamma", rhs: "|x|^2/gamma + 1"')).verdict).toBe('proved');
  });
  it('accepts mathjs toString forms (mutate output)', async () => {
    expect((await decide('lhs: "8 / 7 * gamma * (t) ^ ((2))", rhs: "8*gamma*t^2/7"')).verdict).toBe('proved');
  });
  it('reports an undefined symbol with the field path', async () => {
    const file = join(dir, 'bad.claims.yaml');
    writeFileSync(file, HEADER + '  - { id: "c:1", source: "(1)", statement: "s", kind: identity, lhs: "dot(x, w)", rhs: "0" }\n');
    expect(() => loadClaimFile(file)).toThrow(/w/);
  });
});

describe('all-dimensions reduction: planted errors visible only in high dimension', () => {
  // (|x|^2)^2 − (Σ x_i^4 + …): four distinct indices appear only for d ≥ 4 in the product of two
  // cross terms; the planted claim drops a term with 4 distinct indices.
  it('a coefficient (d−1)(d−2)(d−3) vanishes in d = 1, 2, 3 and is caught in d = 4', async () => {
    const r = await decide('lhs: "(d-1)*(d-2)*(d-3)*|x|^2", rhs: "0"');
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).dimension).toBe(4);
    expect(r.decisive).toMatch(/^residual d=4/);
  });
  it('a term with four distinct indices (4×4 Gram determinant) is caught in d = 4', async () => {
    // Σ_{i,j} x_i v_j (x_i v_j − x_j v_i) = |x|²|v|² − (x·v)²: true for all d
    const ok = await decide('lhs: "dot(x,x)*dot(v,v) - dot(x,v)^2", rhs: "dot(x,x)*dot(v,v) - dot(x,v)^2"');
    expect(ok.dimensions).toBe('all');
    // The 4×4 Gram determinant of x, v, ∇x g, ∇v g vanishes exactly when d ≤ 3: its terms carry four
    // distinct indices. Claimed = 0, it is refuted only in d = 4.
    const vecs = ['x', 'v', 'grad(g, x)', 'grad(g, v)'];
    const perms = (a: number[]): number[][] => (a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p])));
    const sign = (p: number[]) => { let s = 1; for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i] > p[j]) s = -s; return s; };
    const det = perms([0, 1, 2, 3]).map((p) => `${sign(p) > 0 ? '+' : '-'}${p.map((j, i) => `dot(${vecs[i]}, ${vecs[j]})`).join('*')}`).join(' ');
    const r = await decide(`lhs: "${det}", rhs: "0"`);
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).dimension).toBe(4);
  });
  it('a cross term i ≠ j that vanishes in d = 1', async () => {
    // |x|^2|v|^2 = (x·v)^2 holds in d = 1 only
    const r = await decide('lhs: "|x|^2*|v|^2", rhs: "dot(x, v)^2"');
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).dimension).toBe(2);
  });
  it('d in an exponent or a denominator: no all-d claim, the checked list is reported', async () => {
    // `check: all` asks for every d: d = 1, 2, 3 alone do not prove it (review 5)
    const r = await decide('lhs: "2^d*|x|^2", rhs: "2^d*dot(x, x)"');
    expect(r.verdict).toBe('inconclusive');
    expect(r.dimensions).toEqual([1, 2, 3]);
    expect(r.summary).toMatch(/not every dimension/);
    // the same with the dimensions printed as a list: proved there
    const listed = await decide('lhs: "2^d*|x|^2", rhs: "2^d*dot(x, x)"', HEADER.replace('check: all', 'check: [1, 2, 3]'));
    expect(listed.verdict).toBe('proved');
    expect(listed.dimensions).toEqual([1, 2, 3]);
    // 2^d − 1 = d(d+1)/2 holds for d = 1, 2 only
    expect((await decide('lhs: "2^d - 1", rhs: "d*(d+1)/2"')).verdict).toBe('refuted');
  });
  it('every d asked for but beyond the reduction cap: not proved from d = 1…6 (review 5)', async () => {
    // lap|x|¹⁴ = 14(d + 12)|x|¹²; the planted (d−1)…(d−6)|x|¹² vanishes in d = 1…6 only
    const planted = await decide('lhs: "lap(|x|^14, x)", rhs: "14*(d + 12)*|x|^12 + (d-1)*(d-2)*(d-3)*(d-4)*(d-5)*(d-6)*|x|^12"');
    expect(planted.verdict).not.toBe('proved');
    const degreeSeven = await decide('lhs: "(d-1)*(d-2)*(d-3)*(d-4)*(d-5)*(d-6)*(d-7)*|x|^2", rhs: "0"');
    expect(degreeSeven.verdict).toBe('refuted');
    expect((degreeSeven.witness as Record<string, unknown>).dimension).toBe(8);
    const truth = await decide('lhs: "lap(|x|^14, x)", rhs: "14*(d + 12)*|x|^12"');
    expect(truth.verdict).toBe('proved');
    expect(truth.dimensions).toBe('all');
  });
  it('an explicit dimension list checks just those', async () => {
    const header = HEADER.replace('check: all', 'check: [1]');
    const r = await decide('lhs: "|x|^2*|v|^2", rhs: "dot(x, v)^2"', header);
    expect(r.verdict).toBe('proved');
    expect(r.dimensions).toEqual([1]);
  });
});
