package erasure

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// RunBothAt returns one Monte Carlo and one Fokker–Planck result per
// duration, in order, each equal to RunBoth on the same study, calls done
// once per point, and stops at the first error.
func TestRunBothAt(t *testing.T) {
	ctx := context.Background()
	taus := []float64{0.2, 0.4}
	study := func(i int, tau float64) (*Study, error) {
		s := checkpointStudy(t, "")
		s.Seed = PointSeed(3, i)
		p, err := NewProtocol(KindFourStage, s.Potential, tau, nil, nil)
		s.Protocol = p
		return s, err
	}
	var calls []float64
	mcs, fps, err := RunBothAt(ctx, taus, study, func(tau float64, mc, fp *Result) { calls = append(calls, tau) })
	if err != nil {
		t.Fatal(err)
	}
	if len(mcs) != 2 || len(fps) != 2 || len(calls) != 2 || calls[0] != 0.2 || calls[1] != 0.4 {
		t.Fatalf("%d + %d results, done at %v", len(mcs), len(fps), calls)
	}
	for i, tau := range taus {
		s, _ := study(i, tau)
		mc, fp, err := s.RunBoth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if mcs[i].Duration != tau || fps[i].Duration != tau {
			t.Errorf("point %d: durations %v, %v, want %v", i, mcs[i].Duration, fps[i].Duration, tau)
		}
		// As JSON: Fokker–Planck results hold NaN (no sampling error), which
		// reflect.DeepEqual never finds equal.
		for _, pair := range [][2]*Result{{&mcs[i], mc}, {&fps[i], fp}} {
			g, w := *pair[0], *pair[1]
			g.Seconds, w.Seconds = 0, 0
			gb, _ := json.Marshal(g)
			wb, _ := json.Marshal(w)
			if string(gb) != string(wb) {
				t.Errorf("point %d: RunBothAt gave\n%s\nRunBoth\n%s", i, gb, wb)
			}
		}
	}
	bad := errors.New("no study")
	if _, _, err := RunBothAt(ctx, taus, func(int, float64) (*Study, error) { return nil, bad }, nil); !errors.Is(err, bad) {
		t.Errorf("error %v, want %v", err, bad)
	}
}
