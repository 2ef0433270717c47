import { describe, expect, it } from 'vitest';
import { createCvc5Service, cvc5Version } from '../../src/cvc5-service.ts';
import { CVC5_RESOURCE_LIMIT } from '../../src/procedures/common.ts';
import { createSmtDecider } from '../../symbolic/smt2.ts';
import { and, atom, not, type RealQuery } from '../../symbolic/z3.ts';
import { pv } from '../../symbolic/poly.ts';

const C = pv('C');
const Ch = pv('Ch');
/**
 * eq:4.6:arnold-erb's first query at ω₀ = 1, γ = 2 (no P = [[1, Ĉ], [Ĉ, C]] ≻ 0 with K − 2μP ⪰ 0):
 * unsat, which Z3 decides at once and Debian's cvc5 (no libpoly) does not.
 */
const hard: RealQuery = {
  variables: ['C', 'Ch'],
  assumptions: and(),
  goal: not(and(atom(C.sub(Ch.mul(Ch)), '>'), atom(Ch.scale(2).sub(2), '>='), atom(C.scale(2).sub(Ch.scale(2)), '>='), atom(C.mul(Ch).scale(4).sub(Ch.mul(Ch).scale(4)).sub(C.scale(2)).add(Ch.scale(4)).sub(C.mul(C)).sub(1), '>='))),
};
/** x > 0 ⇒ x² > 0: unsat in a few of cvc5's resource units. */
const easy: RealQuery = { variables: ['x'], assumptions: atom(pv('x'), '>'), goal: atom(pv('x').mul(pv('x')), '>') };

describe('cvc5 with a resource limit (issue 13)', () => {
  it('passes the limit to the runner and reports cvc5\'s reason for an unknown', async () => {
    const seen: (number | undefined)[] = [];
    const decider = createSmtDecider(async (_script, _ms, limit) => {
      seen.push(limit);
      return 'unknown\n((x 0.0))\n(:reason-unknown resourceout)\n';
    }, 'fake');
    const d = await decider.decide(easy, { timeoutMs: 1000, resourceLimit: 1234 });
    expect(seen).toEqual([1234]);
    expect(d).toMatchObject({ status: 'unknown', reason: 'solver answered unknown (resourceout)' });
    // an error line after sat (cvc5 refuses :reason-unknown then) does not hide the model
    const sat = createSmtDecider(async () => 'sat\n((x 2.0))\n(error "Can\'t get-info :reason-unknown when the last result wasn\'t unknown!")\n', 'fake');
    const below1: RealQuery = { variables: ['x'], assumptions: atom(pv('x'), '>'), goal: atom(pv('x').sub(1), '<') };
    expect(await sat.decide(below1)).toMatchObject({ status: 'refuted', witness: { x: '2' } });
  });

  it.skipIf(!cvc5Version())('stops on a query it cannot decide, whatever the clock says, and answers what it can within its resource limit', async () => {
    const cvc5 = (await createCvc5Service()).value;
    const stuck = await cvc5.decide(hard, { timeoutMs: 60_000, resourceLimit: CVC5_RESOURCE_LIMIT });
    // without tangent planes (CVC5_OPTIONS) it stops as incomplete; with them, at the resource limit
    expect(stuck).toMatchObject({ status: 'unknown', reason: 'solver answered unknown (incomplete)' });
    expect(await cvc5.decide(easy, { timeoutMs: 60_000, resourceLimit: CVC5_RESOURCE_LIMIT })).toMatchObject({ status: 'proved' });
    // a planted limit too small for even the easy query turns its answer
    expect(await cvc5.decide(easy, { timeoutMs: 60_000, resourceLimit: 1 })).toMatchObject({ status: 'unknown' });
  });

  it.skipIf(!cvc5Version())('answers a² + 1 ≥ 2a and (a + b)² ≥ 4ab at once (unknown), where tangent planes looped to the backstop', async () => {
    const cvc5 = (await createCvc5Service()).value;
    const a = pv('a'), b = pv('b');
    const amgm1: RealQuery = { variables: ['a'], assumptions: atom(a, '>'), goal: atom(a.mul(a).add(1).sub(a.scale(2)), '>=') };
    const amgm2: RealQuery = { variables: ['a', 'b'], assumptions: and(atom(a, '>'), atom(b, '>')), goal: atom(a.add(b).mul(a.add(b)).sub(a.mul(b).scale(4)), '>=') };
    for (const q of [amgm1, amgm2]) {
      // a loop would end at the 60 s limit with "no answer" / "time limit reached"
      expect(await cvc5.decide(q, { timeoutMs: 60_000, resourceLimit: CVC5_RESOURCE_LIMIT })).toMatchObject({ status: 'unknown', reason: 'solver answered unknown (incomplete)' });
    }
  }, 150_000);

  it.skipIf(!cvc5Version())('a query after dispose gets a launcher of its own: the old one ending does not fail it', async () => {
    const service = await createCvc5Service();
    expect(await service.value.decide(easy, { timeoutMs: 60_000 })).toMatchObject({ status: 'proved' });
    await service.dispose?.();
    const answers = await Promise.all([0, 1, 2].map(() => service.value.decide(easy, { timeoutMs: 60_000 })));
    expect(answers.map((a) => a.status)).toEqual(['proved', 'proved', 'proved']);
    await service.dispose?.();
  });
});
