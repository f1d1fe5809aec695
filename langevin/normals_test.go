package langevin

// Tests of the integrators' per-block normal generator, normalGen, with
// the scalar kernel (Stream's ziggurat) and the best vector kernel this CPU
// runs (the Box–Muller lanes). The tests of the vector kernels themselves
// are in normalgen_test.go.
//
//	go test ./langevin/ -run NormalGen

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// genKernels returns the kernels whose generators the statistical tests
// check: the scalar one, and the best vector kernel this CPU runs (the
// vector kernels give the same numbers, TestVecFillMatchesRef).
func genKernels() []Kernel {
	ks := []Kernel{KernelScalar}
	if v := vectorKernels(); len(v) > 0 {
		ks = append(ks, v[0])
	}
	return ks
}

// eachGenKernel runs f as a subtest for each of genKernels.
func eachGenKernel(t *testing.T, f func(t *testing.T, k Kernel)) {
	t.Helper()
	for _, k := range genKernels() {
		t.Run(k.String(), func(t *testing.T) { f(t, k) })
	}
}

// genNormals returns n normals of the generator keyed by (a, b), filled
// in one call.
func genNormals(k Kernel, n int, a, b uint64) []float64 {
	g := normalGen{kern: k}
	g.seed(a, b)
	xs := make([]float64, n)
	g.fill(xs)
	return xs
}

// BenchmarkNormalGen is the generator the integrators use, with every
// kernel this CPU runs (the scalar one is also BenchmarkFillNormal):
//
//	go test ./langevin/ -run '^$' -bench NormalGen
func BenchmarkNormalGen(b *testing.B) {
	for _, k := range testKernels() {
		b.Run(k.String(), func(b *testing.B) {
			g := normalGen{kern: k}
			g.seed(1, 2)
			buf := make([]float64, DefaultBlockSize)
			b.ReportAllocs()
			for b.Loop() {
				g.fill(buf)
			}
			benchSink = buf[0]
			reportPerNormal(b, len(buf))
		})
	}
}

// The scalar path is exactly the Stream: seed(a, b) gives NewStream(a, b)'s
// FillNormal numbers, and start(src) continues src. So the default build's
// numbers are those the integrators always had.
func TestNormalGenScalarIsStream(t *testing.T) {
	g := normalGen{kern: KernelScalar}
	g.seed(3, 4)
	ref := NewStream(3, 4)
	for _, n := range []int{1, 7, 512, 1000, 33} {
		got, want := make([]float64, n), make([]float64, n)
		g.fill(got)
		ref.FillNormal(want)
		if !slices.Equal(got, want) {
			t.Fatalf("fill(%d) differs from Stream.FillNormal", n)
		}
	}
	src, ref := NewStream(5, 6), NewStream(5, 6)
	src.Uint64()
	ref.Uint64()
	g.start(src)
	got, want := make([]float64, 100), make([]float64, 100)
	g.fill(got)
	ref.FillNormal(want)
	if !slices.Equal(got, want) || g.vectorised() {
		t.Fatal("start(src) does not continue src's normals")
	}
}

// The same keys give the same numbers; fills in pieces whose lengths are
// multiples of 16 give the numbers of one fill (both paths); other keys
// give other numbers.
func TestNormalGenDeterminism(t *testing.T) {
	eachGenKernel(t, func(t *testing.T, k Kernel) {
		one := genNormals(k, 4096, 11, 12)
		if again := genNormals(k, 4096, 11, 12); !slices.Equal(one, again) {
			t.Fatal("the same keys gave different numbers")
		}
		g := normalGen{kern: k}
		g.seed(11, 12)
		pieces := make([]float64, 0, 4096)
		for _, n := range []int{16, 512, 480, 1024, 2064} {
			buf := make([]float64, n)
			g.fill(buf)
			pieces = append(pieces, buf...)
		}
		if !slices.Equal(pieces, one) {
			t.Error("fills of 16, 512, 480, 1024, 2064 differ from one fill of 4096")
		}
		kern := k
		for _, k := range [][2]uint64{{11, 13}, {12, 12}, {12, 11}} {
			if other := genNormals(kern, 4096, k[0], k[1]); slices.Equal(other[:64], one[:64]) {
				t.Errorf("keys %v give the numbers of (11, 12)", k)
			}
		}
	})
}

func TestNormalGenAllocs(t *testing.T) {
	for _, k := range testKernels() {
		g := normalGen{kern: k}
		g.seed(7, 7)
		buf := make([]float64, 4096)
		part := buf[:77]
		if a := testing.AllocsPerRun(50, func() { g.fill(buf); g.fill(part) }); a != 0 {
			t.Errorf("%v fill allocates %v times per call", k, a)
		}
		src := NewStream(1, 1)
		if a := testing.AllocsPerRun(50, func() { g.start(src) }); a != 0 {
			t.Errorf("%v start allocates %v times per call", k, a)
		}
	}
}

// Moments, χ² against the exact normal CDF over [−5, 5], and KS, on 4e6
// numbers (the checks of normal_test.go, with their 5-SE and 1e-4 levels).
func TestNormalGenDistribution(t *testing.T) {
	eachGenKernel(t, func(t *testing.T, k Kernel) {
		xs := genNormals(k, nDist, 21, 22)
		for _, p := range momentProblems(xs) {
			t.Error(p)
		}
		chi2, df, p := chiSquareP(xs)
		t.Logf("χ² = %.1f with %d df, p = %.3g", chi2, df, p)
		if p < 1e-4 {
			t.Errorf("χ² = %.1f with %d df: p = %.3g < 1e-4", chi2, df, p)
		}
		if d, crit := ksD(xs), ksCritical(nDist, 1e-4); d >= crit {
			t.Errorf("KS D = %.4g ≥ %.4g, the 1e-4 critical value", d, crit)
		}
	})
}

// Every position in the buffer modulo 16 (a lane and a half of its
// Box–Muller pair on the SIMD path) has mean 0 and variance 1, and the
// partners of a pair (positions p and p+8) and neighbours in time
// (position p in consecutive rounds) are uncorrelated: a wrong quadrant, a
// swapped or shared lane would show here before it shows in the pooled
// moments. All within 5 SE on 2^22 numbers per position.
func TestNormalGenPositions(t *testing.T) {
	eachGenKernel(t, func(t *testing.T, k Kernel) {
		const rounds = 1 << 22
		g := normalGen{kern: k}
		g.seed(31, 32)
		buf := make([]float64, 16*1024)
		var sum, sum2 [16]float64
		var pair [8]float64  // Σ x_p x_{p+8}, same round
		var next [16]float64 // Σ x_p(round) x_p(round+1)
		var prev [16]float64
		for r := 0; r < rounds; r += 1024 {
			g.fill(buf)
			for k := 0; k < len(buf); k += 16 {
				x := (*[16]float64)(buf[k : k+16])
				for p := range 16 {
					sum[p] += x[p]
					sum2[p] += x[p] * x[p]
					next[p] += prev[p] * x[p]
				}
				for p := range 8 {
					pair[p] += x[p] * x[p+8]
				}
				prev = *x
			}
		}
		n := float64(rounds)
		for p := range 16 {
			if z := sum[p] / n / math.Sqrt(1/n); math.Abs(z) > 5 {
				t.Errorf("position %d: mean %.3g is %.1f SE from 0", p, sum[p]/n, z)
			}
			if z := (sum2[p]/n - 1) / math.Sqrt(2/n); math.Abs(z) > 5 {
				t.Errorf("position %d: ⟨x²⟩ = %.5f is %.1f SE from 1", p, sum2[p]/n, z)
			}
			if z := next[p] / n / math.Sqrt(1/n); math.Abs(z) > 5 {
				t.Errorf("position %d: lag-one correlation %.3g is %.1f SE from 0", p, next[p]/n, z)
			}
		}
		for p := range 8 {
			if z := pair[p] / n / math.Sqrt(1/n); math.Abs(z) > 5 {
				t.Errorf("positions %d, %d: correlation %.3g is %.1f SE from 0", p, p+8, pair[p]/n, z)
			}
		}
	})
}

// Two-sided tails on 2^28 numbers, counted as they are made: P(|X| > 3) =
// 2.70e-3, P(|X| > 4) = 6.33e-5 (17 000 expected), P(|X| > 5) = 5.73e-7
// (154 expected, SE 12), and each tail's sign balanced; all within 5 SE.
// (P(|X| > 6) = 2e-9 needs 1e11 numbers: TestNormalTail tests the
// ziggurat's tail routine to 6σ, TestVecTails the Box–Muller tail to 7σ
// by conditioning the draws.)
func TestNormalGenTails(t *testing.T) {
	if testing.Short() {
		t.Skip("2^28 normals")
	}
	eachGenKernel(t, func(t *testing.T, k Kernel) {
		const n = 1 << 28
		cuts := []float64{3, 4, 5}
		hi, lo := make([]int, len(cuts)), make([]int, len(cuts))
		g := normalGen{kern: k}
		g.seed(41, 42)
		buf := make([]float64, 1<<14)
		for done := 0; done < n; done += len(buf) {
			g.fill(buf)
			for _, x := range buf {
				if a := math.Abs(x); a > 3 {
					for k, c := range cuts {
						if a > c {
							if x > 0 {
								hi[k]++
							} else {
								lo[k]++
							}
						}
					}
				}
			}
		}
		for k, c := range cuts {
			t.Logf("|X| > %g: %d (expected %.1f)", c, hi[k]+lo[k], n*2*upper(c))
			if s := binomialProblem(fmt.Sprintf("P(|X| > %g)", c), hi[k]+lo[k], n, 2*upper(c)); s != "" {
				t.Error(s)
			}
			if s := binomialProblem(fmt.Sprintf("P(X > %g | |X| > %g)", c, c), hi[k], hi[k]+lo[k], 0.5); s != "" {
				t.Error(s)
			}
		}
	})
}
