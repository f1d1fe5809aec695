package gavrilov2016

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// p0_eq of the wide well, exactly, against the estimate from the curvatures
// of the two wells (wells.Asymmetric: width ratio 2.074 for r = 2,
// δ = 0.1), and the bound −ln p0_eq below ln 2.
func TestP0(t *testing.T) {
	s, err := Study(160)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := s.Potential.(wells.Asymmetric)
	if !ok || s.Target != 1 || s.Divide != 0 {
		t.Fatalf("study: %#v, target %d, divide %v; want the asymmetric well erased right of 0", s.Potential, s.Target, s.Divide)
	}
	p0, err := P0(s)
	if err != nil {
		t.Fatal(err)
	}
	// Harmonic estimate: p_right/p_left = √(U''(−1)/U''(r)) = φ'(−1)/φ'(r).
	alpha, beta := a.Map()
	wl, wr := alpha-beta*math.Tanh(1/a.Width), alpha+beta*math.Tanh(a.Ratio/a.Width)
	est := (wl / wr) / (1 + wl/wr)
	t.Logf("p0_eq = %.6f (harmonic estimate %.6f), bound −ln p0_eq = %.6f kT, ln 2 = %.6f", p0, est, Bound(p0), math.Ln2)
	if math.Abs(p0-est) > 0.01 || !(p0 > 0.5) {
		t.Errorf("p0_eq = %v, harmonic estimate %v", p0, est)
	}
	if b := Bound(p0); !(b < math.Ln2-0.2) {
		t.Errorf("bound −ln p0_eq = %v is not well below ln 2", b)
	}
	// The engine's exact detailed-Jarzynski value Z_target(λ(τ))/Z(λ(0)) is
	// the same number for this cyclic protocol.
	s.Trajectories = 1
	r, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.DetailedExact == nil || math.Abs(*r.DetailedExact-p0) > 1e-9 {
		t.Errorf("jarzynski_detailed_exact = %v, p0_eq = %v", r.DetailedExact, p0)
	}
}

// Slow erasures into the wide well cost less than kT ln 2 and approach
// −kT ln p0_eq from above.
func TestWorkBelowLn2(t *testing.T) {
	out, err := Run(context.Background(), Setup{Quick: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, mc := range out.MonteCarlo {
		fp := out.FokkerPlanck[i]
		t.Logf("τ = %3g: ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), ε = %.3g, ⟨e^{−W} 1[wide]⟩ = %.4f ± %.4f",
			mc.Duration, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, mc.ErrorRate.Value, mc.JarzynskiDetailed.Value, mc.JarzynskiDetailed.StandardError())
		if !(mc.Dt <= QuickDt && mc.Dt > 0.99*QuickDt) {
			t.Errorf("τ = %g: quick sweep ran with dt = %v, want QuickDt = %v", mc.Duration, mc.Dt, QuickDt)
		}
		if d := math.Abs(mc.Work.Value - fp.Work.Value); d > 5*mc.Work.StandardError() {
			t.Errorf("τ = %g: Monte Carlo %.4f, Fokker–Planck %.4f: %.1f SE apart", mc.Duration, mc.Work.Value, fp.Work.Value, d/mc.Work.StandardError())
		}
		// From above: every ⟨W⟩ is at least the bound (within 5 SE), and
		// the exact ones strictly and decreasingly so.
		if mc.Work.Value < out.Bound-5*mc.Work.StandardError() {
			t.Errorf("τ = %g: ⟨W⟩ = %.4f ± %.4f below the bound %.4f", mc.Duration, mc.Work.Value, mc.Work.StandardError(), out.Bound)
		}
		if !(fp.Work.Value > out.Bound) || i > 0 && !(fp.Work.Value < out.FokkerPlanck[i-1].Work.Value) {
			t.Errorf("τ = %g: Fokker–Planck ⟨W⟩ = %.4f does not decrease towards %.4f", fp.Duration, fp.Work.Value, out.Bound)
		}
		// The detailed Jarzynski equality gives p0_eq at every τ.
		if d := math.Abs(mc.JarzynskiDetailed.Value - out.P0); d > 5*mc.JarzynskiDetailed.StandardError() {
			t.Errorf("τ = %g: ⟨e^{−W} 1[wide]⟩ = %.4f ± %.4f, p0_eq = %.4f", mc.Duration, mc.JarzynskiDetailed.Value, mc.JarzynskiDetailed.StandardError(), out.P0)
		}
	}
	slow := out.MonteCarlo[len(out.MonteCarlo)-1]
	if gap := math.Ln2 - slow.Work.Value; gap < 5*slow.Work.StandardError() {
		t.Errorf("slowest τ = %g: ⟨W⟩ = %.4f ± %.4f kT is not below ln 2 by 5 SE", slow.Duration, slow.Work.Value, slow.Work.StandardError())
	}
	if slow.Work.Value < out.Bound-5*slow.Work.StandardError() {
		t.Errorf("slowest τ = %g: ⟨W⟩ = %.4f ± %.4f kT below −ln p0_eq = %.4f", slow.Duration, slow.Work.Value, slow.Work.StandardError(), out.Bound)
	}

	f, g := out.Fit, out.FPFit
	t.Logf("Monte Carlo fit:   W∞ = %.4f ± %.4f kT, B = %.2f ± %.2f kT·t0 (τ ≥ %g); −ln p0_eq = %.4f", f.Inf, f.InfSE, f.B, f.BSE, FitMin, out.Bound)
	t.Logf("Fokker–Planck fit: W∞ = %.4f ± %.1g kT, B = %.2f ± %.1g kT·t0", g.Inf, g.InfSE, g.B, g.BSE)
	if d := math.Abs(f.Inf - out.Bound); d > 5*f.InfSE {
		t.Errorf("W∞ = %.4f ± %.4f is %.1f SE from −ln p0_eq = %.4f", f.Inf, f.InfSE, d/f.InfSE, out.Bound)
	}
	if math.Ln2-f.Inf < 5*f.InfSE {
		t.Errorf("W∞ = %.4f ± %.4f is not below ln 2 by 5 SE", f.Inf, f.InfSE)
	}
	if math.Abs(g.Inf-out.Bound) > 0.02 {
		t.Errorf("Fokker–Planck W∞ = %.4f, −ln p0_eq = %.4f", g.Inf, out.Bound)
	}

	fig, err := out.Figure()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := fig.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if len(fig.Fits) != 1 || !strings.Contains(b.String(), "−kT ln p₀,eq") {
		t.Errorf("figure: %d fits; CSV lacks the bound", len(fig.Fits))
	}
}
