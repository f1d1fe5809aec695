package repro

import (
	"context"
	"fmt"

	"github.com/landauer-dev/landauer/erasure"
	meter "github.com/landauer-dev/landauer/internal/progress"
)

// Plan returns the studies a run of p with o makes (Paper.Studies), one
// group per point it reports, with the ensemble sizes o asks for
// (Trajectories, Quick), for a cost estimate before the run (the command
// line's --max-time gate). ok is false for a paper whose work is not a
// list of studies (optimisations, minimisations, Gillespie sampling,
// custom integrators): no cost estimate and no ETA.
func (p Paper) Plan(o Options) (plan [][]*erasure.Study, ok bool, err error) {
	if p.Studies == nil {
		return nil, false, nil
	}
	plan, err = p.Studies(o)
	return plan, err == nil, err
}

// MonteCarlo returns the Monte Carlo studies of a plan.
func MonteCarlo(plan [][]*erasure.Study) []*erasure.Study {
	var mc []*erasure.Study
	for _, g := range plan {
		for _, s := range g {
			if s.Method != erasure.FokkerPlanck {
				mc = append(mc, s)
			}
		}
	}
	return mc
}

// tracker follows a run's points for Options.Observe: the plan's steps at
// their estimated costs (erasure.StepCosts), one done per point reported.
type tracker struct {
	steps *meter.Steps
	unit  string // "points" (Studies) or "steps" (Work)
}

// newTracker plans p's run for o.Observe; nil when there is no Observe or
// no plan.
func newTracker(ctx context.Context, p Paper, o Options) (*tracker, error) {
	if o.Observe == nil {
		return nil, nil
	}
	if p.Studies == nil && p.Work != nil {
		return newWorkTracker(ctx, p, o)
	}
	plan, ok, err := p.Plan(o)
	if err != nil || !ok {
		return nil, err
	}
	return &tracker{steps: meter.NewSteps(o.Observe, erasure.StepCosts(ctx, plan)), unit: "points"}, nil
}

// point marks the next point done.
func (t *tracker) point() {
	if t == nil {
		return
	}
	t.steps.Done(fmt.Sprintf("%d/%d %s", min(t.steps.Next()+1, t.steps.Len()), t.steps.Len(), t.unit))
}

// finish marks the run done.
func (t *tracker) finish() {
	if t == nil {
		return
	}
	t.steps.Finish(fmt.Sprintf("%d/%d %s", t.steps.Len(), t.steps.Len(), t.unit))
}
