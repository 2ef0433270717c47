/**
 * max/min in inequality and formula-identity records, decided by cases (the orderings of the
 * arguments): a true bound with a max is proved, the strict version refuted on the diagonal, a
 * definition with max/min (C₂ = max{1, a, a²}/min{1, b}) read through, max + min = a + b proved
 * and max − min = a − b refuted with a witness in the case where it fails.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: mm, title: "MM" }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
  definitions:
    - "C2 = max(1, a, a^2)/min(1, b)"
claims:
`;
const files = claimFiles(HEADER, 'hc-maxmin-');
const decide = (fields: string, kind = 'inequality'): Promise<CheckResult> => files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields} }\n`);
const val = (r: CheckResult, k: string) => Number(eval(String((r.witness as Record<string, string>)[k])));

describe('max and min by cases', () => {
  it('proves max(a, b) ≥ (a + b)/2 and refutes the strict version where a = b', async () => {
    expect((await decide('relation: "max(a, b) >= (a + b)/2"')).verdict).toBe('proved');
    const r = await decide('relation: "max(a, b) > (a + b)/2"');
    expect(r.verdict).toBe('refuted');
    expect(val(r, 'a')).toBe(val(r, 'b'));
  });
  it('reads max/min through a definition: C₂ ≥ a² holds, C₂ ≥ a³ fails (a > 1)', async () => {
    expect((await decide('relation: "C2 >= a^2"')).verdict).toBe('proved');
    const r = await decide('relation: "C2 >= a^3"');
    expect(r.verdict).toBe('refuted');
    const a = val(r, 'a'), b = val(r, 'b');
    expect(Math.max(1, a, a * a) / Math.min(1, b)).toBeLessThan(a ** 3);
  });
  it('proves max + min = a + b and refutes max − min = a − b', async () => {
    expect((await decide('lhs: "max(a, b) + min(a, b)", rhs: "a + b"', 'formula-identity')).verdict).toBe('proved');
    const r = await decide('lhs: "max(a, b) - min(a, b)", rhs: "a - b"', 'formula-identity');
    expect(r.verdict).toBe('refuted');
    expect(val(r, 'b')).toBeGreaterThan(val(r, 'a'));
  });
});
