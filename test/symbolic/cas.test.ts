import { describe, expect, it } from 'vitest';
import nerdamer from 'nerdamer';
import 'nerdamer/Calculus.js';
import { crossCheck, parsePolynomial, polyToLatex } from '../../symbolic/cas.ts';
import { pv } from '../../symbolic/poly.ts';

/** A small seeded generator (Park–Miller) for the test. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('parsePolynomial', () => {
  it('parses polynomial input exactly', () => {
    expect(parsePolynomial('(x + 1/2)^2').toString()).toBe('x^2 + x + 1/4');
    expect(parsePolynomial('-omega0^2*x - gamma*v').equals(pv('omega0').pow(2).mul(pv('x')).add(pv('gamma').mul(pv('v'))).neg())).toBe(true);
  });

  it('reads decimals as decimals, not doubles', () => {
    expect(parsePolynomial('0.1*x').toString()).toBe('(1/10)*x');
  });

  it('rejects non-polynomial input', () => {
    expect(() => parsePolynomial('sin(x)')).toThrow(RangeError);
    expect(() => parsePolynomial('1/x')).toThrow(/division/);
    expect(() => parsePolynomial('x^(1/2)')).toThrow(/exponent/);
    expect(() => parsePolynomial('x +')).toThrow(/cannot parse/);
  });

  it('prints LaTeX through mathjs', () => {
    expect(polyToLatex(parsePolynomial('x^2/2'))).toBe('\\left(\\frac{1}{2}\\right)\\cdot{ x}^{2}');
  });
});

describe('crossCheck', () => {
  it('agrees with mathjs at random rational points', () => {
    const text = '(x - y)^3 + 0.25*x*y';
    expect(crossCheck(parsePolynomial(text), text, seeded(7)).agree).toBe(true);
  });

  it('finds a mismatch with an exact point', () => {
    const r = crossCheck(parsePolynomial('x^2 + y'), 'x^2 - y', seeded(3));
    expect(r.agree).toBe(false);
    expect(r.mismatch!.poly).not.toBe(r.mismatch!.mathjs);
  });
});

describe('nerdamer (library fact, DESIGN.md)', () => {
  it('reads an undefined f(x) as f·x when differentiating', () => {
    // a generic f would give f′(x)e^{−x²} − 2x f(x)e^{−x²}; nerdamer differentiates f·x
    expect(nerdamer.diff('f(x)*exp(-x^2)', 'x').toString()).toBe('-2*e^(-x^2)*f*x^2+e^(-x^2)*f');
  });
});
