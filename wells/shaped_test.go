package wells

import (
	"math"
	"testing"
)

// TestShapedControlGrad compares ControlGrad with a central difference of
// Eval in each control, δ = 1e-4: U is linear in every control (g, f and
// each s_j enter linearly), so the difference quotient is exact up to
// rounding, 2e-16·|U|/δ ≈ 1e-10 for |U| ≲ 500 kT; tolerance 1e-8.
func TestShapedControlGrad(t *testing.T) {
	p := mustNew(t, "shaped", map[string]float64{"barrier": 5, "nodes": 6}).(Shaped)
	m := len(p.Controls())
	c := Control{0.7, 0.3, 1, -2, 0.5, 3, -1, 2}
	x := []float64{-3, -2.4, -1.6, -1, -0.5, -0.1, 0, 0.2, 0.64, 1, 1.6, 2, 2.2, 3}
	d := make([][]float64, m)
	for j := range d {
		d[j] = make([]float64, len(x))
		for i := range d[j] {
			d[j][i] = math.NaN() // ControlGrad must set every entry
		}
	}
	p.ControlGrad(c, x, d)
	const delta = 1e-4
	for j := range m {
		cp, cm := c, c
		cp[j] += delta
		cm[j] -= delta
		up, _ := eval(p, cp, x...)
		um, _ := eval(p, cm, x...)
		for i := range x {
			fd := (up[i] - um[i]) / (2 * delta)
			if math.Abs(d[j][i]-fd) > 1e-8*(1+math.Abs(fd)) {
				t.Errorf("∂U/∂%s at x = %g: ControlGrad %.12g, difference %.12g", p.Controls()[j], x[i], d[j][i], fd)
			}
		}
	}
}

// TestShapedSpline checks the spline correction against exact properties
// of the cubic B-spline: φ_j(c_j) = 1, φ_j(c_j ± Δ) = 1/4, the B-splines
// sum to one between the second and the second-to-last node (so all
// s_j = 1 adds exactly 3/2 there), and nothing beyond a − 2Δ, b + 2Δ.
func TestShapedSpline(t *testing.T) {
	p := mustNew(t, "shaped", map[string]float64{"barrier": 2, "nodes": 8, "lo": -1.4, "hi": 1.4}).(Shaped)
	jun := Jun{Barrier: 2, Tilt: 1}
	delta := (p.Hi - p.Lo) / 7
	diff := func(c Control, xs ...float64) []float64 {
		u, _ := eval(p, c, xs...)
		v, _ := eval(jun, c, xs...)
		for i := range u {
			u[i] -= v[i]
		}
		return u
	}
	for j := range 8 {
		c := Control{1, 0.2}
		c[2+j] = 1
		cj := p.Lo + float64(j)*delta
		got := diff(c, cj, cj-delta, cj+delta, cj-2*delta, cj+2.01*delta)
		want := []float64{1, 0.25, 0.25, 0, 0}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Errorf("φ_%d at node offset %d: %g, want %g", j, i, got[i], want[i])
			}
		}
	}
	all := Control{1, 0}
	for j := range 8 {
		all[2+j] = 1
	}
	for _, x := range []float64{p.Lo + delta, -0.3, 0, 0.77, p.Hi - delta} {
		if got := diff(all, x)[0]; math.Abs(got-1.5) > 1e-12 {
			t.Errorf("Σφ_j at x = %g: %.15g, want 1.5", x, got)
		}
	}
	for _, x := range []float64{p.Lo - 2*delta - 1e-9, -5, p.Hi + 2*delta + 1e-9, 7} {
		if got := diff(all, x)[0]; got != 0 {
			t.Errorf("correction at x = %g outside the support: %g", x, got)
		}
	}
}
