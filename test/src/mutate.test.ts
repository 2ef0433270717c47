import { describe, expect, it } from 'vitest';
import { evaluate } from 'mathjs';
import { z } from 'zod';
import { absToBars, barsToAbs, mutateRecord, perturbString, perturbationsOf, splitRelation } from '../../src/mutate.ts';
import { registerProcedure, getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext } from '../../src/claims.ts';

// A toy procedure: "lhs rel rhs" evaluated at the record's point; it never reads `ignored`.
if (!getProcedure('test-toy-relation')) {
  registerProcedure({
    kind: 'test-toy-relation',
    summary: 'toy',
    method: 'exact',
    fields: z.object({}).passthrough(),
    async decide(record) {
      const lhs = Number(evaluate(barsToAbs(String(record.lhs)), { a: 3 }));
      const rhs = Number(evaluate(barsToAbs(String(record.rhs)), { a: 3 }));
      const ok = lhs <= rhs * (record.strict ? 1 - 1e-12 : 1);
      return { verdict: ok ? 'proved' : 'refuted', method: 'exact', summary: '', evidence: {}, decisive: `${lhs} vs ${rhs}` };
    },
  });
}

const set: ClaimSet = {
  paper: { id: 'toy', title: 'toy', authors: [] },
  symbols: { parameters: {}, variables: {}, functions: {}, definitions: [] },
  cited: [],
  claims: [],
  file: '/dev/null',
  allowModules: false,
};
const ctx = { seed: 1, progress: () => {}, services: { get: async () => { throw new Error('none'); }, has: () => false }, backend: 'cpu', effort: 0.1 } as unknown as CheckContext;

describe('mutate', () => {
  it('plants constant, sign, term and exponent errors in an expression', () => {
    const descriptions = perturbString('omega0^2*x - gamma*v').map((p) => p.description);
    expect(descriptions).toContain('term 1 sign flipped');
    expect(descriptions).toContain('term 2 dropped');
    expect(descriptions).toContain('exponent 1 raised by 1');
    // exponents are raised, not scaled (a non-integer exponent would not parse as printed maths)
    expect(descriptions.some((d) => d.startsWith('constant 2'))).toBe(false);
  });
  it('flips the strictness of a relation and perturbs both sides', () => {
    expect(splitRelation('gamma < 2*omega0')).toMatchObject({ lhs: 'gamma ', rel: '<', rhs: ' 2*omega0' });
    const ps = perturbString('gamma < 2*omega0').map((p) => p.text);
    expect(ps).toContain('gamma <= 2*omega0');
  });
  it('keeps a definition name and perturbs only its body', () => {
    const ps = perturbString('T(g) = dot(v, grad(g, x)) - 2*g');
    expect(ps.every((p) => p.text.startsWith('T(g) ='))).toBe(true);
  });
  it('round-trips |a| through abs(a)', () => {
    expect(barsToAbs('exp(-beta*|v|^2/2)')).toBe('exp(-beta*abs(v)^2/2)');
    expect(absToBars('exp(-beta * abs(v) ^ 2 / 2)')).toBe('exp(-beta * |v| ^ 2 / 2)');
  });
  it('lists every printed datum, not the meta fields', () => {
    const r: ClaimRecord = { id: 't', source: 's', statement: 'x', kind: 'test-toy-relation', lhs: 'a^2', rhs: '10', strict: false, uses: ['q'], options: { n: 3 } };
    expect([...perturbationsOf(r).keys()].sort()).toEqual(['lhs', 'rhs', 'strict']);
  });
  it('finds a datum the procedure never reads', async () => {
    const r: ClaimRecord = { id: 't', source: 's', statement: 'x', kind: 'test-toy-relation', lhs: 'a^2', rhs: '9', strict: true, ignored: '2*a + 1' };
    const m = await mutateRecord(r, set, ctx);
    expect(m.baseline.verdict).toBe('refuted'); // 9 < 9 fails strictly
    expect(m.unread).toEqual(['ignored']);
    expect(m.data.find((d) => d.path === 'strict')!.read).toBe(true);
  });
});
