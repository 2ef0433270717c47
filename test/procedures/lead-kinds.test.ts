/**
 * The parameter-level kinds (formula-identity, identity, inequality, matrix-identity,
 * matrix-inequality, spectral-abscissa, conjunction) on small claim files: each true claim and a
 * planted-false copy whose verdict turns (issue 9's defect classes: formulas agreeing at one point,
 * a weaker true inequality, μ touching the boundary, a defective case needing strictness).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { decideQuery } from '../../src/procedures/common.ts';
import { createContext } from '../../src/cli.ts';
import { buildReport } from '../../src/report.ts';
import { runClaims } from '../../src/runner.ts';
import type { CheckResult } from '../../src/claims.ts';
import { atom, type Z3Decider } from '../../symbolic/z3.ts';
import { pv } from '../../symbolic/poly.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    gamma: { domain: "> 0" }
    delta: { domain: "> 0" }
    C: { domain: "real" }
    Ch: { domain: "real" }
  variables:
    x: {}
  matrices:
    K: [["2*Ch", "C - omega0^2 + gamma*Ch"], ["C - omega0^2 + gamma*Ch", "2*gamma*C - 2*omega0^2*Ch"]]
    P: [["1", "Ch"], ["Ch", "C"]]
    Q: [["0", "1"], ["-omega0^2", "gamma"]]
cited:
  - { id: "cite:x", bib: "x", statement: "x" }
claims:
`;

const dir = mkdtempSync(join(tmpdir(), 'hc-kinds-'));
const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());

let n = 0;
async function decide(claim: string): Promise<CheckResult> {
  const file = join(dir, `c${n++}.claims.yaml`);
  writeFileSync(file, HEADER + claim);
  const set = loadClaimFile(file);
  return instantiate(set.claims[0], { set }).check(ctx);
}
const rec = (kind: string, fields: string, extra = '') => `  - { id: "c:1", source: "(1)", statement: "s", kind: ${kind}, ${fields}${extra ? `, ${extra}` : ''} }\n`;

describe('formula-identity', () => {
  it('proves an identity with a square root reduced', async () => {
    const r = await decide(rec('formula-identity', 'lhs: "(gamma - sqrt(gamma^2 - 4*omega0^2))*(gamma + sqrt(gamma^2 - 4*omega0^2))", rhs: "4*omega0^2"', 'forall: ["gamma > 2*omega0"]'));
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('certificate'); // the identity in the kernel, √(γ² − 4ω₀²) defined on γ > 2ω₀ by an exact sign certificate
  });
  it('refutes formulas that agree at one point only (ω₀γ/2 vs γ/2 agree at ω₀ = 1)', async () => {
    const r = await decide(rec('formula-identity', 'lhs: "omega0*gamma/2", rhs: "gamma/2"', 'examples: [{ omega0: 1, gamma: 1 }]'));
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/agree at omega0=1/);
  });
});

describe('identity (scalar variables)', () => {
  it('proves (x + γ)² expanded and refutes a dropped cross term', async () => {
    expect((await decide(rec('identity', 'lhs: "(x + gamma)^2", rhs: "x^2 + 2*gamma*x + gamma^2"'))).verdict).toBe('proved');
    expect((await decide(rec('identity', 'lhs: "(x + gamma)^2", rhs: "x^2 + gamma^2"'))).verdict).toBe('refuted');
  });
});

describe('inequality', () => {
  it('proves γ² + ω₀² ≥ 2γω₀ and refutes the strict version with an exact witness on the diagonal', async () => {
    expect((await decide(rec('inequality', 'relation: "gamma^2 + omega0^2 >= 2*gamma*omega0"'))).verdict).toBe('proved');
    const strict = await decide(rec('inequality', 'relation: "gamma^2 + omega0^2 > 2*gamma*omega0"'));
    expect(strict.verdict).toBe('refuted');
    const w = strict.witness as Record<string, string>;
    expect(w.omega0).toBe(w.gamma);
  });
  it('does not refute a weaker true inequality', async () => {
    expect((await decide(rec('inequality', 'relation: "gamma^2 + omega0^2 >= gamma*omega0"'))).verdict).toBe('proved');
  });
  it('reads the hypotheses: γ < 2ω₀ ⇒ γ² < 4ω₀², false without them', async () => {
    expect((await decide(rec('inequality', 'relation: "gamma^2 < 4*omega0^2"', 'forall: ["gamma < 2*omega0"]'))).verdict).toBe('proved');
    expect((await decide(rec('inequality', 'relation: "gamma^2 < 4*omega0^2"', 'forall: ["gamma <= 2*omega0"]'))).verdict).toBe('refuted');
  });
});

describe('matrix-identity', () => {
  it('proves K = QP + PQᵀ (4.5) and refutes QP + QᵀP (4.6) with the differing entry', async () => {
    expect((await decide(rec('matrix-identity', 'lhs: "K", rhs: "Q*P + P*Q^T"'))).verdict).toBe('proved');
    const r = await decide(rec('matrix-identity', 'lhs: "K", rhs: "Q*P + Q^T*P"'));
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, string>).entry).toBe('(1,1)');
  });
});

describe('matrix-inequality', () => {
  const case1 = (mu: string) => rec('matrix-inequality', `claims: ["P > 0", "K - 2*mu*P >= 0"], define: ["mu = ${mu}", "C = omega0^2", "Ch = gamma/2"]`, 'forall: ["gamma < 2*omega0"]');
  it('refutes the printed μ = γ of case 1 and proves μ = γ/2', async () => {
    expect((await decide(case1('gamma'))).verdict).toBe('refuted');
    const ok = await decide(case1('gamma/2'));
    expect(ok.verdict).toBe('proved');
    expect(ok.basis).toBe('certificate'); // exact LDLᵀ certificate (symbolic/certificate.ts)
  });
  it('refutes μ just above the boundary (γ/2 + γ/100)', async () => {
    expect((await decide(case1('gamma/2 + gamma/100'))).verdict).toBe('refuted');
  });
  const case3 = (mu: string, ex = 'exists: [C, Ch]', define = '') =>
    rec('matrix-inequality', `claims: ["P > 0", "K - 2*mu*P >= 0"], define: ["mu = ${mu}"${define}], ${ex}`, 'forall: ["gamma = 2*omega0"], examples: [{ omega0: 2, delta: 1 }]');
  it('refutes the printed μ = γ − δ of the critical case for every C, Ĉ', async () => {
    expect((await decide(case3('gamma - delta'))).verdict).toBe('refuted');
  });
  it('refutes μ = γ/2 touching the boundary of the defective case', async () => {
    expect((await decide(case3('gamma/2'))).verdict).toBe('refuted');
  });
  it('proves the construction C = ω₀² + 2δ², Ĉ = ω₀ for μ = γ/2 − δ', async () => {
    const r = await decide(rec('matrix-inequality', 'claims: ["P > 0", "K - 2*mu*P >= 0"], define: ["mu = gamma/2 - delta", "C = omega0^2 + 2*delta^2", "Ch = omega0"]', 'forall: ["gamma = 2*omega0"]'));
    expect(r.verdict).toBe('proved');
  });
});

describe('spectral-abscissa', () => {
  it('refutes μ = γ as min Re λ(Q) for γ < 2ω₀ (ratio 2) and proves γ/2', async () => {
    const r = await decide(rec('spectral-abscissa', 'matrix: "Q", value: "gamma"', 'forall: ["gamma < 2*omega0"]'));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.ratioAtWitness).toBe(2);
    expect((await decide(rec('spectral-abscissa', 'matrix: "Q", value: "gamma/2"', 'forall: ["gamma < 2*omega0"]'))).verdict).toBe('proved');
  });
  it('where the regime changes inside the domain, refutes γ/2 at an exact point of the real regime (review 10; it asked for a split)', async () => {
    const r = await decide(rec('spectral-abscissa', 'matrix: "Q", value: "gamma/2"'));
    expect(r.verdict).toBe('refuted');
    expect(r.summary).toMatch(/real eigenvalues there/);
  });
});

describe('two solvers', () => {
  const query = { variables: ['a'], assumptions: atom(pv('a'), '>'), goal: atom(pv('a'), '>') };
  const fake = (status: 'proved' | 'refuted' | 'unknown', witness?: Record<string, string>): Z3Decider => ({ version: 'fake', decide: async () => ({ status, ms: 0, witness }) });
  it('a planted disagreement (a model that does not re-check against an unsat) is inconclusive', async () => {
    const o = await decideQuery({ z3: fake('proved'), cvc5: fake('refuted', { a: '1' }) }, query);
    expect(o.status).toBe('unknown');
    expect(o.reason).toMatch(/disagree/);
  });
  it('both unsat → two-solvers; one unknown → one-solver', async () => {
    expect((await decideQuery({ z3: fake('proved'), cvc5: fake('proved') }, query)).basis).toBe('two-solvers');
    expect((await decideQuery({ z3: fake('proved'), cvc5: fake('unknown') }, query)).basis).toBe('one-solver');
  });
});

describe('conjunction and the proof graph', () => {
  it('a refuted part breaks the main result; a cited part does not', async () => {
    const file = join(dir, 'graph.claims.yaml');
    writeFileSync(
      file,
      HEADER +
        rec('inequality', 'relation: "gamma^2 + omega0^2 >= 2*gamma*omega0"').replace('c:1', 'ok:1') +
        rec('inequality', 'relation: "gamma > omega0"').replace('c:1', 'bad:1') +
        '  - { id: "thm:good", source: "T", statement: "s", kind: conjunction, uses: ["ok:1", "cite:x"] }\n' +
        '  - { id: "thm:bad", source: "T", statement: "s", kind: conjunction, uses: ["ok:1", "bad:1"] }\n',
    );
    const set = loadClaimFile(file);
    const rows = await runClaims(set.claims.map((r) => instantiate(r, { set })), ctx);
    const report = buildReport(rows, { version: 't', seed: 1, backends: { gpu: 'none', z3: 'x' }, cited: set.cited });
    const byId = Object.fromEntries(report.claims.map((r) => [r.id, r]));
    expect(byId['thm:good'].verdict).toBe('proved');
    expect(byId['thm:good'].basis).toBe('given-cited');
    expect(byId['thm:good'].established).toBe('yes');
    expect(byId['thm:bad'].verdict).toBe('refuted');
    expect(byId['thm:bad'].established).toBe('no');
    expect(byId['thm:bad'].brokenAt).toEqual(['bad:1']);
    expect(report.headline.join('\n')).toMatch(/thm:bad\): not established — broken at bad:1/);
  });
});

describe('time budget', () => {
  it('a claim over --timeout ends inconclusive with the reason and the others still run', async () => {
    const file = join(dir, 'budget.claims.yaml');
    writeFileSync(
      file,
      HEADER +
        rec('inequality', 'relation: "gamma^4 + omega0^4 >= 2*gamma^2*omega0^2 - delta^2 + 0*C*Ch"').replace('c:1', 'slow:1') +
        rec('formula-identity', 'lhs: "gamma*2", rhs: "2*gamma"').replace('c:1', 'fast:1'),
    );
    const set = loadClaimFile(file);
    const slow = { ...instantiate(set.claims[0], { set }), check: () => new Promise<CheckResult>(() => {}) }; // never answers
    const rows = await runClaims([slow, instantiate(set.claims[1], { set })], ctx, { timeoutMs: 200 });
    expect(rows[0].verdict).toBe('inconclusive');
    expect(rows[0].summary).toMatch(/time budget exceeded/);
    expect(rows[1].verdict).toBe('proved');
  });
});

describe('a file of 500 generated claims', () => {
  it('loads, runs with progress for every claim, and keeps memory bounded', { timeout: 120_000 }, async () => {
    const file = join(dir, 'many.claims.yaml');
    let text = HEADER;
    for (let k = 1; k <= 500; k++) text += `  - { id: "gen:${k}", source: "(${k})", statement: "s", kind: formula-identity, lhs: "(gamma + ${k})^2", rhs: "gamma^2 + ${2 * k}*gamma + ${k * k}" }\n`;
    writeFileSync(file, text);
    const set = loadClaimFile(file);
    expect(set.claims).toHaveLength(500);
    const heap0 = process.memoryUsage().heapUsed;
    let started = 0;
    const rows = await runClaims(set.claims.map((r) => instantiate(r, { set })), ctx, { onStart: () => started++ });
    expect(started).toBe(500);
    expect(rows.every((r) => r.verdict === 'proved')).toBe(true);
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(200 * 1024 * 1024);
  });
});
