/** Solver queries cross threads as plain data (src/claim-workers.ts): decode ∘ encode is the identity, term for term. */
import { describe, expect, it } from 'vitest';
import { Poly } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';
import { and, atom, not, or, type RealQuery } from '../../symbolic/z3.ts';
import { decodeQuery, encodeQuery } from '../../symbolic/query-wire.ts';
import { queryToSmt2 } from '../../symbolic/smt2.ts';

const a = Poly.variable('a'), b = Poly.variable('b'), s = Poly.variable('s');
const query: RealQuery = {
  variables: ['a', 'b'],
  roots: { s: a.mul(a).add(q(3, 7)) },
  integers: ['b'],
  assumptions: and(atom(a, '>'), or(atom(b.sub(q(1, 3)), '>='), not(atom(a.mul(b), '=')))),
  goal: atom(a.mul(a).scale(q(-22, 5)).add(s.mul(b)).add(q(10n ** 30n, 3n)), '<='),
};

describe('query wire', () => {
  it('round-trips a query through structured clone to the same SMT-LIB text', () => {
    const back = decodeQuery(structuredClone(encodeQuery(query)));
    expect(queryToSmt2(back, 'x')).toBe(queryToSmt2(query, 'x'));
    const goal = back.goal as Extract<RealQuery['goal'], { kind: 'atom' }>;
    const printed = query.goal as typeof goal;
    expect(goal.poly.equals(printed.poly)).toBe(true);
    expect(goal.poly.termList().map((t) => t.mono)).toEqual(printed.poly.termList().map((t) => t.mono));
    expect(back.roots!.s.equals(query.roots!.s)).toBe(true);
    expect(back.integers).toEqual(['b']);
  });
  it('Poly.fromTerms normalises and cancels like the arithmetic', () => {
    const p = Poly.fromTerms([
      { mono: [['b', 1], ['a', 2]], coef: q(2) },
      { mono: [['a', 1], ['a', 1], ['b', 1]], coef: q(-2) },
      { mono: [], coef: q(5) },
      { mono: [['a', 0]], coef: q(0) },
    ]);
    expect(p.equals(Poly.constant(5))).toBe(true);
    expect(Poly.fromTerms([]).isZero()).toBe(true);
    expect(Poly.fromTerms(a.mul(b).add(q(1, 2)).termList()).equals(a.mul(b).add(q(1, 2)))).toBe(true);
  });
});
