/**
 * The expression language of claim files (issue 10): ASCII math as mathjs parses it, read into
 * the exact kernel. CONTRACT — the signatures other modules code against; the implementation
 * lives beside this file.
 *
 * Syntax: numbers are exact (`0.1` is 1/10, `1/3` stays a fraction); `+ - * / ^` (integer
 * exponents); parameters and scalar variables by name; vector variables (ℝ^d) with
 * `dot(a, b)`, `|a|^2`, `a[i]` never (no explicit indices); generic functions applied to their
 * declared arguments `h(x, v)` (or `h` alone); `grad(f, x)` (vector), `div(F, x)`, `lap(f, x)`,
 * `diff(f, t)`; `exp(·)` only in weights/densities; `sqrt(·)` becomes a root symbol s ≥ 0 with
 * s² = its argument; named definitions (`theta = x + v/gamma`, `T(g) = …`) expand in place.
 * Relations `a < b`, `a <= b`, `a = b`, `a >= b`, `a > b`, `a != b`.
 *
 * Errors are `LangError` with the 1-based column inside the expression and what was expected;
 * the loader adds file and line.
 */
import type { Poly } from '../poly.ts';
import type { Roots } from '../matrix.ts';
import type { Formula } from '../z3.ts';
import type { Rational } from '../rational.ts';

export class LangError extends Error {
  constructor(
    message: string,
    /** 1-based column inside the expression text (0 when unknown). */
    readonly column: number = 0,
  ) {
    super(message);
    this.name = 'LangError';
  }
}

/** Declarations the language reads (the `symbols:` block of a claim file). */
export interface LangSymbols {
  parameters: Record<string, { domain: string }>;
  variables: Record<string, { vector?: boolean }>;
  functions: Record<string, { args: string[]; vector?: boolean }>;
  dimension?: { name: string };
  definitions: string[];
}

/** A scalar expression over the parameters: num/den with root symbols (sqrt) and their squares. */
export interface ParamExpr {
  num: Poly;
  /** Poly.ONE for a polynomial. */
  den: Poly;
  /** Root symbols s with s = √(roots[s]) ≥ 0. */
  roots: Roots;
}
