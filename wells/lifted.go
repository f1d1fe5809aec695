package wells

import "math"

// Lifted is the quartic double well with a smooth step that raises only the
// left well, the potential of the "lift one well" (time-symmetric) protocols:
//
//	U(x; h) = E_b (x² − 1)² + h s(x),   s(x) = (1 − tanh(x/w))/2 = 1/(1 + e^{2x/w})   (kT)
//
// with the one control h (Controls: "h", rest h = 0). At rest it is the
// symmetric double well with minima U(±1) = 0 and barrier U(0) = E_b. The
// step s falls from 1 (left) to 0 (right) over a width w around the barrier,
// so U(−1) = h (1 − 2e^{−2/w}) ≈ h, U(1) = 2h e^{−2/w}/(1 + e^{−2/w}) ≈ 0 and
// U(0) = E_b + h/2; for w = 0.1 the corrections are 2e−9 h.
type Lifted struct {
	Barrier float64 // E_b, in kT
	Width   float64 // w, width of the step, in length units
}

func (Lifted) Name() string       { return "lifted" }
func (Lifted) Controls() []string { return []string{"h"} }
func (Lifted) Rest() Control      { return Control{0} }

// step returns s(x) and s(x)(1 − s(x)), computed without cancellation:
// with e = e^{−2|x|/w}, the two values 1/(1+e) and e/(1+e) are s and 1 − s.
func step(x, invW float64) (s, s1s float64) {
	z := 2 * x * invW
	e := math.Exp(-math.Abs(z))
	a := 1 / (1 + e)
	b := e * a
	if z >= 0 {
		return b, a * b
	}
	return a, a * b
}

// Eval sets u = E_b (x² − 1)² + h s(x) and
// f = −∂U/∂x = −4E_b x (x² − 1) + (2h/w) s(x)(1 − s(x)).
func (p Lifted) Eval(c Control, x, u, f []float64) {
	b, h, invW := p.Barrier, c[0], 1/p.Width
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			d := xi*xi - 1
			s, _ := step(xi, invW)
			u[i] = b*d*d + h*s
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		d := xi*xi - 1
		s, s1s := step(xi, invW)
		u[i] = b*d*d + h*s
		f[i] = -4*b*xi*d + 2*h*invW*s1s
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Lifted) energyAt(c Control, x float64) float64 {
	d := x*x - 1
	s, _ := step(x, 1/p.Width)
	return p.Barrier*d*d + c[0]*s
}

// Step adds (h_next − h_prev) s(x) to w and sets the force at next.
func (p Lifted) Step(prev, next Control, x, w, f []float64) {
	b, h, dh, invW := p.Barrier, next[0], next[0]-prev[0], 1/p.Width
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		s, s1s := step(xi, invW)
		w[i] += dh * s
		f[i] = -4*b*xi*(xi*xi-1) + 2*h*invW*s1s
	}
}
