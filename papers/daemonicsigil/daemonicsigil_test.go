package daemonicsigil

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/papers/repro"
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

// TestPaperProgress: the paper's run reports one progress step per step of
// its Work, in order, each advancing the done count, ending at the total;
// its cost estimate grows with --trajectories (issues 14, 15).
func TestPaperProgress(t *testing.T) {
	p := Paper()
	o := repro.Options{Quick: true, Seed: 3}
	steps, err := p.Work(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var dones, totals []float64
	var log strings.Builder
	o.Observe = func(done, total float64, note string) { dones, totals = append(dones, done), append(totals, total) }
	o.Log = &log
	if _, err := p.Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	// the start, one report per step, the finish
	if len(dones) != len(steps)+2 {
		t.Fatalf("%d progress reports for %d steps, want %d", len(dones), len(steps), len(steps)+2)
	}
	if dones[0] != 0 {
		t.Errorf("first report at %g, want 0", dones[0])
	}
	for i := 1; i <= len(steps); i++ {
		if dones[i] <= dones[i-1] {
			t.Errorf("step %d (%s): done %g after %g, want more", i, steps[i-1].Note, dones[i], dones[i-1])
		}
	}
	if last := len(dones) - 1; dones[last] != totals[last] || dones[last-1] != totals[last] {
		t.Errorf("ends at %g and %g of %g, want the total", dones[last-1], dones[last], totals[last])
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != len(steps) || !strings.HasPrefix(lines[0], "two-state sudden raise") ||
		!strings.HasPrefix(lines[len(lines)-1], "lifted well slow raise") {
		t.Errorf("log lines:\n%s", log.String())
	}
	// 2e9 Gillespie trajectories: the estimate scales with them.
	sec, big, ok, err := p.Estimate(context.Background(), repro.Options{Quick: true, Trajectories: 2000000000})
	if err != nil || !ok || big.Units != 2e9 || sec < big.Seconds() {
		t.Errorf("estimate %g s (costliest %+v), ok %v, err %v", sec, big, ok, err)
	}
}
