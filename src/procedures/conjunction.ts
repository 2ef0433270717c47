/**
 * `kind: conjunction` — a main result stated as the conjunction of claims of the file (its `uses`,
 * which may name corrected statements `<id>:corrected` and cited results). Its verdict is computed
 * after its parts have run (src/graph.ts `propagate`): refuted if a part is refuted, proved only
 * when every part is proved or cited (basis: the weakest of theirs; given-cited with a cited part).
 * It checks nothing itself: the implication from the parts is the paper's argument, named here.
 */
import { z } from 'zod';
import { registerProcedure } from './registry.ts';

registerProcedure({
  kind: 'conjunction',
  summary: 'a main result as the conjunction of its uses (verdict and `established` computed from theirs)',
  method: 'exact',
  fields: z.looseObject({ uses: z.array(z.string().min(1)).min(1, 'a conjunction needs its parts in `uses`') }),
  async decide() {
    return { verdict: 'inconclusive', method: 'exact', summary: 'assembled from its parts after they run', evidence: {}, decisive: 'pending' };
  },
});
