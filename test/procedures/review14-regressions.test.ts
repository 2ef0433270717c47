/**
 * Review 14 (planted errors in norm-inequality, vacuous-claim, spectral-rate). A false claim that
 * fails only at an irrational point, or whose relation is undefined on the domain, was `supported`
 * (or `vacuous` "where the claim holds") on exact trials at rational points, although the solvers
 * had found the counterexample (a model with no exact rational form) or the undefined point. Each
 * false verdict comes with its planted pair.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles, oneClaimFile } from '../helpers/decide-file.ts';
import { decideQuery, evidenceAgainst } from '../../src/procedures/common.ts';
import { atom, type Decision, type RealQuery, type Z3Decider } from '../../symbolic/z3.ts';
import { pv } from '../../symbolic/poly.ts';

const files = claimFiles('', 'hc-r14-');
const params = '  parameters: { a: { domain: "> 0" }, b: { domain: "real" }, gam: { domain: "> 0" }, eps0: { domain: ">= 0" } }\n';
const norm = (relation: string, extra = '') => files.decide(oneClaimFile(params, `kind: norm-inequality, relation: "${relation}", nonnegative: [Nh, Nx]${extra}`));

describe('norm-inequality: never supported against a counterexample or an undefined point', () => {
  it('4Nh² < Nh⁴ + 4 (false at Nh = √2) is inconclusive; ≤ is proved', async () => {
    const r = await norm('4*Nh^2 < Nh^4 + 4');
    expect(r.verdict).toBe('inconclusive');
    expect(evidenceAgainst(r.evidence)).toBe(true);
    expect((await norm('4*Nh^2 <= Nh^4 + 4')).verdict).toBe('proved');
  });
  it('(Nx² − 2Nh²)² + (Nh − 1)² > 0 (false at Nh = 1, Nx = √2) is inconclusive', async () => {
    expect((await norm('(Nx^2 - 2*Nh^2)^2 + (Nh - 1)^2 > 0')).verdict).toBe('inconclusive');
  });
  it('Nx/(a − 1)² ≥ 0 (undefined at a = 1) is inconclusive; Nx/(a + 1)² ≥ 0 is proved', async () => {
    expect((await norm('Nx/(a - 1)^2 >= 0')).verdict).toBe('inconclusive');
    expect((await norm('Nx/(a + 1)^2 >= 0')).verdict).toBe('proved');
  });
  it('a divisor that vanishes at a trial point is inconclusive with the point, not an error; a violation where it is defined refutes', async () => {
    const r = await norm('Nx^2/(Nx - 1)^2 >= 0');
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence.undefinedAt).toBeDefined();
    expect((await norm('Nx/(a - 1) >= -Nx')).verdict).toBe('refuted');
  });
  it('lint: the dimension symbol without a `dimension` field and a square root in a coefficient are load errors', () => {
    const dim = '  parameters: { a: { domain: "> 0" } }\n  dimension: { name: d }\n';
    expect(() => files.load(oneClaimFile(dim, 'kind: norm-inequality, relation: "(3 - d)*Nx >= 0", nonnegative: [Nx]'))).toThrow(/undefined symbol "d"/);
    expect(files.load(oneClaimFile(dim, 'kind: norm-inequality, relation: "(3 - d)*Nx >= 0", nonnegative: [Nx], dimension: [1, 2]')).claims).toHaveLength(1);
    expect(() => files.load(oneClaimFile(dim, 'kind: norm-inequality, relation: "2*sqrt(2)*Nx < Nx^2 + 2", nonnegative: [Nx]'))).toThrow(/square roots in a coefficient/);
  });
});

describe('vacuous-claim: the admissible case on its whole domain', () => {
  const syms = '  parameters: { cp: { domain: "> 0" }, eps0: { domain: ">= 0" } }\n  variables: { x: { vector: true }, v: { vector: true } }\n  functions: { eps: { args: [theta] } }\n';
  const file = (relation: string) =>
    `paper: { id: t, title: t }\nsymbols:\n${syms}claims:\n  - { id: "asm", source: "(1)", statement: "s", kind: vacuity, function: eps, evaluatedAt: "x + cp*v", quantities: ["|dot(eps, x)|"], bound: "eps0" }\n  - { id: "c:1", source: "(2)", statement: "s", kind: vacuous-claim, assumption: "asm", relation: "${relation}", vanishing: [R], nonnegative: [Nx] }\n`;
  it('R + 4Nx² < Nx⁴ + 4 (false at R = 0, Nx = √2) is inconclusive, not vacuous "where the claim holds"; ≤ is vacuous', async () => {
    const { instantiate } = await import('../../src/procedures/index.ts');
    const { createContext } = await import('../../src/cli.ts');
    const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
    try {
      const run = async (relation: string) => {
        const set = files.load(file(relation));
        return instantiate(set.claims.find((c) => c.id === 'c:1')!, { set }).check(ctx);
      };
      const r = await run('R + 4*Nx^2 < Nx^4 + 4');
      expect(r.verdict).toBe('inconclusive');
      expect(r.summary).not.toMatch(/where the claim holds/);
      expect((await run('R + 4*Nx^2 <= Nx^4 + 4')).verdict).toBe('vacuous');
    } finally {
      await registry.disposeAll();
    }
  });
});

describe('spectral-rate: a defective double eigenvalue at irrational parameters', () => {
  const rate = (when: string) =>
    files.decide(oneClaimFile(params, `kind: spectral-rate, drift: [["0", "-1"], ["2", "gam"]], diffusion: [["0", "0"], ["0", "1"]], sharp: false, cases: [{ when: "${when}", rate: "gam" }]`));
  it('rate γ where γ² ≤ 8 (fails at γ = 2√2, a defective eigenvalue √2) is inconclusive, not supported; γ² < 8 is proved', async () => {
    expect((await rate('gam^2 <= 8')).verdict).toBe('inconclusive');
    expect((await rate('gam^2 < 8')).verdict).toBe('proved');
  });
});

describe('decideQuery: an unsat against a sat with no exact model is a disagreement', () => {
  const fake = (d: Omit<Decision, 'ms'>): Z3Decider => ({ version: 'fake', decide: async () => ({ ...d, ms: 0 }) });
  const q: RealQuery = { variables: ['x'], assumptions: atom(pv('x'), '>'), goal: atom(pv('x'), '>') };
  it('proved only when no solver said sat', async () => {
    const unsat = fake({ status: 'proved' });
    const satIrrational = fake({ status: 'unknown', sat: true, reason: 'sat, but the model is not rational' });
    const unknown = fake({ status: 'unknown', reason: 'incomplete' });
    const both = await decideQuery({ z3: unsat, cvc5: satIrrational }, q);
    expect(both.status).toBe('unknown');
    expect(both.counterexampleUnstated).toBe(true);
    expect((await decideQuery({ z3: unsat, cvc5: unknown }, q)).status).toBe('proved');
    const alone = await decideQuery({ z3: satIrrational, cvc5: unknown }, q);
    expect(alone).toMatchObject({ status: 'unknown', counterexampleUnstated: true });
  });
});

describe('spectral-rate: cases that leave part of the domain uncovered are said (finding 7)', () => {
  const twoCases = (second: string) =>
    files.decide(oneClaimFile('  parameters: { a: { domain: "> 0" } }\n', `kind: spectral-rate, drift: [["a"]], diffusion: [["1"]], sharp: true, cases: [{ when: "a < 1", rate: "2*a" }, { when: "${second}", rate: "2*a" }]`));
  it('a < 1 and a > 2: proved case by case, with a point between them named; a < 1 and a ≥ 1 cover', async () => {
    const gap = await twoCases('a > 2');
    expect(gap.verdict).toBe('proved');
    expect(gap.summary).toMatch(/uncovered/);
    const [n, d = '1'] = (gap.evidence.coverage as { uncoveredAt: Record<string, string> }).uncoveredAt.a.split('/');
    expect(Number(n) / Number(d)).toBeGreaterThanOrEqual(1);
    expect(Number(n) / Number(d)).toBeLessThanOrEqual(2);
    const covered = await twoCases('a >= 1');
    expect(covered.verdict).toBe('proved');
    expect(covered.summary).not.toMatch(/uncovered/);
    expect(covered.evidence.coverage).toMatchObject({ covered: true });
  });
});
