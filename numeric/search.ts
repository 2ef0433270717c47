/**
 * Counterexample search: fast-check draws and SHRINKS a failing case (lowest d, simplest
 * function, round parameters), then a local optimiser (Nelder–Mead) maximises the violation,
 * and the result is re-checked by an independent procedure (exact moments or another backend)
 * before anyone may call it a refutation. Also: integrator choice and the 6σ confirmation rule
 * of DESIGN.md shared by the numeric claims.
 */
import fc from 'fast-check';
import type { Integrand } from './expr.ts';
import type { Estimate, GaussianIntegrator, GaussianWeight, IntegratorSet } from './integrator.ts';

// ---------------------------------------------------------------- integrators and the 6σ rule

/** The primary integrator for a `--backend` choice and an independent one to confirm with. */
export interface IntegratorChoice {
  primary: GaussianIntegrator;
  /** A different backend when one exists, else the primary with another seed. */
  independent: GaussianIntegrator;
  independentIsOtherBackend: boolean;
}

/** Preference of `--backend auto`: samplers first (error bars), quadrature as confirmation. */
const AUTO_ORDER = ['gpu', 'cpu', 'qmc', 'quadrature'] as const;

/** Pick integrators from the run's set; undefined when the set is empty or the named one is missing. */
export function chooseIntegrators(set: IntegratorSet, backend: string): IntegratorChoice | undefined {
  const names = AUTO_ORDER.filter((n) => set[n]);
  const primaryName = backend === 'auto' ? names[0] : (AUTO_ORDER as readonly string[]).includes(backend) && set[backend as keyof IntegratorSet] ? backend : undefined;
  if (!primaryName) return undefined;
  const primary = set[primaryName as keyof IntegratorSet]!;
  const otherName = (['quadrature', 'cpu', 'qmc', 'gpu'] as const).find((n) => n !== primaryName && set[n]);
  return otherName ? { primary, independent: set[otherName]!, independentIsOtherBackend: true } : { primary, independent: primary, independentIsOtherBackend: false };
}

/** One output's estimate with its error bar and the 6σ decision. */
export interface MarginEstimate {
  /** RHS − LHS (negative = violation). */
  margin: number;
  stderr: number;
  /** margin / stderr (±∞ when stderr is 0). */
  sigmas: number;
  backend: string;
  samples: number;
}

/** Read output `k` of an estimate as a margin. */
export function marginOf(est: Estimate, k: number): MarginEstimate {
  const margin = est.mean[k];
  const stderr = est.stderr[k];
  return { margin, stderr, sigmas: stderr > 0 ? margin / stderr : margin === 0 ? 0 : margin > 0 ? Infinity : -Infinity, backend: est.backend, samples: est.samples };
}

/**
 * DESIGN.md's rule for integral claims: a violation counts only beyond 6 standard errors AND
 * when an independent backend also sees it (beyond 6σ, or — quadrature, stderr 0 — with the same
 * sign and within `relTol` of the primary).
 */
export function confirmsViolation(primary: MarginEstimate, independent: MarginEstimate, relTol = 0.05): boolean {
  if (!(primary.sigmas < -6)) return false;
  // A deterministic backend cannot confirm itself; the same sampling backend may (another seed).
  if (independent.backend === primary.backend && (independent.stderr === 0 || primary.stderr === 0)) return false;
  if (independent.stderr > 0) return independent.sigmas < -6;
  return independent.margin < 0 && Math.abs(independent.margin - primary.margin) <= relTol * Math.abs(primary.margin) + 6 * primary.stderr;
}

/** A strict claim is supported only when its margin exceeds this many standard errors. */
export const STRICT_SUPPORT_SIGMAS = 3;

/**
 * The other half of the rule: when an estimate is evidence FOR a claim "margin ≥ 0" (non-strict:
 * ≤, ≥) or "margin > 0" (strict: <, >), the margin oriented so that the claim says it is
 * non-negative (positive). σ is the estimate's standard error; a deterministic backend (σ = 0)
 * counts a floating floor 1e-9·(1 + |margin|) instead.
 *
 *  - strict: supported only when margin > 3σ. Within 3σ of 0 (or below) the sampling cannot tell
 *    the strict claim from equality or a small violation: inconclusive.
 *  - non-strict: supported only when margin ≥ 0. A negative margin within the error bars is
 *    consistent with equality and with a small violation alike: inconclusive.
 *  - a violation beyond 6σ confirmed by a different backend is a refutation (confirmsViolation),
 *    for both; beyond 6σ unconfirmed is inconclusive.
 *
 * Returns undefined when the estimate supports the claim, else the reason it does not.
 */
export function marginShortfall(m: Pick<MarginEstimate, 'margin' | 'stderr'>, strict: boolean): string | undefined {
  const sigma = m.stderr > 0 ? m.stderr : 1e-9 * (1 + Math.abs(m.margin));
  const text = `margin ${m.margin.toPrecision(4)} ± ${m.stderr.toPrecision(2)}`;
  if (!Number.isFinite(m.margin)) return `${text} is not a number`;
  if (strict) {
    if (m.margin > STRICT_SUPPORT_SIGMAS * sigma) return undefined;
    return `${text} is not beyond ${STRICT_SUPPORT_SIGMAS}σ of 0: the sampling cannot tell the strict relation from equality or a small violation`;
  }
  if (m.margin >= 0) return undefined;
  return `${text} is negative within the error bars: the sampling cannot tell the relation from a small violation`;
}

/** Integrate on the primary and, for outputs showing a > 6σ violation, on the independent backend. */
export async function integrateMargins(
  choice: IntegratorChoice,
  f: Integrand,
  weight: GaussianWeight,
  marginOutputs: readonly number[],
  opts: { samples: number; quadratureNodes: number; seed: number; signal?: AbortSignal },
): Promise<{ primary: Estimate; independent?: Estimate; margins: { primary: MarginEstimate; independent?: MarginEstimate; confirmed: boolean }[] }> {
  const samplesFor = (g: GaussianIntegrator) => (g.name.startsWith('quadrature') ? opts.quadratureNodes : opts.samples);
  const primary = await choice.primary.integrate(f, weight, { samples: samplesFor(choice.primary), seed: opts.seed, signal: opts.signal });
  const prim = marginOutputs.map((k) => marginOf(primary, k));
  if (!prim.some((m) => m.sigmas < -6)) return { primary, margins: prim.map((p) => ({ primary: p, confirmed: false })) };
  const independent = await choice.independent.integrate(f, weight, { samples: samplesFor(choice.independent), seed: opts.seed + 7919, signal: opts.signal });
  return {
    primary,
    independent,
    margins: prim.map((p, i) => {
      const ind = marginOf(independent, marginOutputs[i]);
      return { primary: p, independent: ind, confirmed: confirmsViolation(p, ind) };
    }),
  };
}

// ---------------------------------------------------------------- counterexample search

/**
 * What a search needs to know about a claim: how to draw cases, the floating margin
 * (RHS − LHS, relative; < 0 is a violation), optional continuous knobs for the local optimiser,
 * and an independent re-check (exact moments for polynomial cases) that alone may confirm.
 */
export interface SearchTarget<T> {
  id: string;
  /** The claim as searched, one line. */
  statement: string;
  arbitrary: fc.Arbitrary<T>;
  /** Relative margin (RHS − LHS)/scale in floating point; negative = violation; +∞ if trivially true. */
  margin: (t: T) => number;
  /** Continuous knobs: read them, and write them back (rounded to exact values) into a case. */
  knobs?: { get: (t: T) => number[]; set: (t: T, x: readonly number[]) => T };
  /** Independent re-check (exact where possible); only a confirmed case is reported as a counterexample. */
  recheck: (t: T) => { violated: boolean; evidence: Record<string, unknown> };
  /** JSON-able description of a case (exact values as strings). */
  describe: (t: T) => Record<string, unknown>;
}

export interface SearchOptions {
  /** Random cases to try. @defaultValue 200 */
  budget?: number;
  /** fast-check seed. @defaultValue 1 */
  seed?: number;
  /** Nelder–Mead evaluations after shrinking. @defaultValue 300 */
  optimiserEvaluations?: number;
  /** Stops the search (Ctrl-C); what was found so far is kept. */
  signal?: AbortSignal;
  /** Called every `progressEvery` predicate calls with (calls, budget). */
  onProgress?: (calls: number, budget: number) => void;
  /** @defaultValue 50 */
  progressEvery?: number;
  /** A case violates only when its relative margin is below −tolerance (float rounding at extremals). @defaultValue 1e-9 */
  tolerance?: number;
  /** Predicate calls between yields to the event loop (lets SIGINT through). @defaultValue 25 */
  yieldEvery?: number;
}

export interface SearchReport {
  id: string;
  statement: string;
  seed: number;
  budget: number;
  /** Random cases drawn (before shrinking). */
  trials: number;
  /** Predicate calls including shrinking. */
  evaluations: number;
  interrupted: boolean;
  /** Smallest relative margin over the random cases (negative = violation). */
  worstMargin: number;
  worstCase?: Record<string, unknown>;
  /** Present when a violation was found AND confirmed by the independent re-check. */
  counterexample?: {
    shrunk: Record<string, unknown>;
    shrunkMargin: number;
    shrinkSteps: number;
    recheck: Record<string, unknown>;
    optimised?: { case: Record<string, unknown>; margin: number; recheck: Record<string, unknown>; confirmed: boolean };
  };
  /** A float violation the re-check did not confirm (reported, never as a refutation). */
  unconfirmed?: { case: Record<string, unknown>; margin: number; recheck: Record<string, unknown> };
}

/**
 * Run the search: fast-check with shrinking, then Nelder–Mead on the knobs, then the re-check.
 * Deterministic in the seed. Async only to yield to the event loop (every `yieldEvery` cases) so
 * Ctrl-C can abort a long search.
 */
export async function runSearch<T>(target: SearchTarget<T>, options: SearchOptions = {}): Promise<SearchReport> {
  const { budget = 200, seed = 1, optimiserEvaluations = 300, signal, onProgress, progressEvery = 50, tolerance = 1e-9, yieldEvery = 25 } = options;
  if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`runSearch: budget must be a positive integer, got ${budget}`);
  let evaluations = 0;
  let trials = 0;
  let shrinking = false;
  let worst = Infinity;
  let worstCase: T | undefined;
  let interrupted = false;
  const predicate = async (t: T): Promise<boolean> => {
    evaluations++;
    if (evaluations % yieldEvery === 0) await new Promise((r) => setTimeout(r, 0));
    if (evaluations % progressEvery === 0) onProgress?.(evaluations, budget);
    if (signal?.aborted) {
      interrupted = true;
      return true;
    }
    const m = target.margin(t);
    if (!shrinking) {
      trials++;
      if (m < worst) {
        worst = m;
        worstCase = t;
      }
    }
    const violated = m < -tolerance || Number.isNaN(m);
    if (violated) shrinking = true;
    return !violated;
  };
  const details = await fc.check(fc.asyncProperty(target.arbitrary, predicate), { seed, numRuns: budget, endOnFailure: false });
  const report: SearchReport = {
    id: target.id,
    statement: target.statement,
    seed,
    budget,
    trials,
    evaluations,
    interrupted,
    worstMargin: worst,
    worstCase: worstCase === undefined ? undefined : target.describe(worstCase),
  };
  if (!details.failed || !details.counterexample) return report;
  const shrunk = details.counterexample[0] as T;
  const shrunkMargin = target.margin(shrunk);
  const recheck = target.recheck(shrunk);
  if (!recheck.violated) {
    report.unconfirmed = { case: target.describe(shrunk), margin: shrunkMargin, recheck: recheck.evidence };
    return report;
  }
  report.counterexample = { shrunk: target.describe(shrunk), shrunkMargin, shrinkSteps: details.numShrinks, recheck: recheck.evidence };
  if (target.knobs && !signal?.aborted) {
    const { get, set } = target.knobs;
    const x0 = get(shrunk);
    const best = nelderMead((x) => {
      const m = target.margin(set(shrunk, x));
      return Number.isFinite(m) ? m : 1e9;
    }, x0, { maxEvaluations: optimiserEvaluations, signal });
    const opt = set(shrunk, best.x);
    const m = target.margin(opt);
    const r = target.recheck(opt);
    report.counterexample.optimised = { case: target.describe(opt), margin: m, recheck: r.evidence, confirmed: r.violated };
  }
  return report;
}

export interface NelderMeadOptions {
  /** @defaultValue 300 */
  maxEvaluations?: number;
  /** Initial simplex step per coordinate. @defaultValue 0.25 */
  step?: number;
  signal?: AbortSignal;
}

/** Minimise f from x0 by Nelder–Mead (standard coefficients 1, 2, ½, ½); deterministic. */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): { x: number[]; value: number; evaluations: number } {
  const { maxEvaluations = 300, step = 0.25, signal } = options;
  const n = x0.length;
  if (n === 0) return { x: [], value: f([]), evaluations: 1 };
  let evals = 0;
  const F = (x: number[]) => {
    evals++;
    return f(x);
  };
  let simplex = [x0.slice(), ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + (v !== 0 ? step * Math.abs(v) : step) : v)))].map((x) => ({ x, v: F(x) }));
  while (evals < maxEvaluations && !signal?.aborted) {
    simplex.sort((a, b) => a.v - b.v);
    const c = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j], 0) / n);
    const worst = simplex[n];
    const along = (t: number) => c.map((cj, j) => cj + t * (worst.x[j] - cj));
    const r = { x: along(-1), v: 0 };
    r.v = F(r.x);
    if (r.v < simplex[0].v) {
      const e = { x: along(-2), v: 0 };
      e.v = F(e.x);
      simplex[n] = e.v < r.v ? e : r;
    } else if (r.v < simplex[n - 1].v) simplex[n] = r;
    else {
      const k = { x: along(r.v < worst.v ? -0.5 : 0.5), v: 0 };
      k.v = F(k.x);
      if (k.v < Math.min(r.v, worst.v)) simplex[n] = k;
      else simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((xj, j) => simplex[0].x[j] + 0.5 * (xj - simplex[0].x[j])), v: 0 })).map((p, i) => (i === 0 ? p : { x: p.x, v: F(p.x) }));
    }
    const spread = Math.abs(simplex[simplex.length - 1].v - simplex[0].v);
    if (spread < 1e-12) break;
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v, evaluations: evals };
}
