/**
 * Simulator throughput (paths·steps per second, and paths/s at the Figure 3.1 horizon):
 * ASGD, SGD and the SME Euler–Maruyama, all on PhiloxRng.
 */
import { PhiloxRng } from '../../numeric/rng.ts';
import { simulateAsgd } from '../../numeric/asgd.ts';
import { simulateSme } from '../../numeric/sde.ts';

export async function run(log: (line: string) => void): Promise<void> {
  const runs = 1000;
  const cases: [string, () => void, number][] = [
    ['ASGD κ=0.98, η=0.01, 3000 steps', () => simulateAsgd({ eta: 0.01, kappa: 0.98, steps: 3000, runs, rng: new PhiloxRng(1, 0) }), 3000],
    ['SGD η=0.01, 3000 steps', () => simulateAsgd({ eta: 0.01, kappa: 0, steps: 3000, runs, rng: new PhiloxRng(1, 1) }), 3000],
    ['SME Euler–Maruyama, 1500 steps', () => simulateSme({ omega0Sq: 2, gamma: Math.SQRT2, tau: 0.17, dt: 0.01, steps: 1500, paths: runs, rng: new PhiloxRng(1, 2) }), 1500],
  ];
  for (const [name, f, steps] of cases) {
    const t0 = performance.now();
    f();
    const s = (performance.now() - t0) / 1000;
    log(`${name}: ${runs} paths in ${s.toFixed(2)} s → ${(runs / s).toFixed(0)} paths/s, ${((runs * steps) / s / 1e6).toFixed(1)} M path-steps/s`);
  }
}
