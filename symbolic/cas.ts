/**
 * CAS adapter: user expression strings → exact `Poly` through mathjs's parser, LaTeX
 * through mathjs, and an exact cross-check of a Poly against a mathjs expression at
 * random rational points (mathjs evaluating over fraction.js).
 *
 * Library output is never trusted alone (DESIGN.md): a parse is exact only because we
 * walk the tree ourselves (decimal literals read as decimals via BigNumber, never as
 * doubles), and simplification is left to the exact kernel. Known library fact: nerdamer
 * 1.1.13 reads an undefined f(x) as f·x when differentiating (test/symbolic/cas.test.ts).
 */
import { create, all, type MathNode } from 'mathjs';
import { Rational } from './rational.ts';
import { Poly } from './poly.ts';

const mathBig = create(all, { number: 'BigNumber', precision: 64 });
const mathFrac = create(all, { number: 'Fraction' });

/**
 * Parse a polynomial expression (+, −, ·, /constant, ^non-negative integer, parentheses)
 * into an exact Poly. Throws RangeError for anything else (functions, division by a
 * variable, fractional powers).
 * @example parsePolynomial('(x + 1/2)^2').toString() // returns "x^2 + x + 1/4"
 */
export function parsePolynomial(text: string): Poly {
  let node: MathNode;
  try {
    node = mathBig.parse(text);
  } catch (err) {
    throw new RangeError(`parsePolynomial: cannot parse "${text}": ${err instanceof Error ? err.message : String(err)}`);
  }
  return toPoly(node, text);
}

function toPoly(node: MathNode, text: string): Poly {
  const n = node as MathNode & { type: string; op?: string; fn?: unknown; args?: MathNode[]; content?: MathNode; value?: unknown; name?: string };
  switch (n.type) {
    case 'ConstantNode':
      return Poly.constant(Rational.parse(String(n.value)));
    case 'SymbolNode':
      return Poly.variable(n.name!);
    case 'ParenthesisNode':
      return toPoly(n.content!, text);
    case 'OperatorNode': {
      const args = n.args!;
      switch (n.op) {
        case '+':
          return args.length === 1 ? toPoly(args[0], text) : toPoly(args[0], text).add(toPoly(args[1], text));
        case '-':
          return args.length === 1 ? toPoly(args[0], text).neg() : toPoly(args[0], text).sub(toPoly(args[1], text));
        case '*':
          return args.map((a) => toPoly(a, text)).reduce((a, b) => a.mul(b));
        case '/': {
          const den = toPoly(args[1], text).constantValue();
          if (den === undefined || den.isZero()) throw new RangeError(`parsePolynomial: division by a non-constant or zero in "${text}"`);
          return toPoly(args[0], text).scale(den.inv());
        }
        case '^': {
          const e = toPoly(args[1], text).constantValue();
          if (e === undefined || !e.isInteger() || e.sign() < 0) throw new RangeError(`parsePolynomial: exponent must be a non-negative integer in "${text}"`);
          return toPoly(args[0], text).pow(Number(e.num));
        }
        default:
          throw new RangeError(`parsePolynomial: operator "${n.op}" is not polynomial in "${text}"`);
      }
    }
    default:
      throw new RangeError(`parsePolynomial: ${n.type} is not polynomial in "${text}"`);
  }
}

/**
 * LaTeX of a Poly via mathjs's printer (names passed through `rename`, e.g. omega0 → omega_0).
 * @example polyToLatex(parsePolynomial('x^2/2')) // returns "\\left(\\frac{1}{2}\\right)\\cdot{ x}^{2}"
 */
export function polyToLatex(p: Poly, rename: (v: string) => string = (v) => v): string {
  const renamed = p.variables().reduce((acc, v) => acc.replace(new RegExp(`\\b${v}\\b`, 'g'), rename(v)), p.toString());
  return mathBig.parse(renamed).toTex();
}

/** Options of the cross-check. */
export interface CrossCheckOptions {
  /** Number of random rational points. @defaultValue 8 */
  trials?: number;
  /** Largest numerator/denominator of the random rationals. @defaultValue 9 */
  maxDenominator?: number;
}

/** Outcome of a cross-check: the first mismatching point, if any. */
export interface CrossCheckResult {
  agree: boolean;
  trials: number;
  mismatch?: { point: Record<string, string>; poly: string; mathjs: string };
}

/**
 * Evaluate `p` and the mathjs expression `text` exactly (mathjs over fraction.js) at random
 * rational points from the seeded `rng` (values in [0, 1)).
 */
export function crossCheck(p: Poly, text: string, rng: () => number, options: CrossCheckOptions = {}): CrossCheckResult {
  const { trials = 8, maxDenominator = 9 } = options;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`crossCheck: trials must be a positive integer, got ${trials}`);
  const expr = mathFrac.compile(text);
  const names = [...new Set([...p.variables(), ...symbolsOf(text)])];
  for (let k = 0; k < trials; k++) {
    const point: Record<string, Rational> = {};
    const scope: Record<string, unknown> = {};
    for (const v of names) {
      const num = Math.floor(rng() * (2 * maxDenominator + 1)) - maxDenominator;
      const den = 1 + Math.floor(rng() * maxDenominator);
      point[v] = Rational.of(num, den);
      scope[v] = mathFrac.fraction(`${num}/${den}`);
    }
    const a = p.evaluate(point);
    const raw = expr.evaluate(scope) as { s: bigint | number; n: bigint | number; d: bigint | number };
    const b = Rational.of(BigInt(raw.s) * BigInt(raw.n), BigInt(raw.d));
    if (!a.equals(b)) {
      return { agree: false, trials: k + 1, mismatch: { point: Object.fromEntries(Object.entries(point).map(([x, r]) => [x, r.toString()])), poly: a.toString(), mathjs: b.toString() } };
    }
  }
  return { agree: true, trials };
}

function symbolsOf(text: string): string[] {
  const out = new Set<string>();
  mathBig.parse(text).traverse((node) => {
    const n = node as MathNode & { type: string; name?: string };
    if (n.type === 'SymbolNode') out.add(n.name!);
  });
  return [...out];
}
