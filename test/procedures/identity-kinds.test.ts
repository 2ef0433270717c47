/**
 * Kinds built on the identity decision: stationary-density, fokker-planck, change-of-variables,
 * integral-identity — each with a true claim and a planted-false copy whose verdict turns.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    a: { domain: "> 0" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    y: { vector: true }
    t: {}
  functions:
    p: { args: [t, x] }
    q: { args: [t, y] }
    u: { args: [x] }
  definitions:
    - "FP(f) = div(grad(f, x), x) + a*div(x*f, x)"
cited:
  - { id: "cite:x", bib: "x", statement: "x" }
claims:
`;

const files = claimFiles(HEADER, 'hc-kinds2-');
function decide(kind: string, fields: string): Promise<CheckResult> {
  return files.decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields} }\n`);
}

describe('stationary-density', () => {
  it('the Ornstein–Uhlenbeck Gaussian is stationary; a wrong variance is refuted', async () => {
    const ok = await decide('stationary-density', 'operator: FP, density: "exp(-a*|x|^2/2)"');
    expect(ok.verdict).toBe('proved');
    expect(ok.dimensions).toBe('all');
    expect((await decide('stationary-density', 'operator: FP, density: "exp(-a*|x|^2)"')).verdict).toBe('refuted');
  });
});

describe('fokker-planck', () => {
  it('dX = −aX dt + √2 dB gives ∂t p = ∇·(a x p) + Δp; a wrong diffusion constant is refuted', async () => {
    const f = 'state: [x], drift: ["-a*x"], diffusion: ["2"], density: p';
    expect((await decide('fokker-planck', `${f}, pde: "diff(p, t) = div(a*x*p, x) + lap(p, x)"`)).verdict).toBe('proved');
    expect((await decide('fokker-planck', `${f}, pde: "diff(p, t) = div(a*x*p, x) + 2*lap(p, x)"`)).verdict).toBe('refuted');
  });
});

describe('change-of-variables', () => {
  const base = 'original: q, density: p, old: [y], substitution: { x: "2*y" }, from: "diff(q, t) = lap(q, y)"';
  it('x = 2y turns the heat equation into ∂t p = 4Δp with Jacobian 2^d', async () => {
    const ok = await decide('change-of-variables', `${base}, to: "diff(p, t) = 4*lap(p, x)", jacobian: "2^d"`);
    expect(ok.verdict).toBe('proved');
  });
  it('a wrong coefficient or a wrong Jacobian is refuted', async () => {
    expect((await decide('change-of-variables', `${base}, to: "diff(p, t) = 2*lap(p, x)"`)).verdict).toBe('refuted');
    const j = await decide('change-of-variables', `${base}, to: "diff(p, t) = 4*lap(p, x)", jacobian: "2"`);
    expect(j.verdict).toBe('refuted');
    expect(j.decisive).toMatch(/^jacobian d=2/);
  });
});

describe('integral-identity', () => {
  it('Gaussian integration by parts ∫ Δu e^{−a|x|²/2} = ∫ a x·∇u e^{…}; planted factor refuted with a witness', async () => {
    const w = 'weight: "exp(-a*|x|^2/2)", over: [x]';
    expect((await decide('integral-identity', `lhs: "lap(u, x)", rhs: "a*dot(x, grad(u, x))", ${w}`)).verdict).toBe('proved');
    const bad = await decide('integral-identity', `lhs: "lap(u, x)", rhs: "2*a*dot(x, grad(u, x))", ${w}`);
    expect(bad.verdict).toBe('refuted');
    expect((bad.witness as Record<string, unknown>).value).toBeDefined();
  });
});
