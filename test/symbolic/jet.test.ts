import { describe, expect, it } from 'vitest';
import { JetSpace, concreteWitness, eliminateTimeDerivative, laurentNormalize, latexName, polyDeterminant, samplePolynomial, sumPolys } from '../../symbolic/jet.ts';
import { Poly, pv } from '../../symbolic/poly.ts';
import { q } from '../../symbolic/rational.ts';
import { Weighted, gaussianExpectation, steadyStateExponent, substituteGaussianJets } from '../../symbolic/gaussian.ts';
import { phaseSpace, transportOperator } from '../../symbolic/operators.ts';

function plane() {
  const J = new JetSpace(['x', 'y']);
  J.addFunction('u', ['x', 'y']);
  return J;
}

describe('JetSpace naming', () => {
  it('names jets canonically in argument order', () => {
    const J = plane();
    expect(J.jet('u', 'y', 'x', 'x').toString()).toBe('u_x_x_y');
    expect(J.parseJet('u_x_y')).toEqual({ fn: 'u', counts: [1, 1] });
    expect(J.parseJet('u_y_x')).toBeUndefined();
    expect(J.parseJet('gamma')).toBeUndefined();
  });

  it('rejects names with underscores and unknown arguments', () => {
    const J = new JetSpace(['x']);
    expect(() => J.addFunction('my_f', ['x'])).toThrow(RangeError);
    expect(() => J.addFunction('f', ['z'])).toThrow(/not a coordinate/);
    expect(() => new JetSpace(['x_1'])).toThrow(RangeError);
  });
});

describe('total derivative', () => {
  it('applies the chain rule through every jet symbol', () => {
    const J = plane();
    const u = J.fn('u');
    // D_x(x u u_y) = u u_y + x u_x u_y + x u u_x_y
    const p = pv('x').mul(u).mul(J.jet('u', 'y'));
    const expected = u.mul(J.jet('u', 'y')).add(pv('x').mul(J.jet('u', 'x')).mul(J.jet('u', 'y'))).add(pv('x').mul(u).mul(J.jet('u', 'x', 'y')));
    expect(J.D(p, 'x').equals(expected)).toBe(true);
  });

  it('commutes: D_x D_y = D_y D_x', () => {
    const J = plane();
    const p = J.jet('u', 'x').pow(2).mul(pv('y'));
    expect(J.D(J.D(p, 'x'), 'y').equals(J.D(J.D(p, 'y'), 'x'))).toBe(true);
  });

  it('agrees with differentiating a concrete function', () => {
    const J = plane();
    const p = J.fn('u').mul(J.jet('u', 'x', 'y')).add(pv('y').mul(J.jet('u', 'x')));
    const c = pv('x').pow(3).mul(pv('y')).add(pv('y').pow(2));
    const lhs = J.instantiate(J.D(p, 'x'), { u: c });
    const rhs = J.instantiate(p, { u: c }).diff('x');
    expect(lhs.equals(rhs)).toBe(true);
  });

  it('differentiates ε(−(v+γx)/ω₀²) as printed: ∂x ε = −(γ/ω₀²) ε′, ∂v ε = −(1/ω₀²) ε′', () => {
    const ps = phaseSpace(2);
    const S = ps.space;
    const w = pv('omega0inv').pow(2);
    expect(S.D(pv('eps1'), 'x2').equals(pv('gamma').mul(w).mul(S.jet('eps1', 'th2')).neg())).toBe(true);
    expect(S.D(pv('eps1'), 'v1').equals(w.mul(S.jet('eps1', 'th1')).neg())).toBe(true);
  });

  it('requires composite arguments to be affine', () => {
    const J = new JetSpace(['x']);
    expect(() => J.addComposite('g', { a: pv('x').pow(2) })).toThrow(/affine/);
  });
});

describe('Laurent normalisation and helpers', () => {
  it('cancels p·pinv pairs exactly', () => {
    const p = pv('omega0').pow(3).mul(pv('omega0inv').pow(5)).mul(pv('x'));
    expect(laurentNormalize(p, [['omega0', 'omega0inv']]).equals(pv('omega0inv').pow(2).mul(pv('x')))).toBe(true);
    const J = new JetSpace(['x'], { inverses: [['beta', 'betainv']] });
    expect(J.normalize(pv('beta').mul(pv('betainv')).sub(1)).isZero()).toBe(true);
  });

  it('sums many polynomials', () => {
    expect(sumPolys(Array.from({ length: 9 }, (_, k) => pv('x').pow(k))).size()).toBe(9);
    expect(sumPolys([]).isZero()).toBe(true);
  });

  it('builds a sample polynomial with every monomial up to its degree', () => {
    // monomials of degree ≤ 2 in 2 variables: 1 + 2 + 3
    expect(samplePolynomial(['a', 'b'], 2).size()).toBe(6);
  });

  it('computes determinants: the Jacobian of (θ,y) ↦ (y, −ω₀²θ − γy) is ω₀^{2d}', () => {
    const w2 = pv('omega0').pow(2);
    const g = pv('gamma');
    const Z = Poly.ZERO;
    const I = Poly.ONE;
    // d = 2, rows x1 x2 v1 v2, columns th1 th2 y1 y2
    const m = [
      [Z, Z, I, Z],
      [Z, Z, Z, I],
      [w2.neg(), Z, g.neg(), Z],
      [Z, w2.neg(), Z, g.neg()],
    ];
    expect(polyDeterminant(m).equals(pv('omega0').pow(4))).toBe(true);
  });

  it('eliminates ∂t along a PDE', () => {
    const J = new JetSpace(['t', 'x']);
    J.addFunction('u', ['t', 'x']);
    // u_t = u_xx ⇒ u_t_x = u_xxx
    const r = eliminateTimeDerivative(J, J.jet('u', 't', 'x'), 'u', J.jet('u', 'x', 'x'));
    expect(r.equals(J.jet('u', 'x', 'x', 'x'))).toBe(true);
  });

  it('gives a concrete witness with consistent inverse values', () => {
    const J = new JetSpace(['x'], { inverses: [['omega0', 'omega0inv']] });
    J.addFunction('u', ['x']);
    const w = concreteWitness(J, pv('omega0inv').mul(J.jet('u', 'x')), { omega0: q(7, 5) })!;
    expect(w.point.omega0inv).toBe('5/7');
    expect(w.value).not.toBe('0');
  });

  it('renders LaTeX names', () => {
    expect(latexName('omega0inv')).toBe('\\omega_0^{-1}');
    expect(latexName('g_x1_v1')).toBe('\\partial_{x_{1} v_{1}} g');
  });
});

describe('Gaussian weights (symbolic/gaussian.ts)', () => {
  it('differentiates P e^Q exactly: ∂x(e^{−x²/2}) = −x e^{−x²/2}', () => {
    const J = new JetSpace(['x']);
    const w = new Weighted(Poly.ONE, pv('x').pow(2).scale(q(-1, 2))).D(J, 'x');
    expect(w.P.equals(pv('x').neg())).toBe(true);
  });

  it('gives Isserlis moments: E[x⁴] = 3σ⁴, E[x²v²] = σ²s², odd moments 0', () => {
    const s2 = pv('s2');
    expect(gaussianExpectation(pv('x').pow(4), { x: s2 }).equals(s2.pow(2).scale(3))).toBe(true);
    expect(gaussianExpectation(pv('x').pow(2).mul(pv('v').pow(2)), { x: s2, v: pv('t2') }).equals(s2.mul(pv('t2')))).toBe(true);
    expect(gaussianExpectation(pv('x').pow(3), { x: s2 }).isZero()).toBe(true);
  });

  it('substitutes jets of M by ∂M = (∂Q)M', () => {
    const ps = phaseSpace(1, { staticFunctions: ['M'], perturbation: false });
    const r = substituteGaussianJets(ps.space, ps.space.jet('M', 'v1'), 'M', ps.Q);
    expect(r.equals(pv('beta').mul(pv('v1')).mul(pv('M')).neg())).toBe(true);
  });

  it('has the exponent of (3.1) and TM = 0 (symbolic/operators.ts)', () => {
    const Q = steadyStateExponent(['x1'], ['v1']);
    expect(Q.toString()).toBe('-(1/2)*beta*omega0^2*x1^2 - (1/2)*beta*v1^2');
    const ps = phaseSpace(3, { perturbation: false });
    expect(transportOperator(ps, Poly.ONE, { weight: ps.Q }).isZero()).toBe(true);
  });
});
