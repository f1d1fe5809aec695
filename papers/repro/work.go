package repro

import (
	"context"
	"fmt"

	meter "github.com/landauer-dev/landauer/internal/progress"
)

// Step is one unit of a paper's work that is not an erasure study (a
// Gillespie ensemble, a Fokker–Planck solve, an optimisation): Units of
// work done at Rate units per second, so that it takes Seconds() = Units/Rate
// seconds of wall time. Paper.Work lists them for the papers whose work is
// not a list of studies; Rate is measured by Paper.Work where the cost
// grows with Options.Trajectories, or a documented measured constant where
// it is fixed.
type Step struct {
	Note  string  // what the step is, e.g. "Gillespie sudden raise"
	Units float64 // work units, e.g. trajectories
	Rate  float64 // units per second (> 0)
}

// Seconds is the step's estimated wall time, Units/Rate in s.
func (s Step) Seconds() float64 { return s.Units / s.Rate }

// Estimate returns the estimated wall time in seconds of a run of p with
// o from Paper.Work (the sum of its steps' Seconds) and the step that
// costs most; ok is false when p has no Work (see Plan for the papers with
// Studies).
func (p Paper) Estimate(ctx context.Context, o Options) (seconds float64, biggest Step, ok bool, err error) {
	if p.Work == nil {
		return 0, Step{}, false, nil
	}
	steps, err := p.Work(ctx, o)
	if err != nil {
		return 0, Step{}, false, err
	}
	for _, s := range steps {
		if !(s.Rate > 0) || s.Units < 0 {
			return 0, Step{}, false, fmt.Errorf("%s: step %q has units %g at rate %g/s", p.Name, s.Note, s.Units, s.Rate)
		}
		seconds += s.Seconds()
		if s.Seconds() > biggest.Seconds() || biggest.Rate == 0 {
			biggest = s
		}
	}
	return seconds, biggest, true, nil
}

// newWorkTracker plans p's run from Paper.Work for o.Observe: one
// progress step per Step at its Seconds.
func newWorkTracker(ctx context.Context, p Paper, o Options) (*tracker, error) {
	steps, err := p.Work(ctx, o)
	if err != nil {
		return nil, err
	}
	cost := make([]float64, len(steps))
	for i, s := range steps {
		cost[i] = s.Seconds()
	}
	return &tracker{steps: meter.NewSteps(o.Observe, cost), unit: "steps"}, nil
}

// Step reports one finished step of a paper's Work (or point of its
// Studies): the line to Log and the progress to Observe. It does nothing
// when there is neither.
func (o Options) Step(msg string) {
	if f := o.Progress(); f != nil {
		f(msg)
	}
}
