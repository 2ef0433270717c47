import { describe, expect, it } from 'vitest';
import { isPlotSpec, type CheckContext } from '../../src/claims.ts';
import { paper } from '../../src/paper-claims.ts';

const paperSet = paper.set;
import { instantiate } from '../../src/procedures/index.ts';
import type { ClaimRecord } from '../../src/claim-record.ts';
import { ratesFloat } from '../../numeric/spectral.ts';
import { combinePerturbedMethods, galerkinData, makePerturbedCheck, perturbedData, readGalerkin } from '../../proofs/perturbed-rate.ts';

// effort 0.2: 4000 paths per setting, about 2 s; simulated once and cached per (seed, effort)
const small: CheckContext = { seed: 1, effort: 0.2, backend: 'auto', progress: () => {}, services: { get: async () => { throw new Error('no services'); }, has: () => false } };
const record = paperSet.claims.find((c) => c.id === 'thm:3.1:perturbed')!;
const run = (r: ClaimRecord) => instantiate(r, { set: paperSet }).check(small);
const spectral = (w: number, g: number) => ratesFloat(w, g).spectral;

describe('thm:3.1:perturbed (module reading the printed rates)', () => {
  it('refutes the printed 2μ (method simulation, two seeds, Galerkin agreeing); the corrected rate is supported', async () => {
    const r = await run(record);
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('simulation');
    expect(r.corrected?.verdict).toBe('supported');
    expect((r.witness as { measured: unknown[] }).measured).toHaveLength(2);
    expect(isPlotSpec(r.evidence.decayPlot)).toBe(true);
    const g = r.evidence.galerkin as { regimes: { reading: string; rateUnderTest: number }[] };
    expect(g.regimes.map((x) => x.rateUnderTest)).toEqual([4, 4]); // 2(γ − √(γ²−4ω₀²)) at (4, 5), 2γ at (4, 2)
    expect(g.regimes.map((x) => x.reading)).toEqual(['refutes', 'refutes']);
  });
  it('turns with each printed case: halving the overdamped rate alone leaves only the underdamped one wrong', async () => {
    const cases = record.cases as { when: string; rate: string }[];
    const planted = { ...record, corrected: undefined, cases: [cases[0], { ...cases[1], rate: 'gamma - sqrt(gamma^2 - 4*omega0^2)' }] };
    const r = await run(planted);
    expect(r.verdict).not.toBe('refuted'); // the particles (overdamped) now agree
    expect(r.decisive).not.toBe((await run(record)).decisive);
  });
  it('refutes a planted 1.5× rate; reproduces the ε = 0 rate 2·min Re λ(Q) = 2', async () => {
    expect((await makePerturbedCheck((w, g) => 1.5 * spectral(w, g))(small)).verdict).toBe('refuted');
    expect((await makePerturbedCheck(spectral)(small)).verdict).toBe('supported');
    for (const r of (await perturbedData(1, 0.2)).runs.filter((x) => x.a === 0)) expect(Math.abs(r.rate.rate - 2)).toBeLessThan(4 * r.rate.se);
  });
  it('Galerkin rates at small a are converged and near 2; the methods combine only when they agree', async () => {
    for (const R of (await galerkinData(0.2)).regimes) {
      expect(readGalerkin(R.rows, 4)).toBe('refutes');
      expect(readGalerkin(R.rows, 2)).toBe('supports');
    }
    expect(combinePerturbedMethods('refuted', 'supports', true)).toBe('inconclusive');
    expect(combinePerturbedMethods('inconclusive', 'refutes', true)).toBe('inconclusive');
  });
});
