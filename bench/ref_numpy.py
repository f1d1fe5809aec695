#!/usr/bin/python3
"""NumPy reference for the landauer speed benchmark (issue 7); see bench/README.md.

Usage: /usr/bin/python3 bench/ref_numpy.py [particles [threads [seed]]]
Prints one JSON line.  Vectorised over all particles, one step at a time; single-threaded
(NumPy's element-wise ufuncs do not use threads), `threads` is accepted and reported as 1.
Normals: np.random.default_rng(seed) (PCG64) .standard_normal(out=...) -- ziggurat, exact
double precision.  All temporaries are preallocated; every ufunc writes into an out= buffer.
"""
import json
import os
import sys
import time

import numpy as np

EB, AMP = 8.0, 1.0
# dt and N: the benchmark's 1e-3 and 10000 unless REF_DT / REF_STEPS are set (bench/accuracy
# runs the default study, tau = N dt = 8, at the dt it needs; N a multiple of 4).
DT = float(os.environ.get("REF_DT", "1e-3"))
NSTEPS = int(os.environ.get("REF_STEPS", "10000"))
if NSTEPS <= 0 or NSTEPS % 4:
    sys.exit("ref_numpy: REF_STEPS must be a positive multiple of 4")


def protocol(n):
    """(g, f) at step index n (array), four equal linear stages."""
    q = NSTEPS // 4
    n = np.asarray(n)
    s = np.minimum(n // q, 3)
    j = n - s * q  # equals q at n = NSTEPS
    u = j / q
    g = np.select([s == 0, s == 1, s == 2, s == 3], [1.0 - u, 0.0 * u, u, 1.0 + 0.0 * u])
    f = np.select([s == 0, s == 1, s == 2, s == 3], [0.0 * u, u, 1.0 + 0.0 * u, 1.0 - u])
    return g, f


def coefficients():
    """Per step n: W += aw x^2 + bw x;  x += x (cg - c3 x^2) + cf + sqrt(2 dt) xi."""
    n = np.arange(NSTEPS + 1)
    g, f = protocol(n)
    aw = -2.0 * EB * np.diff(g)          # U(x,l1) - U(x,l0) = -4Eb (dg x^2/2 + A df x)
    bw = -4.0 * EB * AMP * np.diff(f)
    cg = 4.0 * EB * DT * g[1:]
    cf = 4.0 * EB * DT * AMP * f[1:]
    return aw, bw, cg, cf


def sample_initial(rng, p):
    """Exact Boltzmann sample of U(x;1,0) = Eb (x^2-1)^2 - Eb: |x| by rejection from
    N(1, 1/4^2), acceptance exp(u^2 (8 - Eb (u+2)^2)) <= 1 (u = |x|-1, Eb >= 8); random sign."""
    assert EB >= 8.0
    out = np.empty(0)
    while out.size < p:
        m = 2 * (p - out.size) + 1024
        y = 1.0 + 0.25 * rng.standard_normal(m)
        u = y - 1.0
        ok = (y >= 0.0) & (rng.random(m) < np.exp(u * u * (8.0 - EB * (u + 2.0) ** 2)))
        out = np.concatenate([out, y[ok]])
    out = out[:p]
    sign = np.where(rng.random(p) < 0.5, -1.0, 1.0)
    return out * sign


def main():
    p = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 16
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = np.random.default_rng(seed)
    aw, bw, cg, cf = (a.tolist() for a in coefficients())
    c3 = 4.0 * EB * DT
    s = np.sqrt(2.0 * DT)

    x = sample_initial(rng, p)
    w = np.zeros(p)
    xi = np.empty(p)
    x2 = np.empty(p)
    t = np.empty(p)
    mul, add = np.multiply, np.add

    t0, c0 = time.perf_counter(), time.process_time()
    for n in range(NSTEPS):
        rng.standard_normal(out=xi)
        mul(x, x, out=x2)
        a, b = aw[n], bw[n]
        # W += U(x, l_{n+1}) - U(x, l_n) = a x^2 + b x; in each stage one of a, b is 0
        if a != 0.0:
            mul(x2, a, out=t)
            add(w, t, out=w)
        if b != 0.0:
            mul(x, b, out=t)
            add(w, t, out=w)
        # x += F(x, l_{n+1}) dt + sqrt(2dt) xi = x (cg - c3 x^2) + cf + s xi
        mul(x2, -c3, out=t)
        add(t, cg[n], out=t)
        mul(t, x, out=t)
        if cf[n] != 0.0:
            add(t, cf[n], out=t)
        mul(xi, s, out=xi)
        add(x, t, out=x)
        add(x, xi, out=x)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0

    print(json.dumps({
        "impl": "numpy", "particles": p, "steps": NSTEPS, "threads": 1,
        "seconds": round(sec, 6), "cpu_seconds": round(cpu, 6), "rate": p * NSTEPS / sec,
        "work_mean": float(w.mean()), "work_sem": float(w.std(ddof=1) / np.sqrt(p)),
        "error_rate": float(np.count_nonzero(x < 0.0) / p),
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
