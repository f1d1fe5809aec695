package dago2021

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// DoubleWell is the cantilever's feedback double well with a movable
// centre:
//
//	U(x; x₀, x₁) = ½ (|x − x₀| − x₁)²   (kT, x in σ = √(kT/k), k = 1)
//
// with controls x₀ (the centre, the position of the cusp) and x₁ (the
// half-distance between the wells). At rest (x₀, x₁) = (0, X1) the wells
// sit at ±X1 and the cusp barrier is ½X1² kT; at x₁ = 0 it is the single
// harmonic well ½(x − x₀)². It extends wells.DoubleParabola (which has x₁
// only) by the translation x₀ that erasure needs. At the cusp x = x₀ the
// force is taken as 0, the mean of its one-sided values.
type DoubleWell struct {
	X1 float64 // rest value of x₁ (σ)
}

func (DoubleWell) Name() string          { return "cantilever-double-well" }
func (DoubleWell) Controls() []string    { return []string{"x0", "x1"} }
func (d DoubleWell) Rest() wells.Control { return wells.Control{0, d.X1} }

// energy returns U and −∂U/∂x at x.
func energy(x, x0, x1 float64) (u, f float64) {
	y := x - x0
	switch {
	case y > 0:
		d := y - x1
		return 0.5 * d * d, -d
	case y < 0:
		d := -y - x1
		return 0.5 * d * d, d
	}
	return 0.5 * x1 * x1, 0
}

// Eval sets u = ½(|x − x₀| − x₁)² and f = x₁ sign(x − x₀) − (x − x₀).
func (DoubleWell) Eval(c wells.Control, x, u, f []float64) {
	u = u[:len(x)]
	for i, xi := range x {
		ui, fi := energy(xi, c[0], c[1])
		u[i] = ui
		if f != nil {
			f[i] = fi
		}
	}
}

// Step adds U(x; next) − U(x; prev) to w and sets f at next.
func (DoubleWell) Step(prev, next wells.Control, x, w, f []float64) {
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		u0, _ := energy(xi, prev[0], prev[1])
		u1, f1 := energy(xi, next[0], next[1])
		w[i] += u1 - u0
		f[i] = f1
	}
}

// Erasure returns the merge–translate erasure protocol of duration τ
// (time in 1/ω₀) that resets the bit into the right well x = +X1:
//
//	[0, τ/2]   merge:     x₁: X1 → 0 at x₀ = 0 (the two wells slide into one at 0)
//	[τ/2, τ]   translate: x₀: 0 → X1 at x₁ = 0 (the single well moves to +X1)
//	at τ       restore:   (x₀, x₁) jumps from (X1, 0) to (0, X1)
//
// (the jump is placed at τ(1 − 1e-9), so that the last time step, whose
// end may round to just below τ, always pays it).
// The restore costs nothing for a particle at x ≥ 0, where both
// potentials are ½(x − X1)²: the single well at X1 becomes the right well
// of the rest double well. This is the protocol of Dago et al. (merge the
// wells, translate, re-create the double well); the equal halves are our
// choice.
func (d DoubleWell) Erasure(duration float64) (erasure.Protocol, error) {
	if !(d.X1 > 0) || math.IsInf(d.X1, 1) {
		return nil, fmt.Errorf("dago2021: x1 must be finite and > 0, got %v", d.X1)
	}
	if !(duration > 0) || math.IsInf(duration, 1) {
		return nil, fmt.Errorf("dago2021: duration must be finite and > 0, got %v", duration)
	}
	T, X := duration, d.X1
	J := T * (1 - 1e-9)
	return erasure.NewProtocol(erasure.KindKeyframes, d, T, nil, map[string][][2]float64{
		"x1": {{0, X}, {T / 2, 0}, {J, 0}, {J, X}},
		"x0": {{0, 0}, {T / 2, 0}, {J, X}, {J, 0}},
	})
}
