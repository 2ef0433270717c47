/**
 * Issue 9: `hypocheck mutate` on every data claim of the shipped paper — every printed datum must
 * be read (a planted error turns the verdict or the decisive evidence). An unread datum is a check
 * that ignores part of what is printed; this test fails on any.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { paper } from '../../src/paper-claims.ts';

const paperSet = paper.set;
import { mutateClaimSet } from '../../src/mutate.ts';
import { createContext } from '../../src/cli.ts';

const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.25, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());

describe('hypocheck mutate on the paper', () => {
  it('finds no unread printed datum in any claim record or in the file symbols', { timeout: 900_000 }, async () => {
    const report = await mutateClaimSet(paperSet, ctx);
    const unread = report.claims.filter((c) => c.unread.length).map((c) => `${c.id}: ${c.unread.join(', ')}`);
    expect(report.dataTotal).toBeGreaterThan(50);
    expect(unread).toEqual([]);
  });
});
