/**
 * Ratios against numpy, measured in one run (issue 13): the CPU Monte Carlo against a plain
 * vectorised numpy Monte Carlo of the same integrands at the same N (d = 1, 2, 4, 8), and
 * numeric/asgd.ts's simulateAsgd against the same model vectorised in numpy (numpy_baseline.py). Skipped, with a line,
 * when python3 or numpy is missing. Ratio > 1: hypocheck is faster.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { add, cst, mul, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { PhiloxRng } from '../../numeric/rng.ts';
import { simulateAsgd } from '../../numeric/asgd.ts';

const here = dirname(fileURLToPath(import.meta.url));

function integrand(d: number): Integrand {
  const sq = (e: Expr) => mul(e, e);
  const xx = add(...Array.from({ length: d }, (_, j) => sq(xv(j))));
  const v2 = add(...Array.from({ length: d }, (_, j) => sq(vv(j))));
  return { d, names: ['f1', 'f2'], exprs: [add(xx, v2), mul(un('exp', mul(cst(-0.5), v2)), un('cos', xv(0)))], params: {} };
}

/** Timed runs per measurement, on both sides; each reports its fastest. */
const REPEATS = 3;
/** Warm-up: passes over every d until this long has passed (worker threads started from sources take 1–2 s to boot and optimise). */
const WARM_UP_MS = 2500;

export async function run(log: (line: string) => void): Promise<void> {
  const n = 1 << 20;
  const dims = [1, 2, 4, 8];
  const runs = 1000;
  const steps = 2000;
  const py = spawnSync('python3', [join(here, 'numpy_baseline.py'), JSON.stringify({ n, dims, runs, steps, repeats: REPEATS })], { encoding: 'utf8' });
  if (py.status !== 0) {
    log(`numpy baseline skipped: ${(py.stderr || py.error?.message || 'python3 not found').split('\n').filter(Boolean).pop()}`);
    return;
  }
  const base = JSON.parse(py.stdout) as { mc: { d: number; ms: number }[]; asgd: { ms: number } };
  log(`N = ${n} samples per d; each side the fastest of ${REPEATS} runs; ratio = numpy time / hypocheck time (> 1: hypocheck faster)`);
  log('d   numpy ms   cpu MC ms   ratio');
  const mc = createMonteCarlo();
  // Warm-up at every d (worker threads started, integrands compiled and optimised), as numpy's
  // timings exclude its import.
  const warm = performance.now();
  do for (const b of base.mc) await mc.integrate(integrand(b.d), { omega0: 1, beta: 1 }, { samples: n, seed: 2 });
  while (performance.now() - warm < WARM_UP_MS);
  for (const b of base.mc) {
    let ms = Infinity;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      await mc.integrate(integrand(b.d), { omega0: 1, beta: 1 }, { samples: n, seed: 1 });
      ms = Math.min(ms, performance.now() - t0);
    }
    log(`${String(b.d).padEnd(3)} ${b.ms.toFixed(0).padStart(8)}  ${ms.toFixed(0).padStart(10)}  ${(b.ms / ms).toFixed(2).padStart(6)}×`);
  }
  simulateAsgd({ eta: 0.01, kappa: 0.9, steps: steps / 4, runs, rng: new PhiloxRng(2, 0x5ad) });
  let ms = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    simulateAsgd({ eta: 0.01, kappa: 0.9, steps, runs, rng: new PhiloxRng(1, 0x5ad) });
    ms = Math.min(ms, performance.now() - t0);
  }
  log(`ASGD (numeric/asgd.ts model, η = 0.01, κ = 0.9) ${runs} runs × ${steps} steps: numpy ${base.asgd.ms.toFixed(0)} ms, simulateAsgd ${ms.toFixed(0)} ms, ratio ${(base.asgd.ms / ms).toFixed(2)}×`);
}
