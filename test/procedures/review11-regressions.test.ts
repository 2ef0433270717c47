/**
 * Review 11 (planted errors in kinds the earlier reviews did not stress). Each false verdict comes
 * with its planted pair.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-r11-');

describe('change-of-variables: a scalar map\'s Jacobian does not depend on d', () => {
  const syms = '  dimension: { name: d, check: [1, 2, 3] }\n  variables: { t: {}, y: {}, x: {} }\n  functions: { q: { args: [t, y] }, p: { args: [t, x] } }\n';
  const cv = (jacobian: string) => files.decide(oneClaimFile(syms, `kind: change-of-variables, original: q, density: p, old: [y], substitution: { x: "2*y" }, from: "diff(q, t) = diff(diff(q, y), y)", to: "diff(p, t) = 4*diff(diff(p, x), x)", jacobian: "${jacobian}"`));
  it('x = 2y: the printed |det| 2^d is refuted at d = 2 (it was proved beside the printed 2)', async () => {
    const r = await cv('2^d');
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).dimension).toBe(2);
    expect((await cv('2')).verdict).toBe('proved');
  });
});
