/**
 * The two further papers as claim files (issue 10, item 4): Arnold & Erb (2014) and Cheng,
 * Chatterji, Bartlett & Jordan (2018). Each file is loaded by the claim-file loader and every
 * claim decided by its kind; the expected verdicts below were established independently of
 * hypocheck, with exact SymPy computations in test/proofs/independent/*.py (the comment at each
 * entry names the decisive fact). Every record marked `deliberatelyWrong: true` must come out
 * refuted with a witness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { createContext } from '../../src/cli.ts';
import type { ClaimReport, Verdict } from '../../src/claims.ts';
import { buildReport, type HypocheckReport } from '../../src/report.ts';
import { runClaims } from '../../src/runner.ts';

const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());

interface Expected {
  verdict: Verdict;
  /** what establishes it independently (test/proofs/independent/*.py prints it) */
  why: string;
  /** the tool's summary must show the independently computed number */
  shows?: RegExp;
  /** a known disagreement: the tool's current verdict, and why (the test then expects the
   * independent verdict to FAIL, so fixing the tool turns this test red until the entry goes) */
  tool?: { verdict: Verdict; reason: string };
}

const PAPERS: { file: string; expected: Record<string, Expected>; headline: Record<string, string> }[] = [
  {
    file: 'proofs/arnold-erb-2014.claims.yaml',
    headline: { 'ae:thm3.1:steady-state': 'established', 'lem:4.3:instance': 'established', 'ae:thm4.6:kinetic': 'established' },
    expected: {
      'ae:thm3.1:lyapunov': { verdict: 'proved', why: 'CK + KCᵀ − 2D = 0 exactly for K = I/3; f∞ = e^{−3|x|²/2} gives div(D∇f + Cxf)/f = 0' },
      'ae:thm3.1:steady-state': { verdict: 'proved', why: 'div(D∇f∞ + Cxf∞)/f∞ = 0 for f∞ = e^{−3|x|²/2} (SymPy simplify)' },
      'ae:thm3.1:steady-state:inverted-covariance': { verdict: 'refuted', why: 'f = e^{−|x|²/6}: div(D∇f + Cxf)/f = 8/3 − 8x₃²/9', shows: /\(8\/9\)\*x3\^2 \+ 8\/3|8\/3 - \(8\/9\)\*x3\^2/ },
      'ae:thm3.1:lyapunov:inverted-covariance': { verdict: 'refuted', why: 'K = 3I: CK + KCᵀ − 2D = diag(0, 0, 16)', shows: /entry \(3,3\) differs by 16/ },
      'ae:instance:jordan': { verdict: 'proved', why: 'C V = V J exactly, det V = −16' },
      'ae:instance:jordan:invertible': { verdict: 'proved', why: 'V⁻¹ = [[1/4, 1/4, 1/2], [−1/8, −1/8, 0], [−3/8, 5/8, 1/2]] (SymPy)' },
      'ae:instance:abscissa': { verdict: 'proved', why: 'σ(C) = {2, 1/2 ± i√23/2}: charpoly (λ − 2)(λ² − λ + 6)' },
      'lem:4.3:instance': { verdict: 'proved', why: 'P leading minors 9, 108, 368 > 0; Cᵀ P + P C − P has principal minors 3, 3, 12, 0, 0, 0, 0 (eigenvalues 18, 0, 0)' },
      'lem:4.3:instance:residual': { verdict: 'proved', why: 'Cᵀ P + P C − P = [[3,3,6],[3,3,6],[6,6,12]] exactly' },
      'lem:4.3:mean-real-part': { verdict: 'refuted', why: 'μ = 1: (1,1) entry of Cᵀ P + P C − 2P is −6' },
      'ae:thm4.6:kinetic': { verdict: 'proved', why: 'σ(C) = (ν ± √(ν² − 4))/2: 2μ = ν (ν < 2), ν − √(ν² − 4) (ν > 2); ν = 2: C − I ≠ 0 nilpotent, 2(μ − δ) = ν − 2δ' },
      'lem:4.3:kinetic': { verdict: 'proved', why: 'ν < 2: complex pair with real part ν/2' },
      'lem:4.3:ii:kinetic': { verdict: 'proved', why: 'P(δ) ≻ 0 (det 2δ²); residual diagonal 2δ(2δ² − 2δ + 1), 2δ, det 4δ⁴' },
      'lem:4.3:i:defective': { verdict: 'refuted', why: 'e = (1, −1) ∈ ker(C − I): R ⪰ 0 forces Re = 0, then eᵀPe = 0, so no P ≻ 0' },
      'ae:thm4.6:kinetic:trace-rate': { verdict: 'refuted', why: 'ν = 4: printed 4 > 2μ = 4 − 2√3, ratio 4/(4 − 2√3) = 7.4641', shows: /7\.464/ },
    },
  },
  {
    file: 'proofs/cheng-et-al-2018.claims.yaml',
    headline: { 'ula:invariant': 'established', 'ula:thm5:lyapunov': 'established' },
    expected: {
      'ula:fokker-planck': {
        verdict: 'proved',
        why: '(Aφ)p − φ·FP(p) = Σ ∂ₓᵢ(vᵢφp) + ∂ᵥᵢ(−(γvᵢ + u∂ᵢf)φp + γu(p∂ᵥᵢφ − φ∂ᵥᵢp)) exactly',
      },
      'ula:invariant': { verdict: 'proved', why: 'L*p*/p* = 0 for generic f (d = 2, SymPy, f itself in the exponent)' },
      'ula:invariant:quadratic': { verdict: 'proved', why: 'L*p*/p* = 0 for GENERIC f (d = 2, SymPy), so for f = m|x|²/2 in particular' },
      'ula:invariant:u-inverted': { verdict: 'refuted', why: 'u = 2, γ = 1, v = 0: L*p/p = −6 (d = 2)' },
      'ula:moments:x': { verdict: 'proved', why: 'p* = N(0, I/m) ⊗ N(0, uI): E|x|² = d/m (SymPy integrals, d = 1, 2, 3)' },
      'ula:moments:v': { verdict: 'proved', why: 'E|v|² = du (SymPy integrals, d = 1, 2, 3)' },
      'ula:thm5:coordinates': { verdict: 'proved', why: 'T A T⁻¹ = M with γ = 2, u = 1/L' },
      'ula:thm5:lyapunov': { verdict: 'proved', why: 'diagonal 2L − m > 0, det = (h − m)(4L − m − h) ≥ 0 on m ≤ h ≤ L' },
      'ula:thm5:double-rate': { verdict: 'refuted', why: 'm = 1, L = 2, h = 1: [[2, −3], [−3, 2]], det −5' },
      'ula:thm5:rate-vs-spectrum': { verdict: 'proved', why: '2 − 2√(1 − s) − s = (1 − √(1 − s))² ≥ 0' },
    },
  },
];

for (const paper of PAPERS) {
  describe(paper.file, () => {
    const set = loadClaimFile(paper.file);
    // Every claim decided once, through the runner and the report (proof-graph propagation).
    let report: HypocheckReport;
    let byId: Record<string, ClaimReport>;
    beforeAll(async () => {
      const rows = await runClaims(set.claims.map((r) => instantiate(r, { set })), ctx);
      report = buildReport(rows, { version: 't', seed: 1, backends: { gpu: 'none', z3: 'x' }, cited: set.cited, main: set.paper.main });
      byId = Object.fromEntries(report.claims.map((r) => [r.id, r]));
    }, 60_000);

    it('loads, and every claim has an independently established expected verdict', () => {
      expect(set.claims.map((c) => c.id).sort()).toEqual(Object.keys(paper.expected).sort());
      expect(set.claims.some((c) => c.deliberatelyWrong === true)).toBe(true);
    });

    it('headline: each main result as established independently', () => {
      expect(report.headline).toHaveLength(Object.keys(paper.headline).length);
      for (const [id, status] of Object.entries(paper.headline)) {
        expect(report.headline.find((h) => h.includes(`(${id})`)), id).toMatch(new RegExp(`\\(${id.replace(/[.:]/g, (c) => `\\${c}`)}\\): ${status}`));
      }
    });

    for (const record of set.claims) {
      const want = paper.expected[record.id];
      if (want?.tool) {
        it(`${record.id}: the tool currently gives ${want.tool.verdict} (known disagreement: ${want.tool.reason})`, () => {
          expect(byId[record.id].verdict, byId[record.id].summary).toBe(want.tool!.verdict);
        });
      }
      const test = want?.tool ? it.fails : it;
      test(`${record.id}: ${want?.verdict ?? '?'} (${want?.why ?? 'no expectation'})`, () => {
        const r = byId[record.id];
        expect(r.verdict, r.summary).toBe(want.verdict);
        if (want.shows) expect(r.summary).toMatch(want.shows);
        expect(r.decisive, 'every result names its decisive evidence').toBeTruthy();
        if (r.verdict === 'proved') expect(r.basis).toBeTruthy();
        if (record.deliberatelyWrong) {
          expect(r.verdict).toBe('refuted');
          expect(r.witness && Object.keys(r.witness as object).length > 0, 'a refutation carries a witness').toBe(true);
          // its charitable reading (`corrected`, the printed statement it perturbs) is decided too
          if (record.corrected) expect(r.corrected?.verdict, JSON.stringify(r.corrected)).toBe('proved');
        }
      });
    }
  });
}
