/**
 * `kind: stationary-density` — the printed density ρ makes the printed operator vanish:
 * `operator` is the name of an operator definition `P(f) = …` (or an expression in `f`),
 * `density` the printed ρ (usually with `exp(·)`). Decided as the identity P(ρ) = 0 (every d);
 * refuted with an exact point where P(ρ)/weight ≠ 0.
 *
 * A stationary probability density is also not identically 0 and integrable: ρ ≡ 0 is refuted;
 * each term N·e^Q of ρ (Q polynomial) needs Q quadratic in the coordinates of the operator's
 * variables with a negative definite quadratic part (Sylvester's minors, decided on the domain
 * with `signOnDomain`); a point where it is not negative definite refutes a one-term density
 * (∫|N|e^Q = ∞ there); anything undecided is inconclusive. A generic function in the exponent
 * (a Gibbs density e^{−βV}) needs the hypothesis ∫e^{−βV} < ∞ from a cited result in `uses`
 * (basis given-cited); without one the claim is inconclusive. A density is ≥ 0: each term's prefactor
 * is ≥ 0 for all coordinates on the domain (signOnDomain) and not identically 0 at any parameter
 * point; a one-term ρ negative somewhere is refuted there, anything undecided is inconclusive.
 */
import { z } from 'zod';
import type { Basis, CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { LangError, type LangSymbols } from '../../symbolic/lang/index.ts';
import { LangSpace } from '../../symbolic/lang/expr.ts';
import { splitRelation } from '../../symbolic/lang/text.ts';
import { polyDeterminant } from '../../symbolic/jet.ts';
import type { Poly } from '../../symbolic/poly.ts';
import { unicodeString } from '../../symbolic/lyapunov.ts';
import { registerProcedure } from './registry.ts';
import { badInput, citedUses, genericSymbols, langSymbols } from './common.ts';
import { decideIdentity, dimensionMatters, validateTexts } from './identity.ts';
import { signOnDomain, weakerBasis } from './fokker-planck.ts';

export const stationaryDensityFields = z.looseObject({
  operator: z.string().min(1),
  density: z.string().min(1),
});

const applied = (record: ClaimRecord) => `${String(record.operator)}(${String(record.density)})`;

/** The declared variables the operator's definition mentions (through the definitions it uses). */
function operatorVariables(syms: LangSymbols, op: string): string[] {
  const bodies = new Map<string, string>();
  for (const def of syms.definitions) {
    const r = splitRelation(def);
    if (!r || r.rel !== '=') continue;
    const name = /^\s*([A-Za-z]\w*)/.exec(r.lhs)?.[1];
    if (name) bodies.set(name, r.rhs);
  }
  const seen = new Set<string>();
  const out = new Set<string>();
  const walk = (text: string) => {
    for (const id of text.match(/[A-Za-z]\w*/g) ?? []) {
      if (id in syms.variables) out.add(id);
      else if (bodies.has(id) && !seen.has(id)) {
        seen.add(id);
        walk(bodies.get(id)!);
      }
    }
  };
  walk(bodies.get(op) ?? op);
  return [...out];
}

interface Integrability {
  fail?: CheckResult;
  basis?: Basis;
  evidence: Record<string, unknown>;
}

/** ρ ≢ 0 and ∫ρ < ∞ over the operator's variables (d = 1, 2, 3 where vectors enter). */
async function integrability(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<Integrability> {
  const syms = langSymbols(env, record);
  const density = String(record.density);
  const vars = operatorVariables(syms, String(record.operator));
  const evidence: Record<string, unknown> = { integratedOver: vars };
  let basis: Basis | undefined = 'kernel';
  const inconclusive = (why: string, d: number): Integrability => ({
    evidence,
    fail: { verdict: 'inconclusive', method: 'exact', summary: `not shown to be a probability density: ${why}`, evidence: { hypothesisFails: why, ...evidence }, decisive: `integrability d=${d}: ${why}` },
  });
  // ρ's terms N·e^Q in each dimension, compiled once for both checks below
  const spaces = (dimensionMatters(syms) ? [1, 2, 3] : [1]).map((d) => {
    const S = new LangSpace(syms, d);
    const v = S.compileText(density, new Map());
    if (v.vector) throw new LangError(`density: "${density}" is a vector`);
    return { d, S, terms: S.reduce(v.comps[0]).terms.filter((t) => !t.N.isZero()), coords: vars.flatMap((x) => S.components[x] ?? []) };
  });
  for (const { d, S, terms, coords } of spaces) {
    if (terms.length === 0) {
      const why = `the density ${density} is identically 0 (d = ${d}), not a probability density`;
      return { evidence, fail: { verdict: 'refuted', method: 'exact', summary: why, evidence: { ...evidence, density: '0' }, witness: { dimension: d, density: '0' }, decisive: `density ≡ 0 d=${d}` } };
    }
    for (const [j, t] of terms.entries()) {
      const generic = (p: Poly) => genericSymbols(S, syms, p).length > 0;
      if (generic(t.Q)) {
        evidence.assumes = 'a generic function in the exponent: ∫ρ < ∞ is the usual hypothesis on the potential (not checked)';
        continue;
      }
      if (generic(t.N)) return inconclusive(`a generic function in the prefactor of exp(${unicodeString(t.Q)}): integrability not decided`, d);
      if (t.Q.termList().some((m) => m.mono.reduce((s, [x, e]) => s + (coords.includes(x) ? e : 0), 0) > 2)) return inconclusive(`the exponent ${unicodeString(t.Q)} is not quadratic in ${coords.join(', ')}`, d);
      // M = −Hessian of Q in the coordinates: negative definite quadratic part ⇔ M ≻ 0 ⇔ leading minors > 0
      const M = coords.map((a) => coords.map((b) => S.normalize(t.Q.diff(a).diff(b).neg())));
      for (let k = 1; k <= coords.length; k++) {
        const minor = S.normalize(polyDeterminant(M.slice(0, k).map((r) => r.slice(0, k))));
        const o = await signOnDomain(minor, '>', S, record, env, ctx);
        evidence[`term ${j + 1}, d=${d}, minor ${k} of −∇²Q > 0`] = { minor: unicodeString(minor), status: o.status, ...o.evidence };
        if (o.status === 'holds') {
          basis = weakerBasis(basis, o.basis);
          continue;
        }
        const where = o.at && Object.keys(o.at).length ? ` at ${Object.entries(o.at).map(([a, b]) => `${a} = ${b}`).join(', ')}` : '';
        if (o.status === 'fails' && terms.length === 1) {
          const why = `the exponent ${unicodeString(t.Q)} has no negative definite quadratic part in ${coords.join(', ')}${where} (leading minor ${k} of −∇²Q = ${unicodeString(minor)} ≤ 0): ∫ρ = ∞, not a probability density`;
          return { evidence, fail: { verdict: 'refuted', method: 'exact', summary: why, evidence: { ...evidence, notIntegrable: why }, witness: { dimension: d, ...(o.at ?? {}), exponent: unicodeString(t.Q), minor: unicodeString(minor) }, decisive: `not integrable d=${d}: minor ${k} ${unicodeString(minor)}` } };
        }
        return inconclusive(o.status === 'fails' ? `the exponent ${unicodeString(t.Q)} is not negative definite${where}` : `negative definiteness of the exponent ${unicodeString(t.Q)} is not decided (minor ${k}: ${unicodeString(minor)})`, d);
      }
    }
  }
  // ρ ≥ 0: each term's prefactor N ≥ 0 for all coordinates on the domain (a sum of nonnegative terms
  // is a density); a one-term ρ whose prefactor is negative somewhere is no density (e^Q > 0).
  for (const { d, S, terms, coords } of spaces) {
    for (const [j, t] of terms.entries()) {
      // e^{−βV} too: its prefactor's sign is the density's
      if (genericSymbols(S, syms, t.N).length) return inconclusive(`a generic function in the prefactor ${unicodeString(t.N)}: ρ ≥ 0 not decided`, d);
      const N = S.normalize(t.N);
      const o = await signOnDomain(N, '>=', S, record, env, ctx);
      evidence[`term ${j + 1}, d=${d}: prefactor ≥ 0`] = { prefactor: unicodeString(N), status: o.status, ...o.evidence };
      if (o.status === 'fails' && terms.length === 1) {
        const where = Object.entries(o.at ?? {}).map(([a, b]) => `${a} = ${b}`).join(', ') || 'every point';
        const why = `the density ${density} is negative at ${where} (prefactor ${unicodeString(N)} < 0, e^{…} > 0): not a probability density`;
        return { evidence, fail: { verdict: 'refuted', method: 'exact', summary: why, evidence: { ...evidence, negativeDensity: why }, witness: { dimension: d, ...(o.at ?? {}), prefactor: unicodeString(N) }, decisive: `ρ < 0 d=${d}: ${where}` } };
      }
      if (o.status !== 'holds') return inconclusive(o.status === 'fails' ? `the prefactor ${unicodeString(N)} of term ${j + 1} is negative somewhere: ρ ≥ 0 not decided` : `ρ ≥ 0 not decided (prefactor ${unicodeString(N)})`, d);
      basis = weakerBasis(basis, o.basis);
      // N ≥ 0 but N ≡ 0 in the coordinates at some parameter point would make ρ ≡ 0 there: some
      // coefficient of N (a polynomial in the coordinates) must be nonzero on the whole domain
      let nonzero = false;
      for (const { coef: c } of N.collect(coords).values()) {
        const z = await signOnDomain(c, '!=', S, record, env, ctx);
        if (z.status === 'holds') {
          basis = weakerBasis(basis, z.basis);
          nonzero = true;
          break;
        }
      }
      if (!nonzero) return inconclusive(`the prefactor ${unicodeString(N)} may vanish identically at some parameter point (ρ ≡ 0 there)`, d);
    }
  }
  return { basis, evidence };
}

async function decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  let integ: Integrability;
  try {
    integ = await integrability(record, env, ctx);
  } catch (e) {
    return badInput('exact', e);
  }
  if (integ.fail?.verdict === 'refuted' && integ.fail.evidence.density === '0') return integ.fail;
  const r = await decideIdentity({ ...record, kind: 'identity', lhs: applied(record), rhs: '0', expr: undefined }, env, ctx);
  const out = { ...r, summary: `${applied(record)} = 0: ${r.summary}` };
  if (r.verdict !== 'proved') return out;
  if (integ.fail) return { ...integ.fail, evidence: { ...integ.fail.evidence, stationary: r.summary } };
  if (integ.evidence.assumes) {
    // ∫e^{−βV} < ∞ for a generic V is a hypothesis: a proof may rest on it only where it is cited
    const cites = citedUses(record, env);
    if (!cites.length) {
      const why = `∫ρ < ∞ for the generic function in the exponent of ${String(record.density)} is not checked and no cited result states it (cite it: uses: [<a cited id>])`;
      return { verdict: 'inconclusive', method: 'exact', summary: `${out.summary}; but ${why}`, evidence: { ...r.evidence, integrability: integ.evidence, hypothesisFails: why }, decisive: `integrability unstated: ${String(record.density)}` };
    }
    return { ...out, basis: 'given-cited', summary: `${out.summary}; ρ ≢ 0, and ∫ρ < ∞ rests on the cited result${cites.length > 1 ? 's' : ''} ${cites.join(', ')} (a generic function in the exponent)`, evidence: { ...r.evidence, integrability: { ...integ.evidence, cited: cites } } };
  }
  const basis = weakerBasis(r.basis, integ.basis);
  return { ...out, ...(basis ? { basis } : {}), summary: `${out.summary}; ρ ≢ 0 and integrable (negative definite quadratic exponent)`, evidence: { ...r.evidence, integrability: integ.evidence } };
}

registerProcedure({
  kind: 'stationary-density',
  summary: 'the printed density is a probability density (≢ 0, integrable) that makes the printed (Fokker–Planck) operator vanish, every d',
  method: 'exact',
  fields: stationaryDensityFields,
  validate(record, env) {
    return validateTexts({ operator: applied(record) }, langSymbols(env, record));
  },
  decide,
});
