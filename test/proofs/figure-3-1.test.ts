import { describe, expect, it } from 'vitest';
import { isPlotSpec, type CheckContext, type CheckResult } from '../../src/claims.ts';
import { paper } from '../../src/paper-claims.ts';

const paperSet = paper.set;
import { instantiate } from '../../src/procedures/index.ts';
import type { ClaimRecord } from '../../src/claim-record.ts';
import { DEFAULT_FIGURE_SPEC, figureSpec } from '../../proofs/figure-3-1.ts';

// effort 1 = 1000 runs per setting as printed (needed for the > 6 s.e. refutations); about 5 s on 2 cores, simulated once and cached.
const ctx: CheckContext = { seed: 1, effort: 1, backend: 'auto', progress: () => {}, services: { get: async () => { throw new Error('no services'); }, has: () => false } };
const record = (id: string): ClaimRecord => paperSet.claims.find((c) => c.id === id)!;
const run = (r: ClaimRecord): Promise<CheckResult> => Promise.resolve(instantiate(r, { set: paperSet }).check(ctx));
const env = { set: paperSet };

describe('Figure 3.1 records', () => {
  it('read the setting from the printed caption: ω₀² = 2 and offsets ∓2 from the components', () => {
    expect(figureSpec(record('fig:3.1'), env)).toEqual(DEFAULT_FIGURE_SPEC);
    expect(figureSpec(record('fig:3.1:a'), env, 'a')).toEqual(DEFAULT_FIGURE_SPEC);
    const bad = { ...record('fig:3.1'), setup: { ...(record('fig:3.1').setup as object), components: ['(theta - 1)^2 - 1', '(theta + 1)^2'] } };
    expect(() => figureSpec(bad, env)).toThrow(/average/);
  });
  it('fig:3.1:a: refutes the printed threshold 0.005 (exact witness η = 1/250); the corrected threshold is supported', async () => {
    const r = await run(record('fig:3.1:a'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ eta: '1/250', trueThreshold: '1/400' });
    expect(r.corrected?.verdict).toBe('supported');
    // a planted printed value inconsistent with the formula is caught exactly
    const planted = await run({ ...record('fig:3.1:a'), thresholdValue: '0.006', corrected: undefined });
    expect(planted.decisive).toMatch(/inconsistent/);
  });
  it('fig:3.1:b supported; fig:3.1:c inconclusive (one worker already faster; η not printed)', async () => {
    expect((await run(record('fig:3.1:b'))).verdict).toBe('supported');
    const c = await run(record('fig:3.1:c'));
    expect(c.verdict).toBe('inconclusive');
    expect(c.witness).toMatchObject({ m: 1 });
    const planted = await run({ ...record('fig:3.1:c'), workers: 4, corrected: undefined });
    expect(planted.decisive).not.toBe(c.decisive);
  });
  it('fig:3.1:b reads its printed η; fig:3.1 reads the caption (a planted θ₀ turns the decisive evidence)', async () => {
    const b = await run(record('fig:3.1:b'));
    const plantedB = await run({ ...record('fig:3.1:b'), eta: '0.02' });
    expect(plantedB.decisive).not.toBe(b.decisive);
    const inconsistent = await run({ ...record('fig:3.1'), setup: { ...(record('fig:3.1').setup as object), loss: '2*theta^2' } });
    expect(inconsistent.verdict).toBe('inconclusive');
    expect(inconsistent.decisive).toMatch(/average/);
  });
  it('fig:3.1 embeds the three panels and combines its parts', async () => {
    const r = await run(record('fig:3.1'));
    for (const p of ['panelA', 'panelB', 'panelC']) expect(isPlotSpec(r.evidence[p])).toBe(true);
    expect(Object.keys(r.evidence.verdicts as object)).toEqual(['fig:3.1:a', 'fig:3.1:b', 'fig:3.1:c']);
    expect(r.verdict).toBe('refuted');
  });
});

describe('Remarks 3.1, 3.2 against the simulations', () => {
  it('rem:3.1:simulation: refutes (3.7) by simulation (> 6 s.e., confirmed by the exact recurrence); the halved rates are supported', async () => {
    const r = await run(record('rem:3.1:simulation'));
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('simulation');
    expect(r.corrected?.verdict).toBe('supported');
    const cases = record('rem:3.1:simulation').cases as { when: string; rate: string }[];
    const doubled = await run({ ...record('rem:3.1:simulation'), corrected: undefined, cases: [{ ...cases[0], rate: '2*(1 - kappa)' }, cases[1]] });
    expect(doubled.decisive).not.toBe(r.decisive);
  });
  it('rem:3.2:simulation: refutes the SGD rate e^{−2k} by simulation; reads the printed condition', async () => {
    const r = await run(record('rem:3.2:simulation'));
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('simulation');
    expect(r.summary).toMatch(/not 26/); // (1 − κ)m > 1 at κ = 0.96: m ≥ 26
    const planted = await run({ ...record('rem:3.2:simulation'), condition: '(1 - kappa)*m > 2' });
    expect(planted.decisive).not.toBe(r.decisive);
  });
});
