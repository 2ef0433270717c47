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
cited:
  - { id: "cite:confining", bib: "x", statement: "V is confining: e^{-beta V} integrable, with every polynomial moment of V and its derivatives" }
claims:
`;
const { decide } = claimFiles(HEADER);
const USES = ', uses: ["cite:confining"]';
const density = (rho: string, uses = USES) => `  - { id: "c:1", source: "(1)", statement: "s", kind: stationary-density, operator: FP, density: "${rho}"${uses} }\n`;
const ibp = (rhs: string, uses = USES) => `  - { id: "c:1", source: "(1)", statement: "s", kind: integral-identity, lhs: "f*(lap(V, x) - beta*|grad(V, x)|^2)", rhs: "${rhs}", weight: "exp(-beta*V)", over: [x]${uses} }\n`;

describe('Gibbs densities with a generic potential', () => {
  it('proves e^{−βV} stationary for ∇·(∇V p) + β⁻¹Δp, every d, resting on the cited integrability of e^{−βV}', async () => {
    const r = await decide(density('exp(-beta*V)'));
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('given-cited');
    expect(r.dimensions).toBe('all');
    // without a cited result ∫e^{−βV} < ∞ is an unstated hypothesis (V = −|x|² makes it false)
    const bare = await decide(density('exp(-beta*V)', ''));
    expect(bare.verdict).toBe('inconclusive');
    expect(bare.summary).toMatch(/no cited result/);
  });
  it('refutes e^{−V} (β dropped) with an exact point', async () => {
    const r = await decide(density('exp(-V)'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toBeTruthy();
  });
  it('refutes e^{−βV/2}', async () => {
    expect((await decide(density('exp(-beta*V/2)'))).verdict).toBe('refuted');
  });
  it('proves integration by parts under e^{−βV} (the decay cited) and never proves the flipped sign', async () => {
    const r = await decide(ibp('-dot(grad(f, x), grad(V, x))'));
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('given-cited');
    const bare = await decide(ibp('-dot(grad(f, x), grad(V, x))', ''));
    expect(bare.verdict).toBe('inconclusive');
    expect(bare.summary).toMatch(/generic function \(/);
    expect((await decide(ibp('dot(grad(f, x), grad(V, x))'))).verdict).not.toBe('proved');
    expect((await decide(ibp('-beta*dot(grad(f, x), grad(V, x))'))).verdict).not.toBe('proved');
  });
});
