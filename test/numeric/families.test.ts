import { describe, expect, it } from 'vitest';
import { evalExpr } from '../../numeric/expr.ts';
import {
  bumpTestFunction,
  composePerturbation,
  composePolyPerturbation,
  diffExpr,
  hermiteTestFunction,
  meanZero,
  perturbationOperatorExpr,
  perturbationOperatorPoly,
  polyPerturbation,
  polyTestFunction,
  sinGaussPerturbation,
  tanhPerturbation,
  trigTestFunction,
  type Coord,
} from '../../numeric/families.ts';
import { pv } from '../../symbolic/poly.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { expectationValue } from '../../symbolic/moments.ts';

const x = [0.3, -0.7];
const v = [0.5, 0.2];
const at = (e: Parameters<typeof evalExpr>[0], xx = x, vv = v) => evalExpr(e, xx, vv, {});

/** Central finite difference of e along a coordinate (step 1e-5: error ~1e-10). */
function fd(e: Parameters<typeof evalExpr>[0], c: Coord): number {
  const hstep = 1e-5;
  const shift = (s: number) => {
    const xx = [...x];
    const vv = [...v];
    (c.kind === 'x' ? xx : vv)[c.index] += s;
    return at(e, xx, vv);
  };
  return (shift(hstep) - shift(-hstep)) / (2 * hstep);
}

const coords: Coord[] = [
  { kind: 'x', index: 0 },
  { kind: 'x', index: 1 },
  { kind: 'v', index: 0 },
  { kind: 'v', index: 1 },
];

describe('test functions', () => {
  const fns = [
    trigTestFunction(2, [{ amp: 1.2, kx: [0.4, -0.3], kv: [0.7, 0.1], phase: 0.5 }]),
    bumpTestFunction(2, 0.8, 0.3, [0.2, -0.1], [0.4, 0.3]),
    hermiteTestFunction(2, [2, 1], [0, 3], 0.5),
  ];
  it('have exact first and second derivatives (against finite differences)', () => {
    for (const f of fns) {
      for (const c of coords) {
        const d1 = diffExpr(f.expr, c);
        expect(Math.abs(at(d1) - fd(f.expr, c))).toBeLessThan(1e-6);
        const d2 = diffExpr(d1, { kind: 'v', index: 0 });
        expect(Math.abs(at(d2) - fd(diffExpr(f.expr, { kind: 'v', index: 0 }), c))).toBeLessThan(1e-5);
      }
    }
  });
  it('give the exact Gaussian mean of a polynomial and centre it', () => {
    const f = polyTestFunction(1, pv('x1').pow(2).add(pv('v1')));
    // E[x²] = 1/(βω₀²) = 1/4 at ω₀² = 2, β = 2
    expect(f.mean(2, 2)).toBe(0.25);
    expect(meanZero(f, 2, 2).mean(2, 2)).toBe(0);
  });
  it('give the closed-form mean of a trigonometric sum (against a 2-D Riemann sum)', () => {
    const f = trigTestFunction(1, [{ amp: 1, kx: [0.8], kv: [0.5], phase: 0.7 }]);
    const omega0Sq = 2;
    const beta = 1.5;
    const sx = Math.sqrt(1 / (beta * omega0Sq));
    const sv = Math.sqrt(1 / beta);
    let s = 0;
    const n = 400;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const a = -8 + (16 * (i + 0.5)) / n;
        const b = -8 + (16 * (j + 0.5)) / n;
        s += at(f.expr, [a * sx], [b * sv]) * Math.exp(-(a * a + b * b) / 2) * (16 / n) ** 2;
      }
    expect(Math.abs(s / (2 * Math.PI) - f.mean(omega0Sq, beta))).toBeLessThan(1e-9);
  });
});

describe('perturbations', () => {
  it('compose with θ = −(v + γx)/ω₀² and obey the chain rule ∂_{x_j}ε_i = −(γ/ω₀²)∂_jε_i, ∂_{v_j}ε_i = −(1/ω₀²)∂_jε_i', () => {
    const gamma = 1.3;
    const w = 0.8;
    for (const eps of [tanhPerturbation([0.2, -0.1], [1.5, 0.7]), sinGaussPerturbation([0.2, 0.1], [1, 2], [0.5, 0.3])]) {
      const c = composePerturbation(eps, gamma, w);
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          expect(Math.abs(at(c.jx[i][j]) - fd(c.eps[i], { kind: 'x', index: j }))).toBeLessThan(1e-7);
          expect(Math.abs(at(c.jx[i][j]) + (gamma / w) * at(c.jac[i][j]))).toBeLessThan(1e-12);
          expect(Math.abs(at(c.jv[i][j]) + (1 / w) * at(c.jac[i][j]))).toBeLessThan(1e-12);
        }
    }
  });
  it('know sup|ε| and sup|ε′| of a·tanh(bθ)', () => {
    const e = tanhPerturbation([-0.3], [2]);
    expect(e.supAbs).toEqual([0.3]);
    expect(e.supAbsDeriv[0]).toBeCloseTo(0.6, 15);
  });
  it('finds sup|a sin(bθ)e^{−cθ²}| numerically', () => {
    // b = 1, c = 1: max of sin θ e^{−θ²} where cos θ = 2θ sin θ: θ = 0.6532712, value 0.3966530 (bisection)
    expect(sinGaussPerturbation([1], [1], [1]).supAbs[0]).toBeCloseTo(0.396653, 6);
  });
  it('marks polynomial perturbations unbounded', () => {
    const e = polyPerturbation(1, [pv('th1').pow(2)]);
    expect(e.supAbs[0]).toBe(Infinity);
    expect(e.componentwise).toBe(true);
  });
  it('gives the same Rh from the exact polynomial and the tree', () => {
    const p = { d: 1, omega0Sq: q(2), gamma: q(1, 2), beta: q(3, 2) };
    const epsT = [pv('th1').add(pv('th1').pow(2).scale(q(1, 3)))];
    const h = pv('x1').mul(pv('v1')).add(pv('v1').pow(2));
    const exact = perturbationOperatorPoly(composePolyPerturbation(epsT, p), h, p);
    const tree = perturbationOperatorExpr(composePerturbation(polyPerturbation(1, epsT), 0.5, 2), polyTestFunction(1, h).expr, 0.5, 2, 1.5);
    expect(Math.abs(exact.evaluateNumber({ x1: 0.3, v1: 0.5 }) - evalExpr(tree, [0.3], [0.5], {}))).toBeLessThan(1e-12);
    expect(expectationValue(exact, p) instanceof Rational).toBe(true);
  });
});
