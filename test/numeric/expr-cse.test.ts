/** compileJs shares common subexpressions and stays bit-identical to the written-out tree. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compileJs, cst, div, evalExpr, jsBody, mul, par, powi, un, vv, xv, type Expr } from '../../numeric/expr.ts';

const leaf = fc.oneof(
  fc.integer({ min: 0, max: 2 }).map(xv),
  fc.integer({ min: 0, max: 2 }).map(vv),
  fc.constantFrom('a', 'b').map(par),
  fc.double({ min: -3, max: 3, noNaN: true }).map(cst),
);
const { tree } = fc.letrec<{ tree: Expr }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((a) => add(...a)),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((a) => mul(...a)),
    fc.tuple(tie('tree'), tie('tree')).map(([a, b]) => div(a, b)),
    fc.tuple(tie('tree'), fc.integer({ min: 0, max: 4 })).map(([a, n]) => powi(a, n)),
    fc.tuple(fc.constantFrom('exp', 'sin', 'cos', 'tanh', 'neg', 'abs') as fc.Arbitrary<'exp'>, tie('tree')).map(([op, a]) => un(op, a)),
  ),
}));

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('compileJs with shared subexpressions', () => {
  it('equals the tree walk exactly on random trees with repeated parts', () => {
    fc.assert(
      fc.property(tree, tree, fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }), (s, t, pt) => {
        // Repetition on purpose: s appears in several outputs and inside itself.
        const exprs = [mul(s, add(s, t)), add(t, mul(s, s)), div(s, add(t, cst(1)))];
        const params = { a: 0.7, b: -1.3 };
        const f = compileJs({ d: 3, names: ['a', 'b', 'c'], exprs, params });
        const x = Float64Array.from(pt.slice(0, 3));
        const v = Float64Array.from(pt.slice(3));
        const out = new Float64Array(3);
        f(x, v, out);
        exprs.forEach((e, k) => expect(same(out[k], evalExpr(e, x, v, params))).toBe(true));
      }),
      { seed: 13, numRuns: 300 },
    );
  });
  it('computes a repeated subtree once', () => {
    const h = add(mul(xv(0), xv(0)), un('sin', vv(0)));
    const { body, shared } = jsBody([mul(h, h), add(h, cst(1))]);
    expect(shared).toBe(1);
    expect(body.match(/Math\.sin/g)).toHaveLength(1);
  });
});
