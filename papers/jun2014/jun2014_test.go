package jun2014

import (
	"context"
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

var long = flag.Bool("long", false, "run the full sweep (1…64 τ0, 5000 trajectories) instead of the quick one")

// The study is the paper's: E_b = 13 kT, A = 0.5 or 0, Table II in t0 = τ0/4.
func TestStudy(t *testing.T) {
	s, err := Study(Tilt, 20)
	if err != nil {
		t.Fatal(err)
	}
	j, ok := s.Potential.(wells.Jun)
	if !ok || j.Barrier != Barrier || j.Tilt != 0.5 {
		t.Fatalf("potential = %#v, want jun with E_b = 13, A = 0.5", s.Potential)
	}
	if s.Target != 1 || s.Side != 0 || s.Protocol.Kind() != KindTableII || s.Protocol.Duration() != 80 {
		t.Errorf("study: target %d, side %d, %s over %g t0", s.Target, s.Side, s.Protocol.Kind(), s.Protocol.Duration())
	}
	if _, err := Study(Tilt, -1); err == nil {
		t.Error("a negative cycle time was accepted")
	}
}

// Table II, stage by stage (τ = 1): g = 1 − sin(2πt) on [0, ¼] and
// 1 − sin(2π(t − ¼)) on [½, ¾], f linear, g = 1 in the last stage.
func TestProtocolTableII(t *testing.T) {
	p := Protocol{Tau: 1}
	for _, c := range []struct{ t, g, f float64 }{
		{0, 1, 0}, {0.125, 1 - math.Sin(math.Pi/4), 0}, {0.25, 0, 0}, {0.375, 0, 0.5},
		{0.5, 0, 1}, {0.625, 1 - math.Sin(3*math.Pi/4), 1}, {0.75, 1, 1}, {0.875, 1, 0.5}, {1, 1, 0}, {2, 1, 0},
	} {
		got := p.At(c.t)
		if math.Abs(got[0]-c.g) > 1e-12 || math.Abs(got[1]-c.f) > 1e-12 {
			t.Errorf("At(%g) = (%g, %g), want (%g, %g)", c.t, got[0], got[1], c.g, c.f)
		}
	}
	// Continuous: no jumps anywhere.
	for i := 0; i < 1000; i++ {
		a, b := p.At(float64(i)/1000), p.At(float64(i+1)/1000)
		if math.Abs(a[0]-b[0]) > 0.01 || math.Abs(a[1]-b[1]) > 0.005 {
			t.Fatalf("jump between t = %g and %g: %v → %v", float64(i)/1000, float64(i+1)/1000, a, b)
		}
	}
}

// The paper's Table I against the simulation. Monte Carlo within 4 SE of
// Fokker–Planck at every point; the fits over the paper's range:
//   - no erasure (A = 0): W∞ within the combined errors of 0.05 ± 0.03 kT
//     and a within 4 combined SE of 1.48 kT·τ0 (the paper's a error
//     estimated by PaperASE);
//   - full erasure: W∞ within the combined errors of 0.71 ± 0.03 kT, and
//     not below ln 2 − H(ε); a is not reproduced (1.92 against 1.39
//     kT·τ0; README): pinned at 1.39 + JunASystematic within 4 combined
//     SE;
//   - σ_W² = 2(⟨W⟩ − ΔF) at the slowest τ for A = 0 (ΔF = 0), and for full
//     erasure (ΔF = kT ln 2) at every τ ≥ 4 τ0, where the work is nearly
//     Gaussian.
func TestTableI(t *testing.T) {
	su := Setup{Quick: !*long, Seed: 1}
	out, err := Run(context.Background(), su)
	if err != nil {
		t.Fatal(err)
	}
	k := 4.0
	for _, c := range []*Curve{&out.Erasure, &out.NoErasure} {
		for i, mc := range c.MonteCarlo {
			fp := c.FokkerPlanck[i]
			t.Logf("A = %g, τ = %5g τ0: ⟨W⟩ = %.4f ± %.4f kT, Fokker–Planck %.4f, ε = %.3g", c.Tilt, mc.Duration/Tau0, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, mc.ErrorRate.Value)
			if d := math.Abs(mc.Work.Value - fp.Work.Value); d > k*mc.Work.StandardError() {
				t.Errorf("A = %g, τ = %g τ0: Monte Carlo %.4f vs Fokker–Planck %.4f: %.1f SE", c.Tilt, mc.Duration/Tau0, mc.Work.Value, fp.Work.Value, d/mc.Work.StandardError())
			}
		}
		f, g := c.Fit, c.FPFit
		t.Logf("A = %g: Monte Carlo fit W∞ = %.4f ± %.4f kT, a = %.3f ± %.3f kT·τ0, χ²/dof = %.2f; Fokker–Planck W∞ = %.4f, a = %.3f",
			c.Tilt, f.Inf, f.InfSE, f.B, f.BSE, f.ChiSquareDOF, g.Inf, g.B)
		if d := math.Abs(f.B - g.B); d > k*f.BSE {
			t.Errorf("A = %g: Monte Carlo a = %.3f ± %.3f vs Fokker–Planck %.3f", c.Tilt, f.B, f.BSE, g.B)
		}
	}
	e, n := out.Erasure.Fit, out.NoErasure.Fit
	if se := math.Hypot(e.InfSE, PaperWInfSE); math.Abs(e.Inf-PaperWInf) > k*se {
		t.Errorf("full erasure W∞ = %.4f ± %.4f vs the paper's %.2f ± %.2f", e.Inf, e.InfSE, PaperWInf, PaperWInfSE)
	}
	if b := erasure.LandauerBound(MaxError(out.Erasure.MonteCarlo)); e.Inf+k*e.InfSE < b {
		t.Errorf("full erasure W∞ = %.4f ± %.4f below ln 2 − H(ε) = %.4f", e.Inf, e.InfSE, b)
	}
	if se := math.Hypot(n.InfSE, PaperNoWInfSE); math.Abs(n.Inf-PaperNoWInf) > k*se {
		t.Errorf("no-erasure W∞ = %.4f ± %.4f vs the paper's %.2f ± %.2f", n.Inf, n.InfSE, PaperNoWInf, PaperNoWInfSE)
	}
	if se := math.Hypot(n.BSE, PaperASE()); math.Abs(n.B-PaperNoA) > k*se {
		t.Errorf("no-erasure a = %.3f ± %.3f vs the paper's %.2f ± %.2f (estimated)", n.B, n.BSE, PaperNoA, PaperASE())
	}
	// The full-erasure a is not reproduced (README, "Why the full-erasure a
	// differs"): the continuous dynamics gives 1.92 kT·τ0, JunASystematic
	// above Table I's 1.39. Pinned with its honest tolerance: the Monte
	// Carlo a must lie within 4 combined SE (ours, PaperASE) of
	// 1.39 + JunASystematic, and still more than 4 combined SE above 1.39
	// (if it ever comes within, the README's verdict is out of date).
	ea, ese := e.B, math.Hypot(e.BSE, PaperASE())
	t.Logf("full erasure: a = %.3f ± %.3f kT·τ0 (Fokker–Planck %.3f), the paper's %.2f ± %.2f (estimated): %.1f combined SE; with the recorded systematic %.2f: %.1f SE",
		ea, e.BSE, out.Erasure.FPFit.B, PaperA, PaperASE(), (ea-PaperA)/ese, JunASystematic, (ea-PaperA-JunASystematic)/ese)
	if math.Abs(ea-PaperA-JunASystematic) > k*ese {
		t.Errorf("full erasure a = %.3f ± %.3f: not 1.39 + %.2f (the recorded difference) within 4 SE", ea, e.BSE, JunASystematic)
	}
	if ea-PaperA <= k*ese {
		t.Errorf("full erasure a = %.3f ± %.3f now within 4 SE of Table I's %.2f: update README and JunASystematic", ea, e.BSE, PaperA)
	}
	if out.Erasure.FPFit.B <= out.NoErasure.FPFit.B {
		t.Errorf("Fokker–Planck a: erasure %.3f ≤ no erasure %.3f", out.Erasure.FPFit.B, out.NoErasure.FPFit.B)
	}
	vs := out.NoErasure.Variances()
	v := vs[len(vs)-1]
	t.Logf("A = 0, τ = %g τ0: σ_W² = %.4f ± %.4f, 2⟨W⟩ = %.4f", v.Tau, v.Var, v.VarSE, v.Predicted)
	if math.Abs(v.Var-v.Predicted) > k*v.VarSE {
		t.Errorf("A = 0, τ = %g τ0: σ_W² = %.4f ± %.4f, 2(⟨W⟩ − ΔF) = %.4f", v.Tau, v.Var, v.VarSE, v.Predicted)
	}
	// Full erasure, ΔF = kT ln 2: the paper’s check holds from τ = 4 τ0 on
	// (at 1–2 τ0 the work distribution is skewed: σ_W² exceeds
	// 2(⟨W⟩ − ln 2) by 5–15 %, README.md).
	for _, v := range out.Erasure.Variances() {
		t.Logf("A = 0.5, τ = %g τ0: σ_W² = %.4f ± %.4f, 2(⟨W⟩ − ln 2) = %.4f", v.Tau, v.Var, v.VarSE, v.Predicted)
		if v.Tau >= 4 && math.Abs(v.Var-v.Predicted) > k*v.VarSE {
			t.Errorf("A = 0.5, τ = %g τ0: σ_W² = %.4f ± %.4f, 2(⟨W⟩ − ln 2) = %.4f", v.Tau, v.Var, v.VarSE, v.Predicted)
		}
	}

	fig, err := out.Figure()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := fig.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no erasure") || !strings.Contains(b.String(), "kT ln 2") {
		t.Errorf("figure CSV lacks the no-erasure curve or the ln 2 line")
	}
}

func TestFitWorkErrors(t *testing.T) {
	rs := []erasure.Result{{Duration: 4, Work: stats.Mean(2, 0.1)}, {Duration: 8, Work: stats.Mean(1.5, 0.1)}}
	if _, err := FitWork(rs, 1.5); err == nil {
		t.Error("a fit to one point succeeded")
	}
	f, err := FitWork(rs, 0)
	if err != nil || math.Abs(f.Inf-1) > 1e-12 || math.Abs(f.B-1) > 1e-12 {
		t.Errorf("FitWork = %+v, %v; want W∞ = 1, a = 1 kT·τ0", f, err)
	}
}
