/**
 * Eigenvalues (no eigenvectors) of a real square, generally non-symmetric matrix, in floating
 * point, by the classical Wilkinson–Reinsch route (Handbook for Automatic Computation II, as
 * in EISPACK `balanc` → `orthes` → `hqr`; Golub–Van Loan, Matrix Computations, §7.5):
 *
 * 1. balance: permute to isolate eigenvalues that are already on the diagonal, then scale
 *    rows and columns by powers of 2 (exact) so their norms are comparable;
 * 2. reduce the remaining window to upper Hessenberg form by Householder reflections,
 *    without accumulating them;
 * 3. run the Francis implicit double-shift QR iteration on the Hessenberg matrix, deflating
 *    1×1 and 2×2 blocks from the bottom and updating only the active window (eigenvalues
 *    only, so the rest of the matrix is never touched).
 *
 * Cost ≈ 10n³/3 + O(n²) per QR sweep, on one flat row-major Float64Array.
 */

/** An eigenvalue re + i·im. */
export interface ComplexEigenvalue {
  re: number;
  im: number;
}

/**
 * All n eigenvalues of the real n×n matrix `a`, with multiplicity.
 *
 * Order: the order in which they appear on the diagonal of the final quasi-triangular (real
 * Schur) form, which is otherwise unspecified; complex eigenvalues come as adjacent exact
 * conjugate pairs, positive imaginary part first. Real eigenvalues have `im === 0`.
 *
 * @throws RangeError if `a` is empty, not square, or has a non-finite entry, or if the QR
 *   iteration needs more than 30n iterations in total (EISPACK's limit).
 * @example realMatrixEigenvalues([[0, -1], [1, 0]]) // [{ re: 0, im: 1 }, { re: 0, im: -1 }]
 */
export function realMatrixEigenvalues(a: readonly (readonly number[])[]): ComplexEigenvalue[] {
  const n = a.length;
  if (n === 0) throw new RangeError('realMatrixEigenvalues: the matrix is empty');
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = a[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new RangeError(`realMatrixEigenvalues: the matrix is not square (row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n})`);
    }
    for (let j = 0; j < n; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`realMatrixEigenvalues: entry (${i}, ${j}) is ${String(x)}, not a finite number`);
      h[i * n + j] = x;
    }
  }
  const { low, high } = balance(h, n);
  reduceToHessenberg(h, n, low, high);
  return hessenbergEigenvalues(h, n, low, high);
}

/** Swaps rows and columns j, m of the n×n matrix (rows 0..l of the columns, columns k..n−1 of the rows). */
function swapRowsAndColumns(h: Float64Array, n: number, j: number, m: number, k: number, l: number): void {
  if (j === m) return;
  for (let i = 0; i <= l; i++) {
    const t = h[i * n + j];
    h[i * n + j] = h[i * n + m];
    h[i * n + m] = t;
  }
  for (let i = k; i < n; i++) {
    const t = h[j * n + i];
    h[j * n + i] = h[m * n + i];
    h[m * n + i] = t;
  }
}

/**
 * EISPACK `balanc` (radix 2) in place: a similarity P D⁻¹ A D Pᵀ. Returns the window
 * [low, high] outside which the matrix is already upper triangular.
 */
function balance(h: Float64Array, n: number): { low: number; high: number } {
  const radix = 2;
  const radixSq = radix * radix;
  let k = 0, l = n - 1;
  // Rows with no off-diagonal entry in columns 0..l isolate an eigenvalue: move them to the bottom.
  for (let found = true; found; ) {
    found = false;
    for (let j = l; j >= 0 && !found; j--) {
      let isolated = true;
      for (let i = 0; i <= l && isolated; i++) if (i !== j && h[j * n + i] !== 0) isolated = false;
      if (!isolated) continue;
      swapRowsAndColumns(h, n, j, l, k, l);
      if (l === 0) return { low: 0, high: 0 };
      l--;
      found = true;
    }
  }
  // Columns with no off-diagonal entry in rows k..l: move them to the top.
  for (let found = true; found; ) {
    found = false;
    for (let j = k; j <= l && !found; j++) {
      let isolated = true;
      for (let i = k; i <= l && isolated; i++) if (i !== j && h[i * n + j] !== 0) isolated = false;
      if (!isolated) continue;
      swapRowsAndColumns(h, n, j, k, k, l);
      k++;
      found = true;
    }
  }
  // Scale row i by 1/f and column i by f (f a power of 2) until the window's row and column norms balance.
  for (let converged = false; !converged; ) {
    converged = true;
    for (let i = k; i <= l; i++) {
      let c = 0, r = 0;
      for (let j = k; j <= l; j++) {
        if (j === i) continue;
        c += Math.abs(h[j * n + i]);
        r += Math.abs(h[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      let f = 1;
      for (let g = r / radix; c < g; ) { f *= radix; c *= radixSq; }
      for (let g = r * radix; c >= g; ) { f /= radix; c /= radixSq; }
      if ((c + r) / f >= 0.95 * s) continue;
      converged = false;
      const g = 1 / f;
      for (let j = k; j < n; j++) h[i * n + j] *= g;
      for (let j = 0; j <= l; j++) h[j * n + i] *= f;
    }
  }
  return { low: k, high: l };
}

/** EISPACK `orthes` in place on rows/columns low..high, reflections not accumulated; zeroes below the subdiagonal. */
function reduceToHessenberg(h: Float64Array, n: number, low: number, high: number): void {
  const u = new Float64Array(n);
  const f = new Float64Array(n);
  for (let m = low + 1; m < high; m++) {
    let scale = 0;
    for (let i = m; i <= high; i++) scale += Math.abs(h[i * n + m - 1]);
    if (scale === 0) continue;
    let hh = 0;
    for (let i = m; i <= high; i++) hh += (u[i] = h[i * n + m - 1] / scale) ** 2;
    const g = u[m] > 0 ? -Math.sqrt(hh) : Math.sqrt(hh);
    hh -= u[m] * g;
    u[m] -= g;
    // Left: rows m..high of columns m..n−1 get (I − u uᵀ/hh)·; f = uᵀ H / hh, row by row (contiguous).
    f.fill(0, m, n);
    for (let i = m; i <= high; i++) {
      const ui = u[i];
      for (let j = m, o = i * n; j < n; j++) f[j] += ui * h[o + j];
    }
    for (let i = m; i <= high; i++) {
      const ui = u[i] / hh;
      for (let j = m, o = i * n; j < n; j++) h[o + j] -= ui * f[j];
    }
    // Right: rows 0..high of columns m..high get ·(I − u uᵀ/hh).
    for (let i = 0; i <= high; i++) {
      const o = i * n;
      let s = 0;
      for (let j = m; j <= high; j++) s += u[j] * h[o + j];
      s /= hh;
      for (let j = m; j <= high; j++) h[o + j] -= s * u[j];
    }
    h[m * n + m - 1] = scale * g;
    for (let i = m + 1; i <= high; i++) h[i * n + m - 1] = 0;
  }
}

/**
 * EISPACK `hqr`: eigenvalues of the upper Hessenberg matrix h (window low..high; entries outside
 * it are isolated eigenvalues on the diagonal) by the Francis double-shift QR iteration.
 */
function hessenbergEigenvalues(h: Float64Array, n: number, low: number, high: number): ComplexEigenvalue[] {
  const eps = Number.EPSILON;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(h[i * n + j]);
    if (i < low || i > high) re[i] = h[i * n + i];
  }
  let budget = 30 * n; // total iterations allowed
  let its = 0; // iterations spent on the current eigenvalue
  let t = 0; // accumulated exceptional shifts (subtracted from the window's diagonal)
  let en = high;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (en >= low) {
    // Look for a single negligible subdiagonal element h[l][l−1].
    let l = en;
    for (; l > low; l--) {
      s = Math.abs(h[(l - 1) * n + l - 1]) + Math.abs(h[l * n + l]);
      if (s === 0) s = norm;
      if (Math.abs(h[l * n + l - 1]) <= eps * s) break;
    }
    x = h[en * n + en];
    if (l === en) { // one root
      re[en--] = x + t;
      its = 0;
      continue;
    }
    y = h[(en - 1) * n + en - 1];
    w = h[en * n + en - 1] * h[(en - 1) * n + en];
    if (l === en - 1) { // two roots: the trailing 2×2 block
      p = (y - x) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x += t;
      if (q >= 0) { // real pair
        z = p >= 0 ? p + z : p - z;
        re[en - 1] = x + z;
        re[en] = z !== 0 ? x - w / z : x + z;
      } else { // complex pair
        re[en - 1] = re[en] = x + p;
        im[en - 1] = z;
        im[en] = -z;
      }
      en -= 2;
      its = 0;
      continue;
    }
    if (budget === 0) {
      throw new RangeError(`realMatrixEigenvalues: the QR iteration did not converge within ${30 * n} iterations (eigenvalue ${en + 1} of ${n})`);
    }
    if (its === 10 || its === 20) { // exceptional shift
      t += x;
      for (let i = low; i <= en; i++) h[i * n + i] -= x;
      s = Math.abs(h[en * n + en - 1]) + Math.abs(h[(en - 1) * n + en - 2]);
      x = y = 0.75 * s;
      w = -0.4375 * s * s;
    }
    its++;
    budget--;
    // Look for two consecutive small subdiagonal elements; the bulge starts at row m.
    let m = en - 2;
    for (; ; m--) {
      z = h[m * n + m]; r = x - z; s = y - z;
      p = (r * s - w) / h[(m + 1) * n + m] + h[m * n + m + 1];
      q = h[(m + 1) * n + m + 1] - z - r - s;
      r = h[(m + 2) * n + m + 1];
      s = Math.abs(p) + Math.abs(q) + Math.abs(r);
      p /= s; q /= s; r /= s;
      if (m === l) break;
      const lhs = Math.abs(h[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
      if (lhs <= eps * Math.abs(p) * (Math.abs(h[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(h[(m + 1) * n + m + 1]))) break;
    }
    for (let i = m + 2; i <= en; i++) {
      h[i * n + i - 2] = 0;
      if (i > m + 2) h[i * n + i - 3] = 0;
    }
    // Double QR step on rows l..en and columns m..en: chase the bulge with 3×3 reflections.
    for (let k = m; k < en; k++) {
      const notLast = k !== en - 1;
      if (k !== m) {
        p = h[k * n + k - 1];
        q = h[(k + 1) * n + k - 1];
        r = notLast ? h[(k + 2) * n + k - 1] : 0;
        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (x === 0) continue;
        p /= x; q /= x; r /= x;
      }
      s = Math.sqrt(p * p + q * q + r * r);
      if (p < 0) s = -s;
      if (k !== m) h[k * n + k - 1] = -s * x;
      else if (l !== m) h[k * n + k - 1] = -h[k * n + k - 1];
      p += s;
      x = p / s; y = q / s; z = r / s;
      q /= p; r /= p;
      const r0 = k * n, r1 = r0 + n, r2 = r1 + n;
      for (let j = k; j <= en; j++) { // row modification
        let v = h[r0 + j] + q * h[r1 + j];
        if (notLast) {
          v += r * h[r2 + j];
          h[r2 + j] -= v * z;
        }
        h[r0 + j] -= v * x;
        h[r1 + j] -= v * y;
      }
      const iEnd = Math.min(en, k + 3);
      for (let i = l, o = l * n + k; i <= iEnd; i++, o += n) { // column modification
        let v = x * h[o] + y * h[o + 1];
        if (notLast) {
          v += z * h[o + 2];
          h[o + 2] -= v * r;
        }
        h[o] -= v;
        h[o + 1] -= v * q;
      }
    }
  }
  return Array.from(re, (value, i) => ({ re: value, im: im[i] }));
}
