/**
 * Radicals in the parameter language: k-th roots of monomials in non-negative parameters, square
 * roots of rational functions with a monomial denominator, the square part of a radicand taken
 * out, and the exact sign in ℚ(√r₁, √r₂, …). Planted errors must not come out equal.
 */
import { describe, expect, it } from 'vitest';
import { difference, parseParamExpr, parseParamExprs, signAt } from '../../../symbolic/lang/param.ts';
import type { LangSymbols } from '../../../symbolic/lang/index.ts';
import { q } from '../../../symbolic/rational.ts';

const syms: LangSymbols = {
  parameters: { a: { domain: '> 0' }, b: { domain: '(0, 1)' }, Sigma: { domain: '> 0' }, w: { domain: '> 0' }, g: { domain: 'real' } },
  variables: {},
  functions: {},
  definitions: ['eta = a^4', 'kappa = 1 - b^4'],
};

const zero = (l: string, r: string) => {
  const { exprs } = parseParamExprs([l, r], syms);
  return difference(exprs[0], exprs[1]).num.isZero();
};

describe('radicals in parameter expressions', () => {
  it('takes exact k-th roots of monomials in non-negative parameters', () => {
    expect(zero('eta^(3/4)', 'a^3')).toBe(true);
    expect(zero('(8*a^3)^(2/3)', '4*a^2')).toBe(true);
    expect(zero('eta^(-1/2)', '1/a^2')).toBe(true);
    // planted: a wrong root index
    expect(zero('eta^(3/4)', 'a^2')).toBe(false);
  });

  it('refuses roots it cannot take exactly, with a clear message', () => {
    expect(() => parseParamExpr('g^(1/3)', syms)).toThrow(/fractional power 1\/3/);
    expect(() => parseParamExpr('(a + 1)^(1/4)', syms)).toThrow(/fractional power/);
    // g is real: its square root is a root symbol, never |g| taken for g
    expect(zero('sqrt(g^2)', 'g')).toBe(false);
    expect(() => parseParamExpr('sqrt(1/(g + 1))', syms)).toThrow(/denominator is not a monomial/);
    expect(() => parseParamExpr('sqrt(1 + sqrt(a))', syms)).toThrow(/nested square roots/);
  });

  it('takes sqrt of a rational function over a monomial in positive parameters', () => {
    expect(zero('sqrt((1 - kappa)/eta)', 'b^2/a^2')).toBe(true);
    expect(zero('sqrt((1 - kappa)/eta)*sqrt(eta*(1 - kappa))', '1 - kappa')).toBe(true);
    // the SME scaling of Zhu & Ying (2021), Section 2
    const tau = '(eta^(3/4)/(1 - kappa)^(1/4)*Sigma)';
    expect(zero(`2*sqrt((1 - kappa)/eta)/(${tau}^2*w^4)`, '2*(1 - kappa)/(eta^2*Sigma^2*w^4)')).toBe(true);
    expect(zero(`2*sqrt((1 - kappa)/eta)/(${tau}^2*w^4)`, '2*(1 - kappa)/(eta^2*Sigma*w^4)')).toBe(false);
  });

  it('shares one root symbol after taking out the square part', () => {
    const e = parseParamExpr('sqrt(4*w^2*g^2 - 16*w^4)', syms);
    expect(Object.values(e.roots).map(String)).toEqual(['g^2 - 4*w^2']);
    expect(zero('sqrt(b^8 - 4*w^2*b^4*a^4)', 'b^2*sqrt(b^4 - 4*w^2*a^4)')).toBe(true);
    expect(zero('sqrt(b^8 - 4*w^2*b^4*a^4)', 'b*sqrt(b^4 - 4*w^2*a^4)')).toBe(false);
  });

  it('decides signs exactly with two irrational roots', () => {
    const at = { a: q(1), b: q(1, 2), Sigma: q(1), w: q(1), g: q(3) };
    // √2 + √3 − √10 < 0 (3.146… < 3.162…), √2 + √3 − √9.8 > 0
    const neg = parseParamExpr('sqrt(2) + sqrt(3) - sqrt(10)', syms);
    const pos = parseParamExpr('sqrt(2) + sqrt(3) - sqrt(98/10)', syms);
    expect(signAt(neg, at)).toBe(-1);
    expect(signAt(pos, at)).toBe(1);
    expect(signAt(parseParamExpr('sqrt(2)*sqrt(3) - sqrt(6)', syms), at)).toBe(0);
  });
});
