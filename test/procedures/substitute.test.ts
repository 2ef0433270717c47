/**
 * Radicals and `substitute` in formula identities: the SME scaling of Zhu & Ying (2021) Section 2
 * with η = a⁴, 1 − κ = b⁴ is proved in the kernel; planted errors (a wrong root index, a dropped
 * Σ) are refuted at a point whose image lies in the printed domains; a substitution with a
 * singular Jacobian, or on a kind where it would be unsound, is refused.
 */
import { ClaimFileError } from '../../src/claim-file.ts';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    eta: { domain: "> 0" }
    kappa: { domain: "(0, 1)" }
    Sigma: { domain: "> 0" }
    omega0: { domain: "> 0" }
    a: { domain: "> 0" }
    b: { domain: "(0, 1)" }
    b2: { domain: "(0, 2)" }
claims:
`;
const { decide, load } = claimFiles(HEADER);
const SUB = 'substitute: ["eta = a^4", "kappa = 1 - b^4"]';
const DEF = 'define: ["tau = eta^(3/4)/(1 - kappa)^(1/4)*Sigma", "gamma = sqrt((1 - kappa)/eta)"]';
const rec = (lhs: string, rhs: string, extra = SUB) => `  - { id: "c:1", source: "(1)", statement: "s", kind: formula-identity, ${extra}, ${DEF}, lhs: "${lhs}", rhs: "${rhs}" }\n`;

describe('formula-identity with radicals and a change of parameters', () => {
  it('proves β = 2γ/(τ²ω₀⁴) = 2(1−κ)/(η²Σ²ω₀⁴) in the kernel', async () => {
    const r = await decide(rec('2*gamma/(tau^2*omega0^4)', '2*(1 - kappa)/(eta^2*Sigma^2*omega0^4)'));
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('kernel');
    expect(String(r.evidence.substitution)).toMatch(/eta = a\^4/);
  });
  it('refutes a dropped Σ with a witness that maps into the printed domains (κ = 1 − b⁴ ∈ (0, 1))', async () => {
    const r = await decide(rec('2*gamma/(tau^2*omega0^4)', '2*(1 - kappa)/(eta^2*Sigma*omega0^4)'));
    expect(r.verdict).toBe('refuted');
    const b = Number(eval(String((r.witness as Record<string, string>).b)));
    expect(b).toBeLessThan(1);
  });
  it('refutes a wrong power of η', async () => {
    expect((await decide(rec('2*gamma/(tau^2*omega0^4)', '2*(1 - kappa)/(eta^3*Sigma^2*omega0^4)'))).verdict).toBe('refuted');
  });
  it('is a load error without the substitution (η^{3/4} is not exact) — never a verdict', () => {
    expect(() => load(rec('2*gamma/(tau^2*omega0^4)', '2*(1 - kappa)/(eta^2*Sigma^2*omega0^4)', 'note: "none"'))).toThrow(/fractional power 3\/4/);
  });
  it('refuses a substitution with a singular Jacobian', async () => {
    // refused when the file loads (lint), before anything runs
    await expect(decide(rec('gamma', 'gamma', 'substitute: ["eta = a^4", "kappa = 1 - a^4"]'))).rejects.toThrow(/must be square/);
  });
  it('decides an inequality over a substitution only when it maps ONTO the printed domain', async () => {
    const ineq = (sub: string, rel: string) => `  - { id: "c:1", source: "(1)", statement: "s", kind: inequality, substitute: [${sub}], relation: "${rel}" }\n`;
    // η = a⁴, a > 0 is onto η > 0: proved over a
    expect((await decide(ineq('"eta = a^4"', 'eta^(1/2) > 0'))).verdict).toBe('proved');
    // η = 1 + a⁴ reaches only η > 1: "η > 1" would be proved for the wrong domain — refused when
    // the file loads (and by lint), before anything runs
    await expect(decide(ineq('"eta = 1 + a^4"', 'eta > 1'))).rejects.toThrow(/substitute: .*onto the printed domain/);
    // κ = 1 − b2⁴ with b2 ∈ (0, 2) leaves κ ∈ (−15, 1), not (0, 1): refused
    await expect(decide(ineq('"kappa = 1 - b2^4"', 'kappa > 0'))).rejects.toThrow(/onto the printed domain/);
    // the new parameter must be fresh: η = g² with g also in the claim ties two parameters
    await expect(decide(ineq('"eta = Sigma^2"', 'eta <= Sigma^2'))).rejects.toThrow(/fresh/);
    // a map onto only part of the domain never proves an identity with roots: √((η−1)²) = η − 1
    // …and the file does not load (lint says so before anything runs, as for inequality)
    await expect(decide(`  - { id: "c:1", source: "(1)", statement: "s", kind: formula-identity, substitute: ["eta = 1 + a^2"], lhs: "sqrt((eta - 1)^2)", rhs: "eta - 1" }\n`)).rejects.toThrow(/substitute: .*onto the printed domain/);
  });
  it('refuses substitute on kinds where it is not sound', () => {
    expect(() => load(`  - { id: "c:1", source: "(1)", statement: "s", kind: matrix-inequality, substitute: ["eta = a^2"], claims: ["P > 0"] }\n`)).toThrow(ClaimFileError);
  });
});
