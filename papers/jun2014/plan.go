package jun2014

import "github.com/landauer-dev/landauer/erasure"

// Plan lists the studies Run makes, in order, one group per point it
// reports through Progress (the Monte Carlo study, then its Fokker–Planck
// twin), with the ensemble sizes su asks for: for a cost estimate before
// the run.
func Plan(su Setup) ([][]*erasure.Study, error) {
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	n := su.Trajectories
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	var plan [][]*erasure.Study
	for _, A := range []float64{Tilt, 0} {
		for _, tau := range taus {
			s, err := Study(A, tau)
			if err != nil {
				return nil, err
			}
			s.Trajectories, s.Workers = n, su.Workers
			plan = append(plan, erasure.BothMethods(s))
		}
	}
	return plan, nil
}
