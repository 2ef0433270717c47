/**
 * The Lyapunov matrices of Section 4: K and P of (4.4), Q of (4.5), the constants (μ, C, Ĉ)
 * of Theorem 3.1 (3.6) per case, and the exact identities behind the checks.
 *
 * Symbols (Poly variable names): omega0 = ω₀, gamma = γ, C, Ch = Ĉ, mu = μ, delta = δ,
 * s = √(γ² − 4ω₀²) (root symbol, s ≥ 0), lambda = λ.
 *
 * @see (4.3)–(4.6); Lemma 4.3 of [arnold_erb_2014]
 */
import { Rational, q } from './rational.ts';
import { Poly, pc, pv } from './poly.ts';
import { PolyMatrix, blockLift, quadraticForm, reduceRoots, rootRadicand, type Roots } from './matrix.ts';

export const OMEGA0 = pv('omega0');
export const GAMMA = pv('gamma');
export const C_SYM = pv('C');
export const CH_SYM = pv('Ch');
export const MU = pv('mu');
export const DELTA = pv('delta');
export const S = pv('s');
export const HALF = q(1, 2);

/** s = √(γ² − 4ω₀²), the root symbol of case 2. */
export const discriminantRoot: Roots = { s: GAMMA.mul(GAMMA).sub(OMEGA0.mul(OMEGA0).scale(4)) };

/** Parameters of K, P, Q as polynomials (default: the free symbols). */
export interface LyapunovParams {
  /** @defaultValue ω₀ symbol */
  omega0?: Poly;
  /** @defaultValue γ symbol */
  gamma?: Poly;
  /** @defaultValue C symbol */
  C?: Poly;
  /** @defaultValue Ĉ symbol */
  Ch?: Poly;
}

function params(p: LyapunovParams) {
  const { omega0 = OMEGA0, gamma = GAMMA, C = C_SYM, Ch = CH_SYM } = p;
  return { w2: omega0.mul(omega0), gamma, C, Ch };
}

/** K of (4.4), 2×2 core: [[2Ĉ, C − ω₀² + γĈ], [C − ω₀² + γĈ, 2γC − 2ω₀²Ĉ]] (the d-dimensional K is K ⊗ I_d). */
export function lyapunovMatrixK(p: LyapunovParams = {}): PolyMatrix {
  const { w2, gamma, C, Ch } = params(p);
  const off = C.sub(w2).add(gamma.mul(Ch));
  return PolyMatrix.from([
    [Ch.scale(2), off],
    [off, gamma.mul(C).scale(2).sub(w2.mul(Ch).scale(2))],
  ]);
}

/** P of (4.4): [[1, Ĉ], [Ĉ, C]] — the matrix of H(t) in (3.8). */
export function lyapunovMatrixP(p: LyapunovParams = {}): PolyMatrix {
  const { C, Ch } = params(p);
  return PolyMatrix.from([
    [Poly.ONE, Ch],
    [Ch, C],
  ]);
}

/** Q of (4.5): [[0, 1], [−ω₀², γ]]. */
export function driftMatrixQ(p: LyapunovParams = {}): PolyMatrix {
  const { w2, gamma } = params(p);
  return PolyMatrix.from([
    [Poly.ZERO, Poly.ONE],
    [w2.neg(), gamma],
  ]);
}

/** The d-dimensional block versions [[a I_d, b I_d], [c I_d, e I_d]]. */
export function blockMatrices(d: number, p: LyapunovParams = {}): { K: PolyMatrix; P: PolyMatrix; Q: PolyMatrix } {
  return { K: blockLift(lyapunovMatrixK(p), d), P: blockLift(lyapunovMatrixP(p), d), Q: blockLift(driftMatrixQ(p), d) };
}

/** K − 2μP, the matrix whose PSD-ness is K ≥ 2μP of (4.6). */
export function lyapunovGap(mu: Poly, p: LyapunovParams = {}): PolyMatrix {
  return lyapunovMatrixK(p).sub(lyapunovMatrixP(p).scale(mu.scale(2)));
}

export type CaseId = 'case1' | 'case2' | 'case3';

/** The constants as printed in (3.6) (case 3: the paper gives none; μ = γ − δ). */
export interface CaseConstants {
  mu: Poly;
  C: Poly;
  Ch: Poly;
  roots: Roots;
}

/** (3.6) as printed. Case 3 leaves C(δ), Ĉ(δ) unspecified (returned as the free symbols C, Ĉ). */
export function printedConstants(c: CaseId): CaseConstants {
  const w2 = OMEGA0.mul(OMEGA0);
  switch (c) {
    case 'case1':
      return { mu: GAMMA, C: w2, Ch: GAMMA.scale(HALF), roots: {} };
    case 'case2':
      return { mu: GAMMA.sub(S), C: GAMMA.mul(GAMMA).scale(HALF).sub(w2), Ch: GAMMA.scale(HALF), roots: discriminantRoot };
    case 'case3':
      return { mu: GAMMA.sub(DELTA), C: C_SYM, Ch: CH_SYM, roots: {} };
  }
}

/**
 * The rates that are proved (min Re λ(Q), and γ/2 − δ in the critical case) with the
 * constants used: cases 1–2 keep the printed C, Ĉ; case 3 uses our C(δ) = ω₀² + 2δ², Ĉ = ω₀
 * at γ = 2ω₀ (then det(K − 2μP) = 4δ⁴ and (K − 2μP)₁₁ = 2δ).
 */
export function provedConstants(c: CaseId): CaseConstants {
  const w2 = OMEGA0.mul(OMEGA0);
  switch (c) {
    case 'case1':
      return { mu: GAMMA.scale(HALF), C: w2, Ch: GAMMA.scale(HALF), roots: {} };
    case 'case2':
      return { mu: GAMMA.sub(S).scale(HALF), C: GAMMA.mul(GAMMA).scale(HALF).sub(w2), Ch: GAMMA.scale(HALF), roots: discriminantRoot };
    case 'case3':
      return { mu: OMEGA0.sub(DELTA), C: w2.add(DELTA.mul(DELTA).scale(2)), Ch: OMEGA0, roots: {} };
  }
}

/** Substitution γ = 2ω₀ for the critical case. */
export const criticalGamma: Record<string, Poly> = { gamma: OMEGA0.scale(2) };

/**
 * Quadratic-form bookkeeping for (4.3): the symbols xx = ‖∇ₓh‖²*, xv = ⟨∇ₓh, ∇ᵥh⟩*,
 * vv = ‖∇ᵥh‖²* (and for the dissipation aa, ab, bb with a = ∂ᵥᵢ∇ₓh, b = ∂ᵥᵢ∇ᵥh).
 */
export const XX = pv('xx');
export const XV = pv('xv');
export const VV = pv('vv');

/** [∇ₓh, ∇ᵥh] A [∇ₓh, ∇ᵥh]ᵀ in the symbols xx, xv, vv (A symmetric 2×2). */
export function formOf(a: PolyMatrix): Poly {
  return a.get(0, 0).mul(XX).add(a.get(0, 1).add(a.get(1, 0)).mul(XV)).add(a.get(1, 1).mul(VV));
}

/**
 * Right-hand sides of Lemma 4.1 (full-derivative form, ε-free part) and Lemma 4.2 (ε-free part):
 *   d/dt(‖∇ₓh‖² + C‖∇ᵥh‖²) ≤ −2(C − ω₀²)xv − 2γC vv + …,
 *   d/dt⟨∇ₓh, ∇ᵥh⟩ ≤ −γ xv + ω₀² vv − xx + ….
 */
export function lemmaRightHandSides(): { lemma41: Poly; lemma42: Poly } {
  const w2 = OMEGA0.mul(OMEGA0);
  return {
    lemma41: C_SYM.sub(w2).scale(-2).mul(XV).sub(GAMMA.mul(C_SYM).scale(2).mul(VV)),
    lemma42: GAMMA.neg().mul(XV).add(w2.mul(VV)).sub(XX),
  };
}

/** The characteristic polynomial of Q: det(λ − Q) = λ² − γλ + ω₀². */
export function driftCharPoly(): Poly {
  return driftMatrixQ().charPoly('lambda');
}

/**
 * Left eigenvector w = (λ − γ, 1) of Q for the eigenvalue λ (wᵀQ = λwᵀ when λ² − γλ + ω₀² = 0);
 * then wᵀ((Q − μ)P + P(Q − μ)ᵀ)w = 2(λ − μ) wᵀPw, which bounds μ ≤ λ when K − 2μP ⪰ 0, P ≻ 0.
 */
export function leftEigenvector(lambda: Poly): Poly[] {
  return [lambda.sub(GAMMA), Poly.ONE];
}

/** wᵀ(K − 2μP)w − 2(λ − μ)wᵀPw, reduced with the eigenvalue relation; zero when the bound identity holds. */
export function eigenvectorBoundResidual(lambda: Poly, roots: Roots): Poly {
  const w = leftEigenvector(lambda);
  const lhs = quadraticForm(lyapunovGap(MU), w);
  const rhs = lambda.sub(MU).scale(2).mul(quadraticForm(lyapunovMatrixP(), w));
  return reduceRoots(lhs.sub(rhs), roots);
}

/**
 * tr(adj(P)·(K − 2μP)) − (2γ − 4μ)·det P: zero identically. With adj(P) ≻ 0 when P ≻ 0 and
 * tr(AB) ≥ 0 for A ≻ 0, B ⪰ 0, this gives μ ≤ γ/2 = mean Re λ(Q) for any C, Ĉ.
 */
export function traceBoundResidual(): Poly {
  const P = lyapunovMatrixP();
  const adj = PolyMatrix.from([
    [P.get(1, 1), P.get(0, 1).neg()],
    [P.get(1, 0).neg(), P.get(0, 0)],
  ]);
  const prod = adj.mul(lyapunovGap(MU));
  const tr = prod.get(0, 0).add(prod.get(1, 1));
  return tr.sub(GAMMA.scale(2).sub(MU.scale(4)).mul(P.det()));
}

/** Render names for LaTeX / Unicode. */
export function latexName(v: string): string {
  return ({ omega0: '\\omega_0', gamma: '\\gamma', Ch: '\\hat C', mu: '\\mu', delta: '\\delta', s: 's', lambda: '\\lambda', eps: '\\epsilon', eps0: '\\epsilon_0' } as Record<string, string>)[v] ?? v;
}
/** Greek letters by name (lower and upper case), for Unicode output. */
const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ',
  nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** One identifier in Unicode: a Greek letter's name as the letter, digits after it as subscripts (omega0 → ω₀), Ch → Ĉ; any other name as it is. */
function unicodeIdentifier(name: string): string {
  if (name === 'Ch') return 'Ĉ';
  const m = /^([A-Za-z]+)(\d*)$/.exec(name);
  const letter = m ? GREEK[m[1]] : undefined;
  return letter ? letter + [...m![2]].map((c) => SUBSCRIPT_DIGITS[Number(c)]).join('') : name;
}

/** Expression text in Unicode: whole identifiers by unicodeIdentifier, each square-root symbol as √(its radicand). */
export function unicodeText(text: string): string {
  return text
    .replace(/\bsqrt_[0-9a-f]{12}\b/g, (name) => {
      const radicand = rootRadicand(name);
      return radicand === undefined ? name : `√(${unicodeText(radicand)})`;
    })
    .replace(/\b[A-Za-z]+\d*\b/g, unicodeIdentifier);
}

export function unicodeString(p: Poly): string {
  return unicodeText(p.toString());
}
export function unicodeMatrix(m: PolyMatrix): string {
  return `[${m
    .toRows()
    .map((r) => `[${r.map(unicodeString).join(', ')}]`)
    .join(', ')}]`;
}

export { Rational, pc };
