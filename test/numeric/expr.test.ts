import { describe, expect, it } from 'vitest';
import { add, compileJs, cst, div, evalExpr, mul, neg, par, powi, scan, sub, un, validateIntegrand, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { PhiloxRng } from '../../numeric/rng.ts';

const integrand = (d: number, exprs: Expr[], params: Record<string, number> = {}): Integrand => ({ d, names: exprs.map((_, k) => `f${k}`), exprs, params });

describe('compileJs', () => {
  it('agrees with the tree evaluator to the last bit on random points', () => {
    const exprs: Expr[] = [
      add(mul(par('a'), powi(xv(0), 3)), neg(vv(1)), cst(0.25)),
      un('exp', mul(cst(-0.5), add(powi(xv(1), 2), powi(vv(0), 2)))),
      div(un('sin', xv(0)), add(cst(2), un('cos', vv(1)))),
      un('sqrt', un('abs', sub(xv(1), vv(0)))),
      un('tanh', un('log', add(cst(1), powi(xv(0), 2)))),
    ];
    const f = integrand(2, exprs, { a: 1.5 });
    const fn = compileJs(f);
    const rng = new PhiloxRng(4);
    const out = new Float64Array(exprs.length);
    for (let t = 0; t < 200; t++) {
      const x = Float64Array.from([rng.normal(), rng.normal()]);
      const v = Float64Array.from([rng.normal(), rng.normal()]);
      fn(x, v, out);
      exprs.forEach((e, k) => expect(out[k]).toBe(evalExpr(e, x, v, f.params)));
    }
  });

  it('evaluates empty sums and products as 0 and 1', () => {
    const out = new Float64Array(2);
    compileJs(integrand(1, [{ op: 'add', args: [] }, { op: 'mul', args: [] }]))(new Float64Array(1), new Float64Array(1), out);
    expect([...out]).toEqual([0, 1]);
  });

  it('compiles nested powers without repeating the base (x^1000 from three powi)', () => {
    const e = powi(powi(powi(xv(0), 10), 10), 10);
    const out = new Float64Array(1);
    compileJs(integrand(1, [e]))(Float64Array.of(1.0001), new Float64Array(1), out);
    // repeated products: 1.0001^1000 = e^{1000 ln 1.0001} ≈ 1.10511
    expect(out[0]).toBe(evalExpr(e, [1.0001], [0], {}));
    expect(out[0]).toBeCloseTo(Math.exp(1000 * Math.log(1.0001)), 10);
  });

  it('takes parameter values at compile time', () => {
    const out = new Float64Array(1);
    compileJs(integrand(1, [mul(par('omega0 sq'), xv(0))], { 'omega0 sq': 4 }))(Float64Array.of(3), new Float64Array(1), out);
    expect(out[0]).toBe(12);
  });
});

describe('validateIntegrand', () => {
  it('rejects out-of-range, negative and fractional coordinate indices', () => {
    expect(() => validateIntegrand(integrand(2, [xv(2)]))).toThrow(/index 2 out of range for d = 2/);
    expect(() => validateIntegrand(integrand(2, [vv(-1)]))).toThrow(/index -1 of "v" is not a non-negative integer/);
    expect(() => validateIntegrand(integrand(2, [xv(0.5)]))).toThrow(RangeError);
  });

  it('rejects missing parameters, non-finite constants and mismatched names', () => {
    expect(() => validateIntegrand(integrand(1, [par('gamma')]))).toThrow(/parameter "gamma" missing/);
    expect(() => validateIntegrand(integrand(1, [cst(NaN)]))).toThrow(/constant NaN is not finite/);
    expect(() => validateIntegrand({ d: 1, names: ['a', 'b'], exprs: [xv(0)], params: {} })).toThrow(/2 names for 1 expressions/);
    expect(() => validateIntegrand(integrand(0, [cst(1)]))).toThrow(/d must be a positive integer/);
  });

  it('reports the largest index and the parameters used', () => {
    const r = scan(add(xv(3), mul(par('b'), vv(1))));
    expect(r.maxIndex).toBe(3);
    expect([...r.params]).toEqual(['b']);
  });

  it('refuses a negative powi exponent at construction', () => {
    expect(() => powi(xv(0), -1)).toThrow(/powi: exponent must be a non-negative integer, got -1/);
  });
});
