import { describe, expect, it } from 'vitest';
import '../../src/procedures/index.ts';
import { getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext } from '../../src/claims.ts';
import { psdWitness } from '../../src/procedures/integral-inequality.ts';
import { q } from '../../symbolic/rational.ts';

const set: ClaimSet = {
  paper: { id: 't', title: 't', authors: [] },
  symbols: {
    parameters: { omega0: { domain: '> 0' }, beta: { domain: '> 0' } },
    variables: { x: { vector: true }, v: { vector: true } },
    functions: { h: { args: ['x', 'v'] } },
    dimension: { name: 'd', check: 'all' },
    definitions: ['M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)'],
  },
  cited: [],
  claims: [],
  file: '/dev/null',
  allowModules: false,
};
const ctx = { seed: 1, progress: () => {}, services: { get: async () => { throw new Error('none'); }, has: () => false }, backend: 'cpu', effort: 0.3 } as unknown as CheckContext;
const printed = '1/(d*beta*min(omega0^2, 1))';
const rec = (over: Partial<ClaimRecord>): ClaimRecord => ({
  id: 'eq:test', source: 's', statement: 's', kind: 'integral-inequality', weight: 'M', dimension: 1,
  relation: `norm2(h) <= ${printed} * (norm2(grad(h, x)) + norm2(grad(h, v)))`, constraint: 'mean(h) = 0', ...over,
});
const decide = (r: ClaimRecord) => getProcedure('integral-inequality')!.decide(r, { set }, ctx);

describe('integral-inequality (polynomial family, exact)', () => {
  it('supports the sharp constant in d = 1 and reads the printed constant', async () => {
    const r = await decide(rec({}));
    expect(r.verdict).toBe('supported');
    const planted = await decide(rec({ relation: `norm2(h) <= 7/8 * ${printed} * (norm2(grad(h, x)) + norm2(grad(h, v)))` }));
    expect(planted.verdict).toBe('refuted');
    expect((planted.witness as Record<string, string>).h).toMatch(/[xv]1/);
    const bigger = await decide(rec({ relation: `norm2(h) <= 8/7 * ${printed} * (norm2(grad(h, x)) + norm2(grad(h, v)))` }));
    expect(bigger.verdict).toBe('supported');
    expect(bigger.decisive).not.toBe(r.decisive);
  });
  it('refutes the factor 1/d in d = 2 with an exact witness; the sharp constant passes', async () => {
    const r = await decide(rec({ dimension: 2 }));
    expect(r.verdict).toBe('refuted');
    expect(r.dimensions).toEqual([2]);
    const sharp = await decide(rec({ dimension: 2, relation: 'norm2(h) <= 1/(beta*min(omega0^2, 1)) * (norm2(grad(h, x)) + norm2(grad(h, v)))' }));
    expect(sharp.verdict).toBe('supported');
  });
  it('the strict relation fails at the extremal; dropping the constraint fails at h = 1', async () => {
    expect((await decide(rec({ relation: `norm2(h) < ${printed} * (norm2(grad(h, x)) + norm2(grad(h, v)))` }))).verdict).toBe('refuted');
    const free = await decide(rec({ constraint: undefined }));
    expect(free.verdict).toBe('refuted');
  });
  it('psdWitness returns a vector with negative quadratic value', () => {
    const D = [[q(1), q(2)], [q(2), q(1)]];
    const { witness } = psdWitness(D, false);
    const v = witness!;
    const val = D.reduce((s, row, i) => row.reduce((t, x, j) => t.add(x.mul(v[i]).mul(v[j])), s), q(0));
    expect(val.sign()).toBe(-1);
  });
});

describe('integral-inequality: constraints and dimensions', () => {
  it('an inhomogeneous constraint mean(h) = 1/7 is refuted at the constant h = 1/7', async () => {
    const r = await decide(rec({ constraint: 'mean(h) = 1/7' }));
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, string>).h).toBe('1/7');
  });
  it('without a dimension field, options.dimensions is used', async () => {
    const r = await decide(rec({ dimension: undefined, options: { dimensions: [2] } }));
    expect(r.verdict).toBe('refuted');
    expect(r.dimensions).toEqual([2]);
  });
});

describe('integral-inequality: numeric family reads the constraint value', () => {
  it('mean(h) = 1/7 on non-polynomial h is refuted (confirmed by quadrature)', async () => {
    const { createMonteCarlo } = await import('../../numeric/monte-carlo.ts');
    const { createGaussHermite } = await import('../../numeric/gauss-hermite.ts');
    const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
    const c2 = { ...ctx, services: { has: (n: string) => n === 'integrators', get: async <T,>() => integrators as T } } as CheckContext;
    const sharp = 'norm2(h) <= 1/(beta*min(omega0^2, 1)) * (norm2(grad(h, x)) + norm2(grad(h, v)))';
    const proc = getProcedure('integral-inequality')!;
    expect((await proc.decide(rec({ family: 'numeric', relation: sharp, dimension: 1 }), { set }, c2)).verdict).toBe('supported');
    expect((await proc.decide(rec({ family: 'numeric', relation: sharp, dimension: 1, constraint: 'mean(h) = 1' }), { set }, c2)).verdict).toBe('refuted');
  });
});
