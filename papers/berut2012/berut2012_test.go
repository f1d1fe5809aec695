package berut2012

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// The embedded config is the protocol Keyframes builds, with the barrier
// lowered from 8 kT to 2.2 kT and a tilt that just removes the wrong well.
func TestConfig(t *testing.T) {
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		t.Fatal(err)
	}
	file, err := cfg.Study()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Study(160)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1601 {
		tt := float64(i) / 10
		if a, b := file.Protocol.At(tt), s.Protocol.At(tt); math.Abs(a[0]-b[0]) > 1e-15 || a[1] != b[1] {
			t.Fatalf("at t = %v the config has %v, Keyframes(160) %v", tt, a, b)
		}
	}
	j := s.Potential.(wells.Jun)
	if j.Barrier != Barrier || s.Target != 1 {
		t.Fatalf("potential %#v, target %d", j, s.Target)
	}
	// The lowered barrier is 2.2 kT: U(0) − U(±√g) = E_b g².
	u := make([]float64, 2)
	s.Potential.Eval(wells.Control{GLow, 0}, []float64{0, math.Sqrt(GLow)}, u, nil)
	if d := u[0] - u[1]; math.Abs(d-LowBarrier) > 1e-12 {
		t.Errorf("lowered barrier = %v kT, want %v", d, LowBarrier)
	}
	// At the lowest barrier and full tilt the wrong (left) well is gone:
	// the force 4E_b(g x − x³ + A) is positive for all x < 0.
	for x := -2.0; x < 0; x += 1e-3 {
		if f := 4 * Barrier * (GLow*x - x*x*x + j.Tilt); f <= 0 {
			t.Fatalf("force %v ≤ 0 at x = %v with g = g_low, f = 1: a left well survives", f, x)
		}
	}
}

// ⟨Q⟩ → kT ln 2 as Q∞ + B/τ, and the success rate rises with τ while it
// is limited by the crossing of the lowered barrier (τ ≤ SuccessMax).
func TestHeatAndSuccess(t *testing.T) {
	out, err := Run(context.Background(), Setup{Quick: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, mc := range out.MonteCarlo {
		fp := out.FokkerPlanck[i]
		n := float64(mc.Trajectories)
		epsSE := math.Sqrt(math.Max(fp.ErrorRate, 1/n) * (1 - fp.ErrorRate) / n)
		t.Logf("τ = %4g: ⟨Q⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), success %.4f [%.4f, %.4f] (Fokker–Planck %.4f)",
			mc.Duration, mc.HeatMean, mc.HeatSEM, fp.HeatMean, 1-mc.ErrorRate, 1-mc.ErrorHigh, 1-mc.ErrorLow, 1-fp.ErrorRate)
		if !(mc.Dt <= QuickDt && mc.Dt > 0.99*QuickDt) {
			t.Errorf("τ = %g: quick sweep ran with dt = %v, want QuickDt = %v", mc.Duration, mc.Dt, QuickDt)
		}
		if d := math.Abs(mc.HeatMean - fp.HeatMean); d > 5*mc.HeatSEM {
			t.Errorf("τ = %g: ⟨Q⟩ Monte Carlo %.4f, Fokker–Planck %.4f: %.1f SE apart", mc.Duration, mc.HeatMean, fp.HeatMean, d/mc.HeatSEM)
		}
		if d := math.Abs(mc.ErrorRate - fp.ErrorRate); d > 5*epsSE {
			t.Errorf("τ = %g: ε Monte Carlo %.4f, Fokker–Planck %.4f: %.1f SE apart", mc.Duration, mc.ErrorRate, fp.ErrorRate, d/epsSE)
		}
	}

	f, g := out.Fit, out.FPFit
	t.Logf("Monte Carlo fit:   Q∞ = %.4f ± %.4f kT, B = %.3f ± %.3f kT·t0 (τ ≥ %g)", f.QInf, f.QInfSE, f.B, f.BSE, FitMin)
	t.Logf("Fokker–Planck fit: Q∞ = %.4f ± %.1g kT, B = %.3f ± %.1g kT·t0", g.QInf, g.QInfSE, g.B, g.BSE)
	if f.N != 4 {
		t.Fatalf("fit over %d points, want 4", f.N)
	}
	if d := math.Abs(f.QInf - math.Ln2); d > 5*f.QInfSE {
		t.Errorf("Q∞ = %.4f ± %.4f kT is %.1f SE from ln 2", f.QInf, f.QInfSE, d/f.QInfSE)
	}
	var epsMax float64
	for _, r := range out.MonteCarlo {
		if r.Duration >= FitMin {
			epsMax = math.Max(epsMax, r.ErrorRate)
		}
	}
	if bound := erasure.LandauerBound(epsMax); f.QInf+5*f.QInfSE < bound {
		t.Errorf("Q∞ = %.4f ± %.4f kT is below ln 2 − H(ε) = %.4f", f.QInf, f.QInfSE, bound)
	}
	if f.B < 5*f.BSE {
		t.Errorf("B = %.3f ± %.3f: no 1/τ approach resolved", f.B, f.BSE)
	}
	if d := math.Abs(f.B - g.B); d > 5*f.BSE {
		t.Errorf("B = %.3f ± %.3f, Fokker–Planck %.3f: %.1f SE apart", f.B, f.BSE, g.B, d/f.BSE)
	}

	// Success rises with τ up to SuccessMax: exactly (Fokker–Planck), and
	// in the samples from the first τ to SuccessMax by more than 5 SE.
	var first, last *erasure.Result
	for i := range out.MonteCarlo {
		mc, fp := &out.MonteCarlo[i], out.FokkerPlanck[i]
		if mc.Duration > SuccessMax {
			break
		}
		if first == nil {
			first = mc
		} else if prev := out.FokkerPlanck[i-1]; !(fp.ErrorRate < prev.ErrorRate) {
			t.Errorf("Fokker–Planck success %.5f at τ = %g is not above %.5f at τ = %g", 1-fp.ErrorRate, fp.Duration, 1-prev.ErrorRate, prev.Duration)
		}
		last = mc
	}
	n := float64(first.Trajectories)
	se := math.Sqrt(first.ErrorRate*(1-first.ErrorRate)/n + math.Max(last.ErrorRate, 1/n)*(1-last.ErrorRate)/n)
	if rise := first.ErrorRate - last.ErrorRate; rise < 5*se {
		t.Errorf("success rises by %.4f ± %.4f from τ = %g to %g: not resolved", rise, se, first.Duration, last.Duration)
	}

	fig, err := out.Figure()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := fig.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if len(fig.Fits) != 1 || !strings.Contains(b.String(), "1 − success, Monte Carlo") {
		t.Errorf("figure: %d fits; CSV lacks the success panel", len(fig.Fits))
	}
}
