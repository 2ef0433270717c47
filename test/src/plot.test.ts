import { describe, expect, it } from 'vitest';
import { linePlot, niceTicks } from '../../src/plot.ts';

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(niceTicks(0, 10, 6)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe('linePlot', () => {
  it('draws one path per line series and a legend entry per series', () => {
    const svg = linePlot({
      title: 'μ against γ/ω₀',
      xLabel: 'γ/ω₀',
      yLabel: 'μ',
      series: [
        { name: 'printed', points: [[0, 0], [1, 1], [2, 4]] },
        { name: 'proved', points: [[0, 0], [1, 0.5]], dashed: true },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>printed<');
    expect(svg).toContain('>proved<');
  });
  it('drops non-positive values on a log axis instead of producing NaN', () => {
    const svg = linePlot({ title: 't', xLabel: 'x', yLabel: 'y', logY: true, series: [{ name: 's', points: [[0, 0], [1, 1e-3], [2, 1e-1]] }] });
    expect(svg).not.toContain('NaN');
  });
  it('escapes markup in labels', () => {
    const svg = linePlot({ title: 'a<b', xLabel: 'x', yLabel: 'y', series: [] });
    expect(svg).toContain('a&lt;b');
  });
});
