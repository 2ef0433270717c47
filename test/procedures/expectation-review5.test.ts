/**
 * expectation-bound Monte Carlo, fifth review.
 *
 * Bug 1 (false `supported`): the trials only ever shrank points toward the domain's end, all
 * parameters at once, so a bound false far out on a half-line (E|z| ≤ (1 + 1000/a)/(5√a), false for
 * a > 334) or false only for one parameter large against another (E|z| ≤ 1/√a − b/(1000a), false
 * where b > 202√a) was `supported`. The trials now also move each parameter alone by 10, 100, 1000
 * (grown on an unbounded side, shrunk toward an end) and all unbounded ones together; a trial that
 * cannot be computed (overflow) leaves its region unexamined: `inconclusive`, never `supported`.
 *
 * Bug 2 (error on reasonable input): E e^z ≤ 1 + 1/a under exp(−az²/2) was "error: gpu integrate:
 * non-finite integrand values in f32"; an f32 overflow on the GPU now falls back to the run's CPU
 * sampler (f64), and where none computes the trial it is unexamined.
 */
import { describe, expect, it } from 'vitest';
import '../../src/procedures/index.ts';
import { claimFiles } from '../helpers/decide-file.ts';
import { getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import type { GaussianIntegrator, IntegratorSet } from '../../numeric/integrator.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';

const header = `paper: { id: t, title: t, authors: [R], year: 2026 }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
    c: { domain: "real" }
  variables:
    z: {}
claims:
`;
const files = claimFiles(header, 'hc-eb5-');
const eb = (relation: string, weight = 'exp(-a*z^2/2)') => files.decide(`  - { id: "e:5", source: x, statement: x, kind: expectation-bound, weight: "${weight}", dimension: 1, relation: "${relation}" }\n`);
type Row = { scale?: string; at?: string; backend?: string; fallback?: string; unexamined?: string };
const rows = (r: { evidence: Record<string, unknown> }) => (r.evidence.rows ?? []) as Row[];

describe('Monte Carlo trials far out and one parameter at a time (bug 1)', () => {
  it('E|z| ≤ (1 + 1000/a)/(5√a), false for every a > 334 (E|z| = √(2/(πa))), is not supported: the violation at a grown a blocks it (far trials never refute)', async () => {
    const r = await eb('E(abs(z)) <= (1 + 1000/a)/(5*sqrt(a))');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/far out/);
    expect(rows(r).some((x) => /^a ×(10|100|1000)$/.test(x.scale ?? ''))).toBe(true);
  });
  it('its true counterpart E|z| ≤ 1/√a stays supported, grown and shrunk trials included', async () => {
    const r = await eb('E(abs(z)) <= 1/sqrt(a)');
    expect(r.verdict).toBe('supported');
    const scales = rows(r).map((x) => x.scale);
    expect(scales).toContain('a ×1000');
    expect(scales).toContain('a ×1/1000');
  });
  it('with two parameters each is moved alone (the others ordinary) and all together', async () => {
    const r = await eb('E(abs(z)) <= 1/sqrt(a) + b/(1000*a)');
    expect(r.verdict).toBe('supported');
    expect(rows(r).map((x) => x.scale)).toEqual(expect.arrayContaining(['a ×1000', 'a ×1/1000', 'b ×1000', 'b ×1/1000', 'all ×1000']));
  });
  it('E|z| ≤ 1/√a − b/(1000a), false where b > 202√a, is refuted: violated with b grown alone (a ordinary; b is not in the weight or the integrand, so the expectations are those of an ordinary draw — review 10)', async () => {
    const r = await eb('E(abs(z)) <= 1/sqrt(a) - b/(1000*a)');
    expect(r.verdict).toBe('refuted');
    expect(String((r.witness as Record<string, unknown>).at)).toMatch(/b=/);
  });
  it('the trials are seeded: the same claim gives the same rows', async () => {
    const one = await eb('E(abs(z)) <= 1/sqrt(a) + b/(1000*a)');
    const two = await eb('E(abs(z)) <= 1/sqrt(a) + b/(1000*a)');
    expect(rows(two)).toEqual(rows(one));
  });
  it('a trial that overflows leaves its region unexamined: E e^{cz} ≥ 0 (true) is inconclusive, not supported', async () => {
    // c grown to |c| ≥ 1000: e^{cz} overflows in f64 (the CPU sampler throws, or its moments are infinite)
    const r = await eb('E(exp(c*z)) >= 0', 'exp(-z^2/2)');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/unexamined/);
    expect((r.evidence.unexamined as unknown[]).length).toBeGreaterThan(0);
    expect(rows(r).some((x) => x.unexamined && /^c ×/.test(x.scale ?? ''))).toBe(true);
  });
  it('a genuine violation elsewhere still refutes, unexamined trials notwithstanding: E e^{cz} ≤ 1 (false for c ≠ 0)', async () => {
    expect((await eb('E(exp(c*z)) <= 1', 'exp(-z^2/2)')).verdict).toBe('refuted');
  });
});

describe('an f32 overflow on the GPU falls back to the CPU sampler (bug 2)', () => {
  const set: ClaimSet = {
    paper: { id: 't', title: 't', authors: [] },
    symbols: { parameters: { a: { domain: '> 0' } }, variables: { z: {} }, functions: {}, definitions: [] },
    cited: [],
    claims: [],
    file: '/dev/null',
    allowModules: false,
  };
  const F32 = 'gpu integrate: 1 non-finite integrand values in f32 (overflow or a singularity); use a CPU backend for this integrand';
  /** A GPU whose every run overflows in f32, as E e^z does for a small a. */
  const overflowingGpu: GaussianIntegrator = {
    name: 'gpu (test, f32)',
    integrate: async () => {
      throw new RangeError(F32);
    },
  };
  const ctxWith = (integrators: IntegratorSet) => {
    const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
    return { seed: 1, progress: () => {}, services, backend: 'auto', effort: 0.1 } as unknown as CheckContext;
  };
  const rec = (relation: string): ClaimRecord => ({ id: 'e:f32', source: 's', statement: 's', kind: 'expectation-bound', weight: 'exp(-a*z^2/2)', dimension: 1, relation });
  const decide = (relation: string, integrators: IntegratorSet) => getProcedure('expectation-bound')!.decide(rec(relation), { set }, ctxWith(integrators));

  it('E e^z ≤ 1 + 1/a (E e^z = e^{1/(2a)}: false for small a) is decided on the CPU, not an error; not supported', async () => {
    const r = await decide('E(exp(z)) <= 1 + 1/a', { gpu: overflowingGpu, cpu: createMonteCarlo(), quadrature: createGaussHermite() });
    expect(r.verdict).not.toBe('error');
    expect(['refuted', 'inconclusive']).toContain(r.verdict);
  });
  it('a true bound is still supported through the fallback, each row naming it', async () => {
    const r = await decide('E(abs(z)) <= 1/sqrt(a)', { gpu: overflowingGpu, cpu: createMonteCarlo(), quadrature: createGaussHermite() });
    expect(r.verdict).toBe('supported');
    for (const row of rows(r)) expect(row.backend).toMatch(/^cpu/);
    // the uniform trials tried the GPU first; the others sample in f64 from the start (f32 loses small differences far out)
    for (const row of rows(r).filter((x) => x.scale === 'uniform')) expect(row.fallback).toMatch(/f32/);
    expect(rows(r).some((x) => x.scale !== 'uniform' && !x.fallback)).toBe(true);
  });
  it('without a CPU sampler the trials are unexamined: inconclusive, never supported nor an error', async () => {
    const r = await decide('E(abs(z)) <= 1/sqrt(a)', { gpu: overflowingGpu, quadrature: createGaussHermite() });
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/unexamined/);
    expect(r.summary).toMatch(/f32/);
  });
});

describe('the CLI path (createContext, --backend cpu): E e^z ≤ 1 + 1/a is not an error', () => {
  it('E3f of the review', async () => {
    const r = await eb('E(exp(z)) <= 1 + 1/a');
    expect(r.verdict).not.toBe('error');
    expect(r.verdict).not.toBe('supported');
  });
});
