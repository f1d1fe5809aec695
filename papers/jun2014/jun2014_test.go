package jun2014

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// The embedded config is the paper's potential at E_b = 13 kT with a tilt
// that leaves one well, erased to the right.
func TestConfig(t *testing.T) {
	s, err := Study(80)
	if err != nil {
		t.Fatal(err)
	}
	j, ok := s.Potential.(wells.Jun)
	if !ok || j.Barrier != Barrier || !(j.Tilt > 2/(3*math.Sqrt(3))) {
		t.Fatalf("potential = %#v, want jun with E_b = 13 and A > 2/(3√3)", s.Potential)
	}
	if s.Target != 1 || s.Side != 0 || s.Protocol.Kind() != erasure.KindFourStage || s.Protocol.Duration() != 80 {
		t.Errorf("study: target %d, side %d, %s over %g", s.Target, s.Side, s.Protocol.Kind(), s.Protocol.Duration())
	}
	// Four equal stages: g = 0 and f = 1 at the middle.
	if c := s.Protocol.At(40); c[0] != 0 || c[1] != 1 {
		t.Errorf("c(t_c/2) = %v, want g = 0, f = 1", c)
	}
}

// ⟨W⟩ = W∞ + B/t_c with W∞ = kT ln 2: the Monte Carlo fit must find ln 2
// within 5 standard errors of W∞ (and not below the Landauer bound with the
// errors seen), and B must agree with the Fokker–Planck fit within 5
// standard errors of B. Each point must agree with Fokker–Planck too.
func TestWorkApproachesLn2(t *testing.T) {
	out, err := Run(context.Background(), Setup{Quick: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, mc := range out.MonteCarlo {
		fp := out.FokkerPlanck[i]
		t.Logf("t_c = %3g: ⟨W⟩ = %.4f ± %.4f kT, Fokker–Planck %.4f ± %.1g, ε = %.3g",
			mc.Duration, mc.WorkMean, mc.WorkSEM, fp.WorkMean, fp.WorkErr, mc.ErrorRate)
		if d := math.Abs(mc.WorkMean - fp.WorkMean); d > 5*mc.WorkSEM {
			t.Errorf("t_c = %g: Monte Carlo %.4f and Fokker–Planck %.4f differ by %.1f SE", mc.Duration, mc.WorkMean, fp.WorkMean, d/mc.WorkSEM)
		}
	}
	f, g := out.Fit, out.FPFit
	t.Logf("Monte Carlo fit:   W∞ = %.4f ± %.4f kT, B = %.3f ± %.3f kT·t0, χ²/dof = %.2f", f.WInf, f.WInfSE, f.B, f.BSE, f.ChiSquareDOF)
	t.Logf("Fokker–Planck fit: W∞ = %.4f ± %.1g kT, B = %.3f ± %.1g kT·t0; paper: W∞ = %.2f ± %.2f kT", g.WInf, g.WInfSE, g.B, g.BSE, PaperWInf, PaperWInfSE)
	if f.N != 4 || !(f.WInfSE > 0) || !(f.BSE > 0) {
		t.Fatalf("fit %+v: want 4 points with positive standard errors", f)
	}
	if d := math.Abs(f.WInf - math.Ln2); d > 5*f.WInfSE {
		t.Errorf("W∞ = %.4f ± %.4f kT is %.1f SE from ln 2", f.WInf, f.WInfSE, d/f.WInfSE)
	}
	if bound := erasure.LandauerBound(MaxError(out.MonteCarlo)); f.WInf+5*f.WInfSE < bound {
		t.Errorf("W∞ = %.4f ± %.4f kT is below ln 2 − H(ε) = %.4f", f.WInf, f.WInfSE, bound)
	}
	if d := math.Abs(f.B - g.B); d > 5*f.BSE {
		t.Errorf("B = %.3f ± %.3f, Fokker–Planck B = %.3f: %.1f SE apart", f.B, f.BSE, g.B, d/f.BSE)
	}
	// The exact (Fokker–Planck) asymptote is ln 2 up to the curvature left
	// in the fit range, and the paper's 0.71 ± 0.03 kT agrees with ours.
	if math.Abs(g.WInf-math.Ln2) > 0.01 {
		t.Errorf("Fokker–Planck W∞ = %.4f kT, want ln 2 = %.4f within 0.01", g.WInf, math.Ln2)
	}
	if se := math.Hypot(f.WInfSE, PaperWInfSE); math.Abs(f.WInf-PaperWInf) > 5*se {
		t.Errorf("W∞ = %.4f ± %.4f kT disagrees with the paper's %.2f ± %.2f", f.WInf, f.WInfSE, PaperWInf, PaperWInfSE)
	}

	fig, err := out.Figure()
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Fits) != 1 || math.Abs(fig.Fits[0].WInf-f.WInf) > 1e-12 {
		t.Errorf("figure fits %+v, want the Monte Carlo fit W∞ = %v", fig.Fits, f.WInf)
	}
	var b strings.Builder
	if err := fig.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Fokker–Planck") || !strings.Contains(b.String(), "kT ln 2") {
		t.Errorf("figure CSV lacks the Fokker–Planck curve or the ln 2 line")
	}
}

func TestFitWorkErrors(t *testing.T) {
	rs := []erasure.Result{{Duration: 1, WorkMean: 2, WorkSEM: 0.1}, {Duration: 2, WorkMean: 1.5, WorkSEM: 0.1}}
	if _, err := FitWork(rs, 1.5); err == nil {
		t.Error("a fit to one point succeeded")
	}
	f, err := FitWork(rs, 0)
	if err != nil || math.Abs(f.WInf-1) > 1e-12 || math.Abs(f.B-1) > 1e-12 {
		t.Errorf("FitWork = %+v, %v; want W∞ = 1, B = 1", f, err)
	}
}
