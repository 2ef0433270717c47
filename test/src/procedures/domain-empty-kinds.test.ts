/**
 * Every kind (registry.ts vacuousOrNot): a claim proved over an empty domain is `vacuous`, not
 * proved — formula identities, spectral rates and the rest, not only the inequality kinds.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/claims.ts';
import { claimFiles } from '../../helpers/decide-file.ts';

const files = claimFiles('', 'hc-empty-kinds-');
const decide = (claim: string): Promise<CheckResult> =>
  files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { p: { domain: "> 0" }, g: { domain: "> 0" } }\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", ${claim} }\n`);

describe('a proved claim over an empty domain is vacuous, whatever its kind', () => {
  it('formula-identity under p > 1, p < 0', async () => {
    const r = await decide('kind: formula-identity, forall: ["p > 1", "p < 0"], lhs: "(p + 1)^2", rhs: "p^2 + 2*p + 1"');
    expect(r.verdict).toBe('vacuous');
    expect(r.summary).toMatch(/domain is empty/);
    // the same identity on a non-empty domain is proved
    expect((await decide('kind: formula-identity, forall: ["p > 1"], lhs: "(p + 1)^2", rhs: "p^2 + 2*p + 1"')).verdict).toBe('proved');
  });
  it('spectral-rate under g > 2, g < 1', async () => {
    const r = await decide('kind: spectral-rate, forall: ["g > 2", "g < 1"], drift: [["g"]], diffusion: [["1"]], rate: "2*g", sharp: true');
    expect(r.verdict).toBe('vacuous');
  });
});

describe('an inconclusive claim over an empty domain is vacuous too (nothing was left to decide)', () => {
  it('a formula identity no sampled point separates, under p + g < 0', async () => {
    const r = await decide('kind: formula-identity, forall: ["p + g < 0"], lhs: "p", rhs: "g"');
    expect(r.verdict).toBe('vacuous');
    expect(r.summary).toMatch(/domain is empty/);
    // on the whole domain it is refuted (p = 1, g = 2)
    expect((await decide('kind: formula-identity, lhs: "p", rhs: "g"')).verdict).toBe('refuted');
  });
  it('an expectation bound with no point to sample, under p + g < 0', async () => {
    const file = (forall: string) =>
      `paper: { id: r, title: R }\nsymbols:\n  parameters: { p: { domain: "> 0" }, g: { domain: "> 0" } }\n  variables: { x: { vector: true } }\n  definitions: ["Mx = exp(-p*|x|^2/2)"]\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: expectation-bound, weight: "Mx", dimension: 1, ${forall}relation: "E(exp(-|x|^2)) <= 1/2" }\n`;
    const r = await files.decide(file('forall: ["p + g < 0"], '));
    expect(r.verdict).toBe('vacuous');
    expect(r.evidence.inconclusiveBefore).toMatch(/no point of the domain/);
    // where the domain is not empty the same bound is decided by sampling (false for large p)
    expect((await files.decide(file(''))).verdict).toBe('refuted');
  });
});
