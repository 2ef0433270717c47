import { describe, expect, it } from 'vitest';
import '../../src/procedures/index.ts';
import { getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';

const set: ClaimSet = {
  paper: { id: 't', title: 't', authors: [] },
  symbols: {
    parameters: { omega0: { domain: '> 0' }, beta: { domain: '> 0' } },
    variables: { x: { vector: true }, v: { vector: true } },
    functions: {},
    dimension: { name: 'd', check: 'all' },
    definitions: ['M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)'],
  },
  cited: [],
  claims: [],
  file: '/dev/null',
  allowModules: false,
};
const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
const ctx = { seed: 1, progress: () => {}, services, backend: 'cpu', effort: 0.1 } as unknown as CheckContext;
const rec = (relation: string, over: Partial<ClaimRecord> = {}): ClaimRecord => ({ id: 'e:t', source: 's', statement: 's', kind: 'expectation-bound', weight: 'M', dimension: 2, relation, ...over });
const decide = (r: ClaimRecord) => getProcedure('expectation-bound')!.decide(r, { set }, ctx);

describe('expectation-bound', () => {
  it('polynomial integrand: exact moments; a planted constant is refuted exactly', async () => {
    // E|v|^2 = d/beta exactly: the true bound holds (proved only with a solver; no solver here → exact points then inconclusive)
    const ok = await decide(rec('E(|v|^2) <= d/beta'));
    expect(ok.verdict).toBe('proved');
    expect(ok.basis).toBe('kernel');
    expect(ok.evidence.expectations).toBeDefined();
    const bad = await decide(rec('E(|v|^2) <= 7/8*d/beta'));
    expect(bad.verdict).toBe('refuted');
    const strict = await decide(rec('E(|v|^2) < d/beta'));
    expect(strict.verdict).toBe('refuted');
    const fourth = await decide(rec('E(|x|^4) <= (d^2 + 2*d)/(beta*omega0^2)^2', { dimension: 1 }));
    expect(fourth.verdict).not.toBe('refuted');
    expect((await decide(rec('E(|x|^4) <= (d^2 + 2*d - 1)/(beta*omega0^2)^2', { dimension: 1 }))).verdict).toBe('refuted');
  });
  it('non-polynomial integrand: Monte Carlo with a different-backend confirmation', async () => {
    // E cos(v1 … ) ≤ 1 holds; E exp(-|v|^2) ≥ 2 is false
    const ok = await decide(rec('E(cos(dot(v, v))) <= 1', { dimension: 1 }));
    expect(ok.verdict).toBe('supported');
    const bad = await decide(rec('E(exp(-|v|^2)) >= 2', { dimension: 1 }));
    expect(bad.verdict).toBe('refuted');
  });
});

describe('expectation-bound: a scalar space variable in a non-polynomial integrand (review)', () => {
  const scalar: ClaimSet = { ...set, symbols: { ...set.symbols, parameters: { a: { domain: '> 0' } }, variables: { z: {} }, definitions: ['Mz = exp(-a*z^2/2)'] } };
  const one = (relation: string) => getProcedure('expectation-bound')!.decide({ id: 'e:z', source: 's', statement: 's', kind: 'expectation-bound', weight: 'Mz', dimension: 1, relation }, { set: scalar }, ctx);
  it('samples z itself: E cos z = e^{−1/(2a)} ≤ 1 supported, ≥ 1 refuted (confirmed by quadrature)', async () => {
    expect((await one('E(cos(z)) <= 1')).verdict).toBe('supported');
    const bad = await one('E(cos(z)) >= 1');
    expect(bad.verdict).toBe('refuted');
    expect(bad.summary).toMatch(/confirmed by/);
  }, 60_000);
});
