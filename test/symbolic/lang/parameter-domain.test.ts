import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inParameterDomain, parseDomain } from '../../../symbolic/lang/param.ts';
import { evaluateFormula } from '../../../symbolic/z3.ts';
import { q } from '../../../symbolic/rational.ts';

const bound = fc.tuple(fc.constantFrom('>', '>=', '<', '<=', '!='), fc.integer({ min: -3, max: 3 }), fc.constantFrom(1, 2));
const domainText = fc.oneof(
  fc.array(bound, { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([op, n, d]) => `${op} ${n}${d === 1 ? '' : `/${d}`}`).join(', ')),
  fc.tuple(fc.constantFrom('(', '['), fc.integer({ min: -3, max: 0 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(')', ']')).map(([a, lo, hi, b]) => `${a}${lo}, ${hi}${b}`),
  fc.constantFrom('real', ''),
);

describe('inParameterDomain', () => {
  it('says what the domain formula says, at every value (sampling reads the bounds, solvers the formula)', () => {
    fc.assert(
      fc.property(domainText, fc.integer({ min: -8, max: 8 }), fc.constantFrom(1, 2, 4), (text, n, d) => {
        let dom;
        try {
          dom = parseDomain('a', text);
        } catch {
          return; // an empty domain is an input error
        }
        const x = q(n, d);
        expect(inParameterDomain(dom, x)).toBe(evaluateFormula(dom.formula, { a: x }));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
  it('the stricter of two equal bounds wins, in either order', () => {
    for (const text of ['>= 0, > 0', '> 0, >= 0']) expect(inParameterDomain(parseDomain('a', text), q(0))).toBe(false);
    for (const text of ['<= 1, < 1', '< 1, <= 1']) expect(inParameterDomain(parseDomain('a', text), q(1))).toBe(false);
    expect(inParameterDomain(parseDomain('a', '> 0, != 1'), q(1))).toBe(false);
  });
});
