/**
 * SMT-LIB 2 for real-arithmetic queries (issue 12): the exact text of "∀ variables: assumptions →
 * goal" as a QF_NRA satisfiability question (assumptions ∧ ¬goal; root symbols s with s ≥ 0 and
 * s² = R), a model parser, and a decider over any SMT-LIB solver process (cvc5), so every
 * solver-based verdict can be re-run by a referee from its `.smt2` file.
 *
 * Pure: the solver process is passed in (`SmtRunner`); src/cvc5-service.ts spawns the binary.
 */
import { Rational, q } from './rational.ts';
import type { Poly } from './poly.ts';
import { reduceRoots } from './matrix.ts';
import { recheckCounterexample, witnessStrings, type Decision, type Formula, type RealQuery, type Z3Decider } from './z3.ts';

const SAFE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function sym(name: string): string {
  return SAFE.test(name) ? name : `|${name.replace(/\|/g, '')}|`;
}

function rat(r: Rational): string {
  const abs = r.abs();
  const body = abs.den === 1n ? `${abs.num}.0` : `(/ ${abs.num}.0 ${abs.den}.0)`;
  return r.sign() < 0 ? `(- ${body})` : body;
}

/** A polynomial as an SMT-LIB term. */
export function polyToSmt2(p: Poly): string {
  const terms = p.termList().map((t) => {
    const factors = [rat(t.coef)];
    for (const [v, e] of t.mono) for (let k = 0; k < e; k++) factors.push(sym(v));
    return factors.length === 1 ? factors[0] : `(* ${factors.join(' ')})`;
  });
  if (terms.length === 0) return '0.0';
  return terms.length === 1 ? terms[0] : `(+ ${terms.join(' ')})`;
}

const OPS: Record<string, string> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=' };

export function formulaToSmt2(f: Formula, roots: Readonly<Record<string, Poly>> = {}): string {
  switch (f.kind) {
    case 'const':
      return f.value ? 'true' : 'false';
    case 'not':
      return `(not ${formulaToSmt2(f.arg, roots)})`;
    case 'and':
      return f.args.length ? `(and ${f.args.map((a) => formulaToSmt2(a, roots)).join(' ')})` : 'true';
    case 'or':
      return f.args.length ? `(or ${f.args.map((a) => formulaToSmt2(a, roots)).join(' ')})` : 'false';
    case 'atom': {
      const t = polyToSmt2(reduceRoots(f.poly, roots));
      return f.rel === '!=' ? `(not (= ${t} 0.0))` : `(${OPS[f.rel]} ${t} 0.0)`;
    }
  }
}

/**
 * The exact SMT-LIB 2 script of a query: sat ⟺ the ∀-claim fails. Its `integers` (parameters with
 * an `integer` domain) are declared Int under mixed nonlinear arithmetic (QF_NIRA: an Int is read
 * where a Real is expected), so the script a referee re-runs decides the claim over ℤ as we did.
 */
export function queryToSmt2(query: RealQuery, comment = ''): string {
  const roots = query.roots ?? {};
  const integers = new Set(query.integers ?? []);
  const lines = [
    ...(comment ? comment.split('\n').map((l) => `; ${l}`) : []),
    '; sat <=> a counterexample exists; unsat <=> the claim holds for all values',
    integers.size ? '(set-logic QF_NIRA)' : '(set-logic QF_NRA)',
    '(set-option :produce-models true)',
    ...[...query.variables, ...Object.keys(roots)].map((v) => `(declare-fun ${sym(v)} () ${integers.has(v) ? 'Int' : 'Real'})`),
    ...Object.entries(roots).flatMap(([s, r]) => [`(assert (>= ${sym(s)} 0.0))`, `(assert (= (* ${sym(s)} ${sym(s)}) ${polyToSmt2(r)}))`]),
    `(assert ${formulaToSmt2(query.assumptions, roots)})`,
    `(assert (not ${formulaToSmt2(query.goal, roots)}))`,
    '(check-sat)',
    `(get-value (${query.variables.map(sym).join(' ') || '0.0'}))`,
  ];
  return lines.join('\n') + '\n';
}

/** Parse an SMT-LIB real value: `1.5`, `(/ 1 2)`, `(- 3.0)`, `(- (/ 1 2))`; undefined otherwise. */
export function parseSmt2Real(text: string): Rational | undefined {
  const t = text.trim();
  let m = /^\(\s*-\s+(.+)\)$/s.exec(t);
  if (m) {
    const v = parseSmt2Real(m[1]);
    return v?.neg();
  }
  m = /^\(\s*\/\s+(\S+)\s+(\S+)\s*\)$/.exec(t);
  if (m) {
    const a = parseSmt2Real(m[1]);
    const b = parseSmt2Real(m[2]);
    return a && b && !b.isZero() ? a.div(b) : undefined;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Rational.parse(t);
  return undefined;
}

/** Values from a `(get-value (...))` answer: `((x 1.0) (y (/ 1 2)))`. */
export function parseSmt2Values(text: string, names: readonly string[]): Record<string, Rational> | undefined {
  const out: Record<string, Rational> = {};
  for (const name of names) {
    const s = sym(name).replace(/[|]/g, '\\|');
    const start = new RegExp(`\\(\\s*${s}\\s+`).exec(text);
    if (!start) return undefined;
    let i = start.index + start[0].length;
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    const v = parseSmt2Real(text.slice(i, j));
    if (!v) return undefined;
    out[name] = v;
    i = j;
  }
  return out;
}

/** Runs an SMT-LIB script, returning the solver's standard output. */
export type SmtRunner = (script: string, timeoutMs: number, resourceLimit?: number) => Promise<string>;

/** A decider over an SMT-LIB solver (same interface as the Z3 decider). */
export function createSmtDecider(run: SmtRunner, version: string): Z3Decider {
  return {
    version,
    async decide(query, opts = {}): Promise<Decision> {
      const { timeoutMs = 10_000, resourceLimit } = opts;
      const t0 = performance.now();
      let out: string;
      try {
        out = await run(queryToSmt2(query), timeoutMs, resourceLimit);
      } catch (err) {
        return { status: 'unknown', ms: Math.round(performance.now() - t0), reason: `solver failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
      }
      const ms = Math.round(performance.now() - t0);
      const first = out.trim().split('\n')[0]?.trim();
      if (first === 'unsat') return { status: 'proved', ms };
      if (first !== 'sat') {
        // a runner may append (get-info :reason-unknown): cvc5 says "resourceout" at its resource limit
        const why = /\(:reason-unknown\s+([^)]*)\)/.exec(out)?.[1]?.trim();
        return { status: 'unknown', ms, reason: `solver answered ${first || 'nothing'}${first === 'unknown' && why ? ` (${why})` : ''}` };
      }
      const at = parseSmt2Values(out, query.variables);
      if (at && recheckCounterexample(query, at)) return { status: 'refuted', ms, witness: witnessStrings(query, at) };
      return { status: 'unknown', ms, sat: true, reason: 'sat, but the model is not rational or did not re-check exactly' };
    },
  };
}

export { q };
