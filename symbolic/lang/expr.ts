/**
 * The full claim-file language in a fixed dimension d: vector variables become components
 * x1…xd, generic functions become jet variables (symbolic/jet.ts), `grad`, `div`, `lap`,
 * `diff(·, t)`, `dot`, `|a|^2`, operator definitions `T(g) = …` (applied to any expression, a
 * vector argument componentwise), `exp(Q)` as a weight factor and `sqrt` of parameter
 * expressions as root symbols.
 *
 * Values are sums Σ_k (N_k/den)·e^{Q_k}: N_k and Q_k Laurent polynomials (a parameter p's
 * inverse is the symbol `pinv`, reduced exactly by `normalize`), den a polynomial in the
 * parameters only (division by anything depending on the variables is refused). Distinct Q_k
 * give linearly independent e^{Q_k}, so an expression is 0 iff every N_k is 0.
 *
 * Every value carries a conservative bound `sums` on the number of index summations of each
 * of its terms in abstract-index form (docs/all-dimensions.md): dot, |·|², div, lap add one;
 * the dimension symbol counts as one (d = δᵢᵢ); a derivative of e^Q adds sums(Q) − 1; `tjets`
 * bounds the number of factors differentiated in t per term (for `along:` substitutions).
 */
import type { MathNode } from 'mathjs';
import { Poly, pc, pv } from '../poly.ts';
import { JetSpace, laurentNormalize, sumPolys } from '../jet.ts';
import { reduceRoots, rootName, type Roots } from '../matrix.ts';
import { LangError, type LangSymbols } from './index.ts';
import { PARAM_LIMITS, exactConstant, nonNegativeParameter, parseMath, squareContent } from './param.ts';
import { rationalSqrt } from '../rational.ts';
import { splitRelation } from './text.ts';

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** One weight class: N·e^Q. */
export interface WTerm {
  N: Poly;
  Q: Poly;
}

/** A scalar Σ (N_k/den) e^{Q_k}. */
export interface Scalar {
  terms: WTerm[];
  den: Poly;
}

/** A compiled value, scalar or ℝ^d-valued, with its summation bounds. */
export interface Value {
  comps: Scalar[];
  vector: boolean;
  sums: number;
  tjets: number;
  /** Largest summation count of an exponent present (for derivatives of e^Q). */
  wsums: number;
}

type Node = MathNode & { type: string; op?: string; fn?: { name?: string } | string; args?: MathNode[]; content?: MathNode; value?: unknown; name?: string };

const fnName = (n: Node): string => (typeof n.fn === 'string' ? n.fn : (n.fn as { name?: string })?.name ?? '');

/** Definitions of a file: zero-arity `name = body`, and operators `T(g) = body`. */
interface Defs {
  values: Map<string, string>;
  ops: Map<string, { params: string[]; body: string }>;
}

function readDefinitions(symbols: LangSymbols): Defs {
  const values = new Map<string, string>();
  const ops = new Map<string, { params: string[]; body: string }>();
  for (const def of symbols.definitions) {
    const rel = splitRelation(def);
    if (!rel || rel.rel !== '=') throw new LangError(`definition "${def}": expected "name = expression" or "T(g) = expression"`, 1);
    const lhs = rel.lhs.trim();
    const op = /^([A-Za-z]\w*)\s*\(\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*\)$/.exec(lhs);
    if (op) ops.set(op[1], { params: op[2].split(',').map((s) => s.trim()), body: rel.rhs });
    else if (/^[A-Za-z]\w*$/.test(lhs)) values.set(lhs, rel.rhs);
    else throw new LangError(`definition "${def}": cannot read the left-hand side "${lhs}"`, 1);
  }
  return { values, ops };
}

/** The compiled world of one dimension: the jet space and the symbol tables. */
export class LangSpace {
  readonly space: JetSpace;
  readonly coordinates: string[];
  /** Components of each variable. */
  readonly components: Record<string, string[]>;
  /** [parameter, inverse symbol] pairs. */
  readonly inverses: [string, string][];
  /** Every non-constant divisor met while compiling (a polynomial in parameters, inverse and root symbols): where it is 0, the text is undefined. */
  readonly divisors: Poly[] = [];
  readonly roots: Record<string, Poly> = {};
  readonly defs: Defs;
  private readonly cache = new Map<string, Value>();
  private readonly cacheDims = new Map<string, number>();
  /** Evaluations of the dimension symbol so far. */
  private dimHits = 0;
  /**
   * The dimension symbol occurred where the value is not polynomial in d (an exponent, `exp`,
   * `sqrt`, a denominator): the all-d reduction does not apply.
   */
  nonPolynomialInD = false;
  /** Build `f` and note whether the dimension symbol was read inside it. */
  private watch<T>(f: () => T): T {
    const before = this.dimHits;
    const out = f();
    if (this.dimHits > before) this.nonPolynomialInD = true;
    return out;
  }
  private readonly expanding = new Set<string>();
  /** Functions of the file and their component function names. */
  readonly functionComponents: Record<string, string[]> = {};

  constructor(
    readonly symbols: LangSymbols,
    readonly d: number,
  ) {
    if (!Number.isInteger(d) || d < 1) throw new LangError(`dimension must be a positive integer, got ${d}`);
    this.defs = readDefinitions(symbols);
    this.components = {};
    const coords: string[] = [];
    for (const [name, decl] of Object.entries(symbols.variables)) {
      if (!NAME.test(name)) throw new LangError(`variable name "${name}" must be letters and digits`);
      const cs = decl.vector ? Array.from({ length: d }, (_, i) => `${name}${i + 1}`) : [name];
      this.components[name] = cs;
      coords.push(...cs);
    }
    if (new Set(coords).size !== coords.length) throw new LangError(`variable components clash: ${coords.join(', ')}`);
    this.coordinates = coords;
    const taken = new Set([...coords, ...Object.keys(symbols.parameters)]);
    this.inverses = Object.keys(symbols.parameters).map((p) => {
      let inv = `${p}inv`;
      while (taken.has(inv)) inv += 'X';
      return [p, inv] as [string, string];
    });
    this.space = new JetSpace(coords, { inverses: this.inverses });
    for (const [f, decl] of Object.entries(symbols.functions)) this.registerFunction(f, decl.args, !!decl.vector);
  }

  private registerFunction(f: string, args: string[], vector: boolean): void {
    if (!NAME.test(f)) throw new LangError(`function name "${f}" must be letters and digits (no "_")`);
    const names = vector ? Array.from({ length: this.d }, (_, i) => `${f}${i + 1}`) : [f];
    this.functionComponents[f] = names;
    const argMap: Record<string, Poly> = {};
    for (const a of args) {
      if (a in this.components) {
        for (const c of this.components[a]) argMap[c] = pv(c);
        continue;
      }
      if (!this.defs.values.has(a)) throw new LangError(`function ${f}: argument "${a}" is neither a variable nor a definition`);
      const val = this.definition(a);
      val.comps.forEach((s, i) => {
        if (s.terms.length > 1 || (s.terms[0] && !s.terms[0].Q.isZero()) || !s.den.constantValue()) throw new LangError(`function ${f}: argument ${a} must be affine in the variables`);
        const N = s.terms[0]?.N ?? Poly.ZERO;
        const comp = val.vector ? `${a}${i + 1}` : a;
        argMap[comp] = N.scale(s.den.constantValue()!.inv());
      });
    }
    for (const n of names) {
      try {
        this.space.addComposite(n, argMap);
      } catch (e) {
        throw new LangError(`function ${f}: ${(e as Error).message}`);
      }
    }
  }

  normalize(p: Poly): Poly {
    return laurentNormalize(p, this.inverses);
  }

  // ---- scalar arithmetic --------------------------------------------------------------

  static constant(p: Poly): Scalar {
    return { terms: p.isZero() ? [] : [{ N: p, Q: Poly.ZERO }], den: Poly.ONE };
  }

  private merge(terms: WTerm[], den: Poly): Scalar {
    const out: WTerm[] = [];
    for (const t of terms) {
      const k = out.find((o) => o.Q.equals(t.Q));
      if (k) k.N = k.N.add(t.N);
      else out.push({ N: t.N, Q: t.Q });
    }
    const kept = out.map((t) => ({ N: this.normalize(t.N), Q: t.Q })).filter((t) => !t.N.isZero());
    for (const t of kept) if (t.N.size() > PARAM_LIMITS.terms) throw new LangError(`size limit (${PARAM_LIMITS.terms} terms) exceeded`);
    return { terms: kept, den };
  }

  add(a: Scalar, b: Scalar): Scalar {
    if (a.den.equals(b.den)) return this.merge([...a.terms, ...b.terms], a.den);
    return this.merge([...a.terms.map((t) => ({ N: t.N.mul(b.den), Q: t.Q })), ...b.terms.map((t) => ({ N: t.N.mul(a.den), Q: t.Q }))], a.den.mul(b.den));
  }
  neg(a: Scalar): Scalar {
    return { terms: a.terms.map((t) => ({ N: t.N.neg(), Q: t.Q })), den: a.den };
  }
  mul(a: Scalar, b: Scalar): Scalar {
    const terms: WTerm[] = [];
    for (const s of a.terms) for (const t of b.terms) terms.push({ N: s.N.mul(t.N), Q: this.normalize(s.Q.add(t.Q)) });
    return this.merge(terms, a.den.mul(b.den));
  }
  scalePoly(a: Scalar, p: Poly): Scalar {
    return this.merge(a.terms.map((t) => ({ N: t.N.mul(p), Q: t.Q })), a.den);
  }
  /** Total derivative in a coordinate: D(N e^Q) = (D N + N·DQ) e^Q (DQ total: Q may hold jets). */
  D(a: Scalar, c: string): Scalar {
    return this.merge(
      a.terms.map((t) => ({ N: this.space.D(t.N, c).add(t.N.mul(this.space.D(t.Q, c))), Q: t.Q })),
      a.den,
    );
  }
  /** Division by a scalar free of the variables: monomials in parameters by inverses, others into den. */
  div(a: Scalar, b: Scalar, where: string): Scalar {
    if (b.terms.length !== 1) throw new LangError(`division by ${b.terms.length === 0 ? 'zero' : 'a sum of weights'} in "${where}"`);
    if (!b.terms[0].Q.isZero()) {
      // a / (N e^Q) = (a / N) e^{−Q}
      const q0 = this.div(a, { terms: [{ N: b.terms[0].N, Q: Poly.ZERO }], den: b.den }, where);
      return this.merge(q0.terms.map((t) => ({ N: t.N, Q: this.normalize(t.Q.sub(b.terms[0].Q)) })), q0.den);
    }
    const B = b.terms[0].N;
    if (!B.constantValue()) this.divisors.push(B);
    const params = new Set(Object.keys(this.symbols.parameters));
    const invNames = new Set(this.inverses.map(([, i]) => i));
    for (const v of B.variables()) if (!params.has(v) && !invNames.has(v) && !(v in this.roots)) throw new LangError(`division by an expression in the variables or functions ("${where}"); multiply through`);
    const c = B.constantValue();
    if (c) return this.merge(a.terms.map((t) => ({ N: t.N.scale(c.inv()).mul(b.den), Q: t.Q })), a.den);
    const terms = B.termList();
    if (terms.length === 1) {
      // c·Π p^k: multiply by (1/c)·Π pinv^k
      const inv = Poly.monomial(
        terms[0].coef.inv(),
        terms[0].mono.map(([v, e]) => {
          const pair = this.inverses.find(([p, i]) => p === v || i === v);
          if (!pair) throw new LangError(`division by a root symbol in "${where}"; write the square root in the numerator`);
          return [pair[0] === v ? pair[1] : pair[0], e] as [string, number];
        }),
      );
      return this.merge(a.terms.map((t) => ({ N: t.N.mul(inv).mul(b.den), Q: t.Q })), a.den);
    }
    if (B.variables().some((v) => invNames.has(v) || v in this.roots)) throw new LangError(`division by a sum with inverse parameters or roots in "${where}"; simplify the denominator`);
    return this.merge(a.terms.map((t) => ({ N: t.N.mul(b.den), Q: t.Q })), a.den.mul(B));
  }

  // ---- values -------------------------------------------------------------------------

  scalarValue(s: Scalar, sums = 0, tjets = 0, wsums = 0): Value {
    return { comps: [s], vector: false, sums, tjets, wsums };
  }

  definition(name: string): Value {
    const hit = this.cache.get(name);
    if (hit) {
      this.dimHits += this.cacheDims.get(name) ?? 0;
      return hit;
    }
    if (this.expanding.has(name)) throw new LangError(`definition ${name} refers to itself`);
    this.expanding.add(name);
    try {
      const body = this.defs.values.get(name)!;
      const before = this.dimHits;
      const v = this.compileText(body, new Map());
      this.cache.set(name, v);
      this.cacheDims.set(name, this.dimHits - before);
      return v;
    } finally {
      this.expanding.delete(name);
    }
  }

  compileText(text: string, env: Map<string, Value>): Value {
    const node = parseMath(text);
    let depth = 0;
    const walk = (n: MathNode, k: number) => {
      depth = Math.max(depth, k);
      if (k <= PARAM_LIMITS.depth) n.forEach((c) => walk(c, k + 1));
    };
    walk(node, 1);
    if (depth > PARAM_LIMITS.depth) throw new LangError(`nesting deeper than ${PARAM_LIMITS.depth}`);
    return this.build(node, text, env);
  }

  private variableOf(node: MathNode, what: string, text: string): string {
    const n = node as Node;
    if (n.type !== 'SymbolNode' || !(n.name! in this.components)) throw new LangError(`${what}: the second argument must be a variable, got "${node.toString()}" in "${text}"`);
    return n.name!;
  }

  private combine(a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar, text: string): Value {
    if (a.vector !== b.vector) throw new LangError(`adding a vector and a scalar in "${text}"`);
    return { comps: a.comps.map((x, i) => f(x, b.comps[i])), vector: a.vector, sums: Math.max(a.sums, b.sums), tjets: Math.max(a.tjets, b.tjets), wsums: Math.max(a.wsums, b.wsums) };
  }

  private product(a: Value, b: Value, text: string): Value {
    if (a.vector && b.vector) throw new LangError(`product of two vectors in "${text}"; use dot(a, b)`);
    const meta = { sums: a.sums + b.sums, tjets: a.tjets + b.tjets, wsums: Math.max(a.wsums, b.wsums) };
    if (a.vector) return { comps: a.comps.map((x) => this.mul(x, b.comps[0])), vector: true, ...meta };
    if (b.vector) return { comps: b.comps.map((x) => this.mul(a.comps[0], x)), vector: true, ...meta };
    return { comps: [this.mul(a.comps[0], b.comps[0])], vector: false, ...meta };
  }

  private dot(a: Value, b: Value, text: string): Value {
    if (!a.vector || !b.vector) throw new LangError(`dot needs two vectors in "${text}"`);
    let acc = LangSpace.constant(Poly.ZERO);
    a.comps.forEach((x, i) => (acc = this.add(acc, this.mul(x, b.comps[i]))));
    return { comps: [acc], vector: false, sums: a.sums + b.sums + 1, tjets: a.tjets + b.tjets, wsums: Math.max(a.wsums, b.wsums) };
  }

  private derive(a: Value, c: string): Value {
    return { comps: a.comps.map((s) => this.D(s, c)), vector: a.vector, sums: a.sums + Math.max(0, a.wsums - 1), tjets: a.tjets, wsums: a.wsums };
  }

  private powInt(a: Value, k: number, text: string): Value {
    if (a.vector) throw new LangError(`power of a vector in "${text}"; use |a|^2 or dot`);
    if (Math.abs(k) > PARAM_LIMITS.degree) throw new LangError(`degree limit ${PARAM_LIMITS.degree} exceeded in "${text}"`);
    let out = this.scalarValue(LangSpace.constant(Poly.ONE));
    for (let i = 0; i < Math.abs(k); i++) out = this.product(out, a, text);
    if (k < 0) {
      // a negative power of a parameter expression: its summation count can only come from d
      if (a.sums > 0) this.nonPolynomialInD = true;
      return { ...out, comps: [this.div(LangSpace.constant(Poly.ONE), out.comps[0], text)] };
    }
    return out;
  }

  private exponentOf(node: MathNode, text: string, env: Map<string, Value> = new Map()): number {
    const v = this.watch(() => this.build(node, text, env));
    const s = v.comps[0];
    const c = !v.vector && s.terms.length <= 1 && (s.terms[0]?.Q.isZero() ?? true) ? (s.terms[0]?.N ?? Poly.ZERO).constantValue() : undefined;
    const den = s.den.constantValue();
    if (!c || !den || !c.div(den).isInteger()) throw new LangError(`exponent must be an integer constant in "${text}"`);
    return Number(c.div(den).num);
  }

  private build(node: MathNode, text: string, env: Map<string, Value>): Value {
    const n = node as Node;
    switch (n.type) {
      case 'ConstantNode':
        return this.scalarValue(LangSpace.constant(pc(exactConstant(n.value, text))));
      case 'ParenthesisNode':
        return this.build(n.content!, text, env);
      case 'SymbolNode':
        return this.symbol(n.name!, text, env);
      case 'OperatorNode': {
        const args = n.args!;
        if (args.length === 1) {
          const a = this.build(args[0], text, env);
          if (n.op === '-') return { ...a, comps: a.comps.map((s) => this.neg(s)) };
          if (n.op === '+') return a;
          throw new LangError(`operator "${n.op}" is not allowed in "${text}"`);
        }
        if (n.op === '^') {
          const base = args[0] as Node;
          const k = this.exponentOf(args[1], text);
          if (base.type === 'FunctionNode' && fnName(base) === 'abs' && base.args?.length === 1) {
            const inner = this.build(base.args[0], text, env);
            if (k % 2 !== 0 || k < 0) throw new LangError(`|a|^${k}: only even non-negative powers of a norm are polynomial ("${text}")`);
            const sq = inner.vector ? this.dot(inner, inner, text) : this.product(inner, inner, text);
            return this.powInt(sq, k / 2, text);
          }
          return this.powInt(this.build(args[0], text, env), k, text);
        }
        const a = this.build(args[0], text, env);
        const b = n.op === '/' ? this.watch(() => this.build(args[1], text, env)) : this.build(args[1], text, env);
        switch (n.op) {
          case '+':
            return this.combine(a, b, (x, y) => this.add(x, y), text);
          case '-':
            return this.combine(a, b, (x, y) => this.add(x, this.neg(y)), text);
          case '*':
            return this.product(a, b, text);
          case '/':
            if (b.vector) throw new LangError(`division by a vector in "${text}"`);
            return { ...a, comps: a.comps.map((s) => this.div(s, b.comps[0], text)), sums: a.sums + b.sums, tjets: a.tjets + b.tjets, wsums: Math.max(a.wsums, b.wsums) };
          default:
            throw new LangError(`operator "${n.op}" is not allowed in "${text}"`);
        }
      }
      case 'FunctionNode':
        return this.call(n, text, env);
      default:
        throw new LangError(`${n.type} is not allowed in "${text}"`);
    }
  }

  private symbol(name: string, text: string, env: Map<string, Value>): Value {
    const bound = env.get(name);
    if (bound) return bound;
    if (this.defs.values.has(name)) return this.definition(name);
    if (name in this.symbols.parameters) return this.scalarValue(LangSpace.constant(pv(name)));
    if (name in this.components) {
      const cs = this.components[name];
      const vector = !!this.symbols.variables[name].vector;
      return { comps: cs.map((c) => LangSpace.constant(pv(c))), vector, sums: 0, tjets: 0, wsums: 0 };
    }
    if (name in this.functionComponents) {
      const cs = this.functionComponents[name];
      return { comps: cs.map((c) => LangSpace.constant(pv(c))), vector: !!this.symbols.functions[name].vector, sums: 0, tjets: 0, wsums: 0 };
    }
    if (this.symbols.dimension && name === this.symbols.dimension.name) {
      this.dimHits++;
      return this.scalarValue(LangSpace.constant(pc(this.d)), 1);
    }
    const col = text.indexOf(name);
    throw new LangError(`undefined symbol "${name}" in "${text}" (declare it under symbols)`, col >= 0 ? col + 1 : 0);
  }

  private call(n: Node, text: string, env: Map<string, Value>): Value {
    const f = fnName(n);
    const args = n.args ?? [];
    const arity = (k: number) => {
      if (args.length !== k) throw new LangError(`${f} takes ${k} argument${k > 1 ? 's' : ''}, got ${args.length} in "${text}"`);
    };
    switch (f) {
      case 'dot':
        arity(2);
        return this.dot(this.build(args[0], text, env), this.build(args[1], text, env), text);
      case 'ddot': {
        // ddot(a, b, v) = Σ_i ∂_{v_i} a · ∂_{v_i} b (a, b scalars or vectors: ⟨∇_v a, ∇_v b⟩, Σ_i⟨∂_{v_i}∇_x h, ∂_{v_i}∇_v h⟩)
        arity(3);
        const a = this.build(args[0], text, env);
        const b = this.build(args[1], text, env);
        const x = this.variableOf(args[2], 'ddot', text);
        if (a.vector !== b.vector) throw new LangError(`ddot needs two scalars or two vectors in "${text}"`);
        let acc: Value | undefined;
        for (const c of this.components[x]) {
          const da = this.derive(a, c);
          const db = this.derive(b, c);
          const term = a.vector ? this.dot(da, db, text) : this.product(da, db, text);
          acc = acc ? this.combine(acc, term, (p, q) => this.add(p, q), text) : term;
        }
        return { ...acc!, sums: acc!.sums + (this.symbols.variables[x].vector ? 1 : 0) };
      }
      case 'jdot': {
        // jdot(F, w, x) = (∇_x F) w, the vector with components Σ_i ∂_{x_j}F_i w_i (the paper's ∇_xε(∇_xh − γ∇_vh))
        arity(3);
        const F = this.build(args[0], text, env);
        const w = this.build(args[1], text, env);
        const x = this.variableOf(args[2], 'jdot', text);
        if (!F.vector || !w.vector || !this.symbols.variables[x].vector) throw new LangError(`jdot needs a vector field, a vector and a vector variable in "${text}"`);
        const comps = this.components[x].map((c) => {
          let acc = LangSpace.constant(Poly.ZERO);
          F.comps.forEach((Fi, i) => (acc = this.add(acc, this.mul(this.D(Fi, c), w.comps[i]))));
          return acc;
        });
        return { comps, vector: true, sums: F.sums + w.sums + Math.max(0, F.wsums - 1) + 1, tjets: F.tjets + w.tjets, wsums: Math.max(F.wsums, w.wsums) };
      }
      case 'grad': {
        arity(2);
        const a = this.build(args[0], text, env);
        const x = this.variableOf(args[1], 'grad', text);
        if (a.vector) throw new LangError(`grad of a vector in "${text}"; apply grad to each component or use div`);
        const cs = this.components[x];
        const vector = !!this.symbols.variables[x].vector;
        const der = cs.map((c) => this.derive(a, c));
        return { comps: der.map((v) => v.comps[0]), vector, sums: der[0].sums, tjets: a.tjets, wsums: a.wsums };
      }
      case 'div': {
        arity(2);
        const a = this.build(args[0], text, env);
        const x = this.variableOf(args[1], 'div', text);
        if (!a.vector || !this.symbols.variables[x].vector) throw new LangError(`div needs a vector field and a vector variable in "${text}"`);
        let acc = LangSpace.constant(Poly.ZERO);
        this.components[x].forEach((c, i) => (acc = this.add(acc, this.D(a.comps[i], c))));
        return { comps: [acc], vector: false, sums: a.sums + Math.max(0, a.wsums - 1) + 1, tjets: a.tjets, wsums: a.wsums };
      }
      case 'lap': {
        arity(2);
        const a = this.build(args[0], text, env);
        const x = this.variableOf(args[1], 'lap', text);
        const cs = this.components[x];
        const comps = a.comps.map((s) => {
          let acc = LangSpace.constant(Poly.ZERO);
          for (const c of cs) acc = this.add(acc, this.D(this.D(s, c), c));
          return acc;
        });
        return { comps, vector: a.vector, sums: a.sums + 2 * Math.max(0, a.wsums - 1) + (this.symbols.variables[x].vector ? 1 : 0), tjets: a.tjets, wsums: a.wsums };
      }
      case 'diff': {
        if (args.length !== 2 && args.length !== 3) throw new LangError(`diff takes (f, t) or (f, t, k) in "${text}"`);
        const a = this.build(args[0], text, env);
        const t = this.variableOf(args[1], 'diff', text);
        if (this.symbols.variables[t].vector) throw new LangError(`diff(f, ${t}): ${t} is a vector; use grad`);
        const k = args.length === 3 ? this.exponentOf(args[2], text) : 1;
        let out = a;
        for (let i = 0; i < k; i++) out = { ...this.derive(out, t), tjets: out.tjets + 1 };
        return out;
      }
      case 'exp': {
        arity(1);
        const a = this.watch(() => this.build(args[0], text, env));
        const s = a.comps[0];
        if (a.vector || s.terms.length > 1 || (s.terms[0] && !s.terms[0].Q.isZero())) throw new LangError(`exp needs a scalar exponent free of exponentials in "${text}"`);
        const Q = this.div({ terms: s.terms, den: Poly.ONE }, { terms: [{ N: s.den, Q: Poly.ZERO }], den: Poly.ONE }, text);
        if (!Q.den.constantValue()) throw new LangError(`exp: the exponent's denominator must be a product of parameters in "${text}"`);
        // square roots reduced (√a·√a = a), so equal exponents are one weight class
        const QN = reduceRoots((Q.terms[0]?.N ?? Poly.ZERO).scale(Q.den.constantValue()!.inv()), this.roots as Roots);
        // generic functions may stand in the exponent (a Gibbs density e^{−βV}): D acts on Q by the chain rule
        return { comps: [{ terms: [{ N: Poly.ONE, Q: QN }], den: Poly.ONE }], vector: false, sums: 0, tjets: 0, wsums: Math.max(a.sums, a.wsums) };
      }
      case 'sqrt': {
        arity(1);
        const a = this.watch(() => this.build(args[0], text, env));
        const s = a.comps[0];
        const N = s.terms[0]?.N ?? Poly.ZERO;
        const params = new Set(Object.keys(this.symbols.parameters));
        if (a.vector || s.terms.length > 1 || (s.terms[0] && !s.terms[0].Q.isZero()) || !s.den.constantValue() || N.variables().some((v) => !params.has(v)))
          throw new LangError(`sqrt of "${args[0].toString()}": only polynomials in the parameters (write sqrt(numerator)/sqrt(denominator))`);
        const radicand = reduceRoots(N.scale(s.den.constantValue()!.inv()), this.roots as Roots);
        const nested = radicand.variables().find((v) => v in this.roots);
        if (nested) throw new LangError(`nested square roots are not supported in "${text}"`);
        const c = radicand.constantValue();
        if (c && c.sign() < 0) throw new LangError(`sqrt of a negative constant in "${text}"`);
        const exact = c ? rationalSqrt(c) : undefined;
        if (exact) return this.scalarValue(LangSpace.constant(pc(exact)));
        // the square part outside (√(4a) = 2√a, √(a²b) = a√b for a ≥ 0), as parameter expressions read it
        const { outside, inside } = squareContent(radicand, (v) => nonNegativeParameter(this.symbols, v, this.defs.values));
        const ic = inside.constantValue();
        const ics = ic ? rationalSqrt(ic) : undefined;
        if (ics) return this.scalarValue(LangSpace.constant(outside.mul(pc(ics))));
        let name = Object.entries(this.roots).find(([, r]) => r.equals(inside))?.[0];
        if (!name) {
          name = rootName(inside);
          this.roots[name] = inside;
        }
        return this.scalarValue(LangSpace.constant(outside.mul(pv(name))));
      }
      case 'abs':
        throw new LangError(`|a| is not polynomial; write |a|^2 in "${text}"`);
    }
    if (f in this.functionComponents) {
      const declared = this.symbols.functions[f].args;
      const given = args.map((a) => a.toString().replace(/\s+/g, ''));
      if (given.length !== declared.length || given.some((g, i) => g !== declared[i])) {
        throw new LangError(`${f} is declared as ${f}(${declared.join(', ')}); write ${f}(${declared.join(', ')}) or ${f} ("${text}")`);
      }
      return this.symbol(f, text, env);
    }
    const op = this.defs.ops.get(f);
    if (op) {
      if (args.length !== op.params.length) throw new LangError(`${f} takes ${op.params.length} argument(s), got ${args.length} in "${text}"`);
      const vals = args.map((a) => this.build(a, text, env));
      // an operator applied to a vector acts componentwise (⟨T∇h, ∇h⟩)
      const vi = vals.findIndex((v) => v.vector);
      if (vi >= 0 && op.params.length === 1) {
        const v = vals[0];
        const parts = v.comps.map((c) => this.applyOp(op, [{ comps: [c], vector: false, sums: v.sums, tjets: v.tjets, wsums: v.wsums }]));
        if (parts.some((p) => p.vector)) throw new LangError(`${f} applied to a vector must give scalars per component ("${text}")`);
        return { comps: parts.map((p) => p.comps[0]), vector: true, sums: Math.max(...parts.map((p) => p.sums)), tjets: Math.max(...parts.map((p) => p.tjets)), wsums: Math.max(...parts.map((p) => p.wsums)) };
      }
      return this.applyOp(op, vals);
    }
    throw new LangError(`unknown function "${f}" in "${text}" (allowed: dot, ddot, jdot, grad, div, lap, diff, exp, sqrt, declared functions and operators)`, Math.max(0, text.indexOf(f)) + 1);
  }

  private applyOp(op: { params: string[]; body: string }, vals: Value[]): Value {
    const env = new Map<string, Value>();
    op.params.forEach((p, i) => env.set(p, vals[i]));
    if (this.expanding.size > PARAM_LIMITS.depth) throw new LangError('operators nested too deeply');
    return this.compileText(op.body, env);
  }

  /** Reduce every numerator modulo the root relations. */
  reduce(s: Scalar): Scalar {
    return this.merge(
      s.terms.map((t) => ({ N: reduceRoots(t.N, this.roots as Roots), Q: t.Q })),
      s.den,
    );
  }
}

/** Compile an expression in dimension d. */
export function compileExpr(text: string, symbols: LangSymbols, d: number, space?: LangSpace): { value: Value; space: LangSpace } {
  const S = space ?? new LangSpace(symbols, d);
  return { value: S.compileText(text, new Map()), space: S };
}

/** Σ of a list of polynomials (re-export for procedures). */
export { sumPolys };
