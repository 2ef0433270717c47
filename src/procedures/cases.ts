/**
 * `max(·,·)` and `min(·,·)` in parameter relations, decided by cases: with the file's and the
 * record's definitions expanded, the max/min over one set of arguments are resolved by the orderings
 * a₁ ≥ … ≥ aₙ of those arguments (max is a₁, min is aₙ), as hypotheses. The cases cover the domain, and on its case every
 * replacement equals the printed max/min, so: the claim holds iff it holds in every case; a point
 * refuting a case (it satisfies that case's hypotheses) refutes the printed claim. Knows no paper.
 */
import { parse, type MathNode } from 'mathjs';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { LangError } from '../../symbolic/lang/index.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { badInput, divisorsUndefined, emptyDomain, langSymbols } from './common.ts';
import { parseParamExprs } from '../../symbolic/lang/param.ts';
import type { Poly } from '../../symbolic/poly.ts';

/** At most this many cases (2 maxima of 3 arguments and one of 2: 18). */
export const MAX_CASES = 64;

type Node = MathNode & { type: string; name?: string; fn?: { name?: string } | string; args?: MathNode[] };

const fnName = (n: Node) => (typeof n.fn === 'string' ? n.fn : n.fn?.name);
const isMaxMin = (n: MathNode) => (n as Node).type === 'FunctionNode' && ['max', 'min'].includes(fnName(n as Node) ?? '');

/** Zero-arity definitions `name = body` of the symbols (file then record: the record's win). */
function bodies(record: ClaimRecord, env: ProcedureEnv): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of langSymbols(env, record).definitions) {
    const r = splitRelation(def);
    if (r && r.rel === '=' && /^[A-Za-z_]\w*$/.test(r.lhs.trim())) out.set(r.lhs.trim(), r.rhs);
  }
  return out;
}

/** The text with every definition inlined (parenthesised), as a mathjs tree. */
function expand(text: string, defs: Map<string, string>, depth = 0): MathNode {
  if (depth > 20) throw new LangError('definitions nest deeper than 20 levels');
  return parse(text).transform((n) => {
    const node = n as Node;
    if (node.type === 'SymbolNode' && defs.has(node.name!)) return parse(`(${expand(defs.get(node.name!)!, defs, depth + 1).toString()})`);
    return n;
  });
}

const hasMaxMin = (t: MathNode) => t.filter(isMaxMin).length > 0;
/** A nested max/min inside an argument, for maxMinDivisors: a symbol no claim file can declare. */
const OPAQUE = '__maxmin';

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

export interface Case {
  /** The texts with max/min resolved. */
  texts: string[];
  /** The case's hypotheses (relations over the parameters). */
  hypotheses: string[];
}

/**
 * The divisors of the max/min arguments in `texts` (definitions expanded), as polynomials in the
 * parameters. A case's hypotheses compare the arguments cross-multiplied, with each divisor ≠ 0:
 * the cases together cover the domain less the arguments' poles, so those are checked on the
 * whole domain first (decideWithCases). Arguments that do not parse as parameter expressions give none.
 */
export function maxMinDivisors(texts: readonly string[], record: ClaimRecord, env: ProcedureEnv, roots: Record<string, Poly> = {}): Poly[] {
  const defs = bodies(record, env);
  const args = new Set<string>();
  for (const t of texts) {
    let tree: MathNode;
    try {
      tree = expand(t.replace(/(?<![<>=!])=(?!=)/g, '=='), defs);
    } catch {
      continue;
    }
    // every argument, a nested max/min in it read as an opaque value (its own arguments are visited too)
    for (const n of tree.filter(isMaxMin)) for (const a of (n as Node).args ?? []) args.add(a.transform((m) => (m !== a && isMaxMin(m) ? parse(OPAQUE) : m)).toString());
  }
  const syms = langSymbols(env, record);
  const out: Poly[] = [];
  for (const a of args) {
    if (hasMaxMin(parse(a))) continue;
    try {
      // a divisor holding a max/min (b/max(a − 2, 2a − 4)) comes back with the OPAQUE symbol in it:
      // decideWithCases does not decide where it vanishes (inconclusive)
      const parsed = parseParamExprs([a], syms, [OPAQUE]);
      out.push(...parsed.divisors);
      Object.assign(roots, parsed.roots);
    } catch {
      // not a parameter expression (a variable, a function): the procedure reports it
    }
  }
  return out;
}

/** The cases of `texts` (fields of one record), or undefined when no max/min occurs. */
export function maxMinCases(texts: readonly string[], record: ClaimRecord, env: ProcedureEnv): Case[] | undefined {
  const defs = bodies(record, env);
  const mentions = (t: string) => /\b(max|min)\s*\(/.test(t);
  if (!texts.some(mentions) && ![...defs.values()].some(mentions)) return undefined;
  let first: MathNode[];
  try {
    // a relation printed with a single = (mathjs reads it as an assignment): compared as ==
    first = texts.map((t) => expand(t.replace(/(?<![<>=!])=(?!=)/g, '=='), defs));
  } catch {
    return undefined; // malformed text or a self-referring definition: the procedure's own parse reports it
  }
  let cases: { trees: MathNode[]; hypotheses: string[] }[] = [{ trees: first, hypotheses: [] }];
  if (!cases[0].trees.some(hasMaxMin)) return undefined;
  for (let round = 0; round < 16; round++) {
    const next: typeof cases = [];
    let changed = false;
    for (const c of cases) {
      // an innermost max/min; every max/min over the same arguments is resolved together, by the
      // orderings of those arguments (a₁ ≥ a₂ ≥ … ≥ aₙ: max is a₁, min is aₙ), so max and min agree
      const target = c.trees.flatMap((t) => t.filter((n) => isMaxMin(n) && !((n as Node).args ?? []).some(hasMaxMin)))[0];
      if (!target) {
        next.push(c);
        continue;
      }
      changed = true;
      const argsOf = (n: MathNode) => ((n as Node).args ?? []).map((a) => a.toString());
      const args = [...new Set(argsOf(target))];
      if (args.length === 0) throw new LangError(`${target.toString()}: max/min needs arguments`);
      if (args.length > 4) throw new LangError(`${target.toString()}: max/min of more than 4 distinct arguments`);
      const key = [...args].sort().join('\u0000');
      const sameSet = (n: MathNode) => isMaxMin(n) && [...new Set(argsOf(n))].sort().join('\u0000') === key;
      for (const order of permutations(args)) {
        const hyps = order.slice(1).map((x, i) => `${order[i]} >= ${x}`);
        const trees = c.trees.map((t) => t.transform((n) => (sameSet(n) ? parse(`(${fnName(n as Node) === 'max' ? order[0] : order[order.length - 1]})`) : n)));
        next.push({ trees, hypotheses: [...c.hypotheses, ...hyps] });
      }
      if (next.length > MAX_CASES) throw new LangError(`max/min: more than ${MAX_CASES} cases`);
    }
    cases = next;
    if (!changed) break;
  }
  return cases.map((c) => ({ texts: c.trees.map((t) => t.toString()), hypotheses: c.hypotheses }));
}

/**
 * Decide a record by cases: `records[k]` is case k's record (texts replaced, hypotheses in
 * `forall`), `decide` the underlying procedure. proved iff every case is proved; refuted by the
 * first refuted case (its witness satisfies the case); else inconclusive.
 */
export async function decideByCases(
  cases: Case[],
  records: readonly ClaimRecord[],
  decide: (r: ClaimRecord) => Promise<CheckResult>,
): Promise<CheckResult> {
  const results: { c: Case; r: CheckResult }[] = [];
  for (const [k, c] of cases.entries()) {
    const r = await decide(records[k]);
    results.push({ c, r });
    if (r.verdict === 'refuted') {
      return { ...r, summary: `${r.summary} [case ${c.hypotheses.join(', ')} of max/min]`, evidence: { ...r.evidence, maxMinCase: c.hypotheses }, decisive: `${r.decisive ?? ''} | case ${c.hypotheses.join(', ')}` };
    }
  }
  // each case's evidence is kept: a solver's counterexample with no exact form or an undefined point
  // in one case is evidence against the claim (common.ts evidenceAgainst)
  const cases2 = results.map(({ c, r }) => ({ case: c.hypotheses.join(', '), verdict: r.verdict, basis: r.basis, summary: r.summary, evidence: r.evidence }));
  const decisive = results.map(({ c, r }) => `${c.hypotheses.join(',')}: ${r.decisive ?? r.verdict}`).join(' | ');
  if (results.every(({ r }) => r.verdict === 'proved')) {
    const bases = new Set(results.map(({ r }) => r.basis));
    const basis = bases.has('one-solver') ? 'one-solver' : bases.has('two-solvers') ? 'two-solvers' : results[0].r.basis;
    return { verdict: 'proved', method: results.some(({ r }) => r.method === 'z3') ? 'z3' : 'exact', basis, summary: `holds in each of the ${results.length} cases of max/min`, evidence: { cases: cases2 }, decisive };
  }
  const worst = results.find(({ r }) => r.verdict !== 'proved')!;
  return { verdict: worst.r.verdict === 'error' ? 'error' : 'inconclusive', method: worst.r.method, summary: `case ${worst.c.hypotheses.join(', ')}: ${worst.r.summary}`, evidence: { cases: cases2 }, decisive };
}

/**
 * The record's cases over `fields` (string fields, e.g. ['relation'] or ['lhs', 'rhs']) and its
 * `forall`: one record per case with max/min resolved and the case's hypotheses added to `forall`;
 * undefined when no max/min occurs.
 */
export function caseRecords(record: ClaimRecord, env: ProcedureEnv, fields: readonly string[]): { cases: Case[]; records: ClaimRecord[] } | undefined {
  const forall = ((record.forall as string[] | undefined) ?? []).map(String);
  const texts = [...fields.map((f) => String(record[f])), ...forall];
  const cases = maxMinCases(texts, record, env);
  if (!cases) return undefined;
  const records = cases.map((c) => ({
    ...record,
    ...Object.fromEntries(fields.map((f, i) => [f, c.texts[i]])),
    forall: [...c.texts.slice(fields.length), ...c.hypotheses],
  }));
  return { cases, records };
}

/** The records a procedure validates: one per max/min case, or the record itself. */
export function recordsToValidate(record: ClaimRecord, env: ProcedureEnv, fields: readonly string[]): ClaimRecord[] {
  return caseRecords(record, env, fields)?.records ?? [record];
}

/**
 * Decide a record with `decide`, by cases when max/min occurs in `fields` (or its forall). With
 * `ctx`, a record whose domain is empty is `vacuous` first (`emptyDomain`; a case with an empty
 * region of its own is decided by `decide`, where it holds).
 */
export async function decideWithCases(
  record: ClaimRecord,
  env: ProcedureEnv,
  fields: readonly string[],
  method: CheckResult['method'],
  decide: (r: ClaimRecord) => Promise<CheckResult>,
  ctx?: CheckContext,
): Promise<CheckResult> {
  let split;
  try {
    split = caseRecords(record, env, fields);
  } catch (e) {
    return badInput(method, e);
  }
  const empty = ctx ? await emptyDomain(record, env, ctx) : undefined;
  if (empty) return empty;
  if (split && ctx) {
    // a pole of a max/min argument lies outside every case: the printed relation is undefined there
    const forall = ((record.forall as string[] | undefined) ?? []).map(String);
    const roots: Record<string, Poly> = {};
    const all = maxMinDivisors([...fields.map((f) => String(record[f])), ...forall], record, env, roots);
    const divisors = all.filter((d) => !d.variables().includes(OPAQUE));
    const opaque = all.some((d) => d.variables().includes(OPAQUE)) ? 'a max/min stands in a divisor: where it vanishes on the domain is not decided' : undefined;
    const why = opaque ?? (divisors.length ? await divisorsUndefined(divisors, roots, record, env, ctx) : undefined);
    if (why) return { verdict: 'inconclusive', method, summary: `${why}, inside a max/min argument: the printed relation is not defined there (state the hypothesis that excludes it)`, evidence: { undefinedWhere: why }, decisive: `undefined: ${why}` };
  }
  return split ? decideByCases(split.cases, split.records, decide) : decide(record);
}

