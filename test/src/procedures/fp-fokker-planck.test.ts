/**
 * fokker-planck: the second-order term of the forward equation is Δ(σ²ψ/2) (Itô), not (σ²/2)Δψ,
 * so a state-dependent diffusion is decided correctly; and σ² must be ≥ 0 on the whole domain
 * (a negative "diffusion" is not an SDE: inconclusive, the hypothesis fails, never proved).
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
    z: {}
    t: {}
  functions:
    p: { args: [t, x] }
    p1: { args: [t, z] }
claims:
`;

const files = claimFiles(HEADER, 'hc-fp-fp-');
const fp = (fields: string): Promise<CheckResult> => files.decide(`  - { id: "fp:1", source: "(1)", statement: "s", kind: fokker-planck, ${fields} }\n`);

describe('fokker-planck: state-dependent diffusion (Itô)', () => {
  it('dZ = √(2(1+z²)) dB: ∂ₜp = ∂²_z((1+z²)p) is proved, (1+z²)∂²_z p is refuted', async () => {
    const base = 'state: [z], drift: ["0"], diffusion: ["2*(1 + z^2)"], density: p1';
    expect((await fp(`${base}, pde: "diff(p1, t) = diff(diff((1 + z^2)*p1, z), z)"`)).verdict).toBe('proved');
    expect((await fp(`${base}, pde: "diff(p1, t) = (1 + z^2)*diff(diff(p1, z), z)"`)).verdict).toBe('refuted');
  });
  it('vector state: ∂ₜp = Δ((1+|x|²)p) is proved, (1+|x|²)Δp is refuted', async () => {
    const base = 'state: [x], drift: ["0*x"], diffusion: ["2*(1 + |x|^2)"], density: p';
    const ok = await fp(`${base}, pde: "diff(p, t) = lap((1 + |x|^2)*p, x)"`);
    expect(ok.verdict).toBe('proved');
    expect(ok.dimensions).toBe('all');
    expect((await fp(`${base}, pde: "diff(p, t) = (1 + |x|^2)*lap(p, x)"`)).verdict).toBe('refuted');
  });
  it('constant diffusion keeps its verdicts (OU)', async () => {
    const base = 'state: [x], drift: ["-a*x"], diffusion: ["2"], density: p';
    const ok = await fp(`${base}, pde: "diff(p, t) = div(a*x*p, x) + lap(p, x)"`);
    expect(ok.verdict).toBe('proved');
    expect(ok.basis).toBe('kernel');
    expect((await fp(`${base}, pde: "diff(p, t) = div(a*x*p, x) + 2*lap(p, x)"`)).verdict).toBe('refuted');
  });
});

describe('fokker-planck: the diffusion must be ≥ 0 on the whole domain', () => {
  it('σ² = −2 is not a diffusion: inconclusive (hypothesis fails), not proved', async () => {
    const r = await fp('state: [z], drift: ["0"], diffusion: ["-2"], density: p1, pde: "diff(p1, t) = -diff(diff(p1, z), z)"');
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence.hypothesisFails).toMatch(/negative/);
  });
  it('σ² = c with c real: negative at a point of the domain', async () => {
    const r = await fp('state: [z], drift: ["0"], diffusion: ["c"], density: p1, pde: "diff(p1, t) = c/2*diff(diff(p1, z), z)"');
    expect(r.verdict).toBe('inconclusive');
    expect((r.witness as Record<string, string>).c).toMatch(/^-/);
    // with c ≥ 0 assumed it is proved
    expect((await fp('forall: ["c >= 0"], state: [z], drift: ["0"], diffusion: ["c"], density: p1, pde: "diff(p1, t) = c/2*diff(diff(p1, z), z)"')).verdict).toBe('proved');
  });
  it('state-dependent σ² = 1 − z² is negative for |z| > 1', async () => {
    const r = await fp('state: [z], drift: ["0"], diffusion: ["1 - z^2"], density: p1, pde: "diff(p1, t) = diff(diff((1 - z^2)*p1, z), z)/2"');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/hypothesis fails/);
  });
  it('σ² = a² − a + 1 > 0 needs the solvers: proved, resting on them', async () => {
    const r = await fp('state: [z], drift: ["0"], diffusion: ["2*(a^2 - a + 1)"], density: p1, pde: "diff(p1, t) = (a^2 - a + 1)*diff(diff(p1, z), z)"');
    expect(r.verdict).toBe('proved');
    expect(['two-solvers', 'one-solver']).toContain(r.basis);
  });
});
