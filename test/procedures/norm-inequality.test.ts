/**
 * norm-inequality on the whole domain (review, planted): the norms are values ≥ 0, so a strict
 * relation that fails only where the sides are equal (a set random trials never hit) is refuted by
 * the solvers at a re-checked point, and a true one is proved, not merely supported.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-norms-');
const decide = (relation: string, extra = ''): Promise<CheckResult> =>
  files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "> 0" }, b: { domain: "> 0" } }\n  dimension: { name: d }\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: norm-inequality, relation: "${relation}", nonnegative: [n1, n2]${extra} }\n`);

describe('norm-inequality', () => {
  it('proves Young 2ab·n1·n2 ≤ a²n1² + b²n2² for all norms', async () => {
    const r = await decide('2*a*b*n1*n2 <= a^2*n1^2 + b^2*n2^2', ', dimension: [1]');
    expect(r.verdict).toBe('proved');
    expect(r.basis).toMatch(/solver/);
  });
  it('refutes the strict form at a point where a·n1 = b·n2 (the witness re-checks: both sides equal)', async () => {
    const r = await decide('2*a*b*n1*n2 < a^2*n1^2 + b^2*n2^2', ', dimension: [1]');
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    const [a, b, n1, n2] = ['a', 'b', 'n1', 'n2'].map((k) => Number(w[k]));
    expect(Number(w.n1)).toBeGreaterThanOrEqual(0);
    expect(2 * a * b * n1 * n2).toBe(a * a * n1 * n1 + b * b * n2 * n2);
  });
  it('reads the printed dimension: (d + 1)·n1 ≤ 2·n1 holds at d = 1 only', async () => {
    expect((await decide('(d + 1)*n1 <= 2*n1', ', dimension: [1]')).verdict).toBe('proved');
    expect((await decide('(d + 1)*n1 <= 2*n1', ', dimension: [1, 2]')).verdict).toBe('refuted');
  });
});
