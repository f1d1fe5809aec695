package repro_test

import (
	"context"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
	"github.com/landauer-dev/landauer/stats"
)

// fourStage is the four-stage erasure of a 4 kT jun bit at duration tau
// (t0): small enough that a sweep of three points takes well under a
// second.
func fourStage(_ int, tau float64) (*erasure.Study, error) {
	cfg, err := erasure.ParseConfig([]byte(`
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 1.0
`))
	if err != nil {
		return nil, err
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, err
	}
	s.Protocol, err = erasure.NewProtocol(erasure.KindFourStage, s.Potential, tau, nil, nil)
	return s, err
}

// A Sweep runs each point with the seed PointSeed(Seed, SeedOffset + i)
// and the ensemble it asks for, reports each point once, and fits
// W∞ + B/τ to both curves over τ ≥ FitMin in the durations' unit: the
// fits are stats.FitInverse of those points, and the Monte Carlo fit
// agrees with the Fokker–Planck one within 5 of its standard errors
// (Monte Carlo is unbiased up to the time step's O(dt) bias, ≪ the SE
// here).
func TestSweep(t *testing.T) {
	ctx := context.Background()
	var done []float64
	sw := repro.Sweep{
		Name: "test", Durations: []float64{0.5, 1, 2, 4}, FitMin: 1,
		Study: fourStage, Trajectories: 2000, Seed: 5, SeedOffset: 100, Workers: 2,
		Done: func(tau float64, mc, fp *erasure.Result) { done = append(done, tau) },
	}
	out, err := sw.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.MonteCarlo) != 4 || len(out.FokkerPlanck) != 4 || len(done) != 4 || done[3] != 4 {
		t.Fatalf("%d + %d results, done at %v", len(out.MonteCarlo), len(out.FokkerPlanck), done)
	}
	for i, m := range out.MonteCarlo {
		if m.Seed != erasure.PointSeed(5, 100+i) || m.Trajectories != 2000 || m.Duration != sw.Durations[i] {
			t.Errorf("point %d: seed %d, %d trajectories, τ = %g", i, m.Seed, m.Trajectories, m.Duration)
		}
	}
	var w, se, wfp []float64
	for i := 1; i < 4; i++ {
		w, se = append(w, out.MonteCarlo[i].Work.Value), append(se, out.MonteCarlo[i].Work.StandardError())
		wfp = append(wfp, out.FokkerPlanck[i].Work.Value)
	}
	want, err := stats.FitInverse(sw.Durations[1:], w, se)
	if err != nil {
		t.Fatal(err)
	}
	wantFP, err := stats.FitInverse(sw.Durations[1:], wfp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Fit != want || out.Fit.N != 3 || out.FPFit.Inf != wantFP.Inf || out.FPFit.B != wantFP.B || !math.IsNaN(out.FPFit.ChiSquareDOF) {
		t.Errorf("fits %+v and %+v, want %+v and %+v", out.Fit, out.FPFit, want, wantFP)
	}
	if d := math.Abs(out.Fit.B - out.FPFit.B); !(d <= 5*out.Fit.BSE) {
		t.Errorf("Monte Carlo B = %.3f ± %.3f, Fokker–Planck %.3f", out.Fit.B, out.Fit.BSE, out.FPFit.B)
	}
	// A study that cannot be built stops the sweep with the error.
	sw.Study = func(int, float64) (*erasure.Study, error) { return fourStage(0, -1) }
	if _, err := sw.Run(ctx); err == nil {
		t.Error("a negative duration ran")
	}
}

// FitResults fits the chosen quantity with its standard errors, in the
// durations given (here τ in units of 4 t0), and needs one duration per
// result.
func TestFitResults(t *testing.T) {
	var rs []erasure.Result
	taus := []float64{1, 2, 4, 8}
	for _, tau := range taus {
		rs = append(rs, erasure.Result{Duration: 4 * tau, Work: stats.Mean(1+3/tau, 0.1), Heat: stats.Mean(2+1/tau, 0.2)})
	}
	f, err := repro.FitResults(taus, rs, 2, nil)
	if err != nil || f.N != 3 || math.Abs(f.Inf-1) > 1e-12 || math.Abs(f.B-3) > 1e-12 || !(f.InfSE > 0) {
		t.Errorf("work: %+v, %v", f, err)
	}
	f, err = repro.FitResults(taus, rs, 0, func(r *erasure.Result) (float64, float64) { return r.Heat.Value, r.Heat.StandardError() })
	if err != nil || f.N != 4 || math.Abs(f.Inf-2) > 1e-12 || math.Abs(f.B-1) > 1e-12 {
		t.Errorf("heat: %+v, %v", f, err)
	}
	if _, err := repro.FitResults(taus[:3], rs, 0, nil); err == nil {
		t.Error("3 durations for 4 results: no error")
	}
}
