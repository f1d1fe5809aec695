package erasure

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"
)

// fuzzStudy drives a short run of a study that a fuzzed config produced:
// at most 16 trajectories on one worker (Monte Carlo) and at most 5000
// steps, or a Fokker–Planck solve of at most 2e7 cell-steps, under a 5 s
// deadline. Whatever the config, the run must not panic, and an accepted
// run must give an error rate in [0, 1] with its interval around it and a
// finite mean work (a NaN that passed as an erasure is the defect of issue
// 15, point 1).
func fuzzStudy(t *testing.T, s *Study) {
	t.Helper()
	_, cellSteps := s.Work()
	switch {
	case s.Method == FokkerPlanck && cellSteps > 2e7:
		return
	case s.Method != FokkerPlanck && s.Ensemble().Steps() > 5000:
		return
	}
	short := *s
	short.Trajectories = min(s.Trajectories, 16)
	short.Workers = 1
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, err := short.Run(ctx)
	if err != nil {
		return // refused or cancelled: both fine, neither a panic
	}
	if !(r.ErrorRate.Value >= 0 && r.ErrorRate.Value <= 1) {
		t.Errorf("error rate %v outside [0, 1]", r.ErrorRate.Value)
	}
	if r.Method == MonteCarlo && !(r.ErrorInterval.Low <= r.ErrorRate.Value && r.ErrorRate.Value <= r.ErrorInterval.High) {
		t.Errorf("error rate %v outside its interval [%v, %v]", r.ErrorRate.Value, r.ErrorInterval.Low, r.ErrorInterval.High)
	}
	if math.IsNaN(r.Work.Value) || math.IsInf(r.Work.Value, 0) {
		t.Errorf("accepted run with mean work %v", r.Work.Value)
	}
}

// FuzzStudyRun extends FuzzConfig from parsing to running: every accepted
// config is run briefly (fuzzStudy). `go test` runs the seed corpus (a
// second or two); `go test -fuzz FuzzStudyRun -fuzztime 30s ./erasure`
// explores further.
func FuzzStudyRun(f *testing.F) {
	base := "[potential]\nkind = \"jun\"\nbarrier = 4.0\n[protocol]\nkind = \"four-stage\"\nduration = 0.5\n[ensemble]\ntrajectories = 64\n"
	f.Add(base)
	// The ends of the ranges, at a dt the integrator is stable at (at the
	// default dt these give NaN: the stability check of the Monte Carlo
	// accuracy issue is what refuses them).
	f.Add(strings.Replace(strings.Replace(base, "barrier = 4.0", "barrier = 700.0", 1), "duration = 0.5", "duration = 0.01", 1) + "[dynamics]\ndt = 2e-6\n")
	f.Add(strings.Replace(base, "duration = 0.5", "duration = 0.01", 1) + "[dynamics]\nkind = \"underdamped\"\nmass = 1e-6\nfriction = 1e-6\ndt = 2e-6\n")
	f.Add(base + "[dynamics]\ntemperature = 1e-6\n")
	f.Add(base + "[initial]\nstate = \"left\"\n[measure]\ntarget = \"left\"\ndivide = 0.5\n")
	f.Add(strings.Replace(base, "four-stage", "symmetric-tilt", 1) + "[solver]\nmethod = \"fokker-planck\"\ncells = 200\n")
	f.Add("[potential]\nkind = \"lifted\"\n[protocol]\nkind = \"lift-one-well\"\nheight = 700\nduration = 1.0\n")
	f.Add("[potential]\nkind = \"benchmark\"\n[protocol]\nkind = \"keyframes\"\nduration = 1.0\n[protocol.keyframes]\nc1 = [[0, 5], [1, -5]]\n")
	f.Add("[potential]\nkind = \"double-parabola\"\nx1 = 37.0\n[protocol]\nkind = \"hold\"\nduration = 0.1\n")
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := ParseConfig([]byte(text))
		if err != nil {
			return
		}
		s, err := cfg.Study()
		if err != nil {
			return
		}
		fuzzStudy(t, s)
	})
}
