import { describe, expect, it } from 'vitest';
import { add, cst, mul, par, powi, un, vv, xv, type Expr, type Integrand } from '../../numeric/expr.ts';
import { PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1 } from '../../numeric/rng.ts';
import {
  MAX_COVARIANCE_OUTPUTS,
  PHILOX_WGSL,
  UNIFORM_HEAD_BYTES,
  WORKGROUP_SIZE,
  accumulatorLayout,
  integrandToWgsl,
  monteCarloKernelWgsl,
  uniformLayout,
  wgslF32,
} from '../../numeric/wgsl.ts';

const one = (d: number, e: Expr, params: Record<string, number> = {}): Integrand => ({ d, names: ['f'], exprs: [e], params });

describe('wgslF32', () => {
  it('writes f32 literals WGSL accepts', () => {
    expect(wgslF32(2)).toBe('2.0f');
    expect(wgslF32(0.25)).toBe('0.25f');
    expect(wgslF32(-0.5)).toBe('(-0.5f)');
    expect(wgslF32(1e-7)).toBe('1e-7f');
    expect(wgslF32(1.5e21)).toBe('1.5e+21f');
  });
  it('flushes constants below the f32 normal range to zero', () => {
    expect(wgslF32(1e-40)).toBe('0.0f');
  });
  it('rejects constants that are not finite f32', () => {
    expect(() => wgslF32(Infinity)).toThrow(/wgslF32: constant must be a finite f32, got Infinity/);
    expect(() => wgslF32(NaN)).toThrow(RangeError);
    expect(() => wgslF32(1e39)).toThrow(/got 1e\+39/);
  });
});

describe('integrandToWgsl', () => {
  it('generates the function text of a small tree', () => {
    const g = integrandToWgsl(one(2, add(mul(par('a'), xv(0)), un('exp', vv(1))), { a: 3 }));
    expect(g.paramNames).toEqual(['a']);
    expect(g.code).toBe(
      [
        'fn integrand(x: array<f32, 2>, v: array<f32, 2>) -> array<f32, 1> {',
        '  let t0 = U.p[0].x * x[0];',
        '  let t1 = exp(v[1]);',
        '  let t2 = t0 + t1;',
        '  return array<f32, 1>(t2);',
        '}',
      ].join('\n'),
    );
  });

  it('computes a subtree shared by several outputs once', () => {
    const h = un('sin', mul(par('a'), vv(0)));
    const g = integrandToWgsl({ d: 1, names: ['h2', 'hx'], exprs: [mul(h, h), mul(h, xv(0))], params: { a: 1 } });
    expect(g.code.match(/sin_rr\(t0\)/g)).toHaveLength(1);
    expect(g.helpers).toEqual(['reduce_2pi', 'sin_rr']);
    expect(g.code).toContain('return array<f32, 2>(t2, t3);');
  });

  it('raises integer powers by repeated squaring', () => {
    const g = integrandToWgsl(one(1, powi(xv(0), 5)));
    // x⁵ = x · (x²)²: two squarings and one product
    expect(g.code).toContain('let t0 = x[0] * x[0];\n  let t1 = t0 * t0;\n  let t2 = x[0] * t1;');
    expect(integrandToWgsl(one(1, powi(xv(0), 0))).code).toContain('return array<f32, 1>(1.0f);');
  });

  it('orders parameters by name and packs them four to a vec4', () => {
    const names = ['e', 'a', 'c', 'b', 'd'];
    const e = add(...names.map((n) => par(n)));
    const g = integrandToWgsl(one(1, e, Object.fromEntries(names.map((n) => [n, 1]))));
    expect(g.paramNames).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(g.code).toContain('U.p[1].x + U.p[0].x + U.p[0].z + U.p[0].y + U.p[0].w');
  });

  it('guards tanh against exp overflow and wraps sin/cos in a range reduction', () => {
    const g = integrandToWgsl(one(1, add(un('tanh', xv(0)), un('cos', vv(0)))));
    expect(g.code).toContain('tanh(clamp(a, -15.0f, 15.0f))');
    expect(g.code).toContain('cos_rr(v[0])');
  });

  it('rejects an unsupported node with a clear error', () => {
    const erf = { op: 'erf', arg: xv(0) } as unknown as Expr;
    expect(() => integrandToWgsl(one(1, erf))).toThrow(/integrandToWgsl: unsupported node "erf"/);
  });

  it('rejects an integrand whose coordinates exceed d', () => {
    expect(() => integrandToWgsl(one(1, xv(1)))).toThrow(/index 1 out of range for d = 1/);
  });

  it('rejects a missing parameter', () => {
    expect(() => integrandToWgsl(one(1, par('a')))).toThrow(/parameter "a" missing/);
  });
});

describe('layouts', () => {
  it('sizes the uniform buffer from outputs and parameters', () => {
    // head 48 B, 3 shifts → 1 vec4, 5 params → 2 vec4
    expect(uniformLayout(3, 5)).toEqual({ shiftSlots: 1, paramSlots: 2, shiftOffset: 48, paramOffset: 64, bytes: 96 });
    expect(uniformLayout(1, 0).bytes).toBe(UNIFORM_HEAD_BYTES + 32);
  });

  it('accumulates all cross products for few outputs and only squares for many', () => {
    expect(accumulatorLayout(2)).toEqual({ outputs: 2, products: [[0, 0], [0, 1], [1, 1]], badIndex: 5, count: 6 });
    const many = accumulatorLayout(MAX_COVARIANCE_OUTPUTS + 1);
    expect(many.products.every(([j, k]) => j === k)).toBe(true);
    expect(many.count).toBe(2 * (MAX_COVARIANCE_OUTPUTS + 1) + 1);
  });
});

describe('monteCarloKernelWgsl', () => {
  it('uses one WORKGROUP_SIZE constant for the attribute and the reduction', () => {
    const k = monteCarloKernelWgsl(one(1, xv(0)));
    expect(k.workgroupSize).toBe(WORKGROUP_SIZE);
    expect(k.code).toContain(`const WORKGROUP_SIZE: u32 = ${WORKGROUP_SIZE}u;`);
    expect(k.code).toContain('@compute @workgroup_size(WORKGROUP_SIZE)');
    expect(k.code).toContain('var<workgroup> red: array<vec2<f32>, WORKGROUP_SIZE>;');
  });

  it('draws ⌈2d/4⌉ Philox blocks per sample with counter (i_lo, stream, j, i_hi)', () => {
    expect(monteCarloKernelWgsl(one(1, xv(0))).blocks).toBe(1);
    const k3 = monteCarloKernelWgsl(one(3, xv(2)));
    expect(k3.blocks).toBe(2);
    expect(k3.code).toContain('philox4x32(vec4<u32>(i_lo, U.key.z, 1u, i_hi), key)');
    // v_0 = σ_v n_3 = σ_v z0.w; v_2 = σ_v n_5 = σ_v z1.y (numeric/rng.ts)
    expect(k3.code).toContain('v[0] = U.scale.y * z0.w;');
    expect(k3.code).toContain('v[2] = U.scale.y * z1.y;');
  });

  it('keeps the same text for other parameter values (one pipeline per shape)', () => {
    const e = un('exp', mul(par('a'), xv(0)));
    expect(monteCarloKernelWgsl(one(1, e, { a: 1 })).code).toBe(monteCarloKernelWgsl(one(1, e, { a: 2 })).code);
    expect(monteCarloKernelWgsl(one(1, e, { a: 1 })).code).not.toBe(monteCarloKernelWgsl(one(1, mul(cst(2), e), { a: 1 })).code);
  });

  it('embeds the Philox constants of numeric/rng.ts', () => {
    for (const c of [PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1]) expect(PHILOX_WGSL).toContain(`0x${c.toString(16)}u`);
  });

  it('rejects a workgroup size that is not a power of two', () => {
    expect(() => monteCarloKernelWgsl(one(1, xv(0)), { workgroupSize: 96 })).toThrow(/workgroupSize must be a power of two, got 96/);
  });
});
