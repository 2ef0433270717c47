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
