import { afterAll, describe, expect, it } from 'vitest';
import { paper } from '../../src/paper-claims.ts';

const paperSet = paper.set;
import { instantiate } from '../../src/procedures/index.ts';
import type { ClaimRecord } from '../../src/claim-record.ts';
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';

const services = createServiceRegistry({ z3: createZ3Service });
const ctx: CheckContext = { seed: 1, progress: () => {}, services, backend: 'cpu', effort: 0.2 };
afterAll(() => services.disposeAll());
const record = (id: string): ClaimRecord => paperSet.claims.find((c) => c.id === id)!;
const run = (r: ClaimRecord) => instantiate(r, { set: paperSet }).check(ctx);

describe('thm:3.1:sharp (spectral-rate record)', () => {
  it('is refuted in every regime with the exact ratio per regime (case 3: 6/4, not 2)', async () => {
    const r = await run(record('thm:3.1:sharp'));
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('exact');
    expect(r.dimensions).toBe('all');
    const cases = r.evidence.cases as Record<string, { status: string; sampled: Record<string, string> }>;
    const ratios = Object.values(cases).map((c) => [c.status, c.sampled['printed / ρ']]);
    expect(ratios).toEqual([['refuted', '4/2 = 2'], ['refuted', '4/2 = 2'], ['refuted', '6/4 = 3/2']]);
    // the corrected rates (half of (3.6), γ − 2δ at γ = 2ω₀) are proved, two-sided
    expect(r.corrected?.verdict).toBe('proved');
  }, 20_000);
  it('refutes a planted rate below the true one (two-sided) and reads each case', async () => {
    const base = record('thm:3.1:sharp');
    const below = { ...base, cases: [{ when: 'gamma < 2*omega0', rate: 'gamma/2' }], corrected: undefined };
    const r = await run(below);
    expect(r.verdict).toBe('refuted');
    expect(r.decisive).toMatch(/below/);
    const exact = { ...base, cases: [{ when: 'gamma < 2*omega0', rate: 'gamma' }], corrected: undefined };
    expect((await run(exact)).verdict).toBe('proved');
  }, 20_000);
});

describe('sec:2:staleness-mean (module)', () => {
  it('refutes 1/(1−κ) with an exact witness; the corrected mean κ/(1−κ) is proved', async () => {
    const r = await run(record('sec:2:staleness-mean'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ kappa: '1/2', exactMean: '1', printedMean: '2' });
    expect(r.corrected?.verdict).toBe('proved');
  });
  it('turns with the printed law: starting at l = 1 makes 1/(1−κ) the mean', async () => {
    const base = record('sec:2:staleness-mean');
    const r = await run({ ...base, law: { p0: '(1 - kappa)/kappa', ratio: 'kappa', from: 1 }, corrected: undefined });
    expect(r.verdict).toBe('proved');
    const planted = await run({ ...base, law: { p0: '1 - kappa', ratio: 'kappa^2', from: 0 }, corrected: undefined });
    expect(planted.verdict).toBe('inconclusive'); // not a probability law
  });
});
