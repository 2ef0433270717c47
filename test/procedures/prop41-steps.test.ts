/** Prop. 4.1 (a), (b) numerically and the local chains of (c)–(e): module records reading their printed coefficients. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';
import { prop41aNumeric, prop41bNumeric, prop41cLocal, prop41dLocal, prop41eLocal } from '../../proofs/prop41-steps.ts';

const header = parse(readFileSync('proofs/zhu-ying-2021.claims.yaml', 'utf8'));
const fragment = parse(readFileSync('proofs/zhu-ying-2021/bounds.claims.yaml', 'utf8'));
const set: ClaimSet = { paper: header.paper, symbols: { ...header.symbols, definitions: [...header.symbols.definitions, ...fragment.symbols.definitions] }, cited: header.cited, claims: fragment.claims, file: 'proofs/zhu-ying-2021.claims.yaml', allowModules: true };
const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
const ctx: CheckContext = { seed: 3, effort: 0.1, backend: 'cpu', progress: () => {}, services } as CheckContext;
const env = { set };
const record = (id: string): ClaimRecord => fragment.claims.find((c: ClaimRecord) => c.id === id);

describe('Prop. 4.1 numeric and local chains (modules)', () => {
  it('(a), (b) are supported as printed; a planted sign / coefficient is refuted', async () => {
    expect((await prop41aNumeric(record('prop:4.1:a:numeric'), env, ctx)).verdict).toBe('supported');
    expect((await prop41aNumeric({ ...record('prop:4.1:a:numeric'), antisymmetry: '1' }, env, ctx)).verdict).toBe('refuted');
    expect((await prop41bNumeric(record('prop:4.1:b:numeric'), env, ctx)).verdict).toBe('supported');
    expect((await prop41bNumeric({ ...record('prop:4.1:b:numeric'), coefficient: '-2*gamma/beta' }, env, ctx)).verdict).toBe('refuted');
  });
  it('(c) chain: supported; the ½ of (A.2) as 4 is refuted; a negated bound is refuted', async () => {
    expect((await prop41cLocal(record('prop:4.1:c:local'), env, ctx)).verdict).toBe('supported');
    expect((await prop41cLocal({ ...record('prop:4.1:c:local'), a2Coefficient: '-4' }, env, ctx)).verdict).toBe('refuted');
    expect((await prop41cLocal({ ...record('prop:4.1:c:local'), bound: '-1/2' }, env, ctx)).verdict).toBe('refuted');
  });
  it('(d), (e) chains: supported; negated coefficients are refuted', async () => {
    expect((await prop41dLocal(record('prop:4.1:d:local'), env, ctx)).verdict).toBe('supported');
    expect((await prop41dLocal({ ...record('prop:4.1:d:local'), a3Coefficient: '-1/2' }, env, ctx)).verdict).toBe('refuted');
    expect((await prop41eLocal(record('prop:4.1:e:local'), env, ctx)).verdict).toBe('supported');
    expect((await prop41eLocal({ ...record('prop:4.1:e:local'), e2Coefficients: ['-1/2', '-3/2'] }, env, ctx)).verdict).toBe('refuted');
  });
});
