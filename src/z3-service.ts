/**
 * Creates the run's Z3 decider (symbolic/z3.ts) once: loads the z3-solver WASM build,
 * reports its version as the service description, and kills its threads on dispose
 * (they would keep Node alive).
 */
import type { Service } from './services.ts';
import { createZ3Decider, type Z3Api, type Z3Decider } from '../symbolic/z3.ts';
import { claimScope } from './procedures/common.ts';

export async function createZ3Service(): Promise<Service<Z3Decider>> {
  const mod = (await import('z3-solver')) as unknown as { init: () => Promise<Z3Api & { em?: { PThread?: { terminateAllThreads?: () => void } } }> };
  const api = await mod.init();
  // A context per claim: a claim's answers depend on its own queries only (claims run side by side).
  const decider = createZ3Decider(api, { scope: () => claimScope.getStore() });
  return {
    value: decider,
    describe: decider.version,
    dispose: () => {
      // Best effort: the Emscripten module's worker threads; the CLI also calls process.exit.
      try {
        api.em?.PThread?.terminateAllThreads?.();
      } catch {
        /* already gone */
      }
    },
  };
}
