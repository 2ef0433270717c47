/**
 * Exact rationals over `bigint`, always in lowest terms with a positive denominator.
 *
 * A small own type rather than fraction.js: the polynomial kernel does millions of
 * additions, and an immutable pair of bigints with gcd normalisation is measured
 * faster than fraction.js 5 for that load (see test/bench/run.ts, "rational add").
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  /** Build n/d in lowest terms. @example Rational.of(2, 4).toString() // returns "1/2" */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num, 'Rational.of: numerator');
    const d = toBigInt(den, 'Rational.of: denominator');
    if (d === 0n) throw new RangeError('Rational.of: denominator must be non-zero, got 0');
    return normalise(n, d);
  }

  /** Parse "3", "-3/4", "0.125" or "1e-3" exactly. */
  static parse(text: string): Rational {
    const s = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(s);
    if (frac) return Rational.of(BigInt(frac[1]), BigInt(frac[2]));
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (dec && (dec[2] || dec[3])) {
      const sign = dec[1] === '-' ? -1n : 1n;
      const intPart = dec[2] || '0';
      const fracPart = dec[3] || '';
      const exp = Number(dec[4] || '0') - fracPart.length;
      const digits = BigInt(intPart + fracPart) * sign;
      return exp >= 0 ? Rational.of(digits * 10n ** BigInt(exp)) : Rational.of(digits, 10n ** BigInt(-exp));
    }
    throw new RangeError(`Rational.parse: not a rational number, got "${text}"`);
  }

  /** The exact value of a finite double (every double is a dyadic rational). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromNumber: value must be finite, got ${x}`);
    if (Number.isInteger(x)) return Rational.of(BigInt(x));
    let den = 1n;
    let y = x;
    while (!Number.isInteger(y)) {
      y *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(y), den);
  }

  isZero(): boolean {
    return this.num === 0n;
  }
  isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num > 0n ? 1 : -1;
  }

  add(o: Rational): Rational {
    if (this.num === 0n) return o;
    if (o.num === 0n) return this;
    if (this.den === o.den) return normalise(this.num + o.num, this.den);
    return normalise(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return normalise(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational.div: division by zero');
    return normalise(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }
  inv(): Rational {
    if (this.num === 0n) throw new RangeError('Rational.inv: inverse of zero');
    return normalise(this.den, this.num);
  }
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError(`Rational.pow: exponent must be an integer, got ${k}`);
    if (k < 0) return this.inv().pow(-k);
    return new Rational(this.num ** BigInt(k), this.den ** BigInt(k));
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l === r ? 0 : l < r ? -1 : 1;
  }
  lt(o: Rational): boolean {
    return this.compare(o) < 0;
  }
  le(o: Rational): boolean {
    return this.compare(o) <= 0;
  }

  /** Nearest double (for display and floating cross-checks only; never proves). */
  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    const shift = BigInt(Math.max(0, this.den.toString(2).length - 1000));
    return Number(this.num >> shift) / Number(this.den >> shift);
  }
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  toLatex(): string {
    if (this.den === 1n) return this.num.toString();
    const sign = this.num < 0n ? '-' : '';
    const n = this.num < 0n ? -this.num : this.num;
    return `${sign}\\frac{${n}}{${this.den}}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand: q(1, 2) is 1/2; q("3/4") parses. */
export function q(num: bigint | number | string, den: bigint | number = 1n): Rational {
  return typeof num === 'string' ? Rational.parse(num) : Rational.of(num, den);
}

/** ⌊√n⌋ for n ≥ 0 by integer Newton iteration (exact for bigints of any size). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt: n must be ≥ 0, got ${n}`);
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // ≥ √n
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** The exact square root of a non-negative rational, or undefined when it is irrational. @example rationalSqrt(q(9, 4)) // returns 3/2 */
export function rationalSqrt(r: Rational): Rational | undefined {
  if (r.sign() < 0) return undefined;
  const a = isqrt(r.num);
  const b = isqrt(r.den);
  return a * a === r.num && b * b === r.den ? Rational.of(a, b) : undefined;
}

/** ⌊n^{1/k}⌋ for n ≥ 0, k ≥ 1 (integer Newton, exact for any size). */
export function iroot(n: bigint, k: number): bigint {
  if (n < 0n) throw new RangeError(`iroot: n must be ≥ 0, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`iroot: k must be a positive integer, got ${k}`);
  if (k === 1 || n < 2n) return n;
  const K = BigInt(k);
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / k)); // ≥ n^{1/k}
  for (;;) {
    const y = ((K - 1n) * x + n / x ** (K - 1n)) / K;
    if (y >= x) return x;
    x = y;
  }
}

/** The exact real k-th root of a rational (k odd: any sign; k even: r ≥ 0), or undefined when it is irrational. @example rationalRoot(q(8, 27), 3) // returns 2/3 */
export function rationalRoot(r: Rational, k: number): Rational | undefined {
  if (k % 2 === 0 && r.sign() < 0) return undefined;
  const neg = r.sign() < 0;
  const n = neg ? -r.num : r.num;
  const a = iroot(n, k), b = iroot(r.den, k);
  const K = BigInt(k);
  if (a ** K !== n || b ** K !== r.den) return undefined;
  return Rational.of(neg ? -a : a, b);
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function normalise(n: bigint, d: bigint): Rational {
  if (n === 0n) return Rational.ZERO;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return new (Rational as unknown as new (n: bigint, d: bigint) => Rational)(n, 1n);
  const g = gcd(n, d);
  const Ctor = Rational as unknown as new (n: bigint, d: bigint) => Rational;
  return g === 1n ? new Ctor(n, d) : new Ctor(n / g, d / g);
}

function toBigInt(x: bigint | number, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer, got ${x}`);
  return BigInt(x);
}
