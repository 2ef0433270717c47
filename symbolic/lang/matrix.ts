/**
 * Matrix expressions of claim files: named matrices (rows of parameter expressions) combined with
 * `+ - *`, scalar parameter expressions, `transpose(A)`, `A^T` or `A'`. Entries are polynomials in
 * the parameters and root symbols (a rational entry is a LangError: multiply the matrix out).
 *
 * @example parseMatrixExpr('Q*P + P*transpose(Q)', { P: [['1','Ch'],['Ch','C']], Q: [['0','1'],['-omega0^2','gamma']] }, syms)
 */
import type { MathNode } from 'mathjs';
import { Poly } from '../poly.ts';
import { PolyMatrix, reduceRoots, type Roots } from '../matrix.ts';
import { LangError, type LangSymbols, type ParamExpr } from './index.ts';
import { parseMath, parseParamExprs } from './param.ts';

/** Matrices as printed: name → rows of expression strings. */
export type MatrixTable = Readonly<Record<string, readonly (readonly string[])[]>>;

/** Largest matrix size accepted (symbolic minors grow fast). */
export const MATRIX_LIMIT = 6;

type Node = MathNode & { type: string; op?: string; fn?: { name?: string } | string; args?: MathNode[]; content?: MathNode; name?: string; object?: MathNode };

type MExpr =
  | { t: 'matrix'; name: string }
  | { t: 'scalar'; text: string }
  | { t: 'add' | 'sub' | 'mul'; a: MExpr; b: MExpr }
  | { t: 'neg' | 'transpose'; a: MExpr };

function isMatrixTree(e: MExpr): boolean {
  switch (e.t) {
    case 'matrix':
      return true;
    case 'scalar':
      return false;
    case 'neg':
    case 'transpose':
      return isMatrixTree(e.a);
    case 'add':
    case 'sub':
    case 'mul':
      return isMatrixTree(e.a) || isMatrixTree(e.b);
  }
}

/** Does the expression name one of `names` (a matrix)? */
export function mentionsName(node: MathNode, names: ReadonlySet<string>): boolean {
  let hit = false;
  node.traverse((c) => {
    const cc = c as Node;
    if (cc.type === 'SymbolNode' && names.has(cc.name!)) hit = true;
  });
  return hit;
}

function toMExpr(node: MathNode, names: ReadonlySet<string>): MExpr {
  const n = node as Node;
  const mentions = (m: MathNode) => mentionsName(m, names);
  if (!mentions(node)) return { t: 'scalar', text: node.toString() };
  switch (n.type) {
    case 'SymbolNode':
      return { t: 'matrix', name: n.name! };
    case 'ParenthesisNode':
      return toMExpr(n.content!, names);
    case 'OperatorNode': {
      const args = n.args!;
      if (args.length === 1 && n.op === '-') return { t: 'neg', a: toMExpr(args[0], names) };
      if (args.length === 1 && n.op === '+') return toMExpr(args[0], names);
      if (n.op === "'") return { t: 'transpose', a: toMExpr(args[0], names) };
      if (n.op === '^' && (args[1] as Node).type === 'SymbolNode' && (args[1] as Node).name === 'T') return { t: 'transpose', a: toMExpr(args[0], names) };
      const a = toMExpr(args[0], names);
      const b = toMExpr(args[1], names);
      if (n.op === '+') return { t: 'add', a, b };
      if (n.op === '-') return { t: 'sub', a, b };
      if (n.op === '*') return { t: 'mul', a, b };
      throw new LangError(`operator "${n.op}" is not allowed between matrices`);
    }
    case 'FunctionNode': {
      const fname = typeof n.fn === 'string' ? n.fn : n.fn?.name;
      if ((fname === 'transpose' || fname === 'T') && n.args?.length === 1) return { t: 'transpose', a: toMExpr(n.args[0], names) };
      throw new LangError(`function "${fname}" is not allowed on matrices (allowed: transpose)`);
    }
    default:
      throw new LangError(`${n.type} is not allowed in a matrix expression`);
  }
}

function collectScalars(e: MExpr, out: string[]): void {
  if (e.t === 'scalar') out.push(e.text);
  else if (e.t === 'neg' || e.t === 'transpose') collectScalars(e.a, out);
  else if (e.t === 'add' || e.t === 'sub' || e.t === 'mul') {
    collectScalars(e.a, out);
    collectScalars(e.b, out);
  }
}

/** Result of evaluating matrix expressions: exact PolyMatrix values and the shared roots. */
export interface ParsedMatrices {
  /** With rational entries (`rational: true`): each value is the true matrix times L^K, K even. */
  values: PolyMatrix[];
  roots: Roots;
  /** L, the product of the distinct entry denominators (1 when every entry is a polynomial): the values hold where L ≠ 0. */
  denominator: Poly;
}

/**
 * Evaluate matrix expressions over a table of printed matrices, sharing root symbols; `extra`
 * names further free parameters (e.g. existentially quantified constants).
 */
export function parseMatrixExprs(texts: readonly string[], table: MatrixTable, symbols: LangSymbols, extra: readonly string[] = [], options: { rational?: boolean } = {}): ParsedMatrices {
  const names = new Set(Object.keys(table));
  const trees = texts.map((t) => {
    const tree = toMExpr(parseMath(t), names);
    if (!isMatrixTree(tree)) throw new LangError(`"${t}" names no matrix (known: ${[...names].join(', ') || 'none'})`);
    return tree;
  });
  // One parse of every entry and scalar, so equal square roots share one symbol.
  const entryTexts: string[] = [];
  const shape: Record<string, [number, number]> = {};
  for (const [name, rows] of Object.entries(table)) {
    if (!Array.isArray(rows) || rows.length === 0) throw new LangError(`matrix ${name} has no rows`);
    const cols = rows[0].length;
    if (rows.length > MATRIX_LIMIT || cols > MATRIX_LIMIT) throw new LangError(`matrix ${name} is ${rows.length}×${cols}; at most ${MATRIX_LIMIT}×${MATRIX_LIMIT} are decided symbolically`);
    for (const [i, r] of rows.entries()) if (r.length !== cols) throw new LangError(`matrix ${name}: row ${i + 1} has ${r.length} entries, row 1 has ${cols}`);
    shape[name] = [rows.length, cols];
    for (const r of rows) for (const e of r) entryTexts.push(String(e));
  }
  const scalars: string[] = [];
  for (const t of trees) collectScalars(t, scalars);
  const { exprs, roots } = parseParamExprs([...entryTexts, ...scalars], symbols, extra);
  // Rational entries (when allowed): every entry and scalar as (true value)·L, L the product of the
  // distinct non-constant denominators; products raise the power of L, sums align it.
  const used = new Set<string>();
  const visit = (e: MExpr): void => {
    if (e.t === 'matrix') used.add(e.name);
    else if (e.t === 'neg' || e.t === 'transpose') visit(e.a);
    else if (e.t === 'add' || e.t === 'sub' || e.t === 'mul') {
      visit(e.a);
      visit(e.b);
    }
  };
  trees.forEach(visit);
  const usedIndex: boolean[] = [];
  for (const [name, rows] of Object.entries(table)) for (const r of rows) for (const _ of r) usedIndex.push(used.has(name));
  scalars.forEach(() => usedIndex.push(true));
  const dens: Poly[] = [];
  for (const [i, e] of exprs.entries()) {
    if (e.den.constantValue() || !usedIndex[i]) continue;
    if (!options.rational) continue;
    const d = e.den.scale(e.den.termList()[0].coef.inv());
    if (!dens.some((x) => x.equals(d))) dens.push(d);
  }
  const L = dens.reduce((acc, d) => acc.mul(d), Poly.ONE);
  const asPoly = (e: ParamExpr, what: string): Poly => {
    const c = e.den.constantValue();
    if (c?.isZero()) throw new LangError(`${what} divides by zero (its denominator is identically 0)`);
    if (c) return e.num.scale(c.inv()).mul(L);
    if (!options.rational) throw new LangError(`${what} is a rational function; matrix entries must be polynomials in the parameters`);
    const lead = e.den.termList()[0].coef;
    const d = e.den.scale(lead.inv());
    const others = dens.filter((x) => !x.equals(d)).reduce((acc, x) => acc.mul(x), Poly.ONE);
    return e.num.scale(lead.inv()).mul(others);
  };
  const mats = new Map<string, PolyMatrix>();
  let k = 0;
  for (const [name, [r, c]] of Object.entries(shape)) {
    if (!used.has(name)) {
      k += r * c; // a matrix of the file that these expressions do not use: parsed (checked), not built
      continue;
    }
    const rows: Poly[][] = [];
    for (let i = 0; i < r; i++) {
      const row: Poly[] = [];
      for (let j = 0; j < c; j++) row.push(asPoly(exprs[k++], `${name}[${i + 1}][${j + 1}]`));
      rows.push(row);
    }
    mats.set(name, PolyMatrix.from(rows));
  }
  const scalarPolys = new Map<string, Poly>();
  scalars.forEach((s, i) => scalarPolys.set(s, asPoly(exprs[entryTexts.length + i], `"${s}"`)));
  // k: the value is (true value)·L^k
  type V = { m?: PolyMatrix; s?: Poly; k: number };
  const up = (v: V, k: number): V => {
    if (v.k === k) return v;
    const f = L.pow(k - v.k);
    return v.m ? { m: v.m.scale(f), k } : { s: v.s!.mul(f), k };
  };
  const ev = (e: MExpr): V => {
    switch (e.t) {
      case 'matrix':
        return { m: mats.get(e.name)!, k: 1 };
      case 'scalar':
        return { s: scalarPolys.get(e.text)!, k: 1 };
      case 'neg': {
        const a = ev(e.a);
        return a.m ? { m: a.m.scale(-1), k: a.k } : { s: a.s!.neg(), k: a.k };
      }
      case 'transpose': {
        const a = ev(e.a);
        if (!a.m) throw new LangError('transpose of a scalar');
        return { m: a.m.transpose(), k: a.k };
      }
      case 'add':
      case 'sub': {
        let a = ev(e.a);
        let b = ev(e.b);
        if (!a.m || !b.m) throw new LangError('a matrix plus a scalar: write the scalar times a matrix (e.g. mu*I with I declared)');
        if (a.m.rows !== b.m.rows || a.m.cols !== b.m.cols) throw new LangError(`sizes differ: ${a.m.rows}×${a.m.cols} and ${b.m.rows}×${b.m.cols}`);
        const k = Math.max(a.k, b.k);
        a = up(a, k);
        b = up(b, k);
        return { m: e.t === 'add' ? a.m!.add(b.m!) : a.m!.sub(b.m!), k };
      }
      case 'mul': {
        const a = ev(e.a);
        const b = ev(e.b);
        const k = a.k + b.k;
        if (a.m && b.m) {
          if (a.m.cols !== b.m.rows) throw new LangError(`cannot multiply ${a.m.rows}×${a.m.cols} by ${b.m.rows}×${b.m.cols}`);
          return { m: a.m.mul(b.m), k };
        }
        if (a.m) return { m: a.m.scale(b.s!), k };
        if (b.m) return { m: b.m.scale(a.s!), k };
        return { s: a.s!.mul(b.s!), k };
      }
    }
  };
  const evaluated = trees.map((t) => ev(t));
  const rootsUsed = usedRoots(exprs.filter((_, i) => usedIndex[i]), roots);
  if (L.constantValue()) return { values: evaluated.map((v) => v.m!.map((p) => reduceRoots(p, roots))), roots: rootsUsed, denominator: Poly.ONE };
  // a common even power of L: (true value)·L^K with L^K > 0 where L ≠ 0 — identities and (semi)definiteness are kept
  const K = evaluated.reduce((mx, v) => Math.max(mx, v.k), 0);
  const Keven = K + (K % 2);
  const values = evaluated.map((v) => up(v, Keven).m!.map((p) => reduceRoots(p, roots)));
  return { values, roots: rootsUsed, denominator: L };
}

/**
 * The square roots that the used entries and scalars print (those of a radicand they need too):
 * a root printed only in a matrix the expressions do not use must not have to be defined. A root
 * that cancels in the value is still printed, so it stays.
 */
function usedRoots(exprs: readonly ParamExpr[], roots: Roots): Roots {
  const out: Record<string, Poly> = {};
  const add = (names: readonly string[]) => {
    for (const r of names) {
      if (!(r in roots) || r in out) continue;
      out[r] = roots[r];
      add(roots[r].variables());
    }
  };
  for (const e of exprs) add([...e.num.variables(), ...e.den.variables()]);
  return out;
}
