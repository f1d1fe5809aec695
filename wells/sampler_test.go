package wells

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

var inf = math.Inf(1)

// binProbs cuts the sampler's range into bins whose probabilities under
// exp(−U/kT), computed by LogPartition, give expected counts of at least
// minCount in n samples, and returns the inner edges and the probabilities.
// The outermost bins reach to the sampler's ends (±Inf for LogPartition
// where the sampler's end was automatic).
func binProbs(t *testing.T, p Potential, c Control, kT, lo, hi float64, n, minCount int) (edges, probs []float64) {
	t.Helper()
	s, err := NewSampler(p, c, kT, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Bounds()
	logZ, err := LogPartition(p, c, kT, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	const fine = 120
	var sum, acc float64
	left := lo
	for i := 1; i <= fine; i++ {
		right := a + (b-a)*float64(i)/fine
		if i == fine {
			right = hi
		}
		z, err := LogPartition(p, c, kT, left, right)
		if err != nil {
			t.Fatalf("bin [%g, %g]: %v", left, right, err)
		}
		acc += math.Exp(z - logZ)
		left = right
		if acc*float64(n) >= float64(minCount) || i == fine {
			if i == fine && acc*float64(n) < float64(minCount) && len(probs) > 0 {
				probs[len(probs)-1] += acc // fold a small last bin into the previous one
				edges = edges[:len(edges)-1]
			} else {
				probs = append(probs, acc)
			}
			edges = append(edges, right)
			sum += acc
			acc = 0
		}
	}
	// The bins partition the range, so their probabilities must add up
	// to 1: a check of LogPartition's accuracy (1e-10 relative per bin)
	// and of its automatic ends.
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("%s c=%v: bin probabilities add up to 1 %+.3g", p.Name(), c, sum-1)
	}
	return edges[:len(edges)-1], probs
}

// chiSquare draws n samples and returns the p-value of Pearson's χ² test
// of their histogram against probs (bins split at the inner edges), with
// len(probs) − 1 degrees of freedom.
func chiSquare(t *testing.T, s *Sampler, rng *rand.Rand, n int, edges, probs []float64) float64 {
	t.Helper()
	counts := make([]float64, len(probs))
	for range n {
		x := s.Sample(rng)
		lo, hi := 0, len(edges) // find the bin: edges[i-1] ≤ x < edges[i]
		for lo < hi {
			m := (lo + hi) / 2
			if x < edges[m] {
				hi = m
			} else {
				lo = m + 1
			}
		}
		counts[lo]++
	}
	var chi2 float64
	for i, p := range probs {
		e := p * float64(n)
		chi2 += (counts[i] - e) * (counts[i] - e) / e
	}
	return distuv.ChiSquared{K: float64(len(probs) - 1)}.Survival(chi2)
}

// moments returns the mean, variance and fourth central moment of
// exp(−U/kT) on [a, b] by composite Simpson on 2·10⁵ intervals (error
// ~ h⁴ ≈ 1e-20 relative for these smooth wells), independently of
// LogPartition.
func moments(p Potential, c Control, kT, a, b float64) (mean, variance, m4 float64) {
	const n = 200000
	x := make([]float64, n+1)
	u := make([]float64, n+1)
	for i := range x {
		x[i] = a + (b-a)*float64(i)/n
	}
	p.Eval(c, x, u, nil)
	umin := math.Inf(1)
	for _, v := range u {
		umin = min(umin, v)
	}
	var s [5]float64
	for i, xi := range x {
		w := 2.0
		switch {
		case i == 0 || i == n:
			w = 1
		case i%2 == 1:
			w = 4
		}
		w *= math.Exp(-(u[i] - umin) / kT)
		for k, pk := 0, 1.0; k < 5; k, pk = k+1, pk*xi {
			s[k] += w * pk
		}
	}
	mean = s[1] / s[0]
	m2 := s[2]/s[0] - mean*mean
	m4 = s[4]/s[0] - 4*mean*s[3]/s[0] + 6*mean*mean*s[2]/s[0] - 3*mean*mean*mean*mean
	return mean, m2, m4
}

// TestSamplerJun is the main check of exactness: 200k samples from the jun
// well with E_b = 3 (both wells, then the left well only) against the
// exact density. The histogram must pass a χ² test at p ≥ 1e-4 (fixed seed,
// so the test is deterministic; a correct sampler fails with probability
// 1e-4 over seeds, while an envelope that undershoots by 1% over a tenth
// of the range gives χ² excesses of hundreds), and the mean and variance
// must lie within 5 standard errors (√(σ²/n) and √((μ₄ − σ⁴)/n)) of the
// quadrature values.
func TestSamplerJun(t *testing.T) {
	p := Jun{Barrier: 3, Tilt: 1}
	const n = 200000
	for _, tc := range []struct {
		name   string
		kT, hi float64
	}{
		{"both wells", 1, inf},
		{"left well", 1, 0},
		{"both wells, kT = 2.5", 2.5, inf},
	} {
		rng := rand.New(rand.NewPCG(11, 12))
		s, err := NewSampler(p, p.Rest(), tc.kT, -inf, tc.hi)
		if err != nil {
			t.Fatal(err)
		}
		edges, probs := binProbs(t, p, p.Rest(), tc.kT, -inf, tc.hi, n, 50)
		if len(probs) < 20 {
			t.Fatalf("%s: only %d bins", tc.name, len(probs))
		}
		if pv := chiSquare(t, s, rng, n, edges, probs); pv < 1e-4 {
			t.Errorf("%s: χ² p-value %.3g < 1e-4 (%d bins)", tc.name, pv, len(probs))
		}
		a, b := s.Bounds()
		mean, variance, m4 := moments(p, p.Rest(), tc.kT, a, b)
		var sx, sxx float64
		for range n {
			x := s.Sample(rng)
			sx += x
			sxx += x * x
		}
		gotMean := sx / n
		gotVar := sxx/n - gotMean*gotMean
		if se := math.Sqrt(variance / n); math.Abs(gotMean-mean) > 5*se {
			t.Errorf("%s: mean %.5f, exact %.5f ± %.5f (5 SE)", tc.name, gotMean, mean, 5*se)
		}
		if se := math.Sqrt((m4 - variance*variance) / n); math.Abs(gotVar-variance) > 5*se {
			t.Errorf("%s: variance %.5f, exact %.5f ± %.5f (5 SE)", tc.name, gotVar, variance, 5*se)
		}
	}
}

// TestSamplerAllKinds runs the χ² test (100k samples, p ≥ 1e-4) for every
// kind at rest and at control vectors with kinks and lifted or tilted
// wells inside the range, and checks that no envelope bound needed
// widening: the construction's bounds hold for every kind of this package.
func TestSamplerAllKinds(t *testing.T) {
	const n = 100000
	rng := rand.New(rand.NewPCG(21, 22))
	for _, tc := range testCases(t) {
		for _, c := range tc.cs {
			s, err := NewSampler(tc.p, c, 1, -inf, inf)
			if err != nil {
				t.Errorf("%s c=%v: %v", tc.name, c, err)
				continue
			}
			if s.widened != 0 {
				t.Errorf("%s c=%v: %d envelope cells needed widening", tc.name, c, s.widened)
			}
			checkBounds(t, tc.name, s)
			edges, probs := binProbs(t, tc.p, c, 1, -inf, inf, n, 50)
			if pv := chiSquare(t, s, rng, n, edges, probs); pv < 1e-4 {
				t.Errorf("%s c=%v: χ² p-value %.3g < 1e-4 (%d bins)", tc.name, c, pv, len(probs))
			}
		}
	}
}

// checkBounds checks the property exactness rests on, L_j ≤ U on cell j,
// on a grid 4 times finer than the construction's check (33 points a cell,
// ends included). The histogram tests cannot see a bound that fails by a
// little inside cells: the error averages out over the 30 or so cells of
// a histogram bin.
func checkBounds(t *testing.T, name string, s *Sampler) {
	t.Helper()
	const k = 32
	x := make([]float64, len(s.low)*(k+1))
	for j := range s.low {
		for i := range k + 1 {
			x[j*(k+1)+i] = s.lo + (float64(j)+float64(i)/k)*s.h
		}
	}
	u := make([]float64, len(x))
	s.e.(Potential).Eval(s.c, x, u, nil)
	bad := 0
	for i, v := range u {
		if v < s.low[i/(k+1)] {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s c=%v: U falls below the envelope bound at %d of %d points", name, s.c, bad, len(u))
	}
}

// TestSamplerSide checks that a sampler restricted to one side never
// leaves it, for a double well and for the kinked benchmark well.
func TestSamplerSide(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, p := range []Potential{Jun{8, 1}, Jun{0.5, 1}, Benchmark{1}, Asymmetric{8, 2, 1, 0.1}} {
		left, err := NewSampler(p, p.Rest(), 1, -inf, 0)
		if err != nil {
			t.Fatal(err)
		}
		right, err := NewSampler(p, p.Rest(), 1, 0, inf)
		if err != nil {
			t.Fatal(err)
		}
		if _, hi := left.Bounds(); hi != 0 {
			t.Errorf("%s: left sampler ends at %g, want 0", p.Name(), hi)
		}
		for range 100000 {
			if x := left.Sample(rng); x > 0 {
				t.Fatalf("%s: left-well sample %g > 0", p.Name(), x)
			}
			if x := right.Sample(rng); x < 0 {
				t.Fatalf("%s: right-well sample %g < 0", p.Name(), x)
			}
		}
	}
	// A finite window far out in the tail is honoured, not replaced.
	s, err := NewSampler(Jun{8, 1}, Control{1, 0}, 1, 1.5, 1.6)
	if err != nil {
		t.Fatal(err)
	}
	for range 10000 {
		if x := s.Sample(rng); x < 1.5 || x > 1.6 {
			t.Fatalf("sample %g outside [1.5, 1.6]", x)
		}
	}
}

// spiky is a potential from outside the package (no energyAt): a harmonic
// well with a dip 2 kT deep and 3e-4 wide, inside one envelope cell (about
// 5.5e-3 wide here) and invisible from the cell's ends (e^{−81}), but seen
// by the 8-point sub-grid (spacing 6.8e-4).
type spiky struct{}

func (spiky) Name() string       { return "spiky" }
func (spiky) Controls() []string { return nil }
func (spiky) Rest() Control      { return Control{} }

func (spiky) Eval(_ Control, x, u, f []float64) {
	for i, xi := range x {
		u[i], _ = spikyAt(xi)
		if f != nil {
			_, f[i] = spikyAt(xi)
		}
	}
}

func (spiky) Step(_, _ Control, x, _, f []float64) {
	for i, xi := range x {
		_, f[i] = spikyAt(xi)
	}
}

func spikyAt(x float64) (u, f float64) {
	const x0, w = 0.3001, 3e-4
	d := (x - x0) / w
	g := 2 * math.Exp(-d*d)
	return x*x/2 - g, -x - g*2*d/w
}

// foreign hides the energyAt method of a potential of this package, as a
// Potential defined elsewhere would lack it.
type foreign struct{ Potential }

// TestSamplerWidens checks the construction's safety net: the dip of spiky
// escapes the bounds from the cell ends, so the sub-grid check must lower
// that cell's bound. It also checks that a Potential from outside the
// package samples correctly (χ², as in TestSamplerJun).
func TestSamplerWidens(t *testing.T) {
	s, err := NewSampler(spiky{}, Control{}, 1, -inf, inf)
	if err != nil {
		t.Fatal(err)
	}
	if s.widened == 0 {
		t.Errorf("no envelope cell was widened around the dip")
	}
	p := foreign{Jun{3, 1}}
	s, err = NewSampler(p, p.Rest(), 1, -inf, inf)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.e.(evalOne); !ok {
		t.Fatalf("foreign potential sampled through %T, want evalOne", s.e)
	}
	rng := rand.New(rand.NewPCG(41, 42))
	edges, probs := binProbs(t, p, p.Rest(), 1, -inf, inf, 50000, 50)
	if pv := chiSquare(t, s, rng, 50000, edges, probs); pv < 1e-4 {
		t.Errorf("foreign jun: χ² p-value %.3g < 1e-4", pv)
	}
}

// TestSamplerConcurrent draws from one sampler in several goroutines; run
// with -race it checks that Sample only reads the sampler.
func TestSamplerConcurrent(t *testing.T) {
	s, err := NewSampler(Jun{8, 1}, Control{1, 0}, 1, -inf, inf)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	sums := make([]float64, 4)
	for g := range sums {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			for range 2000 {
				sums[g] += s.Sample(rng)
			}
		})
	}
	wg.Wait()
	for g, sum := range sums {
		if math.IsNaN(sum) || math.Abs(sum/2000) > 0.2 { // mean 0, SE 1/√2000 ≈ 0.022
			t.Errorf("goroutine %d: mean %g", g, sum/2000)
		}
	}
}

// TestLogPartitionClosedForms checks LogPartition against closed forms,
// to 1e-10 in ln Z (1e-10 relative in Z), including kinks inside a
// quadrature panel, finite and one-sided ranges, and kT ≠ 1.
func TestLogPartitionClosedForms(t *testing.T) {
	// Φ is the standard normal distribution function.
	Φ := func(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
	ln2π := math.Log(2 * math.Pi)
	cases := []struct {
		name   string
		p      Potential
		c      Control
		kT     float64
		lo, hi float64
		want   float64
	}{
		{"harmonic", Harmonic{0, 1}, Control{0, 1}, 1, -inf, inf, 0.5 * ln2π},
		{"harmonic k=4 kT=2.5", Harmonic{}, Control{3, 4}, 2.5, -inf, inf, 0.5 * math.Log(2*math.Pi*2.5/4)},
		{"harmonic stiff", Harmonic{}, Control{-7, 1e4}, 1, -inf, inf, 0.5 * math.Log(2*math.Pi/1e4)},
		{"harmonic soft", Harmonic{}, Control{100, 1e-4}, 1, -inf, inf, 0.5 * math.Log(2*math.Pi/1e-4)},
		{"harmonic half", Harmonic{}, Control{0, 1}, 1, 0, inf, 0.5*ln2π - math.Ln2},
		{"harmonic [−1, 2]", Harmonic{}, Control{0, 1}, 1, -1, 2, 0.5*ln2π + math.Log(Φ(2)-Φ(-1))},
		{"harmonic tail", Harmonic{}, Control{0, 1}, 1, 5, inf, 0.5*ln2π + math.Log(0.5*math.Erfc(5/math.Sqrt2))},
		// ∫ e^{−(|x|−x1)²/2} = √(2π)·2Φ(x1).
		{"double-parabola", DoubleParabola{4}, Control{4}, 1, -inf, inf, 0.5*ln2π + math.Log(2*Φ(4))},
		{"double-parabola x1=1.3", DoubleParabola{4}, Control{1.3}, 1, -inf, inf, 0.5*ln2π + math.Log(2*Φ(1.3))},
		// Kink at c0 = 0.37: left ½(x + c1)² + c1(|c0| − c0), right ½(x − c1)² + c1(c0 + |c0|).
		{"benchmark kink inside", Benchmark{1}, Control{0.37, 2}, 1, -inf, inf,
			0.5*ln2π + math.Log(Φ(0.37+2)+math.Exp(-2*2*0.37)*(1-Φ(0.37-2)))},
		{"benchmark k=2 kT=3", Benchmark{2}, Control{0, 5}, 3, -inf, inf,
			0.5*math.Log(2*math.Pi*3/2) + math.Log(2*Φ(5*math.Sqrt(2.0/3)))},
		// Jun is the quartic minus E_b: ln Z differs by exactly E_b.
	}
	for _, tc := range cases {
		got, err := LogPartition(tc.p, tc.c, tc.kT, tc.lo, tc.hi)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if math.Abs(got-tc.want) > 1e-10 {
			t.Errorf("%s: ln Z = %.14f, want %.14f (diff %.2g)", tc.name, got, tc.want, got-tc.want)
		}
	}
	zq, err1 := LogPartition(Quartic{8}, Control{}, 1, -inf, inf)
	zj, err2 := LogPartition(Jun{8, 1}, Control{1, 0}, 1, -inf, inf)
	if err1 != nil || err2 != nil || math.Abs(zj-zq-8) > 1e-10 {
		t.Errorf("ln Z(jun) − ln Z(quartic) = %.14f, want 8 (%v, %v)", zj-zq, err1, err2)
	}
}

// TestLogPartitionHighWell checks the log-sum-exp shift: a well whose
// floor sits at 1e4 kT still gives ln Z = −1e4 + ½ ln 2π.
func TestLogPartitionHighWell(t *testing.T) {
	got, err := LogPartition(Benchmark{1}, Control{-100, 50}, 1, 0, inf)
	// Right of c0 = −100: ½(x − 50)² + 50·(−100 + 100) = ½(x − 50)²; left part cut off.
	if want := 0.5 * math.Log(2*math.Pi); err != nil || math.Abs(got-want) > 1e-10 {
		t.Errorf("ln Z = %.14f, want %.14f (%v)", got, want, err)
	}
	got, err = LogPartition(Benchmark{1}, Control{100, 50}, 1, 100, inf)
	// Right of c0 = 100: ½(x − 50)² + 50·200, on [100, ∞): ½ ln 2π + ln(1 − Φ(50)) − 1e4.
	// 1 − Φ(50) = erfc(50/√2)/2 underflows; use its asymptotic form e^{−1250}/(50√(2π))·(1 − 1/50² + 3/50⁴).
	want := 0.5*math.Log(2*math.Pi) - 1250 - math.Log(50*math.Sqrt(2*math.Pi)) + math.Log(1-1.0/2500+3.0/6250000-15.0/15625e6) - 1e4
	if err != nil || math.Abs(got-want) > 1e-9 {
		t.Errorf("ln Z = %.10f, want %.10f (%v)", got, want, err)
	}
}

// TestRangeErrors checks the error paths of NewSampler, LogPartition and
// Span: bad temperatures, ranges and cutoffs, and potentials that do not
// confine.
func TestRangeErrors(t *testing.T) {
	nan := math.NaN()
	j := Jun{8, 1}
	flat := Harmonic{}.Rest() // stiffness 0: U ≡ 0 does not confine
	cases := []struct {
		name string
		err  error
		want string
	}{}
	add := func(name string, err error, want string) {
		cases = append(cases, struct {
			name string
			err  error
			want string
		}{name, err, want})
	}
	_, err := NewSampler(j, j.Rest(), 0, -inf, inf)
	add("sampler kT 0", err, "wells: sampler: kT must be finite and > 0, got 0")
	_, err = NewSampler(j, j.Rest(), nan, -inf, inf)
	add("sampler kT NaN", err, "wells: sampler: kT must be finite and > 0, got NaN")
	_, err = NewSampler(j, j.Rest(), 1, 1, 1)
	add("sampler empty", err, "wells: sampler: need lo < hi, got [1, 1]")
	_, err = NewSampler(j, j.Rest(), 1, nan, 1)
	add("sampler lo NaN", err, "wells: sampler: lo must be finite or −Inf, got NaN")
	_, err = NewSampler(j, j.Rest(), 1, 0, -inf)
	add("sampler hi −Inf", err, "wells: sampler: hi must be finite or +Inf, got -Inf")
	_, err = NewSampler(Harmonic{}, flat, 1, -inf, inf)
	add("sampler flat", err, "wells: sampler: harmonic potential does not confine within |x| ≤ 1e+06")
	_, err = NewSampler(Harmonic{}, flat, 1, 0, inf)
	add("sampler flat half", err, "wells: sampler: harmonic potential does not confine within |x| ≤ 1e+06")
	_, err = LogPartition(j, j.Rest(), -1, -inf, inf)
	add("partition kT", err, "wells: partition: kT must be finite and > 0, got -1")
	_, err = LogPartition(j, j.Rest(), 1, 2, 1)
	add("partition range", err, "wells: partition: need lo < hi, got [2, 1]")
	_, err = LogPartition(Harmonic{}, Control{0, -1}, 1, -inf, inf)
	add("partition inverted", err, "wells: partition: harmonic potential does not confine")
	_, _, err = Span(j, nil, 1, 60)
	add("span no controls", err, "wells: span: no control vectors")
	_, _, err = Span(j, []Control{j.Rest()}, 0, 60)
	add("span kT", err, "wells: span: kT must be finite and > 0, got 0")
	_, _, err = Span(j, []Control{j.Rest()}, 1, inf)
	add("span cutoff", err, "wells: span: cutoff must be finite and > 0, got +Inf")
	_, _, err = Span(Harmonic{}, []Control{{0, 1}, flat}, 1, 60)
	add("span flat", err, "wells: span: harmonic potential does not confine within |x| ≤ 1e+06 at c = [0 0]")
	_, _, err = Span(spiky{}, []Control{{}}, 1, 60)
	add("span ok", err, "")
	_, _, err = Span(nanWell{}, []Control{{}}, 1, 60)
	add("span NaN", err, "wells: span: nan potential is NaN at x = ")
	for _, tc := range cases {
		switch {
		case tc.want == "" && tc.err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, tc.err)
		case tc.want != "" && (tc.err == nil || !strings.HasPrefix(tc.err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q…", tc.name, tc.err, tc.want)
		}
	}
}

// nanWell is NaN everywhere right of 0.5.
type nanWell struct{ spiky }

func (nanWell) Name() string { return "nan" }
func (nanWell) Eval(_ Control, x, u, _ []float64) {
	for i, xi := range x {
		u[i] = xi * xi
		if xi > 0.5 {
			u[i] = math.NaN()
		}
	}
}

// TestSpan checks Span against the exact interval of a harmonic trap,
// |x − c| ≤ √(2·cutoff·kT/k): the result must contain it and exceed it by
// no more than the documented padding (1% of the width on each side) plus
// two grid cells; and the union over several control vectors.
func TestSpan(t *testing.T) {
	for _, tc := range []struct {
		c          Control
		kT, cutoff float64
	}{
		{Control{0, 1}, 1, 60},
		{Control{3, 4}, 2.5, 10},
		{Control{1e5, 1}, 1, 60},   // far from the origin
		{Control{-2, 1e6}, 1, 60},  // narrow
		{Control{0, 1e-8}, 1, 0.5}, // wide: half-width 1e4
		{Control{0.5, 1}, 1, 1e-6}, // tiny cutoff
	} {
		lo, hi, err := Span(Harmonic{}, []Control{tc.c}, tc.kT, tc.cutoff)
		if err != nil {
			t.Errorf("c=%v: %v", tc.c, err)
			continue
		}
		// The zoom stops with the set filling ≥ 1/4 of the window, so a
		// cell is at most h = 2r/1024; the bracket reaches at most 2 cells
		// beyond the exact ends (grid points straddle them), then the 1% pad.
		r := math.Sqrt(2 * tc.cutoff * tc.kT / tc.c[1])
		h := 2 * r / (spanCells / 4)
		slack := 0.01*(2*r+4*h) + 2*h + 1e-12*math.Abs(tc.c[0])
		if lo > tc.c[0]-r || lo < tc.c[0]-r-slack || hi < tc.c[0]+r || hi > tc.c[0]+r+slack {
			t.Errorf("c=%v kT=%g cutoff=%g: span [%.10g, %.10g], exact [%.10g, %.10g]", tc.c, tc.kT, tc.cutoff, lo, hi, tc.c[0]-r, tc.c[0]+r)
		}
	}
	// Union: the jun well tilted both ways and at rest.
	j := Jun{8, 1}
	cs := []Control{{1, 0}, {1, 0}, {0, 1}, {0, -1}}
	lo, hi, err := Span(j, cs, 1, 30)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		a, b, err := Span(j, []Control{c}, 1, 30)
		if err != nil {
			t.Fatal(err)
		}
		if a < lo || b > hi {
			t.Errorf("span of %v is [%g, %g], outside the union [%g, %g]", c, a, b, lo, hi)
		}
		// At the ends U − min exceeds the cutoff.
		u, _ := eval(j, c, a, b)
		_, umin, _ := minOnGrid(j, c, a, b)
		if u[0]-umin <= 30 || u[1]-umin <= 30 {
			t.Errorf("c=%v: U − min at the ends %g, %g, want > 30", c, u[0]-umin, u[1]-umin)
		}
	}
	// The widest is the rest well, 8(x² − 1)² ≤ 30 ⇔ |x| ≤ √(1 + √3.75);
	// the 1% pad adds 0.034.
	if r := math.Sqrt(1 + math.Sqrt(3.75)); lo > -r || hi < r || lo < -r-0.05 || hi > r+0.05 {
		t.Errorf("union span [%g, %g], want ±%g + 1%% padding", lo, hi, r)
	}
}

// minOnGrid returns the position and value of the lowest U on a fine grid.
func minOnGrid(p Potential, c Control, a, b float64) (x, u float64, ok bool) {
	xs := make([]float64, 100001)
	for i := range xs {
		xs[i] = a + (b-a)*float64(i)/float64(len(xs)-1)
	}
	us, _ := eval(p, c, xs...)
	u = math.Inf(1)
	for i, v := range us {
		if v < u {
			x, u = xs[i], v
		}
	}
	return x, u, true
}

// TestSamplerRefusesHopelessDensity is the regression test of `barrier =
// 1e300` (or 1e8) and `temperature = 1e-300`, whose rejection loop never
// accepted: NewSampler now measures the envelope's acceptance and refuses
// one below MinAcceptance, instead of returning a sampler that never ends.
func TestSamplerRefusesHopelessDensity(t *testing.T) {
	for _, c := range []struct {
		barrier, kT float64
	}{{1e300, 1}, {1e8, 1}, {8, 1e-300}} {
		p := Jun{Barrier: c.barrier, Tilt: 1}
		if _, err := NewSampler(p, p.Rest(), c.kT, math.Inf(-1), math.Inf(1)); err == nil || !strings.Contains(err.Error(), "acceptance") {
			t.Errorf("barrier %g, kT %g: %v, want a refusal naming the acceptance", c.barrier, c.kT, err)
		}
	}
	// Deep but representable wells (700 kT) still sample.
	p := Jun{Barrier: 700, Tilt: 1}
	if _, err := NewSampler(p, p.Rest(), 1, math.Inf(-1), math.Inf(1)); err != nil {
		t.Errorf("barrier 700: %v", err)
	}
}
