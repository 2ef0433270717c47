/**
 * domainPoints (src/procedures/common.ts) remembers its points by everything they depend on: the
 * same record asks again for the same points (fresh objects), and any change to what the points
 * depend on (forall, examples, definitions, seed, n) gives the points of the changed record.
 */
import { describe, expect, it } from 'vitest';
import { domainPoints } from '../../src/procedures/common.ts';
import type { CheckContext } from '../../src/claims.ts';
import { q } from '../../symbolic/rational.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: p, title: "P" }
symbols:
  parameters:
    eta: { domain: "> 0" }
    omega0: { domain: "> 0" }
claims:
`;
const { load } = claimFiles(HEADER, 'hc-points-');
const ctx = (seed: number) => ({ seed }) as CheckContext;
const text = (pts: Record<string, { toString(): string }>[]) => pts.map((at) => Object.entries(at).map(([k, v]) => `${k}=${v}`).join(',')).join(' ');

describe('domainPoints', () => {
  const set = load(`  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, relation: "eta < 1", forall: ["eta < 1/(4*omega0^2)"] }\n`);
  const record = set.claims[0];
  const env = { set };

  it('gives the same points again, as fresh objects, every one inside the hypothesis', () => {
    const first = domainPoints(record, env, ctx(1), 12);
    expect(first).toHaveLength(12);
    for (const at of first) expect(at.eta.mul(at.omega0.mul(at.omega0)).mul(q(4)).lt(q(1))).toBe(true);
    first[0].extra = first[0].eta;
    const again = domainPoints(record, env, ctx(1), 12);
    expect(text(again)).toBe(text(first.map(({ extra: _, ...at }) => at)));
    expect(again[0]).not.toHaveProperty('extra');
  });

  it('a changed hypothesis, seed or count gives other points (a planted change is not answered from memory)', () => {
    const base = text(domainPoints(record, env, ctx(1), 12));
    const planted = { ...record, forall: ['eta < 1/(8*omega0^2)'] };
    const other = domainPoints(planted, env, ctx(1), 12);
    expect(text(other)).not.toBe(base);
    for (const at of other) expect(at.eta.mul(at.omega0.mul(at.omega0)).mul(q(8)).lt(q(1))).toBe(true);
    expect(text(domainPoints(record, env, ctx(2), 12))).not.toBe(base);
    expect(text(domainPoints(record, env, ctx(1), 13))).not.toBe(base);
    expect(text(domainPoints({ ...record, examples: [{ eta: '1/100', omega0: '1' }] }, env, ctx(1), 12))).toMatch(/^eta=1\/100,omega0=1 /);
  });
});
