/**
 * # Section 2 — the mean of the geometric staleness (`sec:2:staleness-mean`)
 *
 * Reads from its record: `law: { p0, ratio, from }` (P(τ = l) = p0·ratio^l for l ≥ from) and the
 * printed `mean`. Decides exactly: the law has total mass 1 (Σ p0 rˡ = p0 r^a/(1 − r)), and
 * E[τ] = Σ l p0 rˡ = p0 r^a (a(1 − r) + r)/(1 − r)² (differentiate the geometric series; the
 * partial sums telescope, checked below), compared with the printed mean as an identity of
 * rational functions in the parameters; a difference is refuted at an exact domain point.
 *
 * ## References
 * [an_lu_ying_2020] for the staleness model.
 */
import type { CheckResult } from '../src/claims.ts';
import type { ModuleCheck } from '../src/claim-record.ts';
import { q } from '../symbolic/rational.ts';
import { Poly, pv } from '../symbolic/poly.ts';
import type { ParamExpr } from '../symbolic/lang/index.ts';
import { difference, parseParamExpr, signAt } from '../symbolic/lang/param.ts';
import { badInput, domainPoints, langSymbols, paramText, pointStrings, pointText } from '../src/procedures/common.ts';

/**
 * Partial sums of Σ l(1−r)rˡ (from l = 0) telescope: with K = r^N, (1−r)T_N = r − (N+1)rK + Nr²K.
 * Returns the residuals of the step T_N − T_{N−1} = N(1−r)r^N, the base T_0 = 0 and the tail.
 */
export function telescopingResiduals(): { step: Poly; base: Poly; tail: Poly } {
  const r = pv('r'), K = pv('K'), N = pv('N'), one = Poly.ONE;
  const tN = r.sub(N.add(one).mul(r).mul(K)).add(N.mul(r.pow(2)).mul(K));
  const tNm1 = r.sub(N.mul(K)).add(N.sub(one).mul(r).mul(K));
  return {
    step: tN.sub(tNm1).sub(N.mul(one.sub(r).pow(2)).mul(K)),
    base: tN.subs({ N: 0, K: 1 }),
    tail: r.sub(tN).sub(r.mul(K).mul(N.add(one).sub(N.mul(r)))),
  };
}

const div = (a: ParamExpr, b: ParamExpr): ParamExpr => ({ num: a.num.mul(b.den), den: a.den.mul(b.num), roots: { ...a.roots, ...b.roots } });
const mul = (a: ParamExpr, b: ParamExpr): ParamExpr => ({ num: a.num.mul(b.num), den: a.den.mul(b.den), roots: { ...a.roots, ...b.roots } });
const poly = (p: Poly): ParamExpr => ({ num: p, den: Poly.ONE, roots: {} });

export const stalenessMean: ModuleCheck = (record, env, ctx): CheckResult => {
  const law = (record.law ?? {}) as { p0?: unknown; ratio?: unknown; from?: unknown };
  let p0: ParamExpr, r: ParamExpr, printed: ParamExpr, a: number;
  try {
    const syms = langSymbols(env, record);
    p0 = parseParamExpr(String(law.p0), syms);
    r = parseParamExpr(String(law.ratio), syms);
    printed = parseParamExpr(String(record.mean), syms);
    a = Number(law.from ?? 0);
    if (Object.keys({ ...p0.roots, ...r.roots }).length) throw new RangeError('law entries with square roots are not supported');
  } catch (e) {
    return badInput('exact', e);
  }
  // A support that does not start at an integer l ≥ 0 is read, and is no law of a staleness.
  if (!Number.isInteger(a) || a < 0) return { verdict: 'inconclusive', method: 'exact', summary: `the support must start at an integer l ≥ 0, printed ${String(law.from)}`, evidence: {}, decisive: `support from ${String(law.from)}` };
  const { step, base, tail } = telescopingResiduals();
  if (!step.isZero() || !base.isZero() || !tail.isZero()) return { verdict: 'error', method: 'exact', summary: 'internal: telescoping identity failed', evidence: {}, decisive: 'internal' };
  const one = poly(Poly.ONE);
  const omr = difference(one, r);
  const ra = { num: r.num.pow(a), den: r.den.pow(a), roots: {} };
  const mass = div(mul(p0, ra), omr);
  const massDiff = difference(mass, one);
  // E[τ] = p0 r^a (a(1 − r) + r)/(1 − r)²
  const inner = { num: omr.num.scale(q(a)).mul(r.den).add(r.num.mul(omr.den)), den: omr.den.mul(r.den), roots: {} };
  const mean = div(mul(mul(p0, ra), inner), mul(omr, omr));
  const diff = difference(printed, mean);
  const evidence: Record<string, unknown> = {
    law: `P(τ = l) = (${paramText(p0)})·(${paramText(r)})^l, l ≥ ${a}`,
    totalMass: paramText(mass),
    exactMean: paramText(mean),
    printedMean: paramText(printed),
    'printed − exact': paramText(diff),
    partialSums: 'Σ_{l≤N} l(1−r)rˡ = r(1 − (N+1)r^N + Nr^{N+1})/(1−r): step, base and tail identities exact (K = r^N); Nr^N → 0 for 0 < r < 1',
  };
  const points = domainPoints(record, env, ctx, 12);
  for (const at of points) {
    const rv = signAt(r, at), omv = signAt(omr, at);
    if (rv === undefined || omv === undefined || rv < 0 || omv <= 0) return { verdict: 'inconclusive', method: 'exact', summary: `the ratio is not in [0, 1) at ${pointText(at)}: the series diverges`, evidence, decisive: `diverges at ${pointText(at)}` };
  }
  if (!massDiff.num.isZero()) {
    return { verdict: 'inconclusive', method: 'exact', summary: `the printed law is not a probability: total mass ${paramText(mass)}`, evidence, decisive: `mass ${paramText(mass)}` };
  }
  if (diff.num.isZero()) return { verdict: 'proved', method: 'exact', basis: 'kernel', summary: `E[τ] = ${paramText(mean)} (exact series, identity of rational functions)`, evidence, decisive: `mean ${paramText(mean)}` };
  for (const at of points) {
    if (signAt(diff, at) === 0 || signAt(diff, at) === undefined) continue;
    const val = (e: ParamExpr) => e.num.evaluate(at).div(e.den.evaluate(at)).toString();
    const witness = { ...pointStrings(at), printedMean: val(printed), exactMean: val(mean) };
    return { verdict: 'refuted', method: 'exact', summary: `E[τ] = ${paramText(mean)}, not ${paramText(printed)} (${pointText(at)}: ${witness.exactMean} vs printed ${witness.printedMean})`, evidence, witness, decisive: `mean ${paramText(mean)} ≠ ${paramText(printed)}` };
  }
  return { verdict: 'inconclusive', method: 'exact', summary: 'not identical, but no domain point separates them', evidence, decisive: `undecided ${paramText(diff)}` };
};
