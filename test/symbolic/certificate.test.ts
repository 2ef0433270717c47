/**
 * Exact LDLᵀ certificates (symbolic/certificate.ts): found where the pivots' signs follow from the
 * domain, never for a planted false claim, strictness exactly as asked, the re-check rejects a
 * corrupted factor or sign argument, Sturm counts against known roots, and (fast-check) a
 * certificate always means positive (semi)definite numerically.
 */
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { PolyMatrix } from '../../symbolic/matrix.ts';
import { Poly, pc, pv } from '../../symbolic/poly.ts';
import { Rational, q } from '../../symbolic/rational.ts';
import { TRUE, and, atom } from '../../symbolic/z3.ts';
import { certDomain, certificateEvidence, certifyMatrix, checkMatrixCertificate, checkSign, countRealRoots, decideSign, type CertDomain, type MatrixCertificate } from '../../symbolic/certificate.ts';

const a = pv('a'), b = pv('b'), x = pv('x');
const g = pv('gamma'), w = pv('omega0'), s = pv('sqrt1'), d = pv('delta');
const positive = (...vs: Poly[]) => vs.map((v) => atom(v, '>'));

function cert(m: PolyMatrix, strict: boolean, dom: CertDomain): MatrixCertificate | undefined {
  const r = certifyMatrix(m, strict, dom);
  if (!r.ok) return undefined;
  expect(checkMatrixCertificate(m, r.certificate, dom)).toBe(true);
  return r.certificate;
}

describe('LDLᵀ certificates', () => {
  it('[[a, 1], [1, b]] ≻ 0 on a > 0, b > 0, ab > 1 (the hypothesis ab − 1 > 0 used as such)', () => {
    const dom = certDomain(and(...positive(a, b), atom(a.mul(b).sub(1), '>')), {});
    const c = cert(PolyMatrix.from([[a, 1], [1, b]]), true, dom);
    expect(c).toBeDefined();
    const ev = certificateEvidence(c!);
    expect(ev.recheck).toBe('L·D·Lᵀ = M as rational functions');
    expect(JSON.stringify(ev.pivots)).toContain('a*b - 1');
    // without ab > 1 the claim is false (a = b = 1/2): no certificate
    expect(cert(PolyMatrix.from([[a, 1], [1, b]]), true, certDomain(and(...positive(a, b)), {}))).toBeUndefined();
    expect(cert(PolyMatrix.from([[a, 1], [1, b]]), false, certDomain(and(...positive(a, b)), {}))).toBeUndefined();
  });

  it('a planted false claim never gets a certificate', () => {
    expect(cert(PolyMatrix.from([[1, 2], [2, 1]]), false, certDomain(TRUE, {}))).toBeUndefined();
    expect(cert(PolyMatrix.from([[1, 2], [2, 1]]), true, certDomain(TRUE, {}))).toBeUndefined();
    // a pivot negative on part of the domain: diag(a, 1 − a), a > 0
    expect(cert(PolyMatrix.from([[a, 0], [0, pc(1).sub(a)]]), false, certDomain(and(...positive(a)), {}))).toBeUndefined();
    // ... certified once the domain is a ∈ (0, 1)
    expect(cert(PolyMatrix.from([[a, 0], [0, pc(1).sub(a)]]), true, certDomain(and(...positive(a), atom(a.sub(1), '<')), {}))).toBeDefined();
  });

  it('strictness as asked: a pivot vanishing on the closure is ⪰ 0, not ≻ 0', () => {
    const dom = certDomain(atom(a.sub(1), '>='), {}); // a ≥ 1: D₂ = a − 1 vanishes at a = 1
    const m = PolyMatrix.from([[1, 1], [1, a]]);
    expect(cert(m, false, dom)).toBeDefined();
    expect(cert(m, true, dom)).toBeUndefined();
    // det ≡ 0: [[a, a], [a, a]] ⪰ 0 for a > 0 (last pivot ≡ 0), never ≻ 0
    const r = PolyMatrix.from([[a, a], [a, a]]);
    expect(cert(r, false, certDomain(and(...positive(a)), {}))).toBeDefined();
    expect(cert(r, true, certDomain(and(...positive(a)), {}))).toBeUndefined();
    // the zero matrix: ⪰ 0 by zero pivots with zero columns, not ≻ 0
    expect(cert(PolyMatrix.zeros(2, 2), false, certDomain(TRUE, {}))).toBeDefined();
    expect(cert(PolyMatrix.zeros(2, 2), true, certDomain(TRUE, {}))).toBeUndefined();
    // a zero pivot with a non-zero column is no certificate: [[0, 1], [1, 1]] is indefinite
    expect(cert(PolyMatrix.from([[0, 1], [1, 1]]), false, certDomain(TRUE, {}))).toBeUndefined();
  });

  it('tries other pivot orders: [[1, a], [a, a² + 1]]... and [[a² + 1, a], [a, 1]] for real a', () => {
    const m = PolyMatrix.from([[a.mul(a).add(1), a], [a, 1]]);
    const c = cert(m, true, certDomain(TRUE, {}));
    expect(c).toBeDefined();
  });

  it('the re-check catches a corrupted factor, pivot, order or sign argument', () => {
    const dom = certDomain(and(...positive(a, b), atom(a.mul(b).sub(1), '>')), {});
    const m = PolyMatrix.from([[a, 1], [1, b]]);
    const c = cert(m, true, dom)!;
    expect(checkMatrixCertificate(m, c, dom)).toBe(true);
    const L = c.L.map((r) => [...r]);
    L[1][0] = { num: L[1][0].num.add(1), den: L[1][0].den };
    expect(checkMatrixCertificate(m, { ...c, L }, dom)).toBe(false);
    const pivots = c.pivots.map((p, k) => (k === 1 ? { ...p, num: p.num.add(a) } : p));
    expect(checkMatrixCertificate(m, { ...c, pivots }, dom)).toBe(false);
    expect(checkMatrixCertificate(m, { ...c, order: [1, 0] }, dom)).toBe(false);
    expect(checkMatrixCertificate(PolyMatrix.from([[a, 2], [2, b]]), c, dom)).toBe(false);
    // a sign argument moved to another polynomial does not re-check
    const swapped = c.pivots.map((p, k) => (k === 1 ? { ...p, numProof: c.pivots[0].numProof } : p));
    expect(checkMatrixCertificate(m, { ...c, pivots: swapped }, dom)).toBe(false);
    // claiming strict from a non-strict certificate
    const ns = cert(PolyMatrix.from([[1, 1], [1, a]]), false, certDomain(atom(a.sub(1), '>='), {}))!;
    expect(checkMatrixCertificate(PolyMatrix.from([[1, 1], [1, a]]), { ...ns, strict: true }, certDomain(atom(a.sub(1), '>='), {}))).toBe(false);
  });

  it('Theorem 3.1 case 2, corrected: K − 2μP ⪰ 0 with s = √(γ² − 4ω₀²), γ > 2ω₀ > 0', () => {
    const roots = { sqrt1: g.mul(g).sub(w.mul(w).scale(4)) };
    const dom = certDomain(and(...positive(w, g), atom(g.sub(w.scale(2)), '>')), roots);
    const off = g.mul(s).add(g.mul(g)).sub(w.mul(w).scale(4)).scale(q(1, 2));
    const last = g.mul(w.mul(w)).scale(-2).add(g.mul(g).mul(s).scale(q(1, 2))).add(g.pow(3).scale(q(1, 2))).sub(w.mul(w).mul(s));
    const m = PolyMatrix.from([[s, off], [off, last]]);
    expect(cert(m, false, dom)).toBeDefined();
    expect(cert(m, true, dom)).toBeUndefined(); // det ≡ 0 modulo s² = γ² − 4ω₀²
    // planted: the sign of s flipped on the diagonal
    expect(cert(PolyMatrix.from([[s.neg(), off], [off, last]]), false, dom)).toBeUndefined();
    // without γ > 2ω₀ the first pivot s is only ≥ 0: no strict first pivot
    expect(cert(m, false, certDomain(and(...positive(w, g)), roots))).toBeUndefined();
  });

  it('a linear equality of the domain eliminates a variable (γ = 2ω₀, case 3 corrected)', () => {
    const dom = certDomain(and(...positive(w, g, d), atom(g.sub(w.scale(2)), '=')), {});
    // K − 2μP for μ = γ/2 − δ, C = ω₀² + 2δ², Ĉ = ω₀
    const m = PolyMatrix.from([
      [d.scale(2).sub(g).add(w.scale(2)), d.mul(w).scale(2).add(d.mul(d).scale(2))],
      [d.mul(w).scale(2).add(d.mul(d).scale(2)), d.mul(w.mul(w)).scale(2).add(d.mul(d).mul(g).scale(2)).add(d.pow(3).scale(4)).add(g.mul(w.mul(w))).sub(w.pow(3).scale(2))],
    ]);
    const c = cert(m, true, dom);
    expect(c).toBeDefined();
    expect(JSON.stringify(certificateEvidence(c!))).toContain('γ = 2*ω₀');
    expect(cert(m, true, certDomain(and(...positive(w, g, d)), {}))).toBeUndefined();
  });
});

describe('Sturm counts', () => {
  const r = (n: number, den = 1) => Rational.of(n, den);
  it('counts distinct real roots on open intervals', () => {
    expect(countRealRoots(x.mul(x).sub(2))).toBe(2);
    expect(countRealRoots(x.mul(x).sub(2), r(0))).toBe(1);
    expect(countRealRoots(x.mul(x).add(1))).toBe(0);
    const cubic = x.mul(x.sub(1)).mul(x.sub(2)); // roots 0, 1, 2
    expect(countRealRoots(cubic)).toBe(3);
    expect(countRealRoots(cubic, r(0))).toBe(2); // 0 is an end, not inside
    expect(countRealRoots(cubic, r(0), r(2))).toBe(1);
    expect(countRealRoots(cubic, r(1, 2), r(3, 2))).toBe(1);
    expect(countRealRoots(x.sub(1).pow(2).mul(x.add(2)))).toBe(2); // a double root counts once
    expect(countRealRoots(x.sub(1).pow(3).mul(x.add(2)), r(-3), r(0))).toBe(1);
    expect(countRealRoots(pc(5))).toBe(0);
    // x⁴ − 10x² + 1: roots ±√2 ± √3 ≈ ±0.318, ±3.146
    const p = x.pow(4).sub(x.pow(2).scale(10)).add(1);
    expect(countRealRoots(p, r(0))).toBe(2);
    expect(countRealRoots(p, r(0), r(1))).toBe(1);
    expect(countRealRoots(p, r(1), r(3))).toBe(0);
  });
  it('decides a univariate sign by Sturm where coefficients do not: x² − x + 1 > 0 for x > 0', () => {
    const dom = certDomain(atom(x, '>'), {});
    const proof = decideSign(x.mul(x).sub(x).add(1), '>0', dom);
    expect(proof?.argument).toMatch(/Sturm/);
    expect(checkSign(x.mul(x).sub(x).add(1), '>0', proof!, dom)).toBe(true);
    expect(decideSign(x.mul(x).sub(x.scale(3)).add(2), '>0', dom)).toBeUndefined(); // (x − 1)(x − 2)
    expect(decideSign(x.mul(x).sub(x.scale(2)).add(1), '>0', dom)).toBeUndefined(); // (x − 1)²
  });
});

function eigenvalues(m: number[][]): number[] {
  return new EigenvalueDecomposition(new Matrix(m), { assumeSymmetric: true }).realEigenvalues;
}

describe('certificate ⇒ definite (property)', () => {
  const sym = (n: number) =>
    fc.array(fc.integer({ min: -4, max: 6 }), { minLength: (n * (n + 1)) / 2, maxLength: (n * (n + 1)) / 2 }).map((v) => {
      const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) m[i][j] = m[j][i] = v[k++];
      return m;
    });
  it('constant integer matrices: a certificate means eigenvalues > 0 (≥ −1e−9 for ⪰)', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain(sym), fc.boolean(), (m, strict) => {
        const c = cert(PolyMatrix.from(m), strict, certDomain(TRUE, {}));
        if (!c) return;
        found++;
        const ev = eigenvalues(m);
        for (const l of ev) expect(l).toBeGreaterThan(strict ? 0 : -1e-9);
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(found).toBeGreaterThan(10);
  });
  it('A + aB for a > 0: a certificate means definite at sampled a', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(sym(n), sym(n))), fc.boolean(), ([A, B], strict) => {
        const m = PolyMatrix.build(A.length, A.length, (i, j) => pc(A[i][j]).add(a.scale(B[i][j])));
        const c = cert(m, strict, certDomain(atom(a, '>'), {}));
        if (!c) return;
        found++;
        for (const t of [1e-3, 0.1, 0.5, 1, 2, 7, 100]) for (const l of eigenvalues(A.map((r, i) => r.map((v, j) => v + t * B[i][j])))) expect(l).toBeGreaterThan(strict ? 0 : -1e-9 * (1 + t));
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(found).toBeGreaterThan(5);
  });
  it('sign decisions are sound at sampled points of x > 0, y ≥ 1', () => {
    const y = pv('y');
    const dom = certDomain(and(atom(x, '>'), atom(y.sub(1), '>=')), {});
    const term = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })).map(([c, i, j]) => x.pow(i).mul(y.pow(j)).scale(c));
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 5 }), fc.constantFrom<'>0' | '>=0'>('>0', '>=0'), (ts, claim) => {
        const p = ts.reduce((acc, t) => acc.add(t), Poly.ZERO);
        const proof = decideSign(p, claim, dom);
        if (!proof) return;
        expect(checkSign(p, claim, proof, dom)).toBe(true);
        for (const [xv, yv] of [[q(1, 1000), q(1)], [q(1, 3), q(7, 5)], [q(1), q(1)], [q(5), q(2)], [q(40), q(1)], [q(1, 2), q(30)]]) {
          const v = p.evaluate({ x: xv, y: yv }).sign();
          expect(v).toBeGreaterThanOrEqual(claim === '>0' ? 1 : 0);
        }
      }),
      { numRuns: 400, seed: 3 },
    );
  });
});

describe('matrix-inequality records get basis certificate', () => {
  const HEADER = `paper: { id: m, title: "M" }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    gamma: { domain: "> 0" }
    a: { domain: "> 0" }
  matrices:
    K: [["2*Ch", "C - omega0^2 + gamma*Ch"], ["C - omega0^2 + gamma*Ch", "2*gamma*C - 2*omega0^2*Ch"]]
    P: [["1", "Ch"], ["Ch", "C"]]
claims:
`;
  it('Theorem 3.1 case 2 corrected (a root symbol) is certified; a planted μ too large is refuted with no certificate', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadClaimFile } = await import('../../src/claim-file.ts');
    const { instantiate } = await import('../../src/procedures/index.ts');
    const { createContext } = await import('../../src/cli.ts');
    const dir = mkdtempSync(join(tmpdir(), 'hc-cert-'));
    const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
    try {
      const run = async (mu: string) => {
        const file = join(dir, `c${mu.length}.claims.yaml`);
        writeFileSync(file, `${HEADER}  - { id: "c:1", source: "(1)", statement: "s", kind: matrix-inequality, forall: ["gamma > 2*omega0"], define: ["mu = ${mu}", "C = gamma^2/2 - omega0^2", "Ch = gamma/2"], claims: ["P > 0", "K - 2*mu*P >= 0"] }\n`);
        const set = loadClaimFile(file);
        return instantiate(set.claims[0], { set }).check(ctx);
      };
      const ok = await run('(gamma - sqrt(gamma^2 - 4*omega0^2))/2');
      expect(ok.verdict).toBe('proved');
      expect(ok.basis).toBe('certificate');
      expect(JSON.stringify(ok.evidence.certificate)).toContain('L·D·Lᵀ = M as rational functions');
      const bad = await run('gamma - sqrt(gamma^2 - 4*omega0^2)');
      expect(bad.verdict).toBe('refuted');
      expect(String(bad.evidence.certificate)).toMatch(/^none: /);
    } finally {
      registry.disposeAll();
    }
  });
});
