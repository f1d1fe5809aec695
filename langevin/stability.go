package langevin

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/wells"
)

// Stability is the time-step limit of an ensemble's scheme on its
// potential over its protocol (Ensemble.Stability).
//
// The limit comes from the linear stability of the schemes on the
// harmonic potential U = κx²/2 at the largest curvature κ = max U” the
// protocol reaches on the range the particles can be in:
//
//   - Euler–Maruyama: x' = (1 − z)x + noise, z = κ dt/γ, stable for
//     |1 − z| < 1, i.e. dt < 2γ/κ;
//   - Heun: x' = (1 − z + z²/2)x + noise, stable for |1 − z + z²/2| < 1,
//     i.e. dt < 2γ/κ too;
//   - BAOAB: the B A B part is velocity Verlet, stable for ω dt < 2 with
//     ω = √(κ/m) (the O part only contracts), i.e. dt < 2√(m/κ).
//
// With the coarse path of the bias estimate (Ensemble.Coarse) the doubled
// step 2dt must be stable too, which halves the limit: dt < γ/κ
// (overdamped), dt < √(m/κ) (underdamped).
//
// The range is where the particles can be: at each sampled time, where
// U(x, λ(t)) − min_x U(x, λ(t)) ≤ StabilityCutoff·kT at that time or at the
// time sampled before (after a sudden change of the control the particles
// are still where the previous control held them), within the union of
// those intervals over the protocol (wells.Span, at every 32nd sampled
// time). The protocol is sampled at
// StabilitySamples + 1 evenly spaced times (and the curvature on a grid of
// StabilityGrid cells over the range), so
// features of the protocol shorter than τ/StabilitySamples may be missed.
// Negative curvature (a barrier) never limits the step.
type Stability struct {
	Limit     float64 // largest stable dt, time unit (+Inf when U'' ≤ 0 everywhere)
	Curvature float64 // max U'' on the range over the protocol, kT/L²
	X, T      float64 // where and when it is reached
	Suggested float64 // a suggested dt: Limit/4 rounded down to 1, 2 or 5 × 10^k
	Constant  float64 // c in dt < c γ/κ (overdamped) or c √(m/κ) (underdamped)
}

// Constants of the stability check (see Stability).
const (
	StabilityCutoff  = 30   // kT above the minimum: the range the particles can reach
	StabilitySamples = 1024 // protocol intervals sampled
	StabilityGrid    = 2048 // grid cells over the range for U''
)

// Stability computes the time-step limit of e's scheme on its potential
// over its protocol (see the type). It fails only when no control vector
// of the protocol confines the particles.
func (e *Ensemble) Stability() (Stability, error) {
	tau := e.Schedule.Duration()
	kT := e.Dynamics.Temperature
	cs := make([]wells.Control, 0, StabilitySamples+1)
	ts := make([]float64, 0, StabilitySamples+1)
	for j := range StabilitySamples + 1 {
		t := tau * float64(j) / StabilitySamples
		c := e.Schedule.At(t)
		if len(cs) > 0 && c == cs[len(cs)-1] {
			continue
		}
		cs, ts = append(cs, c), append(ts, t)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	// the range: Span of every 32nd sampled control (and the last; Span
	// is the costly part); a control that does not confine (an inverted
	// trap) adds nothing
	var spanErr error
	for j := 0; j < len(cs); j++ {
		if j%32 != 0 && j != len(cs)-1 {
			continue
		}
		a, b, err := wells.Span(e.Potential, cs[j:j+1], kT, StabilityCutoff)
		if err != nil {
			spanErr = err
			continue
		}
		lo, hi = min(lo, a), max(hi, b)
	}
	if !(lo < hi) {
		return Stability{}, fmt.Errorf("langevin: stability: no control of the protocol confines the particles: %v", spanErr)
	}
	n := StabilityGrid
	h := (hi - lo) / float64(n)
	x := make([]float64, n+3)
	for i := range x {
		x[i] = lo + float64(i-1)*h
	}
	u, f := make([]float64, len(x)), make([]float64, len(x))
	st := Stability{Curvature: math.Inf(-1)}
	// At each sampled control, the curvature counts where the particles
	// can be: within StabilityCutoff·kT of the minimum at this control or
	// at the one sampled before (a sudden change of the control leaves
	// the particles where the previous one held them).
	reach, prevReach := make([]bool, len(x)), make([]bool, len(x))
	for j, c := range cs {
		e.Potential.Eval(c, x, u, f)
		umin := math.Inf(1)
		for _, v := range u {
			umin = min(umin, v)
		}
		reach, prevReach = prevReach, reach
		for i, v := range u {
			reach[i] = v-umin <= StabilityCutoff*kT
		}
		for i := 1; i+1 < len(x); i++ {
			if !reach[i] && !(j > 0 && prevReach[i]) {
				continue
			}
			// U'' = −F' from the one-sided differences; the smaller of the
			// two, so that a kink of U (a jump of the force, as at the
			// cusp of a stretched or double-parabola well) counts as the
			// bounded force it is, not as a huge curvature
			k := min(-(f[i+1]-f[i])/h, -(f[i]-f[i-1])/h)
			if k > st.Curvature {
				st.Curvature, st.X, st.T = k, x[i], ts[j]
			}
		}
	}
	d := e.Dynamics
	st.Constant = 2
	if e.Coarse {
		st.Constant = 1
	}
	switch {
	case !(st.Curvature > 0):
		st.Limit = math.Inf(1)
	case d.Kind == Underdamped:
		st.Limit = st.Constant * math.Sqrt(d.Mass/st.Curvature)
	default:
		st.Limit = st.Constant * d.Friction / st.Curvature
	}
	st.Suggested = roundDown125(st.Limit / 4)
	return st, nil
}

// roundDown125 rounds v > 0 down to 1, 2 or 5 × 10^k.
func roundDown125(v float64) float64 {
	if !(v > 0) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= v {
			return m * p
		}
	}
	return p
}

// StabilityError is the refusal of a time step beyond the stability limit.
type StabilityError struct {
	Dt     float64
	Scheme Integrator
	Stability
}

func (e *StabilityError) Error() string {
	formula := "2γ/max U''"
	if e.Scheme == BAOAB {
		formula = "2√(m/max U'')"
	}
	if e.Constant == 1 {
		formula = "half of " + formula + ": the bias estimate also steps 2dt"
	}
	return fmt.Sprintf("dynamics.dt = %g is beyond the stability limit %.3g of the %s scheme on this potential over the protocol "+
		"(%s, max U'' = %.4g kT/L² at x = %.3g, t = %.4g): use dynamics.dt = %g or less",
		e.Dt, e.Limit, e.Scheme, formula, e.Curvature, e.X, e.T, e.Suggested)
}

// CheckStability returns a *StabilityError when Dynamics.Dt is not below
// the stability limit (see Stability), nil otherwise.
func (e *Ensemble) CheckStability() error {
	if err := e.Validate(); err != nil {
		return err
	}
	st, err := e.Stability()
	if err != nil {
		return err
	}
	if e.Step() < st.Limit {
		return nil
	}
	return &StabilityError{Dt: e.Dynamics.Dt, Scheme: e.Dynamics.Scheme(), Stability: st}
}
