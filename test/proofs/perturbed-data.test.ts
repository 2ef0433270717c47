import { describe, expect, it } from 'vitest';
import { PERTURBATION_FAMILIES } from '../../proofs/perturbed-data.ts';
import { PhiloxRng } from '../../numeric/rng.ts';

describe('PERTURBATION_FAMILIES', () => {
  it('each ε = a·φ fills an array with the numbers of ε itself, bit for bit (the particles use fill)', () => {
    const rng = new PhiloxRng(3, 0);
    const theta = Float64Array.from({ length: 4000 }, (_, i) => (i < 8 ? [0, -0, 1e-300, -1e-300, 40, -40, 1e300, -1e300][i] : 12 * (rng.uniform() - 0.5)));
    for (const f of PERTURBATION_FAMILIES) {
      for (const a of f.amplitudes) {
        const eps = f.eps(a);
        expect(eps.fill, `${f.key} has fill`).toBeTypeOf('function');
        const out = new Float64Array(theta.length);
        eps.fill!(theta, out);
        theta.forEach((t, p) => expect(Object.is(out[p], eps(t)), `${f.key}, a = ${a}, θ = ${t}`).toBe(true));
      }
    }
  });

  it('a planted difference is seen: a fill of another amplitude', () => {
    const f = PERTURBATION_FAMILIES[0];
    const theta = Float64Array.of(0.5, 1, 2);
    const out = new Float64Array(3);
    f.eps(f.amplitudes[1]).fill!(theta, out);
    expect(Array.from(theta).every((t, p) => out[p] === f.eps(f.amplitudes[0])(t))).toBe(false);
  });
});
