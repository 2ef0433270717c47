/**
 * Weights that are not an independent, centred Gaussian (a linear term, a cross term, a term of
 * degree > 2, a non-integrable exponent). expectation-bound used to read only the |v|^2 coefficients
 * and drop the rest, so E_W z = 0 was proved under W = exp(−a z²/2 + z) (mean 1/a) and E z·y = 0
 * under a correlated weight. Now: expectation-bound computes the moments of the general Gaussian
 * exp(−½ zᵀAz + bᵀz) (mean A⁻¹b, covariance A⁻¹) exactly; the Gram matrices of
 * integral-inequality and the samplers of the Monte Carlo paths, which assume independence and
 * mean 0, reject such weights with the term named.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../../src/procedures/index.ts';
import { getProcedure } from '../../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../../src/claim-record.ts';
import type { CheckContext } from '../../../src/claims.ts';
import { createServiceRegistry } from '../../../src/services.ts';
import { createZ3Service } from '../../../src/z3-service.ts';
import { createMonteCarlo } from '../../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../../numeric/gauss-hermite.ts';
import { gaussianWeight, weightVariances } from '../../../src/procedures/integral-inequality.ts';
import { langSymbols } from '../../../src/procedures/common.ts';
import { q } from '../../../symbolic/rational.ts';
import type { Poly } from '../../../symbolic/poly.ts';

const set: ClaimSet = {
  paper: { id: 't', title: 't', authors: [] },
  symbols: {
    parameters: { a: { domain: '> 0' }, b: { domain: '(-1, 1)' }, r: { domain: 'real' } },
    variables: { x: { vector: true }, v: { vector: true }, z: {}, y: {} },
    functions: {},
    dimension: { name: 'd', check: 'all' },
    definitions: [
      'W = exp(-a*z^2/2 + z)',
      'Wc = exp(-z^2/2 - y^2/2 + z*y/2)',
      'Wcs = exp(-z^2/2 - y^2/2 + z*y/2 + z)',
      'Wb = exp(-z^2/2 - y^2/2 + b*z*y)',
      'Wr = exp(-z^2/2 - y^2/2 + r*z*y)',
      'Mz = exp(-a*z^2/2)',
      'Mx = exp(-a*|x|^2/2 - |v|^2/2)',
      'Xv = exp(-|x|^2/2 - |v|^2/2 + dot(x, v)/2)',
      'G = exp(a*z^2/2)',
      'Q = exp(-z^2/2 - z^4)',
      'XV = exp(-|x|^2/2 - |v|^2/2 - |x|^2*|v|^2)',
      'Lin = exp(-|x|^2/2 + x)',
      'H = z^2/2 - z',
      'Wh = exp(-H)',
      'Wsq = exp(-(z - a)^2/2)',
      'Wd = exp(-d*|x|^2/2)',
    ],
  },
  cited: [],
  claims: [],
  file: '/dev/null',
  allowModules: false,
};
const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services = createServiceRegistry({ z3: createZ3Service, integrators: async () => ({ value: integrators, describe: 'cpu + quadrature' }) });
const ctx: CheckContext = { seed: 1, progress: () => {}, services, backend: 'cpu', effort: 0.1 };
afterAll(() => services.disposeAll());
const eb = (weight: string, relation: string, dimension: number | number[] = 1): ClaimRecord => ({ id: 'w:t', source: 's', statement: 's', kind: 'expectation-bound', weight, dimension, relation });
const decide = (r: ClaimRecord) => getProcedure(r.kind)!.decide(r, { set }, ctx);
const validate = (r: ClaimRecord) => getProcedure(r.kind)!.validate?.(r, { set }) ?? [];
const syms = langSymbols({ set });

describe('expectation-bound under a shifted or correlated Gaussian weight', () => {
  it('a linear term shifts the mean: E_W z = 1/a (proved), E_W z = 0 and E_W z^2 = 1/a refuted', async () => {
    expect((await decide(eb('W', 'E(z) = 0'))).verdict).toBe('refuted');
    expect((await decide(eb('W', 'E(z^2) = 1/a'))).verdict).toBe('refuted');
    const mean = await decide(eb('W', 'E(z) = 1/a'));
    expect(mean.verdict).toBe('proved');
    expect(String(mean.evidence.weight)).toMatch(/mean/);
    expect((await decide(eb('W', 'E(z^2) = 1/a + 1/a^2'))).verdict).toBe('proved');
    expect((await decide(eb('W', 'E(z^4) = 1/a^4 + 6/a^3 + 3/a^2'))).verdict).toBe('proved');
    // the weight written out in the record, not through a definition
    expect((await decide(eb('exp(-z^2/2 + z)', 'E(z) = 0'))).verdict).toBe('refuted');
    expect((await decide(eb('exp(-z^2/2 + z)', 'E(z) = 1'))).verdict).toBe('proved');
  });

  it('a cross term correlates: E_Wc z*y = 2/3, E_Wc z^2 = 4/3 (proved), E_Wc z*y = 0 refuted', async () => {
    expect((await decide(eb('Wc', 'E(z*y) = 0'))).verdict).toBe('refuted');
    expect((await decide(eb('Wc', 'E(z*y) = 2/3'))).verdict).toBe('proved');
    expect((await decide(eb('Wc', 'E(z^2) = 4/3'))).verdict).toBe('proved');
    // shifted and correlated: mean (4/3, 2/3), E z·y = 2/3 + 8/9, E z²y = μz²μy + Σzz μy + 2Σzy μz = 104/27
    expect((await decide(eb('Wcs', 'E(z*y) = 14/9'))).verdict).toBe('proved');
    expect((await decide(eb('Wcs', 'E(z^2*y) = 104/27'))).verdict).toBe('proved');
    expect((await decide(eb('Wcs', 'E(z^2*y) = 8/9'))).verdict).toBe('refuted');
  });

  it('vector variables: dot(x, v) in the weight correlates every coordinate pair x_i, v_i', async () => {
    expect((await decide(eb('Xv', 'E(dot(x, v)) = 0', [1, 2]))).verdict).toBe('refuted');
    expect((await decide(eb('Xv', 'E(dot(x, v)) = 2*d/3', [1, 2, 3]))).verdict).toBe('proved');
    expect((await decide(eb('Xv', 'E(|x|^2) = 4*d/3', [1, 2]))).verdict).toBe('proved');
    // E(x·v)² = Σ_ij E x_i v_i x_j v_j = d(σ_xx σ_vv + 2σ_xv²) + d(d − 1)σ_xv²
    expect((await decide(eb('Xv', 'E(dot(x, v)^2) = d*(16/9 + 8/9) + d*(d - 1)*4/9', [1, 2]))).verdict).toBe('proved');
  });

  it('a parameter-dependent cross term: integrability decided on the domain (|b| < 1), or the claim is undefined at a point', async () => {
    expect((await decide(eb('Wb', 'E(z*y) = b/(1 - b^2)'))).verdict).toBe('proved');
    expect((await decide(eb('Wb', 'E(z*y) = 0'))).verdict).toBe('refuted');
    // r real: not integrable for |r| ≥ 1 — the printed statement is undefined there (review 10: it was an error verdict)
    const r = await decide(eb('Wr', 'E(z*y) = r/(1 - r^2)'));
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/not integrable/);
    expect(r.evidence.undefinedAt).toBeDefined();
  });

  it('the exponent through a definition, a completed square, the dimension in a coefficient', async () => {
    expect((await decide(eb('Wh', 'E(z) = 0'))).verdict).toBe('refuted');
    expect((await decide(eb('Wh', 'E(z) = 1'))).verdict).toBe('proved');
    expect((await decide(eb('Wsq', 'E(z) = a'))).verdict).toBe('proved');
    expect((await decide(eb('Wsq', 'E(z^3) = a^3 + 3*a'))).verdict).toBe('proved');
    expect((await decide(eb('Wsq', 'E(z^2) = 1'))).verdict).toBe('refuted');
    expect(validate(eb('Wd', 'E(|x|^2) = 1', [1, 2]))).toEqual([]);
    expect((await decide(eb('Wd', 'E(|x|^2) = 1', [1, 2, 3]))).verdict).toBe('proved');
    expect((await decide(eb('Wd', 'E(|x|^2) = d', [1, 2]))).verdict).toBe('refuted');
  });

  it('the independent centred weights keep their moments', async () => {
    expect((await decide(eb('Mz', 'E(z^2) = 1/a'))).verdict).toBe('proved');
    expect((await decide(eb('Mz', 'E(z^4) = 2/a^2'))).verdict).toBe('refuted');
    expect((await decide(eb('Mx', 'E(|x|^2 + |v|^2) = d/a + d', [1, 2, 3]))).verdict).toBe('proved');
    expect((await decide(eb('Mx', 'E(dot(x, v)) = 0', [1, 2]))).verdict).toBe('proved');
  });

  it('a non-integrable weight is an error, never proved', async () => {
    const r = await decide(eb('G', 'E(z^2) = -1/a'));
    expect(r.verdict).toBe('error');
    expect(r.summary).toMatch(/not integrable in z/);
  });

  it('a term of degree > 2 in the exponent is caught by lint and is an error when checked', async () => {
    for (const [w, term] of [['Q', 'z^4'], ['XV', '|v|^2*|x|^2'], ['exp(-z^2/2 + z^3)', 'z^3']] as const) {
      expect(validate(eb(w, 'E(z^2) = 1'))[0]?.message).toContain(`the term ${term} is not quadratic`);
      const r = await decide(eb(w, 'E(z^2) = 1'));
      expect(r.verdict).toBe('error');
      expect(r.summary).toContain(term);
    }
    expect(validate(eb('Lin', 'E(|x|^2) = 1'))[0]?.message).toMatch(/vector variable x enters other than through/);
    expect(validate(eb('2*exp(-z^2/2)', 'E(z^2) = 1'))[0]?.message).toMatch(/must be exp/);
    expect(validate(eb('W', 'E(z) = 1/a'))).toEqual([]);
    // E(f, W): the written weight must be the record's (it was ignored: E(z^2, W) = 1/a, false under W, was proved under the record's Mz)
    expect(validate(eb('Mz', 'E(z^2, W) = 1/a'))[0]?.message).toMatch(/must be the record's weight/);
    expect((await decide(eb('Mz', 'E(z^2, W) = 1/a'))).verdict).toBe('error');
    expect(validate(eb('Mz', 'E(z^2, Mz) = 1/a'))).toEqual([]);
    expect((await decide(eb('Mz', 'E(z^2, Mz) = 1/a'))).verdict).toBe('proved');
    expect((await decide(eb('Mx', 'E(|x|^2, Mx) = d/a', [1, 2]))).verdict).toBe('proved');
    expect((await decide(eb('exp(-|x|^2/2)', 'E(|x|^2, exp(-|x|^2/2)) = d', [1, 2]))).verdict).toBe('proved');
  });

  it('Monte Carlo (a non-polynomial integrand) samples independent centred Gaussians only: a shifted or correlated weight is an error naming the term', async () => {
    const shifted = await decide(eb('W', 'E(cos(z)) <= 1'));
    expect(shifted.verdict).toBe('error');
    expect(shifted.summary).toMatch(/linear term z/);
    const corr = await decide(eb('Xv', 'E(cos(dot(x, v))) <= 1'));
    expect(corr.verdict).toBe('error');
    expect(corr.summary).toMatch(/cross term dot\(x, v\)/);
    // a variable outside the weight is not sampled as if it were one of the weight's
    const outside = await decide(eb('exp(-|x|^2/2)', 'E(cos(|v|^2)) <= 1'));
    expect(outside.verdict).toBe('error');
    expect(outside.summary).toMatch(/does not integrate/);
    const three = await decide(eb('exp(-|x|^2/2 - |v|^2/2 - z^2/2)', 'E(cos(|x|^2)) <= 1'));
    expect(three.verdict).toBe('error');
    expect(three.summary).toMatch(/samplers draw two/);
    expect((await decide(eb('Mx', 'E(cos(|v|^2)) <= 1'))).verdict).toBe('supported');
  });
});

describe('weightVariances (integral-inequality, the Monte Carlo paths)', () => {
  const at = { a: q(2), b: q(1, 2), r: q(3), d: q(1) };
  it('reads an independent centred Gaussian', () => {
    expect([...weightVariances('Mx', syms, at)].map(([v, s]) => `${v}:${s}`)).toEqual(['x:1/2', 'v:1']);
    expect([...weightVariances('exp(-a*|x|^2)', syms, at)].map(([v, s]) => `${v}:${s}`)).toEqual(['x:1/4']);
  });
  it('rejects linear and cross terms, naming them', () => {
    expect(() => weightVariances('W', syms, at)).toThrow(/linear term z shifts the mean/);
    expect(() => weightVariances('Wc', syms, at)).toThrow(/cross term z\*y/);
    expect(() => weightVariances('Xv', syms, at)).toThrow(/cross term dot\(x, v\)/);
    expect(() => weightVariances('exp(-|x|^2/2 - |v|^2/2 + x1*v1)', syms, at)).toThrow(/x1/);
    expect(() => weightVariances('XV', syms, at)).toThrow(/\|v\|\^2\*\|x\|\^2 is not quadratic/);
    expect(() => weightVariances('G', syms, at)).toThrow(/not integrable in z/);
  });
  it('gaussianWeight: A and b of exp(−½ zᵀAz + bᵀz + c)', () => {
    const g = gaussianWeight('Wcs', syms);
    expect(g.variables).toEqual(['z', 'y']);
    const val = (p: Poly) => p.evaluate({}).div(g.den.evaluate({})).toString();
    expect(g.A.map((row) => row.map(val))).toEqual([['1', '-1/2'], ['-1/2', '1']]);
    expect(g.b.map(val)).toEqual(['1', '0']);
  });
  it('integral-inequality: a shifted or correlated weight is a lint error and an error verdict, never supported', async () => {
    const ii = (weight: string, relation: string): ClaimRecord => ({ id: 'w:ii', source: 's', statement: 's', kind: 'integral-inequality', weight, dimension: 1, relation, constraint: 'mean(h) = 0', options: { degree: 2, points: 2 } });
    const corr = ii('Xv', 'norm2(h) <= 1/2*(norm2(grad(h, x)) + norm2(grad(h, v)))');
    expect(validate(corr)[0]).toMatchObject({ path: 'weight' });
    expect(validate(corr)[0].message).toMatch(/cross term dot\(x, v\)/);
    expect((await decide(corr)).verdict).toBe('error');
    const shifted = ii('W', 'norm2(h) <= 1/a*norm2(grad(h, z))');
    expect(validate(shifted)[0].message).toMatch(/linear term z/);
    expect((await decide(shifted)).verdict).toBe('error');
    // the centred one is still decided (the Gaussian Poincaré inequality: supported)
    expect((await decide(ii('Mz', 'norm2(h) <= 1/a*norm2(grad(h, z))'))).verdict).toBe('supported');
  });
});
