package repro

import (
	"context"
	"fmt"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
)

// Sweep is a sweep over a protocol's duration τ, the measurement of most
// erasure experiments: at each τ one study run by Monte Carlo and by its
// Fokker–Planck twin (erasure.Study.RunBoth), then a fit of
// y(τ) = Y∞ + B/τ to each curve over τ ≥ FitMin (stats.FitInverse; the
// Monte Carlo fit weighted by the standard errors, the Fokker–Planck one
// unweighted).
type Sweep struct {
	// Name prefixes errors (e.g. "jun2014").
	Name string
	// Durations are the τ of the points, in the paper's unit (τ0, s, t0);
	// the fit is made in this unit whatever the studies' time unit.
	Durations []float64
	// Study builds the study of point i at duration tau; Run then sets its
	// ensemble: Trajectories, Seed erasure.PointSeed(Seed, SeedOffset + i)
	// and Workers.
	Study        func(i int, tau float64) (*erasure.Study, error)
	Trajectories int
	Seed         uint64
	SeedOffset   int
	Workers      int
	// Y is the fitted quantity and its standard error; nil: ⟨W⟩ and its
	// standard error (work_mean, work_sem).
	Y func(r *erasure.Result) (v, se float64)
	// FitMin is the shortest τ of the fits (Durations' unit).
	FitMin float64
	// Done, when not nil, is told about each point as it finishes.
	Done func(tau float64, mc, fp *erasure.Result)
}

// SweepResult is what a Sweep found: the results in the order of the
// durations, and the fits Y∞ + B/τ (Y∞ in y's unit, B in y's unit times
// the durations').
type SweepResult struct {
	MonteCarlo, FokkerPlanck []erasure.Result
	Fit, FPFit               stats.InverseFit
}

// Run runs the sweep's points in order and fits both curves.
func (s Sweep) Run(ctx context.Context) (*SweepResult, error) {
	mc, fp, err := erasure.RunBothAt(ctx, s.Durations, func(i int, tau float64) (*erasure.Study, error) {
		st, err := s.Study(i, tau)
		if err != nil {
			return nil, err
		}
		st.Trajectories, st.Seed, st.Workers = s.Trajectories, erasure.PointSeed(s.Seed, i+s.SeedOffset), s.Workers
		return st, nil
	}, s.Done)
	if err != nil {
		return nil, err
	}
	out := &SweepResult{MonteCarlo: mc, FokkerPlanck: fp}
	if out.Fit, err = FitResults(s.Durations, mc, s.FitMin, s.Y); err != nil {
		return nil, fmt.Errorf("%s: Monte Carlo: %v", s.Name, err)
	}
	if out.FPFit, err = FitResults(s.Durations, fp, s.FitMin, s.Y); err != nil {
		return nil, fmt.Errorf("%s: Fokker–Planck: %v", s.Name, err)
	}
	return out, nil
}

// FitResults fits y = Y∞ + B/τ (stats.FitInverseFrom) to the results with
// τ ≥ minTau, where tau[i] is result i's duration in the fit's unit, and y
// gives the value and its standard error (nil: work_mean and work_sem):
// weighted when the errors are > 0, unweighted when they are 0 (exact
// Fokker–Planck values).
func FitResults(tau []float64, rs []erasure.Result, minTau float64, y func(r *erasure.Result) (v, se float64)) (stats.InverseFit, error) {
	if len(tau) != len(rs) {
		return stats.InverseFit{}, fmt.Errorf("%d durations for %d results", len(tau), len(rs))
	}
	if y == nil {
		y = func(r *erasure.Result) (float64, float64) { return r.Work.Value, r.Work.StandardError() }
	}
	v, se := make([]float64, len(rs)), make([]float64, len(rs))
	for i := range rs {
		v[i], se[i] = y(&rs[i])
	}
	return stats.FitInverseFrom(tau, v, se, minTau)
}
