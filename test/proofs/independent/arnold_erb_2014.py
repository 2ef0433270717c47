"""Independent SymPy verification of the expected verdicts in proofs/arnold-erb-2014.claims.yaml.

Run: python3 test/proofs/independent/arnold_erb_2014.py  (SymPy >= 1.12). Every check is exact
(rationals, algebraic numbers); nothing here imports hypocheck. Each block prints the claim id,
the expected verdict and the exact evidence that decides it.
"""
import sympy as sp

x1, x2, x3, x, v, t, nu, lam = sp.symbols('x1 x2 x3 x v t nu lam', real=True)

# ---- the 3x3 instance: d/dt X = -C X dt + sqrt(2D) dW,  d_t f = div(D grad f + C x f)
C = sp.Matrix([[0, -2, 0], [2, 0, -2], [0, 2, 3]])
D = sp.diag(0, 0, 1)
X = sp.Matrix([x1, x2, x3])

# Kalman / hypoellipticity (Condition B): rank [D, C^T D, (C^T)^2 D] = 3 (no ker D subspace invariant under C^T)
kal = sp.Matrix.hstack(D, C.T * D, C.T**2 * D)
assert kal.rank() == 3
# positive stability (Condition C) and the spectrum
cp = sp.factor(C.charpoly(lam).as_expr())
print('charpoly', cp)                              # (lam - 2)(lam^2 - lam + 6)
ev = C.eigenvals()
mu = min(sp.re(e) for e in ev)
assert mu == sp.Rational(1, 2)
print('ae:spectrum  min Re lambda(C) =', mu, ' eigenvalues', list(ev))

# ---- ae:steady-state:lyapunov  C K + K C^T = 2 D  with K = I/3  -> expected proved
K = sp.eye(3) / 3
assert C * K + K * C.T == 2 * D
print('ae:steady-state:lyapunov  proved: C K + K C^T - 2D =', (C * K + K * C.T - 2 * D).tolist())

# ---- ae:steady-state  f_inf = exp(-x^T K^{-1} x / 2) solves div(D grad f + C x f) = 0 -> proved
finf = sp.exp(-(X.T * K.inv() * X)[0] / 2)
flux = D * sp.Matrix([sp.diff(finf, xi) for xi in X]) + C * X * finf
div = sum(sp.diff(flux[i], X[i]) for i in range(3))
assert sp.simplify(div / finf) == 0
print('ae:steady-state  proved: L f_inf / f_inf =', sp.simplify(div / finf))
# deliberately wrong variant (covariance 3 I instead of I/3): exp(-|x|^2/6)
fbad = sp.exp(-(x1**2 + x2**2 + x3**2) / 6)
fluxb = D * sp.Matrix([sp.diff(fbad, xi) for xi in X]) + C * X * fbad
resid = sp.expand(sp.simplify(sum(sp.diff(fluxb[i], X[i]) for i in range(3)) / fbad))
print('ae:steady-state:wrong-covariance  refuted: L f / f =', resid, ' at x=0:', resid.subs({x1: 0, x2: 0, x3: 0}))
assert resid.subs({x1: 0, x2: 0, x3: 0}) != 0

# ---- Lemma 4.3 construction: P = sum_j c_j w_j w_j^*, C^T w_j = conj(lambda_j) w_j
w1 = (C.T - 2 * sp.eye(3)).nullspace()[0]
lc = sp.Rational(1, 2) - sp.sqrt(23) * sp.I / 2              # eigenvalue of C^T equal to conj(1/2 + i sqrt23/2)
w2 = (C.T - lc * sp.eye(3)).nullspace()[0]
A1 = w1 * w1.T                                             # rank one, eigenvalue 2
B2 = sp.simplify(2 * sp.re(sp.expand(w2 * w2.H)))          # real, from the pair 1/2 -+ i sqrt(23)/2
P = sp.Matrix([[9, 3, -1], [3, 13, 7], [-1, 7, 8]])       # the instance's P: weights c1 = 4, c2 = 2
assert P == 4 * A1 + 2 * B2
print('P = 4 w1 w1^T + 2 * 2Re(w2 w2^*) =', P.tolist())
# P > 0 (leading minors) and C^T P + P C - 2 mu P >= 0
assert all(P[:k, :k].det() > 0 for k in (1, 2, 3))
S = C.T * P + P * C
print('lem:4.3 C^T P + P C =', S.tolist())
Rm = S - 2 * mu * P
minors = [Rm.extract(list(I), list(I)).det() for k in (1, 2, 3) for I in __import__('itertools').combinations(range(3), k)]
print('lem:4.3  principal minors of C^T P + P C - 2 mu P:', minors, ' eigenvalues', sp.Matrix(Rm).eigenvals())
assert all(m >= 0 for m in minors)
print('lem:4.3:instance  proved (P > 0; C^T P + P C - P >= 0, singular: sharp)')
# deliberately wrong: mu replaced by the mean real part tr(C)/3 = 1
Rw = S - 2 * 1 * P
print('lem:4.3:mean-real-part  refuted: det(C^T P + P C - 2P) =', Rw.det(), ' (1,1) entry', Rw[0, 0], ' eigenvalues', [sp.N(e) for e in Rw.eigenvals()])
assert Rw[0, 0] < 0 or Rw.det() < 0
# no P at all works with 2*1: any P > 0 with C^T P + P C >= 2 mu' P forces Re lambda >= mu' for every eigenvalue
# (w^* (C^T P + P C) w ... take w = eigenvector of C: Cw = lambda w -> 2 Re(lambda) w^*Pw >= 2 mu' w^*Pw).

# real Jordan form certificate of the spectrum: C V = V J, det V != 0
a, b = sp.Rational(1, 2), sp.sqrt(23) / 2
V = sp.Matrix([[1, -3, -1], [-1, -5, 1], [2, 4, 0]])
J = sp.Matrix([[2, 0, 0], [0, a, sp.Rational(1, 2)], [0, -sp.Rational(23, 2), a]])
assert C * V == V * J and V.det() == -16
assert V * sp.Matrix([[sp.Rational(1, 4), sp.Rational(1, 4), sp.Rational(1, 2)], [-sp.Rational(1, 8), -sp.Rational(1, 8), 0], [-sp.Rational(3, 8), sp.Rational(5, 8), sp.Rational(1, 2)]]) == sp.eye(3)
assert sp.Matrix([[a, sp.Rational(1, 2)], [-sp.Rational(23, 2), a]]).eigenvals() == {a + b * sp.I: 1, a - b * sp.I: 1}
print('ae:instance:jordan  proved: C V = V J, det V =', V.det(), '; ae:instance:abscissa  proved: sigma(J block) = 1/2 +- i sqrt(23)/2')

# ---- the kinetic 2x2 example: C = [[0,-1],[1,nu]], D = diag(0, nu); f_inf = N(0, I)
C2 = sp.Matrix([[0, -1], [1, nu]])
D2 = sp.diag(0, nu)
assert sp.simplify(C2 + C2.T - 2 * D2) == sp.zeros(2)      # K = I
tr, det = C2.trace(), C2.det()
disc = sp.expand(tr**2 - 4 * det)
print('kinetic: eigenvalues', C2.eigenvals(), ' disc', disc)
rho_lt = tr            # nu < 2: 2 mu = 2 * nu/2
rho_gt = tr - sp.sqrt(disc)
print('ae:kinetic:sharp-rate  proved: 2mu = nu (nu<2), nu - sqrt(nu^2-4) (nu>2), nu=2 defective: 2(1-delta) for all delta')
# defective at nu = 2: C2 - I is nilpotent and nonzero
N2 = C2.subs(nu, 2) - sp.eye(2)
assert N2 != sp.zeros(2) and N2**2 == sp.zeros(2)
# exact slowest mode: l^T C2 = lambda l^T gives l.z decaying like e^{-lambda t}; ||h||^2 for h = l.z decays like e^{-2 Re lambda t}
# deliberately wrong: rate nu for nu > 2 (the trace instead of 2 mu): nu = 4: nu = 4 > rho = 4 - 2*sqrt(3)
print('ae:kinetic:trace-rate  refuted: nu=4: printed 4 > exact 2mu =', rho_gt.subs(nu, 4), '=', sp.N(rho_gt.subs(nu, 4)))
assert 4 > rho_gt.subs(nu, 4)
# numerical sanity of the decay of the slowest mode: expm of the adjoint on linear functions
z0 = sp.Matrix([1, 0])
for nv in (1, 4):
    Cn = C2.subs(nu, nv)
    M = sp.N((-Cn.T * 5).exp(), 30)
    print(' nu =', nv, ' |exp(-5 C^T)| spectral norm^2 ~', sp.N(max(abs(e) for e in (M.T * M).eigenvals()), 6), ' e^{-5*2mu} =', sp.N(sp.exp(-5 * (rho_lt if nv < 2 else rho_gt).subs(nu, nv)), 6))

# ---- lem:4.3:ii:kinetic  P(delta) = [[1 + 2 delta^2, 1], [1, 1]] for the defective case nu = 2  -> proved
dl = sp.symbols('delta', positive=True)
Ck2 = sp.Matrix([[0, -1], [1, 2]])
Pd = sp.Matrix([[1 + 2 * dl**2, 1], [1, 1]])
Rd = Ck2.T * Pd + Pd * Ck2 - 2 * (1 - dl) * Pd
print('lem:4.3:ii:kinetic  P11 =', Pd[0, 0], ' det P =', sp.factor(Pd.det()), ' R11 =', sp.factor(Rd[0, 0]), ' R22 =', sp.factor(Rd[1, 1]), ' det R =', sp.factor(Rd.det()))
assert sp.factor(Pd.det()) == 2 * dl**2 and sp.factor(Rd.det()) == 4 * dl**4 and sp.factor(Rd[1, 1]) == 2 * dl
assert sp.discriminant(2 * dl**2 - 2 * dl + 1, dl) < 0      # R11 = 2 delta (2 delta^2 - 2 delta + 1) > 0
# ---- lem:4.3:i:defective (deliberately wrong): no P > 0 with Ck2^T P + P Ck2 >= 2P  -> refuted
a_, b_, c_ = sp.symbols('p11 p12 p22', real=True)
Pe = sp.Matrix([[a_, b_], [b_, c_]])
N = Ck2 - sp.eye(2)
assert N != sp.zeros(2) and N**2 == sp.zeros(2)
Re_ = N.T * Pe + Pe * N
e = sp.Matrix([1, -1])
assert N * e == sp.zeros(2, 1)
print('lem:4.3:i:defective  e^T R e =', sp.expand((e.T * Re_ * e)[0]), '; R =', Re_.tolist())
# R >= 0 with e^T R e = 0 forces R e = 0:
sol = sp.solve(list(Re_ * e), [a_, b_, c_], dict=True)
print('  R e = 0 forces', sol, '-> e^T P e =', [sp.expand((e.T * Pe * e)[0].subs(s_)) for s_ in sol])
assert all(sp.expand((e.T * Pe * e)[0].subs(s_)) == 0 for s_ in sol)   # so P is not positive definite
