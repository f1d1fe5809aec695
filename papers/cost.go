package papers

import (
	"context"
	"fmt"
	"os"

	"github.com/landauer-dev/landauer/erasure"
	meter "github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/papers/berut2012"
	"github.com/landauer-dev/landauer/papers/dago2021"
	"github.com/landauer-dev/landauer/papers/gavrilov2016"
	"github.com/landauer-dev/landauer/papers/gavrilov2017"
	"github.com/landauer-dev/landauer/papers/jun2014"
	"github.com/landauer-dev/landauer/papers/nestbench25"
)

// planners build the studies of the papers whose work is a list of
// studies, one group per point they report (Options.Log), in the order
// they run them. The others (optimisations, minimisations, Gillespie
// sampling, custom integrators) have no plan: no cost estimate and no ETA.
var planners = map[string]func(Options) ([][]*erasure.Study, error){
	"nestbench25": func(o Options) ([][]*erasure.Study, error) {
		su := nestbench25.Setup{Trajectories: o.Trajectories, Workers: o.Workers}
		if su.Trajectories == 0 && o.Quick {
			su.Trajectories = 10000 // as runNestbench25
		}
		if o.ProtocolFile != "" {
			f, err := os.Open(o.ProtocolFile)
			if err != nil {
				return nil, &InputError{err}
			}
			defer f.Close()
			if su.Table, err = nestbench25.ParseTable(safeio.LimitReader(f, 0, o.ProtocolFile)); err != nil {
				return nil, &InputError{fmt.Errorf("%s: %v", o.ProtocolFile, err)}
			}
		}
		return nestbench25.Plan(su)
	},
	"jun2014": func(o Options) ([][]*erasure.Study, error) {
		return jun2014.Plan(jun2014.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
	},
	"berut2012": func(o Options) ([][]*erasure.Study, error) {
		var plan [][]*erasure.Study
		for _, sched := range []string{berut2012.FixedForce, berut2012.FixedImpulse} { // as runBerut2012
			p, err := berut2012.Plan(berut2012.Setup{Quick: o.Quick, Schedule: sched, Trajectories: o.Trajectories, Workers: o.Workers})
			if err != nil {
				return nil, err
			}
			plan = append(plan, p...)
		}
		return plan, nil
	},
	"gavrilov2016": func(o Options) ([][]*erasure.Study, error) {
		return gavrilov2016.Plan(gavrilov2016.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
	},
	"dago2021": func(o Options) ([][]*erasure.Study, error) {
		opt := dago2021.DefaultOptions() // as runDago2021
		if o.Quick {
			opt = dago2021.QuickOptions()
		}
		if o.Trajectories > 0 {
			opt.Trajectories = o.Trajectories
		}
		opt.Workers = o.Workers
		return dago2021.Plan(opt)
	},
	"gavrilov2017": func(o Options) ([][]*erasure.Study, error) {
		return gavrilov2017.Plan(gavrilov2017.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
	},
}

// Plan returns the studies a run of p with o makes, one group per point
// it reports, with the ensemble sizes o asks for (Trajectories, Quick), for
// a cost estimate before the run (the command line's --max-time gate).
// ok is false for a paper whose work is not a list of studies.
func (p Paper) Plan(o Options) (plan [][]*erasure.Study, ok bool, err error) {
	f := planners[p.Name]
	if f == nil {
		return nil, false, nil
	}
	plan, err = f(o)
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
	name  string
}

// newTracker plans p's run for o.Observe; nil when there is no Observe or
// no plan.
func newTracker(ctx context.Context, p Paper, o Options) (*tracker, error) {
	if o.Observe == nil {
		return nil, nil
	}
	plan, ok, err := p.Plan(o)
	if err != nil || !ok {
		return nil, err
	}
	return &tracker{steps: meter.NewSteps(o.Observe, erasure.StepCosts(ctx, plan)), name: p.Name}, nil
}

// point marks the next point done.
func (t *tracker) point() {
	if t == nil {
		return
	}
	t.steps.Done(fmt.Sprintf("%d/%d points", min(t.steps.Next()+1, t.steps.Len()), t.steps.Len()))
}

// finish marks the run done.
func (t *tracker) finish() {
	if t == nil {
		return
	}
	t.steps.Finish(fmt.Sprintf("%d/%d points", t.steps.Len(), t.steps.Len()))
}
