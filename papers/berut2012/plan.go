package berut2012

import "github.com/landauer-dev/landauer/erasure"

// Plan lists the studies Run makes, in order, one group per point it
// reports through Progress (the tilt at every τ, then the whole cycle at
// every τ, each by Monte Carlo and Fokker–Planck), with the ensemble sizes su asks for: for a
// cost estimate before the run.
func Plan(su Setup) ([][]*erasure.Study, error) {
	sched := su.Schedule
	if sched == "" {
		sched = FixedForce
	}
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	n := su.Trajectories
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	// Run's order: the tilt at every τ, then the whole cycle at every τ.
	var plan [][]*erasure.Study
	for k := range 2 {
		for _, tauS := range taus {
			full, tilt, err := Protocols(sched, tauS)
			if err != nil {
				return nil, err
			}
			s := Study([]erasure.Protocol{tilt, full}[k])
			s.Trajectories, s.Workers = n, su.Workers
			plan = append(plan, erasure.BothMethods(s))
		}
	}
	return plan, nil
}
