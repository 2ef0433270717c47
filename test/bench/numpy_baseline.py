"""numpy baseline for `npm run bench` (numpy.bench.ts): plain vectorised Monte Carlo of the same
integrands at the same N, and a vectorised ASGD simulator, timed here; prints JSON on stdout.
Integrands per d: f1 = |x|^2 + |v|^2, f2 = exp(-|v|^2/2) cos(x_1), under M with omega0 = beta = 1.
"""
import json
import sys
import time

import numpy as np


def mc(d, n, seed):
    g = np.random.Generator(np.random.Philox(seed))
    t0 = time.perf_counter()
    chunk = 1 << 16
    s1 = s2 = q1 = q2 = 0.0
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        z = g.standard_normal((m, 2 * d))
        x, v = z[:, :d], z[:, d:]
        vv = np.einsum("ij,ij->i", v, v)
        f1 = np.einsum("ij,ij->i", x, x) + vv
        f2 = np.exp(-vv / 2) * np.cos(x[:, 0])
        s1 += f1.sum(); s2 += f2.sum(); q1 += (f1 * f1).sum(); q2 += (f2 * f2).sum()
    ms = (time.perf_counter() - t0) * 1000
    return {"d": d, "n": n, "ms": ms, "mean": [s1 / n, s2 / n]}


def asgd(runs, steps, eta, kappa, seed):
    """theta_{k+1} = theta_k + kappa (theta_k - theta_{k-1}) - eta (theta_k + noise), f = theta^2/2, vectorised over runs."""
    g = np.random.Generator(np.random.Philox(seed))
    t0 = time.perf_counter()
    th = np.ones(runs); prev = th.copy(); mean = np.empty(steps)
    for k in range(steps):
        nxt = th + kappa * (th - prev) - eta * (th + g.standard_normal(runs))
        prev, th = th, nxt
        mean[k] = th.mean()
    return {"runs": runs, "steps": steps, "ms": (time.perf_counter() - t0) * 1000, "last": float(mean[-1])}


if __name__ == "__main__":
    cfg = json.loads(sys.argv[1])
    out = {"mc": [mc(d, cfg["n"], 1) for d in cfg["dims"]], "asgd": asgd(cfg["runs"], cfg["steps"], 0.1, 0.5, 1)}
    print(json.dumps(out))
