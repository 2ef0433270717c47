/**
 * The claims of proofs/zhu-ying-2021/bounds.claims.yaml, decided through their procedures with the
 * header's symbols; each with a planted copy whose verdict (or decisive evidence) turns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import '../../src/procedures/index.ts';
import { getProcedure } from '../../src/procedures/registry.ts';
import type { ClaimRecord, ClaimSet } from '../../src/claim-record.ts';
import type { CheckContext, ServiceRegistry } from '../../src/claims.ts';
import { createMonteCarlo } from '../../numeric/monte-carlo.ts';
import { createGaussHermite } from '../../numeric/gauss-hermite.ts';

const header = parse(readFileSync('proofs/zhu-ying-2021.claims.yaml', 'utf8'));
const fragment = parse(readFileSync('proofs/zhu-ying-2021/bounds.claims.yaml', 'utf8'));
const s = header.symbols;
const fs = fragment.symbols ?? {};
export const boundsSet: ClaimSet = {
  paper: header.paper,
  symbols: {
    parameters: { ...s.parameters, ...(fs.parameters ?? {}) },
    variables: { ...s.variables, ...(fs.variables ?? {}) },
    functions: { ...(s.functions ?? {}), ...(fs.functions ?? {}) },
    dimension: s.dimension,
    definitions: [...(s.definitions ?? []), ...(fs.definitions ?? [])],
  },
  cited: header.cited,
  claims: fragment.claims,
  file: `${process.cwd()}/proofs/zhu-ying-2021/bounds.claims.yaml`,
  allowModules: true,
};
const integrators = { cpu: createMonteCarlo(), quadrature: createGaussHermite() };
const services: ServiceRegistry = { has: (n) => n === 'integrators', get: async <T,>() => integrators as T };
const ctx: CheckContext = { seed: 1, effort: 0.1, backend: 'cpu', progress: () => {}, services } as CheckContext;
const record = (id: string): ClaimRecord => {
  const r = boundsSet.claims.find((c) => c.id === id);
  if (!r) throw new Error(`no record ${id}`);
  return r;
};
const decide = (r: ClaimRecord) => getProcedure(r.kind)!.decide(r, { set: boundsSet }, ctx);
const planted = (id: string, field: string, from: string, to: string): ClaimRecord => {
  const r = record(id);
  const text = String(r[field]);
  expect(text).toContain(from);
  return { ...r, [field]: text.replace(from, to) };
};

describe('(3.5) as data (integral-inequality)', () => {
  it('eq:3.5:d1 is supported (the printed constant is the sharp one at d = 1); a constant ×7/8 is refuted', async () => {
    expect((await decide(record('eq:3.5:d1'))).verdict).toBe('supported');
    expect((await decide(planted('eq:3.5:d1', 'relation', '1/(d*beta', '7/8/(d*beta'))).verdict).toBe('refuted');
  });
  it('eq:3.5:d2 is refuted with an exact witness; the constant ×2 turns it to supported', async () => {
    const r = await decide(record('eq:3.5:d2'));
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toMatchObject({ d: '2' });
    expect((await decide(planted('eq:3.5:d2', 'relation', '1/(d*beta', '2/(d*beta'))).verdict).toBe('supported');
  });
  it('eq:3.5:d3 is refuted; the constant ×3 turns it to supported', async () => {
    expect((await decide(record('eq:3.5:d3'))).verdict).toBe('refuted');
    expect((await decide(planted('eq:3.5:d3', 'relation', '1/(d*beta', '3/(d*beta'))).verdict).toBe('supported');
  });
  it('eq:3.5:numeric: refuted on non-polynomial h (quadrature confirms); the sharp constant is supported', async () => {
    const r = await decide({ ...record('eq:3.5:numeric'), dimension: [2] });
    expect(r.verdict).toBe('refuted');
    const fixed = await decide({ ...planted('eq:3.5:numeric', 'relation', '1/(d*beta', '1/(beta'), dimension: [1] });
    expect(fixed.verdict).toBe('supported');
  });
});

describe('Assumption 3.1 and Proposition 4.1 (c)–(f) (vacuity, vacuous-claim)', () => {
  it('asm:3.1 is vacuous by the kernel construction read from θ; without the x, v products it is not', async () => {
    const r = await decide(record('asm:3.1'));
    expect(r.verdict).toBe('vacuous');
    const q = (record('asm:3.1').quantities as string[]).filter((s) => !s.includes('dot(eps,'));
    expect((await decide({ ...record('asm:3.1'), quantities: q })).verdict).toBe('supported');
    const other = await decide(planted('asm:3.1', 'evaluatedAt', 'gamma*x', '2*gamma*x'));
    expect(other.decisive).not.toBe(r.decisive);
  });
  for (const id of ['prop:4.1:c:1', 'prop:4.1:c:2', 'prop:4.1:d', 'prop:4.1:e', 'prop:4.1:f', 'lem:4.2']) {
    it(`${id} is vacuous; a negative coefficient is refuted at ε ≡ 0 (defect 5)`, async () => {
      const r = await decide(record(id));
      expect(r.verdict).toBe('vacuous');
      const rel = String(record(id).relation);
      const neg = { ...record(id), relation: rel.replaceAll('eps0', '(-eps0)') };
      const p = await decide(neg);
      expect(p.verdict).toBe('refuted');
      const scaled = { ...record(id), relation: rel.replace('eps0', '8/7*eps0') };
      expect((await decide(scaled)).decisive).not.toBe(r.decisive);
    });
  }
  it('prop:4.1:d with only its second coefficient negated is refuted (each norm alone)', async () => {
    const p = await decide(planted('prop:4.1:d', 'relation', '+ 2*eps0', '- 2*eps0'));
    expect(p.verdict).toBe('refuted');
  });
});

describe('Appendix steps as data', () => {
  it('app:A.6:poincare is refuted in d = 2 (the factor d of (3.5)); with d·C₂ it is supported where stated (not for every d from d = 1, 2); d = 1 alone is supported', async () => {
    const r = await decide(record('app:A.6:poincare'));
    expect(r.verdict).toBe('refuted');
    expect(r.dimensions).toEqual([2]);
    const fixed = planted('app:A.6:poincare', 'relation', '<= C2', '<= d*C2');
    const everyD = await decide(fixed);
    expect(everyD.verdict).toBe('inconclusive');
    expect(everyD.summary).toMatch(/not every dimension/);
    expect((await decide({ ...fixed, dimension: [1, 2] })).verdict).toBe('supported');
    expect((await decide({ ...record('app:A.6:poincare'), dimension: [1] })).verdict).toBe('supported');
  });
});

describe('(A.6) coefficientwise (norm-inequality)', () => {
  it('app:A.6 is refuted (the ‖h‖² coefficient when ω₀² > C₂); the corrected coefficient is supported; a planted 4 → 3 in the ‖∇_x h‖² coefficient is refuted too', async () => {
    const r = await decide(record('app:A.6'));
    expect(r.verdict).toBe('refuted');
    const correctedRelation = (record('app:A.6').corrected as Record<string, string>).relation;
    const fixed = await decide({ ...record('app:A.6'), relation: correctedRelation });
    expect(fixed.verdict).toBe('supported');
    expect((await decide({ ...record('app:A.6'), relation: correctedRelation.replace('<= 4*eps0', '<= 3*eps0') })).verdict).toBe('refuted');
  });
});

describe('(A.5)', () => {
  it('app:A.5 is vacuous; a negated right-hand side is refuted at ε ≡ 0', async () => {
    expect((await decide(record('app:A.5'))).verdict).toBe('vacuous');
    expect((await decide(planted('app:A.5', 'relation', '<= gamma', '<= -gamma'))).verdict).toBe('refuted');
  });
  it('app:A.5:last holds on exact trials; C₂ replaced by 1/2 fails', async () => {
    expect((await decide(record('app:A.5:last'))).verdict).toBe('supported');
    expect((await decide(planted('app:A.5:last', 'relation', 'eps0*C2*', 'eps0*1/2*'))).verdict).toBe('refuted');
  });
});

describe('(A.4), (A.5) single steps (modules, exact random trials)', async () => {
  const { a4ChainRule, a4Young, a5Sign } = await import('../../proofs/appendix-steps.ts');
  const env = { set: boundsSet };
  it('app:A.4:chain-rule is refuted in d = 2 (index j dropped); a planted factor keeps it refuted with other evidence', async () => {
    const r = await a4ChainRule(record('app:A.4:chain-rule'), env, ctx);
    expect(r.verdict).toBe('refuted');
    expect(r.dimensions).toEqual([2]);
    const p = await a4ChainRule(planted('app:A.4:chain-rule', 'factor', '-gamma', '-8/7*gamma'), env, ctx);
    expect(p.decisive).not.toBe(r.decisive);
  });
  it('app:A.4:young is refuted as printed; the corrected coefficient (1+γ)/2 is supported', async () => {
    expect((await a4Young(record('app:A.4:young'), env, ctx)).verdict).toBe('refuted');
    const fixed = { ...record('app:A.4:young'), bound: (record('app:A.4:young').corrected as Record<string, string>).bound };
    expect((await a4Young(fixed, env, ctx)).verdict).toBe('supported');
  });
  it('app:A.5:sign is refuted; the corrected sign is supported on every random trial; a corrected factor ×8/7 is refuted', async () => {
    expect((await a5Sign(record('app:A.5:sign'), env, ctx)).verdict).toBe('refuted');
    const fixed = { ...record('app:A.5:sign'), factor: 'gamma*beta/omega0^2' };
    expect((await a5Sign(fixed, env, ctx)).verdict).toBe('supported');
    expect((await a5Sign({ ...fixed, factor: '8/7*gamma*beta/omega0^2' }, env, ctx)).verdict).toBe('refuted');
  });
});
