/**
 * The parameter level of the claim-file language: expressions in the parameters (polynomials,
 * rational functions, square roots as root symbols), relations, parameter domains and `forall`
 * hypotheses as solver formulas, and random exact points inside a domain.
 *
 * Exactness: numbers are read as exact decimals (mathjs BigNumber strings → Rational), never
 * through doubles. A relation between rational functions N/D rel 0 is encoded as N·D rel 0 ∧
 * D ≠ 0 (same sign), so no case split is needed and nothing is lost.
 *
 * @example parseParamExpr('gamma/2 - sqrt(gamma^2 - 4*omega0^2)/2', syms) // num = γ/2 − s/2, roots {sqrt_…: γ² − 4ω₀²}
 */
import { create, all, type MathNode } from 'mathjs';
import { Rational, q, rationalRoot, rationalSqrt } from '../rational.ts';
import { Poly, pc, pv, type Monomial } from '../poly.ts';
import { reduceRoots, rootName, signWithRoot, type Roots } from '../matrix.ts';
import { TRUE, and, atom, evaluateFormula, type Formula, type Relation } from '../z3.ts';
import { LangError, type LangSymbols, type ParamExpr } from './index.ts';
import { barsToAbs, splitRelation } from './text.ts';

const mathBig = create(all, { number: 'BigNumber', precision: 64 });

/** Resource limits: a claim file is untrusted data. */
export const PARAM_LIMITS = {
  /** Characters of one expression. */
  length: 4000,
  /** Nesting depth of the parse tree. */
  depth: 60,
  /** Total degree of a numerator or denominator. */
  degree: 60,
  /** Terms of one polynomial. */
  terms: 20000,
} as const;

type Node = MathNode & { type: string; op?: string; fn?: { name?: string } | string; args?: MathNode[]; content?: MathNode; value?: unknown; name?: string };

/** A printed constant as an exact rational; Infinity, NaN and the like are a LangError naming the text. */
export function exactConstant(value: unknown, text: string): Rational {
  try {
    return Rational.parse(String(value));
  } catch {
    throw new LangError(`not an exact number: ${String(value)} in "${text.trim()}"`);
  }
}

/** Parse text with mathjs after the bar rewrite; LangError with the column on a syntax error. */
export function parseMath(text: string): MathNode {
  if (text.length > PARAM_LIMITS.length) throw new LangError(`expression longer than ${PARAM_LIMITS.length} characters`, 1);
  if (text.trim() === '') throw new LangError('empty expression; expected a formula', 1);
  let node: MathNode;
  try {
    node = mathBig.parse(barsToAbs(text));
  } catch (err) {
    const e = err as { message?: string; char?: number };
    const msg = (e.message ?? String(err)).replace(/\s*\(char \d+\)/, '');
    throw new LangError(`cannot parse "${text}": ${msg}`, e.char ?? 0);
  }
  // Implicit multiplication is read by precedence rules a reader does not share ("1/2a", "x^2y"):
  // a formula must say what it multiplies.
  let implicit: MathNode | undefined;
  node.traverse((c) => {
    if (!implicit && c.type === 'OperatorNode' && (c as MathNode & { implicit?: boolean }).implicit) implicit = c;
  });
  if (implicit) throw new LangError(`implicit multiplication "${implicit.toString()}" in "${text}": write * (e.g. 1/(2*a) or a/2 for 1/2a)`, 1);
  return node;
}

function depthOf(node: MathNode): number {
  let max = 0;
  const walk = (n: MathNode, d: number) => {
    if (d > max) max = d;
    if (d > PARAM_LIMITS.depth) return;
    n.forEach((c) => walk(c, d + 1));
  };
  walk(node, 1);
  return max;
}

/** A zero-arity definition `name = body` of the symbols, by name. */
function definitionBodies(symbols: LangSymbols): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of symbols.definitions) {
    const rel = splitRelation(def);
    if (!rel || rel.rel !== '=') continue;
    const name = rel.lhs.trim();
    if (/^[A-Za-z_]\w*$/.test(name)) out.set(name, rel.rhs);
  }
  return out;
}

/**
 * True when `name` is a parameter whose printed domain lies in [0, ∞) and no definition shadows it
 * (`definitions`: the names the file's definitions give, definitionBodies): there √(p²) = p.
 */
export function nonNegativeParameter(symbols: LangSymbols, name: string, definitions: ReadonlyMap<string, unknown> = definitionBodies(symbols)): boolean {
  const p = symbols.parameters[name];
  if (!p || definitions.has(name)) return false;
  const lo = parseDomain(name, p.domain).lo;
  return lo !== undefined && lo.sign() >= 0;
}

/** √p as a polynomial when p is a rational square times even powers of parameters that `nonNegative` accepts (√(9a²) = 3a for a ≥ 0), else undefined. */
export function exactSquareRoot(p: Poly, nonNegative: (name: string) => boolean): Poly | undefined {
  const { outside, inside } = squareContent(p, nonNegative);
  const c = inside.constantValue();
  const r = c ? sqrtExact(c) : undefined;
  return r ? outside.scale(r) : undefined;
}

class ParamBuilder {
  readonly roots: Record<string, Poly> = {};
  /** Every non-constant divisor met while building (the numerator of what is divided by, or raised to a negative power): where one is 0 the text is undefined, even when the result simplifies (1/(1/a) = a). */
  readonly divisors: Poly[] = [];
  private readonly defs: Map<string, string>;
  private readonly expanding = new Set<string>();
  constructor(
    private readonly symbols: LangSymbols,
    private readonly extra: ReadonlySet<string>,
  ) {
    this.defs = definitionBodies(symbols);
  }

  /** True when the printed domain of parameter `name` lies in [0, ∞). */
  private nonNegative(name: string): boolean {
    return nonNegativeParameter(this.symbols, name, this.defs);
  }

  /**
   * √radicand as O·s: the square part O of the content (a rational square and even powers of
   * non-negative parameters common to every term) is taken out, s = √(radicand/O²) a root symbol.
   */
  private rootFor(raw: Poly): Poly {
    // s² → its radicand first; a root left inside is a nested radical
    const radicand = reduceRoots(raw, this.roots);
    const nested = radicand.variables().find((v) => v in this.roots);
    if (nested) throw new LangError(`nested square roots are not supported (${nested} = sqrt(${this.roots[nested]}) inside another sqrt)`);
    const c = radicand.constantValue();
    if (c) {
      if (c.sign() < 0) throw new LangError(`sqrt of the negative constant ${c}`);
      const num = sqrtExact(c);
      if (num) return pc(num);
    }
    const { outside, inside } = squareContent(radicand, (v) => this.nonNegative(v));
    for (const [s, r] of Object.entries(this.roots)) if (r.equals(inside)) return outside.mul(pv(s));
    const ic = inside.constantValue();
    if (ic && ic.sign() < 0) throw new LangError(`sqrt of a negative multiple of a square: ${radicand}`);
    const ics = ic ? sqrtExact(ic) : undefined;
    if (ics) return outside.mul(pc(ics));
    const name = rootName(inside);
    this.roots[name] = inside;
    return outside.mul(pv(name));
  }

  /** √(N/D): D constant, or a monomial in non-negative parameters (√(N·D)/|D|). */
  private sqrtOf(r: { num: Poly; den: Poly }, text: string): { num: Poly; den: Poly } {
    const dc = r.den.constantValue();
    // √(N/c) = √(N·c)/|c|
    if (dc) return { num: this.rootFor(r.num.scale(dc)), den: pc(dc.abs()) };
    const m = monomialOf(r.den);
    if (m && m.mono.every(([v]) => this.nonNegative(v))) return { num: this.rootFor(r.num.mul(r.den)), den: r.den.scale(m.coef.sign() < 0 ? q(-1) : q(1)) };
    throw new LangError(`sqrt of a rational function in "${text}" whose denominator is not a monomial in non-negative parameters: write sqrt(numerator)/sqrt(denominator)`);
  }

  /** (N/D)^{1/k} exactly when N and D are monomials in non-negative parameters with exact k-th roots. */
  private exactRoot(r: { num: Poly; den: Poly }, k: number): { num: Poly; den: Poly } | undefined {
    const root = (p: Poly): Poly | undefined => {
      const m = monomialOf(p);
      if (!m) return undefined;
      const c = rationalRoot(m.coef, k);
      if (!c || !m.mono.every(([v, e]) => e % k === 0 && (k % 2 === 1 || this.nonNegative(v)))) return undefined;
      return Poly.monomial(c, m.mono.map(([v, e]) => [v, e / k] as const));
    };
    const num = r.num.isZero() ? Poly.ZERO : root(r.num);
    const den = root(r.den);
    return num && den ? { num, den } : undefined;
  }

  private check(p: { num: Poly; den: Poly }, text: string): { num: Poly; den: Poly } {
    for (const x of [p.num, p.den]) {
      if (x.totalDegree() > PARAM_LIMITS.degree) throw new LangError(`degree limit ${PARAM_LIMITS.degree} exceeded in "${text}"`);
      if (x.size() > PARAM_LIMITS.terms) throw new LangError(`size limit (${PARAM_LIMITS.terms} terms) exceeded in "${text}"`);
    }
    return p;
  }

  build(node: MathNode, text: string): { num: Poly; den: Poly } {
    const n = node as Node;
    switch (n.type) {
      case 'ConstantNode':
        return { num: pc(exactConstant(n.value, text)), den: Poly.ONE };
      case 'SymbolNode': {
        const name = n.name!;
        // A definition shadows a parameter of the same name (a record's `define: ["C = omega0^2"]`).
        const body = this.defs.get(name);
        if (body === undefined && (name in this.symbols.parameters || this.extra.has(name))) return { num: pv(name), den: Poly.ONE };
        if (body !== undefined) {
          if (this.expanding.has(name)) throw new LangError(`definition ${name} refers to itself`);
          this.expanding.add(name);
          try {
            return this.build(parseMath(body), body);
          } finally {
            this.expanding.delete(name);
          }
        }
        if (name in this.symbols.variables) throw new LangError(`"${name}" is a space variable; a parameter expression is expected here`);
        throw new LangError(`undefined symbol "${name}" (declare it under symbols.parameters)`);
      }
      case 'ParenthesisNode':
        return this.build(n.content!, text);
      case 'OperatorNode': {
        const args = n.args!;
        const a = this.build(args[0], text);
        if (args.length === 1) {
          if (n.op === '-') return { num: a.num.neg(), den: a.den };
          if (n.op === '+') return a;
          throw new LangError(`operator "${n.op}" is not allowed in "${text}"`);
        }
        const b = this.build(args[1], text);
        switch (n.op) {
          case '+':
          case '-': {
            const bn = n.op === '+' ? b.num : b.num.neg();
            if (a.den.equals(b.den)) return this.check({ num: a.num.add(bn), den: a.den }, text);
            return this.check({ num: a.num.mul(b.den).add(bn.mul(a.den)), den: a.den.mul(b.den) }, text);
          }
          case '*':
            return this.check({ num: a.num.mul(b.num), den: a.den.mul(b.den) }, text);
          case '/':
            if (b.num.isZero()) throw new LangError(`division by zero in "${text}"`);
            if (!b.num.constantValue()) this.divisors.push(b.num);
            return this.check({ num: a.num.mul(b.den), den: a.den.mul(b.num) }, text);
          case '^': {
            const e = b.den.constantValue() && b.num.constantValue() ? b.num.constantValue()!.div(b.den.constantValue()!) : b.num.isZero() ? Rational.ZERO : undefined;
            if (!e) throw new LangError(`exponent must be a constant in "${text}"`);
            let base = a;
            if (!e.isInteger()) {
              // x^(p/k): an exact k-th root of a monomial in non-negative parameters, or a square root
              const k = Number(e.den);
              const r = this.exactRoot(a, k) ?? (k === 2 ? this.sqrtOf(a, text) : undefined);
              if (!r) throw new LangError(`fractional power ${e} in "${text}": only square roots and k-th roots of monomials in non-negative parameters are exact; introduce a parameter for the root (e.g. eta = a^4 with a > 0)`);
              base = r;
            }
            const k = Number(e.num);
            if (Math.abs(k) * Math.max(base.num.totalDegree(), base.den.totalDegree(), 1) > PARAM_LIMITS.degree) throw new LangError(`degree limit ${PARAM_LIMITS.degree} exceeded in "${text}"`);
            if (k >= 0) return this.check({ num: base.num.pow(k), den: base.den.pow(k) }, text);
            if (base.num.isZero()) throw new LangError(`0 to a negative power in "${text}"`);
            if (!base.num.constantValue()) this.divisors.push(base.num);
            return this.check({ num: base.den.pow(-k), den: base.num.pow(-k) }, text);
          }
          default:
            throw new LangError(`operator "${n.op}" is not allowed in a parameter expression ("${text}")`);
        }
      }
      case 'FunctionNode': {
        const fname = typeof n.fn === 'string' ? n.fn : (n.fn as { name?: string })?.name;
        const args = n.args ?? [];
        if (fname === 'sqrt' && args.length !== 1) throw new LangError(`sqrt takes one argument in "${text}"`);
        if (fname === 'sqrt' && args.length === 1) {
          return this.sqrtOf(this.build(args[0], text), text);
        }
        throw new LangError(`function "${fname}" is not allowed in a parameter expression ("${text}"); allowed: sqrt`);
      }
      default:
        throw new LangError(`${n.type} is not allowed in a parameter expression ("${text}")`);
    }
  }
}

const sqrtExact = rationalSqrt;

/** The largest monomial (exponents only) dividing every term of the polynomials. */
function monomialGcd(ps: readonly Poly[]): [string, number][] {
  const terms = ps.flatMap((p) => p.termList());
  if (!terms.length) return [];
  const min = new Map(terms[0].mono.map(([v, k]) => [v, k] as [string, number]));
  for (const t of terms.slice(1)) for (const v of [...min.keys()]) min.set(v, Math.min(min.get(v)!, t.mono.find(([w]) => w === v)?.[1] ?? 0));
  return [...min].filter(([, k]) => k > 0);
}

/** p divided by a monomial dividing every term of it. */
function divideMonomial(p: Poly, g: readonly [string, number][]): Poly {
  if (!g.length) return p;
  let out = Poly.ZERO;
  for (const t of p.termList()) out = out.add(Poly.monomial(t.coef, t.mono.map(([v, k]) => [v, k - (g.find(([w]) => w === v)?.[1] ?? 0)] as const).filter(([, k]) => k > 0)));
  return out;
}

/** The single term c·m of a monomial polynomial. */
function monomialOf(p: Poly): { coef: Rational; mono: Monomial } | undefined {
  const t = p.termList();
  return t.length === 1 ? { coef: t[0].coef, mono: t[0].mono } : undefined;
}

/** Largest s with s² | n, by trial division with primes below 1000 (a partial square part; exact). */
function squareFactor(n: bigint): bigint {
  let s = 1n;
  for (let p = 2n; p < 1000n && p * p <= n; p++) {
    while (n % (p * p) === 0n) {
      n /= p * p;
      s *= p;
    }
  }
  return s;
}

/**
 * radicand = outside² · inside, outside = a positive rational times even-power halves of the
 * non-negative parameters common to every term (√(x²R) = x√R for x ≥ 0).
 */
export function squareContent(radicand: Poly, nonNegative: (v: string) => boolean): { outside: Poly; inside: Poly } {
  const terms = radicand.termList();
  if (terms.length === 0) return { outside: Poly.ONE, inside: radicand };
  const minExp = new Map<string, number>();
  terms[0].mono.forEach(([v, e]) => { if (nonNegative(v)) minExp.set(v, e); });
  for (const t of terms.slice(1)) {
    for (const v of [...minExp.keys()]) {
      const e = t.mono.find(([w]) => w === v)?.[1] ?? 0;
      if (e < (minExp.get(v) ?? 0)) minExp.set(v, e);
    }
  }
  const half: [string, number][] = [...minExp].map(([v, e]) => [v, Math.floor(e / 2)] as [string, number]).filter(([, e]) => e > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  let g = 0n, l = 1n;
  for (const t of terms) {
    const n = t.coef.num < 0n ? -t.coef.num : t.coef.num;
    let a = g, b = n;
    while (b !== 0n) [a, b] = [b, a % b];
    g = a;
    let x = l, y = t.coef.den;
    while (y !== 0n) [x, y] = [y, x % y];
    l = (l / x) * t.coef.den;
  }
  const sNum = squareFactor(g), sDen = squareFactor(l);
  // content g/l: take (sNum/sDen)² out of the numerator part, and 1/l inside as l/l²
  const c = Rational.of(sNum, sDen);
  if (half.length === 0 && c.equals(Rational.ONE)) return { outside: Poly.ONE, inside: radicand };
  const outside = Poly.monomial(c, half);
  const div = Poly.monomial(c.mul(c), half.map(([v, e]) => [v, 2 * e] as const));
  let inside = Poly.ZERO;
  const dm = div.termList()[0];
  for (const t of terms) {
    const mono = t.mono.map(([v, e]) => [v, e - (dm.mono.find(([w]) => w === v)?.[1] ?? 0)] as const).filter(([, e]) => e > 0);
    inside = inside.add(Poly.monomial(t.coef.div(dm.coef), mono));
  }
  return { outside, inside };
}

function finish(p: { num: Poly; den: Poly }, roots: Roots): ParamExpr {
  return { num: reduceRoots(p.num, roots), den: reduceRoots(p.den, roots), roots };
}

/**
 * Parse a parameter expression (exact): polynomials, rational functions, `sqrt` as root symbols
 * `sqrt_<hash of the radicand>` (s ≥ 0, s² = radicand; identical radicands share a symbol), definitions of
 * the symbols expanded. `extra` names further free symbols (e.g. a record's own constants).
 */
export function parseParamExpr(text: string, symbols: LangSymbols, extra: readonly string[] = []): ParamExpr {
  const node = parseMath(text);
  if (depthOf(node) > PARAM_LIMITS.depth) throw new LangError(`nesting deeper than ${PARAM_LIMITS.depth}`);
  const b = new ParamBuilder(symbols, new Set(extra));
  return finish(b.build(node, text), b.roots);
}

/** Several expressions sharing root symbols (a matrix, both sides of a relation). */
export function parseParamExprs(texts: readonly string[], symbols: LangSymbols, extra: readonly string[] = []): { exprs: ParamExpr[]; roots: Roots; divisors: Poly[] } {
  const b = new ParamBuilder(symbols, new Set(extra));
  const raw = texts.map((t) => {
    const node = parseMath(t);
    if (depthOf(node) > PARAM_LIMITS.depth) throw new LangError(`nesting deeper than ${PARAM_LIMITS.depth}`);
    return b.build(node, t);
  });
  return { exprs: raw.map((r) => finish(r, b.roots)), roots: { ...b.roots }, divisors: [...b.divisors] };
}

const REL_MAP: Record<string, Relation> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=' };

/** A printed relation `lhs REL rhs` over the parameters. */
export function parseRelation(text: string, symbols: LangSymbols, extra: readonly string[] = []): { lhs: ParamExpr; rel: Relation; rhs: ParamExpr; divisors: Poly[]; roots: Roots } {
  const r = splitRelation(text);
  if (!r) throw new LangError(`expected a relation (<, <=, =, >=, >, !=) in "${text}"`, 1);
  const { exprs, divisors, roots } = parseParamExprs([r.lhs, r.rhs], symbols, extra);
  return { lhs: exprs[0], rel: REL_MAP[r.rel], rhs: exprs[1], divisors, roots };
}

/** lhs − rhs as one fraction sharing the roots of both sides. */
export function difference(lhs: ParamExpr, rhs: ParamExpr): ParamExpr {
  const roots = { ...lhs.roots, ...rhs.roots };
  const num = lhs.den.equals(rhs.den) ? lhs.num.sub(rhs.num) : lhs.num.mul(rhs.den).sub(rhs.num.mul(lhs.den));
  const den = lhs.den.equals(rhs.den) ? lhs.den : lhs.den.mul(rhs.den);
  return { num: reduceRoots(num, roots), den: reduceRoots(den, roots), roots };
}

/** `N/D rel 0` as `N·D rel 0 ∧ D ≠ 0` (the sign of N/D is the sign of N·D). */
export function signFormula(e: ParamExpr, rel: Relation): Formula {
  const dc = e.den.constantValue();
  if (dc) return atom(e.num.scale(dc.sign() < 0 ? q(-1) : q(1)), rel);
  // A monomial denominator c·Πxᵢ^kᵢ has the sign of sign(c)·Πxᵢ^(kᵢ mod 2) where it is ≠ 0: the
  // even powers are dropped from the product (lower degree for the solvers, same truth).
  // A monomial common to numerator and denominator cancels (it is ≠ 0 where the denominator is).
  const g = monomialGcd([e.num, e.den]);
  const num = divideMonomial(e.num, g), den = divideMonomial(e.den, g);
  const m = monomialOf(den);
  const signPart = m ? Poly.monomial(m.coef.sign() < 0 ? q(-1) : q(1), m.mono.filter(([, k]) => k % 2 === 1).map(([v]) => [v, 1] as const)) : den;
  return and(atom(reduceRoots(num.mul(signPart), e.roots), rel), atom(e.den, '!='));
}

/** A relation as a formula (roots returned for the solver query). */
export function relationFormula(text: string, symbols: LangSymbols, extra: readonly string[] = []): { formula: Formula; roots: Roots } {
  const { lhs, rel, rhs } = parseRelation(text, symbols, extra);
  const d = difference(lhs, rhs);
  return { formula: signFormula(d, rel), roots: d.roots };
}

/** A parsed domain: its formula and whether the parameter must be an integer. */
export interface ParameterDomain {
  formula: Formula;
  integer: boolean;
  /** Bounds for sampling (finite fallbacks where the domain is unbounded). */
  lo?: Rational;
  hi?: Rational;
  loOpen: boolean;
  hiOpen: boolean;
  /** The values a `!= c` part excludes: with the bounds, exactly what `formula` says. */
  excluded: Rational[];
}

/** x in the domain, exactly: the bounds and exclusions that `formula` is the conjunction of (integrality apart). */
export function inParameterDomain(d: ParameterDomain, x: Rational): boolean {
  if (d.lo && (d.loOpen ? !d.lo.lt(x) : x.lt(d.lo))) return false;
  if (d.hi && (d.hiOpen ? !x.lt(d.hi) : d.hi.lt(x))) return false;
  return !d.excluded.some((c) => c.equals(x));
}

/**
 * A parameter's domain as printed: `"> 0"`, `">= 0"`, `"< 1"`, `"(0, 1)"`, `"[0, 1)"`,
 * `"real"`, `"integer >= 1"`, `"> 0, < 2"` (conjunction).
 */
export function parseDomain(name: string, domain: string): ParameterDomain {
  let text = domain.trim();
  const out: ParameterDomain = { formula: TRUE, integer: false, loOpen: true, hiOpen: true, excluded: [] };
  const atoms: Formula[] = [];
  if (/^integer\b/.test(text)) {
    out.integer = true;
    text = text.replace(/^integer\b/, '').trim();
  }
  const x = pv(name);
  const interval = /^([[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])$/.exec(text);
  const num = (s: string): Rational | undefined => {
    if (/^[+-]?(inf|infinity|∞)$/i.test(s.trim())) return undefined;
    try {
      return Rational.parse(s.trim());
    } catch {
      throw new LangError(`domain of ${name}: "${s}" is not an exact number`);
    }
  };
  if (interval) {
    const lo = num(interval[2]);
    const hi = num(interval[3]);
    if (lo) {
      out.lo = lo;
      out.loOpen = interval[1] === '(';
      atoms.push(atom(x.sub(pc(lo)), out.loOpen ? '>' : '>='));
    }
    if (hi) {
      out.hi = hi;
      out.hiOpen = interval[4] === ')';
      atoms.push(atom(x.sub(pc(hi)), out.hiOpen ? '<' : '<='));
    }
    if (lo && hi && (hi.lt(lo) || (hi.equals(lo) && (out.loOpen || out.hiOpen)))) throw new LangError(`domain of ${name} is empty: ${domain}`);
  } else if (text === '' || text === 'real') {
    // no constraint
  } else {
    for (const part of text.split(',')) {
      const m = /^(<=|>=|<|>|!=)\s*(.+)$/.exec(part.trim());
      if (!m) throw new LangError(`domain of ${name}: expected "> 0", ">= 0", "(0, 1)", "[0, 1)", "real" or "integer >= 1", got "${domain}"`);
      const c = num(m[2]);
      if (!c) throw new LangError(`domain of ${name}: bound "${m[2]}" must be finite`);
      atoms.push(atom(x.sub(pc(c)), m[1] as Relation));
      if (m[1] === '!=') out.excluded.push(c);
      else if (m[1] === '>' || m[1] === '>=') {
        if (!out.lo || c.compare(out.lo) > 0 || (c.equals(out.lo) && m[1] === '>')) {
          out.lo = c;
          out.loOpen = m[1] === '>';
        }
      } else if (m[1] === '<' || m[1] === '<=') {
        if (!out.hi || c.compare(out.hi) < 0 || (c.equals(out.hi) && m[1] === '<')) {
          out.hi = c;
          out.hiOpen = m[1] === '<';
        }
      }
    }
    if (out.lo && out.hi && (out.hi.lt(out.lo) || (out.hi.equals(out.lo) && (out.loOpen || out.hiOpen)))) throw new LangError(`domain of ${name} is empty: ${domain}`);
  }
  out.formula = atoms.length === 0 ? TRUE : and(...atoms);
  return out;
}

/** The parameters whose domain is `integer …` (they range over ℤ). */
export function integerParameters(symbols: LangSymbols): string[] {
  return Object.entries(symbols.parameters).filter(([name, p]) => parseDomain(name, p.domain).integer).map(([name]) => name);
}

/** Every parameter domain as formulas, by name. */
export function domainFormulas(symbols: LangSymbols): Formula[] {
  return Object.entries(symbols.parameters).map(([name, p]) => parseDomain(name, p.domain).formula);
}

/** A `forall` hypothesis as a formula (with the root symbols it introduces). */
export function hypothesisFormula(text: string, symbols: LangSymbols, extra: readonly string[] = []): { formula: Formula; roots: Roots } {
  return relationFormula(text, symbols, extra);
}

/** Exact evaluation of a ParamExpr's sign at a point (undefined where the denominator vanishes). */
export function signAt(e: ParamExpr, at: Readonly<Record<string, Rational>>): -1 | 0 | 1 | undefined {
  for (const r of Object.values(e.roots)) if (r.evaluate(at).sign() < 0) return undefined;
  const sd = signWithRootMulti(e.den, at, e.roots);
  if (sd === 0) return undefined;
  const sn = signWithRootMulti(e.num, at, e.roots);
  return (sn * sd) as -1 | 0 | 1;
}

/** Sign of p with root symbols, exactly: one root by signOfSurd; several by substituting rational roots. */
export function signWithRootMulti(p: Poly, at: Readonly<Record<string, Rational>>, roots: Roots): -1 | 0 | 1 {
  return signWithRoot(p, at, roots);
}

/** A seeded source of uniforms in [0, 1). */
export type Uniform = () => number;

function randomRational(rng: Uniform, lo: Rational | undefined, hi: Rational | undefined, integer: boolean, spread: Spread = false): Rational {
  const L = lo ?? (hi ? hi.sub(q(10)) : q(-10));
  const H = hi ?? (lo ? L.add(q(10)) : q(10)); // a real parameter ranges over [−10, 10]
  const den = integer ? 1n : BigInt([1, 2, 3, 4, 5, 7, 10, 16][Math.floor(rng() * 8)]);
  const span = H.sub(L);
  const k = BigInt(Math.floor(rng() * Number(den) * Math.max(1, span.toNumber()) + 1));
  let r = L.add(q(k, den));
  if (!r.lt(H)) r = L.add(span.mul(q(Math.floor(rng() * 997) + 1, 1000)));
  if (integer) {
    r = q(BigInt(Math.ceil(r.toNumber())));
    // an unbounded integer range: a quarter of the draws far out (|m| up to 10·2^10), where a
    // product like m(m − 1)…(m − 10) stops vanishing
    if ((lo === undefined || hi === undefined) && rng() < 0.25) {
      const f = q(2 ** (Math.floor(rng() * 10) + 1));
      r = lo !== undefined ? lo.add(r.sub(lo).mul(f)) : hi !== undefined ? hi.sub(hi.sub(r).mul(f)) : r.mul(f);
      r = q(BigInt(Math.ceil(r.toNumber())));
    }
    return r;
  }
  if (spread) {
    // other scales: the distance to the domain's end (or to 0 on ℝ) divided by 2^j, j = 1…8, or,
    // on a half-line, multiplied by it (a claim false only for small or large values shows there)
    const j = Math.floor(rng() * 8) + 1;
    const grow = spread === 'both' && (lo === undefined || hi === undefined) ? rng() < 0.3 : false;
    const f = grow ? q(2 ** j) : q(1, 2 ** j);
    // toward (or, growing, away from) one end: a bounded interval's either end, a half-line's end, ℝ's 0
    const towardHi = lo !== undefined && hi !== undefined ? rng() < 0.5 : lo === undefined && hi !== undefined;
    if (towardHi) r = hi!.sub(hi!.sub(r).mul(f));
    else if (lo !== undefined) r = lo.add(r.sub(lo).mul(f));
    else r = r.mul(f);
  }
  return r;
}

/** Other scales for sampled values: `both` shrinks toward a domain's end or grows on a half-line; `shrink` only shrinks; false: uniform. */
export type Spread = false | 'both' | 'shrink';

/**
 * One parameter's value x moved to a far scale f: grown away from its domain's end on a half-line
 * (distance at least 1, times f; ℝ both ways) and shrunk toward each finite end (distance ÷ f; ℝ
 * toward 0). Integers rounded inward. Labels name the move (`a ×1000`, `b ×1/100 (→ 0)`); the
 * caller checks the hypotheses. A claim false only where one parameter is huge or tiny shows there.
 */
export function farValues(name: string, domain: Readonly<Pick<ParameterDomain, 'lo' | 'hi' | 'integer'>>, x: Rational, f: number): { value: Rational; label: string }[] {
  const { lo, hi, integer } = domain;
  const F = q(f);
  const round = (y: Rational, up: boolean) => (integer && !y.isInteger() ? q(BigInt(up ? Math.ceil(y.toNumber()) : Math.floor(y.toNumber()))) : y);
  const atLeastOne = (y: Rational) => (y.abs().lt(Rational.ONE) ? Rational.ONE : y.abs());
  const out: { value: Rational; label: string }[] = [];
  if (lo !== undefined && hi === undefined) out.push({ value: round(lo.add(atLeastOne(x.sub(lo)).mul(F)), false), label: `${name} ×${f}` });
  if (hi !== undefined && lo === undefined) out.push({ value: round(hi.sub(atLeastOne(hi.sub(x)).mul(F)), true), label: `${name} ×${f}` });
  if (lo === undefined && hi === undefined) for (const sign of [1, -1]) out.push({ value: round(atLeastOne(x).mul(F).mul(q(sign)), sign < 0), label: `${name} ×${f} (${sign > 0 ? '+' : '−'})` });
  const ends = [lo, hi].filter((e): e is Rational => e !== undefined);
  for (const e of ends.length ? ends : [Rational.ZERO]) out.push({ value: round(e.add(x.sub(e).div(F)), e === lo), label: `${name} ×1/${f}${ends.length > 1 ? ` (→ ${e.toString()})` : ''}` });
  return out.filter((m) => !m.value.equals(x));
}

/**
 * The hypotheses `p = expr` that give a parameter p (accepted by `which`) as an expression of the
 * others (p not in expr, its definitions expanded), in order: samplePoints sets p from them, and the
 * identity kinds read p as expr.
 */
export function parameterEqualities(forall: readonly string[], symbols: LangSymbols, which: (name: string) => boolean = () => true): { name: string; rhs: string; value: ParamExpr }[] {
  const out: { name: string; rhs: string; value: ParamExpr }[] = [];
  for (const h of forall) {
    const r = splitRelation(h);
    const name = r?.lhs.trim() ?? '';
    if (!r || (r.rel !== '=' && r.rel !== '==') || !(name in symbols.parameters) || !which(name)) continue;
    const value = parseParamExpr(r.rhs, symbols);
    if (value.num.degreeIn(name) === 0 && value.den.degreeIn(name) === 0) out.push({ name, rhs: r.rhs.trim(), value });
  }
  return out;
}

/**
 * Random exact points inside the parameter domains and the `forall` hypotheses (rejection on the
 * exact formulas). `fixed` pins some parameters; `spread` draws each value at another scale (its
 * distance to the domain's end shrunk or grown by 2^j). Returns fewer than n when the region is thin.
 */
export function samplePoints(symbols: LangSymbols, forall: readonly string[], rng: Uniform, n: number, fixed: Readonly<Record<string, Rational>> = {}, spread: Spread = false): Record<string, Rational>[] {
  const names = Object.keys(symbols.parameters);
  const domains = Object.fromEntries(names.map((name) => [name, parseDomain(name, symbols.parameters[name].domain)]));
  // `p = expr` with p a parameter not in expr: p is set from the others (random points never hit it).
  const assigned = parameterEqualities(forall, symbols, (name) => !(name in fixed)).filter(({ value }) => Object.keys(value.roots).length === 0);
  const hyps = forall.map((h) => hypothesisFormula(h, symbols));
  const out: Record<string, Rational>[] = [];
  for (let tries = 0; out.length < n && tries < n * 200; tries++) {
    const at: Record<string, Rational> = {};
    for (const name of names) at[name] = fixed[name] ?? randomRational(rng, domains[name].lo, domains[name].hi, domains[name].integer, spread);
    let defined = true;
    for (const { name, value } of assigned) {
      const den = value.den.evaluate(at);
      if (den.isZero()) defined = false;
      else at[name] = value.num.evaluate(at).div(den);
    }
    // the whole domain: an integer parameter (a pinned example, a value set by `p = expr`) must be an integer
    if (!defined || !names.every((name) => inParameterDomain(domains[name], at[name]) && (!domains[name].integer || at[name].isInteger()))) continue;
    let ok = true;
    for (const h of hyps) {
      const bad = Object.values(h.roots).some((r) => r.evaluate(at).sign() < 0);
      if (bad || !evaluateFormula(h.formula, at, h.roots)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(at);
  }
  return out;
}
