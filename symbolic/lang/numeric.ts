/**
 * The claim-file language compiled into numeric expression trees (numeric/expr.ts) for Monte
 * Carlo integrands: the phase-space vectors `x`, `v` become components x_i, v_i (0-based in the
 * tree), parameters stay named, `dot`, `|a|^2`, zero-arity definitions and operator definitions
 * expand; `exp`, `log`, `sqrt`, `sin`, `cos`, `tanh`, `abs` of scalars. Generic functions and
 * derivatives are not allowed (a Monte Carlo integrand is a concrete function).
 *
 * @example compileNumeric('exp(-beta*|v|^2/2)', syms, 2) // exp(−β(v₀² + v₁²)/2)
 */
import type { MathNode } from 'mathjs';
import * as N from '../../numeric/expr.ts';
import { LangError, type LangSymbols } from './index.ts';
import { PARAM_LIMITS, parseMath } from './param.ts';
import { splitRelation } from './text.ts';

type Val = N.Expr | N.Expr[];
type Node = MathNode & { type: string; op?: string; fn?: { name?: string } | string; args?: MathNode[]; content?: MathNode; value?: unknown; name?: string };

const UNARY = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'abs']);

/** Compile `text` in dimension d into a numeric expression tree (scalar). */
export function compileNumeric(text: string, symbols: LangSymbols, d: number): N.Expr {
  if (!Number.isInteger(d) || d < 1) throw new LangError(`dimension must be a positive integer, got ${d}`);
  const values = new Map<string, string>();
  const ops = new Map<string, { params: string[]; body: string }>();
  for (const def of symbols.definitions) {
    const rel = splitRelation(def);
    if (!rel || rel.rel !== '=') continue;
    const lhs = rel.lhs.trim();
    const op = /^([A-Za-z]\w*)\s*\(\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*\)$/.exec(lhs);
    if (op) ops.set(op[1], { params: op[2].split(',').map((s) => s.trim()), body: rel.rhs });
    else values.set(lhs, rel.rhs);
  }
  const expanding = new Set<string>();
  const scalar = (v: Val, what: string): N.Expr => {
    if (Array.isArray(v)) throw new LangError(`${what}: a scalar is expected, got a vector`);
    return v;
  };
  const compile = (src: string, env: Map<string, Val>, depth: number): Val => {
    if (depth > PARAM_LIMITS.depth) throw new LangError('definitions nested too deeply');
    return build(parseMath(src), src, env, depth);
  };
  const build = (node: MathNode, src: string, env: Map<string, Val>, depth: number): Val => {
    const n = node as Node;
    switch (n.type) {
      case 'ConstantNode':
        return N.cst(Number(String(n.value)));
      case 'ParenthesisNode':
        return build(n.content!, src, env, depth);
      case 'SymbolNode': {
        const name = n.name!;
        if (env.has(name)) return env.get(name)!;
        if (values.has(name)) {
          if (expanding.has(name)) throw new LangError(`definition ${name} refers to itself`);
          expanding.add(name);
          try {
            return compile(values.get(name)!, new Map(), depth + 1);
          } finally {
            expanding.delete(name);
          }
        }
        if (name in symbols.parameters) return N.par(name);
        if (symbols.dimension && name === symbols.dimension.name) return N.cst(d);
        if (name === 'x' || name === 'v') {
          const decl = symbols.variables[name];
          if (!decl) throw new LangError(`undefined symbol "${name}"`);
          return decl.vector ? Array.from({ length: d }, (_, i) => (name === 'x' ? N.xv(i) : N.vv(i))) : name === 'x' ? N.xv(0) : N.vv(0);
        }
        if (name in symbols.functions) throw new LangError(`generic function "${name}" in a numeric integrand; give a concrete expression`);
        throw new LangError(`undefined symbol "${name}" in "${src}" (numeric integrands use parameters and the variables x, v)`, Math.max(0, src.indexOf(name)) + 1);
      }
      case 'OperatorNode': {
        const args = n.args!;
        if (args.length === 1) {
          const a = build(args[0], src, env, depth);
          if (n.op === '+') return a;
          if (n.op === '-') return Array.isArray(a) ? a.map(N.neg) : N.neg(a);
          throw new LangError(`operator "${n.op}" is not allowed`);
        }
        if (n.op === '^') {
          const base = args[0] as Node;
          const ev = build(args[1], src, env, depth);
          const k = !Array.isArray(ev) && ev.op === 'const' ? ev.value : NaN;
          if (!Number.isInteger(k)) throw new LangError(`exponent must be an integer constant in "${src}"`);
          if (base.type === 'FunctionNode' && (typeof base.fn === 'string' ? base.fn : base.fn?.name) === 'abs') {
            const inner = build(base.args![0], src, env, depth);
            if (k % 2 !== 0 || k < 0) throw new LangError(`|a|^${k}: only even powers of a norm`);
            const sq = Array.isArray(inner) ? N.add(...inner.map((c) => N.powi(c, 2))) : N.powi(inner, 2);
            return N.powi(sq, k / 2);
          }
          const b = scalar(build(args[0], src, env, depth), 'power');
          return k >= 0 ? N.powi(b, k) : N.div(N.cst(1), N.powi(b, -k));
        }
        const a = build(args[0], src, env, depth);
        const b = build(args[1], src, env, depth);
        switch (n.op) {
          case '+':
          case '-': {
            const f = (p: N.Expr, q: N.Expr) => (n.op === '+' ? N.add(p, q) : N.sub(p, q));
            if (Array.isArray(a) !== Array.isArray(b)) throw new LangError(`adding a vector and a scalar in "${src}"`);
            return Array.isArray(a) ? a.map((p, i) => f(p, (b as N.Expr[])[i])) : f(a, b as N.Expr);
          }
          case '*':
            if (Array.isArray(a) && Array.isArray(b)) throw new LangError(`product of two vectors in "${src}"; use dot`);
            if (Array.isArray(a)) return a.map((p) => N.mul(p, b as N.Expr));
            if (Array.isArray(b)) return b.map((p) => N.mul(a, p));
            return N.mul(a, b);
          case '/': {
            const den = scalar(b, 'denominator');
            return Array.isArray(a) ? a.map((p) => N.div(p, den)) : N.div(a, den);
          }
          default:
            throw new LangError(`operator "${n.op}" is not allowed`);
        }
      }
      case 'FunctionNode': {
        const f = typeof n.fn === 'string' ? n.fn : n.fn?.name ?? '';
        const args = n.args ?? [];
        if (f === 'dot') {
          const [a, b] = args.map((x) => build(x, src, env, depth));
          if (!Array.isArray(a) || !Array.isArray(b)) throw new LangError(`dot needs two vectors in "${src}"`);
          return N.add(...a.map((p, i) => N.mul(p, b[i])));
        }
        if (UNARY.has(f) && args.length === 1) return N.un(f as N.UnaryOp, scalar(build(args[0], src, env, depth), f));
        const op = ops.get(f);
        if (op && op.params.length === args.length) {
          const inner = new Map<string, Val>();
          op.params.forEach((p, i) => inner.set(p, build(args[i], src, env, depth)));
          return compile(op.body, inner, depth + 1);
        }
        throw new LangError(`function "${f}" is not allowed in a numeric integrand (allowed: dot, exp, log, sqrt, sin, cos, tanh, abs, operator definitions)`, Math.max(0, src.indexOf(f)) + 1);
      }
      default:
        throw new LangError(`${n.type} is not allowed in "${src}"`);
    }
  };
  return scalar(compile(text, new Map(), 0), 'integrand');
}
