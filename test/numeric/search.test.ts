import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseIntegrators, confirmsViolation, nelderMead, runSearch, type SearchTarget } from '../../numeric/search.ts';
import { poincareTarget } from '../../src/commands/search.ts';
import { q } from '../../symbolic/rational.ts';

describe('runSearch', () => {
  it('finds a planted halved Poincaré constant in d = 1 and shrinks it to h = x₁, ω₀² = β = 1', async () => {
    const r = await runSearch(poincareTarget({ factor: q(1, 2), maxD: 1 }), { seed: 5, budget: 100 });
    expect(r.counterexample?.shrunk).toEqual({ d: 1, omega0Sq: '1', beta: '1', h: 'x1' });
    expect(r.counterexample?.recheck).toMatchObject({ normSq: '1', rhs: '1/2' });
    expect(r.counterexample?.optimised?.confirmed).toBe(true);
  });
  it('finds no counterexample to the sharp d = 1 constant and reports the worst margin (0: the extremal x₁ or v₁)', async () => {
    const r = await runSearch(poincareTarget({ maxD: 1 }), { seed: 2, budget: 60 });
    expect(r.counterexample).toBeUndefined();
    expect(r.trials).toBe(60);
    expect(Math.abs(r.worstMargin)).toBeLessThan(1e-12);
  });
  it('gives the same report for the same seed', async () => {
    const a = await runSearch(poincareTarget(), { seed: 7, budget: 50 });
    const b = await runSearch(poincareTarget(), { seed: 7, budget: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
  it('reports an unconfirmed float violation without calling it a counterexample', async () => {
    const target: SearchTarget<number> = {
      id: 'toy',
      statement: 'x ≤ 5',
      arbitrary: fc.integer({ min: 0, max: 10 }),
      margin: (x) => 5 - x,
      recheck: () => ({ violated: false, evidence: { note: 'the independent check disagrees' } }),
      describe: (x) => ({ x }),
    };
    const r = await runSearch(target, { seed: 1, budget: 50 });
    expect(r.counterexample).toBeUndefined();
    expect(r.unconfirmed?.case).toEqual({ x: 6 });
  });
  it('stops when aborted mid-search and keeps the trials and worst margin so far', async () => {
    const ac = new AbortController();
    const r = await runSearch(poincareTarget({ maxD: 1 }), { seed: 1, budget: 200, signal: ac.signal, progressEvery: 5, onProgress: (n) => n >= 20 && ac.abort() });
    expect(r.interrupted).toBe(true);
    expect(r.trials).toBeLessThan(200);
    expect(r.trials).toBeGreaterThan(0);
    expect(Number.isFinite(r.worstMargin)).toBe(true);
  });
  it('rejects a non-positive budget', async () => {
    await expect(runSearch(poincareTarget(), { budget: 0 })).rejects.toThrow(/budget must be a positive integer/);
  });
});

describe('nelderMead', () => {
  it('minimises a shifted quadratic', () => {
    const r = nelderMead((x) => (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2, [0, 0], { maxEvaluations: 400 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(-2, 4);
  });
});

describe('the 6σ rule', () => {
  const m = (margin: number, stderr: number, backend = stderr > 0 ? 'mc' : 'quadrature') => ({ margin, stderr, sigmas: stderr > 0 ? margin / stderr : -Infinity, backend, samples: 1 });
  it('needs 6σ on the primary and a confirming independent estimate', () => {
    expect(confirmsViolation(m(-1, 0.1), m(-1, 0.1))).toBe(true);
    expect(confirmsViolation(m(-1, 0.2), m(-1, 0.1))).toBe(false); // 5σ
    expect(confirmsViolation(m(-1, 0.1), m(-0.3, 0.1))).toBe(false); // independent at 3σ
    expect(confirmsViolation(m(-1, 0.1), m(-1.01, 0))).toBe(true); // quadrature, same value
  });
  it('never lets a deterministic backend confirm itself', () => {
    expect(confirmsViolation(m(-1e-17, 0), m(-1e-17, 0))).toBe(false); // quadrature vs quadrature
    expect(confirmsViolation(m(-1, 0.1, 'mc'), m(-1, 0.1, 'mc'))).toBe(true); // MC with another seed is allowed
  });
  it('chooses a different backend to confirm with', () => {
    const fake = (name: string) => ({ name, integrate: async () => ({ mean: [], stderr: [], samples: 0, backend: name, ms: 0 }) });
    const c = chooseIntegrators({ cpu: fake('cpu'), quadrature: fake('quadrature') }, 'auto')!;
    expect([c.primary.name, c.independent.name]).toEqual(['cpu', 'quadrature']);
    expect(chooseIntegrators({ cpu: fake('cpu') }, 'gpu')).toBeUndefined();
    expect(chooseIntegrators({ cpu: fake('cpu') }, 'cpu')!.independentIsOtherBackend).toBe(false);
  });
});
