/**
 * `kind: fokker-planck` — the printed PDE is the Fokker–Planck (Kolmogorov forward) equation of
 * the SDE d(state_k) = drift_k dt + σ_k dB_k with isotropic noise: `state` (variables), `drift`
 * (one expression per state variable), `diffusion` (σ_k², one per state variable; the generator
 * is Σ drift_k·∇_k + Σ (σ_k²/2)Δ_k), `density` (the generic function ψ(t, state)), `pde`
 * (`lhs = rhs` as printed).
 *
 * Decision: ∂ₜψ = L*ψ = −Σ ∇_k·(drift_k ψ) + Σ (σ_k²/2)Δ_kψ is the weak form ∫φ∂ₜψ = ∫ψ Lφ for
 * every test function φ (L* is the formal adjoint: the difference is a total divergence); the
 * printed pde.lhs − pde.rhs must equal ∂ₜψ − L*ψ identically — the `identity` decision, for every d.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { registerProcedure } from './registry.ts';
import { badInput, langSymbols } from './common.ts';
import { decideIdentity, validateTexts } from './identity.ts';

export const fokkerPlanckFields = z.looseObject({
  state: z.array(z.string()).min(1),
  drift: z.array(z.string().min(1)).min(1),
  diffusion: z.array(z.string().min(1)).min(1),
  density: z.string().min(1),
  time: z.string().default('t'),
  pde: z.string().min(1),
});

/** ∂ₜψ − L*ψ as text, and the printed pde as lhs − rhs. */
export function forwardResidualTexts(record: ClaimRecord, syms: LangSymbols): { printed: string; forward: string } {
  const state = (record.state as string[]).map(String);
  const drift = (record.drift as string[]).map(String);
  const diff = (record.diffusion as string[]).map(String);
  if (drift.length !== state.length || diff.length !== state.length) throw new LangError(`fokker-planck: ${state.length} state variables, ${drift.length} drifts, ${diff.length} diffusions`);
  const psi = String(record.density);
  const t = typeof record.time === 'string' ? record.time : 't';
  const parts = [`diff(${psi}, ${t})`];
  state.forEach((x, k) => {
    const decl = syms.variables[x];
    if (!decl) throw new LangError(`state: "${x}" is not a declared variable`);
    parts.push(decl.vector ? `+ div((${drift[k]})*${psi}, ${x})` : `+ diff((${drift[k]})*${psi}, ${x})`);
    parts.push(decl.vector ? `- (${diff[k]})/2*lap(${psi}, ${x})` : `- (${diff[k]})/2*diff(${psi}, ${x}, 2)`);
  });
  const r = splitRelation(String(record.pde));
  if (!r || r.rel !== '=') throw new LangError(`pde: expected "lhs = rhs", got "${record.pde}"`);
  return { printed: `(${r.lhs}) - (${r.rhs})`, forward: parts.join(' ') };
}

async function decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let texts;
  try {
    texts = forwardResidualTexts(record, langSymbols(env, record));
  } catch (e) {
    return badInput('exact', e);
  }
  const r = await decideIdentity({ ...record, kind: 'identity', lhs: texts.printed, rhs: texts.forward, expr: undefined }, env, ctx);
  return { ...r, summary: `printed PDE vs the forward equation ∂ₜψ = L*ψ of the SDE: ${r.summary}`, evidence: { ...r.evidence, forwardEquation: `${texts.forward} = 0` } };
}

registerProcedure({
  kind: 'fokker-planck',
  summary: 'the printed PDE is the Fokker–Planck equation (adjoint generator) of the printed SDE drift and diffusion, every d',
  method: 'exact',
  fields: fokkerPlanckFields,
  validate(record, env) {
    try {
      const syms = langSymbols(env, record);
      const t = forwardResidualTexts(record, syms);
      return validateTexts({ pde: t.printed, drift: t.forward }, syms);
    } catch (e) {
      return [{ path: 'pde', message: (e as Error).message }];
    }
  },
  decide,
});
