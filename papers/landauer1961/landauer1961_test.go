package landauer1961

import (
	"context"
	"flag"
	"math"
	"strings"
	"testing"
)

var long = flag.Bool("long", false, "run the full reproduction (all Δ, 4000 trajectories) instead of the quick one")

// Every check of the reproduction (Eq. 5.4 against the measured rates, the
// slopes of ⟨W⟩ against ln(1/ε), the three error sources, the four-stage
// protocol near kT ln 2, Monte Carlo against Fokker–Planck) must pass. The
// quick run tests the same properties on fewer points; -long runs them all.
func TestReproduction(t *testing.T) {
	out, err := Run(context.Background(), Options{Quick: !*long, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range out.Checks {
		kinds[strings.Fields(c.Name)[0]]++
		if !c.Pass {
			t.Errorf("%s: %s", c.Name, c.Detail)
		} else {
			t.Logf("ok %s: %s", c.Name, c.Detail)
		}
	}
	// Each claim is checked at least once.
	for _, k := range []string{"Eq.", "relaxation", "switching", "unknown", "Boltzmann", "incomplete", "decay", "four-stage", "Monte"} {
		if kinds[k] == 0 {
			t.Errorf("no check of kind %q", k)
		}
	}
	// The "~50 kT": at the smallest ε of the sweep (Δ = 25 kT) the bit
	// that switches pays ln(1/ε) ≈ 50 kT, the four-stage protocol under
	// 0.71 kT at an error as small or smaller.
	last := out.Cost[len(out.Cost)-1]
	if l := -math.Log(last.Eps); math.Abs(last.Switch-l) > 0.05*l || l < 49 {
		t.Errorf("switching bit at Δ = %g: ⟨W⟩ = %.3f kT, ln(1/ε) = %.3f", last.Delta, last.Switch, l)
	}
	fs := out.FourStage[len(out.FourStage)-1]
	if fs.Eps > 1e-19 || fs.Work > 0.71 {
		t.Errorf("four-stage: ε = %.3g, ⟨W⟩ = %.4f kT; want ε < 1e-19 at < 0.71 kT", fs.Eps, fs.Work)
	}
	for _, f := range []func() error{
		func() error { _, err := out.Figure(); return err },
		func() error { _, err := out.RateFigure(); return err },
	} {
		if err := f(); err != nil {
			t.Error(err)
		}
	}
}

// The geometry maps the tilted well onto Landauer's ±Δ: the wells' energy
// difference is 2Δ, TiltFor inverts it, and at a = 0 the rate is twice the
// Kramers rate (2√2/π)E_b e^{−E_b} up to its O(1/E_b) correction.
func TestGeometry(t *testing.T) {
	for _, d := range []float64{0.5, 4, 25} {
		a, err := TiltFor(Barrier, d)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := Tilted(Barrier, a)
		if math.Abs(g.Delta-d) > 1e-9 || math.Abs(g.UHigh-g.ULow-2*d) > 1e-9 {
			t.Errorf("Δ = %g: geometry %+v", d, g)
		}
	}
	g, _ := Tilted(Barrier, 0)
	k := 2 * math.Sqrt2 / math.Pi * Barrier * math.Exp(-Barrier)
	if r := RelaxationRate(g) / (2 * k); math.Abs(r-1) > 2/Barrier {
		t.Errorf("rate/2k_Kramers = %.5f, want 1 within 2/E_b", r)
	}
	if _, err := Tilted(Barrier, 0.5); err == nil {
		t.Error("a tilt past 2/(3√3) was accepted")
	}
	if _, err := TiltFor(6, 20); err == nil {
		t.Error("Δ beyond the last two-well tilt was accepted")
	}
	if _, err := SolveReset(context.Background(), Barrier, 0.01, -1, 0, 10); err == nil {
		t.Error("a negative hold was accepted")
	}
}
