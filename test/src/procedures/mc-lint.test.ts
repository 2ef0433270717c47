/**
 * expectation-bound errors belong to `lint` (each kind's validate), not to check time (review 2):
 * a square root of a parameter in a Monte Carlo bound was "check failed: Poly.evaluate: no value
 * for variable sqrt_…"; a vector variable standing alone (E(cos(x)), x a vector) and a weight that
 * grows on the whole domain (exp(a|x|²/2), a > 0) passed lint and became error verdicts.
 */
import { describe, expect, it } from 'vitest';
import { claimFiles } from '../../helpers/decide-file.ts';

const header = `paper: { id: t, title: t, authors: [R], year: 2026 }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
    k: { domain: "real" }
  dimension: { name: d, check: all }
  variables:
    x: { vector: true }
    v: { vector: true }
    z: {}
  definitions:
    - "Mx = exp(-a*|x|^2/2)"
    - "Mxv = exp(-a*|x|^2/2 - b*|v|^2/2)"
    - "G = exp(a*|x|^2/2 - b*|v|^2/2)"
    - "W = exp(-k*|x|^2/2 - b*|v|^2/2)"
    - "Mz = exp(-a*z^2/2)"
claims:
`;
const { decide, load } = claimFiles(header, 'hc-mclint-');
const line = (relation: string, weight: string, dimension = 1) => `  - { id: "e:1", source: x, statement: x, kind: expectation-bound, weight: "${weight}", dimension: ${dimension}, relation: "${relation}" }\n`;
/** validate's messages (load with the kind checks off, then the procedure's own validate). */
const lint = (relation: string, weight: string) => {
  let message = '';
  try {
    load(line(relation, weight));
  } catch (e) {
    message = String((e as Error).message);
  }
  return message;
};

describe('expectation-bound: lint', () => {
  it('a vector variable standing alone in a function is a lint error', () => {
    expect(lint('E(cos(x)) >= 0', 'Mx')).toMatch(/vector variable "x" stands alone/);
    expect(lint('E(abs(x)) <= 1/a', 'Mx')).toMatch(/stands alone/);
    expect(lint('E(|x|^2*cos(x)) >= 0', 'Mx')).toMatch(/stands alone/);
    // |x|^2, dot(x, v) and a scalar variable are fine
    expect(lint('E(cos(|x|^2)) <= 1', 'Mx')).toBe('');
    expect(lint('E(cos(dot(x, v))) <= 1', 'Mxv')).toBe('');
    expect(lint('E(cos(z)) <= 1', 'Mz')).toBe('');
  });
  it('a weight that grows on the whole domain is a lint error; one whose sign depends on the point is not', () => {
    expect(lint('E(exp(-|v|^2)) <= 1', 'G')).toMatch(/weight "G" is not integrable in x anywhere on the domain/);
    expect(lint('E(exp(-|v|^2)) <= 1', 'W')).toBe('');
  });
  it('an integrand in a variable the sampled weight does not integrate is a lint error', () => {
    expect(lint('E(cos(dot(v, v))) <= 1', 'Mx')).toMatch(/depends on v/);
  });
});

describe('expectation-bound: square roots of parameters in a Monte Carlo bound', () => {
  it('E|x| ≤ sqrt(1.6/a) supported, ≤ sqrt(1.2/a) refuted (d = 2: E|x| = sqrt(pi/(2a)))', async () => {
    expect(lint('E(sqrt(|x|^2)) <= sqrt(1.6/a)', 'Mx')).toBe('');
    expect((await decide(line('E(sqrt(|x|^2)) <= sqrt(1.6/a)', 'Mx', 2))).verdict).toBe('supported');
    expect((await decide(line('E(sqrt(|x|^2)) <= sqrt(1.2/a)', 'Mx', 2))).verdict).toBe('refuted');
    expect((await decide(line('E(abs(dot(x, v))) <= 0.5/sqrt(a*b)', 'Mxv'))).verdict).toBe('refuted');
  });
  it('a weight that grows at some points of the domain leaves the claim undefined there: inconclusive, with the point, not an internal message', async () => {
    const r = await decide(line('E(exp(-|v|^2)) <= 1', 'W'));
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/not integrable/);
    expect((r.evidence as Record<string, unknown>).undefinedAt).toBeDefined();
  });
});
