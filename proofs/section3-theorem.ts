/**
 * # Section 3 — Theorem 3.1's cases (3.6), its constants, Remarks 3.1–3.2
 *
 * ## Main claims
 * `thm:3.1:case1`, `thm:3.1:case2`: with the printed μ, C, Ĉ, P ≻ 0 and K − 2μP ⪰ 0 on the
 * case's domain (Z3, exact re-check of witnesses; corrected μ = min Re λ(Q) proved) ·
 * `thm:3.1:case3`: γ = 2ω₀, rate γ − δ for every δ > 0 (decided; C(δ), Ĉ(δ) constructed) ·
 * `thm:3.1:constants`: C₁ against the proof's ε after (4.7) · `rem:3.1`: (3.7) · `rem:3.2`.
 *
 * The K ≥ 2μP inequality is (4.6) with K, P of (4.4); the d-dimensional question reduces to
 * the 2×2 core (see `eq:4.4`).
 *
 * ## References
 * [zhu_ying_2021] (3.6), (3.7), (4.4)–(4.7); [arnold_erb_2014] Lemma 4.3.
 */
import type { CheckContext, CheckResult, Claim, Corrected, DerivationStep, Verdict } from '../src/claims.ts';
import { combineVerdicts } from '../src/claims.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { Poly, pc, pv } from '../symbolic/poly.ts';
import { constantC2 } from '../symbolic/constants.ts';
import { PolyMatrix, isPdAt, isPsdAt, reduceRoots, type Roots } from '../symbolic/matrix.ts';
import { TRUE, and, atom, not, pd, psd, type Decision, type Z3Decider } from '../symbolic/z3.ts';
import {
  driftMatrixQ,
  latexName,
  lyapunovMatrixK,
  type CaseId,
  C_SYM,
  CH_SYM,
  DELTA,
  GAMMA,
  HALF,
  MU,
  OMEGA0,
  S,
  XV,
  XX,
  VV,
  criticalGamma,
  discriminantRoot,
  eigenvectorBoundResidual,
  lyapunovGap,
  lyapunovMatrixP,
  printedConstants,
  provedConstants,
  traceBoundResidual,
  unicodeMatrix,
  unicodeString,
  type CaseConstants,
} from '../symbolic/lyapunov.ts';
import { caseDomain, decideWith, decisionEvidence, decisionVerdict, getZ3, nonzeroPoint, pointStrings } from './section4-lyapunov.ts';

const W2 = OMEGA0.mul(OMEGA0);

// ---------------------------------------------------------------- cases 1 and 2

/** A case of (3.6) as encoded: the printed constants, and the corrected rate with the same C, Ĉ. */
export interface CaseSpec {
  case: 'case1' | 'case2';
  printed: CaseConstants;
  corrected: CaseConstants;
}

export const printedCase = (c: 'case1' | 'case2'): CaseSpec => ({ case: c, printed: printedConstants(c), corrected: provedConstants(c) });

/** Exact sample points inside each domain (case 2 with γ² − 4ω₀² a rational square). */
const SAMPLE: Record<'case1' | 'case2', Record<string, Rational>[]> = {
  case1: [
    { omega0: q(1), gamma: q(1) },
    { omega0: q(3), gamma: q(1, 2) },
    { omega0: q(1), gamma: q(19, 10) },
  ],
  case2: [
    { omega0: q(2), gamma: q(5) }, // s = 3
    { omega0: q(12, 5), gamma: q(5) }, // s = 7/5
    { omega0: q(3, 2), gamma: q(5) }, // s = 4
    { omega0: q(3), gamma: q(10) }, // s = 8
  ],
};

function gapPsdQuery(k: CaseConstants, c: 'case1' | 'case2') {
  const p = { C: k.C, Ch: k.Ch };
  return { variables: ['omega0', 'gamma'], roots: k.roots, assumptions: caseDomain[c], goal: psd(lyapunovGap(k.mu, p)) };
}

/** Exact fallback / cross-check: the first sample point where K − 2μP ⋡ 0. */
function exactCounterexample(k: CaseConstants, c: 'case1' | 'case2'): Record<string, Rational> | undefined {
  const M = lyapunovGap(k.mu, { C: k.C, Ch: k.Ch });
  return SAMPLE[c].find((at) => !isPsdAt(M, at, k.roots));
}

/**
 * Decide one case: P ≻ 0 on the domain; K − 2μP ⪰ 0 on the domain with the printed μ; and the
 * corrected statement — K − 2μ*P ⪰ 0 for μ* = min Re λ(Q) with the same C, Ĉ, and no larger μ works.
 */
export async function checkCase(spec: CaseSpec, ctx: CheckContext): Promise<CheckResult> {
  const z3 = await getZ3(ctx);
  const c = spec.case;
  const { printed: k, corrected: kc } = spec;
  const p = { C: k.C, Ch: k.Ch };
  const P = lyapunovMatrixP(p);
  const M = lyapunovGap(k.mu, p).map((x) => reduceRoots(x, k.roots));
  const pdP = await decideWith(z3, { variables: ['omega0', 'gamma'], roots: k.roots, assumptions: caseDomain[c], goal: pd(P) });
  const gap = await decideWith(z3, gapPsdQuery(k, c));
  const exactWitness = exactCounterexample(k, c);
  const closedForm: Record<string, unknown> = {
    [`K − 2μP (μ = ${unicodeString(k.mu)})`]: unicodeMatrix(M),
    'det(K − 2μP)': unicodeString(reduceRoots(M.det(), k.roots)),
    'det P = C − Ĉ²': unicodeString(P.det()),
  };
  if (c === 'case1') {
    const Kp = lyapunovGap(pc(0), p);
    const kIsGammaP = Kp.sub(P.scale(GAMMA)).isZero();
    closedForm['K = γP'] = kIsGammaP;
    if (kIsGammaP && k.mu.equals(GAMMA)) closedForm['K − 2γP'] = '−γP (negative definite wherever P ≻ 0)';
  }
  const corrected = await correctedCase(kc, c, z3);
  const evidence: Record<string, unknown> = {
    domain: c === 'case1' ? 'ω₀ > 0, 0 < γ < 2ω₀' : 'ω₀ > 0, γ > 2ω₀, s = √(γ² − 4ω₀²)',
    constants: { mu: unicodeString(k.mu), C: unicodeString(k.C), Ch: unicodeString(k.Ch) },
    closedForm,
    pPositiveDefinite: decisionEvidence(pdP),
    gapPsd: decisionEvidence(gap),
    exactSampleCheck: exactWitness ? { fails: pointStrings(exactWitness) } : { allSamplesPsd: SAMPLE[c].map(pointStrings) },
  };
  let verdict: Verdict;
  let method: 'z3' | 'exact' = 'z3';
  let witness: unknown;
  if (gap) {
    verdict = combineVerdicts([decisionVerdict(pdP), decisionVerdict(gap)]);
    if (gap.status === 'refuted') witness = { ...gap.witness, violated: 'K − 2μP ⪰ 0 (a principal minor < 0, re-checked exactly)' };
    else if (pdP?.status === 'refuted') witness = { ...pdP.witness, violated: 'P ≻ 0' };
    if (gap.status === 'proved' && exactWitness) return { verdict: 'error', method: 'z3', summary: 'Z3 proved K − 2μP ⪰ 0 but an exact sample violates it (bug)', evidence };
  } else {
    method = 'exact';
    verdict = exactWitness ? 'refuted' : 'inconclusive';
    if (exactWitness) witness = { ...pointStrings(exactWitness), violated: 'K − 2μP ⪰ 0 (exact)' };
  }
  const ms = [pdP, gap].reduce((s, d) => s + (d?.ms ?? 0), 0);
  const summary =
    verdict === 'refuted'
      ? `K − 2μP ⋡ 0 for μ = ${unicodeString(k.mu)}${witness ? ` at ${fmtPoint(witness)}` : ''}; proved max μ = ${unicodeString(kc.mu)} = min Re λ(Q) (${corrected.verdict})${method === 'z3' ? `, Z3 ${ms} ms` : ''}`
      : verdict === 'proved'
        ? `P ≻ 0 and K − 2μP ⪰ 0 for μ = ${unicodeString(k.mu)} on the whole case (Z3 ${ms} ms)`
        : `could not decide K − 2μP ⪰ 0 (${gap?.reason ?? 'no Z3'})`;
  return { verdict, method, summary, evidence, witness, corrected };
}

function fmtPoint(w: unknown): string {
  const o = w as Record<string, string>;
  return ['omega0', 'gamma', 's', 'delta']
    .filter((k) => k in o)
    .map((k) => `${{ omega0: 'ω₀', gamma: 'γ', s: 's', delta: 'δ' }[k]}=${o[k]}`)
    .join(', ');
}

/** The corrected statement of cases 1–2: the same C, Ĉ, μ* = min Re λ(Q) holds and is the largest. */
async function correctedCase(kc: CaseConstants, c: 'case1' | 'case2', z3: Z3Decider | undefined): Promise<Corrected> {
  const p = { C: kc.C, Ch: kc.Ch };
  const Mstar = lyapunovGap(kc.mu, p).map((x) => reduceRoots(x, kc.roots));
  const holds = await decideWith(z3, { variables: ['omega0', 'gamma'], roots: kc.roots, assumptions: caseDomain[c], goal: and(pd(lyapunovMatrixP(p)), psd(lyapunovGap(kc.mu, p))) });
  // Larger μ fails: ∀ μ > μ*: K − 2μP ⋡ 0 (Z3), and exactly by the bound identities.
  const larger = await decideWith(z3, {
    variables: ['omega0', 'gamma', 'mu'],
    roots: kc.roots,
    assumptions: and(caseDomain[c], atom(MU.sub(kc.mu), '>')),
    goal: not(psd(lyapunovGap(MU, p))),
  });
  const exactBound =
    c === 'case1' ? traceBoundResidual().isZero() : eigenvectorBoundResidual(GAMMA.sub(S).scale(HALF), discriminantRoot).isZero();
  const exactHolds = SAMPLE[c].every((at) => isPsdAt(Mstar, at, kc.roots) && isPdAt(lyapunovMatrixP(p), at, kc.roots));
  const v = z3 ? combineVerdicts([decisionVerdict(holds), decisionVerdict(larger)]) : 'inconclusive';
  return {
    statement: `With C = ${unicodeString(kc.C)}, Ĉ = ${unicodeString(kc.Ch)}: K ≥ 2μP holds for μ = ${unicodeString(kc.mu)} = min Re λ(Q) and for no larger μ`,
    verdict: v,
    method: z3 ? 'z3' : 'exact',
    evidence: {
      'K − 2μ*P': unicodeMatrix(Mstar),
      'det(K − 2μ*P)': unicodeString(reduceRoots(Mstar.det(), kc.roots)),
      holdsOnDomain: decisionEvidence(holds),
      noLargerMu: decisionEvidence(larger),
      exactBoundIdentity:
        c === 'case1'
          ? { identity: 'tr(adj P · (K − 2μP)) = (2γ − 4μ) det P', holds: exactBound }
          : { identity: 'wᵀ(K − 2μP)w = 2(λ₋ − μ) wᵀPw, w = (λ₋ − γ, 1), λ₋ = (γ − s)/2', holds: exactBound },
      exactSamplesHold: exactHolds,
    },
  };
}

// ---------------------------------------------------------------- case 3

/** Case 3 as encoded: the rate μ(δ) claimed for every δ > 0 at γ = 2ω₀, and our C(δ), Ĉ(δ) for μ = γ/2 − δ. */
export interface CriticalSpec {
  /** The claimed rate as a polynomial in ω₀, δ (γ = 2ω₀ substituted). */
  mu: Poly;
  /** The constructed constants for the corrected rate (in ω₀, δ). */
  construction: CaseConstants;
}

export const printedCritical: CriticalSpec = { mu: printedConstants('case3').mu.subs(criticalGamma), construction: provedConstants('case3') };

/** Z3 proof that the constructed C(δ), Ĉ(δ) give P ≻ 0 and K − 2μP ⪰ 0 for all ω₀ > 0, δ > 0 (γ = 2ω₀). */
async function constructionHolds(k: CaseConstants, z3: Z3Decider | undefined): Promise<{ decision?: Decision; exact: Record<string, unknown>; exactProof: boolean }> {
  const p = { C: k.C, Ch: k.Ch };
  const M = lyapunovGap(k.mu, p).subs(criticalGamma);
  const P = lyapunovMatrixP(p).subs(criticalGamma);
  const decision = await decideWith(z3, { variables: ['omega0', 'delta'], assumptions: and(atom(OMEGA0, '>'), atom(DELTA, '>')), goal: and(pd(P), psd(M)) });
  const det = M.det();
  const m11 = M.get(0, 0);
  const exactProof = det.equals(DELTA.pow(4).scale(4)) && m11.equals(DELTA.scale(2)) && P.det().equals(DELTA.mul(DELTA).scale(2));
  return {
    decision,
    exactProof,
    exact: { 'K − 2μP': unicodeMatrix(M), 'det(K − 2μP)': unicodeString(det), '(K − 2μP)₁₁': unicodeString(m11), 'det P': unicodeString(P.det()) },
  };
}

/**
 * `thm:3.1:case3`: for every δ > 0 there are C(δ), Ĉ(δ) with K ≥ 2μ(δ)P, P ≻ 0 (γ = 2ω₀).
 * Any such pair forces μ ≤ γ/2 (trace identity) and μ < γ/2 (Q is defective there); so the claim
 * fails iff μ(δ) ≥ γ/2 for some δ > 0 (decided by Z3, the failure at that δ re-checked by Z3 over
 * all C, Ĉ and exactly by the trace identity). Otherwise our construction proves it.
 */
export async function checkCritical(spec: CriticalSpec, ctx: CheckContext): Promise<CheckResult> {
  const z3 = await getZ3(ctx);
  const construction = await constructionHolds(spec.construction, z3);
  const constructionVerdict: Verdict = construction.decision ? decisionVerdict(construction.decision) : construction.exactProof ? 'proved' : 'inconclusive';
  const corrected: Corrected = {
    statement: `γ = 2ω₀: for every δ > 0, C(δ) = ${unicodeString(spec.construction.C)}, Ĉ(δ) = ${unicodeString(spec.construction.Ch)} give P ≻ 0 and K ≥ 2(γ/2 − δ)P; rate γ/2 itself is impossible. In the paper's form μ = γ − δ: true exactly for δ > γ/2.`,
    verdict: constructionVerdict,
    method: construction.decision ? 'z3' : 'exact',
    evidence: { z3: decisionEvidence(construction.decision), exact: construction.exact, exactDeterminantProof: construction.exactProof },
  };
  const halfGamma = OMEGA0; // γ/2 at γ = 2ω₀
  const below = await decideWith(z3, { variables: ['omega0', 'delta'], assumptions: and(atom(OMEGA0, '>'), atom(DELTA, '>')), goal: atom(halfGamma.sub(spec.mu), '>=') }); // a witness then has μ > γ/2 strictly: the exact trace identity covers it
  const traceOk = traceBoundResidual().isZero();
  const evidence: Record<string, unknown> = {
    claimedMu: unicodeString(spec.mu) + ' (γ = 2ω₀)',
    rateBelowHalfGammaForAllDelta: decisionEvidence(below),
    traceIdentity: { identity: 'tr(adj P · (K − 2μP)) = (2γ − 4μ) det P', holds: traceOk },
    construction: corrected.evidence,
  };
  // Without Z3: exact check at ω₀ = 1, δ = 1/2 via the trace identity.
  let witnessAt: Record<string, Rational> | undefined;
  if (below?.status === 'refuted' && below.witness) witnessAt = { omega0: q(below.witness.omega0), delta: q(below.witness.delta) };
  else if (!below) {
    const at = { omega0: q(1), delta: q(1, 2) };
    if (spec.mu.evaluate(at).compare(halfGamma.evaluate(at)) > 0) witnessAt = at;
  }
  if (witnessAt) {
    const muAt = spec.mu.evaluate(witnessAt);
    const gammaAt = witnessAt.omega0.mul(q(2));
    const strict = gammaAt.mul(q(2)).sub(muAt.mul(q(4))).sign() < 0;
    const Mw = lyapunovGap(pc(muAt)).subs({ gamma: pc(gammaAt), omega0: pc(witnessAt.omega0) });
    const none = await decideWith(z3, { variables: ['C', 'Ch'], assumptions: TRUE, goal: not(and(pd(lyapunovMatrixP()), psd(Mw))) });
    const exactRecheck = strict && traceOk;
    const v: Verdict = none ? (none.status === 'proved' || exactRecheck ? 'refuted' : 'inconclusive') : exactRecheck ? 'refuted' : 'inconclusive';
    evidence.noConstantsAtWitness = decisionEvidence(none);
    return {
      verdict: v,
      method: none ? 'z3' : 'exact',
      summary: `at ω₀=${witnessAt.omega0}, δ=${witnessAt.delta}: μ = ${muAt} ${strict ? '>' : '='} γ/2 = min Re λ(Q) — no C, Ĉ with P ≻ 0 give K ≥ 2μP; proved instead: rate γ/2 − δ with C = ω₀² + 2δ², Ĉ = ω₀ (${constructionVerdict})`,
      evidence,
      witness: {
        omega0: witnessAt.omega0.toString(),
        gamma: gammaAt.toString(),
        delta: witnessAt.delta.toString(),
        mu: muAt.toString(),
        reason: strict
          ? `for all C, Ĉ with P ≻ 0: tr(adj P · (K − 2μP)) = (2γ − 4μ) det P = ${gammaAt.mul(q(2)).sub(muAt.mul(q(4)))}·det P < 0, so K − 2μP ⋡ 0${none ? ` (Z3: ${none.status})` : ''}`
          : `μ = γ/2: K − 2μP ⪰ 0 with trace tr(adj P · (K − 2μP)) = 0 forces K = γP, i.e. Ĉ = ω₀, C = ω₀², det P = 0 — no P ≻ 0${none ? ` (Z3 over all C, Ĉ: ${none.status})` : ''}`,
      },
      corrected,
    };
  }
  if (below?.status === 'proved') {
    return {
      verdict: constructionVerdict,
      method: 'z3',
      summary: `μ(δ) < γ/2 for all δ > 0 and C = ω₀² + 2δ'², Ĉ = ω₀ (δ' = γ/2 − μ) prove K ≥ 2μP`,
      evidence,
      corrected: null,
    };
  }
  return { verdict: 'inconclusive', method: 'z3', summary: `could not decide whether μ(δ) < γ/2 (${below?.reason ?? 'no Z3'})`, evidence, corrected };
}

// ---------------------------------------------------------------- constants

/** Symbols for the constants check. */
const EPS0 = pv('eps0');
const EPS = pv('eps');
const C2 = pv('C2');
const MAXC = pv('maxC');
const A_COEF = pc(11).add(C_SYM.scale(11)).add(CH_SYM.scale(15));

export interface ConstantsSpec {
  /** C₁ · (C − Ĉ²) as printed, in eps0, C2, maxC = max{1, C}, C, Ch. */
  c1TimesDen: Poly;
  /** −2εH written as the completed squares after (4.6), times C (in eps, xx, xv, vv, C, Ch). */
  completedSquaresTimesC: Poly;
}

/** The completed squares of the proof, times C: −εC‖∇ₓh + Ĉ∇ᵥh‖² − ε‖C∇ᵥh + Ĉ∇ₓh‖² − εC(C − Ĉ²)‖∇ᵥh‖² − ε(C − Ĉ²)‖∇ₓh‖². */
function printedCompletedSquares(): Poly {
  const sq = (a: Poly, b: Poly) => a.mul(a).mul(XX).add(a.mul(b).scale(2).mul(XV)).add(b.mul(b).mul(VV)); // ‖a∇ₓh + b∇ᵥh‖²
  const gap = C_SYM.sub(CH_SYM.mul(CH_SYM));
  return EPS.neg()
    .mul(C_SYM)
    .mul(sq(pc(1), CH_SYM))
    .sub(EPS.mul(sq(CH_SYM, C_SYM))) // C·‖√C∇ᵥh + (Ĉ/√C)∇ₓh‖² = ‖Ĉ∇ₓh + C∇ᵥh‖²
    .sub(EPS.mul(C_SYM).mul(gap).mul(VV))
    .sub(EPS.mul(gap).mul(XX));
}

export const printedConstantsSpec: ConstantsSpec = {
  c1TimesDen: A_COEF.mul(EPS0).mul(C2).mul(C2).mul(MAXC),
  completedSquaresTimesC: printedCompletedSquares(),
};


/**
 * `thm:3.1:constants`: the printed ε = ε₀C₁ against the proof's ε = (11 + 11C + 15Ĉ)ε₀C₂²max{1,C}/(C − Ĉ²),
 * and the proof's steps: −2εH as completed squares; (11+4C+15Ĉ), (4+11C+15Ĉ) ≤ 11+11C+15Ĉ (C ≥ 0);
 * ε(C − Ĉ²)min{1, 1/C} = (11+11C+15Ĉ)ε₀C₂²; C − Ĉ² > 0 and C ≥ 0 in each case.
 */
export async function checkConstants(spec: ConstantsSpec, ctx: CheckContext): Promise<CheckResult> {
  const z3 = await getZ3(ctx);
  const proofEpsTimesDen = A_COEF.mul(EPS0).mul(C2).mul(C2).mul(MAXC);
  const diff = EPS0.mul(spec.c1TimesDen).sub(proofEpsTimesDen);
  // Steps of the proof.
  const H = XX.add(C_SYM.mul(VV)).add(CH_SYM.scale(2).mul(XV));
  const squaresOk = EPS.scale(-2).mul(H).mul(C_SYM).equals(spec.completedSquaresTimesC);
  const coefX = A_COEF.sub(pc(11).add(C_SYM.scale(4)).add(CH_SYM.scale(15)));
  const coefV = A_COEF.sub(pc(4).add(C_SYM.scale(11)).add(CH_SYM.scale(15)));
  const coefOk = coefX.equals(C_SYM.scale(7)) && coefV.equals(pc(7));
  // ε(C − Ĉ²)·min{1, 1/C} = A ε₀ C₂² with ε·(C − Ĉ²) = A ε₀ C₂² max{1,C}: C ≥ 1 (max = C, min = 1/C) and C < 1 (both 1).
  const epsDen = proofEpsTimesDen; // = ε (C − Ĉ²)
  const needed = A_COEF.mul(EPS0).mul(C2).mul(C2);
  const caseBig = epsDen.subs({ maxC: C_SYM }).sub(needed.mul(C_SYM)).isZero(); // ε(C−Ĉ²)/C = needed
  const caseSmall = epsDen.subs({ maxC: pc(1) }).equals(needed);
  const perCase = await Promise.all(
    (['case1', 'case2', 'case3'] as const).map(async (c) => {
      const k = c === 'case3' ? provedConstants('case3') : printedConstants(c);
      const gap = k.C.sub(k.Ch.mul(k.Ch));
      const assumptions = c === 'case3' ? and(atom(OMEGA0, '>'), atom(DELTA, '>')) : caseDomain[c];
      const goal = and(atom(c === 'case3' ? gap.subs(criticalGamma) : gap, '>'), atom(c === 'case3' ? k.C.subs(criticalGamma) : k.C, '>='), atom(k.Ch, '>='));
      const d = await decideWith(z3, { variables: c === 'case3' ? ['omega0', 'delta'] : ['omega0', 'gamma'], assumptions, goal });
      return { case: c, 'C − Ĉ²': unicodeString(gap), ...decisionEvidence(d), verdict: decisionVerdict(d) };
    }),
  );
  const stepsVerdict = combineVerdicts([squaresOk && coefOk && caseBig && caseSmall ? 'proved' : 'refuted', ...(z3 ? perCase.map((p) => p.verdict) : ['inconclusive' as const])]);
  // A concrete witness with real parameters: case 1, ω₀ = 1, γ = 1/2, β = 1, ε₀ = 1/100.
  const w = { omega0: q(1), gamma: q(1, 2), beta: q(1), eps0: q(1, 100) };
  const C = w.omega0.mul(w.omega0);
  const Ch = w.gamma.mul(q(1, 2));
  const c2 = constantC2({ omega0Sq: w.omega0.mul(w.omega0), gamma: w.gamma, beta: w.beta });
  const maxC = C.compare(q(1)) >= 0 ? C : q(1);
  const at = { eps0: w.eps0, C2: c2, maxC, C, Ch };
  const den = C.sub(Ch.mul(Ch));
  const epsTheorem = w.eps0.mul(spec.c1TimesDen.evaluate(at)).div(den);
  const epsProof = proofEpsTimesDen.evaluate(at).div(den);
  const evidence: Record<string, unknown> = {
    theorem: 'ε = ε₀C₁, C₁ = (11 + 11C + 15Ĉ) ε₀ C₂² max{1,C}/(C − Ĉ²)',
    proof: 'ε = (11 + 11C + 15Ĉ) ε₀ C₂² max{1,C}/(C − Ĉ²)  (after (4.7))',
    'ε_theorem − ε_proof (× (C − Ĉ²))': unicodeString(diff),
    steps: {
      completedSquares: squaresOk,
      coefficientBounds: { '(11+11C+15Ĉ) − (11+4C+15Ĉ)': unicodeString(coefX), '(11+11C+15Ĉ) − (4+11C+15Ĉ)': unicodeString(coefV), needs: 'C ≥ 0' },
      minMaxIdentity: { 'C ≥ 1': caseBig, 'C < 1': caseSmall },
      perCase: perCase.map(({ verdict: _v, ...rest }) => rest),
    },
    notes: ['C₂ involves β, so C₁ depends on β too (the theorem says "depending on ω₀, γ").'],
  };
  const correctedC1: Corrected = {
    statement: 'ε = ε₀C₁ with C₁ = (11 + 11C + 15Ĉ) C₂² max{1, C}/(C − Ĉ²) (no ε₀ inside C₁), as the proof derives',
    verdict: stepsVerdict,
    method: z3 ? 'z3' : 'exact',
  };
  if (diff.isZero()) {
    return { verdict: stepsVerdict, method: z3 ? 'z3' : 'exact', summary: `C₁ matches the proof's ε/ε₀; proof steps ${stepsVerdict}`, evidence, corrected: null };
  }
  const nz = nonzeroPoint(diff, ['eps0', 'C2', 'maxC', 'C', 'Ch']);
  return {
    verdict: epsTheorem.equals(epsProof) && !nz ? 'inconclusive' : 'refuted',
    method: 'exact',
    summary: `printed C₁ carries an extra ε₀: ε_theorem/ε_proof = ${epsTheorem.div(epsProof)} at ω₀=1, γ=1/2, β=1, ε₀=1/100; proof's steps ${stepsVerdict}`,
    evidence,
    witness: {
      omega0: '1',
      gamma: '1/2',
      beta: '1',
      eps0: '1/100',
      C: C.toString(),
      Ch: Ch.toString(),
      C2: c2.toString(),
      epsTheorem: epsTheorem.toString(),
      epsProof: epsProof.toString(),
    },
    corrected: correctedC1,
  };
}

// ---------------------------------------------------------------- Remarks 3.1 and 3.2

const U = pv('u'); // √η
const WK = pv('w'); // √(1 − κ)
const SIGMA = pv('sigma'); // √(w² − 4ω₀²u²) = u·s
const K_STEPS = pv('k');

/**
 * `rem:3.1`: (3.7) from γ = √((1 − κ)/η), t = k√(η(1 − κ)). With u = √η, w = √(1 − κ): γ = w/u,
 * t = kuw, s = σ/u (σ = √(w² − 4ω₀²u²)); every identity is checked multiplied by u > 0.
 * `muFactor` scales the printed μ (1 = as printed; 1/2 = the proved rate).
 */
export function remark31(muFactor: Rational = q(1)): { identities: Record<string, boolean>; threshold: Decision | undefined; formulas: Record<string, string> } {
  const t = K_STEPS.mul(U).mul(WK);
  const oneMinusKappa = WK.mul(WK);
  const eta = U.mul(U);
  // u·μt in case 1: μ = f·γ, uγ = w.
  const uMuT1 = WK.mul(t).scale(muFactor);
  const rhs1 = oneMinusKappa.mul(K_STEPS).scale(muFactor).mul(U);
  // case 2: μ = f·(γ − s), uγ = w, us = σ; (3.7): ((1−κ) − √((1−κ)² − 4ω₀²(1−κ)η)) k, the root = wσ.
  const uMuT2 = WK.sub(SIGMA).mul(t).scale(muFactor);
  const radicand = oneMinusKappa.mul(oneMinusKappa).sub(W2.scale(4).mul(oneMinusKappa).mul(eta));
  const sigmaRoot: Roots = { sigma: WK.mul(WK).sub(W2.scale(4).mul(U).mul(U)) };
  const rootIsWSigma = reduceRoots(radicand.sub(WK.mul(SIGMA).pow(2)), sigmaRoot).isZero();
  const rhs2 = oneMinusKappa.sub(WK.mul(SIGMA)).mul(K_STEPS).scale(muFactor).mul(U);
  // u·s = σ is the definition of σ here ((us)² = (uγ)² − 4ω₀²u² = w² − 4ω₀²u², both ≥ 0): not a check.
  return {
    identities: {
      'case 1: μt = (1 − κ)k': uMuT1.equals(rhs1),
      'case 2: √((1−κ)² − 4ω₀²(1−κ)η) = √(1−κ)·√(1−κ − 4ω₀²η)': rootIsWSigma,
      'case 2: μt = (1 − κ)k − √((1−κ)² − 4ω₀²(1−κ)η) k': uMuT2.equals(rhs2),
    },
    threshold: undefined,
    formulas: {
      case1: muFactor.isOne() ? 'μt = (1 − κ)k' : `μt = ${muFactor}·(1 − κ)k`,
      case2: muFactor.isOne() ? 'μt = (1 − κ)k − √((1 − κ)² − 4ω₀²(1 − κ)η) k' : `μt = ${muFactor}·((1 − κ) − √((1 − κ)² − 4ω₀²(1 − κ)η)) k`,
    },
  };
}

/** Threshold: γ < 2ω₀ ⟺ η > (1 − κ)/(4ω₀²), i.e. w < 2ω₀u ⟺ 4ω₀²u² > w² (u, w, ω₀ > 0). */
async function thresholdDecision(z3: Z3Decider | undefined): Promise<Decision | undefined> {
  const lhs = atom(OMEGA0.scale(2).mul(U).sub(WK), '>');
  const rhs = atom(W2.scale(4).mul(U).mul(U).sub(WK.mul(WK)), '>');
  return decideWith(z3, {
    variables: ['u', 'w', 'omega0'],
    assumptions: and(atom(U, '>'), atom(WK, '>'), atom(OMEGA0, '>')),
    goal: and(or2(not(lhs), rhs), or2(not(rhs), lhs)),
  });
}
function or2(a: ReturnType<typeof atom>, b: ReturnType<typeof atom>) {
  return { kind: 'or' as const, args: [a, b] };
}

export async function checkRemark31(ctx: CheckContext, muFactor: Rational = q(1)): Promise<CheckResult> {
  const z3 = await getZ3(ctx);
  const printed = remark31(muFactor);
  const proved = remark31(q(1, 2));
  const threshold = await thresholdDecision(z3);
  const ok = Object.values(printed.identities).every(Boolean);
  // Exact: 4ω₀²u² − w² = (2ω₀u − w)(2ω₀u + w) with 2ω₀u + w > 0, so the two sides have the same sign.
  const thresholdExact = W2.scale(4).mul(U).mul(U).sub(WK.mul(WK)).equals(OMEGA0.scale(2).mul(U).sub(WK).mul(OMEGA0.scale(2).mul(U).add(WK)));
  const z3Threshold = threshold ? decisionVerdict(threshold) : undefined;
  const tv = thresholdExact ? (z3Threshold === 'refuted' ? 'error' : 'proved') : (z3Threshold ?? 'inconclusive');
  const evidence = {
    substitution: 'γ = √((1−κ)/η) = w/u, t = k√(η(1−κ)) = kuw, u = √η, w = √(1−κ), s = √(γ²−4ω₀²) = σ/u',
    identities: printed.identities,
    threshold: { statement: 'γ < 2ω₀ ⟺ η > (1 − κ)/(4ω₀²)', exact: thresholdExact ? '4ω₀²u² − w² = (2ω₀u − w)(2ω₀u + w), 2ω₀u + w > 0' : 'factorisation failed', ...decisionEvidence(threshold) },
    withProvedMu: proved.formulas,
    notes: [
      'The algebra from (3.6) to (3.7) is right; it inherits (3.6)’s μ, which is twice min Re λ(Q) (thm:3.1:case1/2).',
      'Figure 3.1 quotes the threshold (1−κ)/4 = 0.005 for κ = 0.98, i.e. ω₀ = 1; its f(θ) = θ² has ∇f = 2θ, ω₀² = 2, threshold 0.0025.',
    ],
  };
  const verdict = combineVerdicts([ok ? 'proved' : 'refuted', tv]);
  return {
    verdict,
    method: 'exact',
    summary: ok ? `(3.7) follows from (3.6) exactly (threshold ${tv}); with the proved μ: ${proved.formulas.case1}` : '(3.7) does not follow from (3.6)',
    evidence,
    corrected: {
      statement: `With μ = min Re λ(Q): ${proved.formulas.case1} (η > (1−κ)/(4ω₀²)); ${proved.formulas.case2} (η < (1−κ)/(4ω₀²))`,
      verdict: Object.values(proved.identities).every(Boolean) ? 'proved' : 'refuted',
      method: 'exact',
    },
  };
}

/**
 * `rem:3.2`: with SGD's e^{−2k} and ASGD's e^{−2(1−κ)mk}, ASGD decays faster iff (1 − κ)m > 1
 * (k > 0). The SGD rate e^{−2k} is (3.7) at κ = 0 (no staleness), so a correction of μ applies to
 * both: with the proved μ, SGD decays as e^{−k} and ASGD as e^{−(1−κ)mk}.
 * `asgdFactor`, `sgdFactor`: the exponents' factors of (1 − κ)mk and k (2 and 2 as printed).
 */
export async function checkRemark32(ctx: CheckContext, asgdFactor: Rational = q(2), threshold: Rational = q(1), sgdFactor: Rational = q(2)): Promise<CheckResult> {
  const z3 = await getZ3(ctx);
  const kappa = pv('kappa');
  const m = pv('m');
  const k = K_STEPS;
  const faster = (fa: Rational, fs: Rational) => atom(pc(1).sub(kappa).mul(m).mul(k).scale(fa).sub(k.scale(fs)), '>');
  const cond = (th: Rational) => atom(pc(1).sub(kappa).mul(m).sub(pc(th)), '>');
  const iff = (a: ReturnType<typeof atom>, b: ReturnType<typeof atom>) => and(or2(not(a), b), or2(not(b), a));
  const assumptions = and(atom(kappa, '>'), atom(pc(1).sub(kappa), '>'), atom(m, '>'), atom(k, '>'));
  const q1 = { variables: ['kappa', 'm', 'k'], assumptions, goal: iff(faster(asgdFactor, sgdFactor), cond(threshold)) };
  const d = await decideWith(z3, q1);
  // Corrected: both rates from the proved μ (factor 1), same threshold (1 − κ)m > 1.
  const dProved = await decideWith(z3, { ...q1, goal: iff(faster(q(1), q(1)), cond(q(1))) });
  // Mixed (ASGD corrected, SGD as printed): threshold 2 — recorded to show why the mix is wrong.
  const dMixed = await decideWith(z3, { ...q1, goal: iff(faster(q(1), q(2)), cond(q(2))) });
  // exact fallback: the exponents are linear in k; a(1−κ)mk > s·k ⟺ (1−κ)m > s/a by dividing by a·k > 0.
  const exactPrinted = sgdFactor.div(asgdFactor).equals(threshold);
  const verdict: Verdict = d ? decisionVerdict(d) : exactPrinted ? 'proved' : 'refuted';
  return {
    verdict,
    method: d ? 'z3' : 'exact',
    summary: `${asgdFactor}(1−κ)mk > ${sgdFactor}k ⟺ (1−κ)m > ${threshold}: ${verdict}; the rates it uses are 2× too fast (thm:3.1), but SGD is (3.7) at κ = 0, so both halve and the threshold (1−κ)m > 1 survives`,
    evidence: {
      printedRates: 'SGD e^{−2k}; ASGD with m workers e^{−2(1−κ)mk}',
      decision: decisionEvidence(d),
      expectedStaleness: 'm > 1/(1−κ) ⟺ (1−κ)m > 1 for κ ∈ (0,1); but E[τ] = κ/(1−κ) (sec:2:staleness-mean), so the condition reads m > E[τ] + 1',
      withProvedMu: { rates: 'SGD e^{−k} (κ = 0), ASGD e^{−(1−κ)mk}', threshold: '(1−κ)m > 1', ...decisionEvidence(dProved) },
      mixedRates: { rates: 'ASGD corrected e^{−(1−κ)mk}, SGD as printed e^{−2k}', threshold: '(1−κ)m > 2', note: 'inconsistent: SGD’s e^{−2k} comes from the same (3.6) at κ = 0', ...decisionEvidence(dMixed) },
    },
    witness: d?.witness,
    corrected: {
      statement: 'With the proved μ (thm:3.1 corrected), SGD decays as e^{−k} and ASGD with m workers as e^{−(1−κ)mk}; ASGD is faster iff (1−κ)m > 1, i.e. m > E[τ] + 1 with E[τ] = κ/(1−κ)',
      verdict: dProved ? decisionVerdict(dProved) : 'proved',
      method: dProved ? 'z3' : 'exact',
    },
  };
}


// ---------------------------------------------------------------- derivations

function latexMatrix(m: PolyMatrix, roots: Roots): string {
  return `\\begin{bmatrix}${m
    .toRows()
    .map((r) => r.map((e) => reduceRoots(e, roots).toLatex(latexName)).join(' & '))
    .join(' \\\\ ')}\\end{bmatrix}`;
}

/**
 * `hypocheck derive thm:3.1:caseN`: Q and its eigenvalues (4.5), P and K of (4.4) with the
 * printed C, Ĉ, K − 2μP with the printed μ and with μ = min Re λ(Q) (4.6), and their determinants.
 */
export function deriveCase(c: CaseId): DerivationStep[] {
  const printed = printedConstants(c);
  const proved = provedConstants(c);
  const roots = printed.roots;
  const sub = c === 'case3' ? criticalGamma : {};
  const at = (m: PolyMatrix) => m.map((e) => reduceRoots(e.subs(sub), roots));
  const Q = at(driftMatrixQ());
  const P = at(lyapunovMatrixP({ C: printed.C, Ch: printed.Ch }));
  const K = at(lyapunovMatrixK({ C: printed.C, Ch: printed.Ch }));
  const gapPrinted = at(lyapunovGap(printed.mu, { C: printed.C, Ch: printed.Ch }));
  const Pp = at(lyapunovMatrixP({ C: proved.C, Ch: proved.Ch }));
  const gapProved = at(lyapunovGap(proved.mu, { C: proved.C, Ch: proved.Ch }));
  const u = (p: Poly) => unicodeString(reduceRoots(p.subs(sub), roots));
  const steps: DerivationStep[] = [
    {
      title: 'Q of (4.5) and its eigenvalues',
      text: `Q = ${unicodeMatrix(Q)}\ndet(λI − Q) = λ² − γλ + ω₀², so λ = (γ ± √(γ² − 4ω₀²))/2 and min Re λ(Q) = ${c === 'case1' ? 'γ/2' : c === 'case2' ? '(γ − s)/2, s = √(γ² − 4ω₀²)' : 'ω₀ = γ/2 (a double, defective eigenvalue)'}`,
      latex: `Q = ${latexMatrix(Q, roots)},\\quad \\lambda^2 - \\gamma\\lambda + \\omega_0^2 = 0`,
    },
    c === 'case3'
      ? { title: 'the printed case gives no C(δ), Ĉ(δ)', text: 'For any C, Ĉ: tr(adj P · (K − 2μP)) = (2γ − 4μ) det P, so K ⪰ 2μP with P ≻ 0 forces μ ≤ γ/2; the printed μ = γ − δ exceeds γ/2 for δ < γ/2.' }
      : {
          title: 'P and K of (4.4) with the printed C, Ĉ',
          text: `C = ${u(printed.C)}, Ĉ = ${u(printed.Ch)}\nP = ${unicodeMatrix(P)}, det P = ${u(P.det())}\nK = QP + PQᵀ = ${unicodeMatrix(K)}`,
          latex: `P = ${latexMatrix(P, roots)},\\quad K = ${latexMatrix(K, roots)}`,
        },
    ...(c === 'case3'
      ? []
      : [
          {
            title: `K − 2μP with the printed μ = ${u(printed.mu)}`,
            text: `K − 2μP = ${unicodeMatrix(gapPrinted)}\n(1,1) entry ${u(gapPrinted.toRows()[0][0])}, det = ${u(gapPrinted.det())}: not ⪰ 0 (thm:3.1:${c} decides it for all parameters with Z3)`,
            latex: `K - 2\\mu P = ${latexMatrix(gapPrinted, roots)}`,
          },
        ]),
    {
      title: `the proved rate μ = ${u(proved.mu)}${c === 'case3' ? ' with C(δ) = ω₀² + 2δ², Ĉ(δ) = ω₀' : ' = min Re λ(Q)'}`,
      text: `P = ${unicodeMatrix(Pp)}, det P = ${u(Pp.det())}\nK − 2μP = ${unicodeMatrix(gapProved)}\n(1,1) entry ${u(gapProved.toRows()[0][0])}, det = ${u(gapProved.det())} ≥ 0: K ⪰ 2μP`,
      latex: `K - 2\\mu P = ${latexMatrix(gapProved, roots)}`,
    },
  ];
  return steps;
}

// ---------------------------------------------------------------- claims

export const claims: Claim[] = [
  {
    id: 'thm:3.1:case1',
    source: 'Theorem 3.1, (3.6); (4.6)',
    statement: 'When γ < 2ω₀: μ = γ, C = ω₀², Ĉ = γ/2 — with P ≻ 0 and K ≥ 2μP (K, P of (4.4))',
    latex: '\\gamma < 2\\omega_0:\\ \\mu=\\gamma,\\ C=\\omega_0^2,\\ \\hat C=\\gamma/2,\\quad K \\succeq 2\\mu P,\\ P \\succ 0',
    hypotheses: ['hOmegaPos: ω₀ > 0', 'hGammaPos: γ > 0', 'hBelowCritical: γ < 2ω₀'],
    uses: ['eq:4.4', 'eq:4.5'],
    check: (ctx) => checkCase(printedCase('case1'), ctx),
    derive: () => deriveCase('case1'),
  },
  {
    id: 'thm:3.1:case2',
    source: 'Theorem 3.1, (3.6); (4.6)',
    statement: 'When γ > 2ω₀: μ = γ − √(γ² − 4ω₀²), C = γ²/2 − ω₀², Ĉ = γ/2 — with P ≻ 0 and K ≥ 2μP',
    latex: '\\gamma > 2\\omega_0:\\ \\mu=\\gamma-\\sqrt{\\gamma^2-4\\omega_0^2},\\ C=\\gamma^2/2-\\omega_0^2,\\ \\hat C=\\gamma/2',
    hypotheses: ['hOmegaPos: ω₀ > 0', 'hAboveCritical: γ > 2ω₀'],
    uses: ['eq:4.4', 'eq:4.5'],
    check: (ctx) => checkCase(printedCase('case2'), ctx),
    derive: () => deriveCase('case2'),
  },
  {
    id: 'thm:3.1:case3',
    source: 'Theorem 3.1, (3.6); case 3 after (4.6)',
    statement: 'When γ = 2ω₀: ∀δ > 0 there exist C(δ), Ĉ(δ) such that the decay rate is μ = γ − δ (P ≻ 0, K ≥ 2μP)',
    latex: '\\gamma = 2\\omega_0:\\ \\forall\\delta>0\\ \\exists C(\\delta),\\hat C(\\delta):\\ K\\succeq 2(\\gamma-\\delta)P,\\ P\\succ 0',
    hypotheses: ['hOmegaPos: ω₀ > 0', 'hCritical: γ = 2ω₀', 'hDeltaPos: δ > 0'],
    uses: ['eq:4.4', 'eq:4.5'],
    check: (ctx) => checkCritical(printedCritical, ctx),
    derive: () => deriveCase('case3'),
  },
  {
    id: 'thm:3.1:constants',
    source: 'Theorem 3.1 (after (3.6)); proof after (4.7)',
    statement:
      'Theorem 3.1’s constant, ε = ε₀C₁ with C₁ = (11 + 11C + 15Ĉ) ε₀ · C₂² · max{1, C}/(C − Ĉ²), C₂ = max{1, γ, γ², βγ, βω₀²}/min{1, ω₀²}, ' +
      'agrees with the ε the proof derives after (4.7)',
    latex: 'C_1 = (11+11C+15\\hat C)\\,\\epsilon_0\\, C_2^2 \\frac{\\max\\{1,C\\}}{C-\\hat C^2}',
    hypotheses: ['hEps0Pos: ε₀ > 0', 'hCPos: C > 0', 'hGap: C − Ĉ² > 0'],
    uses: ['eq:4.3'],
    check: (ctx) => checkConstants(printedConstantsSpec, ctx),
  },
  {
    id: 'rem:3.1',
    source: 'Remark 3.1, (3.7)',
    statement:
      'With γ = √((1−κ)/η), t = k√(η(1−κ)): μt = (1−κ)k when η > (1−κ)/(4ω₀²); μt = (1−κ)k − √((1−κ)² − 4ω₀²(1−κ)η) k when η < (1−κ)/(4ω₀²)',
    latex: '\\mu t = (1-\\kappa)k \\ \\text{or}\\ (1-\\kappa)k - \\sqrt{(1-\\kappa)^2-4\\omega_0^2(1-\\kappa)\\eta}\\,k',
    hypotheses: ['hEtaPos: η > 0', 'hKappa: 0 < κ < 1', 'hOmegaPos: ω₀ > 0', 'hSteps: k ≥ 0'],
    uses: ['thm:3.1:case1', 'thm:3.1:case2'],
    check: (ctx) => checkRemark31(ctx),
  },
  {
    id: 'rem:3.2',
    source: 'Remark 3.2',
    statement: 'SGD decays as e^{−2k}, ASGD with m workers as e^{−2(1−κ)mk}; so ASGD is more efficient than SGD as long as (1−κ)m > 1',
    latex: 'e^{-2(1-\\kappa)mk} < e^{-2k} \\iff (1-\\kappa)m > 1',
    hypotheses: ['hKappa: 0 < κ < 1', 'hWorkers: m > 0', 'hSteps: k > 0', 'hAboveThreshold: η > (1−κ)/(4ω₀²)'],
    uses: ['rem:3.1'],
    check: (ctx) => checkRemark32(ctx),
  },
];

