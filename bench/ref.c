/*
 * ref.c -- C/OpenMP reference for the landauer speed benchmark (issue 7).
 *
 * Workload (identical in every implementation, see bench/README.md):
 *   overdamped Langevin, gamma = kT = 1, Euler-Maruyama, dt = 1e-3, N = 10000 steps,
 *   jun potential U(x; g, f) = 4 Eb [ -g x^2/2 + x^4/4 - A f x ], Eb = 8, A = 1,
 *   four equal linear stages: g 1->0; f 0->1; g 0->1; f 1->0,
 *   x(0) exactly Boltzmann in U(x; 1, 0),
 *   per step n: W += U(x, l_{n+1}) - U(x, l_n);  x += F(x, l_{n+1}) dt + sqrt(2 dt) xi.
 *
 * Other dt, N: build with -DDT=... -DNSTEPS=... (N a multiple of 4; duration tau = N dt).
 *
 * Usage: ref [particles [threads [seed]]]     -> one JSON line on stdout
 *        ref selftest                         -> accuracy of the polynomial log/sin/cos
 *
 * Implementation:
 *   - structure of arrays; particles in blocks of BLOCK lanes = VL (8 doubles, one AVX-512
 *     register) x UNROLL vectors; a block's x, W and RNG states live in registers for all
 *     10000 steps (block-outer, step-inner loop); blocks are handed to OpenMP threads
 *     with schedule(dynamic).
 *   - one xoshiro256+ stream per particle (lane), seeded with splitmix64 from (seed, particle
 *     index): results are bit-identical for any thread count.
 *   - normals: Box-Muller in double precision, two normals per pair of 64-bit draws, used on
 *     two consecutive steps of the same lane.  u1 in (0,1] has 52 random bits (largest
 *     |xi| = sqrt(104 ln 2) = 8.49), the angle has 54 random bits.
 *     Default: vectorised polynomial log (fdlibm e_log.c kernel) and sin/cos (fdlibm
 *     __kernel_sin/__kernel_cos on [-pi/4, pi/4] after an exact quadrant reduction); `ref
 *     selftest` measures their error against glibc (max relative error ~1e-16).
 *     Build with -DUSE_LIBM for per-lane glibc log/sin/cos on the very same random bits
 *     (impl "c-openmp-libm"): the trajectories then agree with the default build to rounding.
 *   - the per-step control coefficients are tabulated once (4 doubles per step).
 *
 * Build: gcc -O3 -march=native -fopenmp -fno-math-errno ref.c -o ref -lm
 * Needs GCC or Clang (vector extensions); AVX-512 is used when -march enables it, otherwise
 * the compiler splits the 8-lane vectors into what the target has.
 */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#define EB 8.0
#define AMP 1.0
/* The step and the step count can be set at build time (bench/accuracy runs the default
 * study, tau = DT * NSTEPS = 8, at the dt it needs: gcc -DDT=1e-4 -DNSTEPS=80000 ...). */
#ifndef DT
#define DT 1e-3
#endif
#ifndef NSTEPS
#define NSTEPS 10000
#endif
#if NSTEPS % 4 != 0
#error "NSTEPS must be a multiple of 4 (four equal stages, two steps per loop round)"
#endif

#ifndef UNROLL
#define UNROLL 2
#endif
#define VL 8
#define BLOCK (VL * UNROLL)

typedef double vd __attribute__((vector_size(VL * 8)));
typedef uint64_t vu __attribute__((vector_size(VL * 8)));
typedef int64_t vi __attribute__((vector_size(VL * 8)));

#ifdef USE_LIBM
#define IMPL_NAME "c-openmp-libm"
#else
#define IMPL_NAME "c-openmp"
#endif

/* ---------------------------------------------------------------- RNG (scalar) */
static inline uint64_t splitmix64_next(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static inline uint64_t mix64(uint64_t z) {
    uint64_t s = z;
    return splitmix64_next(&s);
}
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t xoshiro_next(uint64_t s[4]) {
    uint64_t r = s[0] + s[3], t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return r;
}
/* uniform in [0,1) with 53 bits */
static inline double u53(uint64_t s[4]) { return (double)(xoshiro_next(s) >> 11) * 0x1.0p-53; }

/* Exact Boltzmann sample of U(x; 1, 0) = Eb (x^2-1)^2 - Eb.  y = |x| by rejection from
 * N(1, 1/4^2) (density ~ exp(-8 (y-1)^2)): p/q = exp(u^2 (8 - Eb (u+2)^2)), u = y - 1,
 * which is <= 1 for all y >= 0 when Eb >= 8 (acceptance ~ 1/2 at Eb = 8); random sign. */
_Static_assert(EB >= 8.0, "the rejection envelope needs Eb >= 8");
static double sample_initial(uint64_t s[4]) {
    for (;;) {
        /* one exact normal by Marsaglia polar (scalar, startup only) */
        double a, b, r2;
        do {
            a = 2.0 * u53(s) - 1.0;
            b = 2.0 * u53(s) - 1.0;
            r2 = a * a + b * b;
        } while (r2 >= 1.0 || r2 == 0.0);
        double z = a * sqrt(-2.0 * log(r2) / r2);
        double y = 1.0 + 0.25 * z;
        if (y < 0.0) continue;
        double u = y - 1.0, up2 = u + 2.0;
        double acc = exp(u * u * (8.0 - EB * up2 * up2));
        if (u53(s) < acc) return (xoshiro_next(s) >> 63) ? -y : y;
    }
}

/* ---------------------------------------------------------------- vector math */
#define SPLAT(c) ((vd){c, c, c, c, c, c, c, c})
#define SPLATU(c) ((vu){c, c, c, c, c, c, c, c})

static inline vd vsqrt(vd v) {
#if defined(__AVX512F__)
    return (vd)_mm512_sqrt_pd((__m512d)v);
#elif defined(__AVX__)
    union { vd v; __m256d h[2]; } a = {v};
    a.h[0] = _mm256_sqrt_pd(a.h[0]);
    a.h[1] = _mm256_sqrt_pd(a.h[1]);
    return a.v;
#else
    for (int i = 0; i < VL; i++) v[i] = sqrt(v[i]);
    return v;
#endif
}

static inline vu xoshiro_v(vu *s0, vu *s1, vu *s2, vu *s3) {
    vu r = *s0 + *s3, t = *s1 << 17;
    *s2 ^= *s0; *s3 ^= *s1; *s1 ^= *s2; *s0 ^= *s3; *s2 ^= t;
    *s3 = (*s3 << 45) | (*s3 >> 19);
    return r;
}

#ifndef USE_LIBM
/* natural log for normal positive finite v (fdlibm e_log.c kernel, < 1 ulp) */
static inline vd vlog(vd v) {
    const vu bits = (vu)v;
    const vu mant = bits & SPLATU(0x000FFFFFFFFFFFFFULL);
    /* m in [sqrt(2)/2, sqrt(2)) */
    const vu big = (vu)(mant > SPLATU(0x6A09E667F3BCCULL)); /* all ones where m >= sqrt 2 */
    const vu mb = mant | (SPLATU(0x3FF0000000000000ULL) - (big & SPLATU(0x0010000000000000ULL)));
    const vi e = (vi)(bits >> 52) - (vi)SPLATU(1023) - (vi)big; /* big = -1 adds one */
    const vd k = __builtin_convertvector(e, vd);
    const vd f = (vd)mb - SPLAT(1.0);
    const vd s = f / (SPLAT(2.0) + f);
    const vd z = s * s, w = z * z;
    const vd t1 = w * (SPLAT(3.999999999940941908e-01) +
                       w * (SPLAT(2.222219843214978396e-01) + w * SPLAT(1.531383769920937332e-01)));
    const vd t2 = z * (SPLAT(6.666666666666735130e-01) +
                       w * (SPLAT(2.857142874366239149e-01) +
                            w * (SPLAT(1.818357216161805012e-01) + w * SPLAT(1.479819860511658591e-01))));
    const vd R = t1 + t2;
    const vd hfsq = SPLAT(0.5) * f * f;
    return k * SPLAT(6.93147180369123816490e-01) -
           ((hfsq - (s * (hfsq + R) + k * SPLAT(1.90821492927058770002e-10))) - f);
}
/* sin and cos for |x| <= pi/4 (fdlibm __kernel_sin / __kernel_cos coefficients) */
static inline void vsincos_k(vd x, vd *sn, vd *cs) {
    const vd z = x * x;
    const vd rs = SPLAT(8.33333333332248946124e-03) +
                  z * (SPLAT(-1.98412698298579493134e-04) +
                       z * (SPLAT(2.75573137070700676789e-06) +
                            z * (SPLAT(-2.50507602534068634195e-08) + z * SPLAT(1.58969099521155010221e-10))));
    *sn = x + (z * x) * (SPLAT(-1.66666666666666324348e-01) + z * rs);
    const vd rc = z * (SPLAT(4.16666666666666019037e-02) +
                       z * (SPLAT(-1.38888888888741095749e-03) +
                            z * (SPLAT(2.48015872894767294178e-05) +
                                 z * (SPLAT(-2.75573143513906633035e-07) +
                                      z * (SPLAT(2.08757232129817482790e-09) +
                                           z * SPLAT(-1.13596475577881948265e-11))))));
    const vd hz = SPLAT(0.5) * z, wv = SPLAT(1.0) - hz;
    *cs = wv + (((SPLAT(1.0) - wv) - hz) + z * rc);
}
#endif

/* Two standard normals per lane, pre-multiplied by sqrt(2 dt), from two 64-bit draws.
 * r1 -> u1 = 2 - [1,2) in (0,1] (52 bits); r2 -> quadrant q (top 2 bits) and
 * t in [-1/2, 1/2) (next 52 bits); theta = q pi/2 + t pi/2 is uniform on a full turn. */
static inline void normals2(vu r1, vu r2, vd *za, vd *zb) {
    const vd u1 = SPLAT(2.0) - (vd)((r1 >> 12) | SPLATU(0x3FF0000000000000ULL));
    const vd t = (vd)(((r2 << 2) >> 12) | SPLATU(0x3FF0000000000000ULL)) - SPLAT(1.5);
    const vd phi = t * SPLAT(1.57079632679489661923);
    vd lg, sn, cs;
#ifdef USE_LIBM
    for (int i = 0; i < VL; i++) {
        lg[i] = log(u1[i]);
        sn[i] = sin(phi[i]);
        cs[i] = cos(phi[i]);
    }
#else
    lg = vlog(u1);
    vsincos_k(phi, &sn, &cs);
#endif
    const vd r = vsqrt(lg * SPLAT(-4.0 * DT)); /* sqrt(2 dt) * sqrt(-2 ln u1) */
    /* (cos theta, sin theta) = q=0: (c, s); 1: (-s, c); 2: (-c, -s); 3: (s, -c) */
    const vu odd = (vu)(((r2 >> 62) & SPLATU(1)) == SPLATU(1));
    const vu a = (odd & (vu)sn) | (~odd & (vu)cs);
    const vu b = (odd & (vu)cs) | (~odd & (vu)sn);
    const vu sgn = SPLATU(0x8000000000000000ULL);
    const vu sa = ((r2 << 1) ^ r2) & sgn; /* q in {1,2} */
    const vu sb = r2 & sgn;               /* q in {2,3} */
    *za = r * (vd)(a ^ sa);
    *zb = r * (vd)(b ^ sb);
}

/* ---------------------------------------------------------------- protocol */
static void protocol(long n, double *g, double *f) {
    const long q = NSTEPS / 4;
    long s = n / q, j = n - s * q;
    if (s >= 4) { s = 3; j = q; }
    const double u = (double)j / (double)q;
    switch (s) {
    case 0: *g = 1.0 - u; *f = 0.0; break;
    case 1: *g = 0.0; *f = u; break;
    case 2: *g = u; *f = 1.0; break;
    default: *g = 1.0; *f = 1.0 - u; break;
    }
}

/* per step n: W += aw x^2 + bw x  (= U(x,l_{n+1}) - U(x,l_n));
 *             x += x (cg - c3 x^2) + cf + sqrt(2dt) xi  (= F(x, l_{n+1}) dt + ...) */
typedef struct { double aw, bw, cg, cf; } coef_t;
static coef_t coef[NSTEPS];

static void make_coef(void) {
    for (long n = 0; n < NSTEPS; n++) {
        double g0, f0, g1, f1;
        protocol(n, &g0, &f0);
        protocol(n + 1, &g1, &f1);
        coef[n].aw = -2.0 * EB * (g1 - g0);
        coef[n].bw = -4.0 * EB * AMP * (f1 - f0);
        coef[n].cg = 4.0 * EB * DT * g1;
        coef[n].cf = 4.0 * EB * DT * AMP * f1;
    }
}

/* ---------------------------------------------------------------- kernel */
static void run_block(double *restrict x, double *restrict w, uint64_t *restrict st) {
    /* st: 4 x BLOCK state words, word-major (st[k*BLOCK + lane]) */
    vd X[UNROLL], Wk[UNROLL];
    vu S0[UNROLL], S1[UNROLL], S2[UNROLL], S3[UNROLL];
    for (int j = 0; j < UNROLL; j++) {
        memcpy(&X[j], x + j * VL, sizeof(vd));
        memcpy(&Wk[j], w + j * VL, sizeof(vd));
        memcpy(&S0[j], st + 0 * BLOCK + j * VL, sizeof(vu));
        memcpy(&S1[j], st + 1 * BLOCK + j * VL, sizeof(vu));
        memcpy(&S2[j], st + 2 * BLOCK + j * VL, sizeof(vu));
        memcpy(&S3[j], st + 3 * BLOCK + j * VL, sizeof(vu));
    }
    const vd c3 = SPLAT(4.0 * EB * DT);
    for (long n = 0; n < NSTEPS; n += 2) {
        const coef_t c0 = coef[n], c1 = coef[n + 1];
#pragma GCC unroll 8
        for (int j = 0; j < UNROLL; j++) {
            const vu r1 = xoshiro_v(&S0[j], &S1[j], &S2[j], &S3[j]);
            const vu r2 = xoshiro_v(&S0[j], &S1[j], &S2[j], &S3[j]);
            vd za, zb;
            normals2(r1, r2, &za, &zb);
            vd xx = X[j], ww = Wk[j], x2;
            x2 = xx * xx;
            ww += SPLAT(c0.aw) * x2 + SPLAT(c0.bw) * xx;
            xx += xx * (SPLAT(c0.cg) - c3 * x2) + SPLAT(c0.cf) + za;
            x2 = xx * xx;
            ww += SPLAT(c1.aw) * x2 + SPLAT(c1.bw) * xx;
            xx += xx * (SPLAT(c1.cg) - c3 * x2) + SPLAT(c1.cf) + zb;
            X[j] = xx;
            Wk[j] = ww;
        }
    }
    for (int j = 0; j < UNROLL; j++) {
        memcpy(x + j * VL, &X[j], sizeof(vd));
        memcpy(w + j * VL, &Wk[j], sizeof(vd));
        memcpy(st + 0 * BLOCK + j * VL, &S0[j], sizeof(vu));
        memcpy(st + 1 * BLOCK + j * VL, &S1[j], sizeof(vu));
        memcpy(st + 2 * BLOCK + j * VL, &S2[j], sizeof(vu));
        memcpy(st + 3 * BLOCK + j * VL, &S3[j], sizeof(vu));
    }
}

/* ---------------------------------------------------------------- selftest */
#ifndef USE_LIBM
static int selftest(void) {
    uint64_t s[4], sm = 12345;
    for (int k = 0; k < 4; k++) s[k] = splitmix64_next(&sm);
    double maxlog = 0, maxsin = 0, maxcos = 0, maxabs = 0;
    const long n = 1 << 22;
    for (long i = 0; i < n; i += VL) {
        vd u, p, lg, sn, cs;
        for (int l = 0; l < VL; l++) {
            uint64_t r = xoshiro_next(s);
            /* log argument: u1 as in normals2, with the exponent spread over (0,1] */
            double v = 2.0 - (double)(1.0 + (double)(r >> 12) * 0x1.0p-52);
            if (l & 1) v = ldexp(v, -(int)(r & 31));
            u[l] = v;
            p[l] = ((double)(xoshiro_next(s) >> 11) * 0x1.0p-53 - 0.5) * 1.57079632679489661923;
        }
        lg = vlog(u);
        vsincos_k(p, &sn, &cs);
        for (int l = 0; l < VL; l++) {
            double rl = log(u[l]), rs = sin(p[l]), rc = cos(p[l]);
            if (rl != 0) { double e = fabs(lg[l] - rl) / fabs(rl); if (e > maxlog) maxlog = e; }
            else if (fabs(lg[l]) > maxabs) maxabs = fabs(lg[l]);
            if (rs != 0) { double e = fabs(sn[l] - rs) / fabs(rs); if (e > maxsin) maxsin = e; }
            double e = fabs(cs[l] - rc) / fabs(rc); if (e > maxcos) maxcos = e;
        }
    }
    printf("{\"selftest\":\"poly-vs-glibc\",\"samples\":%ld,\"log_max_rel\":%.3e,\"log_at_1_abs\":%.3e,"
           "\"sin_max_rel\":%.3e,\"cos_max_rel\":%.3e}\n", n, maxlog, maxabs, maxsin, maxcos);
    return (maxlog < 1e-14 && maxsin < 1e-14 && maxcos < 1e-14 && maxabs == 0) ? 0 : 1;
}
#endif

/* ---------------------------------------------------------------- main */
int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "selftest") == 0) {
#ifndef USE_LIBM
        return selftest();
#else
        fprintf(stderr, "selftest: build without -DUSE_LIBM\n");
        return 2;
#endif
    }
    long P = argc > 1 ? atol(argv[1]) : (1L << 17);
    int T = argc > 2 ? atoi(argv[2]) : omp_get_max_threads();
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
    if (P <= 0 || T <= 0) {
        fprintf(stderr, "usage: %s [particles [threads [seed]]] | selftest\n", argv[0]);
        return 2;
    }
    const long nb = (P + BLOCK - 1) / BLOCK;
    P = nb * BLOCK; /* rounded up to whole blocks; the reported count is what was simulated */
    omp_set_num_threads(T);
    make_coef();

    double *x = aligned_alloc(64, P * sizeof(double));
    double *w = aligned_alloc(64, P * sizeof(double));
    uint64_t *st = aligned_alloc(64, 4 * P * sizeof(uint64_t));
    if (!x || !w || !st) { fprintf(stderr, "out of memory\n"); return 1; }

    /* startup (not timed): per-particle streams and exact equilibrium initial states */
    const uint64_t seedmix = mix64(seed ^ 0x6C616E6461756572ULL);
#pragma omp parallel for schedule(static)
    for (long b = 0; b < nb; b++) {
        for (int l = 0; l < BLOCK; l++) {
            const long p = b * BLOCK + l;
            uint64_t sm = seedmix ^ mix64((uint64_t)p), s[4];
            for (int k = 0; k < 4; k++) s[k] = splitmix64_next(&sm);
            x[p] = sample_initial(s);
            w[p] = 0.0;
            for (int k = 0; k < 4; k++) st[b * 4 * BLOCK + k * BLOCK + l] = s[k];
        }
    }

    const double t0 = omp_get_wtime();
    const clock_t c0 = clock(); /* CPU time of all threads */
#pragma omp parallel for schedule(dynamic, 1)
    for (long b = 0; b < nb; b++) run_block(x + b * BLOCK, w + b * BLOCK, st + b * 4 * BLOCK);
    const double sec = omp_get_wtime() - t0;
    const double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;

    double sw = 0;
    long nerr = 0;
    for (long p = 0; p < P; p++) { sw += w[p]; nerr += x[p] < 0.0; }
    const double mean = sw / P;
    double ss = 0;
    for (long p = 0; p < P; p++) ss += (w[p] - mean) * (w[p] - mean);
    const double sem = sqrt(ss / (P - 1) / P);
    printf("{\"impl\":\"%s\",\"particles\":%ld,\"steps\":%d,\"threads\":%d,\"seconds\":%.6f,"
           "\"rate\":%.6e,\"work_mean\":%.10g,\"work_sem\":%.6g,\"error_rate\":%.10g,\"cpu_seconds\":%.6f}\n",
           IMPL_NAME, P, NSTEPS, T, sec, (double)P * NSTEPS / sec, mean, sem, (double)nerr / P, cpu);
    free(x); free(w); free(st);
    return 0;
}
