/**
 * Z3 time per claim: initialisation once, then each solver-backed claim of Theorem 3.1, (4.3)–(4.6) and the remarks
 * (`npm run bench z3`). Reports wall time per claim and the Z3 time inside it.
 */
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';
import { paper } from '../../src/paper-claims.ts';

function z3Ms(evidence: unknown): number {
  let total = 0;
  const seen = new Set<object>();
  const walk = (v: unknown) => {
    if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      for (const [k, x] of Object.entries(v)) {
        if (k === 'ms' && typeof x === 'number') total += x;
        else walk(x);
      }
    }
  };
  walk(evidence);
  return total;
}

export async function run(log: (line: string) => void): Promise<void> {
  const registry = createServiceRegistry({ z3: createZ3Service });
  const ctx: CheckContext = { seed: 1, effort: 1, backend: 'auto', services: registry, progress: () => {} };
  const t0 = performance.now();
  await registry.get('z3');
  log(`z3 init: ${Math.round(performance.now() - t0)} ms (${registry.described().z3})`);
  for (const c of paper.claims.filter((x) => /^(thm:3\.1:case|eq:4\.[3-6]|lem:4\.2:eps-free|rem:3)/.test(x.id))) {
    const t = performance.now();
    const r = await c.check(ctx);
    const wall = Math.round(performance.now() - t);
    log(`${c.id.padEnd(22)} ${r.verdict.padEnd(9)} wall ${String(wall).padStart(5)} ms   z3 ${String(z3Ms({ e: r.evidence, c: r.corrected })).padStart(5)} ms`);
  }
  await registry.disposeAll();
}
