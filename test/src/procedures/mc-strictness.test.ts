/**
 * Monte Carlo and the relation's strictness (review 2). A sampled margin within its error bars of 0
 * was `supported` for < and > alike (E exp(−|x|²) < a/(a+2) and > a/(a+2), equal in d = 2; E tanh(x·v)
 * > 0 and < 0): the rule now (numeric/search.ts marginShortfall) is strict → margin > 3σ,
 * non-strict → margin ≥ 0, else inconclusive; a refutation still needs −6σ and a different backend.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles } from '../../helpers/decide-file.ts';
import { marginShortfall } from '../../../numeric/search.ts';

const header = `paper: { id: t, title: t, authors: [R], year: 2026 }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    v: { vector: true }
  functions:
    h: { args: [x, v] }
  definitions:
    - "Mx = exp(-a*|x|^2/2)"
    - "Mxv = exp(-a*|x|^2/2 - b*|v|^2/2)"
    - "M = exp(-a*|x|^2/2 - b*|v|^2/2)"
claims:
`;
const { decide } = claimFiles(header, 'hc-mc-');
const eb = (relation: string, weight = 'Mx', dimension = 2) => decide(`  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "${weight}", dimension: ${dimension}, relation: "${relation}" }\n`);
const nm = (relation: string) => decide(`  - { id: "n:1", source: x, statement: x, kind: integral-inequality, family: numeric, weight: "M", dimension: [1], relation: "${relation}", constraint: "mean(h, M) = 0" }\n`);

describe('the support rule', () => {
  it('strict needs > 3σ, non-strict needs ≥ 0', () => {
    expect(marginShortfall({ margin: 0.001, stderr: 0.001 }, true)).toMatch(/3σ/);
    expect(marginShortfall({ margin: 0.004, stderr: 0.001 }, true)).toBeUndefined();
    expect(marginShortfall({ margin: -0.0003, stderr: 0.0004 }, false)).toMatch(/negative/);
    expect(marginShortfall({ margin: 0.0001, stderr: 0.0004 }, false)).toBeUndefined();
    // a deterministic backend (σ = 0): a tie is not strict
    expect(marginShortfall({ margin: 1e-16, stderr: 0 }, true)).toMatch(/3σ/);
  });
});

describe('expectation-bound Monte Carlo: strictness', () => {
  it('E exp(−|x|²) < a/(a+2) and > a/(a+2) (equal in d = 2) are both inconclusive, not supported', async () => {
    for (const rel of ['<', '>']) {
      const r = await eb(`E(exp(-|x|^2)) ${rel} a/(a + 2)`);
      expect(r.verdict).toBe('inconclusive');
      expect(r.summary).toMatch(/3σ/);
    }
  });
  it('E tanh(x·v) > 0 and < 0 (= 0 by symmetry) are inconclusive', async () => {
    for (const rel of ['<', '>']) expect((await eb(`E(tanh(dot(x, v))) ${rel} 0`, 'Mxv', 1)).verdict).toBe('inconclusive');
  });
  it('true strict bounds with room are supported; false ones refuted', async () => {
    expect((await eb('E(exp(-|x|^2)) < a/(a + 1)')).verdict).toBe('supported');
    // true, but far out (a ÷ 10⁶) the deterministic estimate is 0 with no error bar: not supported, never refuted
    expect((await eb('E(exp(-|x|^2)) > a/(a + 4)')).verdict).not.toBe('refuted');
    expect((await eb('E(tanh(dot(x, v))) < 1', 'Mxv', 1)).verdict).toBe('supported');
    expect((await eb('E(exp(-|x|^2)) <= 0.8*a/(a + 2)')).verdict).toBe('refuted');
  });
});

describe('integral-inequality numeric family: strictness', () => {
  it('strict Gaussian Poincaré with the sharp constants (equality at h = x1) is refuted exactly at degree 1, not supported', async () => {
    const r = await nm('norm2(h, M) < 1/a*norm2(grad(h, x), M) + 1/b*norm2(grad(h, v), M)');
    expect(r.verdict).toBe('refuted');
    expect(r.method).toBe('exact');
    expect(r.summary).toMatch(/= [xv]1 gives lhs = (\S+) and rhs = \1/);
  });
  it('the non-strict sharp Gaussian Poincaré stays supported (the sines are scaled to σ, a trial within error is resampled)', async () => {
    expect((await nm('norm2(h, M) <= 1/a*norm2(grad(h, x), M) + 1/b*norm2(grad(h, v), M)')).verdict).toBe('supported');
  });
  it('a strict bound with room is supported; a constant too small is refuted', async () => {
    expect((await nm('norm2(h, M) < 2/a*norm2(grad(h, x), M) + 2/b*norm2(grad(h, v), M)')).verdict).toBe('supported');
    expect((await nm('norm2(h, M) <= 0.5/a*norm2(grad(h, x), M) + 0.5/b*norm2(grad(h, v), M)')).verdict).toBe('refuted');
  });
});

describe('Monte Carlo trials at smaller scales (third review)', () => {
  const scaled = claimFiles(`paper: { id: t, title: t, authors: [R], year: 2026 }
symbols:
  parameters:
    s: { domain: "> 0" }
  variables:
    z: {}
  definitions:
    - "G = exp(-z^2/(2*s^2))"
claims:
`, 'hc-mc-scale-');
  it('E tanh(z)² ≤ s²/2 (z ~ N(0, s²)), false only for s ≲ 0.7, is refuted: trials shrunk toward the domain end', async () => {
    const r = await scaled.decide(`  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "G", dimension: 1, relation: "E(tanh(z)^2) <= s^2/2" }\n`);
    expect(r.verdict).toBe('refuted');
  });
  it('E|z| (abs of a scalar) is sampled, as the docs say, and |z|^2 is the polynomial z^2 (third review: lint rejected abs)', async () => {
    const absz = await scaled.decide(`  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "G", dimension: 1, relation: "E(abs(z)) <= s" }\n`);
    expect(absz.verdict).toBe('supported');
    const sq = await scaled.decide(`  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "G", dimension: 1, relation: "E(|z|^2) = s^2" }\n`);
    expect(sq.verdict).toBe('proved');
  });
  it('a missing dimension names the field and what it expects', async () => {
    await expect(scaled.decide(`  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "G", relation: "E(abs(z)) <= s" }\n`)).rejects.toThrow(/dimension: missing field \(expected number or array\)/);
  });
});
