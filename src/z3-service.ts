/** Creates the run's Z3 decider (symbolic/z3.ts) once. Filled in by the Z3 work (issue 3). */
import type { Service } from './services.ts';

export async function createZ3Service(): Promise<Service<unknown>> {
  throw new Error('Z3 backend not built yet');
}
