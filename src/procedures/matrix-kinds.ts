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
import { PolyMatrix, reduceRoots, type Roots } from '../../symbolic/matrix.ts';
import { LangError, type ParamExpr } from '../../symbolic/lang/index.ts';
import { parseMatrixExprs, type MatrixTable } from '../../symbolic/lang/matrix.ts';
import { difference, parseParamExprs, signAt, signWithRootMulti } from '../../symbolic/lang/param.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { and, atom, not, pd, psd, type Formula } from '../../symbolic/z3.ts';
import { unicodeMatrix, unicodeString } from '../../symbolic/lyapunov.ts';
import { certDomain, certificateEvidence, certifyMatrix, checkMatrixCertificate, type MatrixCertificate } from '../../symbolic/certificate.ts';
import { registerProcedure } from './registry.ts';
import { answersEvidence, badInput, decideQuery, domainPoints, emptyDomain, getSolvers, inDomain, langSymbols, paramText, pointStrings, pointText, recordDomain, rootsDefined } from './common.ts';

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
    return withBlocks(record, (await emptyDomain(record, env, ctx)) ?? (await decideMatrixIdentity(record, env, ctx)));
  },
});

async function decideMatrixIdentity(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  {
    let parsed;
    try {
      parsed = parseMatrixExprs([String(record.lhs), String(record.rhs)], table(record, env), langSymbols(env, record), [], { rational: true });
    } catch (e) {
      return badInput('exact', e);
    }
    const [a, b] = parsed.values;
    if (a.rows !== b.rows || a.cols !== b.cols) return { verdict: 'refuted', method: 'exact', summary: `sizes differ: ${a.rows}×${a.cols} vs ${b.rows}×${b.cols}`, evidence: {}, decisive: 'sizes differ' };
    const diff = a.sub(b).map((p) => reduceRoots(p, parsed.roots));
    const evidence: Record<string, unknown> = { lhs: unicodeMatrix(a), rhs: unicodeMatrix(b), 'lhs − rhs': unicodeMatrix(diff) };
    if (!parsed.denominator.constantValue()) evidence.scaling = `rational entries: both sides × an even power of L = ${unicodeString(parsed.denominator)}, decided where L ≠ 0`;
    const nonzero: [number, number][] = [];
    for (let i = 0; i < diff.rows; i++) for (let j = 0; j < diff.cols; j++) if (!diff.get(i, j).isZero()) nonzero.push([i, j]);
    if (nonzero.length === 0) return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: `lhs = rhs entrywise, exactly (${a.rows}×${a.cols})`, evidence, decisive: 'identity' };
    const [i, j] = nonzero[0];
    const entry: ParamExpr = { num: diff.get(i, j), den: Poly.ONE, roots: parsed.roots };
    for (const at of domainPoints(record, env, ctx, 30, [entry.num, parsed.denominator, ...Object.values(parsed.roots)])) {
      if (parsed.denominator.evaluate(at).isZero()) continue; // an entry is undefined there
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

function parseConditions(record: ClaimRecord, env: ProcedureEnv): { conditions: MatrixCondition[]; roots: Roots; exists: string[]; denominator: Poly } {
  const exists = ((record.exists as string[] | undefined) ?? []).map(String);
  const texts = (record.claims as string[]).map(String);
  const sides = texts.map((t) => {
    const r = splitRelation(t);
    if (!r || !['>=', '>', '<=', '<'].includes(r.rel)) throw new LangError(`"${t}": expected "A >= 0", "A > 0", "A >= B" or "A <= B"`);
    const flip = r.rel === '<=' || r.rel === '<';
    return { t, lhs: flip ? r.rhs : r.lhs, rhs: flip ? r.lhs : r.rhs, strict: r.rel === '>' || r.rel === '<' };
  });
  const exprs: string[] = [];
  for (const s of sides) exprs.push(s.rhs.trim() === '0' ? s.lhs : `(${s.lhs}) - (${s.rhs})`);
  const parsed = parseMatrixExprs(exprs, table(record, env), langSymbols(env, record), exists, { rational: true });
  const conditions = sides.map((s, k) => {
    const m = parsed.values[k];
    if (m.rows !== m.cols) throw new LangError(`"${s.t}" is not square`);
    // A quadratic-form inequality reads the symmetric part.
    const sym = m.add(m.transpose()).scale(q(1, 2)).map((p) => reduceRoots(p, parsed.roots));
    return { text: s.t, matrix: sym, strict: s.strict };
  });
  return { conditions, roots: parsed.roots, exists, denominator: parsed.denominator };
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
  // rational entries: the matrices were scaled by an even power of their common denominator L,
  // so the claim is decided where L ≠ 0 (where the printed entries are defined)
  const L = parsed.denominator;
  const rational = !L.constantValue();
  if (rational) dom = { ...dom, assumptions: and(dom.assumptions, atom(L, '!=')) };
  const definedAt = (at: Readonly<Record<string, Rational>>) => !rational || !L.evaluate(at).isZero();
  const evidence: Record<string, unknown> = {};
  for (const c of conditions) evidence[c.text] = unicodeMatrix(c.matrix);
  if (rational) evidence.scaling = `rational entries: the matrices × an even power of L = ${unicodeString(L)} (> 0 where L ≠ 0), decided where L ≠ 0`;
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
    const relevant = [...conditions.flatMap((c) => c.matrix.principalMinors().map((m) => m.minor)), ...Object.values(roots)];
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
    const outcome = await decideQuery(solvers, { variables: dom.variables, roots, assumptions: dom.assumptions, goal: and(...conditions.map(conditionFormula)) });
    Object.assign(evidence, answersEvidence(outcome));
    if (outcome.status === 'refuted') {
      const at = Object.fromEntries(Object.entries(outcome.witness ?? {}).filter(([k]) => !(k in roots)).map(([k, v]) => [k, Rational.parse(v)]));
      // a point of the whole domain (integer parameters integers) where a condition fails
      const bad = definedAt(at) && inDomain(dom, at, roots) ? conditions.find((c) => !holdsAt(c, at, roots)) : undefined;
      if (!bad) return { verdict: 'inconclusive', method: 'z3', summary: 'a solver model did not re-check exactly', evidence, decisive: `unchecked: ${decisive}` };
      if (certs.ok) return contradiction(`a solver model re-checks: ${bad.text} fails at ${pointText(at)}`);
      return { verdict: 'refuted', method: 'z3', summary: `${bad.text} fails at ${pointText(at)} (solver model, re-checked exactly)`, evidence, witness: { ...outcome.witness, violated: bad.text }, decisive: `violated ${bad.text}: ${decisive}` };
    }
    if (certs.ok) return { verdict: 'proved', method: 'exact', basis: defined.basis === 'kernel' || defined.basis === 'certificate' ? 'certificate' : defined.basis, summary: `${conditions.map((c) => c.text).join(' and ')} on the whole domain (exact LDLᵀ certificate, re-checked; solvers: ${outcome.status === 'proved' ? (outcome.basis === 'two-solvers' ? 'Z3 and cvc5 agree' : 'one agrees') : outcome.status})`, evidence, decisive: `holds: ${decisive}` };
    if (outcome.status === 'proved') return { verdict: 'proved', method: 'z3', basis: defined.basis === 'one-solver' ? 'one-solver' : outcome.basis, summary: `${conditions.map((c) => c.text).join(' and ')} on the whole domain (${outcome.basis === 'two-solvers' ? 'Z3 and cvc5' : 'Z3'}: the negation is unsat)`, evidence, decisive: `holds: ${decisive}` };
    return { verdict: 'inconclusive', method: 'z3', summary: `undecided: ${outcome.reason ?? 'unknown'}`, evidence, decisive: `undecided: ${decisive}` };
  }
  // ∃ constants: refute at a domain point where no constants satisfy the conditions.
  const relevantE = [...conditions.flatMap((c) => c.matrix.principalMinors().map((m) => m.minor)), ...Object.values(roots)];
  for (const at of domainPoints(record, env, ctx, 6, relevantE).map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !exists.includes(k))))) {
    if (Object.values(dom.roots).some((r) => r.evaluate(at).sign() < 0)) continue;
    if (rational && L.variables().every((v) => !exists.includes(v)) && !definedAt(at)) continue;
    if (rational && L.variables().some((v) => exists.includes(v))) break; // a denominator in the ∃ constants: not decided here
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
        summary: `at ${pointText(at)} no ${exists.join(', ')} satisfy ${conditions.map((c) => c.text).join(' and ')} (${outcome.basis === 'two-solvers' ? 'Z3 and cvc5' : 'Z3'}: unsat)`,
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
    let m, value: ParamExpr, dom, mroots: Roots;
    try {
      const parsed = parseMatrixExprs([String(record.matrix)], table(record, env), langSymbols(env, record));
      m = parsed.values[0];
      mroots = parsed.roots;
      value = parseParamExprs([String(record.value)], langSymbols(env, record)).exprs[0];
      dom = recordDomain(record, env);
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
        // Reuse the printed value's root symbol when it has the same radicand.
        const name = Object.entries(value.roots).find(([, r]) => r.equals(disc))?.[0] ?? 'disc_root';
        abscissa = { num: tr.sub(pv(name)), den: pc(2), roots: { ...value.roots, [name]: disc } };
        regime = 'real eigenvalues (discriminant ≥ 0 on the domain): min Re λ = (tr − √disc)/2';
      } else if (complexSpectrum?.status === 'proved') {
        abscissa = { num: tr, den: pc(2), roots: value.roots };
        regime = 'complex or double eigenvalues (discriminant ≤ 0 on the domain): min Re λ = tr/2';
      } else {
        return { verdict: 'inconclusive', method: 'z3', summary: 'the discriminant changes sign on the domain: split it with `forall`', evidence, decisive: `split: ${unicodeString(disc)}` };
      }
      const decided = realSpectrum.status === 'proved' ? realSpectrum : complexSpectrum!;
      evidence.regime = regime;
      evidence.basisOfRegime = answersEvidence(decided);
      basis = decided.basis;
    }
    const diff = difference(value, abscissa);
    evidence['min Re λ'] = paramText(abscissa);
    if (diff.num.isZero()) return { verdict: 'proved', method: 'z3', basis, summary: `${regime}; equals the printed value identically`, evidence, decisive: `abscissa ${paramText(abscissa)}` };
    for (const at of domainPoints(record, env, ctx, 30, [diff.num, diff.den, tr, det, ...Object.values(diff.roots)])) {
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
