/**
 * Vacuous hypotheses, decided from the printed data (issue 9, defect 5).
 *
 * `kind: vacuity` — an assumption bounding quantities of a perturbation `function` (ε) evaluated at
 * an affine point θ = a·x + b·v of phase space (`evaluatedAt`), by `bound`:
 *   quantities: ["|eps_i|", "|dot(eps, x)|", "|dot(eps, v)|", "d*|deps_i|", …]   (sup over ℝ^{2d})
 * A quantity `|dot(F, y)|` (F = ε, y a space variable) is +∞ for every ε ≢ 0 when the kernel of
 * (x, v) ↦ θ has a direction with y-component ≠ 0: along (x, v) = t(b, −a)·e the point θ stays
 * fixed (an exact identity, checked) while dot(ε(θ*), y) = t·(b or −a)·|ε(θ*)|² → ∞. When that
 * coefficient is nonzero on the whole domain, only ε ≡ 0 is admissible: `vacuous`. The case ε ≡ 0
 * itself must satisfy the assumption (every quantity 0 ≤ bound, checked at exact domain points).
 *
 * `kind: vacuous-claim` — a claim stated under such an assumption: `relation` over printed terms,
 * where the terms listed in `vanishing` are 0 at the admissible ε ≡ 0 and `nonnegative` names norms
 * (free symbols ≥ 0, realisable independently), `free` names terms of either sign. The claim is first checked AT ε ≡ 0 on exact domain
 * points (each norm alone, then random norms, then all 0): false there → `refuted` (the one admissible case
 * violates it); true there and the assumption `vacuous` → `vacuous`; otherwise `inconclusive`.
 */
import { z } from 'zod';
import type { CheckContext, CheckResult } from '../claims.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { pv } from '../../symbolic/poly.ts';
import { LangError, type ParamExpr } from '../../symbolic/lang/index.ts';
import { parseMath, parseParamExpr, parseParamExprs } from '../../symbolic/lang/param.ts';
import { barsToAbs, splitRelation } from '../../symbolic/lang/text.ts';
import { getProcedure, registerProcedure } from './registry.ts';
import { badInput, closedEndPoints, divisorsUndefined, domainPoints, evidenceAgainst, farPoints, identifiersUsed, langSymbols, nonzeroOnDomain, noTrials, paramText, pointText, recordRng, signOnWholeDomain } from './common.ts';
import { UndefinedCoefficient, coefValue, compiledCoef } from './integral-inequality.ts';

const HOLDS: Record<string, (s: number) => boolean> = { '<': (s) => s < 0, '<=': (s) => s <= 0, '>': (s) => s > 0, '>=': (s) => s >= 0, '=': (s) => s === 0 };

interface VacuityOutcome {
  vacuous: boolean;
  result: CheckResult;
  /** whether ε ≡ 0 satisfies the assumption at a parameter point (0 ≤ bound there) */
  admissibleAt: (at: Record<string, Rational>) => boolean;
  /** the bound is negative on the whole domain: nothing at all satisfies the assumption */
  emptyEverywhere?: boolean;
}

/** Whether ε ≡ 0 satisfies a vacuity record's `bound` at a point: every quantity is 0 there, so 0 ≤ bound (no bound: always). */
function zeroAdmissible(record: ClaimRecord, env: ProcedureEnv): (at: Record<string, Rational>) => boolean {
  const bound = String(record.bound ?? '');
  if (!bound) return () => true;
  const syms = langSymbols(env, record);
  const node = parseMath(barsToAbs(bound));
  return (at) => coefValue(node, syms, at).sign() >= 0;
}

/** Whether a vacuity record's bound is negative on its whole domain (then nothing at all satisfies the assumption): `signOnWholeDomain` with <. */
async function boundNegativeEverywhere(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<{ proved: boolean; how: string }> {
  const bound = String(record.bound ?? '');
  let e: ParamExpr;
  try {
    e = parseParamExpr(barsToAbs(bound), langSymbols(env, record));
  } catch (err) {
    return { proved: false, how: `the sign of ${bound} on the domain is not decided (${err instanceof Error ? err.message : String(err)})` };
  }
  const r = await signOnWholeDomain(e, '<', record, env, ctx);
  return { proved: r.holds === true, how: r.how };
}

async function decideVacuity(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<VacuityOutcome> {
  const syms = langSymbols(env, record);
  const fn = String(record.function ?? 'eps');
  // the phase-space vectors are those θ is printed in (a file may declare more, e.g. (2.3)'s θ, y)
  const vars = Object.keys(syms.variables).filter((v) => syms.variables[v].vector && new RegExp(`\\b${v}\\b`).test(String(record.evaluatedAt)));
  const thetaParts = parseParamExprs([barsToAbs(String(record.evaluatedAt))], syms, vars);
  const theta = thetaParts.exprs[0];
  for (const v of vars) if (theta.den.degreeIn(v) > 0 || theta.num.degreeIn(v) > 1) throw new LangError(`evaluatedAt: θ must be affine in ${v}`);
  const coefOf = (v: string): ParamExpr => ({ num: theta.num.diff(v), den: theta.den, roots: theta.roots });
  // θ and the bound defined on the whole domain (x/(√a − 1) is not at a = 1): a growth coefficient
  // read at a pole (0/0, or a solver's value for a division by 0) says nothing
  const boundText = String(record.bound ?? '').trim();
  const boundParts = boundText ? parseParamExprs([barsToAbs(boundText)], syms) : { divisors: [], roots: {} };
  const undefinedWhy = await divisorsUndefined([...thetaParts.divisors.filter((d) => !vars.some((v) => d.variables().includes(v))), ...boundParts.divisors], { ...thetaParts.roots, ...boundParts.roots }, record, env, ctx);
  if (undefinedWhy) {
    const text = `${undefinedWhy}: θ or the bound as printed is not defined there (state the hypothesis that excludes it)`;
    const admissible = zeroAdmissible(record, env);
    return { vacuous: false, admissibleAt: (at) => { try { return admissible(at); } catch { return false; } }, result: { verdict: 'inconclusive', method: 'exact', summary: text, evidence: { undefinedWhere: undefinedWhy }, decisive: `undefined: ${undefinedWhy}` } };
  }
  if (vars.length !== 2) throw new LangError(`vacuity: evaluatedAt θ = ${String(record.evaluatedAt)} must be printed in two vector variables of the phase space (θ = x + v/γ); it names ${vars.length ? vars.join(', ') : 'none'}`);
  const [y1, y2] = vars;
  const a = coefOf(y1);
  const b = coefOf(y2);
  // The kernel direction (y1, y2) = t(b, −a)e keeps θ fixed: θ's numerator is unchanged after the
  // substitution (an exact polynomial identity; it fails when θ is not affine in y1, y2).
  const t = pv('__t').mul(pv('__e'));
  const moved = theta.num.subs({ [y1]: t.mul(b.num), [y2]: t.mul(a.num).neg() });
  const kernelIdentity = moved.sub(theta.num.subs({ [y1]: 0, [y2]: 0 })).isZero();
  const quantities = ((record.quantities as string[] | undefined) ?? []).map(String);
  const rows: Record<string, unknown>[] = [];
  const unbounded: string[] = [];
  for (const text of quantities) {
    const node = parseMath(barsToAbs(text));
    type N = { type: string; fn?: { name?: string }; args?: N[]; name?: string; content?: N };
    const productOf = (m: N): { y: string } | undefined => {
      if (m.type !== 'FunctionNode' || m.fn?.name !== 'dot' || m.args?.length !== 2) return undefined;
      const [f, y] = m.args;
      if (f.type === 'SymbolNode' && f.name === fn && y.type === 'SymbolNode' && vars.includes(y.name!)) return { y: y.name! };
      if (y.type === 'SymbolNode' && y.name === fn && f.type === 'SymbolNode' && vars.includes(f.name!)) return { y: f.name! };
      return undefined;
    };
    // Unbounded only as printed bare: |dot(ε, y)| or dot(ε, y) itself. Inside anything else (a
    // quotient, a product with 0, a difference) the construction says nothing about the quantity.
    let top = node as unknown as N;
    while (top.type === 'ParenthesisNode' && top.content) top = top.content;
    const inner = top.type === 'FunctionNode' && top.fn?.name === 'abs' && top.args?.length === 1 ? top.args[0] : top;
    const product = productOf(inner);
    if (!product) {
      let inside = false;
      node.traverse((c) => {
        if (productOf(c as unknown as N)) inside = true;
      });
      rows.push({ quantity: text, status: inside ? `not shown unbounded: contains dot(${fn}, ·) but is not |dot(${fn}, y)| itself` : 'finite for bounded smooth ε' });
      continue;
    }
    // Along the kernel direction, y1 = t·b·e and y2 = −t·a·e: dot(ε(θ*), y) = t·(b | −a)|ε(θ*)|².
    const growth = product.y === y1 ? b : { ...a, num: a.num.neg() };
    const nz = await nonzeroOnDomain(growth, record, env, ctx);
    rows.push({ quantity: text, status: nz.nonzero ? '+∞ for every ε ≢ 0' : nz.nonzero === false ? 'not shown unbounded' : 'undecided', growth: `t·(${paramText(growth)})·|ε(θ*)|²`, how: nz.how });
    if (nz.nonzero && kernelIdentity) unbounded.push(parseMath(barsToAbs(text)).toString());
  }
  // ε ≡ 0 must itself be admissible: every quantity is 0, so 0 ≤ bound. Where the bound is
  // negative nothing is admissible; that makes the assumption empty only where it is negative.
  const bound = String(record.bound ?? '');
  const admissibleAt = zeroAdmissible(record, env);
  // the draws, and each parameter far out and at closed ends (a bound like eps0 − 1 is negative only for eps0 < 1)
  const drawn = domainPoints(record, env, ctx, 12);
  const names = Object.keys(syms.parameters);
  const points = [...drawn, ...farPoints(record, env, drawn.slice(0, 2), names), ...closedEndPoints(record, env, drawn.slice(0, 2), names)];
  const empty = points.filter((at) => !admissibleAt(at));
  const thetaText = `θ = (${paramText(a)})·${y1} + (${paramText(b)})·${y2}`;
  const evidence: Record<string, unknown> = { construction: `${y1} = t·(${paramText(b)})·ε(θ*), ${y2} = −t·(${paramText(a)})·ε(θ*) keeps θ = θ*`, kernelIdentity, quantities: rows, theta: thetaText };
  if (empty.length) evidence.emptyWhere = `0 > ${bound} at ${empty.length} of ${points.length} domain points, e.g. ${pointText(empty[0])}: no ε at all there`;
  if (empty.length && empty.length === points.length) {
    const everywhere = await boundNegativeEverywhere(record, env, ctx);
    if (everywhere.proved) {
      const result: CheckResult = { verdict: 'vacuous', method: 'exact', summary: `no ε at all: even ε ≡ 0 violates 0 ≤ ${bound}, which is negative on the whole domain (${everywhere.how})`, evidence: { ...evidence, boundNegative: everywhere.how }, decisive: `empty: 0 > ${bound} on the whole domain; ${thetaText}` };
      return { vacuous: true, result, admissibleAt, emptyEverywhere: true };
    }
    evidence.boundNegative = everywhere.how;
  }
  if (unbounded.length) {
    const result: CheckResult = {
      verdict: 'vacuous',
      method: 'exact',
      summary: `only ${fn} ≡ 0 satisfies it: ${unbounded.join(', ')} = +∞ for every ${fn} ≢ 0 (${y1}, ${y2} along the kernel of θ, exact); ${fn} ≡ 0 satisfies it${empty.length ? ` where 0 ≤ ${bound} (nothing does at ${pointText(empty[0])})` : ''}`,
      evidence,
      witness: { construction: evidence.construction },
      decisive: `only ${fn} ≡ 0: unbounded ${unbounded.join('; ')}; finite ${rows.filter((x) => !x.growth).map((x) => parseMath(barsToAbs(String(x.quantity))).toString()).join('; ')}; ${thetaText}`,
    };
    return { vacuous: true, result, admissibleAt };
  }
  const partly = empty.length ? ` where 0 ≤ ${bound} (it is negative at ${pointText(empty[0])}: no ε there)` : '';
  return { vacuous: false, admissibleAt, result: { verdict: 'supported', method: 'exact', summary: `no quantity is shown unbounded: small bounded ${fn} ≢ 0 may satisfy it${partly}`, evidence, decisive: `satisfiable: ${thetaText}; ${quantities.join('; ')}` } };
}

registerProcedure({
  kind: 'vacuity',
  summary: 'an assumption on a perturbation ε(θ): only ε ≡ 0 satisfies it when a quantity |dot(ε, y)| is +∞ along the kernel of θ(x, v) (exact construction)',
  method: 'exact',
  fields: z.looseObject({
    function: z.string().optional(),
    evaluatedAt: z.string().min(1).describe('θ as an affine expression of the phase-space variables'),
    quantities: z.array(z.string()).min(1),
    bound: z.string().optional(),
  }),
  async decide(record, env, ctx) {
    try {
      return (await decideVacuity(record, env, ctx)).result;
    } catch (e) {
      if (e instanceof LangError) return badInput('exact', e);
      throw e;
    }
  },
});

registerProcedure({
  kind: 'vacuous-claim',
  summary: 'a claim under a `vacuity` assumption: checked at the one admissible case (refuted if false there), vacuous otherwise',
  method: 'exact',
  fields: z.looseObject({
    assumption: z.string().min(1).describe('id of the `vacuity` record'),
    relation: z.string().min(1),
    vanishing: z.array(z.string()).describe('terms that are 0 at the admissible case'),
    nonnegative: z.array(z.string()).describe('norms: free symbols ≥ 0'),
    free: z.array(z.string()).optional().describe('other terms of either sign (e.g. what an exact identity makes equal on both sides)'),
  }),
  validate: relationProblems,
  async decide(record, env, ctx) {
    try {
      return await decideVacuousClaim(record, env, ctx);
    } catch (e) {
      if (e instanceof LangError) return badInput('exact', e);
      throw e;
    }
  },
});

registerProcedure({
  kind: 'norm-inequality',
  summary: 'a relation between parameter-weighted norms (free symbols ≥ 0) for every parameter point and every value of the norms; min/max allowed (exact trials: each norm alone, then random)',
  method: 'exact',
  fields: z.looseObject({
    relation: z.string().min(1),
    nonnegative: z.array(z.string()).describe('norms: free symbols ≥ 0'),
    free: z.array(z.string()).optional(),
    dimension: z.union([z.number().int().positive(), z.array(z.number().int().positive())]).optional(),
  }),
  validate: relationProblems,
  async decide(record, env, ctx) {
    try {
      return await decideVacuousClaim(record, env, ctx);
    } catch (e) {
      if (e instanceof LangError) return badInput('exact', e);
      throw e;
    }
  },
});

/**
 * Lint of a norm relation: both sides compile as the trials evaluate them (the parameters, and the
 * norms, free and vanishing terms and the dimension symbol when `dimension` is given as values), so
 * an undeclared symbol (a dimension `d` with no `dimension` field) or a square root in a coefficient
 * is an error before anything runs, not an `error` verdict.
 */
function relationProblems(record: ClaimRecord, env: ProcedureEnv): { path: string; message: string }[] {
  const rel = splitRelation(barsToAbs(String(record.relation)));
  if (!rel) return [{ path: 'relation', message: `expected "lhs REL rhs", got "${String(record.relation)}"` }];
  const syms = langSymbols(env, record);
  const names = (f: string) => ((record[f] as unknown[] | undefined) ?? []).map(String);
  const extra = [...names('nonnegative'), ...names('free'), ...names('vanishing'), ...(record.dimension !== undefined ? [syms.dimension?.name ?? 'd'] : [])].filter((n) => !(n in syms.parameters));
  for (const side of [rel.lhs, rel.rhs]) {
    try {
      compiledCoef(parseMath(side), syms, extra);
    } catch (e) {
      if (e instanceof LangError || e instanceof RangeError) return [{ path: 'relation', message: e.message }];
      throw e;
    }
  }
  return [];
}

async function decideVacuousClaim(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  const syms = langSymbols(env, record);
  const rel = splitRelation(barsToAbs(String(record.relation)));
  if (!rel) throw new LangError(`relation: expected "lhs REL rhs", got "${String(record.relation)}"`);
  const r = rel.rel === '==' ? '=' : rel.rel;
  if (!(r in HOLDS)) throw new LangError(`relation: unsupported ${rel.rel}`);
  const vanishing = ((record.vanishing as string[]) ?? []).map(String);
  const norms = ((record.nonnegative as string[]) ?? []).map(String);
  const free = ((record.free as string[] | undefined) ?? []).map(String);
  const lhs = parseMath(rel.lhs);
  const rhs = parseMath(rel.rhs);
  const rng = recordRng(ctx, `${record.id}#norms`);
  const dimName = syms.dimension?.name ?? 'd';
  const dims = record.dimension === undefined ? [undefined] : (Array.isArray(record.dimension) ? record.dimension : [record.dimension]).map(Number);
  // under a vacuity assumption: the claim is checked where ε ≡ 0 is admissible (0 ≤ bound); where
  // the assumption admits nothing the claim holds vacuously, and a point there is no witness
  let assumption: { id: string; outcome?: VacuityOutcome } | undefined;
  if (record.kind === 'vacuous-claim') {
    const id = String(record.assumption);
    const asm = env.set.claims.find((c) => c.id === id);
    assumption = { id, outcome: asm && asm.kind === 'vacuity' ? await decideVacuity(asm, env, ctx) : undefined };
  }
  // a norm-inequality also at far scales, one parameter at a time (exact, so cheap)
  const uniform = domainPoints(record, env, ctx, 10);
  const relationParameters = [...identifiersUsed(JSON.stringify([record.relation, record.define ?? []]), env)].filter((v) => v in syms.parameters);
  const sampled = record.kind === 'norm-inequality' ? [...uniform, ...farPoints(record, env, uniform.slice(0, 2), relationParameters)] : uniform;
  const admissible = assumption?.outcome ? sampled.filter((at) => assumption!.outcome!.admissibleAt(at)) : sampled;
  const points = admissible.flatMap((at) => dims.map((d) => (d === undefined ? at : { ...at, [dimName]: q(d) })));
  const trials: Record<string, Rational>[] = [];
  for (const at of points) {
    const base = { ...at, ...Object.fromEntries(vanishing.map((v) => [v, Rational.ZERO])), ...Object.fromEntries(free.map((v) => [v, q(Math.floor(rng() * 41) - 20, Math.floor(rng() * 4) + 1)])) };
    // each norm alone (catches a negative coefficient), then random norms, then every norm 0 (a
    // strict relation fails there when both sides vanish, e.g. 0 < c·N at N = 0)
    for (let k = 0; k < norms.length; k++) trials.push({ ...base, ...Object.fromEntries(norms.map((n, i) => [n, i === k ? Rational.ONE : Rational.ZERO])) });
    trials.push({ ...base, ...Object.fromEntries(norms.map((n) => [n, q(Math.floor(rng() * 20) + 1, Math.floor(rng() * 4) + 1)])) });
    if (norms.length) trials.push({ ...base, ...Object.fromEntries(norms.map((n) => [n, Rational.ZERO])) });
  }
  const firstTrials: string[] = [];
  let undefinedAt: UndefinedCoefficient | undefined;
  for (const [ti, at] of trials.entries()) {
    let L: Rational, R: Rational;
    try {
      L = coefValue(lhs, syms, at);
      R = coefValue(rhs, syms, at);
    } catch (e) {
      // a divisor that vanishes at a point of the domain: the printed relation is undefined there
      // (a violation at another trial, where it is defined, still refutes)
      if (!(e instanceof UndefinedCoefficient)) throw e;
      undefinedAt ??= e;
      continue;
    }
    const s = L.sub(R).sign();
    const shown = Object.fromEntries(Object.entries(at).filter(([k]) => new RegExp(`\\b${k}\\b`).test(`${String(record.relation)} ${syms.definitions.filter((x) => /\b(min|max)\(/.test(x)).join(' ')}`)));
    if (ti <= norms.length) firstTrials.push(`lhs = ${L}, rhs = ${R} at ${pointText(shown)}`);
    if (!HOLDS[r](s) && record.kind === 'norm-inequality') {
      const text = `lhs = ${L}, rhs = ${R}, printed ${r}, at ${pointText(shown)}`;
      return { verdict: 'refuted', method: 'exact', summary: `fails: ${text} (exact)`, evidence: { reading: `${norms.join(', ')} are norms (≥ 0, realisable independently)` }, witness: Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.toString()])), decisive: `violated ${text}; dimensions ${dims.join(',')}` };
    }
    if (!HOLDS[r](s)) {
      const text = `at the admissible case (${vanishing.join(', ')} = 0): lhs = ${L}, rhs = ${R}, printed ${r}, at ${pointText(shown)}`;
      return {
        verdict: 'refuted',
        method: 'exact',
        summary: `false already at the one admissible case: ${text} (exact)`,
        evidence: { reading: `${vanishing.join(', ')} vanish at the admissible case; ${norms.join(', ')} are norms (≥ 0, realisable independently)` },
        witness: Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.toString()])),
        decisive: `violated ${text}`,
      };
    }
  }
  if (undefinedAt) {
    const where = Object.fromEntries(Object.entries(undefinedAt.at).map(([k, v]) => [k, v.toString()]));
    return { verdict: 'inconclusive', method: 'exact', summary: `${undefinedAt.message}: the printed relation is not defined there (state the hypothesis that excludes it)`, evidence: { undefinedAt: where, coefficient: undefinedAt.text }, decisive: `undefined: ${undefinedAt.text}` };
  }
  const first = firstTrials.join('; ');
  if (record.kind === 'norm-inequality') {
    const whole = await normsOnTheWholeDomain(record, env, ctx, norms, free, dims, dimName);
    if (whole && whole.verdict !== 'inconclusive') return { ...whole, evidence: { trials: trials.length, firstTrials: first, ...whole.evidence }, ...(record.dimension !== undefined ? { dimensions: dims as number[] } : {}) };
    if (trials.length === 0) return noTrials('exact', record);
    // the solvers left the whole domain undecided (a model that does not re-check exactly, a
    // divisor that vanishes there, no answer): the exact trials at rational points are no evidence
    // against a failure at an irrational one, or where the relation is undefined
    if (whole) {
      return {
        verdict: 'inconclusive',
        method: 'exact',
        summary: `holds exactly on ${trials.length} trials at ${points.length} exact domain points; on the whole domain ${whole.summary}`,
        evidence: { trials: trials.length, firstTrials: first, ...whole.evidence },
        ...(record.dimension !== undefined ? { dimensions: dims as number[] } : {}),
        decisive: `holds at the trials; ${whole.decisive ?? 'undecided on the whole domain'}`,
      };
    }
    return {
      verdict: 'supported',
      method: 'exact',
      summary: `holds exactly on ${trials.length} trials (each norm alone, random norms, all 0) at ${points.length} exact domain points`,
      evidence: { trials: trials.length, firstTrials: first, scope: 'exact at each trial; the domain is sampled, not covered' },
      ...(record.dimension !== undefined ? { dimensions: dims as number[] } : {}),
      decisive: `holds; ${first}`,
    };
  }
  const id = assumption!.id;
  const a = assumption!.outcome;
  if (!a) return { verdict: 'inconclusive', method: 'exact', summary: `assumption ${id} is not a vacuity record`, evidence: {}, decisive: `holds at the admissible case; ${first}; no vacuity record ${id}` };
  const skipped = sampled.length - admissible.length;
  const evidence = { assumption: { id, verdict: a.result.verdict, summary: a.result.summary }, atAdmissible: `${trials.length} exact trials at ${points.length} domain points, ${vanishing.join(', ')} = 0: the relation holds`, firstTrial: first, ...(skipped ? { notAdmissible: `${skipped} of ${sampled.length} sampled points: ${id} admits nothing there (its bound is negative)` } : {}) };
  if (a.emptyEverywhere) return { verdict: 'vacuous', method: 'exact', summary: `${id} admits nothing at all (its bound is negative on the whole domain)`, evidence, decisive: `vacuous: ${id} is empty` };
  if (!points.length) return { verdict: 'inconclusive', method: 'exact', summary: `no sampled domain point where ${id} admits ε ≡ 0: the claim was not checked`, evidence, decisive: `unchecked: ${id} admits nothing at the sampled points` };
  if (!a.vacuous) return { verdict: 'inconclusive', method: 'exact', summary: `holds at ${vanishing.join(', ')} = 0, but ${id} admits other cases, not decided here`, evidence, decisive: `holds at the admissible case; ${first}; ${id} not vacuous` };
  // the admissible case on its whole domain, not only at the trials: the vanishing terms 0, the
  // norms ≥ 0 and free, where ε ≡ 0 is admissible (0 ≤ bound)
  const asm = env.set.claims.find((c) => c.id === id)!;
  const admissibleWhere = asm.bound !== undefined && String(asm.bound) !== '' ? [`${String(asm.bound)} >= 0`] : [];
  const whole = await normsOnTheWholeDomain(record, env, ctx, norms, free, dims, dimName, { vanishing, forall: admissibleWhere });
  const at = `at the admissible case (${vanishing.join(', ')} = 0)`;
  if (whole?.verdict === 'refuted') return { ...whole, summary: `false already at the one admissible case: ${whole.summary}`, evidence: { ...evidence, ...whole.evidence }, decisive: `violated ${at}: ${whole.decisive ?? ''}` };
  if (whole?.verdict === 'inconclusive') {
    return { verdict: 'inconclusive', method: 'exact', summary: `${id} admits only the trivial case; ${at} the claim holds at ${trials.length} exact trials, but on the whole domain ${whole.summary}`, evidence: { ...evidence, ...whole.evidence }, decisive: `holds at the trials ${at}; ${whole.decisive ?? ''}` };
  }
  return {
    verdict: 'vacuous',
    method: 'exact',
    summary: `${id} admits only the trivial case, where the claim holds (${vanishing.join(', ')} = 0; ${trials.length} exact trials${whole ? `; ${whole.summary}` : ''})`,
    evidence: { ...evidence, ...(whole?.evidence ?? {}) },
    decisive: `vacuous; at the admissible case ${first}${whole?.decisive ? `; ${whole.decisive}` : ''}`,
  };
}

/**
 * A norm-inequality on the whole domain, not only at sampled trials: the norms as parameters ≥ 0
 * and the free symbols as reals, decided as an `inequality` (Z3 and cvc5 on the negation, solver
 * models re-checked exactly) at each printed dimension. A strict relation that fails only where
 * the sides are equal (a set sampling never hits) is refuted here. `proved` when every dimension
 * is proved, `refuted` with the first re-checked witness, `inconclusive` with the inequality's
 * reason where it is undecided with evidence against it (a solver's counterexample at an
 * irrational point, a divisor that vanishes on the domain: common.ts evidenceAgainst); undefined
 * otherwise (no answer, a relation it cannot pose: the trials stand). `admissible`
 * (vacuous-claim): the vanishing terms are 0 there and its hypotheses (ε ≡ 0 admissible) are added.
 */
async function normsOnTheWholeDomain(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext, norms: string[], free: string[], dims: (number | undefined)[], dimName: string, admissible?: { vanishing: string[]; forall: string[] }): Promise<CheckResult | undefined> {
  const inequality = getProcedure('inequality');
  if (!inequality) return undefined;
  const printed = String(record.relation);
  const mentionsDim = new RegExp(`\\b${dimName}\\b`);
  const declared = env.set.symbols.parameters;
  const parameters = { ...declared };
  const forall = [...((record.forall as string[] | undefined) ?? []).map(String)];
  for (const n of norms) {
    if (n in declared) forall.push(`${n} >= 0`);
    else parameters[n] = { domain: '>= 0' };
  }
  for (const f of free) if (!(f in declared)) parameters[f] = { domain: 'real' };
  for (const v of admissible?.vanishing ?? []) {
    if (!(v in declared)) parameters[v] = { domain: 'real' };
    forall.push(`${v} = 0`);
  }
  forall.push(...(admissible?.forall ?? []));
  const set = { ...env.set, symbols: { ...env.set.symbols, parameters } };
  const outcomes: CheckResult[] = [];
  for (const d of dims) {
    if (d === undefined && (mentionsDim.test(printed) || env.set.symbols.definitions.some((x) => mentionsDim.test(x)))) return undefined;
    if (d !== undefined && [...env.set.symbols.definitions, ...((record.define as string[] | undefined) ?? []).map(String)].some((x) => mentionsDim.test(x))) return undefined;
    const relation = d === undefined ? printed : printed.replace(new RegExp(`\\b${dimName}\\b`, 'g'), `(${d})`);
    // every printed field of the record (define, substitute, …) but the norms, which are parameters here
    const r = await inequality.decide({ ...record, id: `${record.id}#norms`, kind: 'inequality', relation, forall, nonnegative: undefined, dimension: undefined, corrected: undefined }, { set }, ctx);
    const at = d === undefined ? '' : ` (${dimName} = ${d})`;
    if (r.verdict === 'refuted') return { verdict: 'refuted', method: r.method, summary: `${r.summary}${at}: the norms are independent values ≥ 0`, evidence: { wholeDomain: r.evidence }, witness: r.witness, decisive: `violated${at}: ${r.decisive ?? ''}` };
    // undecided: evidence against it (a counterexample with no exact form, a point where it is
    // undefined) makes the claim inconclusive; otherwise (no answer, a relation the inequality
    // kind cannot pose) the exact trials stand
    if (r.verdict !== 'proved') return evidenceAgainst(r.evidence) ? { verdict: 'inconclusive', method: r.method, summary: `${r.summary}${at}`, evidence: { wholeDomain: r.evidence }, decisive: `undecided${at}: ${r.decisive ?? ''}` } : undefined;
    outcomes.push(r);
  }
  if (outcomes.length === 0) return undefined;
  const basis = outcomes.every((o) => o.basis === 'two-solvers') ? 'two-solvers' : outcomes.every((o) => o.basis) ? 'one-solver' : outcomes[0].basis;
  return { verdict: 'proved', method: 'z3', basis, summary: `holds for every parameter point and all norms ≥ 0${dims[0] === undefined ? '' : ` at ${dimName} = ${dims.join(', ')}`} (${outcomes.map((o) => o.summary).join('; ')})`, evidence: { wholeDomain: outcomes.map((o) => o.evidence) }, decisive: `holds: ${outcomes.map((o) => o.decisive).join('; ')}` };
}
