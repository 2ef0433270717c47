"""Independent SymPy / numpy verification of the expected verdicts in
proofs/underdamped-langevin-2018.claims.yaml (Cheng, Chatterji, Bartlett, Jordan, COLT 2018).

Run: python3 test/proofs/independent/cheng_et_al_2018.py. Exact where a verdict is `proved` or
`refuted`; the numpy part only illustrates (it decides nothing).
"""
import itertools
import numpy as np
import sympy as sp

gamma, u, m, L, h = sp.symbols('gamma u m L h', positive=True)
x1, x2, v1, v2 = sp.symbols('x1 x2 v1 v2', real=True)
f = sp.Function('f')(x1, x2)            # a generic smooth potential, d = 2
X, V = [x1, x2], [v1, v2]

def fp(p):
    """Fokker-Planck operator of dx = v dt, dv = -gamma v dt - u grad f dt + sqrt(2 gamma u) dB."""
    out = 0
    for i in range(2):
        out += -sp.diff(V[i] * p, X[i])
        out += sp.diff((gamma * V[i] + u * sp.diff(f, X[i])) * p, V[i])
        out += gamma * u * sp.diff(p, V[i], 2)
    return out

# ---- ula:fokker-planck (weak form): int (A phi) p = int phi (FP p) for all phi, p, f  -> proved
phi = sp.Function('phi')(x1, x2, v1, v2)
pp = sp.Function('p')(x1, x2, v1, v2)
def gen(g):
    out = 0
    for i in range(2):
        out += V[i] * sp.diff(g, X[i]) - (gamma * V[i] + u * sp.diff(f, X[i])) * sp.diff(g, V[i]) + gamma * u * sp.diff(g, V[i], 2)
    return out
def fp_printed(q):
    out = 0
    for i in range(2):
        out += sp.diff(-V[i] * q, X[i]) + sp.diff((gamma * V[i] + u * sp.diff(f, X[i])) * q + gamma * u * sp.diff(q, V[i]), V[i])
    return out
# lhs - rhs as an explicit divergence: sum_i D_xi(v_i phi p) + D_vi(-(gamma v_i + u f_i) phi p + gamma u (p D_vi phi - phi D_vi p))
flux = sum(sp.diff(V[i] * phi * pp, X[i]) + sp.diff(-(gamma * V[i] + u * sp.diff(f, X[i])) * phi * pp + gamma * u * (pp * sp.diff(phi, V[i]) - phi * sp.diff(pp, V[i])), V[i]) for i in range(2))
assert sp.expand(gen(phi) * pp - phi * fp_printed(pp) - flux) == 0
print('ula:fokker-planck  proved: (A phi) p - phi (FP p) is an explicit divergence (d = 2, generic f, phi, p)')

# ---- ula:invariant  p* = exp(-(f(x) + |v|^2/(2u)))  -> proved (generic f, d = 2; the terms separate per coordinate)
p_star = sp.exp(-(f + (v1**2 + v2**2) / (2 * u)))
r = sp.simplify(fp(p_star) / p_star)
print('ula:invariant  L* p / p =', r)
assert r == 0
# ---- ula:invariant:u-inverted (deliberately wrong)  exp(-(f + u|v|^2/2)) -> refuted
p_bad = sp.exp(-(f + u * (v1**2 + v2**2) / 2))
rb = sp.expand(sp.simplify(fp(p_bad) / p_bad))
print('ula:invariant:u-inverted  L* p / p =', rb)
at = {u: 2, gamma: 1, v1: 0, v2: 0}
print('  at u=2, gamma=1, v=0:', rb.subs(at))
assert rb.subs(at) != 0

# the claim file's instance f = m|x|^2/2 (d = 1): the same, and the residual of the wrong density
x, v = sp.symbols('x v', real=True)
def fp1(p):
    return -sp.diff(v * p, x) + sp.diff((gamma * v + u * m * x) * p, v) + gamma * u * sp.diff(p, v, 2)
pq = sp.exp(-m * x**2 / 2 - v**2 / (2 * u))
assert sp.simplify(fp1(pq) / pq) == 0
rq = sp.expand(sp.simplify(fp1(sp.exp(-m * x**2 / 2 - u * v**2 / 2)) / sp.exp(-m * x**2 / 2 - u * v**2 / 2)))
print('ula:invariant:quadratic  proved;  ula:invariant:u-inverted  d = 1 residual:', rq)
assert sp.expand(rq - (gamma * u**3 * v**2 - gamma * u * v**2 - gamma * u**2 + gamma + (1 - u**2) * m * x * v)) == 0

# ---- ula:moments:x, ula:moments:v  (f = m|x|^2/2): p* = N(0, I/m) x N(0, uI) -> E|x|^2 = d/m, E|v|^2 = d u (proved, equality)
for dd in (1, 2, 3):
    xs = sp.symbols(f'y1:{dd + 1}', real=True)
    w = sp.exp(-m * sum(y**2 for y in xs) / 2)
    Z = sp.integrate(w, *[(y, -sp.oo, sp.oo) for y in xs])
    Ex = sp.simplify(sp.integrate(sum(y**2 for y in xs) * w, *[(y, -sp.oo, sp.oo) for y in xs]) / Z)
    wv = sp.exp(-sum(y**2 for y in xs) / (2 * u))
    Zv = sp.integrate(wv, *[(y, -sp.oo, sp.oo) for y in xs])
    Ev = sp.simplify(sp.integrate(sum(y**2 for y in xs) * wv, *[(y, -sp.oo, sp.oo) for y in xs]) / Zv)
    assert sp.simplify(Ex - dd / m) == 0 and sp.simplify(Ev - dd * u) == 0
    print(f'ula:moments  d = {dd}: E|x|^2 = {Ex}, E|v|^2 = {Ev}')

# ---- ula:thm5 (contraction, quadratic / per-eigenvalue form).  Synchronous coupling difference
# (z, w) = (x - y, v - v'): z' = w, w' = -gamma w - u H z, with m <= H <= L; gamma = 2, u = 1/L.
# In the coordinates (q, p) = (z, z + w): q' = p - q, p' = -p + (1 - u h) q per eigenvalue h of H.
Mq = sp.Matrix([[-1, 1], [1 - h / L, -1]])
# check the coordinate change
zz, ww = sp.symbols('zz ww')
A = sp.Matrix([[0, 1], [-h / L, -2]])                       # d/dt (z, w) with gamma=2, u=1/L
T = sp.Matrix([[1, 0], [1, 1]])                             # (q, p) = T (z, w)
assert sp.simplify(T * A * T.inv() - Mq) == sp.zeros(2)
Ms = sp.expand(L * Mq)                                      # the claim file's polynomial form (times L > 0)
print('L*M =', Ms.tolist())
def psd_on_domain(S, extra):
    # 2x2 symmetric: S >= 0 iff S11 >= 0, S22 >= 0, det >= 0. Decide with the substitution
    # h = m + a*(L - m), a in [0,1]; L = m + b, b >= 0 (the domain m <= h <= L, m > 0).
    a, b = sp.symbols('a b', nonnegative=True)
    sub = {h: m + a * b, L: m + b}
    conds = [sp.factor(sp.expand(S[0, 0].subs(sub))), sp.factor(sp.expand(S[1, 1].subs(sub))), sp.factor(sp.expand(S.det().subs(sub)))]
    return conds
S_ok = -(Ms + Ms.T) - m * sp.eye(2)
print('ula:thm5  -(LM + (LM)^T) - m I: minors on the domain', psd_on_domain(S_ok, None))
# det = (2L - m)^2 - (2L - h)^2 = (h - m)(4L - m - h) >= 0 on m <= h <= L; diagonal 2L - m > 0
assert sp.factor(S_ok.det()) in (sp.factor((h - m) * (4 * L - m - h)), sp.factor(-(h - m) * (h + m - 4 * L)))
# ---- ula:thm5:double-rate (deliberately wrong): -(LM + (LM)^T) - 2 m I >= 0 -> refuted at h = m
S_bad = -(Ms + Ms.T) - 2 * m * sp.eye(2)
w = {m: 1, L: 2, h: 1}
print('ula:thm5:double-rate  at m=1, L=2, h=1:', S_bad.subs(w).tolist(), 'det', S_bad.subs(w).det())
assert S_bad.subs(w).det() < 0
# the sharp constant of this Lyapunov function: largest c with -(LM + (LM)^T) >= c I for all h in [m, L] is c = m
c = sp.symbols('c')
print('  det at h=m as a function of c:', sp.factor((-(Ms + Ms.T) - c * sp.eye(2)).det().subs(h, m)))

# ---- ula:rate-vs-spectrum: the printed squared rate 1/kappa = m/L is at most the exact 2*mu of the
# quadratic case (f = m|x|^2/2): eigenvalues of A are -1 -+ sqrt(1 - m/L); 2 mu = 2 - 2 sqrt(1 - m/L).
# Claim: m <= 2L - 2 sqrt(L^2 - L m) for 0 < m <= L.   (1 - sqrt(1-s) >= s/2 on [0,1])
s = sp.symbols('s', nonnegative=True)
lhs = 2 - 2 * sp.sqrt(1 - s) - s
# g(s) = 2 - 2 sqrt(1-s) - s: with r = sqrt(1-s): 2 - 2r - (1 - r^2) = (1 - r)^2 >= 0
r_ = sp.symbols('r', nonnegative=True)
assert sp.expand(2 - 2 * r_ - (1 - r_**2) - (1 - r_)**2) == 0
print('ula:rate-vs-spectrum  proved: 2 - 2 sqrt(1-s) - s = (1 - sqrt(1-s))^2 >= 0')
ev = sp.Matrix([[0, 1], [-m / L, -2]]).eigenvals()
print('  eigenvalues of the quadratic case', ev)

# numpy illustration: synchronous coupling of two ODE copies with quadratic f, kappa = 10
rng = np.random.default_rng(1)
Lh, mh = 1.0, 0.1
H = np.diag([mh, 0.5, Lh])
def flow(z, w, T=20.0, n=20000):
    dt = T / n
    for _ in range(n):
        z, w = z + dt * w, w + dt * (-2 * w - H @ z / Lh)
    return z, w
z0, w0 = rng.normal(size=3), rng.normal(size=3)
zT, wT = flow(z0, w0)
E0 = z0 @ z0 + (z0 + w0) @ (z0 + w0)
ET = zT @ zT + (zT + wT) @ (zT + wT)
print('numpy: E(T)/E(0) =', ET / E0, '<= e^{-T/kappa} =', np.exp(-20 * mh / Lh))
