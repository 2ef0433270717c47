import { describe, expect, it } from 'vitest';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import { drawPropertyCase, evaluateCases, judgeLocal, propertyIntegrand, PROPERTY_OUTPUTS } from '../../proofs/section4-bounds.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';
import { chooseIntegrators } from '../../numeric/search.ts';
import { compileJs } from '../../numeric/expr.ts';

const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
const ctx: CheckContext = { seed: 3, effort: 0.1, backend: 'cpu', progress: () => {}, services };

describe('the proof chain with its own (finite) norms', () => {
  it('refutes a planted negated bound in the (c) chain (6σ, confirmed by quadrature)', async () => {
    const choice = chooseIntegrators(integrators, 'cpu')!;
    const cases = await evaluateCases(choice, 3, 2, 20_000, undefined, undefined, { localCFactor: -1 });
    expect(judgeLocal(cases, ['localCMargin'], [], 'planted').verdict).toBe('refuted');
  });
  it('refutes a planted coefficient 1 instead of ½ in (A.2)', async () => {
    const choice = chooseIntegrators(integrators, 'cpu')!;
    const cases = await evaluateCases(choice, 3, 3, 20_000, undefined, undefined, { a2Coefficient: 1 });
    expect(judgeLocal(cases, [], ['a2Residual'], 'planted').verdict).toBe('refuted');
  });
  it('builds a finite integrand with one output per quantity', () => {
    const f = propertyIntegrand(drawPropertyCase(1, 0));
    expect(f.names).toEqual([...PROPERTY_OUTPUTS]);
    const out = new Float64Array(f.names.length);
    compileJs(f)(new Float64Array(f.d).fill(0.3), new Float64Array(f.d).fill(-0.2), out);
    expect([...out].every(Number.isFinite)).toBe(true);
  });
});
