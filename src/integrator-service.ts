/** Creates the run's Gaussian integrators (numeric/) for a backend choice. Filled in by issues 4–5. */
import type { BackendChoice } from './claims.ts';
import type { IntegratorSet } from '../numeric/integrator.ts';
import type { Service } from './services.ts';

export async function createIntegratorService(_choice: BackendChoice, _notice: (line: string) => void): Promise<Service<IntegratorSet>> {
  return { value: {}, describe: 'none' };
}
