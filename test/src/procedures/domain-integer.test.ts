/**
 * Integer parameter domains (`domain: "integer >= 1"`): the solvers declare such a parameter Int
 * (Z3: an Int constant used through to_real; cvc5: `(declare-fun n () Int)`), every witness —
 * a pinned example, a sampled point, a solver model — must give it an integer value before it
 * refutes, and sampled points are integers. n² − 3n + 2 = (n − 1)(n − 2) ≥ 0 holds on the
 * integers and fails at n = 3/2: it was refuted there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/claims.ts';
import { domainPoints } from '../../../src/procedures/common.ts';
import { createCvc5Service, cvc5Version } from '../../../src/cvc5-service.ts';
import { createZ3Service } from '../../../src/z3-service.ts';
import type { Service } from '../../../src/services.ts';
import { queryToSmt2 } from '../../../symbolic/smt2.ts';
import { TRUE, and, atom, recheckCounterexample, type RealQuery, type Z3Decider } from '../../../symbolic/z3.ts';
import { pv } from '../../../symbolic/poly.ts';
import { q } from '../../../symbolic/rational.ts';
import type { CheckContext } from '../../../src/claims.ts';
import { claimFiles } from '../../helpers/decide-file.ts';

const HEADER = `paper: { id: ints, title: "Integers" }
symbols:
  parameters:
    n: { domain: "integer >= 1" }
    a: { domain: "> 0" }
claims:
`;
const files = claimFiles(HEADER, 'hc-int-');
const decide = (fields: string, kind = 'inequality'): Promise<CheckResult> => files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields} }\n`);
const witnessN = (r: CheckResult) => q(String((r.witness as Record<string, string>).n));

const n = pv('n');
/** n ≥ 1 ⟹ n² − 3n + 2 ≥ 0: true on ℤ, false at n = 3/2 ∈ ℝ. */
const query = (integers?: string[]): RealQuery => ({ variables: ['n'], ...(integers ? { integers } : {}), assumptions: atom(n.sub(1), '>='), goal: atom(n.mul(n).sub(n.scale(3)).add(2), '>=') });

describe('integer domains in the solvers', () => {
  let service: Service<Z3Decider>;
  beforeAll(async () => {
    service = await createZ3Service();
  });
  afterAll(async () => {
    await service.dispose?.();
  });

  it('Z3: n² − 3n + 2 ≥ 0 is refuted over ℝ (n = 3/2) but not over ℤ', async () => {
    const z3 = service.value;
    const real = await z3.decide(query());
    expect(real.status).toBe('refuted');
    const int = await z3.decide(query(['n']));
    expect(int.status).not.toBe('refuted');
    expect(['proved', 'unknown']).toContain(int.status);
  });

  it('Z3: a false integer claim gets an integer model (n² − 3n + 2 > 0 fails at n = 1, 2)', async () => {
    const d = await service.value.decide({ ...query(['n']), goal: atom(n.mul(n).sub(n.scale(3)).add(2), '>') });
    expect(d.status).toBe('refuted');
    expect(['1', '2']).toContain(d.witness!.n);
  });

  it('the exact re-check rejects a non-integer value of an integer variable', () => {
    expect(recheckCounterexample(query(), { n: q(3, 2) })).toBe(true);
    expect(recheckCounterexample(query(['n']), { n: q(3, 2) })).toBe(false);
  });

  it('the SMT-LIB script (cvc5, and report/smt2 for a referee) declares the integer variables Int (mixed arithmetic)', () => {
    const script = queryToSmt2(query(['n']));
    expect(script).toContain('(declare-fun n () Int)');
    expect(script).toContain('(set-logic QF_NIRA)');
    expect(script).not.toContain('(declare-fun n () Real)');
    const real = queryToSmt2(query());
    expect(real).toContain('(declare-fun n () Real)');
    expect(real).toContain('(set-logic QF_NRA)');
  });

  it.skipIf(!cvc5Version())('cvc5: refuted over ℝ, not over ℤ; an integer model for the false claim', async () => {
    const svc = await createCvc5Service();
    try {
      const cvc5 = svc.value;
      expect((await cvc5.decide(query())).status).toBe('refuted');
      expect((await cvc5.decide(query(['n']))).status).not.toBe('refuted');
      const d = await cvc5.decide({ ...query(['n']), assumptions: and(atom(n.sub(1), '>=')), goal: atom(n.mul(n).sub(n.scale(3)).add(2), '>') });
      expect(d.status).toBe('refuted');
      expect(['1', '2']).toContain(d.witness!.n);
    } finally {
      await svc.dispose?.();
    }
  });
});

describe('integer domains in the procedures', () => {
  it('inequality: n² − 3n + 2 ≥ 0 on the integers n ≥ 1 is not refuted (proved or inconclusive)', async () => {
    const r = await decide('relation: "n^2 - 3*n + 2 >= 0"');
    expect(['proved', 'inconclusive']).toContain(r.verdict);
    const r2 = await decide('relation: "(2*n - 3)^2 >= 1"');
    expect(['proved', 'inconclusive']).toContain(r2.verdict);
  });

  it('inequality: n² − 3n + 2 > 0 is refuted with an integer witness n = 1 or 2', async () => {
    const r = await decide('relation: "n^2 - 3*n + 2 > 0"');
    expect(r.verdict).toBe('refuted');
    expect(['1', '2']).toContain(witnessN(r).toString());
  });

  it('inequality: a failure sampling cannot reach is refuted by the solvers at an integer (n = 1000 or 1001)', async () => {
    // over ℝ it fails on [1000, 1001]; sampled integers stay small
    const r = await decide('relation: "(2*n - 2001)^2 > 1"');
    expect(r.verdict).toBe('refuted');
    expect(witnessN(r).isInteger()).toBe(true);
    expect(['1000', '1001']).toContain(witnessN(r).toString());
  });

  it('an example outside the integers is not a witness (n = 3/2 is not in the domain)', async () => {
    const r = await decide('relation: "(2*n - 3)^2 >= 1", examples: [{ n: "3/2" }]');
    expect(r.verdict).not.toBe('refuted');
  });

  it('sampled points give integer parameters integer values, and a pinned non-integer is dropped', () => {
    const set = files.load(`  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, relation: "n >= 1", forall: ["a = n/2"], examples: [{ n: "5/2" }] }\n`);
    const pts = domainPoints(set.claims[0], { set }, { seed: 3 } as CheckContext, 12);
    expect(pts.length).toBeGreaterThan(0);
    for (const at of pts) expect(at.n.isInteger()).toBe(true);
    // `a = n/2` sets a from n; `n = a*2` would set n from a: a value that is not an integer is rejected
    const set2 = files.load(`  - { id: "c:2", source: "(1)", statement: "s", kind: inequality, relation: "n >= 1", forall: ["n = 2*a"] }\n`);
    for (const at of domainPoints(set2.claims[0], { set: set2 }, { seed: 3 } as CheckContext, 12)) expect(at.n.isInteger()).toBe(true);
  });

  it('square roots: √(n² − 3n + 2) is defined on the integers n ≥ 1 (it is not at n = 3/2)', async () => {
    const r = await decide('relation: "sqrt(n^2 - 3*n + 2) >= 0"');
    expect(r.verdict).not.toBe('inconclusive');
    expect(r.verdict).toBe('proved');
  });

  it('matrix-inequality: [[n² − 3n + 2]] ⪰ 0 on the integers is not refuted; [[n² − 3n + 2]] ≻ 0 is, at an integer', async () => {
    const r = await decide('matrices: { A: [["n^2 - 3*n + 2"]] }, claims: ["A >= 0"]', 'matrix-inequality');
    expect(['proved', 'inconclusive']).toContain(r.verdict);
    const f = await decide('matrices: { A: [["n^2 - 3*n + 2", "0"], ["0", "1"]] }, claims: ["A > 0"]', 'matrix-inequality');
    expect(f.verdict).toBe('refuted');
    expect(['1', '2']).toContain(witnessN(f).toString());
  });

  it('spectral-abscissa: the sign of the discriminant is decided over the integers', async () => {
    // tr = 0, det = n² − 3n + 2 ≥ 0 on ℤ: disc = −4 det ≤ 0 (over ℝ it changes sign at n = 3/2), min Re λ = 0
    const r = await decide('matrices: { A: [["0", "1"], ["-(n^2 - 3*n + 2)", "0"]] }, matrix: "A", value: "0"', 'spectral-abscissa');
    expect(r.verdict).toBe('proved');
  });
});
