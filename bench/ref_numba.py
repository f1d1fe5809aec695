#!/usr/bin/python3
"""Numba reference for the landauer speed benchmark (issue 7); see bench/README.md.

Usage: /usr/bin/python3 bench/ref_numba.py [particles [threads [seed]]]
Prints one JSON line.  @njit(parallel=True): prange over chunks of CHUNK particles; each
chunk reseeds Numba's (per-thread) np.random state from (seed, chunk index) and then runs its
particles one after another through all steps with x and W in registers, so results do not
depend on the thread count.  Normals: Numba's np.random.standard_normal() (MT19937 + Marsaglia
polar, exact double precision), one call per particle-step.  Compilation is excluded from the
timing: the kernels are compiled and run once on a tiny problem before the timed call.
"""
import json
import os
import sys
import time

import numpy as np
from numba import njit, prange, set_num_threads

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_numpy import DT, EB, NSTEPS, coefficients  # noqa: E402  (same protocol tables)

CHUNK = 256
CACHE = bool(os.environ.get("NUMBA_CACHE_DIR"))  # bench/run points this at a temp dir


@njit(cache=CACHE)
def _chunk_seed(seed, c, salt):
    z = (seed * 0x9E3779B1 + c * 0x85EBCA77 + salt) & 0xFFFFFFFF
    z ^= z >> 16
    z = (z * 0x7FEB352D) & 0xFFFFFFFF
    z ^= z >> 15
    return z


@njit(parallel=True, cache=CACHE)
def init_kernel(p, seed, eb, x):
    """Exact Boltzmann sample of U(x;1,0) = Eb (x^2-1)^2 - Eb, as in ref.c / ref_numpy.py."""
    nch = (p + CHUNK - 1) // CHUNK
    for c in prange(nch):
        np.random.seed(_chunk_seed(seed, c, 1))
        for i in range(c * CHUNK, min(p, (c + 1) * CHUNK)):
            while True:
                y = 1.0 + 0.25 * np.random.standard_normal()
                if y < 0.0:
                    continue
                u = y - 1.0
                if np.random.random() < np.exp(u * u * (8.0 - eb * (u + 2.0) ** 2)):
                    break
            x[i] = -y if np.random.random() < 0.5 else y


@njit(parallel=True, cache=CACHE)
def step_kernel(p, seed, nsteps, aw, bw, cg, cf, c3, s, x, w):
    nch = (p + CHUNK - 1) // CHUNK
    for c in prange(nch):
        np.random.seed(_chunk_seed(seed, c, 2))
        for i in range(c * CHUNK, min(p, (c + 1) * CHUNK)):
            xx = x[i]
            ww = 0.0
            for n in range(nsteps):
                x2 = xx * xx
                ww += aw[n] * x2 + bw[n] * xx          # U(x, l_{n+1}) - U(x, l_n)
                xx += xx * (cg[n] - c3 * x2) + cf[n] + s * np.random.standard_normal()
            x[i] = xx
            w[i] = ww


def main():
    p = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 16
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count()
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    set_num_threads(threads)
    aw, bw, cg, cf = coefficients()
    c3 = 4.0 * EB * DT
    s = np.sqrt(2.0 * DT)

    # warm-up: compile both kernels (not timed)
    xw, ww = np.empty(2 * CHUNK), np.empty(2 * CHUNK)
    init_kernel(2 * CHUNK, seed, EB, xw)
    step_kernel(2 * CHUNK, seed, 10, aw, bw, cg, cf, c3, s, xw, ww)

    x, w = np.empty(p), np.empty(p)
    init_kernel(p, seed, EB, x)
    t0, c0 = time.perf_counter(), time.process_time()
    step_kernel(p, seed, NSTEPS, aw, bw, cg, cf, c3, s, x, w)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0

    print(json.dumps({
        "impl": "numba", "particles": p, "steps": NSTEPS, "threads": threads,
        "seconds": round(sec, 6), "cpu_seconds": round(cpu, 6), "rate": p * NSTEPS / sec,
        "work_mean": float(w.mean()), "work_sem": float(w.std(ddof=1) / np.sqrt(p)),
        "error_rate": float(np.count_nonzero(x < 0.0) / p),
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
