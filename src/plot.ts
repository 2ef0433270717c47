/**
 * Minimal, dependency-free SVG line plots for reports, `constants --grid` and `figure 3.1`.
 * Pure: returns an SVG string; callers write it.
 */

export interface Series {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** Draw dashed (theory curves). @defaultValue false */
  dashed?: boolean;
  /** CSS colour. @defaultValue from a fixed palette */
  color?: string;
  /** Draw markers instead of a line. @defaultValue false */
  markers?: boolean;
}

/** Also accepts a `PlotSpec` of src/claims.ts (figures carried in evidence as data). */
export interface LinePlotOptions {
  kind?: 'line-plot';
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Logarithmic y axis (non-positive values are dropped). @defaultValue false */
  logY?: boolean;
  /** @defaultValue 640 */
  width?: number;
  /** @defaultValue 400 */
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#17becf', '#bcbd22'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "Nice" tick values covering [lo, hi] (Heckbert's labelling). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-12 ? 0 : t);
  return out;
}

function fmt(t: number): string {
  if (t === 0) return '0';
  const a = Math.abs(t);
  if (a >= 1e4 || a < 1e-3) return t.toExponential(1).replace('e+', 'e');
  return String(Number(t.toPrecision(4)));
}

export function linePlot(options: LinePlotOptions): string {
  const { title, xLabel, yLabel, series, logY = false, height = 400 } = options;
  let { width = 640 } = options;
  // The legend column grows with the longest name (≈ 6.6 px a character at 12 px) so no label is cut.
  const legendWidth = Math.max(160, 50 + Math.ceil(6.6 * Math.max(0, ...series.map((s) => s.name.length))));
  const m = { l: 70, r: legendWidth, t: 36, b: 48 };
  const pw = width - 230;
  width = m.l + pw + m.r;
  const ph = height - m.t - m.b;
  const ty = (y: number) => (logY ? Math.log10(y) : y);
  const pts = series.map((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0)));
  const xs = pts.flat().map((p) => p[0]);
  const ys = pts.flat().map((p) => ty(p[1]));
  let [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.t + ph - ((ty(y) - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (const t of niceTicks(x0, x1)) {
    const X = sx(t).toFixed(1);
    parts.push(`<line x1="${X}" y1="${m.t}" x2="${X}" y2="${m.t + ph}" stroke="#eee"/><text x="${X}" y="${m.t + ph + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  const yTicks = logY ? niceTicks(Math.floor(y0), Math.ceil(y1)).filter((t) => Number.isInteger(t) && t >= y0 && t <= y1) : niceTicks(y0, y1);
  for (const t of yTicks) {
    const Y = (m.t + ph - ((t - y0) / (y1 - y0)) * ph).toFixed(1);
    parts.push(`<line x1="${m.l}" y1="${Y}" x2="${m.l + pw}" y2="${Y}" stroke="#eee"/><text x="${m.l - 6}" y="${Y}" text-anchor="end" dominant-baseline="middle">${logY ? `1e${t}` : fmt(t)}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${m.l + pw / 2}" y="${height - 10}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = s.color ?? PALETTE[i % PALETTE.length];
    const p = pts[i];
    if (s.markers) {
      for (const [x, y] of p) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${colour}"/>`);
    } else if (p.length) {
      const d = p.map(([x, y], k) => `${k ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`).join(' ');
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    const ly = m.t + 14 + i * 18;
    parts.push(`<line x1="${m.l + pw + 10}" y1="${ly}" x2="${m.l + pw + 34}" y2="${ly}" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="${m.l + pw + 40}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
