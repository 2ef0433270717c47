import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { q } from '../../symbolic/rational.ts';
import { pv } from '../../symbolic/poly.ts';
import { PolyMatrix } from '../../symbolic/matrix.ts';
import { TRUE, and, atom, evaluateFormula, psd, recheckCounterexample, type Z3Decider } from '../../symbolic/z3.ts';
import { createZ3Service } from '../../src/z3-service.ts';
import type { Service } from '../../src/services.ts';

let service: Service<Z3Decider>;
let z3: Z3Decider;
beforeAll(async () => {
  service = await createZ3Service();
  z3 = service.value;
});
afterAll(async () => {
  await service.dispose?.();
});

const x = pv('x');
const y = pv('y');
const w = pv('omega0');
const g = pv('gamma');
const s = pv('s');

describe('createZ3Decider', () => {
  it('reports the Z3 version', () => {
    expect(z3.version).toMatch(/^4\.\d+/);
  });

  it('proves a true inequality: x² + y² ≥ 2xy', async () => {
    const d = await z3.decide({ variables: ['x', 'y'], assumptions: TRUE, goal: atom(x.mul(x).add(y.mul(y)).sub(x.mul(y).scale(2)), '>=') });
    expect(d.status).toBe('proved');
  });

  it('refutes a false one with an exact rational witness: x > 0 ⟹ x² ≥ 2', async () => {
    const query = { variables: ['x'], assumptions: atom(x, '>'), goal: atom(x.mul(x).sub(2), '>=') };
    const d = await z3.decide(query);
    expect(d.status).toBe('refuted');
    expect(recheckCounterexample(query, { x: q(d.witness!.x) })).toBe(true);
  });

  it('does not call an irrational-only counterexample a refutation (x² ≠ 2)', async () => {
    const d = await z3.decide({ variables: ['x'], assumptions: TRUE, goal: atom(x.mul(x).sub(2), '!=') });
    expect(d.status).toBe('unknown');
  });

  it('handles a square-root variable: γ > 2ω₀ > 0 ⟹ γ − s > 0 for s = √(γ² − 4ω₀²)', async () => {
    const d = await z3.decide({
      variables: ['omega0', 'gamma'],
      roots: { s: g.mul(g).sub(w.mul(w).scale(4)) },
      assumptions: and(atom(w, '>'), atom(g.sub(w.scale(2)), '>')),
      goal: atom(g.sub(s), '>'),
    });
    expect(d.status).toBe('proved');
  });

  it('re-checks a witness with an irrational root exactly (γ ≥ 2s is false somewhere)', async () => {
    const query = {
      variables: ['omega0', 'gamma'],
      roots: { s: g.mul(g).sub(w.mul(w).scale(4)) },
      assumptions: and(atom(w, '>'), atom(g.sub(w.scale(2)), '>')),
      goal: atom(g.sub(s.scale(2)), '>='),
    };
    const d = await z3.decide(query);
    expect(d.status).toBe('refuted');
    const at = { omega0: q(d.witness!.omega0), gamma: q(d.witness!.gamma) };
    expect(recheckCounterexample(query, at)).toBe(true);
    // the root's value is shown under its radicand, not under the internal symbol
    expect(d.witness!['√(γ^2 - 4*ω₀^2)']).toMatch(/^√\(/);
    expect(d.witness!.s).toBeUndefined();
  });

  it('decides a matrix PSD claim through principal minors', async () => {
    const A = PolyMatrix.from([[1, x], [x, 1]]);
    expect((await z3.decide({ variables: ['x'], assumptions: atom(pv('x').mul(x).sub(1), '<='), goal: psd(A) })).status).toBe('proved');
    expect((await z3.decide({ variables: ['x'], assumptions: TRUE, goal: psd(A) })).status).toBe('refuted');
  });
});

describe('evaluateFormula', () => {
  it('evaluates atoms exactly in ℚ(√R)', () => {
    const roots = { s: g.mul(g).sub(w.mul(w).scale(4)) };
    expect(evaluateFormula(atom(g.sub(s.scale(2)), '<'), { omega0: q(1, 4), gamma: q(1) }, roots)).toBe(true); // 1 − 2√(3/4) < 0
  });
});
