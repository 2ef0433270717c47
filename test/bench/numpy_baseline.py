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


def asgd(runs, steps, eta, kappa, seed, omega0_sq=2.0, offsets=(-2.0, 2.0), theta0=1.0):
    """The model of numeric/asgd.ts simulateAsgd, vectorised over runs: staleness tau ~ Geometric
    (tau = floor(ln U / ln kappa)), read = theta_{k - tau} (theta0 before the start, clamped to the
    ring of H iterates), offset b drawn uniformly, theta_{k+1} = theta_k - eta (omega0^2 read + b)."""
    g = np.random.Generator(np.random.Philox(seed))
    t0 = time.perf_counter()
    H = min(steps + 1, int(np.ceil(np.log(1e-16) / np.log(kappa))))
    hist = np.empty((H, runs)); hist[0] = theta0
    offs = np.asarray(offsets)
    cols = np.arange(runs)
    total = np.empty(steps + 1); total[0] = runs * theta0
    for k in range(steps):
        tau = np.floor(np.log(g.random(runs)) / np.log(kappa)).astype(np.int64)
        lag = np.minimum(tau, H - 1)
        read = hist[(k - lag) % H, cols]
        read = np.where(tau > k, theta0, read)
        b = offs[np.minimum(len(offs) - 1, np.floor(g.random(runs) * len(offs)).astype(np.int64))]
        th = hist[k % H] - eta * (omega0_sq * read + b)
        hist[(k + 1) % H] = th
        total[k + 1] = th.sum()
    return {"runs": runs, "steps": steps, "ms": (time.perf_counter() - t0) * 1000, "last": float(total[-1] / runs)}


def best(f, repeats):
    """The fastest of `repeats` runs (the bench times hypocheck the same way)."""
    return min((f() for _ in range(repeats)), key=lambda r: r["ms"])


if __name__ == "__main__":
    cfg = json.loads(sys.argv[1])
    k = cfg.get("repeats", 1)
    out = {"mc": [best(lambda: mc(d, cfg["n"], 1), k) for d in cfg["dims"]], "asgd": best(lambda: asgd(cfg["runs"], cfg["steps"], 0.01, 0.9, 1), k)}
    print(json.dumps(out))
