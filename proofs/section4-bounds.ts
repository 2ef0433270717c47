/**
 * # Section 4 — Proposition 4.1 (c)–(f), and (a), (b) as numeric cross-checks
 *
 * ## Main claims
 * - `prop:4.1:c:1` … `prop:4.1:f` are data now (proofs/zhu-ying-2021/bounds.claims.yaml, kind
 *   vacuous-claim: checked at ε ≡ 0 first, then vacuous under asm:3.1).
 * - The machinery of `prop:4.1:a:numeric`, `prop:4.1:b:numeric` and the local chains (their records
 *   are data; the module checks in proofs/prop41-steps.ts read the printed coefficients):
 * - `prop:4.1:c:local`, `prop:4.1:d:local`, `prop:4.1:e:local`: the proof's steps with the specific
 *   norms each step invokes, where those norms are finite (‖ε_i‖∞, ‖ε′_i‖∞ of bounded ε): (A.2)'s
 *   identity, the pointwise bound |βε·(ω₀²x−γv)| ≤ β(ω₀²|ε·x| + γ|ε·v|) integrated against g², the last
 *   term of (A.3) with max_i‖ε_i‖∞, the end of (A.4) and its (e) analogue with d·max_i‖ε′_i‖∞, Σ_i‖ε′_i‖∞.
 * - `prop:4.1:a:numeric`, `prop:4.1:b:numeric`: ⟨Th,h⟩_* = 0, ⟨Tg,h⟩_* = −⟨g,Th⟩_*,
 *   ⟨Lg,h⟩_* = −(γ/β)⟨∇_v g, ∇_v h⟩_* on non-polynomial g, h (numeric; exact proofs are elsewhere).
 *
 * Integrals go through the run's integrators (`--backend`); a violation counts only beyond 6σ and
 * when an independent backend confirms it (numeric/search.ts `confirmsViolation`).
 *
 * ## References
 * [zhu_ying_2021] Proposition 4.1, Appendix (A.1)–(A.6), Assumption 3.1.
 */
import { constantC2Number } from '../symbolic/constants.ts';
import { combineVerdicts, type CheckContext, type CheckResult, type Claim, type Verdict } from '../src/claims.ts';
import type { ServiceRegistry } from '../src/claims.ts';
import { un, vv, xv, type Expr, type Integrand } from '../numeric/expr.ts';
import type { IntegratorSet } from '../numeric/integrator.ts';
import {
  bumpTestFunction,
  composePerturbation,
  diffExpr,
  gradV,
  gradX,
  meanZero,
  negE,
  perturbationOperatorExpr,
  prodE,
  scaleE,
  sinGaussPerturbation,
  sumE,
  tanhPerturbation,
  trigTestFunction,
  type Perturbation,
  type TestFunction,
} from '../numeric/families.ts';
import { chooseIntegrators, confirmsViolation, marginOf, type IntegratorChoice, type MarginEstimate } from '../numeric/search.ts';


/** One random case of the property tests. */
export interface PropertyCase {
  d: number;
  omega0Sq: number;
  gamma: number;
  beta: number;
  eps: Perturbation;
  g: TestFunction;
  h: TestFunction;
}

/** Seeded uniform generator (mulberry32) for drawing cases; pure. */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Draw case k: d ∈ {1, 2}, ω₀² ∈ [½, 2], γ ∈ [0.3, 3], β ∈ [½, 2], bounded ε (tanh or sin·Gauss), trig / bump g, mean-zero h. */
export function drawPropertyCase(seed: number, k: number): PropertyCase {
  const r = seededUniform(seed * 7919 + k * 104729 + 17);
  const d = r() < 0.5 ? 1 : 2;
  const omega0Sq = round2(0.5 + 1.5 * r());
  const gamma = round2(0.3 + 2.7 * r());
  const beta = round2(0.5 + 1.5 * r());
  const vec = (lo: number, hi: number) => Array.from({ length: d }, () => round2(lo + (hi - lo) * r()));
  const eps = r() < 0.5 ? tanhPerturbation(vec(-0.3, 0.3), vec(0.5, 2)) : sinGaussPerturbation(vec(-0.3, 0.3), vec(0.5, 2), vec(0.2, 1));
  const fn = (): TestFunction =>
    r() < 0.6
      ? trigTestFunction(d, [{ amp: round2(0.5 + r()), kx: vec(-1, 1), kv: vec(-1, 1), phase: round2(6.28 * r()) }])
      : bumpTestFunction(d, round2(0.5 + r()), round2(0.1 + 0.4 * r()), vec(-1, 1), vec(-1, 1));
  const g = fn();
  const h = meanZero(fn(), omega0Sq, beta);
  return { d, omega0Sq, gamma, beta, eps, g, h };
}

/** Output names of the property integrand, in order. */
export const PROPERTY_OUTPUTS = [
  'RgG', // ⟨Rg,g⟩
  'a2Residual', // ⟨Rg,g⟩ + ½⟨βε·F, g²⟩ (A.2) — 0
  'localCMargin', // ½β⟨ω₀²|ε·x| + γ|ε·v|, g²⟩ − ⟨Rg,g⟩ — ≥ 0
  'symResidual', // ⟨Rg,h⟩ + ⟨Rh,g⟩ + ⟨βε·F h, g⟩ — 0
  'RgH_RhG', // ⟨Rg,h⟩ + ⟨Rh,g⟩
  'dLhs', // ⟨∇_x(Rh), ∇_x h⟩
  'eLhs', // ⟨∇_v(Rh), ∇_v h⟩
  'fLhs', // ⟨∇_x(Rh), ∇_v h⟩ + ⟨∇_v(Rh), ∇_x h⟩
  'g2',
  'h2',
  'gradXh2',
  'gradVh2',
  'aTh', // ⟨Th,h⟩ — 0
  'aAntisym', // ⟨Tg,h⟩ + ⟨g,Th⟩ — 0
  'bResidual', // ⟨Lg,h⟩ + (γ/β)⟨∇_v g, ∇_v h⟩ — 0
  'a3LastMargin', // ½βω₀² m(d‖h‖² + ‖∇_x h‖²) + βω₀²⟨εh, ∇_x h⟩ — ≥ 0
  'a4EndMargin', // ϵ₀′C₂(3/2‖∇_x h‖² + ½‖∇_v h‖²) − ⟨∇_xε(∇_x h − γ∇_v h), ∇_x h⟩ — ≥ 0
  'e2Margin', // ϵ₀′C₂(½‖∇_x h‖² + 3/2‖∇_v h‖²) − ⟨∇_vε(∇_x h − γ∇_v h), ∇_v h⟩ — ≥ 0
] as const;

const dot = (a: Expr[], b: Expr[]) => sumE(...a.map((ai, i) => prodE(ai, b[i])));

/** Planted errors for the tests (a checker that cannot fail proves nothing). */
export interface PlantedError {
  /** Multiplies the bound ½β⟨ω₀²|ε·x| + γ|ε·v|, g²⟩ of the local (c) chain. @defaultValue 1 */
  localCFactor?: number;
  /** Replaces the ½ of (A.2) in ⟨Rg,g⟩ = −½⟨βε·(ω₀²x−γv), g²⟩. @defaultValue 0.5 */
  a2Coefficient?: number;
  /** ½ of the last term of (A.3): ½βω₀² max‖ε_i‖∞(d‖h‖² + ‖∇_x h‖²). @defaultValue 0.5 */
  a3Coefficient?: number;
  /** (3/2, ½) of the end of (A.4). */
  a4Coefficients?: readonly [number, number];
  /** (½, 3/2) of (e)'s second term. */
  e2Coefficients?: readonly [number, number];
  /** s in ⟨Tg, h⟩_* = s⟨g, Th⟩_* (printed −1). @defaultValue -1 */
  antisymmetry?: number;
  /** c in ⟨Lg, h⟩_* = c·(γ/β)⟨∇_v g, ∇_v h⟩_* (printed −1). @defaultValue -1 */
  bFactor?: number;
}

/** The integrand of every quantity above for one case (exact derivatives through numeric/families.ts). */
export function propertyIntegrand(c: PropertyCase, plant: PlantedError = {}): Integrand {
  const { localCFactor = 1, a2Coefficient = 0.5, a3Coefficient = 0.5, a4Coefficients = [1.5, 0.5], e2Coefficients = [0.5, 1.5], antisymmetry = -1, bFactor = -1 } = plant;
  const { d, omega0Sq: w, gamma: gm, beta: b } = c;
  const E = composePerturbation(c.eps, gm, w);
  const g = c.g.expr;
  const h = c.h.expr;
  const R = (f: Expr) => perturbationOperatorExpr(E, f, gm, w, b);
  const F = Array.from({ length: d }, (_, i) => sumE(scaleE(w, xv(i)), scaleE(-gm, vv(i))));
  const epsF = dot(E.eps, F);
  const Rg = R(g);
  const Rh = R(h);
  const gx = gradX(h, d);
  const gv = gradV(h, d);
  const dRhx = gradX(Rh, d);
  const dRhv = gradV(Rh, d);
  const T = (f: Expr) => sumE(dot(Array.from({ length: d }, (_, i) => vv(i)), gradX(f, d)), scaleE(-w, dot(Array.from({ length: d }, (_, i) => xv(i)), gradV(f, d))));
  const L = (f: Expr) => {
    const fv = gradV(f, d);
    const lap = sumE(...fv.map((e, i) => diffExpr(e, { kind: 'v', index: i })));
    return scaleE(gm / b, sumE(lap, scaleE(-b, dot(Array.from({ length: d }, (_, i) => vv(i)), fv))));
  };
  const g2 = prodE(g, g);
  const h2 = prodE(h, h);
  const gradXh2 = dot(gx, gx);
  const gradVh2 = dot(gv, gv);
  const epsX = dot(E.eps, Array.from({ length: d }, (_, i) => xv(i)));
  const epsV = dot(E.eps, Array.from({ length: d }, (_, i) => vv(i)));
  const RgG = prodE(Rg, g);
  const m = Math.max(...c.eps.supAbs);
  const eps0Prime = Math.max(c.d * Math.max(...c.eps.supAbsDeriv), c.eps.supAbsDeriv.reduce((s, x) => s + x, 0));
  const C2 = constantC2Number(w, gm, b);
  const drift = Array.from({ length: d }, (_, i) => sumE(gx[i], scaleE(-gm, gv[i])));
  const a4Lhs = sumE(...Array.from({ length: d }, (_, j) => prodE(dot(E.jx.map((row) => row[j]), drift), gx[j])));
  const e2Lhs = sumE(...Array.from({ length: d }, (_, j) => prodE(dot(E.jv.map((row) => row[j]), drift), gv[j])));
  const Th = T(h);
  const exprs: Expr[] = [
    RgG,
    sumE(RgG, scaleE(a2Coefficient * b, prodE(epsF, g2))),
    sumE(scaleE(0.5 * b * localCFactor, prodE(sumE(scaleE(w, un('abs', epsX)), scaleE(gm, un('abs', epsV))), g2)), negE(RgG)),
    sumE(prodE(Rg, h), prodE(Rh, g), scaleE(b, prodE(epsF, h, g))),
    sumE(prodE(Rg, h), prodE(Rh, g)),
    dot(dRhx, gx),
    dot(dRhv, gv),
    sumE(dot(dRhx, gv), dot(dRhv, gx)),
    g2,
    h2,
    gradXh2,
    gradVh2,
    prodE(Th, h),
    sumE(prodE(T(g), h), scaleE(-antisymmetry, prodE(g, Th))),
    sumE(prodE(L(g), h), scaleE((-bFactor * gm) / b, dot(gradV(g, d), gv))),
    sumE(scaleE(a3Coefficient * b * w * m, sumE(scaleE(d, h2), gradXh2)), scaleE(b * w, prodE(dot(E.eps, gx), h))),
    sumE(scaleE(eps0Prime * C2, sumE(scaleE(a4Coefficients[0], gradXh2), scaleE(a4Coefficients[1], gradVh2))), negE(a4Lhs)),
    sumE(scaleE(eps0Prime * C2, sumE(scaleE(e2Coefficients[0], gradXh2), scaleE(e2Coefficients[1], gradVh2))), negE(e2Lhs)),
  ];
  return { d, names: [...PROPERTY_OUTPUTS], exprs, params: {} };
}

const idx = (name: (typeof PROPERTY_OUTPUTS)[number]) => PROPERTY_OUTPUTS.indexOf(name);

/** One evaluated case: the primary estimate, and the independent one when a margin looked violated. */
export interface EvaluatedCase {
  c: PropertyCase;
  mean: number[];
  stderr: number[];
  backend: string;
  samples: number;
  independent?: { mean: number[]; stderr: number[]; backend: string };
}

/** Margins that must be ≥ 0 and residuals that must be 0. */
const MARGINS = ['localCMargin', 'a3LastMargin', 'a4EndMargin', 'e2Margin'] as const;
const RESIDUALS = ['a2Residual', 'symResidual', 'aTh', 'aAntisym', 'bResidual'] as const;

/** Evaluate `count` seeded cases (shared by the claims of this file; cached per run). */
export async function evaluateCases(choice: IntegratorChoice, seed: number, count: number, samples: number, signal?: AbortSignal, progress?: (m: string) => void, plant: PlantedError = {}): Promise<EvaluatedCase[]> {
  const out: EvaluatedCase[] = [];
  for (let k = 0; k < count; k++) {
    if (signal?.aborted) break;
    const c = drawPropertyCase(seed, k);
    progress?.(`prop:4.1 case ${k + 1}/${count} (d=${c.d}, ${c.eps.family})`);
    const f = propertyIntegrand(c, plant);
    const opts = { samples: choice.primary.name === 'quadrature' ? (c.d === 1 ? 48 : 14) : samples, seed: seed + 31 * k, signal };
    const est = await choice.primary.integrate(f, { omega0: Math.sqrt(c.omega0Sq), beta: c.beta }, opts);
    const ev: EvaluatedCase = { c, mean: est.mean, stderr: est.stderr, backend: est.backend, samples: est.samples };
    const suspicious = MARGINS.some((n) => marginOf(est, idx(n)).sigmas < -6) || RESIDUALS.some((n) => Math.abs(marginOf(est, idx(n)).sigmas) > 6 && !withinTolerance(est.mean, est.stderr, n));
    if (suspicious) {
      const ind = await choice.independent.integrate(f, { omega0: Math.sqrt(c.omega0Sq), beta: c.beta }, {
        samples: choice.independent.name === 'quadrature' ? (c.d === 1 ? 48 : 14) : samples,
        seed: seed + 31 * k + 7919,
        signal,
      });
      ev.independent = { mean: ind.mean, stderr: ind.stderr, backend: ind.backend };
    }
    out.push(ev);
  }
  return out;
}

/** Residual scale: identities are tested against 6σ plus a relative floor (f32 GPU sums). */
function residualScale(mean: number[], name: (typeof RESIDUALS)[number]): number {
  const ref: Record<(typeof RESIDUALS)[number], number[]> = {
    a2Residual: [idx('RgG')],
    symResidual: [idx('RgH_RhG')],
    aTh: [idx('h2'), idx('gradXh2')],
    aAntisym: [idx('g2'), idx('h2')],
    bResidual: [idx('gradVh2'), idx('g2')],
  };
  return ref[name].reduce((s, k) => s + Math.abs(mean[k]), 0);
}

function withinTolerance(mean: number[], stderr: number[], name: (typeof RESIDUALS)[number], rel = 1e-4): boolean {
  const k = idx(name);
  return Math.abs(mean[k]) <= 6 * stderr[k] + rel * residualScale(mean, name);
}

const cache = new WeakMap<ServiceRegistry, Map<string, Promise<EvaluatedCase[] | string>>>();

/** The cases of this run (computed once per registry, seed, effort and backend), or the reason there are none. */
export async function casesFor(ctx: CheckContext, plant: PlantedError = {}): Promise<EvaluatedCase[] | string> {
  let m = cache.get(ctx.services);
  if (!m) cache.set(ctx.services, (m = new Map()));
  const key = `${ctx.seed}|${ctx.effort}|${ctx.backend}|${JSON.stringify(plant)}`;
  let p = m.get(key);
  if (!p) {
    p = (async () => {
      if (!ctx.services.has('integrators')) return 'no integrators service in this run';
      const set = await ctx.services.get<IntegratorSet>('integrators');
      const choice = chooseIntegrators(set, ctx.backend);
      if (!choice) return `no integrator for --backend ${ctx.backend}`;
      const count = Math.max(2, Math.round(8 * ctx.effort));
      const samples = Math.max(10_000, Math.round(150_000 * ctx.effort));
      return evaluateCases(choice, ctx.seed, count, samples, ctx.signal, ctx.progress, plant);
    })();
    m.set(key, p);
  }
  return p;
}

function caseLabel(e: EvaluatedCase) {
  const c = e.c;
  return { d: c.d, omega0Sq: c.omega0Sq, gamma: c.gamma, beta: c.beta, epsilon: c.eps.label, g: c.g.label, h: c.h.label };
}

const fmt = (x: number, s: number) => `${x.toPrecision(4)} ± ${s.toPrecision(2)}`;

export type LocalMargin = (typeof MARGINS)[number];
export type LocalResidual = (typeof RESIDUALS)[number];

/** Verdict of a local-chain claim on evaluated cases (pure; the tests feed planted cases). */
export function judgeLocal(cases: readonly EvaluatedCase[], margins: readonly LocalMargin[], residuals: readonly LocalResidual[], describe: string): CheckResult {
  {
    const verdicts: Verdict[] = [];
    let worst = { name: '', sigmas: Infinity, margin: 0 };
    let worstResidual = { name: '', sigmas: 0 };
    let witness: unknown;
    const rows = cases.map((e) => {
      const row: Record<string, unknown> = { ...caseLabel(e), backend: e.backend, samples: e.samples };
      for (const n of margins) {
        const k = idx(n);
        const mp: MarginEstimate = { margin: e.mean[k], stderr: e.stderr[k], sigmas: e.stderr[k] > 0 ? e.mean[k] / e.stderr[k] : e.mean[k] >= 0 ? Infinity : -Infinity, backend: e.backend, samples: e.samples };
        row[n] = fmt(mp.margin, mp.stderr);
        if (mp.sigmas < worst.sigmas) worst = { name: n, sigmas: mp.sigmas, margin: mp.margin };
        if (mp.sigmas < -6) {
          const ind = e.independent;
          const mi: MarginEstimate | undefined = ind && { margin: ind.mean[k], stderr: ind.stderr[k], sigmas: ind.stderr[k] > 0 ? ind.mean[k] / ind.stderr[k] : -Infinity, backend: ind.backend, samples: 0 };
          const ok = mi !== undefined && confirmsViolation(mp, mi);
          verdicts.push(ok ? 'refuted' : 'inconclusive');
          if (ok && !witness) witness = { ...caseLabel(e), quantity: n, margin: mp.margin, stderr: mp.stderr, independent: mi };
        } else verdicts.push('supported');
      }
      for (const n of residuals) {
        const k = idx(n);
        row[n] = fmt(e.mean[k], e.stderr[k]);
        const rs = e.stderr[k] > 0 ? Math.abs(e.mean[k]) / e.stderr[k] : 0;
        if (rs >= worstResidual.sigmas) worstResidual = { name: n, sigmas: rs };
        if (withinTolerance(e.mean, e.stderr, n)) verdicts.push('supported');
        else {
          const ind = e.independent;
          const ok = ind !== undefined && !withinTolerance(ind.mean, ind.stderr, n);
          verdicts.push(ok ? 'refuted' : 'inconclusive');
          if (ok && !witness) witness = { ...caseLabel(e), quantity: n, residual: e.mean[k], stderr: e.stderr[k], independent: { mean: ind.mean[k], stderr: ind.stderr[k], backend: ind.backend } };
        }
      }
      return row;
    });
    const verdict = combineVerdicts(verdicts);
    return {
      verdict,
      method: 'monte-carlo',
      summary: `${describe}: ${rows.length} random cases, ${verdicts.length} checks${worst.name ? `; worst margin ${worst.name} ${worst.margin.toPrecision(3)} (${Number.isFinite(worst.sigmas) ? worst.sigmas.toFixed(1) : worst.sigmas}σ)` : ''}${worstResidual.name ? `; largest identity residual ${worstResidual.name} ${worstResidual.sigmas.toFixed(1)}σ` : ''}`,
      evidence: { rows, rule: 'margins: violation only beyond 6σ AND confirmed by an independent backend; identities: |mean| ≤ 6σ + 1e-4·scale' },
      witness,
    };
  }
}

/** Every claim of this file is data now (proofs/zhu-ying-2021/bounds.claims.yaml; checks in proofs/prop41-steps.ts). */
export const claims: Claim[] = [];
