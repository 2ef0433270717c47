/**
 * Exact certificates for matrix inequalities over a parameter domain (issue 12, item 3).
 *
 * A symmetric matrix M(p) with polynomial entries (root symbols s = √R allowed) is factored as
 * Π M Πᵀ = L·D·Lᵀ for a symmetric pivot order Π, with L unit lower triangular and every entry a
 * quotient of two minors of M (no polynomial gcd needed):
 *
 *   D_k = det M[S∪k] / det M[S],   L_jk = det M[(S,j),(S,k)] / det M[S∪k],
 *
 * S the earlier pivots with a non-zero pivot. A pivot ≡ 0 whose Schur column is ≡ 0 too is a
 * legitimate zero pivot (L column e_k, D_k = 0) for ⪰; anything else ≡ 0 gives no certificate.
 *
 * Soundness: M = Πᵀ L D Lᵀ Π holds as rational functions (re-checked: the numerator of
 * L·D·Lᵀ − M is ≡ 0 modulo s² − R), and every denominator of L and D is proved > 0 on the domain,
 * so the identity holds at every domain point; then M ⪰ 0 there when every D_k ≥ 0 (≻ 0 when every
 * D_k > 0, L being invertible).
 *
 * Signs on the domain are decided by sufficient tests only (`decideSign`), each re-checked from its
 * recorded data (`checkSign`):
 * - linear equalities of the domain eliminate a variable (ℓ = c·v + …, c ≠ 0 constant);
 * - an orthant substitution: k linear atoms ℓ_i > 0 (or ≥ 0) of the domain, linearly independent,
 *   with t_i = ℓ_i(p); p = A⁻¹(t − c) is checked both ways (ℓ∘sub = id, sub∘ℓ = id), so every
 *   domain point is the image of a point of the (open/closed) orthant; a polynomial with all
 *   coefficients ≥ 0 in t is ≥ 0 there, and > 0 when a positive term uses open coordinates only;
 * - one remaining variable: a Sturm count of the distinct real roots on (0, ∞), or on the interval
 *   the domain's bounds of that variable give (ℝ without any), exactly;
 * - one root symbol s = √R ≥ 0: p = A + sB decided from the signs of A, B, R and A² − B²R.
 * Domain atoms that are not linear, or mention a root symbol, are dropped (a larger domain: sound).
 * Anything else: no certificate, never a guess.
 */
import { Rational, q } from './rational.ts';
import { Poly, pv } from './poly.ts';
import { PolyMatrix, reduceRoots, type Roots } from './matrix.ts';
import type { Formula } from './z3.ts';
import { unicodeString } from './lyapunov.ts';

// ---------------------------------------------------------------- domain

/** `poly rel 0`, normalised to >, >= or =. */
export interface DomainAtom {
  poly: Poly;
  rel: '>' | '>=' | '=';
}

/** The linear part of a domain that the certificates use, with the root symbols of the claim. */
export interface CertDomain {
  atoms: DomainAtom[];
  roots: Roots;
}

/**
 * The conjunction's atoms without root symbols (the rest is dropped: the certificate then
 * holds on a larger set, which is sound). `<`/`<=` are negated into `>`/`>=`; `!=`, `or`, `not`
 * are dropped.
 */
export function certDomain(f: Formula, roots: Roots): CertDomain {
  const atoms: DomainAtom[] = [];
  const rootNames = new Set(Object.keys(roots));
  const walk = (g: Formula) => {
    if (g.kind === 'and') g.args.forEach(walk);
    else if (g.kind === 'atom') {
      if (g.poly.variables().some((v) => rootNames.has(v))) return;
      if (g.poly.constantValue() !== undefined) return;
      if (g.rel === '>' || g.rel === '>=' || g.rel === '=') atoms.push({ poly: g.poly, rel: g.rel });
      else if (g.rel === '<') atoms.push({ poly: g.poly.neg(), rel: '>' });
      else if (g.rel === '<=') atoms.push({ poly: g.poly.neg(), rel: '>=' });
    }
  };
  walk(f);
  const seen = new Set<string>();
  return { atoms: atoms.filter((a) => (seen.has(`${a.rel}${a.poly}`) ? false : (seen.add(`${a.rel}${a.poly}`), true))), roots };
}

// ---------------------------------------------------------------- Sturm

type Uni = Rational[]; // coefficients, index = power; no trailing zeros

function uniTrim(a: Uni): Uni {
  const out = [...a];
  while (out.length && out[out.length - 1].isZero()) out.pop();
  return out;
}

/** A polynomial in at most one variable as a coefficient list (undefined for two or more). */
export function toUnivariate(p: Poly, variable?: string): Uni | undefined {
  const vars = p.variables();
  if (vars.length > 1 || (vars.length === 1 && variable !== undefined && vars[0] !== variable)) return undefined;
  const out: Rational[] = [];
  for (const t of p.termList()) {
    const e = t.mono.length ? t.mono[0][1] : 0;
    while (out.length <= e) out.push(Rational.ZERO);
    out[e] = out[e].add(t.coef);
  }
  return uniTrim(out);
}

function uniEval(a: Uni, x: Rational): Rational {
  let s = Rational.ZERO;
  for (let i = a.length - 1; i >= 0; i--) s = s.mul(x).add(a[i]);
  return s;
}
function uniDiff(a: Uni): Uni {
  return uniTrim(a.slice(1).map((c, i) => c.mul(q(i + 1))));
}
function uniRem(a: Uni, b: Uni): Uni {
  let r = [...a];
  const db = b.length - 1;
  const lb = b[db];
  while (r.length - 1 >= db && r.length) {
    const k = r.length - 1 - db;
    const f = r[r.length - 1].div(lb);
    r = r.map((c, i) => (i >= k && i - k <= db ? c.sub(f.mul(b[i - k])) : c));
    r = uniTrim(r);
  }
  return r;
}

/** Sign of a(x) for x → end (+∞ / −∞) or x → a⁺ / a⁻ at a finite end. */
function uniSignNear(a: Uni, at: Rational | '+inf' | '-inf', side: 1 | -1): number {
  if (a.length === 0) return 0;
  if (at === '+inf') return a[a.length - 1].sign();
  if (at === '-inf') return a[a.length - 1].sign() * ((a.length - 1) % 2 ? -1 : 1);
  let d = a;
  for (let k = 0; d.length; k++, d = uniDiff(d)) {
    const v = uniEval(d, at).sign();
    if (v !== 0) return v * (side < 0 && k % 2 ? -1 : 1);
  }
  return 0;
}

function sturmSequence(a: Uni): Uni[] {
  const seq: Uni[] = [a, uniDiff(a)];
  while (seq[seq.length - 1].length) {
    const r = uniRem(seq[seq.length - 2], seq[seq.length - 1]);
    if (!r.length) break;
    seq.push(r.map((c) => c.neg()));
  }
  return seq.filter((s) => s.length);
}

/**
 * The number of distinct real roots of a univariate polynomial in the open interval (lo, hi)
 * (undefined ends are ∓∞), by Sturm's theorem with one-sided signs at the ends (exact).
 */
export function countRealRoots(p: Poly, lo?: Rational, hi?: Rational): number {
  const a = toUnivariate(p);
  if (!a) throw new RangeError(`countRealRoots: ${p} is not univariate`);
  if (a.length === 0) throw new RangeError('countRealRoots: the zero polynomial');
  if (a.length === 1) return 0;
  if (lo && hi && !lo.lt(hi)) return 0;
  const seq = sturmSequence(a);
  const changes = (signs: number[]) => {
    const s = signs.filter((x) => x !== 0);
    let c = 0;
    for (let i = 1; i < s.length; i++) if (s[i] !== s[i - 1]) c++;
    return c;
  };
  const vl = changes(seq.map((s) => uniSignNear(s, lo ?? '-inf', 1)));
  const vh = changes(seq.map((s) => uniSignNear(s, hi ?? '+inf', -1)));
  return vl - vh;
}

// ---------------------------------------------------------------- signs on the domain

export type SignClaim = '>0' | '>=0';

/** x_v = expr, from the equality atom `atom` (after the earlier eliminations). */
interface Elimination {
  atom: number;
  variable: string;
  expr: Poly;
}

/** How a root-free polynomial's sign was decided. */
export type PolyProof =
  | { method: 'zero' }
  | { method: 'coefficients' | 'sturm'; eliminations: Elimination[]; atoms: number[]; names: string[]; sub: Record<string, Poly> }
  /** One variable v between bounds from atoms of the domain in v alone (none: all of ℝ). */
  | { method: 'sturm-interval'; eliminations: Elimination[]; variable: string; lo?: number; hi?: number }
  /** P = c·g + H with g rel 0 an atom of the domain, c > 0, H ≥ 0 (or > 0) by its own proof. */
  | { method: 'atom'; atom: number; c: Rational; rest: PolyProof };

type RootRule = 'A>0,B>=0' | 'A>=0,B>0,R>0' | 'A>0,B<=0,A2-B2R>0' | 'A<=0,B>0,B2R-A2>0' | 'A>=0,B>=0' | 'A>=0,B<=0,A2-B2R>=0' | 'A<=0,B>=0,B2R-A2>=0';

export interface Obligation {
  poly: Poly;
  claim: SignClaim;
  proof: SignProof;
}

export type SignProof = { kind: 'poly'; proof: PolyProof; argument: string } | { kind: 'root'; root: string; rule: RootRule; parts: Obligation[]; argument: string };

const T_PREFIX = '_t';

function applyEliminations(p: Poly, elims: readonly Elimination[]): Poly {
  let out = p;
  for (const e of elims) out = out.subs({ [e.variable]: e.expr });
  return out;
}

/** The eliminations the domain's linear equalities allow (each checked as it is made). */
function eliminations(domain: CertDomain): Elimination[] {
  const out: Elimination[] = [];
  domain.atoms.forEach((a, i) => {
    if (a.rel !== '=') return;
    const l = applyEliminations(a.poly, out);
    const v = l.variables().find((x) => l.degreeIn(x) === 1 && l.diff(x).constantValue() !== undefined);
    if (!v) return;
    const c = l.diff(v).constantValue()!;
    out.push({ atom: i, variable: v, expr: pv(v).sub(l.scale(c.inv())) });
  });
  return out;
}

function checkEliminations(elims: readonly Elimination[], domain: CertDomain): boolean {
  const done: Elimination[] = [];
  for (const e of elims) {
    const a = domain.atoms[e.atom];
    if (!a || a.rel !== '=') return false;
    const l = applyEliminations(a.poly, done);
    if (l.degreeIn(e.variable) !== 1 || e.expr.degreeIn(e.variable) !== 0) return false;
    const c = l.diff(e.variable).constantValue();
    if (!c || c.isZero()) return false;
    // ℓ = c·(v − expr) identically, so on the domain (ℓ = 0) v = expr
    if (!l.equals(pv(e.variable).sub(e.expr).scale(c))) return false;
    done.push(e);
  }
  return true;
}

/** Solve t = ℓ(x) for x (k linear atoms over k variables); undefined when singular. */
function invertLinear(atoms: readonly Poly[], vars: readonly string[], names: readonly string[]): Record<string, Poly> | undefined {
  const k = vars.length;
  // rows: ℓ_i = Σ a_ij x_j + c_i  ⇒  Σ a_ij x_j = t_i − c_i
  const A = atoms.map((l) => vars.map((v) => l.diff(v).constantValue() ?? Rational.ZERO));
  const rhs = atoms.map((l, i) => pv(names[i]).sub(Poly.constant(l.subs(Object.fromEntries(vars.map((v) => [v, 0]))).constantValue() ?? Rational.ZERO)));
  const M = A.map((r) => [...r]);
  const R = [...rhs];
  for (let col = 0; col < k; col++) {
    const piv = M.findIndex((r, i) => i >= col && !r[col].isZero());
    if (piv < 0) return undefined;
    [M[col], M[piv]] = [M[piv], M[col]];
    [R[col], R[piv]] = [R[piv], R[col]];
    const inv = M[col][col].inv();
    M[col] = M[col].map((x) => x.mul(inv));
    R[col] = R[col].scale(inv);
    for (let i = 0; i < k; i++) {
      if (i === col || M[i][col].isZero()) continue;
      const f = M[i][col];
      M[i] = M[i].map((x, j) => x.sub(f.mul(M[col][j])));
      R[i] = R[i].sub(R[col].scale(f));
    }
  }
  return Object.fromEntries(vars.map((v, j) => [v, R[j]]));
}

function* subsets(n: number, size: number, start = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= n - size; i++) for (const rest of subsets(n, size - 1, i + 1)) yield [i, ...rest];
}

/** All coefficients ≥ 0 (and, for > 0, a positive term in the open coordinates only). */
function coefficientTest(Q: Poly, claim: SignClaim, open: ReadonlySet<string>): boolean {
  const terms = Q.termList();
  if (terms.some((t) => t.coef.sign() < 0)) return false;
  if (claim === '>=0') return true;
  return terms.some((t) => t.coef.sign() > 0 && t.mono.every(([v]) => open.has(v)));
}

/** Sturm on (0, ∞) for a polynomial in one orthant coordinate (closed: also Q(0) > 0 for > 0). */
function sturmTest(Q: Poly, claim: SignClaim, open: ReadonlySet<string>): boolean {
  const vars = Q.variables();
  if (vars.length !== 1) return false;
  if (countRealRoots(Q, Rational.ZERO) !== 0) return false;
  if (Q.evaluate({ [vars[0]]: Rational.ONE }).sign() <= 0) return false;
  return claim === '>=0' || open.has(vars[0]) || Q.evaluate({ [vars[0]]: Rational.ZERO }).sign() > 0;
}

/** A bound of v from an atom c·v + e > 0 (≥ 0) in v alone: v > −e/c (c > 0) or v < −e/c (c < 0). */
function boundOf(a: DomainAtom | undefined, elims: readonly Elimination[], v: string): { side: 'lo' | 'hi'; value: Rational; open: boolean } | undefined {
  if (!a || a.rel === '=') return undefined;
  const l = applyEliminations(a.poly, elims);
  if (l.totalDegree() !== 1 || l.variables().length !== 1 || l.variables()[0] !== v) return undefined;
  const c = l.diff(v).constantValue()!;
  const value = l.subs({ [v]: Poly.ZERO }).constantValue()!.neg().div(c);
  return { side: c.sign() > 0 ? 'lo' : 'hi', value, open: a.rel === '>' };
}

/** P in one variable between the bounds: no root inside (Sturm), positive at an inner point, ends. */
function sturmIntervalTest(P: Poly, claim: SignClaim, v: string, lo?: { value: Rational; open: boolean }, hi?: { value: Rational; open: boolean }): boolean {
  if (P.variables().length !== 1 || P.variables()[0] !== v) return false;
  if (lo && hi && !lo.value.lt(hi.value)) return false;
  if (countRealRoots(P, lo?.value, hi?.value) !== 0) return false;
  const inner = lo && hi ? lo.value.add(hi.value).div(q(2)) : lo ? lo.value.add(Rational.ONE) : hi ? hi.value.sub(Rational.ONE) : Rational.ZERO;
  if (P.evaluate({ [v]: inner }).sign() <= 0) return false;
  if (claim === '>=0') return true;
  return [lo, hi].every((e) => !e || e.open || P.evaluate({ [v]: e.value }).sign() > 0);
}

function display(p: Poly): string {
  return unicodeString(p).replace(/\b_t(\d+)\b/g, 't$1');
}

function orthantText(atoms: readonly DomainAtom[], idx: readonly number[], names: readonly string[], elims: readonly Elimination[]): string {
  const parts = idx.map((a, i) => `${names[i].replace(T_PREFIX, 't')} = ${display(applyEliminations(atoms[a].poly, elims))} ${atoms[a].rel === '>' ? '> 0' : '≥ 0'}`);
  const eq = elims.map((e) => `${unicodeString(pv(e.variable))} = ${unicodeString(e.expr)}`);
  return [...eq, ...parts].join(', ');
}

function polyArgument(P: Poly, claim: SignClaim, proof: PolyProof, domain: CertDomain): string {
  const rel = claim === '>0' ? '> 0' : '≥ 0';
  if (proof.method === 'zero') return `≡ 0`;
  if (proof.method === 'atom') {
    const g = domain.atoms[proof.atom];
    const H = P.sub(g.poly.scale(proof.c));
    const atomText = `${proof.c.isOne() ? '' : `${proof.c}·`}(${unicodeString(g.poly)}), ${unicodeString(g.poly)} ${g.rel === '>' ? '> 0' : '≥ 0'} a hypothesis of the domain`;
    return H.isZero() ? `${rel}: = ${atomText}` : `${rel}: = ${atomText}, + (${unicodeString(H)}) ${polyArgument(H, claim === '>0' && g.rel !== '>' ? '>0' : '>=0', proof.rest, domain)}`;
  }
  if (proof.method === 'sturm-interval') {
    const lo = proof.lo === undefined ? undefined : boundOf(domain.atoms[proof.lo], proof.eliminations, proof.variable);
    const hi = proof.hi === undefined ? undefined : boundOf(domain.atoms[proof.hi], proof.eliminations, proof.variable);
    const iv = `${lo ? `${lo.open ? '(' : '['}${lo.value}` : '(−∞'}, ${hi ? `${hi.value}${hi.open ? ')' : ']'}` : '∞)'}`;
    return `${rel}: one variable ${unicodeString(pv(proof.variable))} ∈ ${iv}, no root inside (Sturm), positive at an inner point${proof.eliminations.length ? `, after ${orthantText(domain.atoms, [], [], proof.eliminations)}` : ''}`;
  }
  const Q = applyEliminations(P, proof.eliminations).subs(proof.sub);
  const after = orthantText(domain.atoms, proof.atoms, proof.names, proof.eliminations);
  if (proof.method === 'sturm') return `${rel}: no root on t > 0 (Sturm) and positive at t = 1, ${display(Q)}, after ${after}`;
  const n = Q.size();
  const shown = display(Q);
  if (Q.constantValue() !== undefined && !after) return `${rel}: the constant ${shown}`;
  return `${rel}: ${n === 1 ? 'the coefficient' : `all ${n} coefficients`}${shown.length <= 120 ? ` of ${shown}` : ''} ≥ 0${after ? ` after ${after}` : ''}`;
}

/** Decide `P claim 0` on the domain for a polynomial without root symbols. */
function decidePoly(P: Poly, claim: SignClaim, domain: CertDomain, allowAtoms = true): PolyProof | undefined {
  if (P.isZero()) return claim === '>=0' ? { method: 'zero' } : undefined;
  const elims = eliminations(domain);
  const Pe = applyEliminations(P, elims);
  if (Pe.isZero()) return claim === '>=0' ? { method: 'coefficients', eliminations: elims, atoms: [], names: [], sub: {} } : undefined;
  const eliminated = new Set(elims.map((e) => e.atom));
  const cand = domain.atoms.map((a, i) => ({ i, rel: a.rel, l: applyEliminations(a.poly, elims) })).filter((a) => !eliminated.has(a.i) && a.rel !== '=' && a.l.constantValue() === undefined && a.l.totalDegree() <= 1);
  const V = Pe.variables();
  if (V.some((v) => v.startsWith(T_PREFIX))) return undefined;
  let tried = 0;
  for (let size = V.length; size <= Math.min(V.length + 2, cand.length); size++) {
    for (const S of subsets(cand.length, size)) {
      if (++tried > 600) return undefined;
      const ls = S.map((k) => cand[k].l);
      const U = [...new Set([...V, ...ls.flatMap((l) => l.variables())])].sort();
      if (U.length !== size) continue;
      const names = S.map((_, i) => `${T_PREFIX}${i + 1}`);
      const sub = invertLinear(ls, U, names);
      if (!sub) continue;
      const open = new Set(names.filter((_, i) => cand[S[i]].rel === '>'));
      const Q = Pe.subs(sub);
      const atoms = S.map((k) => cand[k].i);
      if (coefficientTest(Q, claim, open)) return { method: 'coefficients', eliminations: elims, atoms, names, sub };
      if (sturmTest(Q, claim, open)) return { method: 'sturm', eliminations: elims, atoms, names, sub };
    }
  }
  if (V.length === 0 && coefficientTest(Pe, claim, new Set())) return { method: 'coefficients', eliminations: elims, atoms: [], names: [], sub: {} };
  if (V.length === 1) {
    // the tightest bounds of the one variable among the atoms in it alone
    let lo: number | undefined, hi: number | undefined;
    const tighter = (i: number, j: number | undefined, side: 'lo' | 'hi') => {
      if (j === undefined) return true;
      const bi = boundOf(domain.atoms[i], elims, V[0])!, bj = boundOf(domain.atoms[j], elims, V[0])!;
      const c = bi.value.compare(bj.value) * (side === 'lo' ? 1 : -1);
      return c > 0 || (c === 0 && bi.open && !bj.open);
    };
    domain.atoms.forEach((atom, i) => {
      const bd = boundOf(atom, elims, V[0]);
      if (bd?.side === 'lo' && tighter(i, lo, 'lo')) lo = i;
      if (bd?.side === 'hi' && tighter(i, hi, 'hi')) hi = i;
    });
    const B = (i: number | undefined) => (i === undefined ? undefined : boundOf(domain.atoms[i], elims, V[0]));
    if (sturmIntervalTest(Pe, claim, V[0], B(lo), B(hi))) return { method: 'sturm-interval', eliminations: elims, variable: V[0], ...(lo !== undefined ? { lo } : {}), ...(hi !== undefined ? { hi } : {}) };
  }
  if (allowAtoms) {
    // P = c·g + H with a (non-linear) atom g > 0 / ≥ 0 of the domain and H decided without atoms
    for (const [i, a] of domain.atoms.entries()) {
      if (a.rel === '=' || a.poly.totalDegree() <= 1) continue;
      const t = a.poly.termList()[0];
      const pt = P.termList().find((u) => u.mono.length === t.mono.length && u.mono.every(([v, e], k) => t.mono[k][0] === v && t.mono[k][1] === e));
      if (!pt) continue;
      const c = pt.coef.div(t.coef);
      if (c.sign() <= 0) continue;
      const H = P.sub(a.poly.scale(c));
      const restClaim: SignClaim = claim === '>0' && a.rel !== '>' ? '>0' : '>=0';
      const rest = decidePoly(H, restClaim, domain, false);
      if (rest) return { method: 'atom', atom: i, c, rest };
    }
  }
  return undefined;
}

/** Re-check a PolyProof from its data alone. */
function checkPoly(P: Poly, claim: SignClaim, proof: PolyProof, domain: CertDomain): boolean {
  if (proof.method === 'zero') return claim === '>=0' && P.isZero();
  if (proof.method === 'atom') {
    const a = domain.atoms[proof.atom];
    if (!a || a.rel === '=' || proof.c.sign() <= 0 || proof.rest.method === 'atom') return false;
    const restClaim: SignClaim = claim === '>0' && a.rel !== '>' ? '>0' : '>=0';
    // P = c·g + H with c > 0, g > 0 (≥ 0) on the domain, H ≥ 0 (> 0 where g ≥ 0 only and P > 0 is claimed)
    return checkPoly(P.sub(a.poly.scale(proof.c)), restClaim, proof.rest, domain);
  }
  if (!checkEliminations(proof.eliminations, domain)) return false;
  const Pe = applyEliminations(P, proof.eliminations);
  if (proof.method === 'sturm-interval') {
    const lo = proof.lo === undefined ? undefined : boundOf(domain.atoms[proof.lo], proof.eliminations, proof.variable);
    const hi = proof.hi === undefined ? undefined : boundOf(domain.atoms[proof.hi], proof.eliminations, proof.variable);
    if ((proof.lo !== undefined && lo?.side !== 'lo') || (proof.hi !== undefined && hi?.side !== 'hi')) return false;
    return sturmIntervalTest(Pe, claim, proof.variable, lo, hi);
  }
  const { atoms, names, sub } = proof;
  if (atoms.length !== names.length || new Set(atoms).size !== atoms.length) return false;
  if (new Set(names).size !== names.length || names.some((n) => !n.startsWith(T_PREFIX))) return false;
  const eliminatedVars = new Set(proof.eliminations.map((e) => e.variable));
  const ls: Poly[] = [];
  for (const a of atoms) {
    const atom = domain.atoms[a];
    if (!atom || atom.rel === '=') return false;
    ls.push(applyEliminations(atom.poly, proof.eliminations));
  }
  const vars = Object.keys(sub);
  if (vars.some((v) => v.startsWith(T_PREFIX) || eliminatedVars.has(v))) return false;
  // every variable of P and of the atoms is substituted, by polynomials in the t's only
  if (Pe.variables().some((v) => !(v in sub))) return false;
  if (ls.some((l) => l.totalDegree() > 1 || l.variables().some((v) => !(v in sub)))) return false;
  if (Object.values(sub).some((e) => e.variables().some((v) => !names.includes(v)))) return false;
  // ℓ_i(sub(t)) = t_i and sub_j(ℓ(x)) = x_j identically: the change of variables is a bijection
  if (!ls.every((l, i) => l.subs(sub).equals(pv(names[i])))) return false;
  const back = Object.fromEntries(names.map((n, i) => [n, ls[i]]));
  if (!vars.every((v) => sub[v].subs(back).equals(pv(v)))) return false;
  const open = new Set(names.filter((_, i) => domain.atoms[atoms[i]].rel === '>'));
  const Q = Pe.subs(sub);
  return proof.method === 'coefficients' ? coefficientTest(Q, claim, open) : sturmTest(Q, claim, open);
}

function rootParts(p: Poly, s: string, roots: Roots): { A: Poly; B: Poly; R: Poly } | undefined {
  const R = roots[s];
  if (!R || R.variables().some((v) => v in roots)) return undefined;
  const red = reduceRoots(p, { [s]: R });
  if (red.degreeIn(s) > 1) return undefined;
  return { A: red.subs({ [s]: Poly.ZERO }), B: red.diff(s), R };
}

const RULES: Record<RootRule, { claim: SignClaim; parts: (A: Poly, B: Poly, R: Poly) => [Poly, SignClaim][] }> = {
  'A>0,B>=0': { claim: '>0', parts: (A, B) => [[A, '>0'], [B, '>=0']] },
  'A>=0,B>0,R>0': { claim: '>0', parts: (A, B, R) => [[A, '>=0'], [B, '>0'], [R, '>0']] },
  'A>0,B<=0,A2-B2R>0': { claim: '>0', parts: (A, B, R) => [[A, '>0'], [B.neg(), '>=0'], [A.mul(A).sub(B.mul(B).mul(R)), '>0']] },
  'A<=0,B>0,B2R-A2>0': { claim: '>0', parts: (A, B, R) => [[A.neg(), '>=0'], [B, '>0'], [B.mul(B).mul(R).sub(A.mul(A)), '>0']] },
  'A>=0,B>=0': { claim: '>=0', parts: (A, B) => [[A, '>=0'], [B, '>=0']] },
  'A>=0,B<=0,A2-B2R>=0': { claim: '>=0', parts: (A, B, R) => [[A, '>=0'], [B.neg(), '>=0'], [A.mul(A).sub(B.mul(B).mul(R)), '>=0']] },
  'A<=0,B>=0,B2R-A2>=0': { claim: '>=0', parts: (A, B, R) => [[A.neg(), '>=0'], [B, '>=0'], [B.mul(B).mul(R).sub(A.mul(A)), '>=0']] },
};

/**
 * A sign proof of `p claim 0` on the domain (p may hold one root symbol), or undefined.
 * Sufficient tests only: undefined never means the claim is false.
 */
export function decideSign(p: Poly, claim: SignClaim, domain: CertDomain, cache: Map<string, SignProof | null> = new Map()): SignProof | undefined {
  const key = `${claim}|${p}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  cache.set(key, null);
  const found = decideSignUncached(p, claim, domain, cache);
  cache.set(key, found ?? null);
  return found;
}

function decideSignUncached(p: Poly, claim: SignClaim, domain: CertDomain, cache: Map<string, SignProof | null>): SignProof | undefined {
  const present = Object.keys(domain.roots).filter((s) => p.degreeIn(s) > 0);
  if (present.length === 0) {
    const proof = decidePoly(p, claim, domain);
    return proof && { kind: 'poly', proof, argument: polyArgument(p, claim, proof, domain) };
  }
  if (present.length > 1) return undefined;
  const s = present[0];
  const parts = rootParts(p, s, domain.roots);
  if (!parts) return undefined;
  const { A, B, R } = parts;
  if (B.isZero()) return decideSign(A, claim, domain, cache);
  for (const [rule, def] of Object.entries(RULES) as [RootRule, (typeof RULES)[RootRule]][]) {
    if (def.claim !== claim) continue;
    const obligations: Obligation[] = [];
    for (const [poly, c] of def.parts(A, B, R)) {
      const proof = decideSign(poly, c, domain, cache);
      if (!proof) break;
      obligations.push({ poly, claim: c, proof });
    }
    if (obligations.length === def.parts(A, B, R).length) {
      const argument = `${claim === '>0' ? '> 0' : '≥ 0'}: A + s·B with s = √(${unicodeString(R)}) ≥ 0, A = ${unicodeString(A)}, B = ${unicodeString(B)}; ${rule.replace(/A2-B2R/g, 'A² − B²R').replace(/B2R-A2/g, 'B²R − A²')}: ${obligations.map((o) => `[${unicodeString(o.poly)} ${o.proof.argument}]`).join('; ')}`;
      return { kind: 'root', root: s, rule, parts: obligations, argument };
    }
  }
  return undefined;
}

/** Re-check a sign proof from its recorded data. */
export function checkSign(p: Poly, claim: SignClaim, proof: SignProof, domain: CertDomain): boolean {
  const present = Object.keys(domain.roots).filter((s) => p.degreeIn(s) > 0);
  if (proof.kind === 'poly') return present.length === 0 && checkPoly(p, claim, proof.proof, domain);
  const parts = rootParts(p, proof.root, domain.roots);
  if (!parts || present.length !== 1 || present[0] !== proof.root) return false;
  const def = RULES[proof.rule];
  if (!def || def.claim !== claim) return false;
  const want = def.parts(parts.A, parts.B, parts.R);
  if (want.length !== proof.parts.length) return false;
  return want.every(([poly, c], i) => proof.parts[i].claim === c && proof.parts[i].poly.equals(poly) && checkSign(poly, c, proof.parts[i].proof, domain));
}

// ---------------------------------------------------------------- LDLᵀ

/** A quotient of polynomials (never reduced by a gcd: the kernel has none). */
export interface Frac {
  num: Poly;
  den: Poly;
}

export interface PivotRecord {
  /** The row/column of M this pivot eliminates. */
  index: number;
  /** D_k = num/den, den = det M[S] (1 for the first). */
  num: Poly;
  den: Poly;
  /** What the pivot must satisfy: > 0 (strict or used as a divisor), ≥ 0 (last, or a zero pivot). */
  need: SignClaim;
  numProof: SignProof;
  denProof: SignProof;
}

export interface MatrixCertificate {
  strict: boolean;
  /** The pivot order (a permutation of the rows of M). */
  order: number[];
  pivots: PivotRecord[];
  /** L in the pivot order: unit lower triangular, L[j][k] for j > k. */
  L: Frac[][];
}

export type CertifyResult = { ok: true; certificate: MatrixCertificate } | { ok: false; reason: string };

const FRAC_ZERO: Frac = { num: Poly.ZERO, den: Poly.ONE };

function* permutations(n: number): Generator<number[]> {
  const a = [...Array(n).keys()];
  yield [...a];
  // Heap's algorithm
  const c = new Array(n).fill(0);
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [a[k], a[i]] = [a[i], a[k]];
      yield [...a];
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

function minor(m: PolyMatrix, rows: readonly number[], cols: readonly number[], roots: Roots): Poly {
  if (rows.length === 0) return Poly.ONE;
  return reduceRoots(m.submatrix(rows, cols).det(), roots);
}

/** The LDLᵀ factors of M in one pivot order (minors of M), or why there are none. */
function factor(m: PolyMatrix, order: readonly number[], roots: Roots): { pivots: { index: number; num: Poly; den: Poly; zero: boolean; divides: boolean }[]; L: Frac[][] } | string {
  const n = m.rows;
  const S: number[] = [];
  const pivots: { index: number; num: Poly; den: Poly; zero: boolean; divides: boolean }[] = [];
  const L: Frac[][] = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, k) => (j === k ? { num: Poly.ONE, den: Poly.ONE } : FRAC_ZERO)));
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const den = minor(m, S, S, roots);
    const num = minor(m, [...S, i], [...S, i], roots);
    const col = order.slice(k + 1).map((j) => minor(m, [...S, j], [...S, i], roots));
    if (num.isZero()) {
      if (col.some((c) => !c.isZero())) return `pivot ${i + 1} ≡ 0 with a non-zero column`;
      pivots.push({ index: i, num, den, zero: true, divides: false });
      continue;
    }
    col.forEach((c, r) => {
      if (!c.isZero()) L[k + 1 + r][k] = { num: c, den: num };
    });
    pivots.push({ index: i, num, den, zero: false, divides: col.some((c) => !c.isZero()) });
    S.push(i);
  }
  return { pivots, L };
}

function fracAdd(a: Frac, b: Frac, roots: Roots): Frac {
  if (a.num.isZero()) return b;
  if (b.num.isZero()) return a;
  if (a.den.equals(b.den)) return { num: a.num.add(b.num), den: a.den };
  return { num: reduceRoots(a.num.mul(b.den).add(b.num.mul(a.den)), roots), den: reduceRoots(a.den.mul(b.den), roots) };
}

/**
 * Certify M ≻ 0 (strict) or M ⪰ 0 on the domain by a symbolic LDLᵀ (pivot orders tried in turn),
 * every pivot's sign decided exactly; the result is re-checked (`checkMatrixCertificate`).
 */
export function certifyMatrix(m: PolyMatrix, strict: boolean, domain: CertDomain, options: { maxOrders?: number } = {}): CertifyResult {
  const roots = domain.roots;
  if (m.rows !== m.cols) return { ok: false, reason: 'not square' };
  if (m.rows > 6) return { ok: false, reason: `${m.rows}×${m.rows}: too large for a symbolic LDLᵀ here` };
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < i; j++) if (!reduceRoots(m.get(i, j).sub(m.get(j, i)), roots).isZero()) return { ok: false, reason: 'not symmetric' };
  const cache = new Map<string, SignProof | null>();
  let reason = 'no pivot order';
  let tried = 0;
  for (const order of permutations(m.rows)) {
    if (++tried > (options.maxOrders ?? 24)) break;
    const f = factor(m, order, roots);
    if (typeof f === 'string') {
      reason = `order ${order.map((i) => i + 1).join(',')}: ${f}`;
      continue;
    }
    const records: PivotRecord[] = [];
    for (const p of f.pivots) {
      if (strict && p.zero) {
        reason = `order ${order.map((i) => i + 1).join(',')}: pivot ${p.index + 1} ≡ 0 (not ≻ 0)`;
        break;
      }
      // > 0 where strict or where L divides by it; the others (the last, zero pivots) ≥ 0 only
      const need: SignClaim = strict || p.divides ? '>0' : '>=0';
      const denProof = decideSign(p.den, '>0', domain, cache);
      const numProof = denProof && decideSign(p.num, need, domain, cache);
      if (!denProof || !numProof) {
        reason = `order ${order.map((i) => i + 1).join(',')}: the sign of pivot ${p.index + 1} = (${unicodeString(p.num)})/(${unicodeString(p.den)}) (${need === '>0' ? '> 0' : '≥ 0'} needed) is not decided by the tests here`;
        break;
      }
      records.push({ index: p.index, num: p.num, den: p.den, need, numProof, denProof });
    }
    if (records.length !== f.pivots.length) continue;
    const certificate: MatrixCertificate = { strict, order: [...order], pivots: records, L: f.L };
    if (!checkMatrixCertificate(m, certificate, domain)) return { ok: false, reason: 'a computed certificate did not re-check (kernel bug)' };
    return { ok: true, certificate };
  }
  return { ok: false, reason };
}

/**
 * Re-check a certificate from scratch: Π M Πᵀ = L·D·Lᵀ as rational functions (modulo s² − R),
 * L unit lower triangular, every denominator of L and D proved > 0, every pivot proved > 0
 * (strict, or a divisor) or ≥ 0, each sign proof re-checked.
 */
export function checkMatrixCertificate(m: PolyMatrix, c: MatrixCertificate, domain: CertDomain): boolean {
  const roots = domain.roots;
  const n = m.rows;
  if (m.cols !== n || c.order.length !== n || c.pivots.length !== n || c.L.length !== n) return false;
  if ([...c.order].sort((a, b) => a - b).some((v, i) => v !== i)) return false;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (!reduceRoots(m.get(i, j).sub(m.get(j, i)), roots).isZero()) return false;
  const positive: Poly[] = [];
  for (const [k, p] of c.pivots.entries()) {
    if (p.index !== c.order[k]) return false;
    if (c.strict && p.need !== '>0') return false;
    if (!checkSign(p.den, '>0', p.denProof, domain) || !checkSign(p.num, p.need, p.numProof, domain)) return false;
    positive.push(p.den);
    if (p.need === '>0') positive.push(p.num);
  }
  const isPositive = (d: Poly) => d.constantValue()?.sign() === 1 || positive.some((x) => x.equals(d));
  for (let j = 0; j < n; j++) {
    if (c.L[j].length !== n) return false;
    for (let k = 0; k < n; k++) {
      const e = c.L[j][k];
      if (k > j && !e.num.isZero()) return false;
      if (k === j && !e.num.equals(e.den)) return false;
      if (!e.num.isZero() && !isPositive(e.den)) return false;
    }
  }
  // (L D Lᵀ)_ab = Σ_k L_ak (num_k/den_k) L_bk, compared with M[π a][π b]
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      let sum: Frac = FRAC_ZERO;
      for (let k = 0; k <= b; k++) {
        const la = c.L[a][k], lb = c.L[b][k], p = c.pivots[k];
        if (la.num.isZero() || lb.num.isZero() || p.num.isZero()) continue;
        sum = fracAdd(sum, { num: reduceRoots(la.num.mul(p.num).mul(lb.num), roots), den: reduceRoots(la.den.mul(p.den).mul(lb.den), roots) }, roots);
      }
      const target = m.get(c.order[a], c.order[b]);
      if (!reduceRoots(sum.num.sub(target.mul(sum.den)), roots).isZero()) return false;
    }
  }
  return true;
}

/** The certificate as report evidence. */
export function certificateEvidence(c: MatrixCertificate): Record<string, unknown> {
  return {
    kind: `LDLᵀ, ${c.strict ? '≻ 0: every pivot > 0' : '⪰ 0: every pivot ≥ 0, those L divides by > 0'}`,
    order: c.order.map((i) => i + 1).join(', '),
    pivots: c.pivots.map((p, k) => ({
      pivot: `D${k + 1} (row ${p.index + 1}) = ${p.den.constantValue()?.isOne() ? unicodeString(p.num) : `(${unicodeString(p.num)}) / (${unicodeString(p.den)})`}`,
      need: p.need === '>0' ? '> 0' : '≥ 0',
      numerator: p.numProof.argument,
      ...(p.den.constantValue()?.isOne() ? {} : { denominator: p.denProof.argument }),
    })),
    recheck: 'L·D·Lᵀ = M as rational functions',
  };
}
