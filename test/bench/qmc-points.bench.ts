/**
 * Error against time for the rank-1 lattice, Owen-scrambled Sobol and plain Monte Carlo at
 * d = 2, 8, 16, against exact values: f = Π_j cos(a x_j) cos(a v_j) under M (ω₀ = β = 1), whose mean is
 * exactly e^{−a²·2d/2} (the Gaussian characteristic function). One run, same machine, same N.
 */
import { add, cst, mul, un, vv, xv, type Integrand } from '../../numeric/expr.ts';
import { createQmc } from '../../numeric/qmc.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';

function cosProduct(d: number, a: number): Integrand {
  const factors = [];
  for (let j = 0; j < d; j++) factors.push(un('cos', mul(cst(a), xv(j))), un('cos', mul(cst(a), vv(j))));
  return { d, names: ['f'], exprs: [add(mul(...factors))], params: {} };
}

export async function run(log: (line: string) => void): Promise<void> {
  const weight = { omega0: 1, beta: 1 };
  const N = 2 ** 18;
  log(`N = ${N} per estimate; |error| = |mean − exact| (exact e^{−a²d}), time in ms, error·√time (lower is better)`);
  log('d   method    |error|      stderr      ms     error·√ms');
  for (const d of [2, 8, 16]) {
    const a = 0.7 / Math.sqrt(d);
    const f = cosProduct(d, a);
    const exact = Math.exp(-a * a * d);
    const methods: [string, () => Promise<{ mean: number[]; stderr: number[]; ms: number }>][] = [
      ['lattice', () => createQmc({ points: 'lattice' }).integrate(f, weight, { samples: N, seed: 1 })],
      ['sobol', () => createQmc({ points: 'sobol' }).integrate(f, weight, { samples: N, seed: 1 })],
      ['mc', () => createMonteCarlo().integrate(f, weight, { samples: N, seed: 1 })],
    ];
    let latticeErr = NaN;
    for (const [name, go] of methods) {
      const t0 = performance.now();
      const e = await go();
      const ms = performance.now() - t0;
      const err = Math.abs(e.mean[0] - exact);
      if (name === 'lattice') latticeErr = e.stderr[0];
      log(`${String(d).padEnd(3)} ${name.padEnd(9)} ${err.toExponential(2).padStart(9)}  ${e.stderr[0].toExponential(2).padStart(9)}  ${ms.toFixed(0).padStart(6)}  ${(err * Math.sqrt(ms)).toExponential(2).padStart(9)}${name === 'sobol' ? `   (lattice stderr / Sobol stderr = ${(latticeErr / e.stderr[0]).toFixed(1)})` : ''}`);
    }
  }
}
