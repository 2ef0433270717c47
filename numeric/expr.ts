/**
 * One description of an integrand, evaluated by every backend: a small expression tree
 * over the phase-space coordinates x_i, v_i (i = 0 … d−1) and named scalar parameters.
 * `compileJs` turns it into a CPU function; `numeric/wgsl.ts` turns the same tree into WGSL,
 * so the CPU and GPU backends compute the same function.
 */

export type UnaryOp = 'neg' | 'exp' | 'log' | 'sin' | 'cos' | 'tanh' | 'sqrt' | 'abs';

export type Expr =
  | { op: 'const'; value: number }
  | { op: 'x'; index: number }
  | { op: 'v'; index: number }
  | { op: 'param'; name: string }
  | { op: 'add'; args: Expr[] }
  | { op: 'mul'; args: Expr[] }
  | { op: 'div'; num: Expr; den: Expr }
  | { op: 'powi'; base: Expr; exp: number }
  | { op: UnaryOp; arg: Expr };

export const cst = (value: number): Expr => ({ op: 'const', value });
export const xv = (index: number): Expr => ({ op: 'x', index });
export const vv = (index: number): Expr => ({ op: 'v', index });
export const par = (name: string): Expr => ({ op: 'param', name });
export const add = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : { op: 'add', args });
export const mul = (...args: Expr[]): Expr => (args.length === 1 ? args[0] : { op: 'mul', args });
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (num: Expr, den: Expr): Expr => ({ op: 'div', num, den });
export const powi = (base: Expr, exp: number): Expr => {
  if (!Number.isInteger(exp) || exp < 0) throw new RangeError(`powi: exponent must be a non-negative integer, got ${exp}`);
  return { op: 'powi', base, exp };
};
export const neg = (arg: Expr): Expr => ({ op: 'neg', arg });
export const un = (op: UnaryOp, arg: Expr): Expr => ({ op, arg });

/** An integrand family member: `outputs` expressions integrated together over the same samples. */
export interface Integrand {
  /** Dimension d: the integration is over (x, v) ∈ ℝ^d × ℝ^d. */
  d: number;
  /** Named outputs (e.g. ['lhs', 'rhs'] or the terms of Prop. 4.1). */
  names: string[];
  exprs: Expr[];
  /** Values of the `param` leaves. */
  params: Record<string, number>;
}

/** Largest x/v index and the parameter names an expression uses (validation before codegen). */
export function scan(e: Expr, acc = { maxIndex: -1, params: new Set<string>() }) {
  switch (e.op) {
    case 'const':
      break;
    case 'x':
    case 'v':
      acc.maxIndex = Math.max(acc.maxIndex, e.index);
      break;
    case 'param':
      acc.params.add(e.name);
      break;
    case 'add':
    case 'mul':
      for (const a of e.args) scan(a, acc);
      break;
    case 'div':
      scan(e.num, acc);
      scan(e.den, acc);
      break;
    case 'powi':
      scan(e.base, acc);
      break;
    default:
      scan(e.arg, acc);
  }
  return acc;
}

/** Leaves a backend cannot compile: a non-integer or negative coordinate index, a non-finite constant. */
function badLeaf(e: Expr): string | undefined {
  switch (e.op) {
    case 'const':
      return Number.isFinite(e.value) ? undefined : `constant ${e.value} is not finite`;
    case 'x':
    case 'v':
      return Number.isInteger(e.index) && e.index >= 0 ? undefined : `coordinate index ${e.index} of "${e.op}" is not a non-negative integer`;
    case 'param':
      return undefined;
    case 'add':
    case 'mul':
      for (const a of e.args) {
        const bad = badLeaf(a);
        if (bad) return bad;
      }
      return undefined;
    case 'div':
      return badLeaf(e.num) ?? badLeaf(e.den);
    case 'powi':
      return Number.isInteger(e.exp) && e.exp >= 0 ? badLeaf(e.base) : `powi exponent ${e.exp} is not a non-negative integer`;
    default:
      return badLeaf(e.arg);
  }
}

/** Check an integrand before any backend compiles it; throws a RangeError naming the problem. */
export function validateIntegrand(f: Integrand): void {
  if (!Number.isInteger(f.d) || f.d < 1) throw new RangeError(`integrand: d must be a positive integer, got ${f.d}`);
  if (f.names.length !== f.exprs.length) throw new RangeError(`integrand: ${f.names.length} names for ${f.exprs.length} expressions`);
  for (const e of f.exprs) {
    const bad = badLeaf(e);
    if (bad) throw new RangeError(`integrand: ${bad}`);
    const { maxIndex, params } = scan(e);
    if (maxIndex >= f.d) throw new RangeError(`integrand: coordinate index ${maxIndex} out of range for d = ${f.d}`);
    for (const p of params) {
      if (!(p in f.params) || !Number.isFinite(f.params[p])) throw new RangeError(`integrand: parameter "${p}" missing or not finite`);
    }
  }
}

/** Evaluator (x, v, out) → fills out[k] with exprs[k](x, v). Compiled once; hot loops call it. */
export type CompiledIntegrand = (x: Float64Array, v: Float64Array, out: Float64Array) => void;

const isLeaf = (e: Expr) => e.op === 'const' || e.op === 'x' || e.op === 'v' || e.op === 'param';

/**
 * JavaScript for the expressions, with common subexpressions shared: subtrees are hash-consed by
 * structure (linear in the DAG), and every non-leaf subtree used twice or more is computed once
 * into a local `t<k>`. Each value is computed by the same operations in the same order as the
 * written-out tree (left-to-right sums and products), so results are bit-identical to it; only
 * the repeated work goes. Parameters are read once per compile into locals.
 */
export function jsBody(exprs: readonly Expr[]): { body: string; params: string[]; shared: number } {
  const ids = new Map<Expr, number>();
  const table = new Map<string, number>();
  const nodes: Expr[] = [];
  const children: number[][] = [];
  const intern = (e: Expr): number => {
    const seen = ids.get(e);
    if (seen !== undefined) return seen;
    let kids: number[] = [];
    let tag: string;
    switch (e.op) {
      case 'const':
        tag = `c${Object.is(e.value, -0) ? '-0' : e.value.toPrecision(17)}`;
        break;
      case 'x':
      case 'v':
        tag = `${e.op}${e.index}`;
        break;
      case 'param':
        tag = `p${JSON.stringify(e.name)}`;
        break;
      case 'add':
      case 'mul':
        kids = e.args.map(intern);
        tag = `${e.op}(${kids.join(',')})`;
        break;
      case 'div':
        kids = [intern(e.num), intern(e.den)];
        tag = `div(${kids.join(',')})`;
        break;
      case 'powi':
        kids = [intern(e.base)];
        tag = `powi(${kids[0]},${e.exp})`;
        break;
      default:
        kids = [intern(e.arg)];
        tag = `${e.op}(${kids[0]})`;
    }
    let id = table.get(tag);
    if (id === undefined) {
      id = nodes.length;
      table.set(tag, id);
      nodes.push(e);
      children.push(kids);
    }
    ids.set(e, id);
    return id;
  };
  const roots = exprs.map(intern);
  // Uses: how many times each node is referenced from distinct parent positions (descend once).
  const uses = new Array<number>(nodes.length).fill(0);
  const visited = new Uint8Array(nodes.length);
  const count = (id: number) => {
    uses[id]++;
    if (visited[id]) return;
    visited[id] = 1;
    for (const k of children[id]) count(k);
  };
  for (const r of roots) count(r);
  const params = new Map<string, string>();
  const lines: string[] = [];
  const temp = new Map<number, string>();
  const text = (id: number): string => {
    const t = temp.get(id);
    if (t) return t;
    const e = nodes[id];
    const kid = children[id].map(text);
    let js: string;
    switch (e.op) {
      case 'const':
        js = `(${e.value.toPrecision(17)})`;
        break;
      case 'x':
        js = `x[${e.index}]`;
        break;
      case 'v':
        js = `v[${e.index}]`;
        break;
      case 'param': {
        let name = params.get(e.name);
        if (!name) params.set(e.name, (name = `p${params.size}`));
        js = name;
        break;
      }
      case 'add':
        js = kid.length === 0 ? '0' : `(${kid.join(' + ')})`;
        break;
      case 'mul':
        js = kid.length === 0 ? '1' : `(${kid.join(' * ')})`;
        break;
      case 'div':
        js = `(${kid[0]} / ${kid[1]})`;
        break;
      case 'powi':
        js = e.exp === 0 ? '1' : e.exp === 1 ? kid[0] : `powi(${kid[0]}, ${e.exp})`;
        break;
      case 'neg':
        js = `(-${kid[0]})`;
        break;
      default:
        js = `Math.${e.op}(${kid[0]})`;
    }
    if (uses[id] >= 2 && !isLeaf(e)) {
      const name = `t${temp.size}`;
      lines.push(`const ${name} = ${js};`);
      temp.set(id, name);
      return name;
    }
    return js;
  };
  roots.forEach((r, k) => {
    const js = text(r);
    lines.push(`out[${k}] = ${js};`);
  });
  return { body: lines.join('\n'), params: [...params.keys()], shared: temp.size };
}

export function compileJs(f: Integrand): CompiledIntegrand {
  validateIntegrand(f);
  const { body, params } = jsBody(f.exprs);
  const head = params.map((name, i) => `const p${i} = p[${JSON.stringify(name)}];`).join('\n');
  // new Function: the integrand runs 10⁷+ times per check; a tree walk would be ~20× slower.
  const fn = new Function('p', 'powi', `${head}\nreturn function(x, v, out) {\n${body}\n};`) as (p: Record<string, number>, powi: (b: number, n: number) => number) => CompiledIntegrand;
  return fn({ ...f.params }, repeatedProduct);
}

/** b·b·…·b (n ≥ 1 factors, left to right): the same rounding as writing the product out. */
function repeatedProduct(b: number, n: number): number {
  let r = b;
  for (let i = 1; i < n; i++) r *= b;
  return r;
}

/** Direct tree evaluation (reference for tests of the compilers). */
export function evalExpr(e: Expr, x: ArrayLike<number>, v: ArrayLike<number>, p: Record<string, number>): number {
  switch (e.op) {
    case 'const':
      return e.value;
    case 'x':
      return x[e.index];
    case 'v':
      return v[e.index];
    case 'param':
      return p[e.name];
    case 'add':
      return e.args.reduce((s, a) => s + evalExpr(a, x, v, p), 0);
    case 'mul':
      return e.args.reduce((s, a) => s * evalExpr(a, x, v, p), 1);
    case 'div':
      return evalExpr(e.num, x, v, p) / evalExpr(e.den, x, v, p);
    case 'powi':
      return e.exp === 0 ? 1 : repeatedProduct(evalExpr(e.base, x, v, p), e.exp);
    case 'neg':
      return -evalExpr(e.arg, x, v, p);
    default:
      return Math[e.op](evalExpr(e.arg, x, v, p));
  }
}
