/**
 * Z3 time per claim: initialisation once, then each solver-backed claim of Theorem 3.1, (4.3)–(4.6) and the remarks
 * (`npm run bench z3`). Reports wall time per claim and the time spent in Z3's decide() inside it
 * (Z3 only: no cvc5 here). Conjunctions read `inconclusive`: their parts are assembled by the runner.
 */
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';
import { paper } from '../../src/paper-claims.ts';

export async function run(log: (line: string) => void): Promise<void> {
  // Z3 time: the decider's decide() calls, timed around the service (evidence carries no timings).
  let z3Ms = 0;
  const registry = createServiceRegistry({
    z3: async () => {
      const service = await createZ3Service();
      const decide = service.value.decide.bind(service.value);
      service.value.decide = async (query, opts) => {
        const t = performance.now();
        try {
          return await decide(query, opts);
        } finally {
          z3Ms += performance.now() - t;
        }
      };
      return service;
    },
  });
  const ctx: CheckContext = { seed: 1, effort: 1, backend: 'auto', services: registry, progress: () => {} };
  const t0 = performance.now();
  await registry.get('z3');
  log(`z3 init: ${Math.round(performance.now() - t0)} ms (${registry.described().z3})`);
  for (const c of paper.claims.filter((x) => /^(thm:3\.1:case|eq:4\.[3-6]|lem:4\.2:eps-free|rem:3)/.test(x.id))) {
    const t = performance.now();
    z3Ms = 0;
    const r = await c.check(ctx);
    const wall = Math.round(performance.now() - t);
    log(`${c.id.padEnd(24)} ${r.verdict.padEnd(12)} wall ${String(wall).padStart(5)} ms   z3 ${String(Math.round(z3Ms)).padStart(5)} ms`);
  }
  await registry.disposeAll();
}
