import { describe, expect, it } from 'vitest';
import { LangSpace, compileExpr } from '../../../symbolic/lang/expr.ts';
import { compileNumeric } from '../../../symbolic/lang/numeric.ts';
import { evalExpr } from '../../../numeric/expr.ts';
import { LangError, type LangSymbols } from '../../../symbolic/lang/index.ts';

const syms: LangSymbols = {
  parameters: { omega0: { domain: '> 0' }, gamma: { domain: '> 0' }, beta: { domain: '> 0' } },
  variables: { x: { vector: true }, v: { vector: true }, t: {} },
  functions: { h: { args: ['t', 'x', 'v'] }, eps: { args: ['theta'], vector: true } },
  dimension: { name: 'd' },
  definitions: [
    'theta = -(v + gamma*x)/omega0^2',
    'M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)',
    'T(g) = dot(v, grad(g, x)) - omega0^2*dot(x, grad(g, v))',
    'L(g) = (gamma/beta)*(1/M)*div(M*grad(g, v), v)',
  ],
};

const text = (text: string, d = 2) => {
  const { value } = compileExpr(text, syms, d);
  return value.comps.map((c) => c.terms.map((t) => `${t.N}${t.Q.isZero() ? '' : ` e^(${t.Q})`}`).join(' + ') || '0');
};

describe('symbolic/lang/expr', () => {
  it('expands vectors into components and operators into jets', () => {
    expect(text('T(h)', 1)).toEqual(['-h_v1*omega0^2*x1 + h_x1*v1']);
    expect(text('|x|^2', 2)).toEqual(['x1^2 + x2^2']);
    expect(text('d*gamma', 3)).toEqual(['3*gamma']);
  });
  it('L(h) through the weight M: (γ/β)Δ_v h − γ v·∇_v h', () => {
    expect(text('L(h)', 1)).toEqual(['betainv*gamma*h_v1_v1 - gamma*h_v1*v1']);
  });
  it('composite arguments: ∂_x ε(θ) = −(γ/ω₀²) ε′', () => {
    expect(text('div(eps, x)', 1)).toEqual(['-eps1_theta1*gamma*omega0inv^2']);
  });
  it('exp weights multiply and divide exactly', () => {
    expect(text('M/M', 1)).toEqual(['1']);
    expect(text('grad(M, v)', 1)).toEqual(['-beta*v1 e^(-(1/2)*beta*omega0^2*x1^2 - (1/2)*beta*v1^2)']);
  });
  it('summation bounds', () => {
    const S = new LangSpace(syms, 1);
    expect(S.compileText('dot(x, v)', new Map()).sums).toBe(1);
    expect(S.compileText('|x|^2*|v|^2', new Map()).sums).toBe(2);
    expect(S.compileText('L(T(h))', new Map()).sums).toBe(2);
    expect(S.compileText('d', new Map()).sums).toBe(1);
  });
  it('errors: undefined symbol with column, arity, division by variables, degree', () => {
    expect(() => compileExpr('gamma + w', syms, 1)).toThrow(LangError);
    try {
      compileExpr('gamma + w', syms, 1);
    } catch (e) {
      expect((e as LangError).column).toBe(9);
    }
    expect(() => compileExpr('h(x)', syms, 1)).toThrow(/declared as h\(t, x, v\)/);
    expect(() => compileExpr('1/|x|^2', syms, 1)).toThrow(/division by an expression in the variables/);
    expect(() => compileExpr('(gamma+1)^100000', syms, 1)).toThrow(/degree limit/);
    expect(() => compileExpr('dot(x, 1)', syms, 1)).toThrow(/dot needs two vectors/);
    expect(() => compileExpr('exp(x)', syms, 1)).toThrow(/exp needs a scalar exponent/);
    // a generic function may stand in an exponent (Gibbs densities e^{−βV}): test/procedures/gibbs.test.ts
    expect(() => compileExpr('exp(h)', syms, 1)).not.toThrow();
  });
});

describe('symbolic/lang/numeric', () => {
  it('compiles the weight into a numeric tree', () => {
    const e = compileNumeric('exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)*dot(x, v)', syms, 2);
    const val = evalExpr(e, [1, 2], [3, -1], { beta: 0.5, omega0: 1 });
    expect(val).toBeCloseTo(Math.exp(-0.25 * 5 - 0.25 * 10) * (3 - 2), 12);
  });
  it('refuses generic functions', () => {
    expect(() => compileNumeric('h*M', syms, 1)).toThrow(/generic function/);
  });
});
