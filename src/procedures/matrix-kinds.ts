/**
 * Matrix claims over the parameters (issue 9, 10, 12):
 *
 * - `matrix-identity`: `lhs`, `rhs` matrix expressions over `matrices` (the record's and the
 *   file's `symbols.matrices`) are equal entrywise as polynomials (roots reduced) — never at a point.
 * - `matrix-inequality`: `claims: ["K - 2*mu*P >= 0", "P > 0"]` (⪰ / ≻, `A >= B` meaning A − B ⪰ 0)
 *   for every point of the domain; exact domain points first, then Z3 and cvc5 on the principal
 *   minors (leading ones for ≻). `exists: [C, Ch]` makes those names existentially quantified:
 *   then only a refutation is possible (a domain point where no values exist, decided by the
 *   solvers) — a proof needs the explicit construction (the `corrected` statement).
 * - `spectral-abscissa`: `matrix` (an expression) and `value`: min Re λ(matrix) = value on the
 *   domain, two-sided (attained, and no eigenvalue further left), for 2×2 matrices, where the
 *   spectrum is (tr ± √(tr² − 4 det))/2: the sign of the discriminant is decided on the domain,
 *   then the identity of formulas.
 */
import { z } from 'zod';
import type { Basis, CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { Poly, pc, pv } from '../../symbolic/poly.ts';
import { PolyMatrix, reduceRoots, rootName, type Roots } from '../../symbolic/matrix.ts';
import type { MathNode } from 'mathjs';
import { LangError, type LangSymbols, type ParamExpr } from '../../symbolic/lang/index.ts';
import { mentionsName, parseMatrixExprs, type MatrixTable } from '../../symbolic/lang/matrix.ts';
import { difference, exactSquareRoot, nonNegativeParameter, parseMath, parseParamExprs, signAt, signWithRootMulti } from '../../symbolic/lang/param.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { and, atom, not, pd, psd, type Formula } from '../../symbolic/z3.ts';
import { unicodeMatrix, unicodeString } from '../../symbolic/lyapunov.ts';
import { certDomain, certificateEvidence, certifyMatrix, checkMatrixCertificate, type MatrixCertificate } from '../../symbolic/certificate.ts';
import { registerProcedure } from './registry.ts';
import { answersEvidence, badInput, closedEndPoints, decideQuery, domainPoints, emptyDomain, farPoints, getSolvers, inDomain, langSymbols, nonzeroOnDomain, paramText, pointStrings, pointText, recordDomain, proversText, rootsDefined, witnessPoint } from './common.ts';
import { underEqualityHypotheses, undefinedResult, undefinedWhere } from './identity.ts';

const rows = z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(1)).min(1);
const matricesField = z.record(z.string(), rows).optional();

function table(record: ClaimRecord, env: ProcedureEnv): MatrixTable {
  return { ...(env.set.symbols.matrices ?? {}), ...((record.matrices as Record<string, string[][]>) ?? {}) };
}


/**
 * `blocks: d` — the printed matrices are the cores A of A ⊗ I_d. Since (A ⊗ I_d)(B ⊗ I_d) = AB ⊗ I_d,
 * (A ⊗ I_d)ᵀ = Aᵀ ⊗ I_d and the spectrum of A ⊗ I_d is that of A (each eigenvalue d times),
 * identities, ⪰ and ≻ of the cores hold iff they hold for every d ≥ 1.
 */
function withBlocks(record: ClaimRecord, r: CheckResult): CheckResult {
  if (!record.blocks) return r;
  return {
    ...r,
    dimensions: 'all',
    evidence: { ...r.evidence, blocks: `the printed matrices are the cores A of A ⊗ I_${String(record.blocks)}: products, transposes and spectra carry over, so the verdict holds for every ${String(record.blocks)} ≥ 1` },
    decisive: `⊗I_${String(record.blocks)} ${r.decisive ?? ''}`,
  };
}
const blocksField = z.union([z.string(), z.literal(false)]).optional();

// ---------------------------------------------------------------- definedness of the printed data

type MathTree = MathNode & { type: string; op?: string; fn?: { name?: string } | string; args?: MathNode[]; content?: MathNode; name?: string };

/**
 * The printed data that matrix expressions read: the entries of the matrices they name and their
 * scalar factors (the maximal subexpressions that name no matrix), as symbolic/lang/matrix.ts splits them.
 */
function printedTexts(texts: readonly string[], table: MatrixTable): string[] {
  const names = new Set(Object.keys(table));
  const used = new Set<string>();
  const scalars: string[] = [];
  const mentions = (m: MathNode) => mentionsName(m, names);
  const walk = (node: MathNode): void => {
    const n = node as MathTree;
    if (!mentions(node)) return void scalars.push(node.toString());
    if (n.type === 'SymbolNode') return void used.add(n.name!);
    if (n.type === 'ParenthesisNode') return walk(n.content!);
    const args = n.args ?? [];
    // A^T: the T is the transpose, not a scalar
    if (n.type === 'OperatorNode' && n.op === '^' && (args[1] as MathTree | undefined)?.type === 'SymbolNode' && (args[1] as MathTree).name === 'T') return walk(args[0]);
    args.forEach(walk);
  };
  texts.forEach((t) => walk(parseMath(t)));
  const entries = Object.entries(table).filter(([name]) => used.has(name)).flatMap(([, rows]) => rows.flatMap((r) => r.map(String)));
  return [...entries, ...scalars];
}

/**
 * Every divisor of the printed data that the expressions use (definitions included): each
 * expression's denominator and each divisor met while building it (one that cancels, 1/(1/a) = a,
 * still leaves the text undefined where it is 0), non-constant, distinct, leading coefficient 1.
 */
function printedDivisors(texts: readonly string[], table: MatrixTable, syms: LangSymbols, extra: readonly string[] = []): { divisors: Poly[]; roots: Roots } {
  const parsed = parseParamExprs(printedTexts(texts, table), syms, extra);
  return { divisors: distinctDivisors([], parsed), roots: parsed.roots };
}

/** `known` and the denominators and divisors of parsed expressions: non-constant, leading coefficient 1, distinct. */
function distinctDivisors(known: readonly Poly[], parsed: { exprs: readonly ParamExpr[]; divisors: readonly Poly[]; roots: Roots }): Poly[] {
  const out = [...known];
  for (const D of [...parsed.exprs.map((e) => e.den), ...parsed.divisors.map((d) => reduceRoots(d, parsed.roots))]) {
    if (D.constantValue() || D.isZero()) continue;
    const monic = D.scale(D.termList()[0].coef.inv());
    if (!out.some((x) => x.equals(monic))) out.push(monic);
  }
  return out;
}

/**
 * Why the printed data is undefined somewhere on the domain (hypotheses included), or undefined
 * when every divisor is nonzero there: decided as `identity` and `formula-identity` decide it
 * (undefinedWhere; a divisor with a square root as formula-identity does, nonzeroOnDomain with its roots).
 */
async function undefinedOnDomain(divisors: readonly Poly[], roots: Roots, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<string | undefined> {
  const withRoot = (D: Poly) => D.variables().some((v) => v in roots);
  const why = await undefinedWhere(divisors.filter((D) => !withRoot(D)), [], Object.keys(roots), record, env, ctx);
  if (why) return why;
  for (const D of divisors.filter(withRoot)) {
    const nz = await nonzeroOnDomain({ num: D, den: Poly.ONE, roots }, record, env, ctx);
    if (nz.nonzero) continue;
    return nz.nonzero === false ? `the divisor ${unicodeString(D)} is 0 on the domain (${nz.how})` : `whether the divisor ${unicodeString(D)} is 0 somewhere on the domain is undecided (${nz.how})`;
  }
  return undefined;
}

/** The divisors and the common denominator L of the scaled matrices (when it is not among them and not constant). */
function withDenominator(divisors: readonly Poly[], L: Poly): Poly[] {
  return L.constantValue() || divisors.some((D) => D.equals(L)) ? [...divisors] : [...divisors, L];
}

/** Is every divisor nonzero at the point (every variable it names given a value there)? */
function definedPoint(divisors: readonly Poly[], roots: Roots, at: Readonly<Record<string, Rational>>): boolean {
  return divisors.every((D) => {
    if (!D.variables().every((v) => v in at || v in roots)) return false;
    const used = Object.keys(roots).filter((r) => D.degreeIn(r) > 0);
    if (used.length) {
      if (used.some((r) => !roots[r].variables().every((v) => v in at) || roots[r].evaluate(at).sign() < 0)) return false;
      return signWithRootMulti(D, at, roots) !== 0;
    }
    return !D.evaluate(at).isZero();
  });
}

// ---------------------------------------------------------------- matrix-identity

registerProcedure({
  kind: 'matrix-identity',
  summary: 'lhs = rhs entrywise (matrix expressions over printed matrices), as polynomials in the parameters',
  method: 'exact',
  fields: z.looseObject({ lhs: z.string().min(1), rhs: z.string().min(1), matrices: matricesField, blocks: blocksField }),
  validate(record, env) {
    try {
      parseMatrixExprs([String(record.lhs), String(record.rhs)], table(record, env), langSymbols(env, record), [], { rational: true });
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'lhs', message: e.message }];
      throw e;
    }
  },
  async decide(record, env, ctx): Promise<CheckResult> {
    return withBlocks(record, (await emptyDomain(record, env, ctx)) ?? (await underEqualityHypotheses(record, langSymbols(env, record), (syms) => decideMatrixIdentity(record, env, ctx, syms))));
  },
});

async function decideMatrixIdentity(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, syms: LangSymbols): Promise<CheckResult> {
  {
    let parsed, printed;
    const texts = [String(record.lhs), String(record.rhs)];
    try {
      parsed = parseMatrixExprs(texts, table(record, env), syms, [], { rational: true });
      printed = printedDivisors(texts, table(record, env), syms);
    } catch (e) {
      return badInput('exact', e);
    }
    const [a, b] = parsed.values;
    if (a.rows !== b.rows || a.cols !== b.cols) return { verdict: 'refuted', method: 'exact', summary: `sizes differ: ${a.rows}×${a.cols} vs ${b.rows}×${b.cols}`, evidence: {}, decisive: 'sizes differ' };
    const diff = a.sub(b).map((p) => reduceRoots(p, parsed.roots));
    // every divisor of the printed entries and scalars (the factors of the common denominator L among
    // them); at a point, L too
    const divisors = printed.divisors;
    const atPoints = withDenominator(divisors, parsed.denominator);
    const droots = { ...printed.roots, ...parsed.roots };
    const evidence: Record<string, unknown> = { lhs: unicodeMatrix(a), rhs: unicodeMatrix(b), 'lhs − rhs': unicodeMatrix(diff) };
    if (!parsed.denominator.constantValue()) evidence.scaling = `rational entries: both sides × an even power of L = ${unicodeString(parsed.denominator)}; proved only where every divisor is nonzero on the whole domain`;
    const nonzero: [number, number][] = [];
    for (let i = 0; i < diff.rows; i++) for (let j = 0; j < diff.cols; j++) if (!diff.get(i, j).isZero()) nonzero.push([i, j]);
    if (nonzero.length === 0) {
      // lhs = rhs is printed for every point of the domain: each entry must be defined there
      const why = await undefinedOnDomain(divisors, droots, record, env, ctx);
      if (why) return undefinedResult(why, evidence);
      return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: `lhs = rhs entrywise, exactly (${a.rows}×${a.cols})`, evidence, decisive: 'identity' };
    }
    const [i, j] = nonzero[0];
    const entry: ParamExpr = { num: diff.get(i, j), den: Poly.ONE, roots: parsed.roots };
    for (const at of domainPoints(record, env, ctx, 30, [entry.num, ...atPoints, ...Object.values(parsed.roots)])) {
      if (!definedPoint(atPoints, droots, at)) continue; // an entry is undefined there
      const s = signAt(entry, at);
      if (!s) continue;
      const witness = { entry: `(${i + 1},${j + 1})`, difference: unicodeString(diff.get(i, j)), ...pointStrings(at) };
      return { verdict: 'refuted', method: 'exact', summary: `entry (${i + 1},${j + 1}) differs by ${unicodeString(diff.get(i, j))}; nonzero at ${pointText(at)} (exact)`, evidence, witness, decisive: `differ: ${unicodeMatrix(diff)}` };
    }
    return { verdict: 'inconclusive', method: 'exact', summary: `entry (${i + 1},${j + 1}) differs symbolically by ${unicodeString(diff.get(i, j))}, but no domain point separates them`, evidence, decisive: `undecided: ${unicodeMatrix(diff)}` };
  }
}

// ---------------------------------------------------------------- matrix-inequality

interface MatrixCondition {
  text: string;
  matrix: PolyMatrix;
  strict: boolean;
}

function parseConditions(record: ClaimRecord, env: ProcedureEnv): { conditions: MatrixCondition[]; roots: Roots; exists: string[]; denominator: Poly; divisors: Poly[]; divisorRoots: Roots } {
  const exists = ((record.exists as string[] | undefined) ?? []).map(String);
  const texts = (record.claims as string[]).map(String);
  const sides = texts.map((t) => {
    const r = splitRelation(t);
    if (!r || !['>=', '>', '<=', '<'].includes(r.rel)) throw new LangError(`"${t}": expected "A >= 0", "A > 0", "A >= B" or "A <= B"`);
    const flip = r.rel === '<=' || r.rel === '<';
    return { t, lhs: flip ? r.rhs : r.lhs, rhs: flip ? r.lhs : r.rhs, strict: r.rel === '>' || r.rel === '<' };
  });
  const exprs: string[] = [];
  // A − 0 and 0 − A (`A <= 0` flipped) without the scalar 0, which a matrix difference cannot take
  for (const s of sides) exprs.push(s.rhs.trim() === '0' ? s.lhs : s.lhs.trim() === '0' ? `-(${s.rhs})` : `(${s.lhs}) - (${s.rhs})`);
  const parsed = parseMatrixExprs(exprs, table(record, env), langSymbols(env, record), exists, { rational: true });
  const printed = printedDivisors(exprs, table(record, env), langSymbols(env, record), exists);
  const conditions = sides.map((s, k) => {
    const m = parsed.values[k];
    if (m.rows !== m.cols) throw new LangError(`"${s.t}" is not square`);
    // A quadratic-form inequality reads the symmetric part.
    const sym = m.add(m.transpose()).scale(q(1, 2)).map((p) => reduceRoots(p, parsed.roots));
    return { text: s.t, matrix: sym, strict: s.strict };
  });
  // every divisor of the printed entries and scalars (the factors of L, the common denominator, among them)
  return { conditions, roots: parsed.roots, exists, denominator: parsed.denominator, divisors: printed.divisors, divisorRoots: { ...printed.roots, ...parsed.roots } };
}

function conditionFormula(c: MatrixCondition): Formula {
  return c.strict ? pd(c.matrix) : psd(c.matrix);
}

function holdsAt(c: MatrixCondition, at: Readonly<Record<string, Rational>>, roots: Roots): boolean {
  if (c.strict) return c.matrix.leadingPrincipalMinors().every((m) => signWithRootMulti(m, at, roots) > 0);
  return c.matrix.principalMinors().every(({ minor }) => signWithRootMulti(minor, at, roots) >= 0);
}

async function decideMatrixInequality(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let parsed, dom;
  try {
    parsed = parseConditions(record, env);
    dom = recordDomain(record, env);
  } catch (e) {
    return badInput('z3', e);
  }
  const { conditions, exists } = parsed;
  const roots = { ...dom.roots, ...parsed.roots };
  // rational entries: the matrices were scaled by an even power of their common denominator L
  // (> 0 where L ≠ 0), so the scaled claim says nothing where a divisor is 0: witnesses and solver
  // models only where every divisor of the printed data is nonzero, and a proof only where that holds
  // on the whole domain (as for identity and formula-identity)
  const L = parsed.denominator;
  const rational = !L.constantValue();
  const { divisors, divisorRoots } = parsed;
  // at a point: every divisor and L
  const atPoints = withDenominator(divisors, L);
  const divisorsIn = (names: readonly string[]) => atPoints.filter((D) => D.variables().some((v) => names.includes(v)));
  if (rational) dom = { ...dom, assumptions: and(dom.assumptions, atom(L, '!=')) };
  // the cancelled divisors (1/(1/a)) too, for the solvers' models (the existential names' ones are not decided here)
  const others = divisors.filter((D) => !D.equals(L) && !divisorsIn(exists).includes(D));
  if (others.length) dom = { ...dom, assumptions: and(dom.assumptions, ...others.map((D) => atom(D, '!='))) };
  const definedAt = (at: Readonly<Record<string, Rational>>) => definedPoint(atPoints, divisorRoots, at);
  const evidence: Record<string, unknown> = {};
  for (const c of conditions) evidence[c.text] = unicodeMatrix(c.matrix);
  if (rational) evidence.scaling = `rational entries: the matrices × an even power of L = ${unicodeString(L)} (> 0 where L ≠ 0); proved only where every divisor is nonzero on the whole domain`;
  const decisive = conditions.map((c) => `${c.strict ? '≻' : '⪰'} ${unicodeMatrix(c.matrix)}`).join('; ');
  const solvers = await getSolvers(ctx);
  if (exists.length === 0) {
    // An exact certificate first (symbolic LDLᵀ, every pivot's sign on the domain, re-checked);
    // the exact points and the solvers still run: a certificate against a re-checked witness is a
    // contradiction (inconclusive, loudly), never a proof.
    const certs = certify(conditions, dom.assumptions, roots);
    evidence.certificate = certs.ok ? (conditions.length === 1 ? certs.evidence[0] : Object.fromEntries(conditions.map((c, i) => [c.text, certs.evidence[i]]))) : `none: ${certs.reason}`;
    const contradiction = (what: string): CheckResult => ({ verdict: 'inconclusive', method: 'exact', summary: `CONTRADICTION: an exact certificate holds but ${what} — a kernel or solver bug; nothing is concluded`, evidence, decisive: `contradiction: ${decisive}` });
    // Exact domain points: a violated minor is a refutation with its sign checked exactly.
    const relevant = [...conditions.flatMap((c) => c.matrix.principalMinors().map((m) => m.minor)), ...Object.values(roots), ...atPoints];
    for (const at of domainPoints(record, env, ctx, 24, relevant)) {
      if (Object.values(roots).some((r) => r.evaluate(at).sign() < 0) || !definedAt(at)) continue;
      const bad = conditions.find((c) => !holdsAt(c, at, roots));
      if (bad && certs.ok) return contradiction(`${bad.text} fails at ${pointText(at)} exactly`);
      if (bad) return { verdict: 'refuted', method: 'exact', summary: `${bad.text} fails at ${pointText(at)} (a principal minor has the wrong sign, exactly)`, evidence, witness: { ...pointStrings(at), violated: bad.text }, decisive: `violated ${bad.text}: ${decisive}` };
    }
    if (rational) {
      // entries undefined on the whole domain (L = 0 there): nothing is claimed at any point
      const noWhere = await decideQuery(solvers, { variables: dom.variables, roots, assumptions: recordDomain(record, env).assumptions, goal: atom(L, '=') });
      if (noWhere.status === 'proved') return { verdict: 'inconclusive', method: 'z3', summary: `the entries are undefined on the whole domain (${unicodeString(L)} = 0 there)`, evidence, decisive: `undefined: ${unicodeString(L)}` };
    }
    // the printed entries must be defined on the whole domain (every radicand ≥ 0)
    const defined = await rootsDefined(parsed.roots, record, env, ctx, dom, 'z3');
    if (!defined.ok) return { ...defined.result, evidence: { ...evidence, ...defined.result.evidence } };
    if (defined.evidence) Object.assign(evidence, defined.evidence);
    // the printed entries defined on the whole domain: every divisor nonzero there (else not proved)
    const undefinedWhy = divisors.length ? await undefinedOnDomain(divisors, divisorRoots, record, env, ctx) : undefined;
    const outcome = await decideQuery(solvers, { variables: dom.variables, roots, assumptions: dom.assumptions, goal: and(...conditions.map(conditionFormula)) });
    Object.assign(evidence, answersEvidence(outcome));
    if (outcome.status === 'refuted') {
      const at = witnessPoint(outcome.witness ?? {}, dom.variables);
      // a point of the whole domain (integer parameters integers) where a condition fails
      const bad = definedAt(at) && inDomain(dom, at, roots) ? conditions.find((c) => !holdsAt(c, at, roots)) : undefined;
      if (!bad) return { verdict: 'inconclusive', method: 'z3', summary: 'a solver model did not re-check exactly', evidence, decisive: `unchecked: ${decisive}` };
      if (certs.ok) return contradiction(`a solver model re-checks: ${bad.text} fails at ${pointText(at)}`);
      return { verdict: 'refuted', method: 'z3', summary: `${bad.text} fails at ${pointText(at)} (solver model, re-checked exactly)`, evidence, witness: { ...outcome.witness, violated: bad.text }, decisive: `violated ${bad.text}: ${decisive}` };
    }
    if (undefinedWhy) {
      const r = undefinedResult(undefinedWhy, evidence);
      return { ...r, summary: `${undefinedWhy}: the printed matrices are not defined there, so ${conditions.map((c) => c.text).join(' and ')} is not proved on the domain (state the hypothesis that excludes it)` };
    }
    if (certs.ok) return { verdict: 'proved', method: 'exact', basis: defined.basis === 'kernel' || defined.basis === 'certificate' ? 'certificate' : defined.basis, summary: `${conditions.map((c) => c.text).join(' and ')} on the whole domain (exact LDLᵀ certificate, re-checked; solvers: ${outcome.status === 'proved' ? (outcome.basis === 'two-solvers' ? 'Z3 and cvc5 agree' : 'one agrees') : outcome.status})`, evidence, decisive: `holds: ${decisive}` };
    if (outcome.status === 'proved') return { verdict: 'proved', method: 'z3', basis: defined.basis === 'one-solver' ? 'one-solver' : outcome.basis, summary: `${conditions.map((c) => c.text).join(' and ')} on the whole domain (${proversText(outcome)}: the negation is unsat)`, evidence, decisive: `holds: ${decisive}` };
    return { verdict: 'inconclusive', method: 'z3', summary: `undecided: ${outcome.reason ?? 'unknown'}`, evidence, decisive: `undecided: ${decisive}` };
  }
  // ∃ constants: refute at a domain point where no constants satisfy the conditions.
  const relevantE = [...conditions.flatMap((c) => c.matrix.principalMinors().map((m) => m.minor)), ...Object.values(roots), ...atPoints];
  const drawn = domainPoints(record, env, ctx, 6, relevantE);
  // then, from the first draw, each parameter alone ×1000, ÷1000 and at a closed end (e = 0 of e ≥ 0):
  // a claim false only for small or large values shows there
  const moved = [...new Set(relevantE.flatMap((p) => p.variables()))].filter((v) => !exists.includes(v));
  const full = domainPoints(record, env, ctx, 6).slice(0, 1);
  const keep = new Set(Object.keys(drawn[0] ?? {}));
  const edges = [...farPoints(record, env, full, moved, [1000]), ...closedEndPoints(record, env, full, moved)].map((at) => Object.fromEntries(Object.entries(at).filter(([k]) => keep.has(k))));
  for (const at of [...drawn, ...edges].map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !exists.includes(k))))) {
    if (Object.values(dom.roots).some((r) => r.evaluate(at).sign() < 0)) continue;
    if (divisorsIn(exists).length) break; // a divisor in the ∃ constants: not decided here
    if (!definedAt(at)) continue; // a printed entry is undefined at this point
    const sub = (p: Poly) => p.subs(Object.fromEntries(Object.entries(at).filter(([k]) => !exists.includes(k))));
    const subRoots: Record<string, Poly> = {};
    for (const [s, r] of Object.entries({ ...dom.roots, ...roots })) subRoots[s] = sub(r);
    const goal = not(and(...conditions.map((c) => conditionFormula({ ...c, matrix: c.matrix.map(sub) }))));
    // The ∃ constants range over their own domains and the hypotheses that name them (forall:
    // ["c < 0"]): the domain formula at this point, the other parameters fixed; a constraint that
    // still names another parameter is dropped (weaker assumptions: a refutation stays sound).
    const assumptions = onlyIn(substituteFormula(dom.assumptions, sub), exists);
    const outcome = await decideQuery(solvers, { variables: exists, roots: subRoots, assumptions, goal });
    if (outcome.status === 'proved') {
      Object.assign(evidence, answersEvidence(outcome));
      return {
        verdict: 'refuted',
        method: 'z3',
        summary: `at ${pointText(at)} no ${exists.join(', ')} satisfy ${conditions.map((c) => c.text).join(' and ')} (${proversText(outcome)}: unsat)`,
        evidence,
        witness: { ...pointStrings(at), noValuesOf: exists.join(', ') },
        decisive: `no ${exists.join(', ')} at ${pointText(at)}: ${decisive}`,
      };
    }
  }
  return { verdict: 'inconclusive', method: 'z3', summary: `∃ ${exists.join(', ')}: not refuted at the sampled points; a proof needs an explicit construction (state it as the corrected claim)`, evidence, decisive: `undecided ∃: ${decisive}` };
}

/** The parts of a conjunction that mention only `vars` (anything else: true, a weaker formula). */
function onlyIn(f: Formula, vars: readonly string[]): Formula {
  const inside = (g: Formula): boolean => (g.kind === 'atom' ? g.poly.variables().every((v) => vars.includes(v)) : g.kind === 'const' ? true : g.kind === 'not' ? inside(g.arg) : g.args.every(inside));
  if (f.kind === 'and') return and(...f.args.map((a) => onlyIn(a, vars)));
  return inside(f) ? f : and();
}

/** A formula with every atom's polynomial mapped (a point substituted). */
function substituteFormula(f: Formula, map: (p: Poly) => Poly): Formula {
  switch (f.kind) {
    case 'atom':
      return { ...f, poly: map(f.poly) };
    case 'and':
    case 'or':
      return { ...f, args: f.args.map((a) => substituteFormula(a, map)) };
    case 'not':
      return { ...f, arg: substituteFormula(f.arg, map) };
    default:
      return f;
  }
}

registerProcedure({
  kind: 'matrix-inequality',
  summary: 'A ⪰ 0 / A ≻ 0 / A ⪰ B for every point of the domain (exact points, Z3 + cvc5; optional ∃ constants)',
  method: 'z3',
  needs: ['z3', 'cvc5'],
  fields: z.looseObject({ claims: z.array(z.string().min(1)).min(1), matrices: matricesField, exists: z.array(z.string()).optional(), blocks: blocksField }),
  validate(record, env) {
    try {
      parseConditions(record, env);
      recordDomain(record, env);
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'claims', message: e.message }];
      throw e;
    }
  },
  decide: async (record, env, ctx) => withBlocks(record, (await emptyDomain(record, env, ctx)) ?? (await decideMatrixInequality(record, env, ctx))),
});

/**
 * Exact certificates for every condition (issue 12): the scaled matrices (entries polynomial, root
 * symbols reduced) on the linear part of the domain; each certificate re-checked before use.
 */
function certify(conditions: readonly MatrixCondition[], assumptions: Formula, roots: Roots): { ok: true; evidence: Record<string, unknown>[] } | { ok: false; reason: string } {
  try {
    const domain = certDomain(assumptions, roots);
    const out: MatrixCertificate[] = [];
    for (const c of conditions) {
      const r = certifyMatrix(c.matrix, c.strict, domain);
      if (!r.ok) return { ok: false, reason: `${c.text}: ${r.reason}` };
      if (!checkMatrixCertificate(c.matrix, r.certificate, domain)) return { ok: false, reason: `${c.text}: the certificate did not re-check` };
      out.push(r.certificate);
    }
    return { ok: true, evidence: out.map(certificateEvidence) };
  } catch (e) {
    return { ok: false, reason: `certificate search failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

// ---------------------------------------------------------------- spectral-abscissa


registerProcedure({
  kind: 'spectral-abscissa',
  summary: 'min Re λ(matrix) = value on the domain, two-sided (2×2: the discriminant sign is decided, then a formula identity)',
  method: 'exact',
  needs: ['z3', 'cvc5'],
  fields: z.looseObject({ matrix: z.string().min(1), value: z.string().min(1), matrices: matricesField }),
  validate(record, env) {
    try {
      const m = parseMatrixExprs([String(record.matrix)], table(record, env), langSymbols(env, record)).values[0];
      if (m.rows !== 2 || m.cols !== 2) return [{ path: 'matrix', message: `is ${m.rows}×${m.cols}; spectral-abscissa decides 2×2 matrices` }];
      parseParamExprs([String(record.value)], langSymbols(env, record));
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'matrix', message: e.message }];
      throw e;
    }
  },
  async decide(record, env, ctx): Promise<CheckResult> {
    const empty = await emptyDomain(record, env, ctx);
    if (empty) return empty;
    let m, value: ParamExpr, dom, mroots: Roots, divisors: Poly[], droots: Roots;
    try {
      const parsed = parseMatrixExprs([String(record.matrix)], table(record, env), langSymbols(env, record));
      m = parsed.values[0];
      mroots = parsed.roots;
      const v = parseParamExprs([String(record.value)], langSymbols(env, record));
      value = v.exprs[0];
      dom = recordDomain(record, env);
      // the divisors of the printed matrix (one that cancels, 1/(1/a)) and of the value: defined on the whole domain, or not proved
      const printed = printedDivisors([String(record.matrix)], table(record, env), langSymbols(env, record));
      divisors = distinctDivisors(printed.divisors, v);
      droots = { ...printed.roots, ...v.roots };
    } catch (e) {
      return badInput('exact', e);
    }
    if (Object.keys(mroots).length) return { verdict: 'inconclusive', method: 'exact', summary: 'matrix entries with square roots are not supported here', evidence: {}, decisive: 'roots in matrix' };
    const tr = m.get(0, 0).add(m.get(1, 1));
    const det = m.det();
    const disc = tr.mul(tr).sub(det.scale(4));
    const solvers = await getSolvers(ctx);
    const evidence: Record<string, unknown> = { trace: unicodeString(tr), det: unicodeString(det), 'discriminant tr² − 4 det': unicodeString(disc), printed: paramText(value) };
    const roots = { ...dom.roots };
    let abscissa: ParamExpr;
    let regime: string;
    let basis: Basis | undefined;
    if (disc.isZero()) {
      // a discriminant that is identically 0: one double eigenvalue tr/2 everywhere, no solver needed
      abscissa = { num: tr, den: pc(2), roots: value.roots };
      regime = 'a double eigenvalue (the discriminant is identically 0): min Re λ = tr/2';
      basis = 'kernel';
      evidence.regime = regime;
    } else {
      const realSpectrum = await decideQuery(solvers, { variables: dom.variables, roots, assumptions: dom.assumptions, goal: atom(disc, '>=') });
      const complexSpectrum = realSpectrum.status === 'proved' ? undefined : await decideQuery(solvers, { variables: dom.variables, roots, assumptions: dom.assumptions, goal: atom(disc, '<=') });
      if (realSpectrum.status === 'proved') {
        // Reuse the printed value's root symbol when it has the same radicand; a constant square is its root.
        const name = Object.entries(value.roots).find(([, r]) => r.equals(disc))?.[0] ?? rootName(disc);
        const syms = langSymbols(env, record);
        const exact = exactSquareRoot(disc, (v) => nonNegativeParameter(syms, v));
        abscissa = exact ? { num: tr.sub(exact), den: pc(2), roots: value.roots } : { num: tr.sub(pv(name)), den: pc(2), roots: { ...value.roots, [name]: disc } };
        regime = 'real eigenvalues (discriminant ≥ 0 on the domain): min Re λ = (tr − √disc)/2';
      } else if (complexSpectrum?.status === 'proved') {
        abscissa = { num: tr, den: pc(2), roots: value.roots };
        regime = 'complex or double eigenvalues (discriminant ≤ 0 on the domain): min Re λ = tr/2';
      } else {
        // both regimes occur: at exact points, min Re λ of the regime there against the printed value
        const name = Object.entries(value.roots).find(([, r]) => r.equals(disc))?.[0] ?? rootName(disc);
        const real: ParamExpr = { num: tr.sub(pv(name)), den: pc(2), roots: { ...value.roots, [name]: disc } };
        const complex: ParamExpr = { num: tr, den: pc(2), roots: value.roots };
        for (const at of domainPoints(record, env, ctx, 30)) {
          if (!definedPoint(divisors, droots, at)) continue;
          const isReal = disc.evaluate(at).sign() >= 0;
          const here = isReal ? real : complex;
          const s = signAt(difference(value, here), at);
          if (!s) continue;
          evidence['min Re λ'] = `${paramText(real)} where the discriminant is ≥ 0, ${paramText(complex)} where it is < 0`;
          const text = `at ${pointText(at)} (${isReal ? 'real' : 'complex'} eigenvalues there, min Re λ = ${paramText(here)}) printed ${s > 0 ? '>' : '<'} min Re λ (exact)`;
          return { verdict: 'refuted', method: 'exact', summary: `printed ${paramText(value)} ≠ min Re λ: ${text}`, evidence, witness: { ...pointStrings(at), sign: s > 0 ? 'printed > min Re λ' : 'printed < min Re λ' }, decisive: `differs ${text}` };
        }
        return { verdict: 'inconclusive', method: 'z3', summary: 'the discriminant changes sign on the domain and no exact point separates the printed value from min Re λ: split it with `forall`', evidence, decisive: `split: ${unicodeString(disc)}` };
      }
      const decided = realSpectrum.status === 'proved' ? realSpectrum : complexSpectrum!;
      evidence.regime = regime;
      evidence.basisOfRegime = answersEvidence(decided);
      basis = decided.basis;
    }
    const diff = difference(value, abscissa);
    evidence['min Re λ'] = paramText(abscissa);
    if (diff.num.isZero()) {
      const why = divisors.length ? await undefinedOnDomain(divisors, droots, record, env, ctx) : undefined;
      if (why) return { ...undefinedResult(why, evidence), summary: `min Re λ equals the printed value identically, but ${why}: the printed data is not defined there (state the hypothesis that excludes it)` };
    }
    if (diff.num.isZero()) return { verdict: 'proved', method: 'z3', basis, summary: `${regime}; equals the printed value identically`, evidence, decisive: `abscissa ${paramText(abscissa)}` };
    for (const at of domainPoints(record, env, ctx, 30, [diff.num, diff.den, tr, det, ...Object.values(diff.roots), ...divisors])) {
      if (!definedPoint(divisors, droots, at)) continue; // the printed data is undefined there
      const s = signAt(diff, at);
      if (!s) continue;
      const num = (e: ParamExpr) => {
        const r = Object.fromEntries(Object.entries(e.roots).map(([k, v]) => [k, Math.sqrt(v.evaluate(at).toNumber())]));
        const point = { ...Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toNumber()])), ...r };
        return e.num.evaluateNumber(point) / e.den.evaluateNumber(point);
      };
      const ratio = num(value) / num(abscissa);
      evidence.ratioAtWitness = Number(ratio.toPrecision(6));
      return {
        verdict: 'refuted',
        method: 'exact',
        summary: `printed ${paramText(value)} ≠ min Re λ = ${paramText(abscissa)}: at ${pointText(at)} printed ${s > 0 ? '>' : '<'} min Re λ (exact; ratio ${ratio.toPrecision(4)})`,
        evidence,
        witness: { ...pointStrings(at), sign: s > 0 ? 'printed > min Re λ' : 'printed < min Re λ' },
        decisive: `differs from ${paramText(abscissa)} by ${unicodeString(diff.num)}`,
      };
    }
    return { verdict: 'inconclusive', method: 'exact', summary: 'not identical symbolically and no domain point separates them', evidence, decisive: `undecided: ${unicodeString(diff.num)}` };
  },
});

export { Rational };
