import { describe, expect, it } from 'vitest';
import { unicodeString, unicodeText } from '../../symbolic/lyapunov.ts';
import { rootName } from '../../symbolic/matrix.ts';
import { pv } from '../../symbolic/poly.ts';

describe('unicodeText: one notation for expressions in summaries', () => {
  it('renders whole Greek names as letters with subscript digits, and nothing inside other names', () => {
    expect(unicodeText('beta*gamma + omega0^2 - sigma12')).toBe('β*γ + ω₀^2 - σ₁₂');
    expect(unicodeText('betax + alphabet + eps0 + x1 + Ch')).toBe('betax + alphabet + eps0 + x1 + Ĉ');
    expect(unicodeText('Sigma - Delta')).toBe('Σ - Δ');
  });
  it('shows a square-root symbol as √(its radicand), never its internal name', () => {
    const R = pv('gamma').mul(pv('gamma')).sub(pv('omega0').mul(pv('omega0')).scale(4));
    const s = rootName(R);
    const text = unicodeString(pv('gamma').sub(pv(s)));
    expect(text).toBe('γ - √(γ^2 - 4*ω₀^2)');
    expect(text).not.toMatch(/sqrt_/);
  });
});
