/**
 * Planted-error review (read-only reviewer, this session): false `proved` and `refuted` it found,
 * each a regression test. (1) A square root in `forall` and a different one in the claim must not
 * share a symbol (canonical root names by radicand). (2) A claim whose square root is undefined on
 * part of the domain is not proved there. (3) Several irrational roots in a solver model re-check
 * exactly (no crash).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/claims.ts';
import { claimFiles } from '../helpers/decide-file.ts';

const files = claimFiles('', 'hc-review-');
function decide(parameters: string, claim: string, extra = ''): Promise<CheckResult> {
  return files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { ${parameters} }\n${extra}claims:\n  - { id: "c:1", source: "(1)", statement: "s", ${claim} }\n`);
}

describe('square roots in hypotheses and claims never share a symbol unless their radicands are equal', () => {
  it('refutes t + √g ≥ 1.415 + √g under t > √2 (false at t = 1.4145)', async () => {
    const r = await decide('t: { domain: "real" }, g: { domain: "> 100" }', 'kind: inequality, forall: ["t > sqrt(2)"], relation: "t + sqrt(g) >= 1.415 + sqrt(g)"');
    expect(r.verdict).toBe('refuted');
  });
  it('proves t + √g ≥ 1.414 + √g under t > √2 (true), never refuted by a point outside the hypothesis', async () => {
    const r = await decide('t: { domain: "real" }, g: { domain: "(0, 1/100)" }', 'kind: inequality, forall: ["t > sqrt(2)"], relation: "t + sqrt(g) >= 1.414 + sqrt(g)"');
    expect(r.verdict).toBe('proved');
  });
  it('refutes a matrix claim under t > √2 with another root in an unused file matrix', async () => {
    const r = await decide('t: { domain: "real" }, g: { domain: "> 100" }', 'kind: matrix-inequality, forall: ["t > sqrt(2)"], claims: ["A >= 0"]', '  matrices:\n    A: [["t - 1.415", "0"], ["0", "1"]]\n    S: [["sqrt(g)", "1"], ["1", "sqrt(g)"]]\n');
    expect(r.verdict).toBe('refuted');
  });
});

describe('a claim is proved only where its expressions are defined', () => {
  it('does not prove √(−g) > 5 or √(1 − g) ≥ 1 − g on g > 0', async () => {
    expect((await decide('g: { domain: "> 0" }', 'kind: inequality, relation: "sqrt(-g) > 5"')).verdict).not.toBe('proved');
    expect((await decide('g: { domain: "> 0" }', 'kind: inequality, relation: "sqrt(1 - g) >= 1 - g"')).verdict).not.toBe('proved');
  });
  it('proves √(1 − g) ≥ 1 − g once the hypothesis g ≤ 1 is printed', async () => {
    expect((await decide('g: { domain: "> 0" }', 'kind: inequality, forall: ["g <= 1"], relation: "sqrt(1 - g) >= 1 - g"')).verdict).toBe('proved');
  });
  it('does not prove √a·√a = a for a real', async () => {
    expect((await decide('a: { domain: "real" }', 'kind: formula-identity, lhs: "sqrt(a)*sqrt(a)", rhs: "a"')).verdict).not.toBe('proved');
    expect((await decide('a: { domain: ">= 0" }', 'kind: formula-identity, lhs: "sqrt(a)*sqrt(a)", rhs: "a"')).verdict).toBe('proved');
  });
});

describe('several irrational roots', () => {
  it('refutes √a + √b > √(a + b) on a, b ≥ 0 (equality at a = 0) without a crash', async () => {
    expect((await decide('a: { domain: ">= 0" }, b: { domain: ">= 0" }', 'kind: inequality, relation: "sqrt(a) + sqrt(b) > sqrt(a + b)"')).verdict).toBe('refuted');
    expect((await decide('a: { domain: ">= 0" }, b: { domain: ">= 0" }', 'kind: inequality, relation: "sqrt(a) + sqrt(b) >= sqrt(a + b)"')).verdict).not.toBe('refuted');
  });
});

describe('identity witnesses name printed symbols only (review)', () => {
  it('e^z·e^z = e^{z²} is refuted with the exponential class, without the internal inverse symbols', async () => {
    const r = await decide('a: { domain: "> 0" }', 'kind: identity, lhs: "a*exp(z)*exp(z)/a", rhs: "exp(z^2)"', '  variables: { z: {} }\n');
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    expect(Object.keys(w).some((k) => /inv/.test(k))).toBe(false);
    expect(w.weightClass).toMatch(/exp\(/);
  });
});

describe('integral-identity: a divergence is proved only under a weight that decays in every direction (third review)', () => {
  const header = (weight: string, over: string, rhs: string, lhs = 'diff(h, z)') => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "> 0" } }\n  variables: { z: {}, y: {} }\n  functions: { h: { args: [z, y] } }\nclaims:\n  - { id: "w:1", source: x, statement: x, kind: integral-identity, lhs: "${lhs}", rhs: "${rhs}", weight: "${weight}", over: [${over}] }\n`);
  it('no weight, a linear or cubic exponent, an indefinite quadratic one: not proved (∫h′ = 2 for h = tanh; the sides diverge)', async () => {
    for (const [weight, over, rhs] of [['1', 'z', '0'], ['exp(-a*z)', 'z', 'a*h'], ['exp(-a*z^3)', 'z', '3*a*z^2*h'], ['exp(-z^2/2 - 3*z*y - y^2/2)', 'z, y', '(z + 3*y)*h'], ['exp(-z^2/2)', 'z, y', 'z*h']]) {
      const r = await header(weight, over, rhs);
      expect(r.verdict, weight).not.toBe('proved');
      expect(r.verdict, weight).not.toBe('refuted');
    }
  });
  it('Gaussian and quartic decay, and a decaying factor inside the integrand, are proved', async () => {
    expect((await header('exp(-a*z^2/2)', 'z', 'a*z*h')).verdict).toBe('proved');
    expect((await header('exp(-z^2/2 - z*y - y^2)', 'z, y', '(z + y)*h')).verdict).toBe('proved');
    expect((await header('exp(-a*z^4)', 'z', '4*a*z^3*h')).verdict).toBe('proved');
    expect((await header('1', 'z', '0', 'diff(h*exp(-z^2), z)')).verdict).toBe('proved');
  });
  it('without a decaying weight, a cited function class (test functions of compact support) makes it proved, given cited', async () => {
    const r = await files.decide(`paper: { id: r, title: R }\nsymbols:\n  variables: { z: {} }\n  functions: { h: { args: [z] } }\ncited:\n  - { id: "cite:cc", bib: "x", statement: "h has compact support" }\nclaims:\n  - { id: "w:1", source: x, statement: x, kind: integral-identity, lhs: "diff(h, z)", rhs: "0", weight: "1", over: [z], uses: ["cite:cc"] }\n`);
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('given-cited');
  });
});

describe('integral-identity: a derivative the integration cannot move is a clear input error (review)', () => {
  const energy = (over: string, along: string) =>
    decide('a: { domain: "> 0" }', `kind: integral-identity, lhs: "diff(h^2, t)", rhs: "-2*|grad(h, x)|^2", weight: "M", over: ${over}${along}`, '  variables: { x: { vector: true }, t: {} }\n  functions: { h: { args: [t, x] } }\n  definitions: ["M = exp(-a*|x|^2/2)", "OU(r) = lap(r, x) - a*dot(x, grad(r, x))"]\n');
  it('names the function, the variable and the two ways out', async () => {
    // the file is rejected when it loads (as `hypocheck lint` does), before any claim runs
    await expect(energy('[x]', '')).rejects.toThrow(/over: the integrand differentiates h in t, which is not integrated.*add t to over, or give along/);
    expect((await energy('[x]', ', along: "diff(h, t) = OU(h)"')).verdict).toBe('proved');
  });
});

describe('implicit multiplication is an input error, never a silent reading (review: 1/2a was read as a/2)', () => {
  it('rejects 1/2a, x^2y and 2(a + 1) with the fix in the message; 1/(2*a) is read as written', async () => {
    for (const lhs of ['1/2a', 'a^2b', '2(a + 1)']) {
      await expect(decide('a: { domain: "> 0" }, b: { domain: "> 0" }', `kind: formula-identity, lhs: "${lhs}", rhs: "1"`)).rejects.toThrow(/implicit multiplication .* write \*/);
    }
    expect((await decide('a: { domain: "> 0" }', 'kind: formula-identity, lhs: "1/(2*a)", rhs: "(1/a)/2"')).verdict).toBe('proved');
  });
});

describe('a witness shows every parameter its hypotheses name (review: max(p, q, a) > a refuted at a = p = 4 without q)', () => {
  it('gives q in the case p ≥ q ≥ a of max/min', async () => {
    const r = await decide('a: { domain: "> 0" }, p: { domain: "real" }, q: { domain: "real" }', 'kind: inequality, relation: "max(p, q, a) > a"');
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    expect(Object.keys(w)).toEqual(expect.arrayContaining(['a', 'p', 'q']));
    const [a, p, qq] = [w.a, w.p, w.q].map(Number);
    expect(Math.max(p, qq, a)).toBe(a); // the witness violates the claim as printed
  });
});

describe('vacuity reads only a bare |dot(ε, y)| as unbounded; a vacuous-claim is tried with every norm 0 (second review)', () => {
  const header = (claims: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { g: { domain: "> 0" }, eps0: { domain: "> 0" }, C2: { domain: "> 0" } }\n  variables: { x: { vector: true }, v: { vector: true } }\n  functions: { eps: { args: [th] } }\nclaims:\n${claims}`);
  it('a quotient, a product with 0 or a difference of |dot(ε, x)| is not shown unbounded', async () => {
    for (const qty of ['|dot(eps, x)|/(1 + |x|^2)', '0*|dot(eps, x)|', '|dot(eps, x)| - |dot(eps, x)|']) {
      const r = await header(`  - { id: "va:1", source: x, statement: x, kind: vacuity, function: eps, evaluatedAt: "x + v/g", quantities: ["${qty}"], bound: "eps0" }\n`);
      expect(r.verdict, qty).not.toBe('vacuous');
    }
    const bare = await header(`  - { id: "va:1", source: x, statement: x, kind: vacuity, function: eps, evaluatedAt: "x + v/g", quantities: ["|dot(eps, x)|"], bound: "eps0" }\n`);
    expect(bare.verdict).toBe('vacuous');
  });
  it('refutes 0 < c·N at the admissible case (DxR = 0 and N = 0)', async () => {
    const va = `  - { id: "va:1", source: x, statement: x, kind: vacuity, function: eps, evaluatedAt: "x + v/g", quantities: ["|dot(eps, x)|"], bound: "eps0" }\n`;
    const claim = (rel: string) => `  - { id: "vc:1", source: x, statement: x, kind: vacuous-claim, assumption: "va:1", relation: "${rel}", vanishing: [DxR], nonnegative: [Nx] }\n`;
    // the claim first (decide reads the first record), its vacuity assumption after it
    const all = (rel: string) => header(claim(rel) + va);
    expect((await all('DxR < eps0*C2^2*Nx')).verdict).toBe('refuted');
    expect((await all('DxR <= eps0*C2^2*Nx')).verdict).toBe('vacuous');
  });
});

describe('vacuity: a bound negative on part of the domain empties the assumption only there', () => {
  const header = (claims: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { g: { domain: "> 0" }, e0: { domain: "real" } }\n  variables: { x: { vector: true }, v: { vector: true } }\n  functions: { eps: { args: [th] } }\nclaims:\n${claims}`);
  const va = (bound: string, qty = 'max_i(|eps_i|)') => `  - { id: "va:1", source: x, statement: x, kind: vacuity, function: eps, evaluatedAt: "x + v/g", quantities: ["${qty}"], bound: "${bound}" }\n`;
  it('with no unbounded quantity: not vacuous where 0 ≤ bound; vacuous when the bound is negative on the whole domain', async () => {
    const partly = await header(va('e0'));
    expect(partly.verdict).not.toBe('vacuous');
    expect(partly.summary).toMatch(/negative at/);
    const everywhere = await header(va('-g'));
    expect(everywhere.verdict).toBe('vacuous');
    expect(everywhere.summary).toMatch(/negative on the whole domain/);
  });
  it('a vacuous-claim is not refuted at a point where its assumption admits nothing', async () => {
    // at ε ≡ 0 (R = 0) the claim reads 0 <= e0: false only where e0 < 0, where the bound 0 ≤ e0 fails too
    const claim = `  - { id: "vc:1", source: x, statement: x, kind: vacuous-claim, assumption: "va:1", relation: "R <= e0 + N", vanishing: [R], nonnegative: [N] }\n`;
    const r = await header(claim + va('e0', '|dot(eps, x)|'));
    expect(r.verdict).toBe('vacuous');
    // where the assumption admits ε ≡ 0 a false claim is still refuted
    const wrong = `  - { id: "vc:1", source: x, statement: x, kind: vacuous-claim, assumption: "va:1", relation: "R + 1 <= N", vanishing: [R], nonnegative: [N] }\n`;
    expect((await header(wrong + va('e0', '|dot(eps, x)|'))).verdict).toBe('refuted');
  });
});

describe('matrix-inequality: a hypothesis on an ∃ constant constrains it (second review)', () => {
  it('refutes ∃ c < 0: [[c, 1], [1, c]] ≻ 0 (no c < 0 works); without the hypothesis c = 2 works', async () => {
    const m = (forall: string) => decide('g: { domain: "> 0" }, c: { domain: "real" }', `kind: matrix-inequality, exists: [c]${forall}, claims: ["PE > 0"]`, '  matrices:\n    PE: [["c", "1"], ["1", "c"]]\n');
    expect((await m(', forall: ["c < 0"]')).verdict).toBe('refuted');
    expect((await m('')).verdict).not.toBe('refuted');
  });
});

describe('formula-identity: an identity is proved only where both sides are defined (second review)', () => {
  it('1/(√a + √b) = (√a − √b)/(a − b) is not proved on a, b > 0 (undefined at a = b), and is under a > b', async () => {
    const f = (forall: string) => decide('a: { domain: "> 0" }, b: { domain: "> 0" }', `kind: formula-identity${forall}, lhs: "1/(sqrt(a) + sqrt(b))", rhs: "(sqrt(a) - sqrt(b))/(a - b)"`);
    const r = await f('');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/denominator a - b is 0/);
    expect((await f(', forall: ["a > b"]')).verdict).toBe('proved');
  });
});

describe('formula-identity: a constant difference is refuted with both sides shown (second review)', () => {
  it('a + 1 = a is refuted, not an evaluation error', async () => {
    const r = await decide('a: { domain: "> 0" }', 'kind: formula-identity, lhs: "a + 1", rhs: "a"');
    expect(r.verdict).toBe('refuted');
    const w = r.witness as Record<string, string>;
    const num = (t: string) => t.split('/').map(Number).reduce((x, y) => x / y);
    expect(num(w.lhs) - num(w.rhs)).toBeCloseTo(1, 12);
  });
});

describe('identity: each side must be defined on the whole domain, as formula-identity requires (third review)', () => {
  it('(a² − 1)/(a − 1) = a + 1 is not proved on a real a (undefined at a = 1), and is under a > 1; a/a = 1 needs a ≠ 0', async () => {
    const id = (domain: string, lhs: string, rhs: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "${domain}" } }\n  variables: { x: {} }\n  functions: { f: { args: [x] } }\nclaims:\n  - { id: "i:1", source: x, statement: x, kind: identity, lhs: "${lhs}", rhs: "${rhs}" }\n`);
    const r = await id('real', '(a^2 - 1)/(a - 1)*f', '(a + 1)*f');
    expect(r.verdict).toBe('inconclusive');
    expect(r.summary).toMatch(/divisor a - 1 is 0/);
    expect((await id('> 1', '(a^2 - 1)/(a - 1)*f', '(a + 1)*f')).verdict).toBe('proved');
    expect((await id('real', 'a/a*f', 'f')).verdict).toBe('inconclusive');
    expect((await id('> 0', 'a/a*f', 'f')).verdict).toBe('proved');
  });
});

describe('integral-identity: each side must be defined on the whole domain', () => {
  it('∫ h′·(a − 1)/(a − 1) = 0 under a Gaussian is not proved over a real a (undefined at a = 1); over a > 1 it is', async () => {
    const ii = (domain: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "${domain}" } }\n  variables: { z: {} }\n  functions: { h: { args: [z] } }\nclaims:\n  - { id: "i:1", source: x, statement: x, kind: integral-identity, lhs: "(a - 1)/(a - 1)*diff(h, z)", rhs: "z*h", weight: "exp(-z^2/2)", over: [z] }\n`);
    expect((await ii('real')).verdict).toBe('inconclusive');
    expect((await ii('> 1')).verdict).toBe('proved');
  });
});

describe('claim-file errors name the field that is wrong (third review)', () => {
  const one = (fields: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "> 0" } }\nclaims:\n  - { id: "x:1", source: x, statement: x, kind: inequality, ${fields} }\n`);
  it('a bad hypothesis is reported at forall[i], not at the relation', async () => {
    await expect(one('relation: "a > 0", forall: ["a >"]')).rejects.toThrow(/forall\[0\]: /);
  });
  it('Infinity is not an exact number, reported at the relation', async () => {
    await expect(one('relation: "a > Infinity"')).rejects.toThrow(/relation: not an exact number: Infinity/);
  });
});

describe('integer parameters on a half-line are also drawn far out (third review)', () => {
  it('m(m − 1)…(m − 10) = 0 over the integers m ≥ 0 is refuted (every m ≤ 10 is a root)', async () => {
    const r = await files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { m: { domain: "integer >= 0" } }\nclaims:\n  - { id: "f:1", source: x, statement: x, kind: formula-identity, lhs: "m*(m - 1)*(m - 2)*(m - 3)*(m - 4)*(m - 5)*(m - 6)*(m - 7)*(m - 8)*(m - 9)*(m - 10)", rhs: "0" }\n`);
    expect(r.verdict).toBe('refuted');
    expect(Number((r.witness as Record<string, string>).m)).toBeGreaterThan(10);
  });
});

describe('spectral-abscissa: a discriminant that is identically 0 is one double eigenvalue (third review)', () => {
  it('min Re λ of [[a, 1], [0, a]] = a is proved (kernel), = a − 1 refuted', async () => {
    const sa = (value: string) => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { a: { domain: "real" } }\n  matrices:\n    J: [["a", "1"], ["0", "a"]]\nclaims:\n  - { id: "s:1", source: x, statement: x, kind: spectral-abscissa, matrix: "J", value: "${value}" }\n`);
    const r = await sa('a');
    expect(r.verdict).toBe('proved');
    expect(r.basis).toBe('kernel');
    expect((await sa('a - 1')).verdict).toBe('refuted');
  });
});

describe('fourth review: every dimension, cancelled classes, nested and mixed divisors, scaled points at full degree', () => {
  const file = (params: string, vars: string, fns: string, claim: string, extra = '') => files.decide(`paper: { id: r, title: R }\nsymbols:\n  parameters: { ${params} }\n${extra}  variables: { ${vars} }\n  functions: { ${fns} }\nclaims:\n  - ${claim}\n`);
  it('integral-identity checks the decay at every dimension: a weight e^{−(3−d)|x|²/2} is 1 at d = 3', async () => {
    const r = await file('a: { domain: "> 0" }', 'x: { vector: true }', 'h: { args: [x] }', '{ id: "c:1", source: x, statement: x, kind: integral-identity, lhs: "lap(h, x)", rhs: "(3 - d)*dot(x, grad(h, x))", weight: "exp(-(3 - d)*|x|^2/2)", over: [x] }', '  dimension: { name: d, check: all }\n');
    expect(r.verdict).toBe('inconclusive');
  });
  it('a generic exponent in a class that cancels in lhs − rhs still needs a cited decay hypothesis', async () => {
    const r = await file('a: { domain: "> 0" }', 'z: {}', 'h: { args: [z] }, V: { args: [z] }', '{ id: "c:1", source: x, statement: x, kind: integral-identity, lhs: "diff(h, z) + h*exp(V)", rhs: "2*z*h + h*exp(V)", weight: "exp(-z^2)", over: [z] }');
    expect(r.verdict).toBe('inconclusive');
  });
  it('a divisor in an along equation must be nonzero on the domain', async () => {
    const r = await file('a: { domain: "real" }', 'x: { vector: true }, t: {}', 'h: { args: [t, x] }', '{ id: "c:1", source: x, statement: x, kind: integral-identity, lhs: "a*diff(h^2, t)", rhs: "-2*|grad(h, x)|^2 + 2*h*dot(x, grad(h, x))", weight: "exp(-|x|^2/2)", over: [x], along: "diff(h, t) = lap(h, x)/a" }');
    expect(r.verdict).toBe('inconclusive');
  });
  it('identity: a divisor (a − 1)·z is undefined at a = 1 for every z; a divisor at d = 2 counts', async () => {
    expect((await file('a: { domain: "real" }', 'z: {}', '', '{ id: "c:1", source: x, statement: x, kind: identity, lhs: "(a^2 - 1)/(a - 1)*z^2/z", rhs: "(a + 1)*z" }')).verdict).toBe('inconclusive');
    expect((await file('a: { domain: "> 1" }', 'z: {}', '', '{ id: "c:1", source: x, statement: x, kind: identity, lhs: "(a^2 - 1)/(a - 1)*z^2/z", rhs: "(a + 1)*z" }')).verdict).toBe('proved');
    expect((await file('b: { domain: "> 3/2" }', 'x: { vector: true }', 'f: { args: [x] }', '{ id: "c:1", source: x, statement: x, kind: identity, lhs: "(b^2 - d^2)/(b - d)*f", rhs: "(b + d)*f" }', '  dimension: { name: d, check: [1, 2, 3] }\n')).verdict).toBe('inconclusive');
  });
  it('formula-identity: 1/(1/a) = a is undefined at a = 0', async () => {
    expect((await file('a: { domain: "real" }', 'z: {}', 'f: { args: [z] }', '{ id: "c:1", source: x, statement: x, kind: formula-identity, lhs: "1/(1/a)", rhs: "a" }')).verdict).toBe('inconclusive');
    expect((await file('a: { domain: "> 0" }', 'z: {}', 'f: { args: [z] }', '{ id: "c:1", source: x, statement: x, kind: formula-identity, lhs: "1/(1/a)", rhs: "a" }')).verdict).toBe('proved');
  });
  it('integral-inequality: a scaled point where only a degree-3 Hermite polynomial violates the bound refutes it (d = 1: full degree there)', async () => {
    const r = await file('a: { domain: "> 0" }', 'z: {}', 'h: { args: [z] }', '{ id: "c:1", source: x, statement: x, kind: integral-inequality, weight: "exp(-z^2/2)", relation: "5/4*(1 - 10*a)/(1 + 10*a)*norm2(grad(h, z), exp(-z^2/2)) <= 5/2*norm2(h, exp(-z^2/2))", dimension: 1, options: { points: 8 } }');
    expect(r.verdict).toBe('refuted');
  });
});
