/**
 * Creates the run's Gaussian integrators (numeric/) for a `--backend` choice: Gauss–Hermite
 * ('quadrature'), CPU Monte Carlo ('cpu') and randomized QMC ('qmc') always; the WebGPU
 * Monte Carlo ('gpu') from src/gpu-device.ts when the choice is 'gpu' or 'auto'.
 * `--backend gpu` without an adapter is an error (no silent fallback); 'auto' falls back to
 * the CPU with one notice.
 */
import type { BackendChoice } from './claims.ts';
import type { GaussianIntegrator, IntegratorSet } from '../numeric/integrator.ts';
import { createGaussHermite } from '../numeric/gauss-hermite.ts';
import { createMonteCarlo } from '../numeric/monte-carlo.ts';
import { createQmc } from '../numeric/qmc.ts';
import { acquireGpuIntegrator, type GpuAcquisition } from './gpu-device.ts';
import type { Service } from './services.ts';

/**
 * The integrator with its runs queued: claims checked side by side (src/runner.ts) share one GPU
 * device, whose buffers a run uses from its first dispatch to its last read-back.
 */
function oneAtATime(integrator: GaussianIntegrator): GaussianIntegrator {
  let queue: Promise<unknown> = Promise.resolve();
  const wrapped = Object.create(integrator) as GaussianIntegrator;
  wrapped.integrate = (f, weight, options) => {
    const run = queue.then(() => integrator.integrate(f, weight, options));
    queue = run.catch(() => undefined);
    return run;
  };
  return wrapped;
}

/** Injected for tests; the CLI uses the real acquisition. */
export interface IntegratorServiceDeps {
  /** @defaultValue acquireGpuIntegrator of src/gpu-device.ts */
  acquireGpu?: () => Promise<GpuAcquisition>;
}

export async function createIntegratorService(choice: BackendChoice, notice: (line: string) => void, deps: IntegratorServiceDeps = {}): Promise<Service<IntegratorSet>> {
  const { acquireGpu = acquireGpuIntegrator } = deps;
  const value: IntegratorSet = { quadrature: createGaussHermite(), cpu: createMonteCarlo(), qmc: createQmc() };
  let describe = 'none';
  let releaseGpu: (() => void) | undefined;
  if (choice === 'gpu' || choice === 'auto') {
    const gpu = await acquireGpu();
    if (gpu.ok) {
      value.gpu = oneAtATime(gpu.integrator);
      describe = gpu.adapter;
      releaseGpu = gpu.dispose;
    } else if (choice === 'gpu') {
      throw new Error(`--backend gpu: no usable GPU adapter (${gpu.reason}); choose --backend auto, cpu, qmc or quadrature`);
    } else {
      notice(`gpu: unavailable (${gpu.reason}); using the CPU backend`);
    }
  }
  return {
    value,
    describe,
    dispose: async () => {
      // the acquisition's dispose owns the GPU device (and its integrator)
      for (const [name, integrator] of Object.entries(value)) if (name !== 'gpu') await integrator?.dispose?.();
      releaseGpu?.();
    },
  };
}
