package optimal

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/internal/progress"
)

// TestObserveETA: Settings.Observe reports work that never goes back and
// ends at its total, and the meter's ETA from it — the cost model
// calibrated by the measured rate — tracks the remaining time of a virtual
// clock on which every unit of work takes 1 µs times a jitter in
// [0.7, 1.3] (the test cannot time the real solves: a shared machine).
// Once a quarter of the work is done every ETA is within 2× of the truth
// (issue 14 point 2), which needs the model's evaluations per start to
// come out right, not only the rate.
func TestObserveETA(t *testing.T) {
	p := smallBit(t, Asymmetric, 1e-3)
	now := time.Unix(1e9, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	m := progress.New(nil, "optimize", 0, progress.Options{Quiet: true, Now: func() time.Time { return now }})
	type sample struct {
		at        time.Time
		frac      float64
		eta       time.Duration
		ok        bool
		done, tot float64
	}
	var samples []sample
	prev := 0.0
	set := Settings{Cells: 100, Steps: 2000, Starts: []string{StartPalindrome, StartFourStage}}
	set.Observe = func(done, total float64, note string) {
		if done < prev {
			t.Errorf("done went back: %g after %g", done, prev)
		}
		if total < done {
			t.Errorf("total %g below done %g", total, done)
		}
		now = now.Add(time.Duration((done - prev) * (0.7 + 0.6*rng.Float64()) * float64(time.Microsecond)))
		prev = done
		m.Report(done, total, note)
		d, ok := m.ETA()
		samples = append(samples, sample{now, done / total, d, ok, done, total})
	}
	r, err := Optimize(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	last := samples[len(samples)-1]
	if last.done != last.tot || last.done <= 0 {
		t.Errorf("last report %g of %g, want all done", last.done, last.tot)
	}
	checked := 0
	for _, s := range samples {
		truth := now.Sub(s.at)
		if s.frac < 0.25 || truth < time.Second || !s.ok {
			continue
		}
		checked++
		if q := s.eta.Seconds() / truth.Seconds(); q < 0.5 || q > 2 || math.IsNaN(q) {
			t.Errorf("at %.0f%%: ETA %v, truth %v (ratio %.2f)", 100*s.frac, s.eta, truth, q)
		}
	}
	t.Logf("%d evaluations, %d reports, %d ETAs checked, %.3g cell-steps in all", r.Evaluations, len(samples), checked, last.done)
	if checked < 10 {
		t.Errorf("only %d ETAs checked", checked)
	}
}
