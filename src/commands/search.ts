/**
 * `hypocheck search ID [--budget N] [--seed S]`: counterexample search for a claim (numeric/search.ts).
 * fast-check draws and shrinks cases from ./search-cases.ts; Nelder–Mead maximises the
 * violation; every reported counterexample is re-checked exactly (symbolic/moments.ts) and printed
 * with the one command that reproduces it. Same seed, same output.
 */
import type { Command } from 'commander';
import fc from 'fast-check';
import pc from 'picocolors';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError, parseNumberFlag } from '../errors.ts';
import { toJson } from '../report.ts';
import { runSearch, type SearchReport, type SearchTarget } from '../../numeric/search.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { hermiteTermsPoly, hermiteTermArb, paramsArb, positiveRationalArb, type PoincareCase } from './search-cases.ts';
import { polyMeanNumber } from '../../numeric/families.ts';
import { poincareConstantPrinted, poincareSides } from '../../proofs/section3-poincare.ts';
import { a4YoungSides, a6Coefficients, constantC2 } from '../../proofs/appendix.ts';
import { recordSearchTarget, SEARCHABLE_KINDS } from '../search-record.ts';
import { loadSets } from './files.ts';
import { paper } from '../paper-claims.ts';
import type { ClaimSet } from '../claim-record.ts';

const rel = (rhs: number, lhs: number) => (lhs > 0 ? (rhs - lhs) / lhs : rhs >= lhs ? Infinity : -Infinity);
/** exp(x) rounded to a rational with denominator 16, within [1/16, 256] (knobs → exact parameters). */
const roundPositive = (x: number) => q(Math.max(1, Math.round(Math.exp(Math.min(Math.max(x, -3), 5.5)) * 16)), 16);
const roundCoef = (x: number) => Math.round(x * 8) / 8;

export interface PoincareTargetOptions {
  /** Multiplies the printed constant 1/(dβ min{ω₀², 1}) (plant an error with ½). @defaultValue 1 */
  factor?: Rational;
  /** Largest dimension drawn. @defaultValue 3 */
  maxD?: number;
}

/** (3.5) as printed (times `factor`) over mean-zero polynomial h, exact re-check. */
export function poincareTarget(options: PoincareTargetOptions = {}): SearchTarget<PoincareCase> {
  const { factor = Rational.ONE, maxD = 3 } = options;
  const build = (c: PoincareCase) => {
    const w = { omega0Sq: c.params.omega0Sq, beta: c.params.beta };
    return { w, h: hermiteTermsPoly(c.terms, c.params.d, w), K: poincareConstantPrinted(c.params.d, w.omega0Sq, w.beta).mul(factor) };
  };
  const floatSides = (c: PoincareCase) => {
    const { w, h, K } = build(c);
    const wq = w.omega0Sq.toNumber();
    const bq = w.beta.toNumber();
    const lhs = polyMeanNumber(h.mul(h), wq, bq);
    let g = 0;
    for (const y of h.variables()) g += polyMeanNumber(h.diff(y).pow(2), wq, bq);
    return { lhs, rhs: K.toNumber() * g };
  };
  return {
    id: 'eq:3.5',
    statement: `‖h‖²_* ≤ ${factor.isOne() ? '' : `${factor}·`}(1/(dβ min{ω₀², 1}))(‖∇_x h‖²_* + ‖∇_v h‖²_*), ∫hM = 0, h polynomial (Hermite terms)`,
    arbitrary: fc.record({ params: paramsArb(maxD), terms: fc.array(hermiteTermArb(maxD), { minLength: 1, maxLength: 3 }) }),
    margin: (c) => {
      const { lhs, rhs } = floatSides(c);
      return rel(rhs, lhs);
    },
    knobs: {
      get: (c) => [...c.terms.map((t) => t.coef), Math.log(c.params.omega0Sq.toNumber()), Math.log(c.params.beta.toNumber())],
      set: (c, x) => ({
        params: { ...c.params, omega0Sq: roundPositive(x[c.terms.length]), beta: roundPositive(x[c.terms.length + 1]) },
        terms: c.terms.map((t, i) => ({ ...t, coef: roundCoef(x[i]) })),
      }),
    },
    recheck: (c) => {
      const { w, h, K } = build(c);
      const s = poincareSides(h, c.params.d, w, K);
      return { violated: !s.holds, evidence: { method: 'exact moments (symbolic/moments.ts)', normSq: s.lhs.toString(), rhs: s.rhs.toString(), meanOfH: s.mean.toString() } };
    },
    describe: (c) => {
      const { h } = build(c);
      return { d: c.params.d, omega0Sq: c.params.omega0Sq.toString(), beta: c.params.beta.toString(), h: h.toString() };
    },
  };
}

interface YoungCase {
  omega0Sq: Rational;
  gamma: Rational;
  beta: Rational;
  k: number;
  terms: { a: number; b: number; coef: number }[];
}

/** The Young step of (A.4) (d = 1, ε(θ) = kθ so ‖ε′‖∞ = |k| exactly), exact re-check. */
export function youngTarget(): SearchTarget<YoungCase> {
  const hOf = (c: YoungCase) => c.terms.reduce((s, t) => s.add(pv('x1').pow(t.a).mul(pv('v1').pow(t.b)).scale(Rational.fromNumber(t.coef))), Poly.ZERO);
  const sides = (c: YoungCase) => a4YoungSides(q(c.k), hOf(c), { d: 1, omega0Sq: c.omega0Sq, gamma: c.gamma, beta: c.beta });
  return {
    id: 'app:A.4:young',
    statement: '−(γ/ω₀²)⟨ε′(∂_x h − γ∂_v h), ∂_x h⟩_* ≤ (γ/ω₀²)‖ε′‖∞(½‖∂_x h‖² + (γ/2)‖∂_v h‖² + ‖∂_x h‖²), d = 1, ε(θ) = kθ',
    arbitrary: fc.record({
      omega0Sq: positiveRationalArb(),
      gamma: positiveRationalArb(),
      beta: positiveRationalArb(),
      k: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([k, s]) => (s ? -k : k)),
      terms: fc.array(fc.record({ a: fc.integer({ min: 0, max: 2 }), b: fc.integer({ min: 0, max: 2 }), coef: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([k, s]) => (s ? -k : k)) }), { minLength: 1, maxLength: 3 }),
    }),
    margin: (c) => {
      const s = sides(c);
      const scale = Math.max(Math.abs(s.lhs.toNumber()), Math.abs(s.rhs.toNumber()));
      return scale > 0 ? (s.rhs.toNumber() - s.lhs.toNumber()) / scale : Infinity;
    },
    knobs: {
      get: (c) => [Math.log(c.gamma.toNumber()), Math.log(c.omega0Sq.toNumber()), ...c.terms.map((t) => t.coef)],
      set: (c, x) => ({ ...c, gamma: roundPositive(x[0]), omega0Sq: roundPositive(x[1]), terms: c.terms.map((t, i) => ({ ...t, coef: roundCoef(x[2 + i]) })) }),
    },
    recheck: (c) => {
      const s = sides(c);
      return { violated: s.rhs.lt(s.lhs), evidence: { method: 'exact moments', lhs: s.lhs.toString(), rhs: s.rhs.toString() } };
    },
    describe: (c) => ({ d: 1, omega0Sq: c.omega0Sq.toString(), gamma: c.gamma.toString(), beta: c.beta.toString(), epsilon: `${c.k}·θ`, h: hOf(c).toString() }),
  };
}

interface CoefCase {
  omega0Sq: Rational;
  gamma: Rational;
  beta: Rational;
}

/** (A.6)'s ‖h‖² coefficient against the sum of (A.3)'s last term and (A.5) (exact rationals). */
export function a6Target(): SearchTarget<CoefCase> {
  const c6 = (c: CoefCase) => a6Coefficients(c, 1);
  return {
    id: 'app:A.6',
    statement: 'ϵ₀dβ(C₂ + ω₀²/2) ≤ (3/2)ϵ₀C₂dβ (the ‖h‖² coefficient of (A.6))',
    arbitrary: fc.record({ omega0Sq: positiveRationalArb(), gamma: positiveRationalArb(), beta: positiveRationalArb() }),
    margin: (c) => {
      const { sum, printed } = c6(c);
      return (printed.h.toNumber() - sum.h.toNumber()) / printed.h.toNumber();
    },
    knobs: {
      get: (c) => [Math.log(c.omega0Sq.toNumber()), Math.log(c.gamma.toNumber()), Math.log(c.beta.toNumber())],
      set: (_c, x) => ({ omega0Sq: roundPositive(x[0]), gamma: roundPositive(x[1]), beta: roundPositive(x[2]) }),
    },
    recheck: (c) => {
      const { sum, printed } = c6(c);
      return { violated: printed.h.lt(sum.h), evidence: { method: 'exact rationals', C2: constantC2(c).toString(), sum: sum.h.toString(), printed: printed.h.toString() } };
    },
    describe: (c) => ({ omega0Sq: c.omega0Sq.toString(), gamma: c.gamma.toString(), beta: c.beta.toString() }),
  };
}

/** The searchable claims, by id. */
export function searchTargets(): Record<string, () => SearchTarget<any>> {
  return { 'eq:3.5': () => poincareTarget(), 'app:A.4:young': youngTarget, 'app:A.6': a6Target };
}

/** The report as lines (no timings: the same seed prints the same text). */
export function formatSearchReport(r: SearchReport, file?: string): string[] {
  const lines = [`${pc.bold(`search ${r.id}`)} — seed ${r.seed}, budget ${r.budget}`, `claim: ${r.statement}`];
  const reproduce = `hypocheck search ${r.id}${file ? ` --file ${file}` : ''} --seed ${r.seed} --budget ${r.budget}`;
  if (r.counterexample) {
    const c = r.counterexample;
    lines.push(`${pc.red('counterexample')} after ${r.trials} trials, shrunk in ${c.shrinkSteps} steps (relative margin ${c.shrunkMargin.toPrecision(4)}):`);
    lines.push(`  ${toJson(c.shrunk).replace(/\n\s*/g, ' ')}`);
    lines.push(`  re-check: ${toJson(c.recheck).replace(/\n\s*/g, ' ')}`);
    if (c.optimised) {
      lines.push(`optimised (Nelder–Mead, rounded to exact values; ${c.optimised.confirmed ? 'confirmed' : 'NOT confirmed'}), relative margin ${c.optimised.margin.toPrecision(4)}:`);
      lines.push(`  ${toJson(c.optimised.case).replace(/\n\s*/g, ' ')}`);
      lines.push(`  re-check: ${toJson(c.optimised.recheck).replace(/\n\s*/g, ' ')}`);
    }
  } else {
    lines.push(`no counterexample in ${r.trials} trials; worst relative margin ${Number.isFinite(r.worstMargin) ? r.worstMargin.toPrecision(4) : r.worstMargin}${r.worstCase ? ` at ${toJson(r.worstCase).replace(/\n\s*/g, ' ')}` : ''}`);
    if (r.unconfirmed) lines.push(`${pc.yellow('unconfirmed')} float violation (the exact re-check disagrees): ${toJson(r.unconfirmed).replace(/\n\s*/g, ' ')}`);
  }
  if (r.interrupted) lines.push(pc.yellow('interrupted: the report holds what was found so far'));
  lines.push(`reproduce: ${reproduce}`);
  return lines;
}

export function registerSearch(program: Command, io: CliIo, state: CliState): void {
  program
    .command('search')
    .description(`search for a counterexample to a claim: ${Object.keys(searchTargets()).join(', ')}, or any claim of kind ${SEARCHABLE_KINDS.join(', ')} of the paper or of --file`)
    .argument('<id>', 'claim id, e.g. eq:3.5')
    .option('--file <file>', 'a claim file holding the claim (default: the shipped paper)')
    .option('--allow-modules', 'load a claim file that has module: claims (they are not run by search)')
    .option('--budget <n>', 'random cases to try', (v: string) => parseNumberFlag('--budget', v, { integer: true, min: 0, exclusiveMin: true }), 200)
    .option('--seed <n>', 'fast-check seed', (v: string) => parseNumberFlag('--seed', v, { integer: true, min: 0 }), 1)
    .option('--json', 'print the report as JSON')
    .action(async (id: string, opts: { budget: number; seed: number; json?: boolean; file?: string; allowModules?: boolean }) => {
      const targets = searchTargets();
      let target: SearchTarget<any> | undefined = opts.file ? undefined : targets[id]?.();
      if (!target) {
        const set: ClaimSet = opts.file ? loadSets([opts.file], !!opts.allowModules)[0] : paper.set;
        const record = set.claims.find((r) => r.id === id);
        const searchable = set.claims.filter((r) => (SEARCHABLE_KINDS as readonly string[]).includes(r.kind)).map((r) => r.id);
        if (!record) throw new UsageError(`no claim "${id}" in ${opts.file ?? 'the paper'} (searchable: ${[...(opts.file ? [] : Object.keys(targets)), ...searchable].slice(0, 12).join(', ')}${searchable.length > 12 ? ', …' : ''})`);
        try {
          target = recordSearchTarget(record, { set });
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
      }
      const report = await runSearch(target, {
        budget: opts.budget,
        seed: opts.seed,
        signal: state.signal,
        onProgress: (n, b) => io.err(pc.dim(`  … ${n} evaluations (budget ${b})`)),
        progressEvery: 100,
      });
      if (opts.json) io.out(toJson(report));
      else for (const l of formatSearchReport(report, opts.file)) io.out(l);
    });
}
