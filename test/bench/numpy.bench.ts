/**
 * Ratios against numpy, measured in one run (issue 13): the CPU Monte Carlo against a plain
 * vectorised numpy Monte Carlo of the same integrands at the same N (d = 1, 2, 4, 8), and an ASGD
 * simulation loop against the vectorised numpy one (numpy_baseline.py). Skipped, with a line,
 * when python3 or numpy is missing. Ratio > 1: hypocheck is faster.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { add, cst, mul, neg, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { NormalStream } from '../../numeric/rng.ts';

const here = dirname(fileURLToPath(import.meta.url));

function integrand(d: number): Integrand {
  const sq = (e: Expr) => mul(e, e);
  const xx = add(...Array.from({ length: d }, (_, j) => sq(xv(j))));
  const v2 = add(...Array.from({ length: d }, (_, j) => sq(vv(j))));
  return { d, names: ['f1', 'f2'], exprs: [add(xx, v2), mul(un('exp', mul(cst(-0.5), v2)), un('cos', xv(0)))], params: {} };
}

/** The same ASGD model as numpy_baseline.py, run by run in JS (Philox normals), mean path kept. */
function asgdJs(runs: number, steps: number, eta: number, kappa: number): number {
  const th = new Float64Array(runs).fill(1);
  const prev = new Float64Array(runs).fill(1);
  const noise = new Float64Array(4);
  const rng = new NormalStream(1, 0x5ad);
  let last = 0;
  for (let k = 0; k < steps; k++) {
    let s = 0;
    for (let r = 0; r < runs; r += 4) {
      rng.fill(k * runs + r, noise, 0, 4);
      for (let q = 0; q < 4 && r + q < runs; q++) {
        const i = r + q;
        const nxt = th[i] + kappa * (th[i] - prev[i]) - eta * (th[i] + noise[q]);
        prev[i] = th[i];
        th[i] = nxt;
        s += nxt;
      }
    }
    last = s / runs;
  }
  void neg;
  return last;
}

export async function run(log: (line: string) => void): Promise<void> {
  const n = 1 << 20;
  const dims = [1, 2, 4, 8];
  const runs = 1000;
  const steps = 2000;
  const py = spawnSync('python3', [join(here, 'numpy_baseline.py'), JSON.stringify({ n, dims, runs, steps })], { encoding: 'utf8' });
  if (py.status !== 0) {
    log(`numpy baseline skipped: ${(py.stderr || py.error?.message || 'python3 not found').split('\n').filter(Boolean).pop()}`);
    return;
  }
  const base = JSON.parse(py.stdout) as { mc: { d: number; ms: number }[]; asgd: { ms: number } };
  log(`N = ${n} samples per d; ratio = numpy time / hypocheck time (> 1: hypocheck faster)`);
  log('d   numpy ms   cpu MC ms   ratio');
  const mc = createMonteCarlo();
  for (const b of base.mc) {
    const t0 = performance.now();
    await mc.integrate(integrand(b.d), { omega0: 1, beta: 1 }, { samples: n, seed: 1 });
    const ms = performance.now() - t0;
    log(`${String(b.d).padEnd(3)} ${b.ms.toFixed(0).padStart(8)}  ${ms.toFixed(0).padStart(10)}  ${(b.ms / ms).toFixed(2).padStart(6)}×`);
  }
  const t0 = performance.now();
  asgdJs(runs, steps, 0.1, 0.5);
  const ms = performance.now() - t0;
  log(`ASGD ${runs} runs × ${steps} steps: numpy ${base.asgd.ms.toFixed(0)} ms, JS loop ${ms.toFixed(0)} ms, ratio ${(base.asgd.ms / ms).toFixed(2)}×`);
}
