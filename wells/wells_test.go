package wells

import (
	"math"
	"math/rand/v2"
	"testing"
)

// testCase is one potential with the control vectors and positions at which
// the tests probe it.
type testCase struct {
	name  string
	p     Potential
	cs    []Control                 // control vectors (the rest first)
	r     float64                   // positions are drawn from [−r, r]
	kinks func(c Control) []float64 // where the force is discontinuous
}

func mustNew(t testing.TB, kind string, params map[string]float64) Potential {
	t.Helper()
	p, err := New(kind, params)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// testCases covers every kind, at its defaults and at other parameters.
func testCases(t testing.TB) []testCase {
	junCs := []Control{{1, 0}, {0, 0}, {0.5, 1}, {1, 1}, {-0.3, -0.7}}
	return []testCase{
		{name: "jun", p: mustNew(t, "jun", nil), cs: junCs, r: 2.5},
		{name: "jun/3", p: mustNew(t, "jun", map[string]float64{"barrier": 3, "tilt": 0.5}), cs: junCs, r: 2.5},
		{name: "quartic", p: mustNew(t, "quartic", nil), cs: []Control{{}}, r: 2.5},
		{name: "lifted", p: mustNew(t, "lifted", nil), cs: []Control{{0}, {5}, {20}, {-3}}, r: 2.5},
		{name: "lifted/wide", p: mustNew(t, "lifted", map[string]float64{"barrier": 2, "width": 0.5}), cs: []Control{{0}, {4}}, r: 2.5},
		{name: "double-parabola", p: mustNew(t, "double-parabola", nil), cs: []Control{{4}, {0}, {2.5}}, r: 8,
			kinks: func(Control) []float64 { return []float64{0} }},
		{name: "harmonic", p: mustNew(t, "harmonic", nil), cs: []Control{{0, 1}, {2, 3}, {-1, 0.2}}, r: 6},
		{name: "asymmetric", p: mustNew(t, "asymmetric", nil), cs: []Control{{1, 0}, {0, 0}, {0.5, 1}, {1, 1}, {1, -1}}, r: 4},
		{name: "asymmetric/left-wide", p: mustNew(t, "asymmetric", map[string]float64{"ratio": 0.5, "width": 0.3, "barrier": 5, "tilt": -0.8}),
			cs: []Control{{1, 0}, {0, 1}, {0.7, 0.4}}, r: 3},
		{name: "shaped", p: mustNew(t, "shaped", nil), cs: []Control{{1, 0}, {0.3, 0.5, 2, -3, 1, 0, 4, 7, -2, 1, 1, 1, 0.5, -6, 3, 2, 1, -1}}, r: 2.5},
		{name: "shaped/4", p: mustNew(t, "shaped", map[string]float64{"nodes": 4, "lo": -1, "hi": 1.3, "barrier": 3}), cs: []Control{{1, 0}, {0.5, -0.2, 3, -2, 5, 1}}, r: 2.5},
		{name: "benchmark", p: mustNew(t, "benchmark", nil), cs: []Control{{0, 5}, {0, 0}, {10, 2.5}, {-3, 4}, {2, -1}}, r: 14,
			kinks: func(c Control) []float64 { return []float64{c[0]} }},
	}
}

// positions returns n positions in [−r, r] (fixed seed) plus a few special
// ones, leaving out any within dx of a kink.
func positions(tc testCase, c Control, n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	x := []float64{-1, 0, 1, 2, -tc.r, tc.r, 1e-3, -1e-3}
	for range n {
		x = append(x, tc.r*(2*rng.Float64()-1))
	}
	var kinks []float64
	if tc.kinks != nil {
		kinks = tc.kinks(c)
	}
	out := x[:0]
next:
	for _, xi := range x {
		for _, k := range kinks {
			if math.Abs(xi-k) < 1e-3 {
				continue next
			}
		}
		out = append(out, xi)
	}
	return out
}

func eval(p Potential, c Control, x ...float64) (u, f []float64) {
	u, f = make([]float64, len(x)), make([]float64, len(x))
	p.Eval(c, x, u, f)
	return u, f
}

// TestForceIsMinusGradient compares the force with a Richardson-extrapolated
// central difference of Eval's energy, G = (4 D(δ/2) − D(δ))/3 with
// D(δ) = (U(x+δ) − U(x−δ))/(2δ) and δ = 1e-5·max(1, |x|). G has a
// truncation error of order δ⁴|U⁽⁵⁾| (below 1e-15 here, even in the
// width-0.1 steps where |U⁽⁵⁾| ~ h/w⁵ ~ 1e6) and a rounding error of about
// 3·2e-16·|U|/δ ≈ 6e-11·|U|/max(1,|x|). The tolerance
// 1e-6·|F| + 1e-9·(1 + |U|)/max(1, |x|) covers both by a factor of 15 or
// more, while an error in a force formula (a wrong factor or sign) shows
// up at order 1.
func TestForceIsMinusGradient(t *testing.T) {
	for _, tc := range testCases(t) {
		for _, c := range tc.cs {
			x := positions(tc, c, 300)
			u, f := eval(tc.p, c, x...)
			for i, xi := range x {
				d := 1e-5 * max(1, math.Abs(xi))
				v, _ := eval(tc.p, c, xi-d, xi-d/2, xi+d/2, xi+d)
				grad := (4*(v[2]-v[1])/d - (v[3]-v[0])/(2*d)) / 3
				tol := 1e-6*math.Abs(f[i]) + 1e-9*(1+math.Abs(u[i]))/max(1, math.Abs(xi))
				if math.Abs(f[i]+grad) > tol {
					t.Errorf("%s c=%v x=%g: force %.12g, −dU/dx %.12g (tolerance %.2g)", tc.name, c, xi, f[i], -grad, tol)
				}
			}
		}
	}
}

// TestStepMatchesEval checks that Step adds exactly the Sekimoto work
// U(x, next) − U(x, prev) computed from Eval, and sets Eval's force at next.
// Step may use a factored formula (e.g. ½(a − b)(2|x| − a − b)), so the
// two agree up to rounding of the terms: 1e-12 of their magnitudes.
func TestStepMatchesEval(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range testCases(t) {
		for _, prev := range tc.cs {
			for _, next := range tc.cs {
				x := positions(tc, next, 100)
				w := make([]float64, len(x))
				for k := range w {
					w[k] = rng.NormFloat64()
				}
				w0 := append([]float64(nil), w...)
				fs := make([]float64, len(x))
				tc.p.Step(prev, next, x, w, fs)
				u0, _ := eval(tc.p, prev, x...)
				u1, f1 := eval(tc.p, next, x...)
				for k := range x {
					want := u1[k] - u0[k]
					tol := 1e-12 * (math.Abs(u0[k]) + math.Abs(u1[k]) + math.Abs(w0[k]) + 1)
					if got := w[k] - w0[k]; math.Abs(got-want) > tol {
						t.Errorf("%s %v→%v x=%g: work %.15g, U(next)−U(prev) %.15g", tc.name, prev, next, x[k], got, want)
					}
					// Same formula, so equal up to a possible fused multiply-add.
					if math.Abs(fs[k]-f1[k]) > 1e-14*(1+math.Abs(f1[k])) {
						t.Errorf("%s %v→%v x=%g: Step force %.15g, Eval force %.15g", tc.name, prev, next, x[k], fs[k], f1[k])
					}
				}
			}
		}
	}
}

// TestStepHoldIsFree checks that a step with prev == next does no work at
// all (not even rounding): hold phases of protocols must not accumulate work.
func TestStepHoldIsFree(t *testing.T) {
	for _, tc := range testCases(t) {
		for _, c := range tc.cs {
			x := positions(tc, c, 50)
			w, f := make([]float64, len(x)), make([]float64, len(x))
			for k := range w {
				w[k] = 0.25 * float64(k)
			}
			tc.p.Step(c, c, x, w, f)
			for k := range w {
				if w[k] != 0.25*float64(k) {
					t.Errorf("%s c=%v x=%g: holding c changed the work by %g", tc.name, c, x[k], w[k]-0.25*float64(k))
				}
			}
		}
	}
}

// TestEvalWithoutForce checks that Eval with f == nil gives the same
// energies (the same expressions, so equal up to a possible fused
// multiply-add), and that energyAt, the
// one-position form the Sampler uses, agrees with Eval to rounding.
func TestEvalWithoutForce(t *testing.T) {
	for _, tc := range testCases(t) {
		for _, c := range tc.cs {
			x := positions(tc, c, 100)
			u, _ := eval(tc.p, c, x...)
			u2 := make([]float64, len(x))
			tc.p.Eval(c, x, u2, nil)
			pe := tc.p.(pointEnergy)
			for k := range x {
				if math.Abs(u2[k]-u[k]) > 1e-14*(1+math.Abs(u[k])) {
					t.Errorf("%s c=%v x=%g: Eval without force %.15g, with force %.15g", tc.name, c, x[k], u2[k], u[k])
				}
				if e := pe.energyAt(c, x[k]); math.Abs(e-u[k]) > 1e-13*(1+math.Abs(u[k])) {
					t.Errorf("%s c=%v x=%g: energyAt %.15g, Eval %.15g", tc.name, c, x[k], e, u[k])
				}
			}
		}
	}
}

// TestKnownEnergies checks energies and forces at the documented points
// (minima, barrier tops, kinks). The formulas there are exact up to a few
// roundings of numbers of order E_b, hence the 1e-12 tolerance, except
// where noted.
func TestKnownEnergies(t *testing.T) {
	const tol = 1e-12
	type point struct {
		x, u, f float64
	}
	e20 := math.Exp(-20) // e^{−2/w} for w = 0.1
	cases := []struct {
		name   string
		p      Potential
		c      Control
		points []point
	}{
		{"jun rest", Jun{8, 1}, Control{1, 0}, []point{{-1, -8, 0}, {0, 0, 0}, {1, -8, 0}, {2, 32 * (4 - 2), -32 * 6}}},
		{"jun tilted", Jun{8, 1}, Control{0, 1}, []point{{1, 32 * (0.25 - 1), 0}, {0, 0, 32}}},
		{"quartic", Quartic{5}, Control{}, []point{{-1, 0, 0}, {0, 5, 0}, {1, 0, 0}, {2, 45, -120}}},
		{"lifted rest", Lifted{8, 0.1}, Control{0}, []point{{-1, 0, 0}, {0, 8, 0}, {1, 0, 0}}},
		// s(−1) = 1/(1 + e^{−20}), s(1) = e^{−20}/(1 + e^{−20}), s(0) = 1/2, s'(0) = −1/(2w).
		{"lifted h=5", Lifted{8, 0.1}, Control{5}, []point{
			{-1, 5 / (1 + e20), 5 * 2 * e20 / (1 + e20) / (1 + e20) / 0.1},
			{0, 8 + 2.5, 5 / (2 * 0.1)},
			{1, 5 * e20 / (1 + e20), 5 * 2 * e20 / (1 + e20) / (1 + e20) / 0.1}}},
		{"double-parabola", DoubleParabola{4}, Control{4}, []point{{-4, 0, 0}, {0, 8, 0}, {4, 0, 0}, {1e-300, 8, 4}, {-1e-300, 8, -4}, {6, 2, -2}}},
		{"harmonic", Harmonic{0, 1}, Control{2, 3}, []point{{2, 0, 0}, {3, 1.5, -3}, {0, 6, 6}}},
		{"asymmetric rest", Asymmetric{8, 2, 1, 0.1}, Control{1, 0}, []point{{-1, -8, 0}, {0, 0, 0}, {2, -8, 0}}},
		{"asymmetric r=0.5", Asymmetric{5, 0.5, 1, 0.2}, Control{1, 0}, []point{{-1, -5, 0}, {0, 0, 0}, {0.5, -5, 0}}},
		{"benchmark rest", Benchmark{1}, Control{0, 5}, []point{{-5, 0, 0}, {5, 0, 0}, {0, 12.5, 5}, {-1e-300, 12.5, -5}}},
		// Kink at c0 = 10, U = 78.125 from both sides: ½(x + 2.5)² on the
		// left, ½(x − 2.5)² + k c1 (c0 + |c0|) = ½(x − 2.5)² + 50 on the right.
		{"benchmark c=(10,2.5)", Benchmark{1}, Control{10, 2.5}, []point{{-2.5, 0, 0}, {12.5, 100, -10}, {10, 78.125, -7.5}, {math.Nextafter(10, 0), 78.125, -12.5}}},
		{"benchmark k=2", Benchmark{2}, Control{0, 5}, []point{{0, 25, 10}, {5, 0, 0}}},
	}
	for _, tc := range cases {
		for _, pt := range tc.points {
			u, f := eval(tc.p, tc.c, pt.x)
			if math.Abs(u[0]-pt.u) > tol*(1+math.Abs(pt.u)) {
				t.Errorf("%s: U(%g) = %.15g, want %.15g", tc.name, pt.x, u[0], pt.u)
			}
			// Force tolerance: near minima the force is a difference of
			// terms of order E_b, so it is exact to ~1e-13·E_b.
			if math.Abs(f[0]-pt.f) > 1e-11*(1+math.Abs(pt.f)) {
				t.Errorf("%s: F(%g) = %.15g, want %.15g", tc.name, pt.x, f[0], pt.f)
			}
		}
	}
}

// TestAsymmetricShape checks the documented shape: φ is increasing (so
// U has exactly two minima at rest, at −1 and r, and one barrier at 0),
// and the slopes at the minima are as documented.
func TestAsymmetricShape(t *testing.T) {
	p := Asymmetric{8, 2, 1, 0.1}
	alpha, beta := p.Map()
	if math.Abs(alpha-0.75457) > 1e-5 || math.Abs(beta+0.26371) > 1e-5 {
		t.Errorf("α, β = %g, %g, documented 0.75457, −0.26371", alpha, beta)
	}
	x := make([]float64, 10001)
	for i := range x {
		x[i] = -3 + 6*float64(i)/float64(len(x)-1)
	}
	u, _ := eval(p, p.Rest(), x...)
	var minima, maxima []float64
	for i := 1; i < len(x)-1; i++ {
		if u[i] < u[i-1] && u[i] < u[i+1] {
			minima = append(minima, x[i])
		}
		if u[i] > u[i-1] && u[i] > u[i+1] {
			maxima = append(maxima, x[i])
		}
	}
	if len(minima) != 2 || math.Abs(minima[0]+1) > 1e-3 || math.Abs(minima[1]-2) > 1e-3 || len(maxima) != 1 || math.Abs(maxima[0]) > 1e-3 {
		t.Errorf("rest minima %v and maxima %v, want minima at −1, 2 and a maximum at 0", minima, maxima)
	}
	// With the barrier down and the tilt on (g = 0, f = 1), one well:
	// y³ = A, so φ(x) = 1 and x = r.
	u, _ = eval(p, Control{0, 1}, x...)
	n := 0
	for i := 1; i < len(x)-1; i++ {
		if u[i] < u[i-1] && u[i] < u[i+1] {
			n++
			if math.Abs(x[i]-2) > 1e-3 {
				t.Errorf("tilted minimum at %g, want 2", x[i])
			}
		}
	}
	if n != 1 {
		t.Errorf("tilted potential has %d minima, want 1", n)
	}
}

// TestNoAllocs checks that Eval, Step and Sample never allocate.
func TestNoAllocs(t *testing.T) {
	x := make([]float64, 64)
	for i := range x {
		x[i] = -2 + 4*float64(i)/64
	}
	u, f, w := make([]float64, 64), make([]float64, 64), make([]float64, 64)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range testCases(t) {
		p, c0, c1 := tc.p, tc.cs[0], tc.cs[len(tc.cs)-1]
		if n := testing.AllocsPerRun(20, func() { p.Eval(c0, x, u, f) }); n != 0 {
			t.Errorf("%s: Eval allocates %v times", tc.name, n)
		}
		if n := testing.AllocsPerRun(20, func() { p.Eval(c0, x, u, nil) }); n != 0 {
			t.Errorf("%s: Eval without force allocates %v times", tc.name, n)
		}
		if n := testing.AllocsPerRun(20, func() { p.Step(c0, c1, x, w, f) }); n != 0 {
			t.Errorf("%s: Step allocates %v times", tc.name, n)
		}
		s, err := NewSampler(p, c0, 1, math.Inf(-1), math.Inf(1))
		if err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { s.Sample(rng) }); n != 0 {
			t.Errorf("%s: Sample allocates %v times", tc.name, n)
		}
	}
}
