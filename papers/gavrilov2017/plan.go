package gavrilov2017

import (
	"math"

	"github.com/landauer-dev/landauer/erasure"
)

// Plan lists the studies Run makes, in order, one group per point it
// reports through Progress (the Fokker–Planck strata, then the Monte Carlo
// ones at the Monte Carlo durations), with the ensemble sizes su asks for:
// for a cost estimate before the run.
func Plan(su Setup) ([][]*erasure.Study, error) {
	taus, slow, n := su.Durations, su.SlowFP, su.Trajectories
	if taus == nil {
		taus = Durations(su.Quick)
	}
	if slow == nil {
		slow = SlowDurations(su.Quick)
	}
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	dt := Dt
	if su.Quick {
		dt = QuickDt
	}
	var plan [][]*erasure.Study
	for _, c := range []Case{{SymmetricStorage, false, nil, nil}, {SymmetricStorage, true, nil, nil},
		{EquilibriumStorage, false, nil, nil}, {EquilibriumStorage, true, nil, nil}} {
		strata := [][2]float64{{0, 1}} // side, weight: as point
		if c.Storage == SymmetricStorage {
			strata = [][2]float64{{-1, 1 - P0}, {+1, P0}}
		}
		for i, tau := range append(append([]float64{}, taus...), slow...) {
			var step []*erasure.Study
			for _, method := range []string{erasure.FokkerPlanck, erasure.MonteCarlo} {
				if method == erasure.MonteCarlo && i >= len(taus) {
					continue
				}
				for _, sr := range strata {
					s, err := Study(c.Storage, c.Symmetric, tau, int(sr[0]))
					if err != nil {
						return nil, err
					}
					s.Method = method
					if method == erasure.MonteCarlo {
						s.Trajectories = max(2, int(math.Round(sr[1]*float64(n))))
						s.Workers, s.Dynamics.Dt = su.Workers, dt
					}
					step = append(step, s)
				}
			}
			plan = append(plan, step)
		}
	}
	return plan, nil
}
