/**
 * `kind: spectral-rate` — the L²(ρ∞) decay rate of ‖h(t)‖² for a Fokker–Planck / kinetic operator
 * with linear drift (Ornstein–Uhlenbeck type): dz = −C z dt + √(2D) dW, printed as matrices of
 * parameter expressions `drift: C`, `diffusion: D`, and the printed rate `rate:` of
 * ‖h(t)‖²_{L²(ρ∞)} ≤ K e^{−rate·t} ‖h(0)‖² (h = density / ρ∞ − 1, or any mean-zero h).
 *
 * What is decided. When C is positively stable and (C, S) satisfies Kalman's rank condition, with
 * S = (D + Dᵀ)/2 the only part of D in the operator (a non-degenerate invariant law), the spectrum
 * of the generator in L²(ρ∞) is {−Σ nᵢλᵢ : λᵢ ∈ σ(C)} [metafune_pallara_priola_2002] and
 * ‖h(t)‖² decays exactly like e^{−2μt}, μ = min Re λ(C), with a factor t^{2k} when the eigenvalue
 * on Re λ = μ is defective [arnold_erb_2014]. So the true rate is ρ = 2μ, computed exactly for
 * n ≤ 2: ρ = tr C when tr² < 4 det (or = with a Jordan block), ρ = tr C − √(tr² − 4 det) when
 * tr² > 4 det.
 *
 * - The printed rate holds as a bound iff rate < ρ, or rate ≤ ρ where C is non-defective on its
 *   abscissa. A point with rate > ρ refutes ("decay claimed faster than the exact slowest mode":
 *   h₀ = ℓ·z with ℓᵀC = λℓᵀ decays exactly like e^{−2 Re λ t}).
 * - `sharp: true` makes it two-sided: a point with rate < ρ refutes too (not sharp: the exact
 *   spectral bound shows faster decay). With `slack: delta` (the printed rate holds "for every
 *   δ > 0"), sharp means rate(δ) < ρ for every δ and rate(δ → 0) = ρ.
 * - `cases:` lists regimes `{ when, rate, slack? }`, each decided on the domain ∧ `when`.
 * - `blocks: d`: the printed matrices are the cores of C ⊗ I_d (same spectrum): every d ≥ 1.
 *
 * Exact sample points first (a violation is a refutation, sign checked exactly), then Z3 + cvc5 on
 * the domain: stability, D ⪰ 0, Kalman's condition, the sign of the discriminant (each regime the
 * domain meets on its own when it is not constant), and the identity (sharp) or the inequality
 * (bound) of rate against ρ; a solver model refutes only as an exact point that re-checks.
 * Matrices larger than 2×2: `inconclusive`.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult, Verdict } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, q, rationalSqrt } from '../../symbolic/rational.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { PolyMatrix, rootName, type Roots } from '../../symbolic/matrix.ts';
import { LangError, type ParamExpr } from '../../symbolic/lang/index.ts';
import { difference, exactSquareRoot, hypothesisFormula, nonNegativeParameter, parseParamExpr, parseParamExprs, signAt, signFormula } from '../../symbolic/lang/param.ts';
import { atom, and, or, type Formula } from '../../symbolic/z3.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { answersEvidence, badInput, decideQuery, divisorsUndefined, domainPoints, getSolvers, langSymbols, paramText, pointStrings, pointText, recordDomain, type SolverOutcome, type SolverSet } from './common.ts';
import { undefinedWhere } from './identity.ts';

const rows = z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(1)).min(1);
const caseSchema = z.object({ when: z.string().min(1), rate: z.union([z.string(), z.number()]).transform(String), slack: z.string().optional() });

export const spectralRateFields = z.looseObject({
  drift: rows.describe('C of dz = −C z dt + √(2D) dW, rows of parameter expressions (polynomials)'),
  diffusion: rows.describe('D, rows of parameter expressions'),
  rate: z.union([z.string(), z.number()]).transform(String).optional().describe('printed decay rate of ‖h(t)‖² in L²(ρ∞)'),
  slack: z.string().optional().describe('a parameter δ > 0: the rate is printed "for every δ > 0"'),
  cases: z.array(caseSchema).optional().describe('regimes { when, rate, slack? }'),
  sharp: z.boolean().describe('the rate is claimed sharp (two-sided)'),
  blocks: z.string().optional(),
});

interface Case {
  label: string;
  when?: string;
  rate: string;
  slack?: string;
}

/**
 * Whether the cases' `when` conditions cover the record's domain (∀ p ∈ D: when₁ ∨ … ∨ whenₖ, Z3
 * and cvc5): a re-checked point outside every case is named (each case still stands for its own
 * part); undefined for a single `rate`, or when a condition has a square root.
 */
async function casesCoverage(record: ClaimRecord, env: ProcedureEnv, cases: readonly Case[], solvers: SolverSet): Promise<{ evidence: unknown; uncovered?: string } | undefined> {
  const whens = cases.map((c) => c.when).filter((w): w is string => typeof w === 'string');
  if (whens.length === 0 || whens.length !== cases.length) return undefined;
  const syms = langSymbols(env, record);
  const formulas = whens.map((w) => hypothesisFormula(w, syms));
  if (formulas.some((f) => Object.keys(f.roots).length)) return undefined;
  const dom = recordDomain(record, env);
  const o = await decideQuery(solvers, { variables: dom.variables, roots: dom.roots, assumptions: dom.assumptions, goal: or(...formulas.map((f) => f.formula)) });
  if (o.status === 'refuted' && o.witness) {
    const at = Object.entries(o.witness).map(([k, v]) => `${k}=${v}`).join(', ');
    return { evidence: { covered: false, uncoveredAt: o.witness, ...answersEvidence(o) }, uncovered: at };
  }
  return { evidence: { covered: o.status === 'proved' ? true : 'undecided', ...answersEvidence(o) } };
}

function casesOf(record: ClaimRecord): Case[] {
  if (Array.isArray(record.cases)) {
    return (record.cases as { when: string; rate: unknown; slack?: string }[]).map((c, i) => ({ label: `case ${i + 1} (${c.when})`, when: String(c.when), rate: String(c.rate), slack: c.slack }));
  }
  if (record.rate === undefined) throw new LangError('spectral-rate: give `rate` or `cases`');
  return [{ label: 'rate', rate: String(record.rate), slack: typeof record.slack === 'string' ? record.slack : undefined }];
}

interface Parsed {
  drift: ParamExpr[][];
  diffusion: ParamExpr[][];
  n: number;
  divisors: Poly[];
}

function parseMatrices(record: ClaimRecord, env: ProcedureEnv): Parsed {
  const syms = langSymbols(env, record);
  const d = record.drift as string[][];
  const D = record.diffusion as string[][];
  const n = d.length;
  for (const [name, m] of [['drift', d], ['diffusion', D]] as const) {
    if (m.length !== n || m.some((r) => r.length !== n)) throw new LangError(`${name} must be ${n}×${n} (square, the size of drift)`);
  }
  const { exprs, divisors: met } = parseParamExprs([...d.flat(), ...D.flat()].map(String), syms);
  for (const e of exprs) if (Object.keys(e.roots).length) throw new LangError('matrix entries with square roots are not supported by spectral-rate');
  const drift = d.map((r, i) => r.map((_, j) => exprs[i * n + j]));
  const diffusion = D.map((r, i) => r.map((_, j) => exprs[n * n + i * n + j]));
  for (const [i, r] of drift.entries()) for (const [j, e] of r.entries()) if (!e.den.constantValue()) throw new LangError(`drift[${i}][${j}] is a rational function; multiply it out (the drift must be polynomial)`);
  // every divisor of the printed entries (one that cancels too): the matrices are defined only where none is 0
  const divisors = [...exprs.map((e) => e.den), ...met].filter((x) => !x.constantValue());
  return { drift, diffusion, n, divisors };
}

const asPoly = (e: ParamExpr): Poly => e.num.scale(e.den.constantValue()!.inv());

function evalExpr(e: ParamExpr, at: Readonly<Record<string, Rational>>): Rational | undefined {
  const den = e.den.evaluate(at);
  return den.isZero() ? undefined : e.num.evaluate(at).div(den);
}

/** rank of a rational matrix (exact Gaussian elimination). */
function rank(m: Rational[][]): number {
  const a = m.map((r) => [...r]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < a.length; c++) {
    const p = a.findIndex((r, i) => i >= rk && !r[c].isZero());
    if (p < 0) continue;
    [a[rk], a[p]] = [a[p], a[rk]];
    for (let i = 0; i < a.length; i++) {
      if (i === rk || a[i][c].isZero()) continue;
      const f = a[i][c].div(a[rk][c]);
      a[i] = a[i].map((x, j) => x.sub(f.mul(a[rk][j])));
    }
    rk++;
  }
  return rk;
}

/** Kalman matrix [S, CS, …, C^{n−1}S] at a point, S = (D + Dᵀ)/2 (`symmetricAt`). */
function kalmanAt(C: Rational[][], S: Rational[][]): Rational[][] {
  const n = C.length;
  const blocks: Rational[][][] = [S];
  for (let k = 1; k < n; k++) {
    const prev = blocks[k - 1];
    blocks.push(C.map((r) => prev[0].map((_, j) => r.reduce((s, c, l) => s.add(c.mul(prev[l][j])), Rational.ZERO))));
  }
  return Array.from({ length: n }, (_, i) => blocks.flatMap((b) => b[i]));
}

interface Spectrum {
  tr: Poly;
  det: Poly;
  disc: Poly;
  /** √disc as a polynomial when disc is a square ((k)² on k > 0), read once per claim */
  discRoot?: Poly;
}

function spectrumPolys(C: Poly[][]): Spectrum {
  if (C.length === 1) return { tr: C[0][0].scale(q(2)), det: C[0][0].mul(C[0][0]), disc: Poly.ZERO };
  const tr = C[0][0].add(C[1][1]);
  const det = C[0][0].mul(C[1][1]).sub(C[0][1].mul(C[1][0]));
  return { tr, det, disc: tr.mul(tr).sub(det.scale(q(4))) };
}

type Regime = 'complex' | 'double' | 'real';

/** ρ = 2 min Re λ as a ParamExpr sharing the printed rate's root symbol where the radicand agrees. */
function rhoExpr(sp: Spectrum, regime: Regime, n: number, rate: ParamExpr): ParamExpr {
  if (n === 1) return { num: sp.tr, den: Poly.ONE, roots: rate.roots };
  if (regime !== 'real') return { num: sp.tr, den: Poly.ONE, roots: rate.roots };
  if (sp.discRoot) return { num: sp.tr.sub(sp.discRoot), den: Poly.ONE, roots: rate.roots };
  const name = Object.entries(rate.roots).find(([, r]) => r.equals(sp.disc))?.[0] ?? rootName(sp.disc);
  return { num: sp.tr.sub(pv(name)), den: Poly.ONE, roots: { ...rate.roots, [name]: sp.disc } };
}

function withSlackZero(e: ParamExpr, slack: string): ParamExpr | undefined {
  const z0 = { [slack]: 0 };
  const den = e.den.subs(z0);
  if (den.isZero()) return undefined;
  return { num: e.num.subs(z0), den, roots: Object.fromEntries(Object.entries(e.roots).map(([k, r]) => [k, r.subs(z0)])) };
}

function approx(e: ParamExpr, at: Readonly<Record<string, Rational>>): number {
  const r = Object.fromEntries(Object.entries(e.roots).map(([k, v]) => [k, Math.sqrt(v.evaluate(at).toNumber())]));
  const point = { ...Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toNumber()])), ...r };
  return e.num.evaluateNumber(point) / e.den.evaluateNumber(point);
}

/** An exact value when the expression has no irrational root at the point. */
function exactValue(e: ParamExpr, at: Readonly<Record<string, Rational>>): Rational | undefined {
  const point: Record<string, Rational> = { ...at };
  for (const [k, r] of Object.entries(e.roots)) {
    const v = sqrtRational(r.evaluate(at));
    if (!v) return undefined;
    point[k] = v;
  }
  const den = e.den.evaluate(point);
  return den.isZero() ? undefined : e.num.evaluate(point).div(den);
}

const sqrtRational = rationalSqrt;

/** The ratio printed/ρ at a point: exact when both are rational there. */
function ratioText(rate: ParamExpr, rho: ParamExpr, at: Readonly<Record<string, Rational>>): string {
  const a = exactValue(rate, at);
  const b = exactValue(rho, at);
  if (a && b && !b.isZero()) return `${a}/${b} = ${a.div(b)}`;
  return `≈ ${(approx(rate, at) / approx(rho, at)).toPrecision(6)}`;
}

interface CaseOutcome {
  label: string;
  status: 'refuted' | 'proved' | 'supported' | 'inconclusive';
  basis?: 'two-solvers' | 'one-solver';
  evidence: Record<string, unknown>;
  witness?: Record<string, unknown>;
  decisive: string;
  summary: string;
}

/**
 * (D + Dᵀ)/2 at a point: only the symmetric part of D enters the operator (∇·(A∇f) = 0 for a
 * constant antisymmetric A), so definiteness and Kalman's condition are read on it.
 */
function symmetricAt(D: Rational[][]): Rational[][] {
  return D.map((r, i) => r.map((x, j) => x.add(D[j][i]).mul(q(1, 2))));
}

/** Whether a symmetric S is positive semidefinite (S = (D + Dᵀ)/2: D is a diffusion matrix). */
function psdAt(S: Rational[][]): boolean {
  if (S.length === 1) return S[0][0].sign() >= 0;
  return S[0][0].sign() >= 0 && S[1][1].sign() >= 0 && S[0][0].mul(S[1][1]).sub(S[0][1].mul(S[0][1])).sign() >= 0;
}

/**
 * The symmetric part of L·D, L = Π den² > 0 (where the denominators do not vanish): a polynomial
 * matrix with the rank and definiteness of (D + Dᵀ)/2.
 */
function symmetricPoly(D: ParamExpr[][]): Poly[][] {
  const n = D.length;
  const flat = D.flat();
  const scaled = D.map((r, i) => r.map((e, j) => flat.reduce((acc, o, k) => (k === i * n + j ? acc.mul(e.num).mul(e.den) : acc.mul(o.den).mul(o.den)), Poly.ONE)));
  return scaled.map((r, i) => r.map((x, j) => x.add(scaled[j][i]).scale(q(1, 2))));
}

/** D ⪰ 0 as a formula, on the symmetric part of L·D (`symmetricPoly`). */
function psdFormula(D: ParamExpr[][]): Formula {
  const S = symmetricPoly(D);
  if (S.length === 1) return atom(S[0][0], '>=');
  return and(atom(S[0][0], '>='), atom(S[1][1], '>='), atom(S[0][0].mul(S[1][1]).sub(S[0][1].mul(S[0][1])), '>='));
}

const REGIMES: readonly [Regime, '>' | '<' | '='][] = [['real', '>'], ['complex', '<'], ['double', '=']];

async function decideCase(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, p: Parsed, c: Case, sharp: boolean, solvers: SolverSet): Promise<CaseOutcome> {
  const syms = langSymbols(env, record);
  const forall = [...(record.forall ?? []), ...(c.when ? [c.when] : [])];
  const caseRecord: ClaimRecord = { ...record, id: `${record.id}#${c.label}`, forall };
  const rateParts = parseParamExprs([c.rate], syms);
  const rate = rateParts.exprs[0];
  if (c.slack && !(c.slack in syms.parameters)) throw new LangError(`slack "${c.slack}" is not a declared parameter`);
  const Cpoly = p.drift.map((r) => r.map(asPoly));
  const spectrum = spectrumPolys(Cpoly);
  const sp: Spectrum = { ...spectrum, discRoot: exactSquareRoot(spectrum.disc, (v) => nonNegativeParameter(syms, v)) };
  const evidence: Record<string, unknown> = { printedRate: paramText(rate), 'tr C': unicodeString(sp.tr), 'det C': unicodeString(sp.det), 'tr² − 4 det': unicodeString(sp.disc) };
  const rateAtZero = c.slack ? withSlackZero(rate, c.slack) : undefined;
  if (c.slack && !rateAtZero) throw new LangError(`rate is undefined at ${c.slack} = 0`);
  // the printed rate defined on the case's whole domain (2a·(a − 1)/(a − 1) is not at a = 1): its divisors, roots included
  const undefinedRate = await divisorsUndefined(rateParts.divisors, rateParts.roots, caseRecord, env, ctx);
  if (undefinedRate) return { label: c.label, status: 'inconclusive', evidence: { printedRate: paramText(rate), undefinedWhere: undefinedRate }, decisive: `${c.label}: undefined: ${undefinedRate}`, summary: `${c.label}: ${undefinedRate}: the printed rate is not defined there (state the hypothesis that excludes it)` };
  let sampled: Record<string, unknown> | undefined;
  let worst = Infinity;
  let checked = 0;
  /**
   * The claim at one exact point of the domain ∧ case: a hypothesis that fails there (inconclusive),
   * a refutation (printed rate above ρ, or equal at a defective eigenvalue; below when sharp), or
   * nothing. Sampled points and solver models go through the same check.
   */
  const atPoint = (at: Record<string, Rational>): CaseOutcome | undefined => {
    const C = p.drift.map((r) => r.map((e) => evalExpr(e, at)!));
    const D = p.diffusion.map((r) => r.map((e) => evalExpr(e, at)));
    if (D.some((r) => r.some((x) => x === undefined))) return undefined;
    const S = symmetricAt(D as Rational[][]);
    const tr = sp.tr.evaluate(at), det = sp.det.evaluate(at), disc = sp.disc.evaluate(at);
    const stable = p.n === 1 ? C[0][0].sign() > 0 : tr.sign() > 0 && det.sign() > 0;
    const diffusion = psdAt(S);
    const kalman = rank(kalmanAt(C, S)) === p.n;
    if (!stable || !diffusion || !kalman) {
      const why = !stable ? 'C is not positively stable (no invariant law)' : !diffusion ? 'D is not positive semidefinite (not a diffusion matrix)' : "Kalman's rank condition fails (degenerate invariant law)";
      return { label: c.label, status: 'inconclusive', evidence: { ...evidence, at: pointStrings(at), hypothesisFails: why }, decisive: `${c.label}: hypothesis fails at ${pointText(at)}`, summary: `${c.label}: ${why} at ${pointText(at)}` };
    }
    const regime: Regime = p.n === 1 || disc.sign() < 0 ? 'complex' : disc.isZero() ? 'double' : 'real';
    const scalar = p.n === 1 || (C[0][1].isZero() && C[1][0].isZero() && C[0][0].equals(C[1][1]));
    const defective = regime === 'double' && !scalar;
    const rho = rhoExpr(sp, p.n === 1 ? 'complex' : regime, p.n, rate);
    const s = signAt(difference(rate, rho), at);
    if (s === undefined) return undefined;
    checked++;
    const ratio = ratioText(rate, rho, at);
    if (!sampled) sampled = { at: pointStrings(at), regime, defective, 'ρ = 2 min Re λ': paramText(rho), 'printed / ρ': ratio };
    worst = Math.min(worst, (approx(rho, at) - approx(rate, at)) / approx(rho, at));
    const above = s > 0 || (s === 0 && defective);
    let below = false;
    if (sharp) {
      if (c.slack) {
        const s0 = signAt(difference(rateAtZero!, rho), at);
        below = s0 !== undefined && s0 < 0;
      } else below = s < 0 || (s === 0 && defective);
    }
    if (!above && !below) return undefined;
    const lam = `(${tr}${regime === 'real' ? ` − √${disc}` : ''})/2${regime === 'complex' && p.n === 2 ? ` ± i√${disc.neg()}/2` : ''}`;
    const witness = {
      ...pointStrings(at),
      regime,
      'ρ = 2 min Re λ(C)': paramText(rho),
      'printed / ρ': ratio,
      ...(above
        ? { slowestMode: `λ = ${lam}${defective ? ' (defective: ‖h(t)‖² ~ t²e^{−ρt})' : ''}; h₀ = ℓ·z with ℓᵀC = λℓᵀ decays exactly like e^{−2 Re λ t}`, claimed: s > 0 ? 'printed rate > ρ' : 'printed rate = ρ at a defective eigenvalue' }
        : { exactBound: `every rate < ρ holds (OU spectrum), and ρ ${c.slack ? `> printed rate at ${c.slack} → 0` : '> printed rate'}`, claimed: 'printed rate < ρ: not sharp' }),
    };
    const what = above ? 'decays slower than printed' : 'not sharp: decays faster than printed';
    return {
      label: c.label,
      status: 'refuted',
      evidence: { ...evidence, sampled },
      witness,
      decisive: `${c.label}: ${above ? 'above' : 'below'} ρ = ${paramText(rho)}, ratio ${ratio}`,
      summary: `${c.label}: at ${pointText(at)} ${what} (exact; printed/ρ ${ratio}, ρ = 2 min Re λ(C) = ${paramText(rho)})`,
    };
  };
  // 1. Exact points, with a value for every parameter of the printed data (one found only off the
  // diagonal of C still decides whether C is defective).
  const relevant = [rate.num, rate.den, ...Object.values(rate.roots), ...[...p.drift, ...p.diffusion].flat().flatMap((e) => [e.num, e.den])];
  for (const at of domainPoints(caseRecord, env, ctx, 24, relevant)) {
    const o = atPoint(at);
    if (o) return o;
  }
  if (sampled) evidence.sampled = sampled;
  evidence.pointsChecked = checked;
  // 2. The whole domain: stability, D ⪰ 0, Kalman, then per regime of the discriminant's sign
  // (the regimes the domain meets, each decided on its own: a boundary such as tr² = 4 det, which
  // sampling never hits, is a regime of its own), rate against ρ. A solver model is re-checked as
  // an exact point (step 1's check) before it refutes.
  const dom = recordDomain(caseRecord, env);
  const base = { variables: dom.variables, roots: { ...dom.roots }, assumptions: dom.assumptions };
  const outcomes: SolverOutcome[] = [];
  /** What the solvers were asked (the claim's conditions), by name: their outcomes. */
  const asked = new Map<string, SolverOutcome>();
  const ask = async (what: string, goal: Formula, roots: Roots = {}, assumptions: Formula = base.assumptions): Promise<SolverOutcome> => {
    const o = await decideQuery(solvers, { ...base, assumptions, roots: { ...base.roots, ...roots }, goal });
    evidence[what] = answersEvidence(o);
    outcomes.push(o);
    asked.set(what, o);
    return o;
  };
  /** The conditions a solver found violated at a point it cannot state exactly, if any. */
  const unstated = () => [...asked].filter(([, o]) => o.counterexampleUnstated).map(([what]) => what).join(', ');
  /** A solver model as an exact point of the parameters (undefined when it is not one). */
  const modelPoint = (o: SolverOutcome): Record<string, Rational> | undefined => {
    if (o.status !== 'refuted' || !o.witness) return undefined;
    try {
      return Object.fromEntries(base.variables.map((v) => [v, Rational.parse(o.witness![v])]));
    } catch {
      return undefined;
    }
  };
  const fromModel = (o: SolverOutcome): CaseOutcome | undefined => {
    const at = modelPoint(o);
    return at ? atPoint(at) : undefined;
  };
  const stableGoal = p.n === 1 ? atom(Cpoly[0][0], '>') : and(atom(sp.tr, '>'), atom(sp.det, '>'));
  const kk = kalmanDet(Cpoly, p.diffusion);
  evidence['det(K Kᵀ), K = [S, CS, …], S = (D + Dᵀ)/2'] = unicodeString(kk);
  const stab = await ask('stable', stableGoal);
  const psd = await ask('D ⪰ 0', psdFormula(p.diffusion));
  const ctrl = await ask('kalman', atom(kk, '>'));
  for (const o of [stab, psd, ctrl]) {
    const hyp = fromModel(o);
    if (hyp) return hyp;
  }
  let ok = stab.status === 'proved' && psd.status === 'proved' && ctrl.status === 'proved';
  // The regimes the domain meets: one proved for the whole domain, else each that is not empty.
  let regimes: { regime: Regime; assumptions: Formula }[] = [];
  if (p.n === 1) regimes = [{ regime: 'complex', assumptions: base.assumptions }];
  else {
    for (const [r, rel] of REGIMES) {
      const o = await decideQuery(solvers, { ...base, goal: atom(sp.disc, rel) });
      if (o.status === 'proved') {
        regimes = [{ regime: r, assumptions: base.assumptions }];
        outcomes.push(o);
        evidence.regimeBasis = answersEvidence(o);
        break;
      }
    }
    if (regimes.length === 0) {
      const split: Record<string, unknown> = {};
      for (const [r, rel] of REGIMES) {
        const assumptions = and(base.assumptions, atom(sp.disc, rel));
        // Empty iff the solvers prove 1 < 0 under it; a model is a point of the regime.
        const o = await decideQuery(solvers, { ...base, assumptions, goal: atom(Poly.ONE, '<') });
        split[r] = o.status === 'proved' ? 'empty' : o.status === 'refuted' ? 'met' : 'undecided';
        if (o.status === 'proved') {
          outcomes.push(o);
          continue;
        }
        const there = fromModel(o);
        if (there) return there;
        regimes.push({ regime: r, assumptions });
      }
      evidence.regimes = split;
    }
  }
  const results: string[] = [];
  for (const { regime, assumptions } of regimes) {
    const rho = rhoExpr(sp, regime, p.n, rate);
    const tag = regimes.length > 1 ? ` (${regime})` : '';
    evidence[`regime${tag}`] = regime;
    evidence[`ρ = 2 min Re λ(C)${tag}`] = paramText(rho);
    const target = c.slack ? rateAtZero! : rate;
    const diff = difference(target, rho);
    evidence[(c.slack ? `rate(${c.slack}→0) − ρ` : 'rate − ρ') + tag] = paramText(diff);
    // Defective on the whole regime unless C is a scalar matrix (2×2 with a double eigenvalue).
    const defective = regime === 'double' && !(Cpoly[0][1].isZero() && Cpoly[1][0].isZero() && Cpoly[0][0].equals(Cpoly[1][1]));
    if (sharp) {
      if (!diff.num.isZero()) ok = false;
      if (c.slack || defective) {
        const strict = await ask(`rate < ρ on the domain${tag}`, signFormula(difference(rate, rho), '<'), rho.roots, assumptions);
        const there = fromModel(strict);
        if (there) return there;
        ok &&= strict.status === 'proved';
      }
    } else {
      const o = await ask(`rate ≤ ρ on the domain${tag}`, signFormula(difference(rate, rho), defective ? '<' : '<='), rho.roots, assumptions);
      const there = fromModel(o);
      if (there) return there;
      ok &&= o.status === 'proved';
    }
    if (sharp && !diff.num.isZero()) {
      return { label: c.label, status: checked && !unstated() ? 'supported' : 'inconclusive', evidence, decisive: `${c.label}: ρ = ${paramText(rho)}, differs by ${paramText(diff)}`, summary: `${c.label}: not identical to ρ = ${paramText(rho)}${tag}, but no exact point separates them` };
    }
    results.push(regimes.length > 1 ? `ρ = ${paramText(rho)} (${regime})` : `ρ = ${paramText(rho)}`);
  }
  if (regimes.length === 0) {
    return { label: c.label, status: 'inconclusive', evidence, decisive: `${c.label}: no regime of ${unicodeString(sp.disc)} decided`, summary: `${c.label}: the solvers decided no regime of tr² − 4 det on the domain` };
  }
  if (ok) {
    const basis = outcomes.every((o) => o.basis === 'two-solvers') ? 'two-solvers' : 'one-solver';
    // a 1×1 drift has one real eigenvalue (its regime is read as 'complex' only for ρ = tr)
    const one = regimes.length === 1 ? (p.n === 1 ? 'scalar' : regimes[0].regime) : undefined;
    return one
      ? { label: c.label, status: 'proved', basis, evidence, decisive: `${c.label}: ${results[0]} (${one}), ${sharp ? 'sharp' : 'bound'}`, summary: `${c.label}: ${sharp ? 'equals' : 'at most'} ρ = 2 min Re λ(C) = ${results[0].slice(4)} (${one} spectrum)` }
      : { label: c.label, status: 'proved', basis, evidence, decisive: `${c.label}: ${results.join(', ')}, ${sharp ? 'sharp' : 'bound'}`, summary: `${c.label}: ${sharp ? 'equals' : 'at most'} ρ = 2 min Re λ(C), per regime of tr² − 4 det: ${results.join('; ')}` };
  }
  // a solver's counterexample with no exact form (an irrational point) is evidence against the case
  const against = unstated();
  return { label: c.label, status: checked && !against ? 'supported' : 'inconclusive', evidence: { ...evidence, worstRelativeMargin: Number(worst.toPrecision(4)) }, decisive: `${c.label}: ${results.join(', ') || 'ρ'} undecided${against ? `; a solver found a violation it cannot state exactly (${against})` : ''}`, summary: `${c.label}: no violation at ${checked} exact points; the solvers did not decide the domain${against ? `, and a solver found a violation with no exact rational point (${against}): not supported` : ''}` };
}

/**
 * det(K Kᵀ), K = [S, CS, …, C^{n−1}S] with S the symmetric part of L·D (`symmetricPoly`): positive
 * iff Kalman's rank condition holds for (C, (D + Dᵀ)/2) where D is defined.
 */
function kalmanDet(C: Poly[][], D: ParamExpr[][]): Poly {
  const n = C.length;
  const Cm = PolyMatrix.from(C);
  let block = PolyMatrix.from(symmetricPoly(D));
  const blocks = [block];
  for (let k = 1; k < n; k++) {
    block = Cm.mul(block);
    blocks.push(block);
  }
  const K = PolyMatrix.build(n, n * n, (i, j) => blocks[Math.floor(j / n)].get(i, j % n));
  return K.mul(K.transpose()).det();
}

registerProcedure({
  kind: 'spectral-rate',
  summary: 'decay rate of ‖h(t)‖² in L²(ρ∞) for a linear-drift Fokker–Planck operator = 2 min Re λ(C); two-sided when sharp (exact for 2×2)',
  method: 'spectral',
  needs: ['z3', 'cvc5'],
  fields: spectralRateFields,
  validate(record, env) {
    try {
      const p = parseMatrices(record, env);
      if (p.n > 2) return [{ path: 'drift', message: `is ${p.n}×${p.n}; spectral-rate decides 1×1 and 2×2 drifts exactly` }];
      for (const c of casesOf(record)) parseParamExpr(c.rate, langSymbols(env, record));
      recordDomain(record, env);
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'rate', message: e.message }];
      throw e;
    }
  },
  async decide(record, env, ctx): Promise<CheckResult> {
    let p: Parsed, cases: Case[];
    try {
      p = parseMatrices(record, env);
      cases = casesOf(record);
      if (p.n > 2) return { verdict: 'inconclusive', method: 'spectral', summary: `drift is ${p.n}×${p.n}: exact only for n ≤ 2`, evidence: {}, decisive: `size ${p.n}` };
    } catch (e) {
      return badInput('spectral', e);
    }
    // the printed drift and diffusion must be defined on the whole domain (1/(c − 1)² is not at c = 1)
    const undefinedWhy = p.divisors.length ? await undefinedWhere(p.divisors, [], [], record, env, ctx) : undefined;
    if (undefinedWhy) return { verdict: 'inconclusive', method: 'spectral', summary: `${undefinedWhy}: the printed matrices are not defined there (state the hypothesis that excludes it)`, evidence: { undefinedWhere: undefinedWhy }, decisive: `undefined: ${undefinedWhy}` };
    const sharp = record.sharp === true;
    const solvers = await getSolvers(ctx);
    const outs: CaseOutcome[] = [];
    for (const c of cases) {
      try {
        outs.push(await decideCase(record, env, ctx, p, c, sharp, solvers));
      } catch (e) {
        return badInput('spectral', e);
      }
    }
    const evidence: Record<string, unknown> = {
      convention: 'dz = −C z dt + √(2D) dW; ‖h(t)‖²_{L²(ρ∞)} ~ e^{−2 min Re λ(C) t} (× t^{2k} at a defective eigenvalue)',
      theorem: 'OU spectrum in L²(ρ∞) = {−Σ nᵢλᵢ} under stability and Kalman rank [metafune_pallara_priola_2002]; sharp decay [arnold_erb_2014]',
      sharp,
      cases: Object.fromEntries(outs.map((o) => [o.label, { status: o.status, summary: o.summary, ...o.evidence }])),
    };
    const dims = record.blocks ? { dimensions: 'all' as const } : {};
    // Kalman's condition rests on D: its determinant is part of the decisive evidence.
    const kk = kalmanDet(p.drift.map((r) => r.map(asPoly)), p.diffusion);
    const decisive = `${sharp ? 'two-sided' : 'bound'}; kalman ${unicodeString(kk)}; ${outs.map((o) => o.decisive).join('; ')}`;
    const bad = outs.find((o) => o.status === 'refuted');
    if (bad) {
      const refutedCases = outs.filter((o) => o.status === 'refuted');
      return { verdict: 'refuted', method: 'exact', summary: refutedCases.map((o) => o.summary).join('; '), evidence, witness: bad.witness, decisive, ...dims };
    }
    const verdict: Verdict = outs.every((o) => o.status === 'proved') ? 'proved' : outs.some((o) => o.status === 'inconclusive') ? 'inconclusive' : 'supported';
    // each case is decided where its `when` holds; a part of the domain no case covers is said
    const gap = await casesCoverage(record, env, cases, solvers);
    if (gap) evidence.coverage = gap.evidence;
    const summary = outs.map((o) => o.summary).join('; ') + (gap?.uncovered ? `; the cases leave part of the domain uncovered (no printed rate there), e.g. ${gap.uncovered}` : '');
    if (verdict === 'proved') return { verdict, method: 'z3', basis: outs.every((o) => o.basis === 'two-solvers') ? 'two-solvers' : 'one-solver', summary, evidence, decisive, ...dims };
    return { verdict, method: 'spectral', summary, evidence, decisive, ...dims };
  },
});


