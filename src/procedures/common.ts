/**
 * Pieces every procedure shares: the file's symbols for the language, the domain of a record
 * (parameter domains ∧ `forall`) as a solver assumption, seeded exact sample points, solver
 * access, and witness formatting. Knows no paper.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CheckContext, CheckResult, Method, Verdict } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import type { LangSymbols, ParamExpr } from '../../symbolic/lang/index.ts';
import { LangError } from '../../symbolic/lang/index.ts';
import { domainFormulas, farValues, hypothesisFormula, integerParameters, parseDomain, parseParamExpr, parseParamExprs, samplePoints, signAt, signFormula } from '../../symbolic/lang/param.ts';
import { mentionsIdentifier, splitRelation } from '../../symbolic/lang/text.ts';
import { PolyMatrix } from '../../symbolic/matrix.ts';
import { certDomain, checkSign, decideSign } from '../../symbolic/certificate.ts';
import { and, atom, evaluateFormula, recheckCounterexample, type Decision, type Formula, type RealQuery, type Z3Decider } from '../../symbolic/z3.ts';
import type { Roots } from '../../symbolic/matrix.ts';
import { Rational } from '../../symbolic/rational.ts';
import { Poly } from '../../symbolic/poly.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';

/**
 * The symbols of the record's file, as the language reads them, with the record's own printed
 * definitions (`define: ["mu = gamma", "C = omega0^2"]`) after the file's (so they win).
 */
export function langSymbols(env: ProcedureEnv, record?: ClaimRecord): LangSymbols {
  const s = env.set.symbols;
  const own = ((record?.define as string[] | undefined) ?? []).map(String);
  // `substitute: ["eta = a^4"]`: a change of parameters (onto the domain), expanded like a definition
  const sub = ((record?.substitute as string[] | undefined) ?? []).map(String);
  return { parameters: s.parameters, variables: s.variables, functions: s.functions, dimension: s.dimension, definitions: [...s.definitions, ...sub, ...own] };
}

/**
 * The definitions in force for a record, by name: the file's, then its `define` (the last of a
 * name wins). Not `substitute`: a change of parameters onto the domain, whose new parameters carry
 * their own domains (claim-file.ts checks it is onto).
 */
export function definitionsByName(env: ProcedureEnv, record?: ClaimRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of [...env.set.symbols.definitions, ...((record?.define as string[] | undefined) ?? []).map(String)]) {
    const r = splitRelation(d);
    if (r && (r.rel === '=' || r.rel === '==') && /^[A-Za-z_]\w*$/.test(r.lhs.trim())) out.set(r.lhs.trim(), r.rhs.trim());
  }
  return out;
}

/**
 * A definition named after a declared parameter (`define: ["kappa = 1 - gamma"]`, κ ∈ (0, 1)) is
 * read in place of the parameter, so the parameter's domain would be lost with it: it is kept as
 * hypotheses on the defining expression ((1 − γ) > 0, (1 − γ) < 1), added to `forall` where the
 * record is decided (registry.ts). A contradiction (κ ∈ (0, 1), `kappa = 2`) makes the domain
 * empty: vacuous, as the same hypothesis written in `forall` is. (An integer parameter cannot be
 * defined: a load error, claim-file.ts.)
 */
export function shadowedParameterHypotheses(defs: readonly (readonly [string, string])[], env: ProcedureEnv): string[] {
  const params = env.set.symbols.parameters;
  const out: string[] = [];
  for (const [name, body] of defs) {
    let dom;
    try {
      dom = parseDomain(name, String(params[name].domain));
    } catch {
      continue; // a bad domain: reported where the parameters are read
    }
    const e = `(${body})`;
    if (dom.lo !== undefined) out.push(`${e} ${dom.loOpen ? '>' : '>='} ${dom.lo.toString()}`);
    if (dom.hi !== undefined) out.push(`${e} ${dom.hiOpen ? '<' : '<='} ${dom.hi.toString()}`);
    for (const c of dom.excluded) out.push(`${e} != ${c.toString()}`);
  }
  return out;
}

/** The definitions a record uses (through its printed data) that are named after a declared parameter, name → body. */
export function shadowingDefinitions(record: ClaimRecord, env: ProcedureEnv): [string, string][] {
  const params = env.set.symbols.parameters;
  const defs = [...definitionsByName(env, record)].filter(([name]) => Object.hasOwn(params, name));
  if (!defs.length) return [];
  // only where the record uses it: an unused definition affects no claim
  const meta = new Set(['id', 'source', 'statement', 'title', 'note', 'uses', 'kind', 'corrected', 'examples', 'options', 'pos']);
  const printed = Object.entries(record).filter(([k]) => !meta.has(k)).map(([, v]) => v);
  const used = identifiersUsed(JSON.stringify(printed), env);
  return defs.filter(([name]) => used.has(name));
}

/**
 * The first divisor that vanishes (or may vanish: undecided) somewhere on the record's domain, as a
 * sentence; undefined when every one is nonzero there. Unlike identity.ts undefinedWhere, a divisor
 * with a square root (1/(√a − 1)²) is decided with its root, not skipped.
 */
export async function divisorsUndefined(divisors: readonly Poly[], roots: Roots, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<string | undefined> {
  for (const B of divisors) {
    const c = B.constantValue();
    if (c !== undefined) {
      if (c.isZero()) return 'a divisor is identically 0';
      continue;
    }
    const used = Object.fromEntries(Object.entries(roots).filter(([s]) => B.variables().includes(s)));
    // a monomial in root symbols and parameters (√a, 2·b·√(a − 1)) is nonzero where each factor is:
    // a root where its radicand is > 0, a parameter where it is ≠ 0 (signs first, then the solvers)
    const terms = B.termList();
    if (terms.length === 1 && Object.keys(used).length) {
      let all = true;
      for (const [v] of terms[0].mono) {
        const e = v in used ? { num: used[v], den: Poly.ONE, roots: {} } : { num: Poly.variable(v), den: Poly.ONE, roots: {} };
        const sign = await signOnWholeDomain(e, v in used ? '>' : '!=', record, env, ctx);
        if (!sign.holds) {
          all = false;
          break;
        }
      }
      if (all) continue;
    }
    const nz = await nonzeroOnDomain({ num: B, den: Poly.ONE, roots: used }, record, env, ctx);
    if (nz.nonzero) continue;
    const text = Object.keys(used).length ? `${unicodeString(B)} (${Object.entries(used).map(([s, r]) => `${s} = √(${unicodeString(r)})`).join(', ')})` : unicodeString(B);
    return nz.nonzero === false ? `the divisor ${text} is 0 on the domain (${nz.how})` : `whether the divisor ${text} is 0 somewhere on the domain is undecided (${nz.how})`;
  }
  return undefined;
}

/**
 * A witness names the values the check used: a parameter read through its definition shows the
 * definition's value at the witness (a sampled value of the parameter itself was never used), or
 * nothing when that cannot be computed exactly.
 */
export function witnessThroughDefinitions(witness: Record<string, unknown>, shadowing: readonly (readonly [string, string])[], record: ClaimRecord, env: ProcedureEnv): Record<string, unknown> {
  const defs = shadowing.filter(([name]) => name in witness);
  if (!defs.length) return witness;
  const out = { ...witness };
  const at: Record<string, Rational> = {};
  for (const [k, v] of Object.entries(witness)) {
    try {
      at[k] = Rational.parse(String(v));
    } catch {
      // not an exact number (a root, a label)
    }
  }
  for (const [name, body] of defs) {
    try {
      const e = parseParamExpr(body, langSymbols(env, record));
      if (Object.keys(e.roots).length) throw new Error('roots');
      out[name] = e.num.evaluate(at).div(e.den.evaluate(at)).toString();
    } catch {
      delete out[name];
    }
  }
  return out;
}

/**
 * The definitions a record uses in place of a parameter must be defined on its domain (the domain
 * hypotheses derived from them, shadowedParameterHypotheses, would otherwise exclude their poles
 * and the points where their square roots are undefined, silently): a divisor that vanishes or a
 * radicand that is negative somewhere on the domain makes the claim `inconclusive`, as a printed one does.
 */
export async function shadowedDefinitionsUndefined(bodies: readonly (readonly [string, string])[], record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult | undefined> {
  if (!bodies.length) return undefined;
  const names = bodies.map(([n]) => n).join(', ');
  let parsed;
  try {
    parsed = parseParamExprs(bodies.map(([, b]) => b), langSymbols(env, record));
  } catch (e) {
    // (max/min, say): the parameter's domain cannot be carried to it, nor its poles checked
    const why = `the definition of ${names}, read in place of the parameter, is not a parameter expression the domain check reads (${e instanceof Error ? e.message : String(e)})`;
    return { verdict: 'inconclusive', method: 'exact', summary: `${why}: write it under another name, or as a hypothesis`, evidence: { reason: why }, decisive: `unchecked definition: ${names}` };
  }
  const why = await divisorsUndefined(parsed.divisors, parsed.roots, record, env, ctx);
  if (why) return { verdict: 'inconclusive', method: 'exact', summary: `${why}, in the definition of ${names}: the printed statement is not defined there (state the hypothesis that excludes it)`, evidence: { undefinedWhere: why }, decisive: `undefined: ${why}` };
  if (Object.keys(parsed.roots).length) {
    let dom;
    try {
      dom = recordDomain(record, env);
    } catch {
      return undefined;
    }
    const defined = await rootsDefined(parsed.roots, record, env, ctx, dom, 'exact');
    if (!defined.ok) return { ...defined.result, summary: `${defined.result.summary} (in the definition of ${names})` };
  }
  return undefined;
}

/** A record's domain as a solver assumption (`recordDomain`). */
export interface RecordDomain {
  assumptions: Formula;
  roots: Roots;
  variables: string[];
  /** The parameters with an `integer` domain: they range over ℤ (solver sort Int, integer witnesses). */
  integers: string[];
}

/**
 * The record's domain: parameter domains ∧ its `forall` hypotheses, with the roots they use.
 * Integrality is not a polynomial formula: the parameters with an `integer` domain are listed in
 * `integers`, and the assumptions formula is marked with them, so that every solver query whose
 * assumptions contain it (even inside a larger formula) declares them Int (`decideQuery`).
 */
export function recordDomain(record: ClaimRecord, env: ProcedureEnv, extra: readonly string[] = []): RecordDomain {
  const syms = langSymbols(env, record);
  const parts: Formula[] = [...domainFormulas(syms)];
  let roots: Record<string, Poly> = {};
  for (const h of record.forall ?? []) {
    const f = hypothesisFormula(h, syms, extra);
    parts.push(f.formula);
    roots = { ...roots, ...renameClash(roots, f.roots) };
  }
  const assumptions = and(...parts);
  const integers = integerParameters(syms);
  if (integers.length) integerMarks.set(assumptions, integers);
  return { assumptions, roots, variables: [...Object.keys(syms.parameters), ...extra], integers };
}

/** Domain formulas (recordDomain's assumptions) and the integer parameters they range over. */
const integerMarks = new WeakMap<Formula, readonly string[]>();

/** The integer variables of a query: its own `integers` and those of every domain formula in its assumptions. */
function queryIntegers(query: RealQuery): string[] {
  const out = new Set(query.integers ?? []);
  const walk = (f: Formula) => {
    integerMarks.get(f)?.forEach((v) => out.add(v));
    if (f.kind === 'and' || f.kind === 'or') f.args.forEach(walk);
    else if (f.kind === 'not') walk(f.arg);
  };
  walk(query.assumptions);
  return query.variables.filter((v) => out.has(v));
}

/**
 * Is a point (every variable of the domain given) in the record's domain: integer parameters
 * integers, the parameter domains and `forall` exactly (roots in ℚ(√R))? A witness must be, before
 * it refutes.
 */
export function inDomain(dom: RecordDomain, at: Readonly<Record<string, Rational>>, roots: Roots = dom.roots): boolean {
  if (!dom.integers.every((v) => at[v] !== undefined && at[v].isInteger())) return false;
  if (Object.values(roots).some((r) => r.variables().some((v) => at[v] === undefined) || r.evaluate(at).sign() < 0)) return false;
  try {
    return evaluateFormula(dom.assumptions, at, roots);
  } catch {
    return false; // a variable of the domain is missing
  }
}

function renameClash(have: Roots, add: Roots): Roots {
  for (const [k, v] of Object.entries(add)) if (k in have && !have[k].equals(v)) throw new LangError(`root symbol ${k} clashes between hypotheses; write the square root once as a definition`);
  return add;
}

/** A seeded uniform generator for a record (the run seed and the id, so runs reproduce). */
export function recordRng(ctx: CheckContext, id: string): () => number {
  let h = 2166136261 ^ ctx.seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  let s = h >>> 0 || 1;
  return () => {
    // xorshift32: exact points only need variety, not statistical quality.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/**
 * Exact points of the record's domain: its `examples` first, then seeded random ones (a function of
 * the symbol table, the record's id, `forall`, `examples`, `define`, `substitute`, the seed and n).
 * Remembered by exactly these: a check asks for the same points again when its square roots are
 * checked, and rejection sampling in a thin domain costs thousands of exact evaluations.
 */
export function domainPoints(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, n: number, relevant?: readonly Poly[]): Record<string, Rational>[] {
  const out = memoizedPoints(env, [ctx.seed, n, record.id, record.forall ?? [], record.examples ?? [], record.define ?? [], record.substitute ?? []], () => {
    const syms = langSymbols(env, record);
    const forall = record.forall ?? [];
    const points: Record<string, Rational>[] = [];
    for (const ex of record.examples ?? []) {
      const fixed = Object.fromEntries(Object.entries(ex).map(([k, v]) => [k, Rational.parse(String(v))]));
      points.push(...samplePoints(syms, forall, recordRng(ctx, `${record.id}#ex`), 1, fixed));
    }
    points.push(...samplePoints(syms, forall, recordRng(ctx, record.id), n));
    return points;
  });
  // fresh point objects: callers may extend them. Restricted to what the relevant polynomials
  // mention, and to every parameter a hypothesis names: a witness shows that the hypotheses hold.
  if (!relevant) return out.map((at) => ({ ...at }));
  const hypotheses = (record.forall ?? []).map(String).join(' ');
  const named = new Set(Object.keys(out[0] ?? {}).filter((k) => mentionsIdentifier(hypotheses, k)));
  return out.map((at) => ({ ...restrictPoint(at, relevant), ...Object.fromEntries(Object.entries(at).filter(([k]) => named.has(k))) }));
}
const domainPointsMemo = new WeakMap<object, Map<string, Record<string, Rational>[]>>();

/** Sampled points remembered per symbol table and key (domainPoints, domainPointsAtScales). */
function memoizedPoints(env: ProcedureEnv, key: unknown[], sample: () => Record<string, Rational>[]): Record<string, Rational>[] {
  let bySymbols = domainPointsMemo.get(env.set.symbols);
  if (!bySymbols) domainPointsMemo.set(env.set.symbols, (bySymbols = new Map()));
  const k = JSON.stringify(key);
  let out = bySymbols.get(k);
  if (!out) bySymbols.set(k, (out = sample()));
  return out;
}

/**
 * Exact points of the record's domain at other scales (near a domain's end, far out on a
 * half-line; samplePoints with `spread`; `shrink`: toward the ends only, for checks that sample at
 * the point), from their own stream: a claim false only for small or large parameters is seldom
 * hit by uniform draws.
 */
export function domainPointsAtScales(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, n: number, spread: 'both' | 'shrink' = 'both'): Record<string, Rational>[] {
  const out = memoizedPoints(env, [spread, ctx.seed, n, record.id, record.forall ?? [], record.define ?? [], record.substitute ?? []], () =>
    samplePoints(langSymbols(env, record), record.forall ?? [], recordRng(ctx, `${record.id}#spread`), n, {}, spread),
  );
  return out.map((at) => ({ ...at }));
}

/**
 * From each base point, each parameter of `moved` alone set to each of `values(name, domain, x)`,
 * the others kept; only points of the record's domain (`inDomain`), each once.
 */
function oneAtATime(record: ClaimRecord, env: ProcedureEnv, base: readonly Readonly<Record<string, Rational>>[], moved: readonly string[], values: (name: string, domain: ReturnType<typeof parseDomain>, x: Rational) => Rational[]): Record<string, Rational>[] {
  const parameters = langSymbols(env, record).parameters;
  const dom = recordDomain(record, env);
  const seen = new Set<string>();
  const out: Record<string, Rational>[] = [];
  for (const b of base)
    for (const name of moved) {
      if (!(name in parameters) || b[name] === undefined) continue;
      for (const value of values(name, parseDomain(name, parameters[name].domain), b[name])) {
        const at = { ...b, [name]: value };
        const key = pointText(at);
        if (seen.has(key) || !inDomain(dom, at)) continue;
        seen.add(key);
        out.push(at);
      }
    }
  return out;
}

/** Each parameter of `moved` alone at far scales (symbolic/lang/param.ts `farValues`, by the factors), from each base point. */
export function farPoints(record: ClaimRecord, env: ProcedureEnv, base: readonly Readonly<Record<string, Rational>>[], moved: readonly string[], factors: readonly number[] = [100, 10_000, 1_000_000]): Record<string, Rational>[] {
  return oneAtATime(record, env, base, moved, (name, domain, x) => factors.flatMap((f) => farValues(name, domain, x, f).map((m) => m.value)));
}

/**
 * From each base point, every parameter of `moved` moved together by each factor: all shrunk toward
 * their domains' ends (ℝ: toward 0), and all grown away from them (those with an unbounded side):
 * Var h ≤ 1000(a + b)·E|∇h|² fails only where a and b are both small. Only points of the record's
 * domain, each once.
 */
export function farPointsTogether(record: ClaimRecord, env: ProcedureEnv, base: readonly Readonly<Record<string, Rational>>[], moved: readonly string[], factors: readonly number[] = [100, 10_000, 1_000_000]): Record<string, Rational>[] {
  const parameters = langSymbols(env, record).parameters;
  const dom = recordDomain(record, env);
  const seen = new Set<string>();
  const out: Record<string, Rational>[] = [];
  const names = moved.filter((n) => n in parameters);
  if (names.length < 2) return out;
  for (const b of base)
    for (const f of factors)
      for (const grow of [false, true]) {
        const at = { ...b };
        let changed = 0;
        for (const name of names) {
          if (b[name] === undefined) continue;
          const values = farValues(name, parseDomain(name, parameters[name].domain), b[name], f).filter((m) => m.label.includes('×1/') !== grow);
          // ℝ grown: the side of the value's sign
          const pick = values.length === 2 ? values[b[name].sign() < 0 ? 1 : 0] : values[0];
          if (!pick) continue;
          at[name] = pick.value;
          changed++;
        }
        const key = pointText(at);
        if (changed < 2 || seen.has(key) || !inDomain(dom, at)) continue;
        seen.add(key);
        out.push(at);
      }
  return out;
}

/**
 * Each parameter of `moved` alone at a closed finite end of its domain (c = 0 of c ≥ 0), from each
 * base point: a strict claim that fails only there shows there.
 */
export function closedEndPoints(record: ClaimRecord, env: ProcedureEnv, base: readonly Readonly<Record<string, Rational>>[], moved: readonly string[]): Record<string, Rational>[] {
  return oneAtATime(record, env, base, moved, (_, d) => [d.loOpen ? undefined : d.lo, d.hiOpen ? undefined : d.hi].filter((e): e is Rational => e !== undefined));
}

/** The values a solver witness gives the query's variables (its √(…) entries show the roots' values). */
export function witnessPoint(witness: Readonly<Record<string, string>>, variables: readonly string[]): Record<string, Rational> {
  return Object.fromEntries(variables.filter((v) => witness[v] !== undefined).map((v) => [v, Rational.parse(witness[v])]));
}

export function pointStrings(at: Readonly<Record<string, Rational>>): Record<string, string> {
  return Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toString()]));
}

/** The coordinates of a point that the given polynomials mention (witnesses show only these). */
export function restrictPoint(at: Readonly<Record<string, Rational>>, polys: readonly Poly[]): Record<string, Rational> {
  const used = new Set(polys.flatMap((p) => p.variables()));
  return Object.fromEntries(Object.entries(at).filter(([k]) => used.has(k)));
}

export function pointText(at: Readonly<Record<string, Rational>>): string {
  if (Object.keys(at).length === 0) return 'every parameter value (no parameter enters)';
  return Object.entries(at)
    .map(([k, v]) => `${k}=${v.toString()}`)
    .join(', ');
}

/** A ParamExpr in Unicode (num/den; a square root as √(radicand)). */
export function paramText(e: ParamExpr): string {
  const num = unicodeString(e.num);
  const den = e.den.constantValue()?.isOne() ? '' : ` / (${unicodeString(e.den)})`;
  // a square-root symbol prints as √(radicand) (unicodeString)
  return `${den ? `(${num})` : num}${den}`;
}

/**
 * No trial point: the sampler found no rational point of the domain and hypotheses (an empty
 * domain, or one like a² = 2 with no rational point). Evidence from nothing supports nothing.
 */
export function noTrials(method: Method, record: ClaimRecord): CheckResult {
  const why = `no point of the domain${record.forall?.length ? ' and hypotheses' : ''} was found to sample (empty, or without rational points): nothing was checked`;
  return { verdict: 'inconclusive', method, summary: why, evidence: { trials: 0, reason: why }, decisive: 'no trials' };
}

/** The run's Z3, or undefined when the service is absent; a Z3 that fails to start throws. */
export async function getZ3(ctx: CheckContext): Promise<Z3Decider | undefined> {
  if (!ctx.services.has('z3')) return undefined;
  try {
    return await ctx.services.get<Z3Decider>('z3');
  } catch (err) {
    throw new Error(`Z3 failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Second solvers, by name, decide the same queries independently (issue 12). */
export interface SolverSet {
  z3?: Z3Decider;
  cvc5?: Z3Decider;
}

export async function getSolvers(ctx: CheckContext): Promise<SolverSet> {
  const out: SolverSet = { z3: await getZ3(ctx) };
  if (ctx.services.has('cvc5')) {
    try {
      out.cvc5 = await ctx.services.get<Z3Decider>('cvc5');
    } catch {
      out.cvc5 = undefined;
    }
  }
  return out;
}

/** Solver time limit per query. */
export const SOLVER_TIMEOUT_MS = 20_000;
/**
 * cvc5's limit, in its resource units (`--rlimit`), so its answer does not depend on how loaded the
 * machine is: Debian's build has no libpoly (no complete NRA procedure), so it answers fast or not at
 * all. The hardest query it answers in the paper takes 65 085 units (0.2 s here); 200 000 is three
 * times that (about 0.8 s here on a query it cannot answer). `CVC5_TIMEOUT_MS` is a wall-clock backstop.
 */
export const CVC5_RESOURCE_LIMIT = 200_000;
/**
 * Some queries loop outside cvc5's resource accounting (a − 1 ≠ 0 ∧ (a − 1)² = 0 ran for minutes
 * under --rlimit): the backstop, about 12× the time of a run to the resource limit, ends them. It
 * must stay well above that time on a loaded machine (a 3 s backstop was reached under load on
 * eq:4.6:arnold-erb, and the report's reason changed with the load).
 */
export const CVC5_TIMEOUT_MS = 10_000;

/**
 * The claim being checked, set by the runner around each claim and carried across its awaits
 * (claims may be in flight together): its solver queries are recorded here, so every solver-based
 * verdict links to the exact SMT-LIB 2 of its queries (issue 12), and each claim gets a Z3 context
 * of its own (src/z3-service.ts), so its answers do not depend on which claims ran beside it.
 */
export const claimScope = new AsyncLocalStorage<{ queries: RealQuery[] }>();

/** The outcome of deciding one ∀-query with every available solver. */
export interface SolverOutcome {
  status: 'proved' | 'refuted' | 'unknown';
  basis?: 'two-solvers' | 'one-solver';
  witness?: Record<string, string>;
  answers: Record<string, Decision | 'absent'>;
  reason?: string;
  /**
   * Not refuted, but a solver said sat without an exact witness (Decision.sat), or gave a model
   * that does not re-check: evidence of a counterexample the kernel cannot state exactly.
   */
  counterexampleUnstated?: true;
}

/**
 * Decide a query with Z3 and cvc5 (issue 12). A model from either solver is re-checked exactly by
 * its decider before it is reported, so a re-checked witness refutes whatever the other said.
 * `proved` needs every solver that answered definitely to say `unsat`: both → two-solvers; one,
 * with the other absent or `unknown` → one-solver (`confirmedBy: none`). A solver's `unsat`
 * against another's model that did not re-check, or against a `sat` with no exact model, is a
 * disagreement: `unknown` with both answers.
 */
export async function decideQuery(solvers: SolverSet, query: RealQuery): Promise<SolverOutcome> {
  // integer parameters are Int for both solvers, and their witnesses must be integers (the re-check)
  const integers = queryIntegers(query);
  if (integers.length) query = { ...query, integers };
  claimScope.getStore()?.queries.push(query);
  // Both solvers at once (Z3 in-process on its own thread, cvc5 a process): the wait is the longer one.
  const names = ['z3', 'cvc5'] as const;
  const decided = await Promise.all(names.map((name) => {
    const s = solvers[name];
    return s ? s.decide(query, name === 'cvc5' ? { timeoutMs: CVC5_TIMEOUT_MS, resourceLimit: CVC5_RESOURCE_LIMIT } : { timeoutMs: SOLVER_TIMEOUT_MS }) : ('absent' as const);
  }));
  const answers: Record<string, Decision | 'absent'> = {};
  names.forEach((name, i) => (answers[name] = decided[i]));
  const got = Object.values(answers).filter((a): a is Decision => a !== 'absent');
  if (got.length === 0) return { status: 'unknown', answers, reason: 'no solver available' };
  // Re-check every witness here too: a solver's word alone never refutes.
  const rechecks = (d: Decision) => {
    if (!d.witness) return false;
    try {
      const at = Object.fromEntries(query.variables.map((v) => [v, Rational.parse(d.witness![v])]));
      return recheckCounterexample(query, at);
    } catch {
      return false;
    }
  };
  const refuted = got.find((d) => d.status === 'refuted' && rechecks(d));
  const bogus = got.find((d) => d.status === 'refuted' && !rechecks(d));
  const proved = got.filter((d) => d.status === 'proved');
  const unstated = !refuted && (!!bogus || got.some((d) => d.sat)) ? { counterexampleUnstated: true as const } : {};
  if (bogus && !refuted) return { status: 'unknown', answers, reason: proved.length ? 'the solvers disagree (a model that does not re-check against an unsat)' : 'a solver model did not re-check exactly', ...unstated };
  if (refuted) return { status: 'refuted', witness: refuted.witness, answers, ...(proved.length ? { reason: 'a solver said unsat, but the other solver\'s model re-checks exactly' } : {}) };
  if (proved.length === 0) return { status: 'unknown', answers, reason: got.map((d) => d.reason).filter(Boolean).join('; ') || 'solver answered unknown', ...unstated };
  if (got.some((d) => d.sat)) return { status: 'unknown', answers, reason: 'the solvers disagree (a sat without an exact model against an unsat)', ...unstated };
  return { status: 'proved', basis: proved.length >= 2 ? 'two-solvers' : 'one-solver', answers };
}

/** Who said unsat: "Z3 and cvc5", or the one solver that did (a one-solver proof may be cvc5's). */
export function proversText(outcome: SolverOutcome): string {
  if (outcome.basis === 'two-solvers') return 'Z3 and cvc5';
  const who = Object.entries(outcome.answers).filter(([, a]) => a !== 'absent' && a.status === 'proved').map(([name]) => (name === 'z3' ? 'Z3' : name));
  return who.length === 1 ? who[0] : 'one solver';
}

/** Evidence entry `counterexample` of a query a solver found false at no exact rational point (SolverOutcome.counterexampleUnstated). */
export const COUNTEREXAMPLE_UNSTATED = 'a solver found one, at no exact rational point (irrational?)';

/**
 * Whether a result's evidence, at any depth, holds evidence against the claim that the kernel
 * could not turn into a witness: a solver's counterexample with no exact form, or a point where
 * the printed data is undefined (`undefinedWhere`, `undefinedAt`). Such a result must not be
 * outvoted by sampled trials into `supported`.
 */
export function evidenceAgainst(evidence: unknown): boolean {
  if (!evidence || typeof evidence !== 'object') return false;
  if (Array.isArray(evidence)) return evidence.some(evidenceAgainst);
  const e = evidence as Record<string, unknown>;
  if (e.counterexample === COUNTEREXAMPLE_UNSTATED || e.undefinedWhere !== undefined || e.undefinedAt !== undefined) return true;
  return Object.values(e).some(evidenceAgainst);
}

/** Solver answers as evidence. */
export function answersEvidence(o: SolverOutcome): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(o.answers)) out[k] = a === 'absent' ? 'absent' : { status: a.status, ...(a.witness ? { witness: a.witness } : {}), ...(a.reason ? { reason: a.reason } : {}) };
  const c = o.answers.cvc5;
  out.confirmedBy = c !== 'absent' && c.status === o.status && o.status !== 'unknown' ? 'cvc5' : 'none';
  if (o.counterexampleUnstated) out.counterexample = COUNTEREXAMPLE_UNSTATED;
  return out;
}

export function verdictOf(o: SolverOutcome): Verdict {
  return o.status === 'proved' ? 'proved' : o.status === 'refuted' ? 'refuted' : 'inconclusive';
}

/**
 * An empty domain: a claim over no point at all holds only vacuously, so it is `vacuous`, never
 * `proved` (nor refuted: no witness can exist). When the seeded exact sampling of the domain finds
 * no point, the solvers decide whether any point satisfies the parameter domains (integers
 * included) and `forall`: both `unsat` (or one, the other absent or unknown) → this `vacuous`
 * result; a point, or no decision → undefined (the kind decides the claim). A domain with a sampled
 * point makes no solver query.
 */
export async function emptyDomain(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult | undefined> {
  let dom: RecordDomain;
  try {
    if (domainPoints(record, env, ctx, 24).length) return undefined;
    dom = recordDomain(record, env);
  } catch {
    return undefined; // a bad domain: the kind reports it
  }
  const outcome = await decideQuery(await getSolvers(ctx), { variables: dom.variables, roots: dom.roots, assumptions: dom.assumptions, goal: atom(Poly.ONE, '<') });
  if (outcome.status !== 'proved') return undefined;
  const forall = (record.forall ?? []).map(String);
  const syms = langSymbols(env, record);
  const domains = Object.entries(syms.parameters).filter(([, p]) => String(p.domain).trim() !== 'real' && String(p.domain).trim() !== '').map(([name, p]) => `${name}: ${p.domain}`);
  const what = [...domains, ...forall].join('; ') || 'the domain';
  const by = proversText(outcome);
  return {
    verdict: 'vacuous',
    method: 'z3',
    summary: `the domain is empty: no parameter point satisfies ${forall.length ? `the hypotheses ${forall.join(', ')} and ` : ''}the parameter domains (${by}: unsat), so the claim holds only vacuously`,
    evidence: { emptyDomain: what, ...(forall.length ? { forall } : {}), domains, basisOfEmptiness: outcome.basis, ...answersEvidence(outcome) },
    decisive: `empty domain: ${what}`,
  };
}

/**
 * The sign of a parameter expression on the whole domain when its terms fix it: numerator and
 * denominator each with coefficients of one sign, in parameters whose domains are > 0; else 0.
 */
export function signByTerms(e: ParamExpr, syms: LangSymbols): -1 | 0 | 1 {
  if (Object.keys(e.roots).length) return 0;
  const positive = (v: string) => {
    if (!(v in syms.parameters)) return false;
    const dom = parseDomain(v, syms.parameters[v].domain);
    return dom.lo !== undefined && (dom.lo.sign() > 0 || (dom.lo.isZero() && dom.loOpen));
  };
  const oneSign = (p: Poly): number => {
    const signs = new Set(p.termList().map((t) => t.coef.sign()));
    return signs.size === 1 && p.variables().every(positive) ? [...signs][0] : 0;
  };
  return (oneSign(e.num) * oneSign(e.den)) as -1 | 0 | 1;
}

/** A sign condition e REL 0 on a parameter expression. */
export type SignRelation = '>' | '>=' | '<' | '<=' | '!=';
const SIGN_HOLDS: Record<SignRelation, (s: number) => boolean> = { '>': (s) => s > 0, '>=': (s) => s >= 0, '<': (s) => s < 0, '<=': (s) => s <= 0, '!=': (s) => s !== 0 };
const SIGN_TEXT: Record<SignRelation, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '!=': '≠' };
const SIGN_NEGATED: Record<SignRelation, string> = { '>': '≤', '>=': '<', '<': '≥', '<=': '>', '!=': '=' };

/** The outcome of `signOnWholeDomain`: holds everywhere, fails at a point (`where`), or undecided. */
export interface DomainSign {
  holds: boolean | undefined;
  how: string;
  /** the failing point as printed in messages */
  where?: string;
  /** the solvers' outcome, when they were asked */
  outcome?: SolverOutcome;
}

/**
 * Whether e REL 0 on the whole domain (parameter domains ∧ forall): by the signs of its terms
 * (coefficients of one sign in parameters whose domains are > 0; for ≠, a monomial in parameters
 * whose domains exclude 0), else at the given exact points (a point where it fails, or where e is
 * undefined, is returned), else by Z3 and cvc5 on the whole domain (models re-checked exactly).
 */
export async function signOnWholeDomain(e: ParamExpr, rel: SignRelation, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, points: readonly Readonly<Record<string, Rational>>[] = []): Promise<DomainSign> {
  const syms = langSymbols(env, record);
  const text = paramText(e);
  if (!Object.keys(e.roots).length) {
    const terms = e.num.termList();
    if (rel === '!=' && terms.length === 1) {
      const zeroExcluded = e.num.variables().every((v) => v in syms.parameters && !evaluateFormula(parseDomain(v, syms.parameters[v].domain).formula, { [v]: Rational.ZERO }));
      if (zeroExcluded) return { holds: true, how: `a monomial in parameters whose domains exclude 0 (${text})` };
    }
    const s = signByTerms(e, syms);
    if (s !== 0 && SIGN_HOLDS[rel](s)) return { holds: true, how: `by its signs: coefficients of one sign in parameters > 0 (${text})` };
  }
  if (e.num.isZero()) return SIGN_HOLDS[rel](0) ? { holds: true, how: 'identically 0' } : { holds: false, how: 'identically 0' };
  for (const at of points) {
    const s = signAt(e, at);
    if (s === undefined || !SIGN_HOLDS[rel](s)) {
      const where = pointText(at);
      return { holds: false, where, how: `${text} ${s === undefined ? 'is undefined' : `${SIGN_NEGATED[rel]} 0`} at ${where}` };
    }
  }
  const dom = recordDomain(record, env);
  const outcome = await decideQuery(await getSolvers(ctx), { variables: dom.variables, roots: { ...dom.roots, ...e.roots }, assumptions: dom.assumptions, goal: signFormula(e, rel) });
  if (outcome.status === 'proved') return { holds: true, outcome, how: `solvers: ${text} ${SIGN_TEXT[rel]} 0 on the domain (${outcome.basis})` };
  if (outcome.status === 'refuted') {
    const where = Object.entries(outcome.witness ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
    return { holds: false, outcome, where, how: `${text} ${SIGN_NEGATED[rel]} 0 at ${JSON.stringify(outcome.witness)}` };
  }
  return { holds: undefined, outcome, how: `undecided whether ${text} ${SIGN_TEXT[rel]} 0 (${outcome.reason ?? 'no solver'})` };
}

/** Whether a parameter expression is nonzero on the whole domain (`signOnWholeDomain` with ≠, no sampled points). */
export async function nonzeroOnDomain(e: ParamExpr, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<{ nonzero: boolean | undefined; how: string }> {
  const r = await signOnWholeDomain(e, '!=', record, env, ctx);
  return { nonzero: r.holds, how: r.how };
}

/**
 * A relation is printed for every point of the domain: the first printed divisor (a side's
 * denominator, or one that cancels, 1/(1/a)) not shown nonzero on the whole domain, and why; a
 * denominator identically 0 (√b² − b) is 0 everywhere. Undefined when every divisor is nonzero.
 */
export async function undefinedDivisor(sides: readonly (readonly [string, ParamExpr])[], divisors: readonly Poly[], roots: Roots, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<{ why: string; how: string; decisive: string } | undefined> {
  const constant = (p: Poly) => !!p.constantValue() && !p.constantValue()!.isZero();
  const list: [string, Poly, Roots, string][] = [
    ...sides.filter(([, e]) => !constant(e.den)).map(([side, e]): [string, Poly, Roots, string] => [`the ${side}'s denominator`, e.den, e.roots, `${side} denominator`]),
    ...divisors.filter((B) => !sides.some(([, e]) => e.den.equals(B))).map((B): [string, Poly, Roots, string] => ['the divisor', B, roots, 'divisor']),
  ];
  for (const [what, D, r, tag] of list) {
    const nz = await nonzeroOnDomain({ num: D, den: Poly.ONE, roots: r }, record, env, ctx);
    if (nz.nonzero) continue;
    const w = `${what} ${unicodeString(D)}`;
    return { why: nz.nonzero === false ? `${w} is 0 on the domain (${nz.how})` : `whether ${w} is 0 somewhere on the domain is undecided (${nz.how})`, how: nz.how, decisive: `${tag} ${unicodeString(D)}` };
  }
  return undefined;
}

/** The cited results (the file's `cited` ids) a record lists in `uses`: what a proof may rest on beyond what it checks. */
export function citedUses(record: ClaimRecord, env: ProcedureEnv): string[] {
  const citedIds = new Set((env.set.cited ?? []).map((c) => c.id));
  return ((record.uses as string[] | undefined) ?? []).map(String).filter((u) => citedIds.has(u));
}

/**
 * Symbols of a polynomial of a LangSpace that are neither coordinates, parameters, inverse symbols
 * nor square roots: values of generic functions (a potential V in e^{−βV}), about which nothing is known.
 */
export function genericSymbols(S: { coordinates: readonly string[]; inverses: readonly (readonly [string, string])[]; roots: Record<string, unknown> }, syms: LangSymbols, p: { variables(): string[] }): string[] {
  const known = new Set([...S.coordinates, ...Object.keys(syms.parameters), ...S.inverses.map(([, inv]) => inv), ...Object.keys(S.roots)]);
  return p.variables().filter((x) => !known.has(x));
}

/** A bad record that the loader should have caught: an `error` verdict with the reason. */
export function badInput(method: CheckResult['method'], err: unknown): CheckResult {
  const reason = err instanceof Error ? err.message : String(err);
  return { verdict: 'error', method, summary: reason, evidence: { reason }, decisive: `error: ${reason}` };
}

/** Fields of a record that are not printed mathematics (names, prose, links, run settings, the change of parameters). */
const RECORD_META = new Set(['id', 'source', 'statement', 'title', 'note', 'kind', 'uses', 'examples', 'corrected', 'pos', 'substitute', 'reading', 'options', 'module']);

/** The error for a `substitute` that does not map its new parameters onto the printed domains (formula-identity and inequality need onto). */
export const substitutionNotOnto = (lines: readonly string[]) => `each substitution must map its new parameter onto the printed domain (p = α ± q^k, same end points): ${lines.join(', ')}`;

/**
 * A record's `substitute: ["eta = a^4", "kappa = 1 - b^4"]`, checked: each left side a declared
 * parameter, each right side a polynomial in new parameters, the Jacobian of the substituted
 * parameters in the new ones square with a determinant that is not identically 0 (so the image of
 * the new domain has interior, and an identity of analytic functions there holds on the domain).
 * `inDomain` says whether a point of the new parameters maps into the printed domains (a witness
 * outside them is never used).
 */
export function substitution(record: ClaimRecord, env: ProcedureEnv): { lines: string[]; onto: boolean; inDomain: (at: Readonly<Record<string, Rational>>) => boolean; printed: (at: Readonly<Record<string, Rational>>) => Record<string, Rational> } | undefined {
  const lines = ((record.substitute as string[] | undefined) ?? []).map(String);
  if (!lines.length) return undefined;
  const plain: LangSymbols = { ...langSymbols(env), definitions: [...env.set.symbols.definitions] };
  const maps: { name: string; expr: Poly; domain: ReturnType<typeof parseDomain> }[] = [];
  for (const line of lines) {
    const rel = splitRelation(line);
    const name = rel?.lhs.trim() ?? '';
    if (!rel || rel.rel !== '=' || !(name in env.set.symbols.parameters)) throw new LangError(`substitute "${line}": expected "parameter = expression" for a declared parameter`);
    const e = parseParamExpr(rel.rhs, plain);
    if (Object.keys(e.roots).length || !e.den.constantValue()) throw new LangError(`substitute "${line}": the right side must be a polynomial in the new parameters`);
    maps.push({ name, expr: e.num.scale(Rational.ONE.div(e.den.constantValue()!)), domain: parseDomain(name, env.set.symbols.parameters[name].domain) });
  }
  const fresh = [...new Set(maps.flatMap((m) => m.expr.variables()))].filter((v) => !maps.some((m) => m.name === v)).sort();
  // the new parameters must be fresh: one used elsewhere in the record, or in a file definition or
  // matrix the record uses (transitively), would tie two independent parameters
  const used = identifiersUsed(JSON.stringify(Object.entries(record).filter(([k]) => !RECORD_META.has(k) && k !== 'substitute').map(([, v]) => v)), env);
  for (const v of fresh) if (used.has(v)) throw new LangError(`substitute: the new parameter ${v} also appears in the claim (or a definition it uses); a change of parameters needs fresh ones`);
  if (fresh.length !== maps.length) throw new LangError(`substitute: ${maps.length} parameters in ${fresh.length} new ones (${fresh.join(', ')}); the change of parameters must be square`);
  const det = PolyMatrix.from(maps.map((m) => fresh.map((v) => m.expr.diff(v)))).det();
  if (det.isZero()) throw new LangError(`substitute: the Jacobian determinant of ${maps.map((m) => m.name).join(', ')} in ${fresh.join(', ')} is identically 0`);
  const onto = maps.every((m) => ontoDomain(m.expr, m.domain, env));
  return {
    lines,
    onto,
    inDomain: (at) => maps.every((m) => {
      if (!m.expr.variables().every((v) => at[v] !== undefined)) return false;
      return evaluateFormula(m.domain.formula, { [m.name]: m.expr.evaluate(at) });
    }),
    // the printed parameters' values at a point of the new ones (b = 1 + t²): what a witness shows
    printed: (at) => Object.fromEntries(maps.filter((m) => m.expr.variables().every((v) => at[v] !== undefined)).map((m) => [m.name, m.expr.evaluate(at)])),
  };
}

/** The identifiers of `text` and, transitively, of the file's definitions (`usedDefinitions`) and matrices it names. */
export function identifiersUsed(text: string, env: ProcedureEnv): Set<string> {
  const ids = (texts: readonly string[]) => new Set(texts.join(' ').match(/[A-Za-z_]\w*/g) ?? []);
  const { definitions, matrices = {} } = env.set.symbols;
  const texts = [text];
  const named = new Set<string>();
  // a matrix's entries may name definitions, and a definition a matrix: until nothing new is named
  for (let used = ids([...texts, ...usedDefinitions(definitions, texts)]); ; ) {
    const more = Object.keys(matrices).filter((m) => used.has(m) && !named.has(m));
    if (!more.length) return used;
    for (const m of more) {
      named.add(m);
      texts.push(JSON.stringify(matrices[m]));
    }
    used = ids([...texts, ...usedDefinitions(definitions, texts)]);
  }
}

/**
 * Is p = α + σ·q^k (one new parameter q, k ≥ 1, q ≥ 0 when k is even) a map of q's printed interval
 * ONTO p's printed interval (same end points, same openness)? Only then may an inequality be decided
 * over q instead of p: every point of p's domain is reached.
 */
function ontoDomain(expr: Poly, pDom: ReturnType<typeof parseDomain>, env: ProcedureEnv): boolean {
  const vars = expr.variables();
  if (vars.length !== 1 || pDom.integer) return false;
  const qName = vars[0];
  const qDecl = env.set.symbols.parameters[qName];
  if (!qDecl) return false;
  const qDom = parseDomain(qName, qDecl.domain);
  if (qDom.integer) return false;
  const terms = expr.termList();
  const mono = terms.filter((t) => t.mono.length > 0);
  if (mono.length !== 1 || terms.length > 2) return false;
  const k = mono[0].mono[0][1];
  const sigma = mono[0].coef;
  const alpha = expr.constantValue() ?? terms.find((t) => t.mono.length === 0)?.coef ?? Rational.ZERO;
  if (k % 2 === 0 && !(qDom.lo && qDom.lo.sign() >= 0)) return false;
  // only interval domains: every atom of p's formula is one of its two bounds
  const image = (x: Rational | undefined): Rational | undefined => (x === undefined ? undefined : alpha.add(sigma.mul(x.pow(k))));
  const [lo, hi, loOpen, hiOpen] = sigma.sign() > 0 ? [image(qDom.lo), image(qDom.hi), qDom.loOpen, qDom.hiOpen] : [image(qDom.hi), image(qDom.lo), qDom.hiOpen, qDom.loOpen];
  const same = (a: Rational | undefined, b: Rational | undefined) => (a === undefined ? b === undefined : b !== undefined && a.equals(b));
  const bounds = (pDom.lo ? 1 : 0) + (pDom.hi ? 1 : 0);
  const count = (f: Formula): number => (f.kind === 'atom' ? 1 : f.kind === 'and' || f.kind === 'or' ? f.args.reduce((n, g) => n + count(g), 0) : f.kind === 'not' ? count(f.arg) : 0);
  // both domains plain intervals: a further condition on either (q != 1) is a hole the ends do not show
  const qBounds = (qDom.lo ? 1 : 0) + (qDom.hi ? 1 : 0);
  return same(lo, pDom.lo) && same(hi, pDom.hi) && (!lo || loOpen === pDom.loOpen) && (!hi || hiOpen === pDom.hiOpen) && count(pDom.formula) <= bounds && count(qDom.formula) <= qBounds;
}


/**
 * Are the claim's square roots defined on its whole domain (every radicand ≥ 0)? A claim whose
 * printed expression is undefined somewhere on the domain is not proved there (the solvers' root
 * encoding s ≥ 0 ∧ s² = R would silently drop those points). Kernel first: a radicand whose
 * coefficients are all ≥ 0 in parameters whose domains are ≥ 0; then an exact sampled point with
 * R < 0 (undefined there); then both solvers on ∀ domain: R ≥ 0.
 * Returns `{ ok: true, basis }` (basis of the definedness argument) or `{ ok: false, result }`.
 */
export async function rootsDefined(
  claimRoots: Roots,
  record: ClaimRecord,
  env: ProcedureEnv,
  ctx: CheckContext,
  dom: { assumptions: Formula; roots: Roots; variables: string[] },
  method: CheckResult['method'],
): Promise<{ ok: true; basis: 'kernel' | 'certificate' | 'two-solvers' | 'one-solver'; evidence?: Record<string, unknown> } | { ok: false; result: CheckResult }> {
  const syms = langSymbols(env, record);
  const nonNeg = (v: string) => {
    const p = syms.parameters[v];
    if (!p) return false;
    const lo = parseDomain(v, p.domain).lo;
    return lo !== undefined && lo.sign() >= 0;
  };
  const rest = Object.entries(claimRoots).filter(([s, r]) => !(s in dom.roots) && !r.termList().every((t) => t.coef.sign() >= 0 && t.mono.every(([v]) => nonNeg(v))));
  if (!rest.length) return { ok: true, basis: 'kernel' };
  // exact sign certificates on the domain (symbolic/certificate.ts), each re-checked
  let certified = 0;
  const open = rest.filter(([, r]) => {
    try {
      const domain = certDomain(dom.assumptions, dom.roots);
      const proof = decideSign(r, '>=0', domain);
      if (proof && checkSign(r, '>=0', proof, domain)) {
        certified++;
        return false;
      }
    } catch {
      // no certificate: the solvers decide
    }
    return true;
  });
  if (!open.length) return { ok: true, basis: 'certificate', evidence: { radicandsNonNegative: `${rest.map(([, r]) => unicodeString(r)).join(', ')} ≥ 0 on the domain (exact sign certificates)` } };
  const radicands = open.map(([, r]) => r);
  for (const at of domainPoints(record, env, ctx, 24, radicands)) {
    const bad = open.find(([, r]) => r.evaluate(at).sign() < 0);
    if (bad) {
      const text = unicodeString(bad[1]);
      return { ok: false, result: { verdict: 'inconclusive', method, summary: `√(${text}) is undefined at ${pointText(at)} of the domain (its radicand is < 0 there): the printed statement needs a hypothesis`, evidence: { undefinedAt: pointStrings(at), radicand: text }, decisive: `undefined: √(${text})` } };
    }
  }
  const solvers = await getSolvers(ctx);
  const outcome = await decideQuery(solvers, { variables: dom.variables, roots: dom.roots, assumptions: dom.assumptions, goal: and(...radicands.map((r) => atom(r, '>='))) });
  const texts = radicands.map((r) => unicodeString(r)).join(', ');
  if (outcome.status === 'proved') return { ok: true, basis: outcome.basis!, evidence: { radicandsNonNegative: `${texts} ≥ 0 on the domain (${outcome.basis})` } };
  if (outcome.status === 'refuted') return { ok: false, result: { verdict: 'inconclusive', method, summary: `a square root is undefined at ${Object.entries(outcome.witness ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')} of the domain (radicand < 0): the printed statement needs a hypothesis`, evidence: { undefinedAt: outcome.witness, radicands: texts }, decisive: `undefined: ${texts}` } };
  return { ok: false, result: { verdict: 'inconclusive', method, summary: `could not show the square roots are defined on the whole domain (${texts} ≥ 0): ${outcome.reason ?? 'undecided'}`, evidence: { radicands: texts }, decisive: `definedness undecided: ${texts}` } };
}

/**
 * The definitions (`name = body`, `T(g) = body`) that the texts use, directly or through other
 * definitions; a later definition of a name shadows an earlier one (a record's `define` over the
 * file's), as in the parser. A line that is not of that form is kept.
 */
export function usedDefinitions(definitions: readonly string[], texts: readonly string[]): string[] {
  const byName = new Map<string, number>();
  const other: number[] = [];
  definitions.forEach((d, i) => {
    const m = /^\s*([A-Za-z_]\w*)\s*(\([^)]*\))?\s*=[^=]/.exec(d);
    if (m) byName.set(m[1], i);
    else other.push(i);
  });
  const names = (t: string) => t.match(/[A-Za-z_]\w*/g) ?? [];
  const used = new Set<number>(other);
  const queue = texts.flatMap(names);
  for (const i of other) queue.push(...names(definitions[i]));
  while (queue.length) {
    const i = byName.get(queue.pop()!);
    if (i === undefined || used.has(i)) continue;
    used.add(i);
    const d = definitions[i];
    queue.push(...names(d.slice(d.indexOf('=') + 1)));
  }
  return definitions.filter((_, i) => used.has(i));
}

/**
 * Every square root printed in a record's data (any string field, lists and tables included;
 * definitions expanded by the parser), as canonical root symbols: √(N/D) of a parameter
 * expression. Only the definitions the record uses (transitively) count: an unused definition
 * with a radicand negative somewhere says nothing about this claim. Strings that are not parameter
 * expressions are skipped (their kind reports them).
 */
export function printedRoots(record: ClaimRecord, env: ProcedureEnv): Roots {
  // `cases` are piecewise: each rate is read under its own `when` by its procedure
  const skip = new Set([...RECORD_META, 'cases']);
  const syms = langSymbols(env, record);
  const out: Record<string, Poly> = {};
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  // the record's own `define` lines are definitions like the file's: read only where used
  for (const [k, v] of Object.entries(record)) if (!skip.has(k) && k !== 'define') walk(v);
  // a file matrix counts where a printed field names it (a whole identifier; not in the id, source or statement)
  const printed = texts.join(' ');
  for (const [name, rows] of Object.entries(env.set.symbols.matrices ?? {})) if (mentionsIdentifier(printed, name)) walk(rows);
  texts.push(...usedDefinitions(syms.definitions, texts));
  for (const t of texts) {
    // a half-integer power b^(k/2) (or b^0.5) is a square root of b too (b^3/2 is (b³)/2)
    for (const m of t.matchAll(/\^\s*(?:\(\s*-?\s*(?:\d+\s*\/\s*2|\d*\.5)\s*\)|-?\d*\.5\b)/g)) {
      let i = m.index! - 1;
      while (i >= 0 && t[i] === ' ') i--;
      let j = i;
      if (t[i] === ')') {
        for (let depth = 0; j >= 0; j--) {
          if (t[j] === ')') depth++;
          else if (t[j] === '(' && --depth === 0) break;
        }
        while (j > 0 && /[A-Za-z0-9_]/.test(t[j - 1])) j--; // a function's name: its call is the base
      } else while (j > 0 && /[A-Za-z0-9_.]/.test(t[j - 1])) j--;
      try {
        Object.assign(out, parseParamExpr(`sqrt(${t.slice(j, i + 1)})`, syms, ['C', 'C2', 'Ch', 'mu']).roots);
      } catch {
        // not a parameter expression here
      }
    }
    for (const m of t.matchAll(/sqrt\s*\(/g)) {
      // the balanced argument of this sqrt
      let depth = 0, i = m.index! + m[0].length - 1, j = i;
      for (; j < t.length; j++) {
        if (t[j] === '(') depth++;
        else if (t[j] === ')' && --depth === 0) break;
      }
      try {
        const e = parseParamExpr(`sqrt(${t.slice(i + 1, j)})`, syms, ['C', 'C2', 'Ch', 'mu']);
        Object.assign(out, e.roots);
      } catch {
        // not a parameter expression here (or variables inside): the kind decides what it means
      }
    }
  }
  return out;
}
