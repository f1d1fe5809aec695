package langevin

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/landauer-dev/landauer/internal/splitmix"
	"gonum.org/v1/gonum/stat/distuv"
)

// *Stream is a math/rand/v2 Source.
var _ rand.Source = (*Stream)(nil)

// TestXoshiroKnownAnswers checks xoshiro256+ against the reference algorithm
// worked by hand from the state (1, 2, 3, 4) (and checked against an
// independent transcription of the reference C code):
//
//	out₁ = s0 + s3 = 1 + 4 = 5
//	t = s1<<17 = 2<<17 = 262144
//	s2 = 3^1 = 2; s3 = 4^2 = 6; s1 = 2^2 = 0; s0 = 1^6 = 7; s2 = 2^262144 = 262146
//	s3 = rotl(6, 45) = 6<<45 = 211106232532992
//	out₂ = 7 + 6<<45 = 211106232532999
//	t = 0<<17 = 0
//	s2 = 262146^7 = 262149; s3 = 6<<45 ^ 0 = 6<<45; s1 = 0^262149 = 262149
//	s0 = 7 ^ 6<<45 = 6<<45 + 7; s2 = 262149^0 = 262149
//	s3 = rotl(6<<45, 45): bits 46, 47 move to 91−64 = 27 and 28, so 6<<26
//	out₃ = 6<<45 + 7 + 6<<26 = 211106635186183
func TestXoshiroKnownAnswers(t *testing.T) {
	s := &Stream{s0: 1, s1: 2, s2: 3, s3: 4}
	for k, w := range []uint64{5, 211106232532999} {
		if got := s.Uint64(); got != w {
			t.Fatalf("output %d = %d, want %d", k+1, got, w)
		}
	}
	if got, want := *s, (Stream{s0: 6<<45 + 7, s1: 262149, s2: 262149, s3: 6 << 26}); got != want {
		t.Errorf("state after 2 outputs = %+v, want %+v", got, want)
	}
	if got, want := s.Uint64(), uint64(211106635186183); got != want {
		t.Errorf("output 3 = %d, want %d", got, want)
	}
}

// TestStreamSeed checks the seeding layout, determinism and that keys that
// differ in one bit give unrelated streams.
func TestStreamSeed(t *testing.T) {
	s := NewStream(0, 0)
	za, zb := uint64(0), uint64(streamKeyB)
	if *s != (Stream{splitmix.Next(&za), splitmix.Next(&zb), splitmix.Next(&za), splitmix.Next(&zb)}) {
		t.Errorf("NewStream(0, 0) = %+v: not (A₁, B₁, A₂, B₂)", *s)
	}
	if s.s0 != 0xe220a8397b1dcdaf || s.s2 != 0x6e789e6aa1b965f4 {
		t.Errorf("NewStream(0, 0): s0, s2 = %#x, %#x, want splitmix64(0)'s first outputs", s.s0, s.s2)
	}
	a, b := NewStream(7, 11), NewStream(7, 11)
	c, d := NewStream(7, 10), NewStream(6, 11)
	same, diffB, diffA := 0, 0, 0
	for range 1000 {
		x := a.Uint64()
		if x == b.Uint64() {
			same++
		}
		diffB += bits.OnesCount64(x ^ c.Uint64())
		diffA += bits.OnesCount64(x ^ d.Uint64())
	}
	if same != 1000 {
		t.Errorf("same keys agree on %d of 1000 outputs", same)
	}
	// Unrelated streams differ in 32 of 64 bits on average: 32000 ± 158 (SE).
	for _, n := range []int{diffA, diffB} {
		if math.Abs(float64(n)-32000) > 5*math.Sqrt(1000*64*0.25) {
			t.Errorf("streams with neighbouring keys differ in %d bits of 64000, want 32000 ± 5 SE", n)
		}
	}
	var e Stream
	if allocs := testing.AllocsPerRun(100, func() { e.Seed(3, 4) }); allocs != 0 {
		t.Errorf("Seed allocates %v times", allocs)
	}
	if e != *NewStream(3, 4) {
		t.Errorf("Seed(3, 4) and NewStream(3, 4) differ")
	}
}

// TestZigguratTables checks the computed r and v against values computed
// independently in 40-digit arithmetic (mpmath, the same bisection):
// r = 3.6541528853610087716, v = 0.0049286732339746553474, fast-path rate
// 0.98508095. Marsaglia and Tsang publish r = 3.6541528853610088 and
// v = 4.92867323399e-3 (good to 5e-12 relative). It also checks that every
// piece has area v and that the integer fast-path thresholds are exactly
// the float test |x| < X_{i+1}.
func TestZigguratTables(t *testing.T) {
	z := zig
	if math.Abs(z.r-3.6541528853610087716) > 4e-16 {
		t.Errorf("r = %.17g, want 3.6541528853610087716", z.r)
	}
	if math.Abs(z.v-0.0049286732339746553474) > 1e-17 {
		t.Errorf("v = %.17g, want 0.0049286732339746553474", z.v)
	}
	if got := z.x[0] * z.f[1]; math.Abs(got-z.v) > 1e-15*z.v {
		t.Errorf("base piece area %v, want v = %v", got, z.v)
	}
	for i := 1; i < zigLayers; i++ {
		if !(z.x[i+1] < z.x[i]) || !(z.f[i+1] > z.f[i]) {
			t.Fatalf("piece %d: X or f not monotone", i)
		}
		area := z.x[i] * (z.f[i+1] - z.f[i])
		if math.Abs(area-z.v) > 1e-12*z.v {
			t.Errorf("piece %d: area %v, want v = %v (rel. error %.2g)", i, area, z.v, area/z.v-1)
		}
	}
	for i := range zigLayers {
		l, lim := z.layers[i], z.x[i+1]
		if neg := z.layers[i+zigLayers]; neg.w != -l.w || neg.k != l.k || l.w != z.x[i]*0x1p-53 {
			t.Fatalf("piece %d: slots %+v (sign +) and %+v (sign −) do not match X_i = %v", i, l, neg, z.x[i])
		}
		if l.k%2 != 0 || l.k > 1<<53 {
			t.Fatalf("piece %d: threshold %d not even in [0, 2^53]", i, l.k)
		}
		if l.k > 0 && !(float64(l.k-1)*l.w < lim) {
			t.Errorf("piece %d: m = k−1 gives %v ≥ X_{i+1} = %v but is fast-accepted", i, float64(l.k-1)*l.w, lim)
		}
		if l.k+1 < 1<<53 && !(float64(l.k+1)*l.w >= lim) {
			t.Errorf("piece %d: m = k+1 gives %v < X_{i+1} = %v but is not fast-accepted", i, float64(l.k+1)*l.w, lim)
		}
	}
	// The fast path accepts Σ X_{i+1}/X_i / 256 of the attempts.
	acc := 0.0
	for i := range zigLayers {
		acc += float64(z.layers[i].k) / 0x1p53
	}
	if acc /= zigLayers; math.Abs(acc-0.98508095) > 1e-7 {
		t.Errorf("fast-path acceptance %v, want 0.98508095", acc)
	}
}

// TestZigguratSqueeze checks the wedge squeeze: on a fine grid of every
// wedge the curve lies between the two lines (with room to spare), and on
// wedge points drawn as the generator draws them (piece uniform, |x|
// uniform on [0, X_i], kept when beyond X_{i+1}) zigAccept decides as the
// plain test y < exp(−x²/2) does. It also reports how often exp is needed.
func TestZigguratSqueeze(t *testing.T) {
	z := zig
	for i := 1; i < zigLayers; i++ {
		qo, qi, fo, fi := z.x[i]*z.x[i], z.x[i+1]*z.x[i+1], z.f[i], z.f[i+1]
		w := z.wedge[i]
		if w.d < zigMargin || w.d > 0.1 {
			t.Errorf("piece %d: squeeze width %g outside [1e-9, 0.1]", i, w.d)
		}
		for k := 0; k <= 4000; k++ {
			sx := float64(k) / 4000
			g := (math.Exp(-0.5*(qo-sx*(qo-qi))) - fo) / (fi - fo)
			if g < sx-w.d+zigMargin/2 || g > sx+zigMargin/2 {
				t.Fatalf("piece %d: at s = %v the curve g = %v leaves [s − %g, s] (with half the margin)", i, sx, g, w.d-zigMargin)
			}
		}
	}
	s := NewStream(11, 11)
	const n = 200_000
	exps := 0
	for k := 0; k < n; {
		i := s.Uint64() % zigLayers
		xo, xi := z.x[i], z.x[i+1]
		x := s.Float64() * xo
		if i == 0 || x < xi {
			continue
		}
		if s.Uint64()>>63 != 0 {
			x = -x
		}
		k++
		v := s.Float64()
		lo, hi := z.f[i], z.f[i+1]
		want := lo+v*(hi-lo) < math.Exp(-0.5*x*x)
		if got := zigAccept(i, x, v); got != want {
			t.Fatalf("piece %d, x = %v, V = %v: zigAccept = %v, exp test = %v", i, x, v, got, want)
		}
		w := z.wedge[i]
		if sx := (xo*xo - x*x) * w.c; v >= sx-w.d && v < sx+zigMargin {
			exps++
		}
	}
	t.Logf("exp needed for %.2f %% of wedge points", 100*float64(exps)/n)
	if exps > n/20 {
		t.Errorf("exp needed for %d of %d wedge points; the squeeze is not working", exps, n)
	}
}

// TestFillNormalMatchesNormal checks that FillNormal gives, bit for bit,
// the numbers of repeated Normal calls and leaves the stream in the same
// state, over buffers long enough to pass through the wedge and the tail.
func TestFillNormalMatchesNormal(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000, 300001} {
		a, b := NewStream(uint64(n), 42), NewStream(uint64(n), 42)
		buf := make([]float64, n)
		a.FillNormal(buf)
		tails := 0
		for k := range buf {
			x := b.Normal()
			if math.Float64bits(x) != math.Float64bits(buf[k]) {
				t.Fatalf("n = %d: FillNormal[%d] = %v, Normal() = %v", n, k, buf[k], x)
			}
			if math.Abs(x) > zig.r {
				tails++
			}
		}
		if *a != *b {
			t.Errorf("n = %d: streams differ after FillNormal and Normal", n)
		}
		if n == 300001 && tails == 0 {
			t.Errorf("no tail draw in %d normals; the test did not reach the tail", n)
		}
	}
	// Filling in pieces continues the same sequence.
	a, b := NewStream(1, 2), NewStream(1, 2)
	whole := make([]float64, 5000)
	a.FillNormal(whole)
	part := make([]float64, 5000)
	for lo := 0; lo < len(part); lo += 713 {
		b.FillNormal(part[lo:min(lo+713, len(part))])
	}
	if !slices.Equal(whole, part) {
		t.Errorf("FillNormal in pieces differs from one call")
	}
}

// The distribution tests draw from fixed seeds and use 5-standard-error
// bands (false-alarm rate about 6e-7 per check), or p > 1e-4.

const nDist = 4_000_000

func normals(n int, a, b uint64) []float64 {
	xs := make([]float64, n)
	NewStream(a, b).FillNormal(xs)
	return xs
}

// momentProblems returns the sample moments that miss 0, 1, 0, 0 (mean,
// variance, skewness, excess kurtosis) by more than 5 standard errors of a
// normal sample: √(1/n), √(2/n), √(6/n), √(24/n).
func momentProblems(xs []float64) []string {
	n := float64(len(xs))
	var m float64
	for _, x := range xs {
		m += x
	}
	m /= n
	var m2, m3, m4 float64
	for _, x := range xs {
		d := x - m
		d2 := d * d
		m2 += d2
		m3 += d2 * d
		m4 += d2 * d2
	}
	m2, m3, m4 = m2/n, m3/n, m4/n
	stats := []struct {
		name      string
		got, want float64
		se        float64
	}{
		{"mean", m, 0, math.Sqrt(1 / n)},
		{"variance", m2, 1, math.Sqrt(2 / n)},
		{"skewness", m3 / math.Pow(m2, 1.5), 0, math.Sqrt(6 / n)},
		{"excess kurtosis", m4/(m2*m2) - 3, 0, math.Sqrt(24 / n)},
	}
	var bad []string
	for _, s := range stats {
		if z := (s.got - s.want) / s.se; math.Abs(z) > 5 {
			bad = append(bad, fmt.Sprintf("%s = %.6g, want %g ± %.2g (%.1f SE)", s.name, s.got, s.want, s.se, z))
		}
	}
	return bad
}

// upper is P(X > x) for a standard normal, accurate in both tails.
func upper(x float64) float64 { return 0.5 * math.Erfc(x/math.Sqrt2) }

// chiSquareP bins xs over [−5, 5] in steps of 0.1 (plus the two outer
// ranges), merges edge bins until each expects ≥ 20 counts, and returns
// the χ² statistic, its degrees of freedom and p-value.
func chiSquareP(xs []float64) (chi2 float64, df int, p float64) {
	const lo, width, nb = -5.0, 0.1, 100
	counts := make([]float64, nb+2) // [0]: x < −5, [nb+1]: x ≥ 5
	for _, x := range xs {
		k := int(math.Floor((x-lo)/width)) + 1
		counts[max(0, min(k, nb+1))]++
	}
	edge := func(k int) float64 { return lo + float64(k)*width } // lower edge of bin k ≥ 1
	prob := make([]float64, nb+2)
	prob[0], prob[nb+1] = upper(5), upper(5)
	for k := 1; k <= nb; k++ {
		a, b := edge(k-1), edge(k)
		if b <= 0 {
			prob[k] = upper(-b) - upper(-a)
		} else {
			prob[k] = upper(a) - upper(b)
		}
	}
	n := float64(len(xs))
	type bin struct{ obs, exp float64 }
	var bins []bin
	var acc bin
	for k := range prob { // merge from the left until ≥ 20 expected
		acc.obs += counts[k]
		acc.exp += n * prob[k]
		if acc.exp >= 20 {
			bins = append(bins, acc)
			acc = bin{}
		}
	}
	bins[len(bins)-1].obs += acc.obs // right remainder joins the last bin
	bins[len(bins)-1].exp += acc.exp
	for _, b := range bins {
		chi2 += (b.obs - b.exp) * (b.obs - b.exp) / b.exp
	}
	df = len(bins) - 1
	return chi2, df, distuv.ChiSquared{K: float64(df)}.Survival(chi2)
}

// ksD returns the Kolmogorov–Smirnov statistic of xs against the standard
// normal CDF; xs is sorted in place.
func ksD(xs []float64) float64 {
	slices.Sort(xs)
	n := float64(len(xs))
	d := 0.0
	for i, x := range xs {
		f := upper(-x)
		d = max(d, f-float64(i)/n, float64(i+1)/n-f)
	}
	return d
}

// ksCritical is the asymptotic critical value of D at level alpha:
// P(√n D > λ) ≈ 2 exp(−2λ²) (the next term, 2 exp(−8λ²), is < 1e-17 here).
func ksCritical(n int, alpha float64) float64 {
	return math.Sqrt(math.Log(2/alpha)/2) / math.Sqrt(float64(n))
}

func TestNormalMoments(t *testing.T) {
	for _, p := range momentProblems(normals(nDist, 1, 1)) {
		t.Error(p)
	}
}

func TestNormalChiSquare(t *testing.T) {
	chi2, df, p := chiSquareP(normals(nDist, 2, 2))
	t.Logf("χ² = %.1f with %d df, p = %.3g", chi2, df, p)
	if p < 1e-4 {
		t.Errorf("χ² = %.1f with %d df: p = %.3g < 1e-4", chi2, df, p)
	}
}

func TestNormalKolmogorovSmirnov(t *testing.T) {
	d, crit := ksD(normals(nDist, 3, 3)), ksCritical(nDist, 1e-4)
	t.Logf("D = %.3g, critical value at 1e-4: %.3g", d, crit)
	if d >= crit {
		t.Errorf("KS statistic D = %.4g ≥ %.4g (the 1e-4 critical value for n = %d)", d, crit, nDist)
	}
}

// binomialProblem reports a count k of n Bernoulli(p) trials that is more
// than 5 standard errors from n p.
func binomialProblem(what string, k, n int, p float64) string {
	mean := float64(n) * p
	se := math.Sqrt(mean * (1 - p))
	if z := (float64(k) - mean) / se; math.Abs(z) > 5 {
		return fmt.Sprintf("%s: %d of %d, want %.1f ± %.1f (%.1f SE)", what, k, n, mean, se, z)
	}
	return ""
}

// tailProblems checks samples of X | X > r against the conditional
// probabilities P(X > c | X > r) = erfc(c/√2)/erfc(r/√2) for c = 4, 5, 6.
func tailProblems(ts []float64, r float64) []string {
	var bad []string
	for _, c := range []float64{4, 5, 6} {
		k := 0
		for _, x := range ts {
			if x > c {
				k++
			}
		}
		if s := binomialProblem(fmt.Sprintf("P(X > %g | X > r)", c), k, len(ts), upper(c)/upper(r)); s != "" {
			bad = append(bad, s)
		}
	}
	return bad
}

// TestNormalTail draws from the tail routine directly. P(X > 6 | X > r) =
// 7.65e-6, so 1e7 draws expect 76 events beyond 6σ (SE 8.7); beyond 5σ
// 22 200, beyond 4σ 2.45e6.
func TestNormalTail(t *testing.T) {
	const n = 10_000_000
	s := NewStream(4, 4)
	ts := make([]float64, n)
	for k := range ts {
		ts[k] = s.normalTail()
		if !(ts[k] > zig.r) {
			t.Fatalf("tail draw %v not beyond r = %v", ts[k], zig.r)
		}
	}
	for _, p := range tailProblems(ts, zig.r) {
		t.Error(p)
	}
}

// TestNormalTailProbabilities checks the full generator's two-sided tails
// and their symmetry on 2e7 draws: P(|X| > 3) = 2.70e-3 (54 000 expected),
// P(|X| > 4) = 6.33e-5 (1 267 expected).
func TestNormalTailProbabilities(t *testing.T) {
	const n = 20_000_000
	xs := normals(n, 5, 5)
	for _, c := range []float64{3, 4} {
		hi, lo := 0, 0
		for _, x := range xs {
			if x > c {
				hi++
			} else if x < -c {
				lo++
			}
		}
		if s := binomialProblem(fmt.Sprintf("P(|X| > %g)", c), hi+lo, n, 2*upper(c)); s != "" {
			t.Error(s)
		}
		if s := binomialProblem(fmt.Sprintf("P(X > %g | |X| > %g)", c, c), hi, hi+lo, 0.5); s != "" {
			t.Error(s)
		}
	}
}

func TestFloat64Uniform(t *testing.T) {
	const n = 1_000_000
	s, c := NewStream(6, 6), NewStream(6, 6)
	sum := 0.0
	for k := range n {
		u := s.Float64()
		if !(u >= 0 && u < 1) {
			t.Fatalf("Float64 = %v, outside [0, 1)", u)
		}
		if k < 100 && u != float64(c.Uint64()>>11)*0x1p-53 {
			t.Fatalf("Float64 is not the top 53 bits of Uint64 times 2^-53")
		}
		sum += u
	}
	mean, se := sum/n, math.Sqrt(1.0/12/n)
	if z := (mean - 0.5) / se; math.Abs(z) > 5 {
		t.Errorf("mean of Float64 = %v, want 0.5 ± %.2g (%.1f SE)", mean, se, z)
	}
	if s := NewStream(0, 0); s.Float64() < 0 || s.open01() <= 0 || s.open01() > 1 {
		t.Errorf("open01 out of (0, 1]")
	}
}

func TestFillNormalAllocs(t *testing.T) {
	s := NewStream(7, 7)
	buf := make([]float64, 4096)
	if allocs := testing.AllocsPerRun(50, func() { s.FillNormal(buf) }); allocs != 0 {
		t.Errorf("FillNormal allocates %v times per call", allocs)
	}
	if allocs := testing.AllocsPerRun(50, func() { _ = s.Normal() }); allocs != 0 {
		t.Errorf("Normal allocates %v times per call", allocs)
	}
}

// TestStreamAsRandSource checks that rand.New works over a Stream and
// consumes the same 64-bit words.
func TestStreamAsRandSource(t *testing.T) {
	r, s := rand.New(NewStream(8, 8)), NewStream(8, 8)
	for range 10 {
		if r.Uint64() != s.Uint64() {
			t.Fatal("rand.New(stream).Uint64 differs from the stream")
		}
	}
}

// TestNormalChecksCanFail feeds the checks above with samples from wrong
// generators and requires each check to reject them, so that a pass of the
// real tests means something: a 1 % scale error (moments, χ², KS), the
// ziggurat without the wedge test (χ²), and Marsaglia's tail proposal
// without its rejection step (tail probabilities).
func TestNormalChecksCanFail(t *testing.T) {
	xs := normals(nDist, 9, 9)
	slices.Sort(xs) // so that ksD's sort of the scaled copy is a quick pass
	scaled := make([]float64, len(xs))
	for k, x := range xs {
		scaled[k] = 1.01 * x
	}
	if len(momentProblems(scaled)) == 0 {
		t.Error("moment check passes a sample with standard deviation 1.01")
	}
	if _, _, p := chiSquareP(scaled); p >= 1e-4 {
		t.Errorf("χ² check passes a sample with standard deviation 1.01 (p = %.3g)", p)
	}
	if ksD(scaled) < ksCritical(len(scaled), 1e-4) {
		t.Error("KS check passes a sample with standard deviation 1.01")
	}

	// No wedge rejection: every wedge attempt is accepted.
	s := NewStream(10, 10)
	for k := range xs {
		u := s.Uint64()
		l := zig.layers[(u>>3)%(2*zigLayers)]
		x := float64(int64(u>>11|1)) * l.w
		if (u>>3)%zigLayers == 0 && math.Abs(x) >= zig.r {
			x = math.Copysign(s.normalTail(), x)
		}
		xs[k] = x
	}
	if _, _, p := chiSquareP(xs); p >= 1e-4 {
		t.Errorf("χ² check passes the ziggurat without the wedge test (p = %.3g)", p)
	}

	// Tail proposal r + Exp(r) without the acceptance step.
	ts := make([]float64, 1_000_000)
	for k := range ts {
		ts[k] = zig.r - math.Log(s.open01())/zig.r
	}
	if len(tailProblems(ts, zig.r)) == 0 {
		t.Error("tail check passes the unrejected exponential proposal")
	}
}
