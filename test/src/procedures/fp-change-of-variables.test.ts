/**
 * change-of-variables: the map must be invertible (a degenerate z = 0·u "derived" ∂ₜp = 0 from the
 * heat equation), the printed Jacobian is decided for every d (or the dimensions checked are
 * listed), and a negative printed |det| is refuted. The true scalings stay proved.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/claims.ts';
import { claimFiles } from '../../helpers/decide-file.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    a: { domain: "> 0" }
    c: { domain: "real" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    y: { vector: true }
    z: {}
    u: {}
    t: {}
  functions:
    p: { args: [t, x] }
    q: { args: [t, y] }
    p1: { args: [t, z] }
    q1: { args: [t, u] }
claims:
`;

const files = claimFiles(HEADER, 'hc-fp-cv-');
const cv = (fields: string): Promise<CheckResult> => files.decide(`  - { id: "cv:1", source: "(1)", statement: "s", kind: change-of-variables, ${fields} }\n`);
const heat1 = 'original: q1, density: p1, old: [u], from: "diff(q1, t) = diff(diff(q1, u), u)"';
const heat = 'original: q, density: p, old: [y], from: "diff(q, t) = lap(q, y)"';

describe('change-of-variables: the map must be invertible', () => {
  it('z = 0·u, x = 0·y (det ≡ 0) are not proved', async () => {
    for (const f of [`${heat1}, substitution: { z: "0*u" }, to: "diff(p1, t) = 0"`, `${heat1}, substitution: { z: "0*u + 1" }, to: "diff(p1, t) = 0"`, `${heat}, substitution: { x: "0*y" }, to: "diff(p, t) = 0"`, `${heat}, substitution: { x: "0*y" }, to: "diff(p, t) = 0", jacobian: "0"`]) {
      const r = await cv(f);
      expect(r.verdict).toBe('inconclusive');
      expect(r.evidence.hypothesisFails).toMatch(/not invertible/);
    }
  });
  it('x = c·y with c real is singular at c = 0: not proved', async () => {
    const r = await cv(`${heat}, substitution: { x: "c*y" }, to: "diff(p, t) = c^2*lap(p, x)"`);
    expect(r.verdict).toBe('inconclusive');
    expect((r.witness as Record<string, string>).c).toBe('0');
  });
  it('the true scaling x = 2y stays proved, for every d', async () => {
    const r = await cv(`${heat}, substitution: { x: "2*y" }, to: "diff(p, t) = 4*lap(p, x)", jacobian: "2^d"`);
    expect(r.verdict).toBe('proved');
    expect(r.dimensions).toBe('all');
    expect(r.basis).toBe('kernel');
    const s = await cv(`${heat1}, substitution: { z: "a*u" }, to: "diff(p1, t) = a^2*diff(diff(p1, z), z)", jacobian: "a"`);
    expect(s.verdict).toBe('proved');
  });
});

describe('change-of-variables: the printed Jacobian', () => {
  it('2^d + (d−1)(d−2)(d−3) is refuted at d = 4', async () => {
    const r = await cv(`${heat}, substitution: { x: "2*y" }, to: "diff(p, t) = 4*lap(p, x)", jacobian: "2^d + (d - 1)*(d - 2)*(d - 3)"`);
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).dimension).toBe(4);
  });
  it('a printed |det| = −(2^d) is refuted', async () => {
    const r = await cv(`${heat}, substitution: { x: "2*y" }, to: "diff(p, t) = 4*lap(p, x)", jacobian: "-(2^d)"`);
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/≤ 0/);
  });
  it('a form that is not B^d holds in the dimensions checked only: not proved for every d, and says so (review 5)', async () => {
    const r = await cv(`${heat}, substitution: { x: "2*y" }, to: "diff(p, t) = 4*lap(p, x)", jacobian: "2^d + 0*(d - 1)"`);
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/not every dimension/);
    expect(r.dimensions).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('a^(2*d) for x = a²y is proved for every d; a^d is refuted', async () => {
    const ok = await cv(`${heat}, substitution: { x: "a^2*y" }, to: "diff(p, t) = a^4*lap(p, x)", jacobian: "a^(2*d)"`);
    expect(ok.verdict).toBe('proved');
    expect(ok.dimensions).toBe('all');
    expect((await cv(`${heat}, substitution: { x: "a^2*y" }, to: "diff(p, t) = a^4*lap(p, x)", jacobian: "a^d"`)).verdict).toBe('refuted');
  });
});
