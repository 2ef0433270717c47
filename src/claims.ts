/**
 * The claim model: a claim of the paper is data (id, source, statement, hypotheses);
 * its check is a function returning a verdict with evidence. See DESIGN.md, "Verdicts".
 *
 * `proofs/` builds claims from this module only; backends arrive through `CheckContext`.
 */

export type Verdict = 'proved' | 'refuted' | 'supported' | 'vacuous' | 'inconclusive' | 'error';

export type Method =
  | 'exact'
  | 'z3'
  | 'interval'
  | 'quadrature'
  | 'monte-carlo'
  | 'property-search'
  | 'simulation'
  | 'spectral';

export const VERDICTS: readonly Verdict[] = ['proved', 'refuted', 'supported', 'vacuous', 'inconclusive', 'error'];

/**
 * What a `proved` rests on (issue 12): `kernel` an exact identity or computation of our kernel,
 * `certificate` a certificate re-checked in the kernel, `two-solvers` Z3 and cvc5 both `unsat`,
 * `one-solver` only one solver answered, `given-cited` it rests on cited results (listed in `uses`).
 */
export type Basis = 'kernel' | 'certificate' | 'two-solvers' | 'one-solver' | 'given-cited';

/** Whether a claim follows from what it uses (issue 11): see src/graph.ts. */
export type Established = 'yes' | 'conditional' | 'no';

/** A corrected statement, with its own verdict (DESIGN.md: `corrected`). */
export interface Corrected {
  statement: string;
  latex?: string;
  verdict: Verdict;
  method: Method;
  evidence?: Record<string, unknown>;
  /** For a `proved` corrected statement. */
  basis?: Basis;
  /** `all` (every d ≥ 1) or the dimensions checked. */
  dimensions?: 'all' | number[];
  summary?: string;
  witness?: unknown;
}

/** One step of a derivation, printed by `hypocheck derive ID`. */
export interface DerivationStep {
  /** What this step does, citing the lemma or equation behind it. */
  title: string;
  /** The result in Unicode text. */
  text: string;
  /** The same in LaTeX. */
  latex?: string;
}

/** What a check returns. `summary` is the one-line evidence of the terminal table. */
export interface CheckResult {
  verdict: Verdict;
  method: Method;
  summary: string;
  evidence: Record<string, unknown>;
  /** Exact rational parameters (as strings) or an integrand description, etc. */
  witness?: unknown;
  corrected?: Corrected | null;
  derivation?: DerivationStep[];
  /** Required on `proved`: what the proof rests on. */
  basis?: Basis;
  /** `all` (every d ≥ 1) or the dimensions checked; absent where no dimension enters. */
  dimensions?: 'all' | number[];
  /**
   * The decisive evidence in one canonical string (a residual, a witness, a rate): `hypocheck
   * mutate` calls a datum read when perturbing it changes the verdict or this string.
   */
  decisive?: string;
}

/** Which Gaussian-measure integrator the numeric checks use (`--backend`). */
export type BackendChoice = 'auto' | 'gpu' | 'cpu' | 'qmc' | 'quadrature';

/**
 * Backends and run settings, passed in (never imported as singletons), so tests can pass
 * fakes. Each service is optional; a check that needs a missing one returns `inconclusive`.
 */
export interface CheckContext {
  /** Master seed of the run; checks derive their own streams from it. */
  seed: number;
  /** Progress lines for long checks (printed to stderr by the CLI, ignored in tests). */
  progress: (message: string) => void;
  /** Aborted on Ctrl-C; long searches stop and keep what they found. */
  signal?: AbortSignal;
  /** Services, by name: 'z3' (symbolic/z3.ts Z3Decider), 'integrators' (numeric/integrator.ts IntegratorSet). */
  services: ServiceRegistry;
  /** The integrator choice for numeric checks. @defaultValue 'auto' */
  backend: BackendChoice;
  /** Work scale: 1 = the default report; tests use smaller values. @defaultValue 1 */
  effort: number;
}

/** Lazily created, shared services (Z3 is initialised once per run). */
export interface ServiceRegistry {
  get<T>(name: string): Promise<T>;
  /** True when the service can be created (without creating it). */
  has(name: string): boolean;
}

/** A claim of the paper, as data. */
export interface Claim {
  /** DESIGN.md id: `eq:2.3`, `thm:3.1:case1`, … */
  id: string;
  /** Where it is printed: "Theorem 3.1, (3.6)". */
  source: string;
  /** The statement as printed, in Unicode text. */
  statement: string;
  /** The statement in LaTeX. */
  latex?: string;
  /** Named hypotheses: "hGammaPos: γ > 0". */
  hypotheses: string[];
  /** The check deciding it. */
  check: (ctx: CheckContext) => Promise<CheckResult> | CheckResult;
  /** Optional step-by-step derivation for `hypocheck derive`. */
  derive?: () => DerivationStep[] | Promise<DerivationStep[]>;
  /** Claims and cited results it rests on (the proof graph, issue 11). */
  uses?: string[];
  /** The procedure kind deciding it (records of src/claim-record.ts); `custom` for legacy closures. */
  kind?: string;
  /** A short name for headlines. */
  title?: string;
  /** The record it was instantiated from, when it is data. */
  record?: import('./claim-record.ts').ClaimRecord;
}

/** A claim's outcome as written to the report (DESIGN.md schema; extend, don't rename). */
export interface ClaimReport {
  id: string;
  source: string;
  statement: string;
  verdict: Verdict;
  method: Method;
  witness: unknown;
  corrected: Corrected | null;
  evidence: Record<string, unknown>;
  reproduce: string;
  ms: number;
  summary: string;
  latex?: string;
  hypotheses: string[];
  /** Procedure kind. */
  kind?: string;
  /** A short name for headlines ("Theorem 3.1 as printed"). */
  title?: string;
  /** Claims and cited results it rests on. */
  uses: string[];
  /** Filled by src/graph.ts after a run. */
  established?: Established;
  brokenAt?: string[];
  basis?: Basis;
  dimensions?: 'all' | number[];
  decisive?: string;
}

/**
 * A figure carried in a check's evidence as data (proofs/ draws nothing): the report layer
 * (src/html.ts, `hypocheck figure`) renders it with `linePlot` of src/plot.ts.
 */
export interface PlotSpec {
  kind: 'line-plot';
  title: string;
  xLabel: string;
  yLabel: string;
  series: { name: string; points: Array<[number, number]>; dashed?: boolean; color?: string; markers?: boolean }[];
  logY?: boolean;
  width?: number;
  height?: number;
}

export function isPlotSpec(v: unknown): v is PlotSpec {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'line-plot';
}

/** Helper for checks: the `error` verdict with a reason. */
export function errorResult(method: Method, reason: string): CheckResult {
  return { verdict: 'error', method, summary: reason, evidence: { reason } };
}

/** Helper for checks: the `inconclusive` verdict with a reason. */
export function inconclusive(method: Method, reason: string, evidence: Record<string, unknown> = {}): CheckResult {
  return { verdict: 'inconclusive', method, summary: reason, evidence: { reason, ...evidence } };
}

/** Worst verdict of several sub-checks, for a claim made of parts (refuted dominates). */
export function combineVerdicts(vs: readonly Verdict[]): Verdict {
  const order: Verdict[] = ['error', 'refuted', 'inconclusive', 'vacuous', 'supported', 'proved'];
  for (const v of order) if (vs.includes(v)) return v;
  return 'inconclusive';
}
