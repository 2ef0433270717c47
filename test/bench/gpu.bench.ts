/**
 * GPU benchmark (issue 5): samples/s and error bar versus wall time of the WebGPU Monte Carlo
 * against the CPU backends (Monte Carlo, QMC, Gauss–Hermite), on integrands shaped like those
 * of (3.5) — h², |∇ₓh|², |∇ᵥh|² for h = sin(a·x + b·v) + x₁v₁ — and of Prop. 4.1(c) — h² and
 * β ε·(ω₀²x − γv) h² with ε = a·tanh(bθ), θ = −(v + γx)/ω₀² — in d = 1, 2, 4, 8.
 *
 * The GPU and the CPU Monte Carlo draw the same Philox samples (numeric/rng.ts), so at equal N
 * they have the same error bar: the ratio of their samples/s is the speed-up at equal accuracy.
 * Env: HYPOCHECK_BENCH_DIMS=1,2 limits the dimensions.
 */
import { add, cst, div, mul, neg, par, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import type { Estimate, GaussianIntegrator, GaussianWeight } from '../../numeric/integrator.ts';
import { acquireGpuIntegrator } from '../../src/gpu-device.ts';

/** The weight of the runs: ω₀ = 1.5, β = 2. */
const WEIGHT: GaussianWeight = { omega0: 1.5, beta: 2 };
/** The GPU grows N until one run takes this long (throughput, not latency). */
const GPU_TARGET_MS = 400;
const GPU_MAX_SAMPLES = 2 ** 28;
/** Relative error bar at which time-to-accuracy is compared. */
const TARGET_RELATIVE_ERROR = 1e-4;

/** (3.5)-shaped: h², |∇ₓh|², |∇ᵥh|² with h = sin(s) + x₁v₁, s = a·x + b·v. */
export function eq35Integrand(d: number): Integrand {
  const params: Record<string, number> = {};
  for (let k = 0; k < d; k++) {
    params[`a${k}`] = 0.9 - 0.1 * k;
    params[`b${k}`] = 0.4 + 0.05 * k;
  }
  const s = add(...Array.from({ length: d }, (_, k) => add(mul(par(`a${k}`), xv(k)), mul(par(`b${k}`), vv(k)))));
  const h = add(un('sin', s), mul(xv(0), vv(0)));
  const c = un('cos', s);
  // ∂_{x_k} h = a_k cos s + [k = 0] v₁, ∂_{v_k} h = b_k cos s + [k = 0] x₁
  const gx = Array.from({ length: d }, (_, k) => (k === 0 ? add(mul(par('a0'), c), vv(0)) : mul(par(`a${k}`), c)));
  const gv = Array.from({ length: d }, (_, k) => (k === 0 ? add(mul(par('b0'), c), xv(0)) : mul(par(`b${k}`), c)));
  return { d, names: ['h²', '|∇ₓh|²', '|∇ᵥh|²'], exprs: [powi(h, 2), add(...gx.map((g) => powi(g, 2))), add(...gv.map((g) => powi(g, 2)))], params };
}

/** Prop. 4.1(c)-shaped: h² and β Σ_k ε_k (ω₀² x_k − γ v_k) h², ε_k = a tanh(b θ_k), θ_k = −(v_k + γ x_k)/ω₀². */
export function prop41cIntegrand(d: number, weight: GaussianWeight = WEIGHT): Integrand {
  const params: Record<string, number> = { a: 0.3, b: 2, gamma: 1.2, omega0sq: weight.omega0 ** 2, beta: weight.beta };
  const s = add(...Array.from({ length: d }, (_, k) => add(mul(cst(0.7), xv(k)), mul(cst(-0.3 - 0.1 * k), vv(k)))));
  const h = add(un('sin', s), mul(xv(0), vv(0)));
  const h2 = powi(h, 2);
  const terms: Expr[] = [];
  for (let k = 0; k < d; k++) {
    const theta = neg(div(add(vv(k), mul(par('gamma'), xv(k))), par('omega0sq')));
    const eps = mul(par('a'), un('tanh', mul(par('b'), theta)));
    terms.push(mul(eps, add(mul(par('omega0sq'), xv(k)), neg(mul(par('gamma'), vv(k))))));
  }
  return { d, names: ['h²', 'βε·(ω₀²x−γv)h²'], exprs: [h2, mul(par('beta'), add(...terms), h2)], params };
}

interface Row {
  backend: string;
  samples: number;
  ms: number;
  /** Relative error bar of the first output, h² (the others may have means near 0). */
  relErr: number;
}

const relErr = (e: Estimate) => e.stderr[0] / Math.abs(e.mean[0]);
const fmt = (x: number, digits = 3) => (x >= 1e4 || x < 1e-2 ? x.toExponential(digits - 1) : x.toPrecision(digits));

async function timed(integrator: GaussianIntegrator, f: Integrand, samples: number, seed = 1): Promise<{ e: Estimate; ms: number }> {
  const t0 = performance.now();
  const e = await integrator.integrate(f, WEIGHT, { samples, seed });
  return { e, ms: performance.now() - t0 };
}

/** A backend module that may not exist yet (literal import paths, so bundlers can follow them). */
async function optional<M, T>(load: () => Promise<M>, pick: (m: M) => T): Promise<T | undefined> {
  try {
    return pick(await load());
  } catch {
    return undefined;
  }
}

export async function run(log: (line: string) => void): Promise<void> {
  const dims = (process.env.HYPOCHECK_BENCH_DIMS ?? '1,2,4,8').split(',').map(Number);
  const acq = await acquireGpuIntegrator();
  log(`GPU adapter: ${acq.ok ? acq.adapter : `none (${acq.reason})`}`);
  log(`weight ω₀ = ${WEIGHT.omega0}, β = ${WEIGHT.beta}; relErr = stderr/|mean| of h²; t(${TARGET_RELATIVE_ERROR}) = time to a relative error bar ${TARGET_RELATIVE_ERROR} at the measured rate`);
  const cpu = await optional(() => import('../../numeric/monte-carlo.ts'), (m) => m.createMonteCarlo());
  const qmc = await optional(() => import('../../numeric/qmc.ts'), (m) => m.createQmc());
  const quad = await optional(() => import('../../numeric/gauss-hermite.ts'), (m) => m.createGaussHermite({ maxNodes: 2 ** 24 }));
  for (const [name, skipped] of [['cpu', cpu], ['qmc', qmc], ['quadrature', quad]] as const) if (!skipped) log(`(${name} backend not present: skipped)`);
  const summary: string[] = [];
  try {
    for (const family of [eq35Integrand, prop41cIntegrand]) {
      for (const d of dims) {
        const f = family(d);
        const label = `${family === eq35Integrand ? '(3.5)' : 'Prop. 4.1(c)'} d = ${d}, ${f.exprs.length} outputs`;
        log(`\n### ${label}`);
        log(`| backend | N | ms | samples/s | relErr | t(${TARGET_RELATIVE_ERROR}) s |`);
        log('|---|---|---|---|---|---|');
        const rows: Row[] = [];
        const rate = (r: Row) => (r.samples / r.ms) * 1000;
        const timeTo = (r: Row) => ((r.relErr / TARGET_RELATIVE_ERROR) ** 2 * r.samples) / rate(r);
        const push = (r: Row, mc = true) => {
          rows.push(r);
          log(`| ${r.backend} | ${r.samples} | ${fmt(r.ms)} | ${fmt(rate(r))} | ${fmt(r.relErr)} | ${mc ? fmt(timeTo(r)) : '–'} |`);
        };
        let gpuBest: Row | undefined;
        if (acq.ok) {
          const first = await timed(acq.integrator, f, 1 << 16);
          push({ backend: 'gpu (first call: compile)', samples: first.e.samples, ms: first.ms, relErr: relErr(first.e) });
          for (let n = 1 << 20; n <= GPU_MAX_SAMPLES; n *= 4) {
            const { e, ms } = await timed(acq.integrator, f, n);
            const r = { backend: 'gpu', samples: e.samples, ms, relErr: relErr(e) };
            push(r);
            gpuBest = r;
            if (ms > GPU_TARGET_MS) break;
          }
        }
        let cpuRow: Row | undefined;
        if (cpu) {
          const n = d <= 2 ? 1 << 18 : d <= 4 ? 1 << 17 : 1 << 16;
          const { e, ms } = await timed(cpu, f, n);
          cpuRow = { backend: 'cpu mc', samples: e.samples, ms, relErr: relErr(e) };
          push(cpuRow);
        }
        if (qmc) {
          for (const n of [1 << 14, 1 << 16, 1 << 18]) {
            const { e, ms } = await timed(qmc, f, n);
            push({ backend: 'qmc (lattice, 16 shifts)', samples: e.samples, ms, relErr: relErr(e) }, false);
            if (ms > 2000) break;
          }
        }
        if (quad) {
          const perAxis = d === 1 ? [16, 32, 64] : d === 2 ? [8, 12, 16] : d === 4 ? [4, 6] : [];
          for (const n of perAxis) {
            try {
              const { e, ms } = await timed(quad, f, n);
              push({ backend: `gauss-hermite ${n}^${2 * d}`, samples: e.samples, ms, relErr: relErr(e) }, false);
            } catch (err) {
              log(`| gauss-hermite ${n}^${2 * d} | – | – | – | ${(err as Error).message.slice(0, 60)} | – |`);
            }
          }
          if (perAxis.length === 0) log(`| gauss-hermite | skipped: ${2 * d} dimensions | | | | |`);
        }
        if (gpuBest && cpuRow) {
          const speedup = rate(gpuBest) / rate(cpuRow);
          const line = `${label}: GPU ${fmt(rate(gpuBest))} samples/s vs CPU MC ${fmt(rate(cpuRow))} → ×${speedup.toFixed(1)} at equal accuracy (same samples)`;
          log(`\n${line}`);
          summary.push(line);
        }
      }
    }
    log('\n### Summary');
    log(`adapter: ${acq.ok ? acq.adapter : 'none'}`);
    for (const s of summary) log(`- ${s}`);
  } finally {
    if (acq.ok) acq.dispose();
  }
}
