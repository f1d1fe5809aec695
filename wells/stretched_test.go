package wells

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestStretchedControlGrad compares ControlGrad with a fourth-order central
// difference of Eval, (−U(λ+2h) + 8U(λ+h) − 8U(λ−h) + U(λ−2h))/12h: η̃
// enters as 1/η̃, so the second-order difference of TestControlGrad would
// carry a truncation error h²/6·∂³U/∂η̃³ up to 1e-5 here. With h = 1e-3 the
// fourth-order remainder h⁴/30·∂⁵U/∂η̃⁵ ≲ 3e-14·4E_b·x̃⁴·6720/η̃⁹ ≲ 3e-7 for
// |x| ≤ 1.5, η̃ ≥ 1 (x̃⁴ ≤ 5), and rounding ε_mach·|U|/h ≲ 1e-11: inside
// the tolerance 1e-6·(1 + |∂U/∂λ|).
func TestStretchedControlGrad(t *testing.T) {
	p := Stretched{Barrier: 13, Tilt: 0.5, Stretch: 1}
	rng := rand.New(rand.NewPCG(3, 4))
	const n, h = 100, 1e-3
	x := make([]float64, n)
	u := make([][]float64, 4)
	for k := range u {
		u[k] = make([]float64, n)
	}
	d := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	for range 20 {
		c := Control{-0.5 + 2*rng.Float64(), -1 + 2*rng.Float64(), 1 + 2*rng.Float64()}
		for i := range x {
			x[i] = 1.5 * (1 - 2*rng.Float64())
		}
		p.ControlGrad(c, x, d)
		for j := range 3 {
			for k, s := range []float64{2, 1, -1, -2} {
				cs := c
				cs[j] += s * h
				p.Eval(cs, x, u[k], nil)
			}
			for i := range x {
				fd := (-u[0][i] + 8*u[1][i] - 8*u[2][i] + u[3][i]) / (12 * h)
				if math.Abs(d[j][i]-fd) > 1e-6*(1+math.Abs(fd)) {
					t.Fatalf("∂U/∂%s at x = %v, λ = %v: got %v, difference %v", p.Controls()[j], x[i], c, d[j][i], fd)
				}
			}
		}
	}
}

// TestStretchedOccupation: the left half is the right one stretched by η̃,
// so Z_left/Z_right = η̃ exactly and the right well holds 1/(1 + η̃) at
// rest (the relation the paper uses to set η̃ = 1/p0 − 1). LogPartition
// integrates to about 1e-10 relative; 1e-8 leaves room.
func TestStretchedOccupation(t *testing.T) {
	for _, eta := range []float64{1, 3, 1.0 / 3} {
		p := Stretched{Barrier: 13, Tilt: 0.5, Stretch: eta}
		c := p.Rest()
		inf := math.Inf(1)
		zl, err1 := LogPartition(p, c, 1, -inf, 0)
		zr, err2 := LogPartition(p, c, 1, 0, inf)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got := math.Exp(zl - zr); math.Abs(got-eta) > 1e-8*eta {
			t.Errorf("η̃ = %v: Z_left/Z_right = %v", eta, got)
		}
		// the minima and the barrier top
		u := make([]float64, 3)
		p.Eval(c, []float64{-eta, 0, 1}, u, nil)
		if math.Abs(u[0]+13) > 1e-12 || u[1] != 0 || math.Abs(u[2]+13) > 1e-12 {
			t.Errorf("η̃ = %v: U(−η̃), U(0), U(1) = %v, want −13, 0, −13", eta, u)
		}
	}
}

// TestStretchedStep: Step adds exactly U(x; next) − U(x; prev) (η̃ changes
// too) and sets the force of Eval at next.
func TestStretchedStep(t *testing.T) {
	p := Stretched{Barrier: 13, Tilt: -0.5, Stretch: 3}
	x := []float64{-3.2, -1, -0.01, 0, 0.4, 1.3}
	prev, next := Control{0.9, 0.2, 2.5}, Control{0.7, 0.3, 2.7}
	w := make([]float64, len(x))
	f := make([]float64, len(x))
	u0, u1, f1 := make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x))
	p.Step(prev, next, x, w, f)
	p.Eval(prev, x, u0, nil)
	p.Eval(next, x, u1, f1)
	for i := range x {
		if math.Abs(w[i]-(u1[i]-u0[i])) > 1e-12*(1+math.Abs(u0[i])) || f[i] != f1[i] {
			t.Errorf("x = %v: w = %v, want %v; f = %v, want %v", x[i], w[i], u1[i]-u0[i], f[i], f1[i])
		}
	}
}
