/**
 * Reading printed formulas of a record as functions of the simulated settings (floats: the
 * simulations compare against them with error bars; nothing here proves). Parsing goes through
 * the claim-file language (symbolic/lang/param.ts), so a printed formula is read exactly as written.
 */
import type { ClaimRecord, ProcedureEnv } from '../src/claim-record.ts';
import type { ParamExpr } from '../symbolic/lang/index.ts';
import { LangError } from '../symbolic/lang/index.ts';
import { difference, parseParamExpr, parseRelation } from '../symbolic/lang/param.ts';
import { langSymbols } from '../src/procedures/common.ts';

/** A parameter expression at a float point (root symbols by Math.sqrt). */
export function floatValue(e: ParamExpr, at: Readonly<Record<string, number>>): number {
  const point: Record<string, number> = { ...at };
  for (const [k, r] of Object.entries(e.roots)) point[k] = Math.sqrt(r.evaluateNumber(at));
  return e.num.evaluateNumber(point) / e.den.evaluateNumber(point);
}

/** A printed formula as a float function of named values (`extra` names symbols beyond the parameters). */
export function printedFormula(text: unknown, record: ClaimRecord, env: ProcedureEnv, extra: readonly string[] = []): (at: Readonly<Record<string, number>>) => number {
  if (typeof text !== 'string' && typeof text !== 'number') throw new LangError(`${record.id}: expected a formula, got ${JSON.stringify(text)}`);
  const e = parseParamExpr(String(text), langSymbols(env, record), extra);
  return (at) => floatValue(e, at);
}

/** A printed relation as a float predicate (equality within 1e-12 relative). */
export function printedRelation(text: string, record: ClaimRecord, env: ProcedureEnv, extra: readonly string[] = []): (at: Readonly<Record<string, number>>) => boolean {
  const r = parseRelation(text, langSymbols(env, record), extra);
  const d = difference(r.lhs, r.rhs);
  const scale = (at: Readonly<Record<string, number>>) => Math.max(1, Math.abs(floatValue(r.lhs, at)), Math.abs(floatValue(r.rhs, at)));
  return (at) => {
    const v = floatValue(d, at);
    const eq = Math.abs(v) <= 1e-12 * scale(at);
    switch (r.rel) {
      case '<': return v < 0 && !eq;
      case '<=': return v <= 0 || eq;
      case '>': return v > 0 && !eq;
      case '>=': return v >= 0 || eq;
      case '=': return eq;
      default: return !eq;
    }
  };
}

/** lhs − rhs of a printed relation at a float point (how far inside or outside a hypothesis a setting lies). */
export function printedMargin(text: string, record: ClaimRecord, env: ProcedureEnv, extra: readonly string[] = []): (at: Readonly<Record<string, number>>) => number {
  const r = parseRelation(text, langSymbols(env, record), extra);
  const d = difference(r.lhs, r.rhs);
  return (at) => floatValue(d, at);
}

/**
 * The printed rate of ‖h‖²_* from `cases: [{ when, rate }]` (or a single `rate`) as a function of
 * (ω₀², γ): the one case whose `when` holds at the point; a point in no case or in two is an error.
 */
export function printedRateAt(record: ClaimRecord, env: ProcedureEnv): (omega0Sq: number, gamma: number) => number {
  const cases = Array.isArray(record.cases)
    ? (record.cases as { when: string; rate: string }[]).map((c) => ({ when: printedRelation(String(c.when), record, env), rate: printedFormula(c.rate, record, env) }))
    : [{ when: () => true, rate: printedFormula(record.rate, record, env) }];
  return (omega0Sq, gamma) => {
    const at = { omega0: Math.sqrt(omega0Sq), gamma };
    const hit = cases.filter((x) => x.when(at));
    if (hit.length !== 1) throw new RangeError(`${record.id}: ${hit.length ? `${hit.length} printed cases overlap` : 'no printed case covers'} at ω₀² = ${omega0Sq}, γ = ${gamma}`);
    return hit[0].rate(at);
  };
}
