/**
 * The parameter level of the claim-file language: expressions in the parameters (polynomials,
 * rational functions, square roots as root symbols), relations, parameter domains and `forall`
 * hypotheses as solver formulas, and random exact points inside a domain.
 *
 * Exactness: numbers are read as exact decimals (mathjs BigNumber strings → Rational), never
 * through doubles. A relation between rational functions N/D rel 0 is encoded as N·D rel 0 ∧
 * D ≠ 0 (same sign), so no case split is needed and nothing is lost.
 *
 * @example parseParamExpr('gamma/2 - sqrt(gamma^2 - 4*omega0^2)/2', syms) // num = γ/2 − s/2, roots {sqrt1: γ² − 4ω₀²}
 */
import { create, all, type MathNode } from 'mathjs';
import { Rational, q, rationalSqrt } from '../rational.ts';
import { Poly, pc, pv } from '../poly.ts';
import { reduceRoots, signWithRoot, type Roots } from '../matrix.ts';
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

/** Parse text with mathjs after the bar rewrite; LangError with the column on a syntax error. */
export function parseMath(text: string): MathNode {
  if (text.length > PARAM_LIMITS.length) throw new LangError(`expression longer than ${PARAM_LIMITS.length} characters`, 1);
  if (text.trim() === '') throw new LangError('empty expression; expected a formula', 1);
  try {
    return mathBig.parse(barsToAbs(text));
  } catch (err) {
    const e = err as { message?: string; char?: number };
    const msg = (e.message ?? String(err)).replace(/\s*\(char \d+\)/, '');
    throw new LangError(`cannot parse "${text}": ${msg}`, e.char ?? 0);
  }
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

class ParamBuilder {
  readonly roots: Record<string, Poly> = {};
  private readonly defs: Map<string, string>;
  private readonly expanding = new Set<string>();
  constructor(
    private readonly symbols: LangSymbols,
    private readonly extra: ReadonlySet<string>,
  ) {
    this.defs = definitionBodies(symbols);
  }

  private rootFor(radicand: Poly): Poly {
    for (const [s, r] of Object.entries(this.roots)) if (r.equals(radicand)) return pv(s);
    const c = radicand.constantValue();
    if (c) {
      if (c.sign() < 0) throw new LangError(`sqrt of the negative constant ${c}`);
      const num = sqrtExact(c);
      if (num) return pc(num);
    }
    const name = `sqrt${Object.keys(this.roots).length + 1}`;
    this.roots[name] = radicand;
    return pv(name);
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
        return { num: pc(Rational.parse(String(n.value))), den: Poly.ONE };
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
            return this.check({ num: a.num.mul(b.den), den: a.den.mul(b.num) }, text);
          case '^': {
            const e = b.den.constantValue() && b.num.constantValue() ? b.num.constantValue()!.div(b.den.constantValue()!) : undefined;
            if (!e || !e.isInteger()) throw new LangError(`exponent must be an integer constant in "${text}"`);
            const k = Number(e.num);
            if (Math.abs(k) * Math.max(a.num.totalDegree(), a.den.totalDegree(), 1) > PARAM_LIMITS.degree) throw new LangError(`degree limit ${PARAM_LIMITS.degree} exceeded in "${text}"`);
            if (k >= 0) return this.check({ num: a.num.pow(k), den: a.den.pow(k) }, text);
            if (a.num.isZero()) throw new LangError(`0 to a negative power in "${text}"`);
            return this.check({ num: a.den.pow(-k), den: a.num.pow(-k) }, text);
          }
          default:
            throw new LangError(`operator "${n.op}" is not allowed in a parameter expression ("${text}")`);
        }
      }
      case 'FunctionNode': {
        const fname = typeof n.fn === 'string' ? n.fn : (n.fn as { name?: string })?.name;
        const args = n.args ?? [];
        if (fname === 'sqrt' && args.length === 1) {
          const r = this.build(args[0], text);
          const dc = r.den.constantValue();
          if (!dc) throw new LangError(`sqrt of a rational function in "${text}": write sqrt(numerator)/sqrt(denominator)`);
          // √(N/c) = √(N·c)/|c|
          return { num: this.rootFor(r.num.scale(dc)), den: pc(dc.abs()) };
        }
        throw new LangError(`function "${fname}" is not allowed in a parameter expression ("${text}"); allowed: sqrt`);
      }
      default:
        throw new LangError(`${n.type} is not allowed in a parameter expression ("${text}")`);
    }
  }
}

const sqrtExact = rationalSqrt;

function finish(p: { num: Poly; den: Poly }, roots: Roots): ParamExpr {
  return { num: reduceRoots(p.num, roots), den: reduceRoots(p.den, roots), roots };
}

/**
 * Parse a parameter expression (exact): polynomials, rational functions, `sqrt` as root symbols
 * `sqrt1, sqrt2, …` (s ≥ 0, s² = radicand; identical radicands share a symbol), definitions of
 * the symbols expanded. `extra` names further free symbols (e.g. a record's own constants).
 */
export function parseParamExpr(text: string, symbols: LangSymbols, extra: readonly string[] = []): ParamExpr {
  const node = parseMath(text);
  if (depthOf(node) > PARAM_LIMITS.depth) throw new LangError(`nesting deeper than ${PARAM_LIMITS.depth}`);
  const b = new ParamBuilder(symbols, new Set(extra));
  return finish(b.build(node, text), b.roots);
}

/** Several expressions sharing root symbols (a matrix, both sides of a relation). */
export function parseParamExprs(texts: readonly string[], symbols: LangSymbols, extra: readonly string[] = []): { exprs: ParamExpr[]; roots: Roots } {
  const b = new ParamBuilder(symbols, new Set(extra));
  const raw = texts.map((t) => {
    const node = parseMath(t);
    if (depthOf(node) > PARAM_LIMITS.depth) throw new LangError(`nesting deeper than ${PARAM_LIMITS.depth}`);
    return b.build(node, t);
  });
  return { exprs: raw.map((r) => finish(r, b.roots)), roots: { ...b.roots } };
}

const REL_MAP: Record<string, Relation> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '==': '=', '!=': '!=' };

/** A printed relation `lhs REL rhs` over the parameters. */
export function parseRelation(text: string, symbols: LangSymbols, extra: readonly string[] = []): { lhs: ParamExpr; rel: Relation; rhs: ParamExpr } {
  const r = splitRelation(text);
  if (!r) throw new LangError(`expected a relation (<, <=, =, >=, >, !=) in "${text}"`, 1);
  const { exprs } = parseParamExprs([r.lhs, r.rhs], symbols, extra);
  return { lhs: exprs[0], rel: REL_MAP[r.rel], rhs: exprs[1] };
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
  return and(atom(reduceRoots(e.num.mul(e.den), e.roots), rel), atom(e.den, '!='));
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
}

/**
 * A parameter's domain as printed: `"> 0"`, `">= 0"`, `"< 1"`, `"(0, 1)"`, `"[0, 1)"`,
 * `"real"`, `"integer >= 1"`, `"> 0, < 2"` (conjunction).
 */
export function parseDomain(name: string, domain: string): ParameterDomain {
  let text = domain.trim();
  const out: ParameterDomain = { formula: TRUE, integer: false, loOpen: true, hiOpen: true };
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
      if (m[1] === '>' || m[1] === '>=') {
        if (!out.lo || c.compare(out.lo) > 0) {
          out.lo = c;
          out.loOpen = m[1] === '>';
        }
      } else if (m[1] === '<' || m[1] === '<=') {
        if (!out.hi || c.compare(out.hi) < 0) {
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
  const present = Object.keys(roots).filter((s) => p.degreeIn(s) > 0);
  if (present.length <= 1) return signWithRoot(p, at, roots);
  // Substitute roots whose radicand is a perfect square at this point; then decide.
  const point: Record<string, Rational> = { ...at };
  const rest: Record<string, Poly> = {};
  for (const s of present) {
    const v = sqrtExact(roots[s].evaluate(at));
    if (v) point[s] = v;
    else rest[s] = roots[s];
  }
  const red = p.subs(Object.fromEntries(Object.entries(point).filter(([k]) => k in roots)));
  if (Object.keys(rest).length > 1) throw new RangeError('signWithRootMulti: two irrational roots at this point');
  return signWithRoot(red, at, rest);
}

/** A seeded source of uniforms in [0, 1). */
export type Uniform = () => number;

function randomRational(rng: Uniform, lo: Rational | undefined, hi: Rational | undefined, integer: boolean): Rational {
  const L = lo ?? (hi ? hi.sub(q(10)) : q(-10));
  const H = hi ?? (lo ? L.add(q(10)) : q(10)); // a real parameter ranges over [−10, 10]
  const den = integer ? 1n : BigInt([1, 2, 3, 4, 5, 7, 10, 16][Math.floor(rng() * 8)]);
  const span = H.sub(L);
  const k = BigInt(Math.floor(rng() * Number(den) * Math.max(1, span.toNumber()) + 1));
  let r = L.add(q(k, den));
  if (!r.lt(H)) r = L.add(span.mul(q(Math.floor(rng() * 997) + 1, 1000)));
  if (integer) r = q(BigInt(Math.ceil(r.toNumber())));
  return r;
}

/**
 * Random exact points inside the parameter domains and the `forall` hypotheses (rejection on the
 * exact formulas). `fixed` pins some parameters. Returns fewer than n when the region is thin.
 */
export function samplePoints(symbols: LangSymbols, forall: readonly string[], rng: Uniform, n: number, fixed: Readonly<Record<string, Rational>> = {}): Record<string, Rational>[] {
  const names = Object.keys(symbols.parameters);
  const domains = Object.fromEntries(names.map((name) => [name, parseDomain(name, symbols.parameters[name].domain)]));
  // `p = expr` with p a parameter not in expr: p is set from the others (random points never hit it).
  const assigned: { name: string; value: ParamExpr }[] = [];
  for (const h of forall) {
    const r = splitRelation(h);
    const name = r?.lhs.trim() ?? '';
    if (r && (r.rel === '=' || r.rel === '==') && name in symbols.parameters && !(name in fixed)) {
      const value = parseParamExpr(r.rhs, symbols);
      if (value.num.degreeIn(name) === 0 && value.den.degreeIn(name) === 0 && Object.keys(value.roots).length === 0) assigned.push({ name, value });
    }
  }
  const hyps = forall.map((h) => hypothesisFormula(h, symbols));
  const out: Record<string, Rational>[] = [];
  for (let tries = 0; out.length < n && tries < n * 200; tries++) {
    const at: Record<string, Rational> = {};
    for (const name of names) at[name] = fixed[name] ?? randomRational(rng, domains[name].lo, domains[name].hi, domains[name].integer);
    let defined = true;
    for (const { name, value } of assigned) {
      const den = value.den.evaluate(at);
      if (den.isZero()) defined = false;
      else at[name] = value.num.evaluate(at).div(den);
    }
    if (!defined || !names.every((name) => evaluateFormula(domains[name].formula, at))) continue;
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
