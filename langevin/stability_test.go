package langevin_test

import (
	"errors"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// The stability limit of a harmonic trap of stiffness k is exact: the
// curvature is k everywhere, so the limit is 2γ/k overdamped and 2√(m/k)
// underdamped (halved with the coarse path of the bias estimate), and a
// dt just above it is refused with a *StabilityError, just below accepted.
func TestStabilityHarmonic(t *testing.T) {
	const k, gamma, m = 40.0, 2.0, 0.5
	for _, c := range []struct {
		kind   langevin.Kind
		coarse bool
		want   float64
	}{
		{langevin.Overdamped, false, 2 * gamma / k},
		{langevin.Overdamped, true, gamma / k},
		{langevin.Underdamped, false, 2 * math.Sqrt(m/k)},
		{langevin.Underdamped, true, math.Sqrt(m / k)},
	} {
		e := &langevin.Ensemble{
			Potential:    mustNew(t, "harmonic", map[string]float64{"stiffness": k}),
			Schedule:     hold{wells.Control{0, k}, 10},
			Dynamics:     langevin.Dynamics{Kind: c.kind, Dt: 1e-3, Friction: gamma, Mass: m, Temperature: 1},
			Trajectories: 1,
			Coarse:       c.coarse,
		}
		st, err := e.Stability()
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(st.Curvature-k) > 1e-6*k || math.Abs(st.Limit-c.want) > 1e-6*c.want {
			t.Errorf("%v coarse=%v: curvature %v, limit %v; want %v, %v", c.kind, c.coarse, st.Curvature, st.Limit, k, c.want)
		}
		if st.Suggested > st.Limit/4 || st.Suggested < st.Limit/40 {
			t.Errorf("%v: suggested %v not in [limit/40, limit/4]", c.kind, st.Suggested)
		}
		// the duration a whole number of steps, so that the step used is dt
		e.Dynamics.Dt = c.want * 1.01
		e.Schedule = hold{wells.Control{0, k}, 1000 * e.Dynamics.Dt}
		var se *langevin.StabilityError
		if err := e.CheckStability(); !errors.As(err, &se) {
			t.Errorf("%v coarse=%v: dt = 1.01 × limit: error %v, want a *StabilityError", c.kind, c.coarse, err)
		}
		e.Dynamics.Dt = c.want * 0.99
		e.Schedule = hold{wells.Control{0, k}, 1000 * e.Dynamics.Dt}
		if err := e.CheckStability(); err != nil {
			t.Errorf("%v coarse=%v: dt = 0.99 × limit refused: %v", c.kind, c.coarse, err)
		}
	}
}

// On the jun well the largest curvature over the four-stage protocol is
// U” = 4E_b(3x² − g) at the far edge of the range: for E_b = 15 it
// exceeds 256, the curvature at the bottom of the tilted well (g = f = 1,
// x = 1.3247, where x³ − x − 1 = 0), so dt = 0.05 and dt = 0.012 (the
// issue's NaN reproductions) are refused, and the default study's dt
// passes for E_b = 8.
func TestStabilityJun(t *testing.T) {
	for _, c := range []struct {
		barrier, dt float64
		ok          bool
	}{
		{15, 0.05, false},
		{15, 0.012, false},
		{8, 5e-4, true},
		{8, 1e-3, true},
	} {
		e := &langevin.Ensemble{
			Potential:    wells.Jun{Barrier: c.barrier, Tilt: 1},
			Schedule:     fourStage{8},
			Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: c.dt, Friction: 1, Temperature: 1},
			Trajectories: 1,
			Coarse:       true,
		}
		st, err := e.Stability()
		if err != nil {
			t.Fatal(err)
		}
		x0 := 1.3247179572447460 // the plastic number: root of x³ = x + 1
		if bottom := 4 * c.barrier * (3*x0*x0 - 1); st.Curvature < bottom {
			t.Errorf("E_b = %v: max curvature %v below the tilted well's bottom curvature %v", c.barrier, st.Curvature, bottom)
		}
		err = e.CheckStability()
		if (err == nil) != c.ok {
			t.Errorf("E_b = %v, dt = %v: CheckStability = %v, want ok = %v (limit %v)", c.barrier, c.dt, err, c.ok, st.Limit)
		}
		t.Logf("E_b = %v: max U'' = %.4g at x = %.3g, t = %.3g: limit %.4g, suggested %g", c.barrier, st.Curvature, st.X, st.T, st.Limit, st.Suggested)
	}
}
