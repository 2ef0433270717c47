/**
 * integral-identity with a weight printed upside down (1/M for M, the slip of (4.3) and H(t) in
 * Zhu & Ying 2021): the growing weight class makes ∫(lhs − rhs)·weight diverge, refuted with the
 * class, the direction and the non-zero coefficient; the same identity with M is proved, and a
 * growing class whose coefficient vanishes identically is not a witness.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    beta: { domain: "> 0" }
    c: { domain: "real" }
  variables:
    x: { vector: true }
    v: { vector: true }
  functions:
    h: { args: [x, v] }
  definitions:
    - "M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)"
claims:
`;
const files = claimFiles(HEADER, 'hc-growth-');
const decide = (lhs: string, rhs: string): Promise<CheckResult> => files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: integral-identity, lhs: "${lhs}", rhs: "${rhs}", over: [x, v] }\n`);
const FORM = '(|grad(h, x)|^2 + c*|grad(h, v)|^2)';

describe('integral-identity: a growing weight class', () => {
  it('refutes a weight 1/M printed for M: the integral diverges', async () => {
    const r = await decide(`${FORM}/M`, `${FORM}*M`);
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).weightClass).toMatch(/exp\(/);
    expect(r.summary).toMatch(/diverges/);
  });
  it('proves the same identity with M on both sides', async () => {
    expect((await decide(`${FORM}*M`, `${FORM}*M`)).verdict).toBe('proved');
  });
  it('proves an identity whose growing classes cancel exactly', async () => {
    expect((await decide(`${FORM}/M + ${FORM}*M`, `${FORM}*M + ${FORM}/M`)).verdict).toBe('proved');
  });
  it('refutes a total divergence whose printed sides diverge: ∫h′G = −∫azhG with G = e^{az²/2} growing (review, planted)', async () => {
    const growing = claimFiles(`paper: { id: t, title: T }
symbols:
  parameters:
    a: { domain: "> 0" }
  variables:
    z: {}
  functions:
    h: { args: [z] }
  definitions:
    - "G = exp(a*z^2/2)"
    - "W = exp(-a*z^2/2)"
claims:
`, 'hc-growth-side-');
    const one = (lhs: string, rhs: string, weight: string) => growing.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: integral-identity, lhs: "${lhs}", rhs: "${rhs}", weight: "${weight}", over: [z] }\n`);
    // (h′ + azh)G = (hG)′: a divergence, but ∫h′G does not exist (h = 1: ∫azG)
    const r = await one('diff(h, z)', '-a*z*h', 'G');
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/diverges/);
    expect((r.witness as Record<string, unknown>).along).toBe('z');
    // the same integration by parts against the decaying weight is proved
    expect((await one('diff(h, z)', 'a*z*h', 'W')).verdict).toBe('proved');
  });
});
