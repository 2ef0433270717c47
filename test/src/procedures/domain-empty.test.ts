/**
 * An empty domain (parameter domains ∧ `forall` unsatisfiable, integrality included) makes a claim
 * `vacuous`, decided exactly by the solvers when sampling finds no point: `p > 5` under
 * `p > 1, p < 0` was `proved` with no flag. A thin domain that sampling misses but that is not
 * empty is decided as usual; a max/min case with an empty region still holds in that case.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/claims.ts';
import { claimFiles } from '../../helpers/decide-file.ts';

const HEADER = `paper: { id: empty, title: "Empty" }
symbols:
  parameters:
    p: { domain: "real" }
    q: { domain: "real" }
    a: { domain: "> 0" }
claims:
`;
const files = claimFiles(HEADER, 'hc-empty-');
const decide = (fields: string, kind = 'inequality'): Promise<CheckResult> => files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields} }\n`);
// the domain is the product of every parameter's: one with no integer in it empties it
const intFiles = claimFiles(HEADER.replace('claims:', '    m: { domain: "integer > 1, < 2" }\nclaims:'), 'hc-empty-int-');

describe('empty domains are vacuous', () => {
  it('inequality: p > 5 under p > 1, p < 0 is vacuous (both solvers: the domain is unsat), not proved', async () => {
    const r = await decide('forall: ["p > 1", "p < 0"], relation: "p > 5"');
    expect(r.verdict).toBe('vacuous');
    expect(r.summary).toMatch(/domain is empty/);
    expect(r.evidence).toMatchObject({ z3: { status: 'proved' }, forall: ['p > 1', 'p < 0'] });
    expect(r.witness).toBeUndefined();
    // a false claim over the empty domain is not refuted either: no witness can exist
    expect((await decide('forall: ["p > 1", "p < 0"], relation: "p < 0 - 5"')).verdict).toBe('vacuous');
  });

  it('an integer domain with no integer in it (1 < m < 2) is vacuous; over ℝ it would not be empty', async () => {
    const r = await intFiles.decide('  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, relation: "m > 5" }\n');
    expect(r.verdict).toBe('vacuous');
    expect(r.summary).toMatch(/domain is empty/);
  });

  it('formula-identity through the shared case machinery is unaffected when the domain is not empty', async () => {
    expect((await decide('lhs: "a^2/a", rhs: "a"', 'formula-identity')).verdict).toBe('proved');
  });

  it('matrix-inequality and matrix-identity over an empty domain are vacuous', async () => {
    expect((await decide('forall: ["a < 0"], matrices: { A: [["a", "0"], ["0", "1"]] }, claims: ["A > 0"]', 'matrix-inequality')).verdict).toBe('vacuous');
    expect((await decide('forall: ["p^2 + 1 < 0"], matrices: { A: [["p"]], B: [["p + 1"]] }, lhs: "A", rhs: "B"', 'matrix-identity')).verdict).toBe('vacuous');
  });

  it('a thin domain that sampling misses but that has points (p² = 2) is not vacuous', async () => {
    const r = await decide('forall: ["p^2 = 2"], relation: "p^2 <= 2"');
    expect(r.verdict).toBe('proved');
  });

  it('a non-empty domain is decided as before, with no extra solver query', async () => {
    const r = await decide('forall: ["p > 1"], relation: "p > 0"');
    expect(r.verdict).toBe('proved');
    expect(r.evidence).not.toHaveProperty('emptyDomain');
    expect((await decide('forall: ["p > 1"], relation: "p > 2"')).verdict).toBe('refuted');
  });

  it('max/min: a case whose region is empty does not stop the proof of the others', async () => {
    // cases a >= p ∧ p >= q … some are empty under p > a; the claim holds in every case
    const r = await decide('forall: ["p > a"], relation: "max(p, a) >= a"');
    expect(r.verdict).toBe('proved');
  });
});
