/**
 * stationary-density: a stationary probability density is ≢ 0 and integrable. A growing Gaussian
 * e^{a|x|²/2} (unstable OU), the constant 1 (heat equation) and 0·e^{−|x|²} make the operator
 * vanish but are not probability densities: never proved. The true Gaussians stay proved.
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
    v: { vector: true }
  definitions:
    - "FP(f) = lap(f, x) + a*div(x*f, x)"
    - "UOU(f) = lap(f, x) - a*div(x*f, x)"
    - "COU(f) = lap(f, x) + c*div(x*f, x)"
    - "HEAT(f) = lap(f, x)"
    - "KFP(f) = -dot(v, grad(f, x)) + a*dot(x, grad(f, v)) + div(v*f, v) + lap(f, v)"
claims:
`;

const files = claimFiles(HEADER, 'hc-fp-st-');
const st = (op: string, rho: string): Promise<CheckResult> => files.decide(`  - { id: "st:1", source: "(1)", statement: "s", kind: stationary-density, operator: ${op}, density: "${rho}" }\n`);

describe('stationary-density: integrable and not identically zero', () => {
  it('the growing e^{a|x|²/2} of the unstable OU operator is refuted (not integrable)', async () => {
    const r = await st('UOU', 'exp(a*|x|^2/2)');
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/not a probability density/);
  });
  it('the constant 1 for the heat equation is refuted', async () => {
    expect((await st('HEAT', 'exp(0*|x|^2)')).verdict).toBe('refuted');
    expect((await st('HEAT', '1')).verdict).toBe('refuted');
  });
  it('0·e^{−|x|²} is refuted (identically zero)', async () => {
    const r = await st('KFP', '0*exp(-|x|^2)');
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/identically 0/);
  });
  it('e^{−c|x|²/2} with c real is not proved (not integrable for c ≤ 0)', async () => {
    expect((await st('COU', 'exp(-c*|x|^2/2)')).verdict).not.toBe('proved');
  });
  it('the true Gaussians stay proved, every d', async () => {
    const ou = await st('FP', 'exp(-a*|x|^2/2)');
    expect(ou.verdict).toBe('proved');
    expect(ou.dimensions).toBe('all');
    expect(ou.basis).toBe('kernel');
    expect((await st('KFP', 'exp(-a*|x|^2/2 - |v|^2/2)')).verdict).toBe('proved');
    expect((await st('FP', 'exp(-a*|x|^2)')).verdict).toBe('refuted');
  });
});
