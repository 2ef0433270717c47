/**
 * Solver queries as plain data, for a message between threads (structured clone keeps bigints,
 * not classes): a polynomial as its terms (monomial, numerator, denominator). `decodeQuery` of
 * `encodeQuery(q)` is q: the same variables, roots, integers and formulas, term for term.
 */
import { Poly, type Monomial } from './poly.ts';
import { Rational } from './rational.ts';
import type { Formula, RealQuery } from './z3.ts';

export type WirePoly = [Monomial, bigint, bigint][];

export type WireFormula =
  | { kind: 'atom'; poly: WirePoly; rel: Extract<Formula, { kind: 'atom' }>['rel'] }
  | { kind: 'and' | 'or'; args: WireFormula[] }
  | { kind: 'not'; arg: WireFormula }
  | { kind: 'const'; value: boolean };

export interface WireQuery {
  variables: string[];
  roots?: Record<string, WirePoly>;
  integers?: string[];
  assumptions: WireFormula;
  goal: WireFormula;
}

export function encodePoly(p: Poly): WirePoly {
  return p.termList().map((t) => [t.mono, t.coef.num, t.coef.den]);
}

export function decodePoly(w: WirePoly): Poly {
  return Poly.fromTerms(w.map(([mono, num, den]) => ({ mono, coef: Rational.of(num, den) })));
}

export function encodeFormula(f: Formula): WireFormula {
  switch (f.kind) {
    case 'atom':
      return { kind: 'atom', poly: encodePoly(f.poly), rel: f.rel };
    case 'and':
    case 'or':
      return { kind: f.kind, args: f.args.map(encodeFormula) };
    case 'not':
      return { kind: 'not', arg: encodeFormula(f.arg) };
    case 'const':
      return { kind: 'const', value: f.value };
  }
}

export function decodeFormula(w: WireFormula): Formula {
  switch (w.kind) {
    case 'atom':
      return { kind: 'atom', poly: decodePoly(w.poly), rel: w.rel };
    case 'and':
    case 'or':
      return { kind: w.kind, args: w.args.map(decodeFormula) };
    case 'not':
      return { kind: 'not', arg: decodeFormula(w.arg) };
    case 'const':
      return { kind: 'const', value: w.value };
  }
}

export function encodeQuery(q: RealQuery): WireQuery {
  return {
    variables: [...q.variables],
    ...(q.roots ? { roots: Object.fromEntries(Object.entries(q.roots).map(([s, r]) => [s, encodePoly(r)])) } : {}),
    ...(q.integers ? { integers: [...q.integers] } : {}),
    assumptions: encodeFormula(q.assumptions),
    goal: encodeFormula(q.goal),
  };
}

export function decodeQuery(w: WireQuery): RealQuery {
  return {
    variables: [...w.variables],
    ...(w.roots ? { roots: Object.fromEntries(Object.entries(w.roots).map(([s, r]) => [s, decodePoly(r)])) } : {}),
    ...(w.integers ? { integers: [...w.integers] } : {}),
    assumptions: decodeFormula(w.assumptions),
    goal: decodeFormula(w.goal),
  };
}
