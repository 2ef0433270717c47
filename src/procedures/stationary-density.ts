/**
 * `kind: stationary-density` — the printed density ρ makes the printed operator vanish:
 * `operator` is the name of an operator definition `P(f) = …` (or an expression in `f`),
 * `density` the printed ρ (usually with `exp(·)`). Decided as the identity P(ρ) = 0 (every d);
 * refuted with an exact point where P(ρ)/weight ≠ 0.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { registerProcedure } from './registry.ts';
import { langSymbols } from './common.ts';
import { decideIdentity, validateTexts } from './identity.ts';

export const stationaryDensityFields = z.looseObject({
  operator: z.string().min(1),
  density: z.string().min(1),
});

const applied = (record: ClaimRecord) => `${String(record.operator)}(${String(record.density)})`;

async function decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  const r = await decideIdentity({ ...record, kind: 'identity', lhs: applied(record), rhs: '0', expr: undefined }, env, ctx);
  return { ...r, summary: `${applied(record)} = 0: ${r.summary}` };
}

registerProcedure({
  kind: 'stationary-density',
  summary: 'the printed density makes the printed (Fokker–Planck) operator vanish, every d',
  method: 'exact',
  fields: stationaryDensityFields,
  validate(record, env) {
    return validateTexts({ operator: applied(record) }, langSymbols(env, record));
  },
  decide,
});
