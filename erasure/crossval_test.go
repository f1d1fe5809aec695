package erasure

import (
	"math"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// Monte Carlo and Fokker–Planck answer the same study (PHYSICS.md §3): for
// four-stage erasures of an 8 kT jun bit at several durations they agree on
// ⟨W⟩ within 5 Monte Carlo standard errors plus the Fokker–Planck
// discretisation error, and on the error rate within 5 binomial standard
// errors plus its discretisation error. The Monte Carlo step is the
// default study's, dt = 5e-4, with the default Heun integrator: its bias of
// ⟨W⟩ (measured by the run's own 2dt path: ≈ 3e-4 kT at τ = 8, O(dt²))
// is far below a standard error at n = 2e4 (Euler–Maruyama's was
// ≈ 0.015 kT at dt = 1e-3, O(dt)). The reported bias must also be smaller
// than a standard error, so the agreement is not luck.
//
// The four-stage errors at E_b = 8 are ~1e-8 to 1e-4, too rare to compare,
// so symmetric-tilt erasures with a weak tilt (A = 0.5), whose errors are
// 0.39 and 0.035 at τ = 0.2 and 1, test the error rates.
func TestMonteCarloMatchesFokkerPlanck(t *testing.T) {
	type tc struct {
		kind string
		pot  wells.Potential
		tau  float64
	}
	strong, weak := wells.Jun{Barrier: 8, Tilt: 1}, wells.Jun{Barrier: 8, Tilt: 0.5}
	n, cases := 20000, []tc{{KindFourStage, strong, 0.5}, {KindFourStage, strong, 2}, {KindFourStage, strong, 8},
		{KindSymmetricTilt, weak, 0.2}, {KindSymmetricTilt, weak, 1}}
	if testing.Short() {
		n, cases = 8000, []tc{cases[0], cases[1], cases[3], cases[4]}
	}
	for _, c := range cases {
		pot, tau := c.pot, c.tau
		proto, err := NewProtocol(c.kind, pot, tau, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := &Study{Potential: pot, Protocol: proto, Dynamics: overdamped(5e-4), Target: 1,
			Trajectories: n, Seed: 17}
		mc := runStudy(t, s)
		s.Method = FokkerPlanck
		fp := runStudy(t, s)
		if d := math.Abs(mc.Work.Value - fp.Work.Value); d > 5*mc.Work.StandardError()+fp.Work.DiscretisationError() {
			t.Errorf("%s τ = %g: ⟨W⟩ Monte Carlo %.4f ± %.4f, Fokker–Planck %.4f ± %.2g", c.kind, tau, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, fp.Work.DiscretisationError())
		}
		if d := math.Abs(mc.Heat.Value - fp.Heat.Value); d > 5*mc.Heat.StandardError()+fp.Heat.DiscretisationError() {
			t.Errorf("%s τ = %g: ⟨Q⟩ Monte Carlo %.4f ± %.4f, Fokker–Planck %.4f ± %.2g", c.kind, tau, mc.Heat.Value, mc.Heat.StandardError(), fp.Heat.Value, fp.Heat.DiscretisationError())
		}
		if math.Abs(mc.WorkBias.Value) > mc.Work.StandardError() {
			t.Errorf("%s τ = %g: time-step bias of ⟨W⟩ %.4g above a standard error %.4g at the default dt", c.kind, tau, mc.WorkBias.Value, mc.Work.StandardError())
		}
		eps := fp.ErrorRate.Value
		if eps > 1e-4 {
			se := math.Sqrt(eps * (1 - eps) / float64(n))
			if d := math.Abs(mc.ErrorRate.Value - eps); d > 5*se+fp.ErrorRate.DiscretisationError() {
				t.Errorf("%s τ = %g: error rate Monte Carlo %.4g (%d of %d), Fokker–Planck %.4g ± %.2g", c.kind, tau, mc.ErrorRate.Value, mc.Errors, n, eps, fp.ErrorRate.DiscretisationError())
			}
		}
		t.Logf("%s τ = %g: ⟨W⟩ MC %.4f ± %.4f, FP %.4f ± %.1g; ε MC %.3g, FP %.3g", c.kind, tau, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, fp.Work.DiscretisationError(), mc.ErrorRate.Value, eps)
	}
}
