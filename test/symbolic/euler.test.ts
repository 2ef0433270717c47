import { describe, expect, it } from 'vitest';
import { JetSpace } from '../../symbolic/jet.ts';
import { eulerOperator, isDivergence } from '../../symbolic/euler.ts';
import { pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';

function line() {
  const J = new JetSpace(['x']);
  J.addFunction('u', ['x']);
  return J;
}

describe('Euler operator', () => {
  it('vanishes on total divergences', () => {
    const J = line();
    // u u_xx + u_x² = D_x(u u_x)
    const F = J.fn('u').mul(J.jet('u', 'x', 'x')).add(J.jet('u', 'x').pow(2));
    expect(isDivergence(J, F, ['u'], ['x']).divergence).toBe(true);
    expect(isDivergence(J, J.jet('u', 'x'), ['u'], ['x']).divergence).toBe(true);
  });

  it('gives the Euler–Lagrange expression: E(u_x²/2) = −u_xx, E(u²) = 2u', () => {
    const J = line();
    expect(eulerOperator(J, J.jet('u', 'x').pow(2).scale(q(1, 2)), 'u', ['x']).equals(J.jet('u', 'x', 'x').neg())).toBe(true);
    expect(eulerOperator(J, J.fn('u').pow(2), 'u', ['x']).equals(J.fn('u').scale(2))).toBe(true);
  });

  it('handles a Gaussian weight: ∫(u′ − x u)e^{−x²/2} = 0 but ∫u′e^{−x²/2} is not identically 0', () => {
    const J = line();
    const Q = pv('x').pow(2).scale(q(-1, 2));
    const good = J.jet('u', 'x').sub(pv('x').mul(J.fn('u')));
    expect(isDivergence(J, good, ['u'], ['x'], { weight: Q }).divergence).toBe(true);
    const bad = isDivergence(J, J.jet('u', 'x'), ['u'], ['x'], { weight: Q });
    expect(bad.divergence).toBe(false);
    // E^Q(u_x) = −∂_x Q = x
    expect(bad.residuals.u.equals(pv('x'))).toBe(true);
  });

  it('treats bilinear forms in two dependents: ∫ (u v_x + u_x v) = 0', () => {
    const J = new JetSpace(['x']);
    J.addFunction('u', ['x']).addFunction('w', ['x']);
    const F = J.fn('u').mul(J.jet('w', 'x')).add(J.jet('u', 'x').mul(J.fn('w')));
    expect(isDivergence(J, F, ['u', 'w'], ['x']).divergence).toBe(true);
    expect(isDivergence(J, J.fn('u').mul(J.jet('w', 'x')), ['u', 'w'], ['x']).divergence).toBe(false);
  });

  it('refuses a time derivative that was not eliminated', () => {
    const J = new JetSpace(['t', 'x']);
    J.addFunction('u', ['t', 'x']);
    expect(() => eulerOperator(J, J.jet('u', 't'), 'u', ['x'])).toThrow(/not an integration coordinate/);
  });
});

describe('isDivergence outside the dependents', () => {
  it('does not call a term free of the dependents a divergence (∫x²e^{−x²/2} ≠ 0 though E(x²) = 0)', async () => {
    const { JetSpace } = await import('../../symbolic/jet.ts');
    const { isDivergence } = await import('../../symbolic/euler.ts');
    const { pv } = await import('../../symbolic/poly.ts');
    const J = new JetSpace(['x1']).addFunction('u', ['x1']);
    const { q } = await import('../../symbolic/rational.ts');
    const Q = pv('x1').pow(2).scale(q(-1, 2));
    const r = isDivergence(J, pv('x1').pow(2), ['u'], ['x1'], { weight: Q });
    expect(r.divergence).toBe(false);
    expect(r.residuals['(free of the dependents)'].toString()).toBe('x1^2');
  });
});
