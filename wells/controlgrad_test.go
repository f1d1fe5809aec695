package wells

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestControlGrad compares each potential's ControlGrad with the central
// difference (U(λ + h e_j) − U(λ − h e_j))/2h of Eval. Every U here is a
// polynomial of degree ≤ 2 in each control (jun, asymmetric, harmonic,
// double-parabola, benchmark in c₁) or linear (lifted), or piecewise
// constant in ∂U/∂c₀ (benchmark), so the difference quotient has no
// truncation error beyond the cubic term, which vanishes: the only error is
// rounding, about ε_mach·|U|/h. With h = 1e-4 and |U| ≲ 1e3 that is below
// 1e-8, far inside the tolerance 1e-7·(1 + |∂U/∂λ|).
func TestControlGrad(t *testing.T) {
	cases := []struct {
		p   Potential
		lo  Control // controls are drawn uniformly in [lo, hi]
		hi  Control
		xlo float64 // positions drawn uniformly in [xlo, −xlo]
	}{
		{Jun{Barrier: 8, Tilt: 1}, Control{-0.5, -1}, Control{1.5, 1}, -2},
		{Asymmetric{Barrier: 8, Ratio: 2, Tilt: 1, Width: 0.1}, Control{-0.5, -1}, Control{1.5, 1}, -3},
		{Lifted{Barrier: 8, Width: 0.1}, Control{-10}, Control{10}, -2},
		{DoubleParabola{X1: 4}, Control{0}, Control{6}, -8},
		{Harmonic{Center: 0, Stiffness: 1}, Control{-3, 0.1}, Control{3, 5}, -6},
		// c₀ kept off 0 and the x drawn off c₀ by more than h below (kinks).
		{Benchmark{Stiffness: 1}, Control{0.5, 2}, Control{2, 6}, -8},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const h = 1e-4
	const n = 200
	for _, tc := range cases {
		cg, ok := tc.p.(ControlGradient)
		if !ok {
			t.Fatalf("%s does not implement ControlGradient", tc.p.Name())
		}
		nc := len(tc.p.Controls())
		x := make([]float64, n)
		up, um := make([]float64, n), make([]float64, n)
		d := make([][]float64, nc)
		for j := range d {
			d[j] = make([]float64, n)
		}
		for trial := range 20 {
			var c Control
			for j := range nc {
				c[j] = tc.lo[j] + (tc.hi[j]-tc.lo[j])*rng.Float64()
			}
			if trial%2 == 1 && tc.p.Name() == "benchmark" {
				c[0] = -c[0] // both signs of c₀
			}
			for i := range x {
				x[i] = tc.xlo * (1 - 2*rng.Float64())
				if tc.p.Name() == "benchmark" && math.Abs(x[i]-c[0]) < 10*h {
					x[i] = c[0] + 0.5
				}
			}
			x[0] = 0
			cg.ControlGrad(c, x, d)
			for j := range nc {
				cp, cm := c, c
				cp[j] += h
				cm[j] -= h
				tc.p.Eval(cp, x, up, nil)
				tc.p.Eval(cm, x, um, nil)
				for i := range x {
					want := (up[i] - um[i]) / (2 * h)
					if got := d[j][i]; math.Abs(got-want) > 1e-7*(1+math.Abs(want)) {
						t.Fatalf("%s: ∂U/∂%s at x = %v, λ = %v: got %v, central difference %v",
							tc.p.Name(), tc.p.Controls()[j], x[i], c[:nc], got, want)
					}
				}
			}
		}
	}
}

// TestControlGradKinds checks that every kind with controls implements
// ControlGradient, so that a new kind cannot silently lack it.
func TestControlGradKinds(t *testing.T) {
	for _, k := range Kinds() {
		if len(k.Controls) == 0 {
			continue
		}
		p, err := New(k.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := p.(ControlGradient); !ok {
			t.Errorf("kind %s has controls %v but no ControlGrad", k.Name, k.Controls)
		}
	}
}
