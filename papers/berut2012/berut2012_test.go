package berut2012

import (
	"context"
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

var long = flag.Bool("long", false, "run the full sweep (8 cycle times, 4000 trajectories, both F_max schedules)")

// The units of the cited setup: Stokes drag, D ≈ 0.22 µm²/s (LITERATURE.md),
// and the embedded config is the whole cycle at τ = 25 s of Protocols.
func TestSetup(t *testing.T) {
	u := SetupUnits()
	if math.Abs(u.Gamma-1.885e-8) > 1e-11 || math.Abs(u.D*1e12-0.2197) > 1e-4 || math.Abs(u.T0-0.9216) > 1e-4 {
		t.Errorf("units %+v: want γ = 1.885e-8 N·s/m, D = 0.2197 µm²/s, t0 = 0.9216 s", u)
	}
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		t.Fatal(err)
	}
	file, err := cfg.Study()
	if err != nil {
		t.Fatal(err)
	}
	full, _, err := Protocols(FixedForce, 25)
	if err != nil {
		t.Fatal(err)
	}
	if d := file.Protocol.Duration() - full.Duration(); math.Abs(d) > 1e-12 {
		t.Fatalf("config duration %v, Protocols %v", file.Protocol.Duration(), full.Duration())
	}
	for i := range 2001 {
		tt := full.Duration() * float64(i) / 2000
		a, b := file.Protocol.At(tt), full.At(tt)
		if math.Abs(a[0]-b[0]) > 1e-12 || math.Abs(a[1]-b[1]) > 1e-12 {
			t.Fatalf("at t = %v the config has %v, Protocols %v", tt, a, b)
		}
	}
	if file.Potential.(wells.Jun) != Potential() {
		t.Errorf("config potential %#v, want %#v", file.Potential, Potential())
	}
	// The lowered barrier is 2.2 kT: U(0) − U(±√g) = E_b g².
	u2 := make([]float64, 2)
	Potential().Eval(wells.Control{GLow, 0}, []float64{0, math.Sqrt(GLow)}, u2, nil)
	if d := u2[0] - u2[1]; math.Abs(d-LowBarrier) > 1e-12 {
		t.Errorf("lowered barrier %v kT, want 2.2", d)
	}
	for _, bad := range []float64{0, -1, math.Inf(1)} {
		if _, _, err := Protocols(FixedForce, bad); err == nil {
			t.Errorf("τ = %v accepted", bad)
		}
	}
	if _, _, err := Protocols("nope", 10); err == nil {
		t.Error("unknown schedule accepted")
	}
}

// The tilt-alone study's work is Bérut's heat ∫ F ẋ dt during the tilt of
// the whole cycle: solved by Fokker–Planck both ways, the full cycle's
// density snapshots give ∫F ẋ dt = F_max⟨x⟩(end) − (F_max/τ)∫⟨x⟩dt over the
// tilt, which must match the tilt-alone work to within 0.01 kT (the 1 s
// lowering leaves the wells within 1 % of their lowered equilibrium).
func TestTiltHeatIsBerutsHeat(t *testing.T) {
	tauS := 20.0
	full, tilt, err := Protocols(FixedForce, tauS)
	if err != nil {
		t.Fatal(err)
	}
	s := Study(tilt)
	s.Method = erasure.FokkerPlanck
	rt, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sf := Study(full)
	sf.Method = erasure.FokkerPlanck
	u := SetupUnits()
	one, tau := StageSeconds/u.T0, tauS/u.T0
	n := 801
	sf.Snapshots = n
	rf, err := sf.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	F, _ := Fmax(FixedForce, tauS)
	mean := func(k int) float64 {
		sn := rf.Snapshots[k]
		h := sn.X[1] - sn.X[0]
		var m float64
		for i, p := range sn.P {
			m += p * h * sn.X[i]
		}
		return m
	}
	// Trapezoid over the snapshots inside [1 s, 1 s + τ].
	var integral, tprev, xprev float64
	first := true
	var xend float64
	for k := range rf.Snapshots {
		tt := rf.Snapshots[k].T
		if tt < one-1e-9 || tt > one+tau+1e-9 {
			continue
		}
		x := mean(k)
		if !first {
			integral += (tt - tprev) * (x + xprev) / 2
		}
		first, tprev, xprev, xend = false, tt, x, x
	}
	q := F*xend - F/tau*integral
	t.Logf("τ = %g s: tilt-alone ⟨W⟩ = %.4f kT, ∫F ẋ dt from the whole cycle %.4f kT", tauS, rt.Work.Value, q)
	if math.Abs(q-rt.Work.Value) > 0.01 {
		t.Errorf("tilt-alone %.4f vs whole-cycle ∫F ẋ dt %.4f", rt.Work.Value, q)
	}
}

// The paper's claims against the simulation. Monte Carlo within 4 SE of
// Fokker–Planck (heat and success); the success-rate bound at every τ
// (within 4 SE); the success saturating near 95 % (at the longest τ within
// 0.05 of 0.95: the paper states no error); ⟨Q⟩ against ln 2 + 8.15 s/τ is
// recorded (README: the quartic approximation does not reproduce it).
func TestClaims(t *testing.T) {
	scheds := []string{FixedForce}
	if *long {
		scheds = append(scheds, FixedImpulse)
	}
	for _, sched := range scheds {
		out, err := Run(context.Background(), Setup{Quick: !*long, Schedule: sched, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		k := 4.0
		for _, p := range out.Points {
			h, hf := p.HeatMC, p.HeatFP
			r, lo, hi := p.Success()
			rf := 1 - p.CycleFP.ErrorRate.Value
			se := math.Sqrt(r*(1-r)/float64(p.CycleMC.Trajectories)) + 1/float64(p.CycleMC.Trajectories)
			t.Logf("%s τ = %4g s: ⟨Q⟩ = %.4f ± %.4f kT (FP %.4f; ln 2 + 8.15/τ = %.4f), success %.4f [%.4f, %.4f] (FP %.4f), bound %.4f",
				sched, p.TauS, h.Work.Value, h.Work.StandardError(), hf.Work.Value, math.Ln2+PaperB/p.TauS, r, lo, hi, rf, SuccessBound(r))
			if math.Abs(h.Work.Value-hf.Work.Value) > k*h.Work.StandardError() {
				t.Errorf("τ = %g s: ⟨Q⟩ Monte Carlo %.4f ± %.4f vs Fokker–Planck %.4f", p.TauS, h.Work.Value, h.Work.StandardError(), hf.Work.Value)
			}
			if math.Abs(r-rf) > k*se {
				t.Errorf("τ = %g s: success Monte Carlo %.4f vs Fokker–Planck %.4f", p.TauS, r, rf)
			}
			if b := SuccessBound(rf); hf.Work.Value < b-1e-9 || h.Work.Value+k*h.Work.StandardError() < SuccessBound(hi) {
				t.Errorf("τ = %g s: ⟨Q⟩ = %.4f (FP %.4f) below the success-rate bound %.4f", p.TauS, h.Work.Value, hf.Work.Value, b)
			}
		}
		if sched == FixedForce {
			last := out.Points[len(out.Points)-1]
			if rf := 1 - last.CycleFP.ErrorRate.Value; math.Abs(rf-PaperSuccess) > 0.05 {
				t.Errorf("success at τ = %g s: %.4f, the paper's saturation near %.2f", last.TauS, rf, PaperSuccess)
			}
		}
		t.Logf("%s: fit ⟨Q⟩ = Q∞ + B/τ: Monte Carlo Q∞ = %.4f ± %.4f kT, B = %.3f ± %.3f kT·s; Fokker–Planck Q∞ = %.4f, B = %.3f; Proesmans et al.: ln 2, 8.15",
			sched, out.Fit.Inf, out.Fit.InfSE, out.Fit.B, out.Fit.BSE, out.FPFit.Inf, out.FPFit.B)
		fig, err := out.Figure()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := fig.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "8.15") {
			t.Error("figure CSV lacks the ln 2 + 8.15/τ curve")
		}
	}
}

// The power-scaled quartic: minima at ±x_m at every s, barrier s E_b (2.2 kT
// lowered), force = −∂U/∂x and Step = ΔU at fixed x.
func TestScaled(t *testing.T) {
	p := Scaled{Barrier: Barrier}
	pot, ctl, low, err := ModelPotential(PowerScaled)
	if err != nil || pot != wells.Potential(p) || ctl != "s" || math.Abs(low*Barrier-LowBarrier) > 1e-12 {
		t.Fatalf("ModelPotential(%s) = %v, %q, %v, %v", PowerScaled, pot, ctl, low, err)
	}
	if _, _, _, err := ModelPotential("nope"); err == nil {
		t.Error("unknown model accepted")
	}
	x := []float64{-1.3, -1, -0.4, 0, 0.7, 1, 1.6}
	u, f, u2, w, f2 := make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x)), make([]float64, len(x))
	c0, c1 := wells.Control{1, 0}, wells.Control{low, 0.8}
	p.Eval(c1, []float64{0, 1, -1}, u[:3], nil)
	if d := u[0] - u[1]; math.Abs(d-LowBarrier-0.8) > 1e-12 || math.Abs(u[0]-u[2]-LowBarrier+0.8) > 1e-12 {
		t.Errorf("lowered, tilted: U(0) − U(±1) = %v, %v; want 2.2 ± 0.8", u[0]-u[1], u[0]-u[2])
	}
	p.Eval(c0, x, u, nil)
	p.Eval(c1, x, u2, f)
	p.Step(c0, c1, x, w, f2)
	for i, xi := range x {
		if math.Abs(w[i]-(u2[i]-u[i])) > 1e-12 || f2[i] != f[i] {
			t.Errorf("x = %v: Step work %v, force %v; want %v, %v", xi, w[i], f2[i], u2[i]-u[i], f[i])
		}
		h := 1e-6
		up, um := make([]float64, 1), make([]float64, 1)
		p.Eval(c1, []float64{xi + h}, up, nil)
		p.Eval(c1, []float64{xi - h}, um, nil)
		if d := -(up[0] - um[0]) / (2 * h); math.Abs(d-f[i]) > 1e-5*(1+math.Abs(d)) {
			t.Errorf("x = %v: force %v, −dU/dx %v", xi, f[i], d)
		}
	}
}

// What B depends on (README): each barrier model under each F_max schedule,
// by Fokker–Planck (exact up to its discretisation, ≲ 1e-3 kT here).
//   - The paper's form ⟨Q⟩ = ln 2 + B/τ with B = 8.15 kT·s is not
//     reproduced by any of the four: with F_max fixed the heat hardly
//     depends on τ (B of a free fit ≤ 1.2 kT·s, Q∞ 0.54/0.79 kT); with
//     F_max·τ fixed the heat falls as 1/τ through ln 2 (free fit Q∞ ≈ 0,
//     B = 13.9/21.8 kT·s) while the success falls to 0.82/0.89 at 40 s.
//     The test pins these measured values (5 % or 0.02 kT, far above the
//     discretisation error) so that a change is seen.
//   - The success saturating near 95 %: the power-scaled quartic with F_max
//     fixed saturates at 0.965 (the g-lowered one at 0.920, TestClaims):
//     within 0.05 of 0.95 (the paper states no error), and flat from 15 s on.
//   - The success-rate bound holds at every τ.
func TestSensitivity(t *testing.T) {
	taus := []float64{5, 10, 20, 40}
	if *long {
		taus = nil
	}
	rows, err := Sensitivity(context.Background(), taus)
	if err != nil {
		t.Fatal(err)
	}
	// Measured with the full durations (5 … 40 s; `-args -long`) and with
	// the quick ones (5, 10, 20, 40 s): free fit Q∞, B and B of ln 2 + B/τ.
	type pin struct{ q, b, bln2 float64 }
	pins := map[bool]map[string]pin{
		true: {
			BarrierG + FixedForce: {0.5424, 0.485, -0.767}, BarrierG + FixedImpulse: {-0.0105, 13.906, 8.062},
			PowerScaled + FixedForce: {0.7922, 1.167, 1.990}, PowerScaled + FixedImpulse: {-0.0762, 21.778, 15.388},
		},
		false: {
			BarrierG + FixedForce: {0.5436, 0.453, -0.603}, BarrierG + FixedImpulse: {-0.0258, 14.050, 8.975},
			PowerScaled + FixedForce: {0.7969, 1.041, 1.773}, PowerScaled + FixedImpulse: {-0.1020, 22.122, 16.509},
		},
	}
	for _, r := range rows {
		t.Logf("%s, %s: Q∞ = %.4f kT, B = %.3f kT·s (free fit); ln 2 + B/τ: B = %.3f kT·s (paper 8.15); success %.4f at %g s",
			r.Model, r.Schedule, r.Fit.Inf, r.Fit.B, r.BLn2, r.Success[len(r.Success)-1], r.TauS[len(r.TauS)-1])
		for i := range r.TauS {
			if b := SuccessBound(r.Success[i]); r.Heat[i] < b-1e-9 {
				t.Errorf("%s %s τ = %g s: ⟨Q⟩ = %.4f below the success-rate bound %.4f", r.Model, r.Schedule, r.TauS[i], r.Heat[i], b)
			}
		}
		if p, ok := pins[*long][r.Model+r.Schedule]; !ok {
			t.Errorf("no recorded values for %s %s", r.Model, r.Schedule)
		} else {
			if math.Abs(r.Fit.Inf-p.q) > 0.02 || math.Abs(r.Fit.B-p.b) > 0.05*math.Abs(p.b)+0.02 || math.Abs(r.BLn2-p.bln2) > 0.05*math.Abs(p.bln2)+0.02 {
				t.Errorf("%s %s: Q∞ = %.4f, B = %.3f, B(ln 2) = %.3f; recorded %v", r.Model, r.Schedule, r.Fit.Inf, r.Fit.B, r.BLn2, p)
			}
		}
		// Not the paper's form: no combination has both Q∞ within 0.1 kT of
		// ln 2 and B within 25 % of 8.15 kT·s.
		if math.Abs(r.Fit.Inf-math.Ln2) < 0.1 && math.Abs(r.Fit.B-PaperB) < 0.25*PaperB {
			t.Errorf("%s %s now reproduces ln 2 + 8.15/τ (Q∞ = %.4f, B = %.3f): update README and this test", r.Model, r.Schedule, r.Fit.Inf, r.Fit.B)
		}
		if r.Model == PowerScaled && r.Schedule == FixedForce {
			n := len(r.Success)
			if s := r.Success[n-1]; math.Abs(s-PaperSuccess) > 0.05 {
				t.Errorf("power-scaled, F_max fixed: success %.4f at %g s, the paper's saturation near %.2f", s, r.TauS[n-1], PaperSuccess)
			}
			if d := r.Success[n-1] - r.Success[n-2]; d < 0 || d > 0.01 {
				t.Errorf("power-scaled, F_max fixed: success not saturating: %.4f → %.4f", r.Success[n-2], r.Success[n-1])
			}
		}
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
}
