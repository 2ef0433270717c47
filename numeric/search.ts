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
  if (independent.stderr > 0) return independent.sigmas < -6;
  return independent.margin < 0 && Math.abs(independent.margin - primary.margin) <= relTol * Math.abs(primary.margin) + 6 * primary.stderr;
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
