import { afterAll, describe, expect, it } from 'vitest';
import '../../src/procedures/index.ts';
import { getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext } from '../../src/claims.ts';
import { createServiceRegistry } from '../../src/services.ts';
import { createZ3Service } from '../../src/z3-service.ts';

const set: ClaimSet = {
  paper: { id: 't', title: 't', authors: [] },
  symbols: {
    parameters: { omega0: { domain: '> 0' }, gamma: { domain: '> 0' }, beta: { domain: '> 0' }, delta: { domain: '> 0' } },
    variables: {},
    functions: {},
    definitions: [],
  },
  cited: [],
  claims: [],
  file: '/dev/null',
  allowModules: false,
};
const services = createServiceRegistry({ z3: createZ3Service });
const ctx: CheckContext = { seed: 1, progress: () => {}, services, backend: 'cpu', effort: 0.2 };
afterAll(() => services.disposeAll());

// Kinetic OU of (x, v): dx = v dt, dv = −ω₀²x dt − γv dt + √(2γ/β) dW, so C = [[0, −1], [ω₀², γ]],
// λ² − γλ + ω₀² = 0: 2 min Re λ = γ (γ < 2ω₀), γ − √(γ² − 4ω₀²) (γ > 2ω₀), γ (γ = 2ω₀, defective).
const kinetic = { drift: [['0', '-1'], ['omega0^2', 'gamma']], diffusion: [['0', '0'], ['0', 'gamma/beta']] };
const rec = (over: Partial<ClaimRecord>): ClaimRecord => ({ id: 'sr:test', source: 's', statement: 's', kind: 'spectral-rate', sharp: true, ...kinetic, ...over });
const decide = (r: ClaimRecord) => getProcedure('spectral-rate')!.decide(r, { set }, ctx);

describe('spectral-rate', () => {
  it('proves the sharp rate γ below the critical damping and reads the printed rate', async () => {
    const r = await decide(rec({ forall: ['gamma < 2*omega0'], rate: 'gamma' }));
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBeDefined();
    // printed above the true rate: decay claimed faster than the slowest mode
    const above = await decide(rec({ forall: ['gamma < 2*omega0'], rate: '2*gamma' }));
    expect(above.verdict).toBe('refuted');
    expect(above.decisive).toMatch(/above/);
    expect(String((above.witness as Record<string, string>)['printed / ρ'])).toMatch(/= 2$/);
  }, 20_000);
  it('is two-sided when sharp: a rate below the true one is refuted, but holds as a bound', async () => {
    const below = await decide(rec({ forall: ['gamma < 2*omega0'], rate: 'gamma/2' }));
    expect(below.verdict).toBe('refuted');
    expect(below.decisive).toMatch(/below/);
    const bound = await decide(rec({ forall: ['gamma < 2*omega0'], rate: 'gamma/2', sharp: false }));
    expect(bound.verdict).toBe('proved');
  }, 20_000);
  it('decides the overdamped root formula as an identity', async () => {
    const r = await decide(rec({ forall: ['gamma > 2*omega0'], rate: 'gamma - sqrt(gamma^2 - 4*omega0^2)' }));
    expect(r.verdict).toBe('proved');
    const planted = await decide(rec({ forall: ['gamma > 2*omega0'], rate: 'gamma - sqrt(gamma^2 - 4*omega0^2)/2' }));
    expect(planted.verdict).toBe('refuted');
  }, 20_000);
  it('reports the exact ratio at a defective point with a slack (6/4, not 2)', async () => {
    const printed = await decide(rec({ cases: [{ when: 'gamma = 2*omega0', rate: '2*(gamma - delta)', slack: 'delta' }], examples: [{ omega0: 2, delta: 1 }] }));
    expect(printed.verdict).toBe('refuted');
    expect(String((printed.witness as Record<string, string>)['printed / ρ'])).toBe('6/4 = 3/2');
    const corrected = await decide(rec({ cases: [{ when: 'gamma = 2*omega0', rate: 'gamma - 2*delta', slack: 'delta' }] }));
    expect(corrected.verdict).toBe('proved');
    // at the defective eigenvalue the rate itself is not a bound (‖h‖² ~ t²e^{−γt})
    const exact = await decide(rec({ cases: [{ when: 'gamma = 2*omega0', rate: 'gamma' }] }));
    expect(exact.verdict).toBe('refuted');
  }, 20_000);
  it('needs a non-degenerate invariant law (Kalman rank)', async () => {
    const r = await decide(rec({ forall: ['gamma < 2*omega0'], rate: 'gamma', diffusion: [['0', '0'], ['0', '0']] }));
    expect(r.verdict).toBe('inconclusive');
  }, 20_000);
  it('decides a scalar OU exactly and reports a larger drift as undecidable here', async () => {
    const scalar = await decide(rec({ drift: [['gamma']], diffusion: [['1/beta']], rate: '2*gamma', sharp: true }));
    expect(scalar.verdict).toBe('proved');
    const p = getProcedure('spectral-rate')!;
    const big = rec({ drift: [['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']], diffusion: [['1', '0', '0'], ['0', '1', '0'], ['0', '0', '1']], rate: '2' });
    expect(p.validate!(big, { set })[0].message).toMatch(/2×2/);
    expect((await decide(big)).verdict).toBe('inconclusive');
  }, 20_000);
});

describe('spectral-rate: hypotheses and regimes the sampled points miss (review, planted)', () => {
  it('refutes a bound on a case whose boundary tr² = 4 det is defective: the regime split finds it', async () => {
    // rate γ on γ ≤ 2ω₀: true where γ < 2ω₀, false at γ = 2ω₀ (Jordan block: ‖h‖² ~ t²e^{−γt})
    const r = await decide(rec({ sharp: false, cases: [{ when: 'gamma^2 <= 4*omega0^2', rate: 'gamma' }] }));
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    expect(w.regime).toBe('double');
    expect(Number(w.gamma) ** 2).toBe(4 * Number(w.omega0) ** 2);
    // the same rate strictly inside holds, and a slack below the boundary too
    expect((await decide(rec({ sharp: false, cases: [{ when: 'gamma^2 < 4*omega0^2', rate: 'gamma' }] }))).verdict).toBe('proved');
    const both = await decide(rec({ sharp: false, cases: [{ when: 'gamma^2 <= 4*omega0^2', rate: 'gamma/2' }] }));
    expect(both.verdict).toBe('proved');
    expect(both.summary).toMatch(/per regime/);
  }, 60_000);
  it('a diffusion that is not positive semidefinite fails the hypotheses (never proved)', async () => {
    const ou = { drift: [['gamma']], diffusion: [['-1']], rate: '2*gamma', sharp: true };
    const neg = await decide(rec(ou));
    expect(neg.verdict).toBe('inconclusive');
    expect(neg.summary).toMatch(/not positive semidefinite/);
    expect((await decide(rec({ ...ou, diffusion: [['1']] }))).verdict).toBe('proved');
    // 2×2: indefinite D (det < 0) though both diagonal entries are ≥ 0
    const indefinite = await decide(rec({ forall: ['gamma < 2*omega0'], rate: 'gamma', diffusion: [['0', '1'], ['1', 'gamma/beta']] }));
    expect(indefinite.verdict).toBe('inconclusive');
  }, 60_000);
});
