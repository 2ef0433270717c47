/**
 * `kind: change-of-variables` — the printed transformed PDE follows from the original one under
 * the printed substitution. Fields: `from` (the original PDE, `lhs = rhs`, in the old variables,
 * density `original`), `to` (the printed PDE in the new variables, density `density`),
 * `substitution` (each new variable as an expression in the old ones), optional `jacobian` (the
 * printed |det ∂(new)/∂(old)|), `old` (the old vector variables, for the Jacobian).
 *
 * Decision: the new variables become definitions in the old ones, `original` is the density
 * composed with the substitution (chain rule on jets), and (from.lhs − from.rhs) − (to.lhs −
 * to.rhs) must vanish identically — the `identity` decision, for every d. The map must be
 * invertible: det ∂(new)/∂(old) ≠ 0 on the whole domain (≡ 0, or 0 at a point: inconclusive, the
 * hypothesis fails). The Jacobian is symbolic in d where it is A ⊗ I_d (vector variables; det =
 * (det A)^d) or free of d (scalar variables), and the printed |det| (B^d, B^(k*d), or free of d)
 * is then compared for every d; otherwise dimension by dimension (d ≤ 6, resp. 1, 2, 3), and the
 * verdict's `dimensions` list them. A printed |det| that is ≤ 0 somewhere is refuted.
 */
import { z } from 'zod';
import type { Basis, CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import type { Poly } from '../../symbolic/poly.ts';
import { polyDeterminant } from '../../symbolic/jet.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { LangSpace } from '../../symbolic/lang/expr.ts';
import { mentionsIdentifier, splitRelation } from '../../symbolic/lang/text.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { badInput, langSymbols, pointStrings } from './common.ts';
import { MAX_DIMENSION, dimensionsFor, incompleteDimensions, separatingClass, short } from './identity.ts';
import { signOnDomain, weakerBasis } from './fokker-planck.ts';

export const changeOfVariablesFields = z.looseObject({
  from: z.string().min(1),
  to: z.string().min(1),
  original: z.string().min(1),
  density: z.string().min(1),
  substitution: z.record(z.string(), z.string().min(1)),
  old: z.array(z.string()).optional(),
  jacobian: z.string().min(1).optional(),
});

/** The symbols in the old variables: new variables as definitions, the original density as the new one composed. */
export function oldSymbols(syms: LangSymbols, record: ClaimRecord): LangSymbols {
  const sub = record.substitution as Record<string, string>;
  const variables = { ...syms.variables };
  for (const v of Object.keys(sub)) {
    if (!(v in variables)) throw new LangError(`substitution: "${v}" is not a declared variable`);
    delete variables[v];
  }
  const functions = { ...syms.functions };
  const original = String(record.original);
  const density = String(record.density);
  if (!(density in functions)) throw new LangError(`density: "${density}" is not a declared function`);
  delete functions[original];
  return {
    ...syms,
    variables,
    functions,
    definitions: [...syms.definitions, ...Object.entries(sub).map(([v, e]) => `${v} = ${e}`), `${original} = ${density}`],
  };
}

function side(text: string, what: string): [string, string] {
  const r = splitRelation(text);
  if (!r || r.rel !== '=') throw new LangError(`${what}: expected a PDE "lhs = rhs", got "${text}"`);
  return [r.lhs, r.rhs];
}

/** The old coordinates' variables: `old`, else the arguments of `original` that `density` does not take. */
function oldVariables(fileSyms: LangSymbols, syms: LangSymbols, record: ClaimRecord): string[] {
  if (Array.isArray(record.old)) return (record.old as string[]).map(String);
  const o = fileSyms.functions[String(record.original)]?.args;
  const n = fileSyms.functions[String(record.density)]?.args;
  if (o && n) return o.filter((a) => !n.includes(a) && a in syms.variables);
  return Object.keys(syms.variables).filter((v) => syms.variables[v].vector);
}

/** A compiled scalar that must be a polynomial (no exponential, a constant denominator). */
function polyOf(S: LangSpace, text: string, what: string): Poly {
  const v = S.compileText(text, new Map());
  const c = v.comps[0];
  if (v.vector || c.terms.length > 1 || (c.terms[0] && !c.terms[0].Q.isZero()) || !c.den.constantValue()) throw new LangError(`${what}: must be a scalar polynomial, got "${text}"`);
  return S.normalize((c.terms[0]?.N ?? c.den.sub(c.den)).scale(c.den.constantValue()!.inv()));
}

/** ∂(new)/∂(old) in dimension d: rows the new coordinates (variable-major), columns the old ones. */
function jacobianMatrix(syms: LangSymbols, record: ClaimRecord, old: readonly string[], d: number): { S: LangSpace; rows: Poly[][] } {
  const S = new LangSpace(syms, d);
  const sub = record.substitution as Record<string, string>;
  const oldCoords = old.flatMap((v) => S.components[v] ?? []);
  const rows: Poly[][] = [];
  for (const v of Object.keys(sub)) {
    const val = S.compileText(v, new Map());
    for (const c of val.comps) {
      if (c.terms.length > 1 || (c.terms[0] && !c.terms[0].Q.isZero()) || !c.den.constantValue()) throw new LangError(`substitution ${v}: must be polynomial`);
      const N = (c.terms[0]?.N ?? c.den.sub(c.den)).scale(c.den.constantValue()!.inv());
      rows.push(oldCoords.map((oc) => S.normalize(N.diff(oc))));
    }
  }
  if (rows.length !== oldCoords.length) throw new LangError(`jacobian: ${rows.length} new coordinates for ${oldCoords.length} old ones (name the old variables in "old")`);
  return { S, rows };
}

/** Is J (in dimension d) the Kronecker product A ⊗ I_d of the core A (the d = 1 matrix)? */
function isKronecker(J: Poly[][], A: Poly[][], d: number): boolean {
  const k = A.length;
  if (J.length !== k * d) return false;
  for (let v = 0; v < k; v++)
    for (let i = 0; i < d; i++)
      for (let w = 0; w < k; w++)
        for (let j = 0; j < d; j++) if (!J[v * d + i][w * d + j].equals(i === j ? A[v][w] : A[v][w].sub(A[v][w]))) return false;
  return true;
}

/** The printed Jacobian as B^(k·d) (B free of d): B^k in d = 1, else undefined. */
function purePower(text: string, dim: string, S: LangSpace): Poly | undefined {
  const t = text.replace(/\s+/g, '');
  const base = '([A-Za-z0-9_.]+|\\([^()]*\\))';
  const m = new RegExp(`^${base}\\^(?:${dim}|\\((\\d+)\\*${dim}\\)|\\(${dim}\\*(\\d+)\\))$`).exec(t);
  if (!m || mentionsIdentifier(m[1], dim)) return undefined;
  const k = Number(m[2] ?? m[3] ?? 1);
  try {
    return S.normalize(polyOf(S, m[1], 'jacobian').pow(k));
  } catch {
    return undefined;
  }
}

/** Does the text mention the dimension symbol? */

interface JacobianOutcome {
  fail?: CheckResult;
  /** `all` or the dimensions the Jacobian (invertibility, printed value) was checked in. */
  dims: 'all' | number[];
  basis?: Basis;
  evidence: Record<string, unknown>;
  text: string;
}

/**
 * The map must be invertible (det ∂(new)/∂(old) ≠ 0 on the whole domain) and the printed
 * |det| equal to it and positive. Symbolic in d when the Jacobian is A ⊗ I_d (vector variables,
 * checked in d = 1, 2, 3: det = (det A)^d) or does not depend on d (scalar variables); otherwise
 * in d = 1, 2, 3 only, and the dimensions say so.
 */
async function checkJacobian(fileSyms: LangSymbols, syms: LangSymbols, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<JacobianOutcome> {
  const dim = fileSyms.dimension?.name ?? 'd';
  const old = oldVariables(fileSyms, syms, record);
  const news = Object.keys(record.substitution as Record<string, string>);
  const isVec = (v: string) => !!(fileSyms.variables[v]?.vector);
  const allScalar = [...old, ...news].every((v) => !isVec(v));
  const allVector = [...old, ...news].every(isVec);
  const evidence: Record<string, unknown> = { old };
  let basis: Basis | undefined = 'kernel';
  const j1 = jacobianMatrix(syms, record, old, 1);
  const A = j1.rows;
  const detA = j1.S.normalize(polyDeterminant(A));
  const dets: Record<number, { S: LangSpace; det: Poly }> = { 1: { S: j1.S, det: detA } };
  let structured = allScalar;
  if (allVector) {
    structured = true;
    for (const d of [2, 3]) {
      const J = jacobianMatrix(syms, record, old, d);
      if (!isKronecker(J.rows, A, d)) structured = false;
      dets[d] = { S: J.S, det: J.S.normalize(polyDeterminant(J.rows)) };
    }
  } else if (!allScalar) {
    for (const d of [2, 3]) {
      const J = jacobianMatrix(syms, record, old, d);
      dets[d] = { S: J.S, det: J.S.normalize(polyDeterminant(J.rows)) };
    }
  }
  const detText = allScalar ? unicodeString(detA) : structured ? `(${unicodeString(detA)})^${dim}` : Object.entries(dets).map(([d, x]) => `d=${d}: ${unicodeString(x.det)}`).join(', ');
  evidence.determinant = detText;
  evidence.jacobian = Object.fromEntries(Object.entries(dets).map(([d, x]) => [`d=${d}`, unicodeString(x.det)]));
  const fail = (verdict: 'refuted' | 'inconclusive', summary: string, decisive: string, witness?: Record<string, unknown>): JacobianOutcome => ({
    dims: [], evidence, text: '',
    fail: { verdict, method: 'exact', summary, evidence: verdict === 'inconclusive' ? { hypothesisFails: summary, ...evidence } : evidence, ...(witness ? { witness } : {}), decisive },
  });
  const pointText = (at?: Record<string, string>) => (at && Object.keys(at).length ? ` at ${Object.entries(at).map(([a, b]) => `${a} = ${b}`).join(', ')}` : '');
  // 1. invertibility
  const invDims = structured ? [1] : [1, 2, 3];
  for (const d of invDims) {
    const { S, det } = dets[d];
    if (det.isZero()) return fail('inconclusive', `the substitution is not invertible: det ∂(new)/∂(old) ≡ 0${structured ? '' : ` in d = ${d}`}, so it is not a change of variables`, `degenerate d=${d}`, { dimension: d, determinant: '0' });
    const o = await signOnDomain(det, '!=', S, record, env, ctx);
    evidence[`det ≠ 0${structured ? '' : ` (d=${d})`}`] = { status: o.status, ...o.evidence };
    if (o.status === 'holds') {
      basis = weakerBasis(basis, o.basis);
      continue;
    }
    return fail('inconclusive', o.status === 'fails' ? `the substitution is not invertible${pointText(o.at)}: det ∂(new)/∂(old) = ${unicodeString(det)} = 0 there` : `det ∂(new)/∂(old) = ${unicodeString(det)} ≠ 0 is not decided on the domain`, `degenerate d=${d}`, o.at ? { dimension: d, ...o.at } : undefined);
  }
  let dims: 'all' | number[] = structured ? 'all' : [1, 2, 3];
  let text = `map invertible (det ∂(new)/∂(old) = ${detText} ≠ 0${structured ? '' : ', d = 1, 2, 3'})`;
  if (record.jacobian === undefined) return { dims, basis, evidence, text };
  // 2. the printed |det|
  const printedText = String(record.jacobian);
  evidence.printedJacobian = printedText;
  const symbolic = structured ? (allScalar ? (mentionsIdentifier(printedText, dim) ? undefined : polyOf(j1.S, printedText, 'jacobian')) : purePower(printedText, dim, j1.S)) : undefined;
  const positive = async (P: Poly, S: LangSpace, d: number): Promise<JacobianOutcome | undefined> => {
    const o = await signOnDomain(P, '>', S, record, env, ctx);
    evidence[`printed > 0${d ? ` (d=${d})` : ''}`] = { status: o.status, ...o.evidence };
    if (o.status === 'holds') {
      basis = weakerBasis(basis, o.basis);
      return undefined;
    }
    if (o.status === 'fails') return fail('refuted', `the printed |det ∂(new)/∂(old)| = ${printedText} is ${unicodeString(P)} ≤ 0${pointText(o.at)}${d ? ` in d = ${d}` : ''}: an absolute value is positive`, `jacobian sign d=${d || 1}: ${unicodeString(P)}`, { dimension: d || 1, ...(o.at ?? {}), printed: unicodeString(P) });
    return fail('inconclusive', `the sign of the printed |det| = ${unicodeString(P)} is not decided on the domain`, `jacobian sign undecided`);
  };
  if (symbolic) {
    if (!symbolic.equals(detA) && !symbolic.equals(detA.neg()))
      return fail('refuted', `the transformed PDE holds, but det ∂(new)/∂(old) = ${unicodeString(detA)} is not ± the printed |det| = ${unicodeString(symbolic)} in d = 1`, `jacobian d=1: ${unicodeString(detA)}`, { dimension: 1, computed: unicodeString(detA), printed: unicodeString(symbolic) });
    const neg = await positive(symbolic, j1.S, 0);
    if (neg) return neg;
    text += `; |det| = printed ${printedText} for every d (${allScalar ? 'no dimension enters' : `Jacobian = A ⊗ I_${dim}, det = (det A)^${dim}, det A = ±${unicodeString(symbolic)}`})`;
    return { dims: 'all', basis, evidence, text };
  }
  // 3. dimension by dimension: (det A)^d up to MAX_DIMENSION for a Kronecker Jacobian, else d = 1, 2, 3
  const list = structured ? Array.from({ length: MAX_DIMENSION }, (_, i) => i + 1) : [1, 2, 3];
  for (const d of list) {
    const S = dets[d]?.S ?? new LangSpace(syms, d);
    // scalar variables: the Jacobian does not depend on d; a Kronecker one is (det A)^d
    const det = dets[d]?.det ?? S.normalize(allScalar ? detA : detA.pow(d));
    const printed = polyOf(S, printedText, 'jacobian');
    if (!det.sub(printed).isZero() && !det.add(printed).isZero())
      return fail('refuted', `the transformed PDE holds, but det ∂(new)/∂(old) = ${unicodeString(det)} is not ± the printed |det| = ${unicodeString(printed)} in d = ${d}`, `jacobian d=${d}: ${unicodeString(det)}`, { dimension: d, computed: unicodeString(det), printed: unicodeString(printed) });
    const neg = await positive(printed, S, d);
    if (neg) return neg;
  }
  dims = list;
  text += `; |det| = printed ${printedText} in d = ${list.join(', ')} only (not shown for every d: write it as B^${dim} or B^(k*${dim}))`;
  return { dims, basis, evidence, text };
}

/** Residual (from) − (to ∘ substitution) in dimension d: `to` compiled in the new variables, then substituted. */
function residualIn(fileSyms: LangSymbols, syms: LangSymbols, record: ClaimRecord, d: number, f: [string, string], t: [string, string]) {
  const So = new LangSpace(syms, d);
  const Sn = new LangSpace(fileSyms, d);
  const from = So.compileText(`(${f[0]}) - (${f[1]})`, new Map());
  const to = Sn.compileText(`(${t[0]}) - (${t[1]})`, new Map());
  if (from.vector || to.vector) throw new LangError('change-of-variables: the PDEs must be scalar');
  // new coordinates as polynomials in the old ones
  const map: Record<string, Poly> = {};
  for (const v of Object.keys(record.substitution as Record<string, string>)) {
    const val = So.compileText(v, new Map());
    (Sn.components[v] ?? []).forEach((c, i) => {
      const s = val.comps[i];
      if (!s || s.terms.length > 1 || (s.terms[0] && !s.terms[0].Q.isZero()) || !s.den.constantValue()) throw new LangError(`substitution ${v}: must be polynomial`);
      map[c] = s.terms[0] ? s.terms[0].N.scale(s.den.constantValue()!.inv()) : s.den.sub(s.den);
    });
  }
  const moved = { terms: to.comps[0].terms.map((x) => ({ N: So.normalize(x.N.subs(map)), Q: So.normalize(x.Q.subs(map)) })), den: to.comps[0].den };
  const residual = So.reduce(So.add(from.comps[0], So.neg(moved)));
  return { S: So, residual, sums: Math.max(from.sums, to.sums), nonPoly: So.nonPolynomialInD || Sn.nonPolynomialInD };
}

async function decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let syms: LangSymbols;
  let fileSyms: LangSymbols;
  let f: [string, string];
  let t: [string, string];
  let first;
  try {
    fileSyms = langSymbols(env, record);
    syms = oldSymbols(fileSyms, record);
    f = side(String(record.from), 'from');
    t = side(String(record.to), 'to');
    first = residualIn(fileSyms, syms, record, 1, f, t);
  } catch (e) {
    return badInput('exact', e);
  }
  const plan = dimensionsFor(env, record, first.sums, first.nonPoly);
  const perDimension: Record<string, string> = {};
  try {
    for (const d of plan.dims) {
      const { S, residual } = d === 1 ? first : residualIn(fileSyms, syms, record, d, f, t);
      const bad = separatingClass(S, [residual], record, env, ctx);
      if (!bad) {
        perDimension[`d=${d}`] = 'residual 0';
        continue;
      }
      const { pt } = bad;
      const res = short(bad.term.N);
      const evidence = { perDimension, dimension: d, residual: res, method: '(from) − (to ∘ substitution), jets of the density by the chain rule' };
      if (!pt) return { verdict: 'inconclusive', method: 'exact', summary: `transformed PDE differs in d = ${d} as a polynomial; no exact point found`, evidence, decisive: `residual d=${d}: ${res}` };
      return { verdict: 'refuted', method: 'exact', summary: `the printed PDE does not follow in d = ${d}: residual ${res.slice(0, 160)} ≠ 0`, evidence, witness: { dimension: d, ...pointStrings(pt.at), ...(pt.value ? { residual: pt.value.toString() } : {}) }, decisive: `residual d=${d}: ${res}` };
    }
  } catch (e) {
    return badInput('exact', e);
  }
  let jac: JacobianOutcome;
  try {
    jac = await checkJacobian(fileSyms, syms, record, env, ctx);
  } catch (e) {
    return badInput('exact', e);
  }
  const pdeEvidence = { perDimension, summationBound: plan.k };
  if (jac.fail) return { ...jac.fail, evidence: { ...pdeEvidence, ...jac.fail.evidence } };
  const pdeDims: 'all' | number[] = plan.all ? 'all' : plan.dims;
  const dims: 'all' | number[] = pdeDims === 'all' ? jac.dims : jac.dims === 'all' ? pdeDims : pdeDims.filter((d) => (jac.dims as number[]).includes(d));
  const basis = weakerBasis('kernel', jac.basis);
  // every d asked for (no list printed), but the Jacobian matched in some dimensions only
  const incomplete = plan.incomplete ?? (plan.all && dims !== 'all' ? `the printed Jacobian is checked in d = ${dims.join(', ')} only, not as a formula in d; give \`check: [1, 2, …]\` to claim only those` : undefined);
  return incompleteDimensions({
    verdict: 'proved',
    method: 'exact',
    ...(basis ? { basis } : {}),
    dimensions: dims,
    summary: `(from) = (to) under the substitution ${plan.all ? `for every d (d = 1…${plan.k + 1} checked)` : `in d = ${plan.dims.join(', ')}`}; ${jac.text}`,
    evidence: { ...pdeEvidence, pdeDimensions: pdeDims, ...jac.evidence },
    decisive: `identity d=${plan.dims.join(',')}; jacobian ${String(jac.evidence.determinant)}`,
  }, incomplete);
}

registerProcedure({
  kind: 'change-of-variables',
  summary: 'the printed PDE in new variables follows from the original PDE under the printed substitution (chain rule on jets, every d), with the printed Jacobian',
  method: 'exact',
  fields: changeOfVariablesFields,
  validate(record, env) {
    const message = (e: unknown) => (e as Error).message;
    let fileSyms: LangSymbols, syms: LangSymbols;
    try {
      fileSyms = langSymbols(env, record);
      syms = oldSymbols(fileSyms, record);
    } catch (e) {
      return [{ path: /^(density|original|old)\b/.exec(message(e))?.[1] ?? 'substitution', message: message(e) }];
    }
    // each substitution's expression on its own line, then each PDE, then the two together
    for (const v of Object.keys((record.substitution as Record<string, string> | undefined) ?? {})) {
      try {
        new LangSpace(syms, 1).compileText(v, new Map());
      } catch (e) {
        return [{ path: `substitution.${v}`, message: message(e) }];
      }
    }
    let f: [string, string], t: [string, string];
    try {
      f = side(String(record.from), 'from');
    } catch (e) {
      return [{ path: 'from', message: message(e) }];
    }
    try {
      t = side(String(record.to), 'to');
    } catch (e) {
      return [{ path: 'to', message: message(e) }];
    }
    for (const [path, pde, symbols] of [['from', f, syms], ['to', t, fileSyms]] as const) {
      try {
        new LangSpace(symbols, 1).compileText(`(${pde[0]}) - (${pde[1]})`, new Map());
      } catch (e) {
        return [{ path, message: message(e) }];
      }
    }
    try {
      residualIn(fileSyms, syms, record, 1, f, t);
      return [];
    } catch (e) {
      return [{ path: 'substitution', message: message(e) }];
    }
  },
  decide,
});
