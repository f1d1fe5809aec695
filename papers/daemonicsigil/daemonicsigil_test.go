package daemonicsigil

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/plots"
)

// Every check of the reproduction holds: the exact formulas of the post for
// the two-state bit (to 1e-9 relative for the ODE, 5 SE for Gillespie), the
// 1/τ approach to ln 2 − H(ε), the optimum between the Landauer bound and
// the sudden raise, the speed limit, and the continuous counterpart.
func TestReproduction(t *testing.T) {
	r, err := Run(context.Background(), Options{Quick: testing.Short(), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Checks {
		if !c.Pass {
			t.Errorf("%s: %s", c.Name, c.Detail)
		} else {
			t.Logf("ok %s: %s", c.Name, c.Detail)
		}
	}
	// The headline numbers at ε = 1e-15, from the formulas: the sudden raise
	// costs ½(1−2ε)ln((1−ε)/ε) = 17.27 kT, the minimal time is
	// ln(1/(2ε)) = 33.85/Γ.
	if d := math.Abs(r.MinDuration - math.Log(1/(2*Eps))); d > 1e-12 {
		t.Errorf("minimal duration %.6f, want ln(1/(2ε))", r.MinDuration)
	}
	// One figure per model; their data are the computed rows (the CSV
	// beside each holds them).
	var csv strings.Builder
	for _, m := range Models {
		fig, err := r.Figure(m.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := fig.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
	}
	// The two models' durations (1/Γ, γL²/kT) on one axis are refused.
	if _, err := plots.WorkDurationFigure(r.Series(), plots.SingleColumn(), plots.WorkDurationOptions{}); err == nil || !strings.Contains(err.Error(), "one axis takes one unit") {
		t.Errorf("mixed time units drawn on one axis: err = %v", err)
	}
	for _, row := range r.Rows {
		if row.Protocol == "slow raise" && !strings.Contains(csv.String(), strconv.FormatFloat(row.Work, 'g', -1, 64)) {
			t.Errorf("figure data lacks the slow-raise work %v", row.Work)
		}
	}
	if w := r.Rows[0].Work; math.Abs(w-0.5*math.Log((1-Eps)/Eps)) > 1e-6 {
		t.Errorf("sudden raise at ε = 1e-15 costs %.6f kT, want ½ ln((1−ε)/ε) = 17.27 kT", w)
	}
}

func TestBadOptions(t *testing.T) {
	if _, err := Run(context.Background(), Options{Trajectories: -1}); err == nil {
		t.Error("negative trajectories accepted")
	}
}
