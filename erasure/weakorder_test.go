package erasure

import (
	"flag"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
)

var weakOrderLong = flag.Bool("weakorder", false, "TestWeakOrderFourStage on the default study (τ = 8) with 10⁵ trajectories per step size (minutes)")

// The weak order of the integrators on the Schmiedl–Seifert trap
// (PHYSICS.md §3): a trap U = k(x − λ)²/2, k = 4, dragged linearly from 0 to
// λ_f = 1 in t_f = 1, has ⟨W⟩ = γλ_f²(t_f − τ_r + τ_r e^{−t_f/τ_r})/t_f²,
// τ_r = γ/k, whatever kT: the mean path obeys the noiseless equation,
// in the scheme as in the continuum, because both are linear. At
// kT = 1e-12 the engine's work is that of the mean path to ~1e-6/√n
// (Var W = 2kT⟨W⟩), so its
// deviation from the exact value is the scheme's time-step bias with no
// statistical error. At dt = 0.05, 0.025, 0.0125 (k dt = 0.2 … 0.05) the
// deviation must fall by 2^p per halving: slope p within 0.15 of 2 for
// Heun, of 1 for Euler–Maruyama (measured 2.07, 2.04 and 0.99, 1.00; the
// excess is the next order, k dt relative). The bias estimate (from the
// run's own 2dt path) must predict the deviation within 20 % at the
// smallest dt (its residual, from the next order, is of order k dt).
func TestWeakOrderTrap(t *testing.T) {
	const k, lf, tf = 4.0, 1.0, 1.0
	pot := newPot(t, "harmonic", map[string]float64{"stiffness": k})
	proto, err := NewProtocol("keyframes", pot, tf, nil, map[string][][2]float64{"center": {{0, 0}, {tf, lf}}})
	if err != nil {
		t.Fatal(err)
	}
	tr := 1 / k
	want := lf * lf * (tf - tr + tr*math.Exp(-tf/tr)) / (tf * tf)
	for _, c := range []struct {
		scheme langevin.Integrator
		p      float64
	}{{langevin.Heun, 2}, {langevin.EulerMaruyama, 1}} {
		var bias []float64
		dts := []float64{0.05, 0.025, 0.0125}
		for _, dt := range dts {
			d := overdamped(dt)
			d.Temperature, d.Integrator = 1e-12, c.scheme
			r := runStudy(t, &Study{Potential: pot, Protocol: proto, Dynamics: d, Target: 1, Divide: 0.5, Trajectories: 64, Seed: 3})
			b := r.Work.Value - want
			bias = append(bias, b)
			t.Logf("%v dt = %g: ⟨W⟩ = %.8f, exact %.8f: bias %.3e, estimated %.3e", c.scheme, dt, r.Work.Value, want, b, r.WorkBias.Value)
			if dt == dts[len(dts)-1] && math.Abs(r.WorkBias.Value-b) > 0.2*math.Abs(b) {
				t.Errorf("%v dt = %g: estimated bias %.3e, actual %.3e: more than 20 %% off", c.scheme, dt, r.WorkBias.Value, b)
			}
		}
		for i := 0; i+1 < len(bias); i++ {
			p := math.Log2(bias[i] / bias[i+1])
			t.Logf("%v: slope %.3f between dt = %g and %g", c.scheme, p, dts[i], dts[i+1])
			if math.Abs(p-c.p) > 0.15 {
				t.Errorf("%v: weak order %.3f between dt = %g and %g, want %g ± 0.15", c.scheme, p, dts[i], dts[i+1], c.p)
			}
		}
	}
}

// The weak order of the Heun integrator on the four-stage erasure of an
// 8 kT jun bit, measured from the engine's own paired 2dt paths: the
// estimated bias b(h) = (X_2h − X_h)/3 of ⟨W⟩ at h, h/2, h/4 must fall by
// 2^p per halving with p within 0.6 of 2 (Euler–Maruyama's is 1). The
// short version uses τ = 2 and 2·10⁴ trajectories; -weakorder runs the
// default study (τ = 8) with 10⁵ at h = 1e-3, 5e-4, 2.5e-4 and compares
// the bias with Monte Carlo − Fokker–Planck at the largest h.
func TestWeakOrderFourStage(t *testing.T) {
	cfg, err := ParseConfig([]byte(DefaultStudy))
	if err != nil {
		t.Fatal(err)
	}
	tau, n, h := 2.0, 20000, 2e-3
	if *weakOrderLong {
		tau, n, h = 8, 100000, 1e-3
	}
	cfg.Protocol["duration"] = tau
	var b, se []float64
	hs := []float64{h, h / 2, h / 4}
	for _, dt := range hs {
		s, err := cfg.Study()
		if err != nil {
			t.Fatal(err)
		}
		s.Dynamics.Dt, s.Dynamics.Integrator = dt, langevin.Heun
		s.Trajectories, s.Seed = n, 5
		r := runStudy(t, s)
		b, se = append(b, r.WorkBias.Value), append(se, r.WorkBias.Uncertainty)
		t.Logf("τ = %g, dt = %g: ⟨W⟩ = %.5f ± %.5f, estimated bias %.3e ± %.1e", tau, dt, r.Work.Value, r.Work.StandardError(), r.WorkBias.Value, r.WorkBias.Uncertainty)
		if *weakOrderLong && dt == h {
			s.Method = FokkerPlanck
			fp := runStudy(t, s)
			t.Logf("Fokker–Planck ⟨W⟩ = %.5f ± %.1e: MC − FP = %.5f ± %.5f", fp.Work.Value, fp.Work.DiscretisationError(), r.Work.Value-fp.Work.Value, r.Work.StandardError())
		}
	}
	for i := 0; i+1 < len(b); i++ {
		p := math.Log2(b[i] / b[i+1])
		dp := math.Hypot(se[i]/b[i], se[i+1]/b[i+1]) / math.Ln2
		t.Logf("slope %.2f ± %.2f between dt = %g and %g", p, dp, hs[i], hs[i+1])
		if math.IsNaN(p) || math.Abs(p-2) > 0.6 {
			t.Errorf("weak order %.2f ± %.2f between dt = %g and %g, want 2 ± 0.6", p, dp, hs[i], hs[i+1])
		}
	}
}

var weakOrderFP = flag.Bool("weakorder.fp", false, "TestWeakOrderFourStageFP: Heun's ⟨W⟩ against Fokker–Planck at three dt (3e10 particle-steps, minutes)")

// TestWeakOrderFourStageFP measures Heun's weak order as the issue asks,
// from the deviation of the Monte Carlo ⟨W⟩ from Fokker–Planck at three
// step sizes, on the four-stage erasure of the 8 kT jun bit in τ = 2. The
// steps are the largest the stability check allows (3e-3) and two smaller
// ones, where the bias (≈ 0.03, 0.01, 0.005 kT) stands above the standard
// errors that 4e6–1.6e7 trajectories give (≈ 0.002–0.001 kT). Measured
// (seed 7): deviations 0.0275 ± 0.0019, 0.0106 ± 0.0013, 0.0053 ± 0.0009
// kT at dt = 2.99e-3, 2.10e-3, 1.50e-3, slope 2.46 ± 0.25 — 2 within 1.8 SE,
// 1 (Euler–Maruyama's order) 5.8 SE away (59 s here). The test wants the slope within
// 3 of its standard errors of 2 and more than 3 away from 1. The short
// TestWeakOrderFourStage tests the same order from the paired 2dt
// differences, which need far fewer trajectories.
func TestWeakOrderFourStageFP(t *testing.T) {
	if !*weakOrderFP {
		t.Skip("minutes of Monte Carlo: run with -args -weakorder.fp")
	}
	cfg, err := ParseConfig([]byte(DefaultStudy))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Protocol["duration"] = 2.0
	s, err := cfg.Study()
	if err != nil {
		t.Fatal(err)
	}
	s.Method = FokkerPlanck
	fp := runStudy(t, s)
	var lx, ly, vy []float64
	for _, c := range []struct {
		dt float64
		n  int
	}{{3e-3, 4000000}, {2.1e-3, 8000000}, {1.5e-3, 16000000}} {
		s, _ := cfg.Study()
		s.Dynamics.Dt, s.Dynamics.Integrator = c.dt, langevin.Heun
		s.Trajectories, s.Seed = c.n, 7
		r := runStudy(t, s)
		d, se := r.Work.Value-fp.Work.Value, math.Hypot(r.Work.StandardError(), fp.Work.DiscretisationError())
		t.Logf("dt = %.4g: MC − FP = %.5f ± %.5f kT (bias estimate %.5f)", r.Dt, d, se, r.WorkBias.Value)
		if !(d > 3*se) {
			t.Fatalf("dt = %g: deviation %.5f ± %.5f not resolved", r.Dt, d, se)
		}
		lx, ly, vy = append(lx, math.Log(r.Dt)), append(ly, math.Log(d)), append(vy, (se/d)*(se/d))
	}
	// the slope of ln d against ln dt by weighted least squares
	var sw, sx, sy, sxx, sxy float64
	for i := range lx {
		w := 1 / vy[i]
		sw, sx, sy, sxx, sxy = sw+w, sx+w*lx[i], sy+w*ly[i], sxx+w*lx[i]*lx[i], sxy+w*lx[i]*ly[i]
	}
	den := sw*sxx - sx*sx
	p, dp := (sw*sxy-sx*sy)/den, math.Sqrt(sw/den)
	t.Logf("weak order %.2f ± %.2f", p, dp)
	if math.Abs(p-2) > 3*dp || p-1 < 3*dp {
		t.Errorf("weak order %.2f ± %.2f: want 2 within 3 SE and 1 excluded by 3 SE", p, dp)
	}
}
