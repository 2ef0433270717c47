/**
 * `kind: conjunction` — a main result stated as the conjunction of claims of the file (its `uses`,
 * which may name corrected statements `<id>:corrected` and cited results). Its verdict is computed
 * after its parts have run (src/graph.ts `propagate`): `proved` only when every part is established
 * (proved with a basis, and everything it rests on proved or cited; basis: the weakest of theirs,
 * given-cited with a cited part), so the row's verdict and the headline always agree.
 * It checks nothing itself: the implication from the parts is the paper's argument, named here.
 *
 * A `corrected: { statement, uses: [...] }` is the corrected main result, assembled from those
 * parts the same way (evidence `uses` of the corrected statement carries them to the graph);
 * without `uses` it is the conjunction of the parts' corrected statements where they have one.
 */
import { z } from 'zod';
import { registerProcedure } from './registry.ts';
import type { ClaimRecord, ProcedureEnv } from '../claim-record.ts';
import { closestName } from '../claim-schema.ts';

const CORRECTED = ':corrected';

/** The printed record whose corrected reading `record` is, when it states its own `uses`. */
function correctedUses(record: ClaimRecord, env: ProcedureEnv): string[] | undefined {
  if (!record.id.endsWith(CORRECTED)) return undefined;
  const base = env.set.claims.find((c) => `${c.id}${CORRECTED}` === record.id);
  const uses = base?.corrected?.uses;
  return Array.isArray(uses) ? uses.map(String) : undefined;
}

registerProcedure({
  kind: 'conjunction',
  summary: 'a main result as the conjunction of its uses (verdict and `established` computed from theirs)',
  method: 'exact',
  fields: z.looseObject({ uses: z.array(z.string().min(1)).min(1, 'a conjunction needs its parts in `uses`') }),
  validate(record, env) {
    // The printed `uses` are checked by the loader; a corrected reading's own `uses` here.
    const uses = correctedUses(record, env);
    if (!uses) return [];
    const known = new Set([...env.set.claims.map((c) => c.id), ...env.set.claims.filter((c) => c.corrected).map((c) => `${c.id}${CORRECTED}`), ...env.set.cited.map((c) => c.id)]);
    return uses.flatMap((u, j) => {
      if (known.has(u)) return [];
      const near = closestName(u, known);
      return [{ path: `uses[${j}]`, message: `"${u}" is neither a claim nor a cited result${near ? ` (did you mean "${near}"?)` : ''}` }];
    });
  },
  async decide(record, env) {
    const uses = correctedUses(record, env);
    return { verdict: 'inconclusive', method: 'exact', summary: 'assembled from its parts after they run', evidence: uses ? { uses } : {}, decisive: 'pending' };
  },
});
