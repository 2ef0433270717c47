/**
 * CPU Gaussian-measure backends: throughput (samples/s) and error versus wall time on a
 * smooth integrand, with memory before/after each run (process RSS and V8 heap).
 *
 * Integrand: f = exp(a·(x + v)), a_i = ½/√d on every coordinate, under M of (3.1) with
 * ω₀ = β = 1 (σ_x = σ_v = 1): E f = e^{|a|²/2} = e^{1/4} for every d.
 */
import { add, cst, mul, un, vv, xv, type Integrand } from '../../numeric/expr.ts';
import type { Estimate, GaussianIntegrator } from '../../numeric/integrator.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createQmc } from '../../numeric/qmc.ts';

const W = { omega0: 1, beta: 1 };
const EXACT = Math.exp(0.25);

function smooth(d: number): Integrand {
  const a = 0.5 / Math.sqrt(d);
  const terms = [];
  for (let i = 0; i < d; i++) terms.push(xv(i), vv(i));
  return { d, names: ['f'], exprs: [un('exp', mul(cst(a), add(...terms)))], params: {} };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)}`;

async function measure(log: (line: string) => void, label: string, be: GaussianIntegrator, f: Integrand, samples: number): Promise<void> {
  const before = process.memoryUsage();
  let e: Estimate;
  try {
    e = await be.integrate(f, W, { samples, seed: 1 });
  } catch (err) {
    log(`| ${label} | ${f.d} | ${samples} | refused: ${(err as Error).message.slice(0, 70)} | | | | | |`);
    return;
  }
  const after = process.memoryUsage();
  const err = Math.abs(e.mean[0] - EXACT);
  const rate = e.samples / (e.ms / 1000);
  log(
    `| ${label} | ${f.d} | ${e.samples} | ${e.ms.toFixed(0)} | ${(rate / 1e6).toFixed(2)} | ${err.toExponential(1)} | ${e.stderr[0].toExponential(1)} | ${mib(before.rss)}→${mib(after.rss)} | ${mib(before.heapUsed)}→${mib(after.heapUsed)} |`,
  );
}

export async function run(log: (line: string) => void): Promise<void> {
  log('CPU backends on f = exp(a·(x+v)), |a| = ½, ω₀ = β = 1, exact e^{1/4}; seed 1; cpu mc on every core (worker threads), the others on one thread.');
  log('| backend | d | samples/nodes | ms | M samples/s | |error| | stderr (estimate) | RSS MiB before→after | heap MiB before→after |');
  log('|---|---|---|---|---|---|---|---|---|');
  const mc = createMonteCarlo();
  const mcA = createMonteCarlo({ antithetic: true });
  const qmc = createQmc();
  const gh = createGaussHermite();
  for (const d of [1, 2, 4, 8]) {
    const f = smooth(d);
    for (const n of [1e5, 1e6, 4e6]) await measure(log, 'cpu mc', mc, f, n);
    await measure(log, 'cpu mc antithetic', mcA, f, 1e6);
    for (const n of [2 ** 17, 2 ** 20, 2 ** 22]) await measure(log, 'qmc lattice', qmc, f, n);
    const points = d === 1 ? [8, 16, 48] : d === 2 ? [6, 12, 24] : d === 4 ? [3, 5, 7] : [2, 3];
    for (const p of points) await measure(log, `gauss-hermite n=${p}`, gh, f, p);
  }
  log('Memory: the MC streams (scratchBytes constant in N); heap changes are V8 garbage, not buffers.');
}
