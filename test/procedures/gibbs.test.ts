/**
 * Generic functions in an exponent (a Gibbs density e^{−βV}, V generic): the stationary density of
 * the overdamped Fokker–Planck operator is proved for every d, a planted e^{−V} is refuted at an
 * exact jet point, integration by parts under the weight e^{−βV} is proved, and a flipped sign is
 * never proved (V is a coefficient of the weight, not a dependent).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: gibbs, title: "Gibbs" }
symbols:
  parameters:
    beta: { domain: "> 0" }
  variables:
    x: { vector: true }
  functions:
    V: { args: [x] }
    f: { args: [x] }
  definitions:
    - "FP(p) = div(grad(V, x)*p, x) + (1/beta)*lap(p, x)"
claims:
`;
const { decide } = claimFiles(HEADER);
const density = (rho: string) => `  - { id: "c:1", source: "(1)", statement: "s", kind: stationary-density, operator: FP, density: "${rho}" }\n`;
const ibp = (rhs: string) => `  - { id: "c:1", source: "(1)", statement: "s", kind: integral-identity, lhs: "f*(lap(V, x) - beta*|grad(V, x)|^2)", rhs: "${rhs}", weight: "exp(-beta*V)", over: [x] }\n`;

describe('Gibbs densities with a generic potential', () => {
  it('proves e^{−βV} stationary for ∇·(∇V p) + β⁻¹Δp, every d', async () => {
    const r = await decide(density('exp(-beta*V)'));
    expect(r.verdict).toBe('proved');
    expect(r.dimensions).toBe('all');
  });
  it('refutes e^{−V} (β dropped) with an exact point', async () => {
    const r = await decide(density('exp(-V)'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toBeTruthy();
  });
  it('refutes e^{−βV/2}', async () => {
    expect((await decide(density('exp(-beta*V/2)'))).verdict).toBe('refuted');
  });
  it('proves integration by parts under e^{−βV} and never proves the flipped sign', async () => {
    expect((await decide(ibp('-dot(grad(f, x), grad(V, x))'))).verdict).toBe('proved');
    expect((await decide(ibp('dot(grad(f, x), grad(V, x))'))).verdict).not.toBe('proved');
    expect((await decide(ibp('-beta*dot(grad(f, x), grad(V, x))'))).verdict).not.toBe('proved');
  });
});
