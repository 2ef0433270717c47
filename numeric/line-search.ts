/**
 * One-dimensional minimisation of a function that may be +∞ where it is undefined: the best of a
 * grid, then golden section between that point's grid neighbours. A search, never a proof: the
 * tightness searches (integral-inequality, expectation-bound) check what it finds exactly or only
 * withdraw support with it.
 */

/** A grid over a parameter's domain around x0: linear on a bounded [lo, hi], else geometric steps from x0 and linear ones toward lo; the closed ends and x0 included. Sorted, finite, distinct. */
export function parameterGrid(x0: number, domain: { lo?: number; hi?: number; loOpen?: boolean; hiOpen?: boolean }): number[] {
  const lo = domain.lo ?? x0 - 1e3 * (1 + Math.abs(x0));
  const hi = domain.hi ?? x0 + 1e3 * (1 + Math.abs(x0));
  const ends = [domain.lo !== undefined && !domain.loOpen ? lo : undefined, domain.hi !== undefined && !domain.hiOpen ? hi : undefined].filter((e): e is number => e !== undefined);
  const inner =
    domain.lo !== undefined && domain.hi !== undefined
      ? Array.from({ length: 41 }, (_, k) => lo + ((hi - lo) * k) / 40)
      : [...Array.from({ length: 31 }, (_, k) => x0 * 2 ** ((k - 15) / 3)), ...Array.from({ length: 21 }, (_, k) => lo + ((x0 - lo) * (k + 1)) / 21)];
  return [...new Set([x0, ...ends, ...inner])].filter(Number.isFinite).sort((a, b) => a - b);
}

/** The points to keep from minimising f along `grid` (the best grid point, then the golden-section bracket's ends), with their values. */
export function gridThenGolden(f: (x: number) => number, grid: readonly number[], iterations = 60): { x: number; value: number }[] {
  const evals = grid.map((x) => ({ x, value: f(x) })).filter((e) => Number.isFinite(e.value));
  if (!evals.length) return [];
  let k = 0;
  for (let i = 1; i < evals.length; i++) if (evals[i].value < evals[k].value) k = i;
  let a = evals[Math.max(0, k - 1)].x;
  let b = evals[Math.min(evals.length - 1, k + 1)].x;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let e = a + g * (b - a);
  let fc = f(c);
  let fe = f(e);
  for (let it = 0; it < iterations && b - a > 1e-13 * (1 + Math.abs(a)); it++) {
    if (fc < fe) {
      b = e;
      e = c;
      fe = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = e;
      fc = fe;
      e = a + g * (b - a);
      fe = f(e);
    }
  }
  return [evals[k], { x: c, value: fc }, { x: e, value: fe }];
}
