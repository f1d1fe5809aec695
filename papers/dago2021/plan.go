package dago2021

import (
	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
)

// Plan lists the ensembles Run integrates, one per (Q, τ) row in its
// order, as studies of the same potential, protocol, dynamics and size (for
// a cost estimate before the run; Run reports no points, so they make one
// group).
func Plan(opt Options) ([][]*erasure.Study, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	pot := DoubleWell{X1: opt.X1}
	var g []*erasure.Study
	for _, q := range opt.Qualities {
		for _, tau := range opt.Durations {
			proto, err := pot.Erasure(tau)
			if err != nil {
				return nil, err
			}
			g = append(g, &erasure.Study{Potential: pot, Protocol: proto, Target: 1, // x > 0 is correct (simulate counts x < 0 as errors)
				Dynamics:     langevin.Dynamics{Kind: langevin.Underdamped, Dt: opt.Dt, Friction: 1 / q, Mass: 1, Temperature: 1},
				Trajectories: opt.Trajectories, Workers: opt.Workers})
		}
	}
	return [][]*erasure.Study{g}, nil
}
