/**
 * `kind: formula-identity` — two printed formulas in the parameters are equal on the domain:
 * `lhs`, `rhs` (rational functions, square roots as root symbols). Decided as an identity of
 * rational functions, never at a point (issue 9, defect 2): the numerator of lhs − rhs reduced
 * modulo the root relations is 0 → proved (kernel). Otherwise refuted only at an exact domain
 * point where lhs − rhs ≠ 0 (sign decided in ℚ(√r)); points where they happen to agree are listed.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import { q } from '../../symbolic/rational.ts';
import { LangError } from '../../symbolic/lang/index.ts';
import { difference, parseParamExprs, signAt } from '../../symbolic/lang/param.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { decideWithCases, recordsToValidate } from './cases.ts';
import { badInput, closedEndPoints, domainPoints, langSymbols, paramText, pointStrings, pointText, recordDomain, recordRng, rootsDefined, substitution, substitutionNotOnto, undefinedDivisor } from './common.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';

export const formulaIdentityFields = z.looseObject({
  lhs: z.string().min(1),
  rhs: z.string().min(1),
});

// `identity` (variables, vectors, jets, all dimensions) lives in identity.ts; this kind is parameters only.
const extraOf = (_env: ProcedureEnv): string[] => [];
{
  const kind = 'formula-identity';
  registerProcedure({
  kind,
  summary: 'lhs = rhs as rational functions of the parameters (square roots reduced), for every point of the domain',
  method: 'exact',
  fields: formulaIdentityFields,
  validate(record, env) {
    try {
      for (const r of recordsToValidate(record, env, ['lhs', 'rhs'])) parseParamExprs([String(r.lhs), String(r.rhs)], langSymbols(env, r), extraOf(env));
      const sub = substitution(record, env);
      if (sub && !sub.onto) return [{ path: 'substitute', message: substitutionNotOnto(sub.lines) }];
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'lhs', message: e.message }];
      throw e;
    }
  },
  decide: (record, env, ctx) => decideWithCases(record, env, ['lhs', 'rhs'], 'exact', (r) => decideFormula(r, env, ctx), ctx),
  });
}

async function decideFormula(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let parsed, sub;
  try {
    parsed = parseParamExprs([String(record.lhs), String(record.rhs)], langSymbols(env, record), extraOf(env));
    sub = substitution(record, env);
  } catch (e) {
    return badInput('exact', e);
  }
  const [lhs, rhs] = parsed.exprs;
  const diff = difference(lhs, rhs);
  const evidence: Record<string, unknown> = { lhs: paramText(lhs), rhs: paramText(rhs), 'numerator of lhs − rhs': unicodeString(diff.num) };
  if (sub && !sub.onto) return badInput('exact', new LangError(`substitute: ${substitutionNotOnto(sub.lines)}`));
  if (sub) evidence.substitution = `${sub.lines.join(', ')} (Jacobian determinant not identically 0; witnesses only where the printed domains hold)`;
  // an identity proved over the new parameters needs a sampled point of them inside the printed domains
  const outsideDomain = (): CheckResult | undefined =>
    sub && !domainPoints(record, env, ctx, 20, [lhs.num, lhs.den, rhs.num, rhs.den]).some(sub.inDomain)
      ? { verdict: 'inconclusive', method: 'exact', summary: 'lhs − rhs = 0 after the substitution, but no sampled point of it lands in the printed domains', evidence, decisive: 'substitution outside the domain' }
      : undefined;
  // lhs = rhs is printed for every point of the domain: each side must be defined there (no
  // denominator 0), or an identity of rational functions says nothing at those points.
  if (diff.num.isZero()) {
    // the printed divisors too: one that cancels (1/(1/a) = a) still leaves the text undefined where it is 0
    const u = await undefinedDivisor([['lhs', lhs], ['rhs', rhs]], parsed.divisors, parsed.roots, record, env, ctx);
    if (u) return { verdict: 'inconclusive', method: 'exact', summary: `lhs − rhs = 0 as rational functions, but ${u.why}: the printed identity is not defined there (state the hypothesis that excludes it)`, evidence: { ...evidence, undefinedWhere: u.how }, decisive: `undefined: ${u.decisive}` };
  }
  if (diff.num.isZero() && Object.keys(diff.roots).length) {
    // an identity of expressions with square roots holds where they are defined: on the whole domain?
    let dom;
    try {
      dom = recordDomain(record, env);
    } catch (e) {
      return badInput('exact', e);
    }
    const defined = await rootsDefined(diff.roots, record, env, ctx, dom, 'exact');
    if (!defined.ok) return { ...defined.result, evidence: { ...evidence, ...defined.result.evidence } };
    if (defined.evidence) Object.assign(evidence, defined.evidence);
    if (defined.basis !== 'kernel') {
      const outside = outsideDomain();
      if (outside) return outside;
      return { verdict: 'proved', method: 'exact', basis: defined.basis, summary: `lhs − rhs = 0 identically (rational functions, roots reduced), the roots defined on the domain (${defined.basis})`, evidence, decisive: 'identity' };
    }
  }
  if (diff.num.isZero()) {
    const outside = outsideDomain();
    if (outside) return outside;
    return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: `lhs − rhs = 0 identically (rational functions${Object.keys(diff.roots).length ? ', roots reduced' : ''})`, evidence, decisive: 'identity' };
  }
  const vars = extraOf(env);
  const rng = recordRng(ctx, `${record.id}#vars`);
  // the witness shows lhs and rhs too: the points carry every parameter they mention
  const drawn = domainPoints(record, env, ctx, 40, [diff.num, diff.den, lhs.num, lhs.den, rhs.num, rhs.den, ...Object.values(diff.roots)]);
  // then each parameter at a closed end of its domain (n = 1 of integer ≥ 1), from the first draws: an identity may fail only there
  const ends = closedEndPoints(record, env, drawn.slice(0, 2), Object.keys(drawn[0] ?? {}).filter((k) => k in langSymbols(env, record).parameters));
  const points = [...drawn, ...ends].map((at) => {
    // Variables range over all reals: small random rationals.
    for (const v of vars) at[v] = q(BigInt(Math.floor(rng() * 41) - 20), BigInt(1 + Math.floor(rng() * 6)));
    return at;
  });
  const agree: Record<string, string>[] = [];
  for (const at of points) {
    if (sub && !sub.inDomain(at)) continue;
    const s = signAt(diff, at);
    if (s === undefined) continue;
    if (s === 0) {
      if (agree.length < 3) agree.push(pointStrings(at));
      continue;
    }
    const lv = lhs.roots && Object.keys(lhs.roots).length === 0 ? lhs.num.evaluate(at).div(lhs.den.evaluate(at)).toString() : undefined;
    const rv = Object.keys(rhs.roots).length === 0 ? rhs.num.evaluate(at).div(rhs.den.evaluate(at)).toString() : undefined;
    // with a change of parameters, the printed parameters' values at the point too
    const shown = sub ? { ...at, ...sub.printed(at) } : at;
    const witness = { ...pointStrings(shown), ...(lv ? { lhs: lv } : {}), ...(rv ? { rhs: rv } : {}), sign: s > 0 ? 'lhs > rhs' : 'lhs < rhs' };
    if (agree.length) evidence.agreesAt = agree;
    return {
      verdict: 'refuted',
      method: 'exact',
      summary: `lhs ≠ rhs: at ${pointText(shown)} ${lv && rv ? `lhs = ${lv}, rhs = ${rv}` : witness.sign} (exact)${agree.length ? `; they agree at ${Object.entries(agree[0]).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`,
      evidence,
      witness,
      decisive: `differ: ${unicodeString(diff.num)}`,
    };
  }
  return { verdict: 'inconclusive', method: 'exact', summary: 'lhs − rhs is not 0 as a polynomial, and no sampled domain point separates them (the roots may hide an identity)', evidence, decisive: `undecided: ${unicodeString(diff.num)}` };
}

