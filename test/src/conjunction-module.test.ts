/**
 * Bug 1 (module side): a module returning `proved` by simulation or without a basis passed as a
 * proof (c:9 "proved two-solvers", c:15 "proved kernel", headline established), and a user
 * module's method `exact` got basis kernel without stating it.
 */
import { describe, expect, it } from 'vitest';
import { checkConjunctionFixture } from '../helpers/conjunction-fixture.ts';
import type { HypocheckReport } from '../../src/report.ts';

let report: HypocheckReport;
const byId = (id: string) => report.claims.find((c) => c.id === id)!;
const headline = (id: string) => report.headline.find((h) => h.includes(`(${id})`))!;

async function run(): Promise<HypocheckReport> {
  report ??= await checkConjunctionFixture();
  return report;
}

describe('bug 1: a proved counts only with a stated basis', () => {
  it('a module returning proved by simulation or monte-carlo, or without a basis, is an error naming the module', async () => {
    await run();
    expect(byId('m:sim').verdict).toBe('error');
    expect(byId('m:sim').summary).toMatch(/module mods\.mjs#simProved returned proved by simulation, which never proves/);
    expect(byId('m:mc').verdict).toBe('error');
    expect(byId('m:exact').verdict).toBe('error');
    expect(byId('m:exact').summary).toMatch(/module mods\.mjs#exactNoBasis returned proved without a basis/);
    expect(byId('m:exact').basis).toBeUndefined(); // no kernel inferred from method exact
    expect(byId('m:badbasis').verdict).toBe('error');
    expect(byId('m:badbasis').summary).toMatch(/unknown basis "kernal"/);
    expect(byId('m:kernel')).toMatchObject({ verdict: 'proved', basis: 'kernel' });
  });

  it("a module's own corrected statement proved without a basis is an error too", async () => {
    await run();
    expect(byId('m:corr').verdict).toBe('refuted');
    expect(byId('m:corr').corrected).toMatchObject({ verdict: 'error' });
    expect(byId('m:corr').corrected!.summary).toMatch(/module mods\.mjs#correctedNoBasis returned proved without a basis/);
  });

  it('their conjunctions are not established; one with stated bases is, with the weakest basis', async () => {
    await run();
    for (const id of ['c:sim', 'c:exact', 'c:mc', 'c:badbasis']) {
      expect(byId(id).verdict).not.toBe('proved');
      expect(byId(id).established).toBe('no');
      expect(headline(id)).toMatch(/not established — broken at m:/);
    }
    expect(byId('c:kernel')).toMatchObject({ verdict: 'proved', basis: 'given-cited', established: 'yes' });
  });

});
