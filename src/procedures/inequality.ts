/**
 * `kind: inequality` — `relation: "lhs REL rhs"` holds for every parameter point of the domain
 * (parameter domains ∧ `forall`), strict or not exactly as printed. Decided as an inequality:
 * exact domain points first (a violation there is a refutation whose sign is checked exactly),
 * then Z3 and cvc5 on the negation (proved needs every present solver's `unsat`; a solver's
 * model is re-checked exactly before it refutes).
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational } from '../../symbolic/rational.ts';
import { LangError } from '../../symbolic/lang/index.ts';
import { difference, parseRelation, signAt, signFormula } from '../../symbolic/lang/param.ts';
import { registerProcedure } from './registry.ts';
import { decideWithCases, recordsToValidate } from './cases.ts';
import { answersEvidence, badInput, decideQuery, domainPoints, getSolvers, inDomain, langSymbols, paramText, pointStrings, pointText, recordDomain, rootsDefined, substitution, substitutionNotOnto, undefinedDivisor, proversText, verdictOf, witnessPoint } from './common.ts';

export const inequalityFields = z.looseObject({
  relation: z.string().min(1).describe('"lhs <= rhs" (<, <=, >, >=, =, !=), as printed'),
});

const HOLDS: Record<string, (s: number) => boolean> = {
  '<': (s) => s < 0,
  '<=': (s) => s <= 0,
  '>': (s) => s > 0,
  '>=': (s) => s >= 0,
  '=': (s) => s === 0,
  '!=': (s) => s !== 0,
};

/** Why a `substitute` cannot serve an inequality (lint, and a record decided without loading). */
const notOnto = (lines: readonly string[]) => `for an inequality ${substitutionNotOnto(lines)}`;

registerProcedure({
  kind: 'inequality',
  summary: 'lhs REL rhs for every parameter point of the domain (Z3 + cvc5; exact witnesses)',
  method: 'z3',
  needs: ['z3', 'cvc5'],
  fields: inequalityFields,
  validate(record, env) {
    try {
      for (const r of recordsToValidate(record, env, ['relation'])) {
        parseRelation(String(r.relation), langSymbols(env, r));
        recordDomain(r, env);
      }
      const sub = substitution(record, env);
      if (sub && !sub.onto) return [{ path: 'substitute', message: notOnto(sub.lines) }];
      return [];
    } catch (e) {
      if (e instanceof LangError) return [{ path: 'relation', message: e.message }];
      throw e;
    }
  },
  decide: (record, env, ctx) => decideWithCases(record, env, ['relation'], 'z3', (r) => decideInequality(r, env, ctx), ctx),
});

async function decideInequality(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let rel, dom, sub;
  try {
    rel = parseRelation(String(record.relation), langSymbols(env, record));
    dom = recordDomain(record, env);
    sub = substitution(record, env);
    if (sub && !sub.onto) throw new LangError(`substitute: ${notOnto(sub.lines)}`);
  } catch (e) {
    return badInput('z3', e);
  }
  const diff = difference(rel.lhs, rel.rhs);
  const evidence: Record<string, unknown> = { relation: `${paramText(rel.lhs)} ${rel.rel} ${paramText(rel.rhs)}`, 'lhs − rhs': paramText(diff) };
  // Exact points first: a violation is a refutation with its sign checked exactly.
  for (const at of domainPoints(record, env, ctx, 24, [diff.num, diff.den, ...Object.values(diff.roots)])) {
    const s = signAt(diff, at);
    if (s === undefined || HOLDS[rel.rel](s)) continue;
    // with a change of parameters, the printed parameters' values at the point too (b = 1 + t²)
    const shown = sub ? { ...at, ...sub.printed(at) } : at;
    const witness = { ...pointStrings(shown), 'sign of lhs − rhs': String(s) };
    return { verdict: 'refuted', method: 'exact', summary: `fails at ${pointText(shown)}: lhs − rhs ${s > 0 ? '> 0' : s < 0 ? '< 0' : '= 0'}, printed ${rel.rel} (exact)`, evidence, witness, decisive: `violated: ${rel.rel} ${evidence['lhs − rhs']}` };
  }
  const roots = { ...dom.roots, ...diff.roots };
  // The printed expression must be defined on the whole domain (every radicand ≥ 0).
  const defined = await rootsDefined(diff.roots, record, env, ctx, dom, 'z3');
  if (!defined.ok) return { ...defined.result, evidence: { ...evidence, ...defined.result.evidence } };
  if (defined.evidence) Object.assign(evidence, defined.evidence);
  // …and every divisor nonzero there (1/(√b² − b) > 0 was proved: its domain of definition is empty)
  const undefinedAt = await undefinedDivisor([['lhs', rel.lhs], ['rhs', rel.rhs]], rel.divisors, rel.roots, record, env, ctx);
  if (undefinedAt) return { verdict: 'inconclusive', method: 'z3', summary: `${undefinedAt.why}: the printed relation is not defined there (state the hypothesis that excludes it)`, evidence: { ...evidence, undefinedWhere: undefinedAt.how }, decisive: `undefined: ${undefinedAt.decisive}` };
  const query = { variables: dom.variables, roots, assumptions: dom.assumptions, goal: signFormula(diff, rel.rel) };
  const solvers = await getSolvers(ctx);
  const outcome = await decideQuery(solvers, query);
  Object.assign(evidence, answersEvidence(outcome));
  const verdict = verdictOf(outcome);
  if (verdict === 'refuted' && outcome.witness) {
    // Re-check the solver's point against the printed relation, exactly.
    const at = witnessPoint(outcome.witness, query.variables);
    // in the whole domain (integer parameters integers), and the printed relation fails there
    const ok = inDomain(dom, at, roots) && signAt(diff, at) !== undefined && !HOLDS[rel.rel](signAt(diff, at)!);
    if (!ok) return { verdict: 'inconclusive', method: 'z3', summary: 'a solver model did not re-check exactly', evidence, decisive: 'unchecked model' };
    // a printed parameter replaced by the substitution is free in the query: its value is the substitution's
    const shown = sub ? { ...at, ...sub.printed(at) } : at;
    const witness = sub ? { ...outcome.witness, ...pointStrings(sub.printed(at)) } : outcome.witness;
    return { verdict, method: 'z3', summary: `fails at ${pointText(shown)} (solver model, re-checked exactly)`, evidence, witness, decisive: `violated: ${rel.rel} ${evidence['lhs − rhs']}` };
  }
  if (verdict === 'proved') return { verdict, method: 'z3', basis: defined.basis === 'one-solver' ? 'one-solver' : outcome.basis, summary: `holds on the whole domain (${proversText(outcome)}: the negation is unsat)`, evidence, decisive: `holds: ${rel.rel} ${evidence['lhs − rhs']}` };
  return { verdict: 'inconclusive', method: 'z3', summary: `undecided: ${outcome.reason ?? 'unknown'}`, evidence, decisive: `undecided: ${rel.rel} ${evidence['lhs − rhs']}` };
}

