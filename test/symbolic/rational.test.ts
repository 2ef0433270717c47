import { describe, expect, it } from 'vitest';
import { Rational, gcd, q } from '../../symbolic/rational.ts';

describe('Rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    const r = Rational.of(6, -4);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(q(0, 5).equals(Rational.ZERO)).toBe(true);
  });

  it('parses fractions, decimals and exponents exactly', () => {
    expect(q('-3/4').toString()).toBe('-3/4');
    expect(q('0.125').toString()).toBe('1/8');
    expect(q('-.5').toString()).toBe('-1/2');
    expect(q('1e-3').toString()).toBe('1/1000');
    expect(q('2.5E2').toString()).toBe('250');
  });

  it('rejects malformed input at the public entry', () => {
    expect(() => q('abc')).toThrow(RangeError);
    expect(() => q('.')).toThrow(/Rational.parse/);
    expect(() => Rational.of(1, 0)).toThrow(/denominator must be non-zero/);
    expect(() => Rational.of(1.5)).toThrow(/safe integer/);
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
  });

  it('reads a double as its exact dyadic value', () => {
    // 0.1 = 3602879701896397 / 2^55
    expect(Rational.fromNumber(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(Rational.fromNumber(-0.75).toString()).toBe('-3/4');
  });

  it('does field arithmetic exactly', () => {
    const a = q(1, 3);
    const b = q(-5, 6);
    expect(a.add(b).toString()).toBe('-1/2');
    expect(a.sub(b).toString()).toBe('7/6');
    expect(a.mul(b).toString()).toBe('-5/18');
    expect(a.div(b).toString()).toBe('-2/5');
    expect(b.inv().toString()).toBe('-6/5');
    expect(q(2, 3).pow(-2).toString()).toBe('9/4');
    expect(q(-2, 3).pow(3).toString()).toBe('-8/27');
    expect(b.abs().toString()).toBe('5/6');
  });

  it('orders rationals by cross-multiplication', () => {
    expect(q(1, 3).compare(q(1, 2))).toBe(-1);
    expect(q(2, 4).compare(q(1, 2))).toBe(0);
    expect(q(-1, 2).lt(q(-1, 3))).toBe(true);
    expect(q(1, 2).le(q(1, 2))).toBe(true);
  });

  it('prints plain and LaTeX forms', () => {
    expect(q(-3, 4).toLatex()).toBe('-\\frac{3}{4}');
    expect(q(5).toLatex()).toBe('5');
    expect(JSON.stringify({ r: q(1, 2) })).toBe('{"r":"1/2"}');
    expect(q(1, 4).toNumber()).toBe(0.25);
  });

  it('computes gcd of signed bigints', () => {
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(0n, 7n)).toBe(7n);
  });
});

describe('isqrt and rationalSqrt', () => {
  it('are exact far beyond double precision', async () => {
    const { isqrt, rationalSqrt, q: qq, Rational: R } = await import('../../symbolic/rational.ts');
    const big = 10n ** 400n + 12345n;
    expect(isqrt(big * big)).toBe(big);
    expect(isqrt(big * big - 1n)).toBe(big - 1n);
    expect(rationalSqrt(qq(9, 4))?.toString()).toBe('3/2');
    expect(rationalSqrt(qq(2))).toBeUndefined();
    expect(rationalSqrt(R.of(big * big, 49n))?.equals(R.of(big, 7n))).toBe(true);
    expect(rationalSqrt(qq(-1))).toBeUndefined();
  });
});
